/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * coco-attest attest: s390x Secure Execution attestation from inside the
 * guest.  Build an ARCB for the given host keys with a fresh measurement
 * key, nonce and protection key; perform it through /dev/uv (or, for
 * hosted tests, the Ultravisor firmware model of tools/coco/simfw
 * directly); recompute the HMAC-SHA512 over the expected SE-header tags,
 * the returned CUID, the user data, the nonce and the returned additional
 * data, and compare in constant time.
 */
#ifndef COCO_ATTEST_S390_ATTEST_H
#define COCO_ATTEST_S390_ATTEST_H

#include <stdio.h>

int cmd_attest(int argc, char **argv);
int cmd_sim_host_key(int argc, char **argv);
void attest_usage(FILE *f);

#endif /* COCO_ATTEST_S390_ATTEST_H */

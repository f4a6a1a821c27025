/* SPDX-License-Identifier: GPL-2.0-only */
/* coco-attest: report, key and certs, run inside an SEV-SNP guest. */
#ifndef COCO_ATTEST_FETCH_H
#define COCO_ATTEST_FETCH_H

#include <stdio.h>

/* Exit status of report/key/certs when the device or firmware failed. */
#define EXIT_DEVICE	3

void fetch_usage(FILE *f);
int cmd_report(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_certs(int argc, char **argv);

#endif /* COCO_ATTEST_FETCH_H */

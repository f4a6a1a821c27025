/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * coco-attest verify: the checks, run in a fixed order, stopping at the
 * first failure so the one that failed can be named exactly.
 */
#ifndef COCO_ATTEST_VERIFY_H
#define COCO_ATTEST_VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report.h"

struct verify_opts {
	const char *vcek_path;		/* VCEK or VLEK, PEM or DER */
	const char *ask_path;		/* ASK (or ASVK for a VLEK) */
	const char *ark_path;		/* the pinned root */
	const char *certs_path;		/* extended-report certificate table */
	bool no_chain;			/* explicitly skip the chain check */
	bool no_check_time;		/* ignore certificate validity dates */
	bool have_at_time;		/* check validity at at_time, not now */
	int64_t at_time;		/* seconds since the epoch */
	enum snp_gen gen;		/* --gen, or SNP_GEN_UNKNOWN */

	bool have_nonce;
	size_t nonce_len;		/* <= 64; zero-padded to 64 */
	uint8_t nonce[64];

	bool policy_no_debug;
	bool policy_no_migrate;

	bool have_min_tcb;
	bool min_tcb_has_fmc;
	struct snp_tcb min_tcb;		/* bl, tee, snp, ucode [, fmc] */

	bool have_measurement;
	uint8_t measurement[48];
};

enum check_status {
	CHECK_NOT_RUN = 0,
	CHECK_PASS,
	CHECK_FAIL,
	CHECK_SKIP,
};

#define VERIFY_DETAIL_LEN	320

struct check_result {
	const char *name;
	enum check_status status;
	char detail[VERIFY_DETAIL_LEN];
};

enum verify_check_id {
	VC_STRUCTURE,
	VC_CERTS,
	VC_CHAIN,
	VC_SIGNATURE,
	VC_GENERATION,
	VC_TCB,
	VC_CHIP_ID,
	VC_REPORT_DATA,
	VC_POLICY,
	VC_MIN_TCB,
	VC_MEASUREMENT,
	VC_COUNT,
};

struct verify_result {
	struct check_result c[VC_COUNT];
	int failed;			/* index of the failed check, or -1 */
};

int verify_report(const uint8_t *buf, size_t len,
		  const struct verify_opts *o, struct verify_result *res);

#endif /* COCO_ATTEST_VERIFY_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* coco-attest show: every field of a report, as text or as JSON. */
#ifndef COCO_ATTEST_SHOW_H
#define COCO_ATTEST_SHOW_H

#include <stdio.h>

#include "report.h"

/* where the generation used for the TCB layout came from */
struct show_gen {
	enum snp_gen gen;
	const char *source;	/* "--gen", "cpuid" or "none" */
};

struct show_gen show_pick_gen(const struct snp_report *r, enum snp_gen opt);
void show_text(FILE *f, const struct snp_report *r, struct show_gen g,
	       const char *structure_err);
void show_json(FILE *f, const struct snp_report *r, struct show_gen g,
	       const char *structure_err);

#endif /* COCO_ATTEST_SHOW_H */

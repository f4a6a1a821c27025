/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SNP page state: moving guest memory between private and shared with
 * PVALIDATE and Page State Change requests, in the order that keeps every
 * page either validated-private or invalid-shared.
 */
#ifndef _COCO_X86_SNP_PSC_H
#define _COCO_X86_SNP_PSC_H

#include <linux/types.h>
#include <coco/ghcb.h>

/**
 * struct coco_psc_batch - one request's entries, kept in private memory
 * @n: entries used
 * @va: first guest virtual address of each entry
 * @entry: the entries as sent
 */
struct coco_psc_batch {
	unsigned int n;
	unsigned long va[PSC_MAX_ENTRIES];
	u64 entry[PSC_MAX_ENTRIES];
};

/**
 * struct coco_snp_mem - how page state changes are carried out
 * @plat: the platform seam
 * @ghcb: the vCPU's GHCB, or NULL to use the MSR protocol (one exit per
 *	4 KiB page; before any GHCB exists)
 * @max_entries: entries per Page State Change request, 1..253
 * @term_reason: on failure, the GHCB_TERM_* reason (set 1) the caller
 *	should terminate with
 * @nr_psc_exits: Page State Change exits made
 * @nr_psc_entries: entries sent
 * @nr_pvalidate: PVALIDATE instructions executed
 * @batch: scratch space for one request (too large for a kernel stack)
 */
struct coco_snp_mem {
	const struct coco_platform *plat;
	struct coco_ghcb *ghcb;
	unsigned int max_entries;
	unsigned int term_reason;
	unsigned long nr_psc_exits;
	unsigned long nr_psc_entries;
	unsigned long nr_pvalidate;
	struct coco_psc_batch batch;
};

int coco_snp_set_memory(struct coco_snp_mem *m, unsigned long va,
			unsigned long npages, bool shared);

#endif /* _COCO_X86_SNP_PSC_H */

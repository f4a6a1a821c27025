// SPDX-License-Identifier: GPL-2.0-only
/*
 * SNP page state changes.
 *
 * private -> shared: rescind validation, ask the hypervisor to make the
 * pages shared, then clear the C-bit.  shared -> private: set the C-bit,
 * ask for private, then validate.  Requests carry up to 253 entries (the
 * protocol maximum) with 2 MiB entries wherever a whole aligned 2 MiB page
 * is covered.  Any failure leaves pages in a state the guest cannot know:
 * the caller must leak the whole range and should terminate.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/byteimg_le.h>
#include <coco/snp_psc.h>

#define SZ_2M_BYTES		(SEV_PAGE_SIZE * SEV_PAGES_PER_2M)
/* A hypervisor that makes no progress this many times in a row is broken. */
#define PSC_MAX_STALLS		16

static bool psc_entry_is_2m(u64 entry)
{
	return entry & PSC_ENTRY_2M;
}

static int psc_fail(struct coco_snp_mem *m, unsigned int reason)
{
	m->term_reason = reason;
	return -EIO;
}

static int psc_pvalidate_one(struct coco_snp_mem *m, unsigned long va,
			     bool huge, bool validate)
{
	unsigned long i;
	int rc;

	m->nr_pvalidate++;
	rc = m->plat->pvalidate(m->plat, va, huge, validate);
	if (rc == PVALIDATE_OK)
		return 0;
	/* The RMP holds 4 KiB entries here: do the 2 MiB page piecewise. */
	if (huge && rc == PVALIDATE_FAIL_SIZEMISMATCH) {
		for (i = 0; i < SEV_PAGES_PER_2M; i++) {
			rc = psc_pvalidate_one(m, va + i * SEV_PAGE_SIZE, false,
					       validate);
			if (rc)
				return rc;
		}
		return 0;
	}
	/* NOUPDATE means double (in)validation: someone replayed state. */
	return psc_fail(m, GHCB_TERM_PVALIDATE);
}

static int psc_pvalidate_batch(struct coco_snp_mem *m,
			       const struct coco_psc_batch *b, bool validate)
{
	unsigned int i;
	int ret;

	for (i = 0; i < b->n; i++) {
		ret = psc_pvalidate_one(m, b->va[i],
					psc_entry_is_2m(b->entry[i]), validate);
		if (ret)
			return ret;
	}
	return 0;
}

static int psc_msr_batch(struct coco_snp_mem *m, const struct coco_psc_batch *b,
			 bool shared)
{
	unsigned long pages, p;
	unsigned int i;
	u64 gfn;

	for (i = 0; i < b->n; i++) {
		gfn = (b->entry[i] & PSC_ENTRY_GFN_MASK) >> PSC_ENTRY_GFN_SHIFT;
		pages = psc_entry_is_2m(b->entry[i]) ? SEV_PAGES_PER_2M : 1;
		for (p = 0; p < pages; p++) {
			m->nr_psc_exits++;
			if (coco_ghcb_msr_psc(m->plat, gfn + p, shared))
				return psc_fail(m, GHCB_TERM_PSC);
		}
	}
	return 0;
}

static int psc_ghcb_batch(struct coco_snp_mem *m, const struct coco_psc_batch *b)
{
	u8 *buf = coco_ghcb_shared_buf(m->ghcb);
	u16 end = b->n - 1, cur = 0, hv_cur, hv_end;
	unsigned int i, stalls = 0;
	struct coco_ghcb_call call;
	u32 reserved;

	coco_put_le16(buf + PSC_OFF_CUR_ENTRY, 0);
	coco_put_le16(buf + PSC_OFF_END_ENTRY, end);
	coco_put_le32(buf + PSC_OFF_RESERVED, 0);
	for (i = 0; i < b->n; i++)
		coco_put_le64(buf + PSC_OFF_ENTRIES + i * PSC_ENTRY_SIZE,
			      b->entry[i]);

	while (cur <= end) {
		call = (struct coco_ghcb_call){
			.exit_code = SVM_VMGEXIT_PSC,
			.in = {
				.valid = COCO_GHCB_SCRATCH,
				.scratch = coco_ghcb_shared_buf_gpa(m->ghcb),
			},
		};
		m->nr_psc_exits++;
		if (coco_ghcb_hv_call(m->plat, m->ghcb, &call) ||
		    call.out_info2)
			return psc_fail(m, GHCB_TERM_PSC);

		/* The hypervisor rewrote the header: read it once, judge the copy. */
		hv_cur = coco_get_le16(buf + PSC_OFF_CUR_ENTRY);
		hv_end = coco_get_le16(buf + PSC_OFF_END_ENTRY);
		reserved = coco_get_le32(buf + PSC_OFF_RESERVED);
		if (reserved || hv_end != end || hv_cur < cur ||
		    hv_cur > end + 1)
			return psc_fail(m, GHCB_TERM_PSC);
		if (hv_cur == cur && ++stalls > PSC_MAX_STALLS)
			return psc_fail(m, GHCB_TERM_PSC);
		if (hv_cur != cur)
			stalls = 0;
		cur = hv_cur;
	}
	return 0;
}

/* Fill @b from @va on; returns the number of 4 KiB pages it covers. */
static unsigned long psc_fill(struct coco_snp_mem *m, struct coco_psc_batch *b,
			      unsigned long va, unsigned long npages, bool shared)
{
	u64 op = shared ? PSC_OP_SHARED : PSC_OP_PRIVATE;
	unsigned long done = 0;
	u64 gpa, entry;
	bool huge;

	b->n = 0;
	while (done < npages && b->n < m->max_entries) {
		gpa = m->plat->va_to_gpa(m->plat, (void *)va);
		huge = !(va % SZ_2M_BYTES) && !(gpa % SZ_2M_BYTES) &&
		       npages - done >= SEV_PAGES_PER_2M &&
		       m->plat->va_to_gpa(m->plat, (void *)(va + SZ_2M_BYTES -
							    SEV_PAGE_SIZE)) ==
		       gpa + SZ_2M_BYTES - SEV_PAGE_SIZE;
		entry = (gpa & PSC_ENTRY_GFN_MASK) | (op << PSC_ENTRY_OP_SHIFT);
		if (huge)
			entry |= PSC_ENTRY_2M;
		b->va[b->n] = va;
		b->entry[b->n++] = entry;
		va += huge ? SZ_2M_BYTES : SEV_PAGE_SIZE;
		done += huge ? SEV_PAGES_PER_2M : 1;
	}
	m->nr_psc_entries += b->n;
	return done;
}

static int psc_batch_apply(struct coco_snp_mem *m, const struct coco_psc_batch *b,
			   unsigned long va, unsigned long pages, bool shared)
{
	const struct coco_platform *plat = m->plat;
	int ret;

	/* Without set_cbit the caller changes its own mappings around us. */
	if (shared) {
		ret = psc_pvalidate_batch(m, b, false);
		if (ret)
			return ret;
	} else if (plat->set_cbit && plat->set_cbit(plat, va, pages, true)) {
		return psc_fail(m, GHCB_TERM_PSC);
	}

	ret = m->ghcb ? psc_ghcb_batch(m, b) : psc_msr_batch(m, b, shared);
	if (ret)
		return ret;

	if (!shared)
		return psc_pvalidate_batch(m, b, true);
	if (plat->set_cbit && plat->set_cbit(plat, va, pages, false))
		return psc_fail(m, GHCB_TERM_PSC);
	return 0;
}

/**
 * coco_snp_set_memory() - make guest pages shared or private
 * @m: how to carry the changes out, with statistics
 * @va: first page, 4 KiB aligned, physically contiguous with the rest
 * @npages: number of 4 KiB pages
 * @shared: true for private -> shared, false for shared -> private
 *
 * Return: 0; -EINVAL for a misaligned address, an empty range, or a
 * @m->max_entries outside 1..253; -EIO when the hypervisor or PVALIDATE
 * failed (@m->term_reason says which).  After -EIO the pages must never be
 * returned to an allocator.
 */
int coco_snp_set_memory(struct coco_snp_mem *m, unsigned long va,
			unsigned long npages, bool shared)
{
	struct coco_psc_batch *b = &m->batch;
	unsigned long pages;
	int ret;

	if ((va % SEV_PAGE_SIZE) || !npages || !m->max_entries ||
	    m->max_entries > PSC_MAX_ENTRIES)
		return -EINVAL;
	while (npages) {
		pages = psc_fill(m, b, va, npages, shared);
		ret = psc_batch_apply(m, b, va, pages, shared);
		if (ret)
			return ret;
		va += pages * SEV_PAGE_SIZE;
		npages -= pages;
	}
	return 0;
}

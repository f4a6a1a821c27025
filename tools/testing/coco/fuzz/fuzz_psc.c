// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for SNP page state changes (snp_psc.c): a range of
 * guest pages made shared or private through a GHCB (or the MSR protocol)
 * whose every Page State Change answer (header cur/end/reserved,
 * SW_EXITINFO1/2, MSR responses) comes from the input, as do PVALIDATE
 * results and C-bit changes.  Checked, besides "no crash":
 *   - termination: at most entries * 17 + 17 Page State Change exits
 *     (each entry may be preceded by 16 stalls; a broken batch ends after
 *     17), checked at every exit so that a loop traps at once;
 *   - the result is 0, -EINVAL (bad arguments, and then no exit and no
 *     PVALIDATE at all) or -EIO with term_reason PSC or PVALIDATE matching
 *     what failed last;
 *   - the order that keeps every page validated-private or invalid-shared:
 *     to share, PVALIDATE(rescind) before the request, C-bit cleared only
 *     after it; to make private, C-bit set before the request, PVALIDATE
 *     only after it; entries name exactly the range's pages with the right
 *     operation; no page is validated twice; PVALIDATE only inside the
 *     range, with the right direction and alignment;
 *   - success means every page of the range was requested, (in)validated
 *     and, with a C-bit operation, has the C-bit of its new state;
 *   - nothing is taken back from the shared buffer but the header: the
 *     hypervisor may scribble over the entries.
 *
 * Input: a 9-byte prefix (modes, range start and length, offset to
 * physical, max_entries; inputs under 12 bytes are skipped), then the
 * answers, consumed in the order the guest asks.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/errno.h>
#include <coco/byteimg_le.h>
#include <coco/ghcb.h>
#include <coco/sev.h>
#include <coco/snp_psc.h>
#include "fuzz_tape.h"

#define PAGE		SEV_PAGE_SIZE
#define SZ_2M		(PAGE * SEV_PAGES_PER_2M)
#define MAX_PAGES	2048UL
#define VA_BASE		0x7f0000000000UL
#define GHCB_GPA	0xfff000ULL

#define F_SHARED	0x01
#define F_MSR		0x02	/* no GHCB: the MSR protocol */
#define F_NO_CBIT	0x04	/* the caller owns the page tables */
#define F_RAW_MAX	0x08	/* max_entries unchecked (may be invalid) */
#define F_UNALIGNED	0x10
#define F_ZERO_PAGES	0x20

enum last { LAST_NONE, LAST_PSC, LAST_PVALIDATE_FAIL, LAST_CBIT_FAIL };

static struct {
	struct tape t;
	struct coco_snp_mem m;
	struct coco_ghcb ghcb;
	u8 *page;
	u64 msr;
	bool shared, cbit_op;
	unsigned long va, npages;
	u64 gpa0;		/* gpa of va */
	/* per-page model */
	u8 requested[MAX_PAGES];
	u8 validated[MAX_PAGES];	/* done in this call's direction */
	u8 enc[MAX_PAGES];		/* C-bit */
	unsigned long exits, pvalidates;
	enum last last;
	u8 last_buf[PSC_OFF_ENTRIES + PSC_MAX_ENTRIES * PSC_ENTRY_SIZE];
} s;

static u64 fake_msr_read(const struct coco_platform *plat)
{
	return s.msr;
}

static void fake_msr_write(const struct coco_platform *plat, u64 val)
{
	s.msr = val;
}

static u64 fake_va_to_gpa(const struct coco_platform *plat, const void *va)
{
	unsigned long v = (unsigned long)va;

	if (va == s.page)
		return GHCB_GPA;
	/* Only pages of the range are ever translated. */
	CHECK(v >= s.va && v < s.va + s.npages * PAGE);
	return v - s.va + s.gpa0;
}

/* Page index in the range of guest physical address @gpa, checked. */
static unsigned long gpa_index(u64 gpa)
{
	CHECK(gpa >= s.gpa0 && gpa < s.gpa0 + s.npages * PAGE);
	CHECK(!(gpa % PAGE));
	return (gpa - s.gpa0) / PAGE;
}

static unsigned long va_index(unsigned long va)
{
	CHECK(va >= s.va && va < s.va + s.npages * PAGE);
	CHECK(!(va % PAGE));
	return (va - s.va) / PAGE;
}

/* One page asked for: not before it may be, not twice. */
static void request_page(unsigned long i, u64 op)
{
	CHECK(op == (s.shared ? PSC_OP_SHARED : PSC_OP_PRIVATE));
	if (s.shared)	/* validation rescinded first */
		CHECK(s.validated[i]);
	else		/* nothing validated yet */
		CHECK(!s.validated[i]);
	/* C-bit: still private when sharing, already private otherwise. */
	if (s.cbit_op)
		CHECK(s.enc[i]);
	s.requested[i] = 1;
}

static void check_exit_bound(void)
{
	s.exits++;
	/* Progress or 16 stalls per entry; a broken batch ends after 17. */
	if (s.m.ghcb)
		CHECK(s.exits <= s.m.nr_psc_entries * 17 + 17);
	else	/* one exit per 4 KiB page */
		CHECK(s.exits <= s.npages);
}

static void msr_psc(void)
{
	u64 req = s.msr, gfn = (req >> 12) & GENMASK_ULL(39, 0);
	u8 mode;

	check_exit_bound();
	CHECK((req & GHCB_MSR_INFO_MASK) == GHCB_MSR_PSC_REQ);
	CHECK(!((req >> 52) & ~0xfULL));
	request_page(gpa_index(gfn * PAGE), req >> 52);
	s.last = LAST_PSC;
	mode = t_u8(&s.t);
	s.msr = mode & 1 ? t_bytes(&s.t, 8) : GHCB_MSR_PSC_RESP;
}

static bool valid_bit(const u8 *page, unsigned int off)
{
	unsigned int bit = off / 8;

	return page[GHCB_OFF_VALID_BITMAP + bit / 8] & (1U << (bit % 8));
}

static void ghcb_psc(void)
{
	u8 *page = s.page, *buf = page + GHCB_OFF_SHARED_BUF;
	u16 cur, end, hv_cur;
	unsigned int i, k;
	u64 e, gpa;
	u8 f;

	(void)e;

	check_exit_bound();
	s.last = LAST_PSC;
	CHECK(valid_bit(page, GHCB_OFF_SW_EXIT_CODE));
	CHECK(coco_get_le64(page + GHCB_OFF_SW_EXIT_CODE) == SVM_VMGEXIT_PSC);
	CHECK(valid_bit(page, GHCB_OFF_SW_SCRATCH));
	CHECK(coco_get_le64(page + GHCB_OFF_SW_SCRATCH) ==
	      GHCB_GPA + GHCB_OFF_SHARED_BUF);

	cur = coco_get_le16(buf + PSC_OFF_CUR_ENTRY);
	end = coco_get_le16(buf + PSC_OFF_END_ENTRY);
	/*
	 * The buffer as this hypervisor left it: the guest goes on with the
	 * batch.  Anything else is a new batch: judge every entry.  (A new
	 * batch starts at entry 0; one left at 0 was never accepted as done.)
	 */
	if (memcmp(buf, s.last_buf, sizeof(s.last_buf))) {
		CHECK(cur == 0 && end < PSC_MAX_ENTRIES &&
		      end < s.m.max_entries);
		CHECK(coco_get_le32(buf + PSC_OFF_RESERVED) == 0);
		for (i = 0; i <= end; i++) {
			e = coco_get_le64(buf + PSC_OFF_ENTRIES +
					  i * PSC_ENTRY_SIZE);
			CHECK(!(e & PSC_ENTRY_CUR_PAGE_MASK));
			CHECK(!(e & ~(PSC_ENTRY_GFN_MASK | PSC_ENTRY_2M |
				      (PSC_ENTRY_OP_MASK << 52))));
			gpa = e & PSC_ENTRY_GFN_MASK;
			if (e & PSC_ENTRY_2M) {
				CHECK(!(gpa % SZ_2M));
				gpa_index(gpa + SZ_2M - PAGE);
				for (k = 0; k < SEV_PAGES_PER_2M; k++)
					request_page(gpa_index(gpa) + k,
						     (e >> PSC_ENTRY_OP_SHIFT) &
						     PSC_ENTRY_OP_MASK);
			} else {
				request_page(gpa_index(gpa),
					     (e >> PSC_ENTRY_OP_SHIFT) &
						     PSC_ENTRY_OP_MASK);
			}
		}
	}

	/* The answer. */
	f = t_u8(&s.t);
	if (f & 0x01)
		coco_put_le64(page + GHCB_OFF_SW_EXIT_INFO_1,
			      f & 0x02 ? t_bytes(&s.t, 8) : 1);
	if (f & 0x04)
		coco_put_le64(page + GHCB_OFF_SW_EXIT_INFO_2, t_bytes(&s.t, 8));
	switch ((f >> 3) & 3) {
	case 0:		/* all done */
		hv_cur = end + 1;
		break;
	case 1:		/* some progress, maybe none */
		hv_cur = cur + t_u8(&s.t) % (end + 2 - (cur <= end ? cur : end + 1));
		break;
	case 2:		/* anything */
		hv_cur = t_bytes(&s.t, 2);
		break;
	default:	/* a stall */
		hv_cur = cur;
	}
	coco_put_le16(buf + PSC_OFF_CUR_ENTRY, hv_cur);
	if (f & 0x20)
		coco_put_le16(buf + PSC_OFF_END_ENTRY, t_bytes(&s.t, 2));
	if (f & 0x40)
		coco_put_le32(buf + PSC_OFF_RESERVED, t_bytes(&s.t, 4));
	if (f & 0x80)	/* scribble over the entries */
		for (i = 0; i < PSC_MAX_ENTRIES; i++)
			coco_put_le64(buf + PSC_OFF_ENTRIES + i * PSC_ENTRY_SIZE,
				      t_u8(&s.t) * 0x0101010101010101ULL);
	memcpy(s.last_buf, buf, sizeof(s.last_buf));
}

static void fake_vmgexit(const struct coco_platform *plat)
{
	if ((s.msr & GHCB_MSR_INFO_MASK) == GHCB_MSR_REG_GPA_REQ) {
		/* GHCB registration at setup: always echoed. */
		s.msr = (s.msr & ~GHCB_MSR_INFO_MASK) | GHCB_MSR_REG_GPA_RESP;
		return;
	}
	if (s.msr == GHCB_GPA) {
		CHECK(s.m.ghcb);
		ghcb_psc();
		return;
	}
	CHECK(!s.m.ghcb);
	msr_psc();
}

static int fake_pvalidate(const struct coco_platform *plat, unsigned long va,
			  bool huge, bool validate)
{
	unsigned long i = va_index(va), n = huge ? SEV_PAGES_PER_2M : 1, k;
	u8 b;
	int rc;

	s.pvalidates++;
	CHECK(s.pvalidates <= 2 * s.npages + 1);
	/* Rescind to share, validate to make private. */
	CHECK(validate == !s.shared);
	if (huge) {
		CHECK(!(va % SZ_2M));
		CHECK(!((va - s.va + s.gpa0) % SZ_2M));
		va_index(va + SZ_2M - PAGE);
	}
	for (k = 0; k < n; k++) {
		if (s.shared) {		/* before the request */
			CHECK(!s.requested[i + k]);
		} else {		/* after it, with the C-bit set */
			CHECK(s.requested[i + k]);
			if (s.cbit_op)
				CHECK(s.enc[i + k]);
		}
	}

	b = t_u8(&s.t);
	switch (b) {
	case 1:
		rc = PVALIDATE_FAIL_SIZEMISMATCH;
		break;
	case 2:
		rc = PVALIDATE_FAIL_NOUPDATE;
		break;
	case 3:
		rc = PVALIDATE_FAIL_INPUT;
		break;
	case 4:
		rc = t_u8(&s.t);
		break;
	default:
		rc = PVALIDATE_OK;
	}
	if (rc == PVALIDATE_OK) {
		for (k = 0; k < n; k++) {
			/* Never twice: a replayed page would go unnoticed. */
			CHECK(!s.validated[i + k]);
			s.validated[i + k] = 1;
		}
		s.last = LAST_NONE;
	} else if (!(huge && rc == PVALIDATE_FAIL_SIZEMISMATCH)) {
		s.last = LAST_PVALIDATE_FAIL;
	}
	return rc;
}

static int fake_set_cbit(const struct coco_platform *plat, unsigned long va,
			 unsigned long npages, bool enc)
{
	unsigned long i = va_index(va), k;

	CHECK(npages && npages <= s.npages - i);
	CHECK(enc == !s.shared);
	for (k = 0; k < npages; k++) {
		if (enc) {	/* before the request and validation */
			CHECK(!s.requested[i + k] && !s.validated[i + k]);
		} else {	/* after both */
			CHECK(s.requested[i + k] && s.validated[i + k]);
		}
	}
	if (t_u8(&s.t) == 0xee) {
		s.last = LAST_CBIT_FAIL;
		return -EIO;
	}
	for (k = 0; k < npages; k++)
		s.enc[i + k] = enc;
	s.last = LAST_NONE;
	return 0;
}

static struct coco_platform fake_plat = {
	.name = "fuzz",
	.ghcb_msr_read = fake_msr_read,
	.ghcb_msr_write = fake_msr_write,
	.vmgexit = fake_vmgexit,
	.pvalidate = fake_pvalidate,
	.va_to_gpa = fake_va_to_gpa,
	.set_cbit = fake_set_cbit,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tape *t = &s.t;
	unsigned long i, max_entries;
	bool bad_args;
	u8 flags;
	int ret;

	if (size < 12)
		return 0;
	memset(s.requested, 0, sizeof(s.requested));
	memset(s.validated, 0, sizeof(s.validated));
	memset(s.last_buf, 0, sizeof(s.last_buf));
	s.exits = 0;
	s.pvalidates = 0;
	s.last = LAST_NONE;
	t->p = data;
	t->n = size;

	flags = t_u8(t);
	s.shared = flags & F_SHARED;
	s.cbit_op = !(flags & F_NO_CBIT);
	fake_plat.set_cbit = s.cbit_op ? fake_set_cbit : NULL;
	/* Start anywhere in a 4 MiB window, so 2 MiB alignment varies. */
	s.va = VA_BASE + (t_bytes(t, 2) % 1024) * PAGE;
	s.npages = 1 + t_bytes(t, 2) % MAX_PAGES;
	if (flags & F_ZERO_PAGES)
		s.npages = 0;
	/* The physical offset: 2 MiB-congruent or not. */
	i = t_bytes(t, 2);
	if (i & 1)
		s.gpa0 = 0x100000000ULL + (i >> 1) * SZ_2M + s.va % SZ_2M;
	else
		s.gpa0 = 0x100000000ULL + (i >> 1) * PAGE;
	max_entries = t_bytes(t, 2);
	if (!(flags & F_RAW_MAX))
		max_entries = 1 + max_entries % PSC_MAX_ENTRIES;
	for (i = 0; i < MAX_PAGES; i++)
		s.enc[i] = s.shared;

	bad_args = (flags & F_UNALIGNED) || !s.npages || !max_entries ||
		   max_entries > PSC_MAX_ENTRIES;

	memset(&s.m, 0, sizeof(s.m));
	s.m.plat = &fake_plat;
	s.m.max_entries = max_entries;
	s.m.term_reason = 0xdead;
	if (!(flags & F_MSR)) {
		s.page = aligned_alloc(PAGE, PAGE);
		if (!s.page)
			abort();
		memset(s.page, 0, PAGE);
		s.msr = 0;
		CHECK(coco_ghcb_init(&fake_plat, &s.ghcb, s.page, 2) == 0);
		s.m.ghcb = &s.ghcb;
	}

	ret = coco_snp_set_memory(&s.m, s.va + (flags & F_UNALIGNED ? 8 : 0),
				  s.npages, s.shared);

	CHECK(ret == 0 || ret == -EINVAL || ret == -EIO);
	CHECK((ret == -EINVAL) == bad_args);
	CHECK(s.exits == s.m.nr_psc_exits);
	CHECK(s.pvalidates == s.m.nr_pvalidate);
	CHECK(s.exits <= (s.m.ghcb ? s.m.nr_psc_entries * 17 + 17 : s.npages));
	if (ret == -EINVAL) {
		CHECK(!s.exits && !s.pvalidates && s.m.term_reason == 0xdead);
	} else if (ret == -EIO) {
		CHECK(s.m.term_reason == GHCB_TERM_PSC ||
		      s.m.term_reason == GHCB_TERM_PVALIDATE);
		/* The reason names what failed last. */
		CHECK((s.m.term_reason == GHCB_TERM_PVALIDATE) ==
		      (s.last == LAST_PVALIDATE_FAIL));
	} else {
		CHECK(s.m.term_reason == 0xdead);
		for (i = 0; i < s.npages; i++) {
			CHECK(s.requested[i] && s.validated[i]);
			if (s.cbit_op)
				CHECK(s.enc[i] == !s.shared);
		}
	}
	if (!(flags & F_MSR))
		free(s.page);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SNP CPUID table (x86-sev.md 1.4): page layout, the init checks, the
 * lookup, the XSAVE size recomputation and the fields taken from the
 * hypervisor or CR4.  Expected values are worked out by hand from the spec
 * in the comments; offsets in the layout tests are literals from the spec
 * table, not the header's macros.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include <coco/byteimg_le.h>
#include <coco/snp_cpuid.h>

#define PAGE 4096

/* The hypervisor: answers one fixed value (or fails) and counts queries. */
struct hv {
	struct coco_cpuid_regs regs;
	bool fail;
	unsigned int nr_calls;
	u32 last_leaf;
	u32 last_subleaf;
};

struct fixture {
	u8 page[2 * PAGE];
	struct coco_snp_cpuid_table t;
	struct coco_snp_cpuid_env env;
	struct hv hv;
	struct coco_cpuid_regs r;
};

static int hv_cpuid(void *ctx, u32 leaf, u32 subleaf,
		    struct coco_cpuid_regs *out)
{
	struct hv *hv = ctx;

	hv->nr_calls++;
	hv->last_leaf = leaf;
	hv->last_subleaf = subleaf;
	if (hv->fail)
		return -1;
	*out = hv->regs;
	return 0;
}

#define ENT(l, s, a, b, c, d) \
	{ .eax_in = (l), .ecx_in = (s), .eax = (a), .ebx = (b), \
	  .ecx = (c), .edx = (d) }
#define XENT(l, s, x0, xs, a, b, c, d) \
	{ .eax_in = (l), .ecx_in = (s), .xcr0_in = (x0), .xss_in = (xs), \
	  .eax = (a), .ebx = (b), .ecx = (c), .edx = (d) }

/*
 * A Zen-like guest.  Ranges: standard up to 0x10, hypervisor up to
 * 0x40000001, extended up to 0x80000021.
 *
 * XSAVE components (0xD/n: EAX = size, EBX = offset in the standard form):
 *   2 AVX       256 bytes at 0x240
 *   9 PKRU        8 bytes at 0x980
 *  11 CET_U      16 bytes (supervisor, ECX bit 0) - XSS only
 * Component 5 (AVX-512 opmask) and 12 (CET_S) are deliberately absent.
 */
static const struct coco_snp_cpuid_entry zen[] = {
	ENT(0x0, 0, 0x10, 0x68747541, 0x444d4163, 0x69746e65),
	/* EBX[31:24] 0x5a and ECX bit 27 are stale: must not survive. */
	ENT(0x1, 0, 0x00a10f11, 0x5a020800, 0x7ef8320b, 0x178bfbff),
	ENT(0x7, 0, 0x0, 0xf1bf97a9, 0x0040069c, 0x10),
	ENT(0xb, 0, 0x1, 0x2, 0x100, 0x77),
	ENT(0xb, 1, 0x7, 0x20, 0x201, 0x77),
	/* Decoy: XSAVE base for XCR0=7 is not a usable base. */
	XENT(0xd, 0, 0x7, 0, 0xdead0000, 0x340, 0xdead0000, 0xdead0000),
	XENT(0xd, 0, 0x1, 0, 0x2e7, 0x240, 0x988, 0x0),
	/* Decoy: base with supervisor state enabled. */
	XENT(0xd, 1, 0x1, 0x800, 0xdead0001, 0x250, 0xdead0001, 0xdead0001),
	XENT(0xd, 1, 0x3, 0, 0xf, 0x240, 0x1800, 0x0),
	ENT(0xd, 2, 0x100, 0x240, 0x0, 0x0),
	ENT(0xd, 9, 0x8, 0x980, 0x0, 0x0),
	ENT(0xd, 11, 0x10, 0x0, 0x1, 0x0),
	ENT(0x40000000, 0, 0x40000001, 0x4b4d564b, 0x564b4d56, 0x4d),
	ENT(0x80000000, 0, 0x80000021, 0x68747541, 0x444d4163, 0x69746e65),
	ENT(0x8000001e, 0, 0x0, 0x00000100, 0x0, 0x0),
	ENT(0x8000001f, 0, 0x0101fd3f, 0x00004173, 0x1fd, 0x1),
};

#define ZEN_COUNT ((u32)(ARRAY_SIZE(zen)))
#define ZEN_XSAVE1 8		/* index of the real 0xD/1 entry */

static int setup(void **state)
{
	static struct fixture f;

	memset(&f, 0, sizeof(f));
	f.env.hv_cpuid = hv_cpuid;
	f.env.ctx = &f.hv;
	f.env.cr4_osxsave = true;
	f.env.xcr0 = 0x7;
	/* A hypervisor that answers all-ones unless a test says otherwise. */
	f.hv.regs = (struct coco_cpuid_regs){ 0xffffffff, 0xffffffff,
					      0xffffffff, 0xffffffff };
	*state = &f;
	return 0;
}

static void load(struct fixture *f, const struct coco_snp_cpuid_entry *e,
		 u32 count)
{
	coco_snp_cpuid_page_build(f->page, e, count);
	assert_int_equal(coco_snp_cpuid_table_init(&f->t, f->page, PAGE), 0);
}

static int query(struct fixture *f, u32 leaf, u32 subleaf)
{
	return coco_snp_cpuid(&f->t, &f->env, leaf, subleaf, &f->r);
}

static void assert_regs(const struct coco_cpuid_regs *r, u32 a, u32 b, u32 c,
			u32 d)
{
	assert_int_equal(r->eax, a);
	assert_int_equal(r->ebx, b);
	assert_int_equal(r->ecx, c);
	assert_int_equal(r->edx, d);
}

/* Spec offsets, written out by hand. */
static void hand_put32(u8 *p, u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static void hand_put64(u8 *p, u64 v)
{
	hand_put32(p, (u32)v);
	hand_put32(p + 4, (u32)(v >> 32));
}

/* ---- byte images ---------------------------------------------------- */

static void test_le_accessors(void **state)
{
	static const u8 b[8] = { 0x01, 0x23, 0x45, 0x67,
				 0x89, 0xab, 0xcd, 0xef };
	u8 o[8];

	assert_int_equal(coco_get_le16(b), 0x2301);
	assert_int_equal(coco_get_le32(b), 0x67452301);
	assert_true(coco_get_le64(b) == 0xefcdab8967452301ULL);
	memset(o, 0, sizeof(o));
	coco_put_le16(o, 0xbeef);
	assert_int_equal(o[0], 0xef);
	assert_int_equal(o[1], 0xbe);
	coco_put_le32(o, 0x67452301);
	assert_memory_equal(o, b, 4);
	coco_put_le64(o, 0xefcdab8967452301ULL);
	assert_memory_equal(o, b, 8);
}

/* Table 14: count at 0, 12 reserved bytes, entry i at 0x10 + 48 * i. */
static void test_page_build_layout(void **state)
{
	struct fixture *f = *state;
	const struct coco_snp_cpuid_entry e[2] = {
		XENT(0x11223344, 0x55667788, 0x0102030405060708ULL,
		     0x1112131415161718ULL, 0xa1a2a3a4, 0xb1b2b3b4,
		     0xc1c2c3c4, 0xd1d2d3d4),
		XENT(0x8000001d, 3, 0x3, 0x0, 0x4121, 0x1c0003f, 0x3f, 0x1),
	};
	const u8 *p;
	unsigned int i;

	memset(f->page, 0xa5, sizeof(f->page));
	coco_snp_cpuid_page_build(f->page, e, 2);

	assert_int_equal(f->page[0], 2);
	for (i = 1; i < 16; i++)
		assert_int_equal(f->page[i], 0);

	p = f->page + 0x10;
	assert_int_equal(p[0x00], 0x44);	/* eax_in, little-endian */
	assert_int_equal(p[0x03], 0x11);
	assert_int_equal(p[0x04], 0x88);	/* ecx_in */
	assert_int_equal(p[0x07], 0x55);
	assert_int_equal(p[0x08], 0x08);	/* xcr0_in */
	assert_int_equal(p[0x0f], 0x01);
	assert_int_equal(p[0x10], 0x18);	/* xss_in */
	assert_int_equal(p[0x17], 0x11);
	assert_int_equal(p[0x18], 0xa4);	/* eax */
	assert_int_equal(p[0x1b], 0xa1);
	assert_int_equal(p[0x1c], 0xb4);	/* ebx */
	assert_int_equal(p[0x1f], 0xb1);
	assert_int_equal(p[0x20], 0xc4);	/* ecx */
	assert_int_equal(p[0x23], 0xc1);
	assert_int_equal(p[0x24], 0xd4);	/* edx */
	assert_int_equal(p[0x27], 0xd1);
	for (i = 0x28; i < 0x30; i++)		/* reserved */
		assert_int_equal(p[i], 0);

	p = f->page + 0x10 + 48;		/* entry 1 at 0x40 */
	assert_int_equal(coco_get_le32(p + 0x00), 0x8000001d);
	assert_int_equal(coco_get_le32(p + 0x04), 3);
	assert_true(coco_get_le64(p + 0x08) == 3);
	assert_int_equal(coco_get_le32(p + 0x1c), 0x1c0003f);

	/* Slots 2..63 are zero up to 0x10 + 64 * 48 = 3088; the rest untouched. */
	for (i = 0x10 + 2 * 48; i < 3088; i++)
		assert_int_equal(f->page[i], 0);
	for (i = 3088; i < PAGE; i++)
		assert_int_equal(f->page[i], 0xa5);
}

/* A page written by hand at the spec's offsets decodes field by field. */
static void test_init_decodes_spec_offsets(void **state)
{
	struct fixture *f = *state;
	const struct coco_snp_cpuid_entry *e;
	unsigned int i;

	for (i = 0; i < 64; i++) {
		u8 *p = f->page + 0x10 + 48 * i;

		hand_put32(p + 0x00, 0x100 + i);
		hand_put32(p + 0x04, 0x200 + i);
		hand_put64(p + 0x08, 0x0300000000000000ULL + i);
		hand_put64(p + 0x10, 0x0400000000000000ULL + i);
		hand_put32(p + 0x18, 0x500 + i);
		hand_put32(p + 0x1c, 0x600 + i);
		hand_put32(p + 0x20, 0x700 + i);
		hand_put32(p + 0x24, 0x800 + i);
		hand_put64(p + 0x28, ~0ULL);	/* reserved: ignored */
	}
	hand_put32(f->page, 64);
	assert_int_equal(coco_snp_cpuid_table_init(&f->t, f->page, PAGE), 0);
	assert_int_equal(f->t.count, 64);
	for (i = 0; i < 64; i++) {
		e = &f->t.entries[i];
		assert_int_equal(e->eax_in, 0x100 + i);
		assert_int_equal(e->ecx_in, 0x200 + i);
		assert_true(e->xcr0_in == 0x0300000000000000ULL + i);
		assert_true(e->xss_in == 0x0400000000000000ULL + i);
		assert_int_equal(e->eax, 0x500 + i);
		assert_int_equal(e->ebx, 0x600 + i);
		assert_int_equal(e->ecx, 0x700 + i);
		assert_int_equal(e->edx, 0x800 + i);
	}
}

/* ---- init ----------------------------------------------------------- */

static void test_init_rejects_short_or_missing_page(void **state)
{
	struct fixture *f = *state;

	coco_snp_cpuid_page_build(f->page, zen, ZEN_COUNT);
	assert_int_equal(coco_snp_cpuid_table_init(&f->t, NULL, PAGE), -EINVAL);
	assert_int_equal(coco_snp_cpuid_table_init(&f->t, f->page, 0), -EINVAL);
	assert_int_equal(coco_snp_cpuid_table_init(&f->t, f->page, 3088),
			 -EINVAL);
	assert_int_equal(coco_snp_cpuid_table_init(&f->t, f->page, 4095),
			 -EINVAL);
	assert_int_equal(coco_snp_cpuid_table_init(NULL, f->page, PAGE),
			 -EINVAL);
	/* cpuid_len is "at least 4096": exactly and more are both fine. */
	assert_int_equal(coco_snp_cpuid_table_init(&f->t, f->page, 4096), 0);
	assert_int_equal(coco_snp_cpuid_table_init(&f->t, f->page, 2 * PAGE),
			 0);
	assert_int_equal(f->t.count, ZEN_COUNT);
}

static void test_init_rejects_bad_counts(void **state)
{
	struct fixture *f = *state;
	static const u32 bad[] = { 0, 65, 0x100, 0x01000000, 0xffffffff };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		coco_snp_cpuid_page_build(f->page, zen, ZEN_COUNT);
		hand_put32(f->page, bad[i]);
		assert_int_equal(coco_snp_cpuid_table_init(&f->t, f->page,
							   PAGE), -EINVAL);
	}
}

/* The count is little-endian: bytes 40 00 00 00 are 64, 00 00 00 40 are not. */
static void test_init_count_byte_order(void **state)
{
	struct fixture *f = *state;
	struct coco_snp_cpuid_entry e[64];
	unsigned int i;

	for (i = 0; i < 64; i++)
		e[i] = (struct coco_snp_cpuid_entry)ENT(0x100 + i, 0, i, 0, 0, 0);
	coco_snp_cpuid_page_build(f->page, e, 64);
	f->page[0] = 0x00;
	f->page[3] = 0x40;
	assert_int_equal(coco_snp_cpuid_table_init(&f->t, f->page, PAGE),
			 -EINVAL);
	f->page[0] = 0x40;
	f->page[3] = 0x00;
	assert_int_equal(coco_snp_cpuid_table_init(&f->t, f->page, PAGE), 0);
	assert_int_equal(f->t.count, 64);
}

/* 64 is allowed and the 64th entry (offset 0x10 + 63 * 48) is used. */
static void test_full_table(void **state)
{
	struct fixture *f = *state;
	struct coco_snp_cpuid_entry e[64];
	unsigned int i;

	e[0] = (struct coco_snp_cpuid_entry)ENT(0x0, 0, 0x3e, 0, 0, 0);
	for (i = 1; i < 64; i++)
		e[i] = (struct coco_snp_cpuid_entry)ENT(i, 0, 0xa00 + i,
							0xb00 + i, 0, 0);
	/* Leaf 0x3f lives in entry 63; nothing else has it. */
	e[63] = (struct coco_snp_cpuid_entry)ENT(0x3f, 0, 0xcafe, 1, 2, 3);
	load(f, e, 64);
	assert_int_equal(query(f, 0x3f, 0), 0);
	assert_regs(&f->r, 0xcafe, 1, 2, 3);
	assert_int_equal(f->hv.nr_calls, 0);
}

/* An entry in a slot past count does not exist. */
static void test_slots_past_count_are_ignored(void **state)
{
	struct fixture *f = *state;

	coco_snp_cpuid_page_build(f->page, zen, ZEN_COUNT);
	/* Claim one entry fewer: the 0x8000001F entry (last) disappears. */
	hand_put32(f->page, ZEN_COUNT - 1);
	assert_int_equal(coco_snp_cpuid_table_init(&f->t, f->page, PAGE), 0);
	assert_int_equal(query(f, 0x8000001f, 0), 0);
	/* In the extended range (<= 0x80000021) but absent: zeros. */
	assert_regs(&f->r, 0, 0, 0, 0);
}

static void test_range_maxima(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	assert_int_equal(f->t.std_max, 0x10);
	assert_int_equal(f->t.hyp_max, 0x40000001);
	assert_int_equal(f->t.ext_max, 0x80000021);
}

/* Copy once: later writes to the firmware page change nothing. */
static void test_private_copy_is_independent(void **state)
{
	struct fixture *f = *state;
	unsigned int i;

	load(f, zen, ZEN_COUNT);
	for (i = 0; i < PAGE; i++)
		f->page[i] ^= 0xff;
	hand_put32(f->page, 0);

	assert_int_equal(f->t.count, ZEN_COUNT);
	assert_int_equal(f->t.ext_max, 0x80000021);
	assert_int_equal(query(f, 0x8000001f, 0), 0);
	assert_regs(&f->r, 0x0101fd3f, 0x00004173, 0x1fd, 0x1);
	assert_int_equal(query(f, 0x0, 0), 0);
	assert_regs(&f->r, 0x10, 0x68747541, 0x444d4163, 0x69746e65);
}

/* ---- lookup --------------------------------------------------------- */

static void test_empty_table_is_not_supported(void **state)
{
	struct fixture *f = *state;

	/* A zero table is "not an SNP guest": the caller asks the HV. */
	f->r.eax = 0x1234;
	assert_int_equal(query(f, 0x8000001f, 0), -EOPNOTSUPP);
	assert_regs(&f->r, 0, 0, 0, 0);
	assert_int_equal(query(f, 0x1, 0), -EOPNOTSUPP);
	assert_int_equal(f->hv.nr_calls, 0);
}

static void test_null_arguments(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	assert_int_equal(coco_snp_cpuid(&f->t, &f->env, 0x0, 0, NULL), -EINVAL);
	f->r.eax = 0x1234;
	assert_int_equal(coco_snp_cpuid(NULL, &f->env, 0x0, 0, &f->r), -EINVAL);
	assert_regs(&f->r, 0, 0, 0, 0);
	assert_int_equal(coco_snp_cpuid(&f->t, NULL, 0x0, 0, &f->r), -EINVAL);
}

/* A rejected page must not turn into "no table, ask the hypervisor". */
static void test_rejected_table_fails_closed(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	hand_put32(f->page, 65);
	assert_int_equal(coco_snp_cpuid_table_init(&f->t, f->page, PAGE),
			 -EINVAL);
	assert_int_equal(query(f, 0x8000001f, 0), -EINVAL);
	assert_regs(&f->r, 0, 0, 0, 0);
	assert_int_equal(f->hv.nr_calls, 0);

	/* A good page afterwards is accepted again. */
	load(f, zen, ZEN_COUNT);
	assert_int_equal(query(f, 0x8000001f, 0), 0);
	assert_int_equal(f->r.eax, 0x0101fd3f);
}

static void test_plain_leaves_verbatim(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	assert_int_equal(query(f, 0x0, 0), 0);
	assert_regs(&f->r, 0x10, 0x68747541, 0x444d4163, 0x69746e65);
	assert_int_equal(query(f, 0x40000000, 0), 0);
	assert_regs(&f->r, 0x40000001, 0x4b4d564b, 0x564b4d56, 0x4d);
	assert_int_equal(query(f, 0x80000000, 0), 0);
	assert_regs(&f->r, 0x80000021, 0x68747541, 0x444d4163, 0x69746e65);
	/* The C-bit leaf never comes from the hypervisor. */
	assert_int_equal(query(f, 0x8000001f, 0), 0);
	assert_regs(&f->r, 0x0101fd3f, 0x00004173, 0x1fd, 0x1);
	assert_int_equal(f->hv.nr_calls, 0);
}

/* Non-indexed leaves ignore ECX on both sides. */
static void test_non_indexed_ignores_subleaf(void **state)
{
	struct fixture *f = *state;
	const struct coco_snp_cpuid_entry e[] = {
		ENT(0x0, 0, 0x10, 0, 0, 0),
		ENT(0x80000000, 0, 0x80000021, 0, 0, 0),
		ENT(0x2, 5, 0x22, 0, 0, 0),
		ENT(0x5, 1, 0x55, 0, 0, 0),
		ENT(0x6, 0xffffffff, 0x66, 0, 0, 0),
		ENT(0x80000008, 9, 0x3030, 0, 0, 0),
		ENT(0x80000020, 1, 0x2020, 0, 0, 0),	/* not on the list */
	};

	load(f, e, ARRAY_SIZE(e));
	assert_int_equal(query(f, 0x2, 0), 0);
	assert_int_equal(f->r.eax, 0x22);
	assert_int_equal(query(f, 0x5, 7), 0);
	assert_int_equal(f->r.eax, 0x55);
	assert_int_equal(query(f, 0x6, 0), 0);
	assert_int_equal(f->r.eax, 0x66);
	assert_int_equal(query(f, 0x80000008, 0), 0);
	assert_int_equal(f->r.eax, 0x3030);
	assert_int_equal(query(f, 0x80000020, 0), 0);
	assert_int_equal(f->r.eax, 0x2020);
	/* The first matching entry wins. */
	assert_int_equal(query(f, 0x0, 3), 0);
	assert_int_equal(f->r.eax, 0x10);
}

/* Every leaf on the indexed list matches ECX too. */
static void test_indexed_leaves_match_subleaf(void **state)
{
	struct fixture *f = *state;
	static const u32 indexed[] = { 0x4, 0x7, 0xb, 0xd, 0xf, 0x10, 0x12,
				       0x14, 0x17, 0x18, 0x1d, 0x1e, 0x1f,
				       0x24, 0x8000001d };
	struct coco_snp_cpuid_entry e[15];
	unsigned int i, n = ARRAY_SIZE(indexed);

	/*
	 * Subleaf 1 only, and no range leaves: so a miss is out of range and
	 * plain zeros.  xcr0_in 1 makes 0xD/1 an acceptable XSAVE base; its
	 * EAX 0xabc has XSAVES (bit 3).
	 */
	for (i = 0; i < n; i++)
		e[i] = (struct coco_snp_cpuid_entry)
			XENT(indexed[i], 1, 1, 0, 0xabc, 0, 0, 0);
	load(f, e, n);
	f->hv.regs = (struct coco_cpuid_regs){ 0 };
	f->env.xcr0 = 0x3;	/* no component entries to size with */
	for (i = 0; i < n; i++) {
		assert_int_equal(query(f, indexed[i], 1), 0);
		assert_int_equal(f->r.eax, 0xabc);
		assert_int_equal(query(f, indexed[i], 0), 0);
		assert_regs(&f->r, 0, 0, 0, 0);
		assert_int_equal(query(f, indexed[i], 2), 0);
		assert_regs(&f->r, 0, 0, 0, 0);
	}
}

static void test_missing_leaf_in_range_is_zero(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	/* 0x80000008 <= ext max 0x80000021, no entry, no fix-up: zeros. */
	assert_int_equal(query(f, 0x80000008, 0), 0);
	assert_regs(&f->r, 0, 0, 0, 0);
	assert_int_equal(query(f, 0x40000001, 0), 0);
	assert_regs(&f->r, 0, 0, 0, 0);
	assert_int_equal(query(f, 0x4, 0), 0);
	assert_regs(&f->r, 0, 0, 0, 0);
	assert_int_equal(f->hv.nr_calls, 0);
}

static void test_out_of_range_is_zero_without_hv(void **state)
{
	struct fixture *f = *state;
	static const u32 leaves[] = { 0x11, 0x20000000, 0x40000002,
				      0x80000022, 0xc0000000, 0xffffffff };
	unsigned int i;

	load(f, zen, ZEN_COUNT);
	for (i = 0; i < ARRAY_SIZE(leaves); i++) {
		f->r.eax = 0x1234;
		assert_int_equal(query(f, leaves[i], 0), 0);
		assert_regs(&f->r, 0, 0, 0, 0);
	}
	assert_int_equal(f->hv.nr_calls, 0);
}

/* Missing but in range: zeros, then the usual fix-ups. */
static void test_missing_leaf_in_range_is_postprocessed(void **state)
{
	struct fixture *f = *state;
	const struct coco_snp_cpuid_entry e[] = {
		ENT(0x0, 0, 0xd, 0, 0, 0),
		ENT(0x80000000, 0, 0x80000021, 0, 0, 0),
	};

	load(f, e, 2);
	f->env.cr4_osxsave = true;
	f->env.cr4_pke = true;
	f->hv.regs = (struct coco_cpuid_regs){ 0x2a, 0x0b123407, 0x11111103,
					       0x00000200 };

	/* Leaf 1: APIC ID byte and APIC bit from HV, OSXSAVE from CR4. */
	assert_int_equal(query(f, 0x1, 0), 0);
	assert_regs(&f->r, 0, 0x0b000000, 0x08000000, 0x00000200);
	/* Leaf 7/0: OSPKE from CR4 only. */
	assert_int_equal(query(f, 0x7, 0), 0);
	assert_regs(&f->r, 0, 0, 0x10, 0);
	/* 0xB: x2APIC ID from HV. */
	assert_int_equal(query(f, 0xb, 0), 0);
	assert_regs(&f->r, 0, 0, 0, 0x00000200);
	/* 0x8000001E: ext APIC ID, compute-unit and node IDs from HV. */
	assert_int_equal(query(f, 0x8000001e, 0), 0);
	assert_regs(&f->r, 0x2a, 0x07, 0x03, 0);
	/*
	 * 0xD/0 with XCR0 = 7 but no 0xD/2 entry: AVX cannot be sized, so
	 * the XSAVE rule fails even for a missing leaf.
	 */
	assert_int_equal(query(f, 0xd, 0), -EINVAL);
	/* With XCR0 = 3 there is nothing to size: base 0x240. */
	f->env.xcr0 = 0x3;
	assert_int_equal(query(f, 0xd, 0), 0);
	assert_regs(&f->r, 0, 0x240, 0, 0);
}

/* Std range without a leaf 0 entry: only leaf 0 itself is "in range". */
static void test_no_range_leaves(void **state)
{
	struct fixture *f = *state;
	const struct coco_snp_cpuid_entry e[] = {
		ENT(0x8000001f, 0, 0x1b, 0x33, 0, 0),
	};

	load(f, e, 1);
	assert_int_equal(f->t.std_max, 0);
	assert_int_equal(f->t.hyp_max, 0);
	assert_int_equal(f->t.ext_max, 0);
	assert_int_equal(query(f, 0x1, 0), 0);
	assert_regs(&f->r, 0, 0, 0, 0);
	assert_int_equal(query(f, 0x40000000, 0), 0);
	assert_regs(&f->r, 0, 0, 0, 0);
	assert_int_equal(query(f, 0x8000001e, 0), 0);
	assert_regs(&f->r, 0, 0, 0, 0);
	assert_int_equal(f->hv.nr_calls, 0);
	/* A listed leaf is returned even though no range covers it. */
	assert_int_equal(query(f, 0x8000001f, 0), 0);
	assert_regs(&f->r, 0x1b, 0x33, 0, 0);
}

/* ---- fields from the hypervisor / CR4 ------------------------------- */

static void test_leaf1_postprocess(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	/* HV: APIC ID 0x0b, APIC bit (EDX 9) clear, garbage elsewhere. */
	f->hv.regs = (struct coco_cpuid_regs){ 0xffffffff, 0x0b123456,
					       0xffffffff, 0xfffffdff };
	f->env.cr4_osxsave = true;
	assert_int_equal(query(f, 0x1, 0), 0);
	/*
	 * EBX: 0x0b from HV over table 0x..020800; ECX: table 0x7ef8320b
	 * has bit 27 already; EDX: table 0x178bfbff with bit 9 cleared.
	 */
	assert_regs(&f->r, 0x00a10f11, 0x0b020800, 0x7ef8320b, 0x178bf9ff);
	assert_int_equal(f->hv.nr_calls, 1);
	assert_int_equal(f->hv.last_leaf, 0x1);

	/* CR4.OSXSAVE clear: bit 27 cleared although the table has it. */
	f->env.cr4_osxsave = false;
	f->hv.regs.edx = 0x200;
	assert_int_equal(query(f, 0x1, 0), 0);
	assert_regs(&f->r, 0x00a10f11, 0x0b020800, 0x76f8320b, 0x178bfbff);
}

static void test_leaf1_apic_bit_set_by_hv(void **state)
{
	struct fixture *f = *state;
	struct coco_snp_cpuid_entry e[2] = {
		ENT(0x0, 0, 0x1, 0, 0, 0),
		ENT(0x1, 0, 0x00a10f11, 0x00020800, 0x0, 0x178bf9ff),
	};

	load(f, e, 2);
	f->hv.regs = (struct coco_cpuid_regs){ 0, 0xff000000, 0, 0x200 };
	assert_int_equal(query(f, 0x1, 0), 0);
	/* Only EBX[31:24] and EDX bit 9 moved; OSXSAVE from CR4 (set). */
	assert_regs(&f->r, 0x00a10f11, 0xff020800, 0x08000000, 0x178bfbff);
}

static void test_leaf7_ospke(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	f->env.cr4_pke = false;
	assert_int_equal(query(f, 0x7, 0), 0);
	/* Table ECX 0x0040069c has bit 4: cleared without CR4.PKE. */
	assert_regs(&f->r, 0x0, 0xf1bf97a9, 0x0040068c, 0x10);
	f->env.cr4_pke = true;
	assert_int_equal(query(f, 0x7, 0), 0);
	assert_regs(&f->r, 0x0, 0xf1bf97a9, 0x0040069c, 0x10);
	/* 7/1 is absent (in range): zeros, OSPKE is a subleaf 0 bit. */
	assert_int_equal(query(f, 0x7, 1), 0);
	assert_regs(&f->r, 0, 0, 0, 0);
	assert_int_equal(f->hv.nr_calls, 0);
}

static void test_leafb_x2apic_id_from_hv_subleaf0(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	f->hv.regs = (struct coco_cpuid_regs){ 0xee, 0xee, 0xee, 0x2a };
	assert_int_equal(query(f, 0xb, 1), 0);
	assert_regs(&f->r, 0x7, 0x20, 0x201, 0x2a);
	assert_int_equal(f->hv.last_leaf, 0xb);
	assert_int_equal(f->hv.last_subleaf, 0);
	assert_int_equal(query(f, 0xb, 0), 0);
	assert_regs(&f->r, 0x1, 0x2, 0x100, 0x2a);
}

static void test_leaf8000001e_ids_from_hv(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	f->hv.regs = (struct coco_cpuid_regs){ 0x2a, 0xffffff07, 0xffffff03,
					       0xffffffff };
	assert_int_equal(query(f, 0x8000001e, 0), 0);
	/* EAX all HV; EBX[7:0]/ECX[7:0] HV; table EBX[15:8]=1, EDX table. */
	assert_regs(&f->r, 0x2a, 0x107, 0x03, 0x0);
	assert_int_equal(f->hv.last_leaf, 0x8000001e);
}

static void test_hv_failure_is_eio(void **state)
{
	struct fixture *f = *state;
	static const u32 leaves[] = { 0x1, 0xb, 0x8000001e };
	unsigned int i;

	load(f, zen, ZEN_COUNT);
	f->hv.fail = true;
	for (i = 0; i < 3; i++) {
		f->r.eax = 0x1234;
		assert_int_equal(query(f, leaves[i], 0), -EIO);
		assert_regs(&f->r, 0, 0, 0, 0);
	}
	assert_int_equal(f->hv.nr_calls, 3);
	/* Leaves that need no HV value are unaffected. */
	assert_int_equal(query(f, 0x8000001f, 0), 0);
	assert_int_equal(f->r.eax, 0x0101fd3f);

	f->env.hv_cpuid = NULL;
	assert_int_equal(query(f, 0x1, 0), -EIO);
}

/* ---- XSAVE (leaf 0xD) ----------------------------------------------- */

static void test_xsave0_picks_legacy_base_entry(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	f->env.xcr0 = 0x3;
	assert_int_equal(query(f, 0xd, 0), 0);
	/* The xcr0_in=1 entry, not the xcr0_in=7 decoy listed first. */
	assert_regs(&f->r, 0x2e7, 0x240, 0x988, 0);
	f->env.xss = 0;
	assert_int_equal(query(f, 0xd, 1), 0);
	/* The xcr0_in=3/xss_in=0 entry, not the xss_in=0x800 decoy. */
	assert_int_equal(f->r.eax, 0xf);
	assert_int_equal(f->r.ecx, 0x1800);
	assert_int_equal(f->hv.nr_calls, 0);
}

static void test_xsave0_standard_size(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	/* XCR0 = x87|SSE: nothing past the legacy area + header = 0x240. */
	f->env.xcr0 = 0x3;
	assert_int_equal(query(f, 0xd, 0), 0);
	assert_int_equal(f->r.ebx, 0x240);
	/* + AVX: max(0x240, 0x240 + 0x100) = 0x340 (832). */
	f->env.xcr0 = 0x7;
	assert_int_equal(query(f, 0xd, 0), 0);
	assert_int_equal(f->r.ebx, 0x340);
	/* + PKRU: max(0x340, 0x980 + 0x8) = 0x988 (2440). */
	f->env.xcr0 = 0x207;
	assert_int_equal(query(f, 0xd, 0), 0);
	assert_int_equal(f->r.ebx, 0x988);
	/* XSS plays no part in subleaf 0, even an unknown XSS bit. */
	f->env.xss = 0x1800;
	assert_int_equal(query(f, 0xd, 0), 0);
	assert_int_equal(f->r.ebx, 0x988);
	/* Everything but EBX is the table's. */
	assert_int_equal(f->r.eax, 0x2e7);
	assert_int_equal(f->r.ecx, 0x988);
}

static void test_xsave_without_osxsave_is_x87_only(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	/* XGETBV is not usable: XCR0 counts as 1 whatever env says. */
	f->env.cr4_osxsave = false;
	f->env.xcr0 = 0x227;	/* includes the undescribed bit 5 */
	assert_int_equal(query(f, 0xd, 0), 0);
	assert_int_equal(f->r.ebx, 0x240);
	assert_int_equal(query(f, 0xd, 1), 0);
	assert_int_equal(f->r.ebx, 0x240);
}

static void test_xsave1_compacted_size(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	/* Compacted, XCR0 = 7: 0x240 + 0x100 = 0x340. */
	f->env.xcr0 = 0x7;
	assert_int_equal(query(f, 0xd, 1), 0);
	assert_regs(&f->r, 0xf, 0x340, 0x1800, 0);
	/* XCR0 = 0x207, XSS = CET_U: 0x240 + 0x100 + 0x8 + 0x10 = 0x358. */
	f->env.xcr0 = 0x207;
	f->env.xss = 0x800;
	assert_int_equal(query(f, 0xd, 1), 0);
	assert_int_equal(f->r.ebx, 0x358);
}

static void test_xsave1_xss_needs_xsaves(void **state)
{
	struct fixture *f = *state;
	struct coco_snp_cpuid_entry e[ARRAY_SIZE(zen)];

	memcpy(e, zen, sizeof(zen));
	e[ZEN_XSAVE1].eax = 0x2;	/* XSAVEC, no XSAVES */
	load(f, e, ZEN_COUNT);
	f->env.xcr0 = 0x207;
	/* XSS (even an undescribed bit 12) is not in play: 0x348. */
	f->env.xss = 0x1800;
	assert_int_equal(query(f, 0xd, 1), 0);
	assert_int_equal(f->r.ebx, 0x240 + 0x100 + 0x8);

	/* XSAVES only is also enough for a compacted size. */
	e[ZEN_XSAVE1].eax = 0x8;
	load(f, e, ZEN_COUNT);
	f->env.xss = 0x800;
	assert_int_equal(query(f, 0xd, 1), 0);
	assert_int_equal(f->r.ebx, 0x358);
}

static void test_xsave1_without_xsavec_xsaves_fails(void **state)
{
	struct fixture *f = *state;
	struct coco_snp_cpuid_entry e[ARRAY_SIZE(zen)];

	memcpy(e, zen, sizeof(zen));
	e[ZEN_XSAVE1].eax = 0x5;	/* XSAVEOPT + XGETBV1 only */
	load(f, e, ZEN_COUNT);
	f->env.xcr0 = 0x3;
	f->r.eax = 0x1234;
	assert_int_equal(query(f, 0xd, 1), -EINVAL);
	assert_regs(&f->r, 0, 0, 0, 0);
	/* Subleaf 0 does not care. */
	assert_int_equal(query(f, 0xd, 0), 0);
	assert_int_equal(f->r.ebx, 0x240);
}

static void test_xsave_unknown_feature_fails(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	/* Bit 5 (opmask) has no 0xD/5 entry. */
	f->env.xcr0 = 0x27;
	assert_int_equal(query(f, 0xd, 0), -EINVAL);
	assert_int_equal(query(f, 0xd, 1), -EINVAL);
	/* Bit 12 (CET_S) in XSS has no entry either. */
	f->env.xcr0 = 0x7;
	f->env.xss = 0x1800;
	assert_int_equal(query(f, 0xd, 1), -EINVAL);
	assert_regs(&f->r, 0, 0, 0, 0);
	/* Bits 0 and 1 never need an entry. */
	f->env.xss = 0x3;
	f->env.xcr0 = 0x3;
	assert_int_equal(query(f, 0xd, 1), 0);
	assert_int_equal(f->r.ebx, 0x240);
}

static void test_xsave_component_subleaves_verbatim(void **state)
{
	struct fixture *f = *state;

	load(f, zen, ZEN_COUNT);
	/* No size rule for 2..63, whatever XCR0 holds. */
	f->env.xcr0 = 0x27;
	assert_int_equal(query(f, 0xd, 2), 0);
	assert_regs(&f->r, 0x100, 0x240, 0, 0);
	assert_int_equal(query(f, 0xd, 11), 0);
	assert_regs(&f->r, 0x10, 0, 0x1, 0);
	/* 0xD/5 is missing but leaf 0xD is in range: zeros. */
	assert_int_equal(query(f, 0xd, 5), 0);
	assert_regs(&f->r, 0, 0, 0, 0);
}

/* Only decoys for 0xD/0 and 0xD/1: treated as missing (in range). */
static void test_xsave_only_unusable_base_entries(void **state)
{
	struct fixture *f = *state;
	const struct coco_snp_cpuid_entry e[] = {
		ENT(0x0, 0, 0xd, 0, 0, 0),
		XENT(0xd, 0, 0x7, 0, 0x7, 0x340, 0x340, 0),
		XENT(0xd, 0, 0x0, 0, 0x7, 0x340, 0x340, 0),
		XENT(0xd, 1, 0x3, 0x1, 0xf, 0x240, 0, 0),
		ENT(0xd, 2, 0x100, 0x240, 0, 0),
	};

	load(f, e, ARRAY_SIZE(e));
	f->env.xcr0 = 0x7;
	assert_int_equal(query(f, 0xd, 0), 0);
	/* Zeros, with EBX recomputed: 0x240 + 0x100 = 0x340. */
	assert_regs(&f->r, 0, 0x340, 0, 0);
	/* Zero EAX has neither XSAVEC nor XSAVES. */
	assert_int_equal(query(f, 0xd, 1), -EINVAL);
}

static void test_xsave_size_overflow_fails(void **state)
{
	struct fixture *f = *state;
	struct coco_snp_cpuid_entry e[] = {
		ENT(0x0, 0, 0xd, 0, 0, 0),
		XENT(0xd, 0, 0x1, 0, 0x7, 0x240, 0, 0),
		XENT(0xd, 1, 0x1, 0, 0xf, 0x240, 0, 0),
		ENT(0xd, 2, 0x80000000, 0x80000000, 0, 0),
		ENT(0xd, 3, 0x7ffffdc0, 0, 0, 0),
	};

	load(f, e, ARRAY_SIZE(e));
	/* Standard: offset + size = 2^32 does not fit EBX. */
	f->env.xcr0 = 0x7;
	assert_int_equal(query(f, 0xd, 0), -EINVAL);
	/* Compacted: 0x240 + 0x80000000 + 0x7ffffdc0 = 2^32. */
	f->env.xcr0 = 0xf;
	assert_int_equal(query(f, 0xd, 1), -EINVAL);
	/* One short of 2^32 still fits. */
	e[4].eax = 0x7ffffdbf;
	load(f, e, ARRAY_SIZE(e));
	assert_int_equal(query(f, 0xd, 1), 0);
	assert_int_equal(f->r.ebx, 0xffffffff);
}

/* Component 63 is the last one; subleaf numbers past it are not components. */
static void test_xsave_highest_component(void **state)
{
	struct fixture *f = *state;
	const struct coco_snp_cpuid_entry e[] = {
		ENT(0x0, 0, 0xd, 0, 0, 0),
		XENT(0xd, 0, 0x1, 0, 0x7, 0x240, 0, 0),
		ENT(0xd, 64, 0x1000000, 0x1000000, 0, 0),
		ENT(0xd, 0xffffffff, 0x1000000, 0x1000000, 0, 0),
		ENT(0xd, 63, 0x40, 0x1000, 0, 0),
	};

	load(f, e, ARRAY_SIZE(e));
	f->env.xcr0 = 0x8000000000000003ULL;
	assert_int_equal(query(f, 0xd, 0), 0);
	assert_int_equal(f->r.ebx, 0x1040);
}

/* A component listed twice counts once, with its first entry. */
static void test_xsave_duplicate_component(void **state)
{
	struct fixture *f = *state;
	const struct coco_snp_cpuid_entry e[] = {
		ENT(0x0, 0, 0xd, 0, 0, 0),
		XENT(0xd, 1, 0x1, 0, 0xf, 0x240, 0, 0),
		ENT(0xd, 2, 0x100, 0x240, 0, 0),
		ENT(0xd, 2, 0x400, 0x240, 0, 0),
	};

	load(f, e, ARRAY_SIZE(e));
	f->env.xcr0 = 0x7;
	assert_int_equal(query(f, 0xd, 1), 0);
	assert_int_equal(f->r.ebx, 0x340);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_le_accessors, setup),
		cmocka_unit_test_setup(test_page_build_layout, setup),
		cmocka_unit_test_setup(test_init_decodes_spec_offsets, setup),
		cmocka_unit_test_setup(test_init_rejects_short_or_missing_page,
				       setup),
		cmocka_unit_test_setup(test_init_rejects_bad_counts, setup),
		cmocka_unit_test_setup(test_init_count_byte_order, setup),
		cmocka_unit_test_setup(test_full_table, setup),
		cmocka_unit_test_setup(test_slots_past_count_are_ignored, setup),
		cmocka_unit_test_setup(test_range_maxima, setup),
		cmocka_unit_test_setup(test_private_copy_is_independent, setup),
		cmocka_unit_test_setup(test_empty_table_is_not_supported, setup),
		cmocka_unit_test_setup(test_rejected_table_fails_closed, setup),
		cmocka_unit_test_setup(test_null_arguments, setup),
		cmocka_unit_test_setup(test_plain_leaves_verbatim, setup),
		cmocka_unit_test_setup(test_non_indexed_ignores_subleaf, setup),
		cmocka_unit_test_setup(test_indexed_leaves_match_subleaf, setup),
		cmocka_unit_test_setup(test_missing_leaf_in_range_is_zero, setup),
		cmocka_unit_test_setup(test_out_of_range_is_zero_without_hv,
				       setup),
		cmocka_unit_test_setup(test_missing_leaf_in_range_is_postprocessed,
				       setup),
		cmocka_unit_test_setup(test_no_range_leaves, setup),
		cmocka_unit_test_setup(test_leaf1_postprocess, setup),
		cmocka_unit_test_setup(test_leaf1_apic_bit_set_by_hv, setup),
		cmocka_unit_test_setup(test_leaf7_ospke, setup),
		cmocka_unit_test_setup(test_leafb_x2apic_id_from_hv_subleaf0,
				       setup),
		cmocka_unit_test_setup(test_leaf8000001e_ids_from_hv, setup),
		cmocka_unit_test_setup(test_hv_failure_is_eio, setup),
		cmocka_unit_test_setup(test_xsave0_picks_legacy_base_entry,
				       setup),
		cmocka_unit_test_setup(test_xsave0_standard_size, setup),
		cmocka_unit_test_setup(test_xsave_without_osxsave_is_x87_only,
				       setup),
		cmocka_unit_test_setup(test_xsave1_compacted_size, setup),
		cmocka_unit_test_setup(test_xsave1_xss_needs_xsaves, setup),
		cmocka_unit_test_setup(test_xsave1_without_xsavec_xsaves_fails,
				       setup),
		cmocka_unit_test_setup(test_xsave_unknown_feature_fails, setup),
		cmocka_unit_test_setup(test_xsave_component_subleaves_verbatim,
				       setup),
		cmocka_unit_test_setup(test_xsave_only_unusable_base_entries,
				       setup),
		cmocka_unit_test_setup(test_xsave_size_overflow_fails, setup),
		cmocka_unit_test_setup(test_xsave_highest_component, setup),
		cmocka_unit_test_setup(test_xsave_duplicate_component, setup),
	};

	return cmocka_run_group_tests_name("snp_cpuid", tests, NULL, NULL);
}

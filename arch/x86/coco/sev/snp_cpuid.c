// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SEV-SNP CPUID table.  Under SNP the hypervisor's CPUID answers cannot
 * be trusted (it could misreport the C-bit or advertise features that steer
 * the guest into unhardened paths), so every CPUID the guest needs comes from
 * the table the AMD-SP validated at launch.  Only per-CPU identity fields
 * (APIC IDs, node and compute-unit IDs) are taken from the hypervisor, and
 * the fields that mirror guest control registers from those registers.
 *
 * The firmware page is read exactly once, into a private table; only that
 * copy is validated and consulted.  The code runs before any kernel service
 * exists, so it calls nothing and allocates nothing.
 */
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/byteimg_le.h>
#include <coco/snp_cpuid.h>

#define LEAF_FEATURES		0x1U
#define LEAF_EXT_FEATURES	0x7U
#define LEAF_EXT_TOPOLOGY	0xbU
#define LEAF_XSAVE		0xdU
#define LEAF_AMD_TOPOLOGY	0x8000001eU

/* Leaf 1 */
#define L1_EBX_APIC_ID_MASK	0xff000000U
#define L1_ECX_OSXSAVE		0x08000000U
#define L1_EDX_APIC		0x00000200U
/* Leaf 7 subleaf 0 */
#define L7_ECX_OSPKE		0x00000010U
/* Leaf 0x8000001E: compute-unit ID in EBX[7:0], node ID in ECX[7:0] */
#define L8E_ID_MASK		0x000000ffU

/* XCR0/XSS bits 0 (x87) and 1 (SSE) live in the legacy region. */
#define XFEATURE_X87		0x1ULL
#define XFEATURE_LEGACY_MASK	0x3ULL
#define XFEATURE_MAX		63

static bool snp_cpuid_leaf_is_indexed(u32 leaf)
{
	switch (leaf) {
	case 0x4:
	case 0x7:
	case 0xb:
	case 0xd:
	case 0xf:
	case 0x10:
	case 0x12:
	case 0x14:
	case 0x17:
	case 0x18:
	case 0x1d:
	case 0x1e:
	case 0x1f:
	case 0x24:
	case 0x8000001d:
		return true;
	default:
		return false;
	}
}

static void snp_cpuid_read_entry(struct coco_snp_cpuid_entry *e, const u8 *p)
{
	e->eax_in = coco_get_le32(p + SNP_CPUID_ENT_EAX_IN);
	e->ecx_in = coco_get_le32(p + SNP_CPUID_ENT_ECX_IN);
	e->xcr0_in = coco_get_le64(p + SNP_CPUID_ENT_XCR0_IN);
	e->xss_in = coco_get_le64(p + SNP_CPUID_ENT_XSS_IN);
	e->eax = coco_get_le32(p + SNP_CPUID_ENT_EAX);
	e->ebx = coco_get_le32(p + SNP_CPUID_ENT_EBX);
	e->ecx = coco_get_le32(p + SNP_CPUID_ENT_ECX);
	e->edx = coco_get_le32(p + SNP_CPUID_ENT_EDX);
}

static void snp_cpuid_write_entry(u8 *p, const struct coco_snp_cpuid_entry *e)
{
	coco_put_le32(p + SNP_CPUID_ENT_EAX_IN, e->eax_in);
	coco_put_le32(p + SNP_CPUID_ENT_ECX_IN, e->ecx_in);
	coco_put_le64(p + SNP_CPUID_ENT_XCR0_IN, e->xcr0_in);
	coco_put_le64(p + SNP_CPUID_ENT_XSS_IN, e->xss_in);
	coco_put_le32(p + SNP_CPUID_ENT_EAX, e->eax);
	coco_put_le32(p + SNP_CPUID_ENT_EBX, e->ebx);
	coco_put_le32(p + SNP_CPUID_ENT_ECX, e->ecx);
	coco_put_le32(p + SNP_CPUID_ENT_EDX, e->edx);
	coco_put_le64(p + SNP_CPUID_ENT_RSVD, 0);
}

/* EAX of the first entry for @leaf, or 0 when the table has none. */
static u32 snp_cpuid_range_max(const struct coco_snp_cpuid_table *t, u32 leaf)
{
	u32 i;

	for (i = 0; i < t->count; i++)
		if (t->entries[i].eax_in == leaf)
			return t->entries[i].eax;
	return 0;
}

/**
 * coco_snp_cpuid_table_init() - take the firmware CPUID page into a table
 * @t: the private table to fill
 * @page: the CPUID page the firmware supplied (CC blob cpuid_phys)
 * @len: its length (CC blob cpuid_len)
 *
 * Every table byte is read from @page once, before anything is checked; the
 * checks and all later lookups use only the copy in @t.
 *
 * Return: 0, or -EINVAL when there is no page, @len is below a page, or the
 * entry count is 0 or above SNP_CPUID_COUNT_MAX.  On error @t is left so
 * that coco_snp_cpuid() fails rather than falling back to the hypervisor;
 * the caller terminates the guest (GHCB_TERM_CPUID).
 */
int coco_snp_cpuid_table_init(struct coco_snp_cpuid_table *t, const u8 *page,
			      u32 len)
{
	u32 count, i;

	if (!t)
		return -EINVAL;
	t->count = 0;
	t->init_failed = true;
	t->std_max = 0;
	t->hyp_max = 0;
	t->ext_max = 0;
	if (!page || len < SNP_CPUID_PAGE_SIZE)
		return -EINVAL;

	/*
	 * All 64 slots are copied whatever the count says, so the copy does
	 * not depend on a value read from the page.
	 */
	count = coco_get_le32(page + SNP_CPUID_OFF_COUNT);
	for (i = 0; i < SNP_CPUID_COUNT_MAX; i++)
		snp_cpuid_read_entry(&t->entries[i], page + SNP_CPUID_HDR_SIZE +
				     i * SNP_CPUID_ENTRY_SIZE);

	if (count == 0 || count > SNP_CPUID_COUNT_MAX)
		return -EINVAL;

	t->count = count;
	t->std_max = snp_cpuid_range_max(t, SNP_CPUID_STD_BASE);
	t->hyp_max = snp_cpuid_range_max(t, SNP_CPUID_HYP_BASE);
	t->ext_max = snp_cpuid_range_max(t, SNP_CPUID_EXT_BASE);
	t->init_failed = false;
	return 0;
}

/*
 * 0xD/0 and 0xD/1 report sizes for the XCR0/XSS of the moment, which the
 * guest recomputes; only the entry describing the legacy state (XCR0 x87 or
 * x87|SSE, no supervisor state) is a sound base for that.
 */
static bool snp_cpuid_xsave_base_entry(const struct coco_snp_cpuid_entry *e)
{
	return (e->xcr0_in == 1 || e->xcr0_in == 3) && e->xss_in == 0;
}

static const struct coco_snp_cpuid_entry *
snp_cpuid_find(const struct coco_snp_cpuid_table *t, u32 leaf, u32 subleaf)
{
	bool indexed = snp_cpuid_leaf_is_indexed(leaf);
	u32 i;

	for (i = 0; i < t->count; i++) {
		const struct coco_snp_cpuid_entry *e = &t->entries[i];

		if (e->eax_in != leaf)
			continue;
		if (indexed && e->ecx_in != subleaf)
			continue;
		if (leaf == LEAF_XSAVE && subleaf <= 1 &&
		    !snp_cpuid_xsave_base_entry(e))
			continue;
		return e;
	}
	return NULL;
}

static bool snp_cpuid_in_range(const struct coco_snp_cpuid_table *t, u32 leaf)
{
	if (leaf <= t->std_max)
		return true;
	if (leaf >= SNP_CPUID_HYP_BASE && leaf <= t->hyp_max)
		return true;
	return leaf >= SNP_CPUID_EXT_BASE && leaf <= t->ext_max;
}

/*
 * Size of the XSAVE area for the components in @enabled: the table's
 * per-component entries (0xD/2..63) give each size (EAX) and standard-format
 * offset (EBX).  Every enabled component must be described, otherwise the
 * guest would size its buffers for state it does not know about.
 */
static int snp_cpuid_xsave_size(const struct coco_snp_cpuid_table *t,
				u64 enabled, bool compacted, u32 *size)
{
	u64 found = 0, total = SNP_CPUID_XSAVE_BASE_SIZE;
	u32 i;

	for (i = 0; i < t->count; i++) {
		const struct coco_snp_cpuid_entry *e = &t->entries[i];
		u64 bit, end;

		if (e->eax_in != LEAF_XSAVE || e->ecx_in < 2 ||
		    e->ecx_in > XFEATURE_MAX)
			continue;
		bit = BIT_ULL(e->ecx_in);
		/* The first entry of a component counts, as in a lookup. */
		if (!(enabled & bit) || (found & bit))
			continue;
		found |= bit;

		/* Sums stay far below 2^64: at most 62 terms of 32 bits. */
		end = (u64)e->eax + e->ebx;
		if (compacted)
			total += e->eax;
		else if (end > total)
			total = end;
	}

	if (found != (enabled & ~XFEATURE_LEGACY_MASK))
		return -EINVAL;
	/* A size that wrapped would undersize every XSAVE buffer. */
	if (total > 0xffffffffULL)
		return -EINVAL;
	*size = (u32)total;
	return 0;
}

static int snp_cpuid_fix_xsave(const struct coco_snp_cpuid_table *t,
			       const struct coco_snp_cpuid_env *env,
			       u32 subleaf, struct coco_cpuid_regs *r)
{
	u64 xcr0 = XFEATURE_X87, xss = 0;
	bool compacted = false;
	u32 size;
	int ret;

	if (subleaf > 1)
		return 0;

	/* XCR0 cannot be read or changed until the OS sets CR4.OSXSAVE. */
	if (env->cr4_osxsave)
		xcr0 = env->xcr0;

	if (subleaf == 1) {
		/*
		 * Without XSAVEC or XSAVES there is no compacted format and no
		 * defined size; SNP hardware has both, so refuse the table.
		 */
		if (!(r->eax & (SNP_CPUID_XSAVE_XSAVEC | SNP_CPUID_XSAVE_XSAVES)))
			return -EINVAL;
		/* Supervisor state is only saved by XSAVES. */
		if (r->eax & SNP_CPUID_XSAVE_XSAVES)
			xss = env->xss;
		compacted = true;
	}

	ret = snp_cpuid_xsave_size(t, xcr0 | xss, compacted, &size);
	if (ret)
		return ret;
	r->ebx = size;
	return 0;
}

static int snp_cpuid_hv(const struct coco_snp_cpuid_env *env, u32 leaf,
			u32 subleaf, struct coco_cpuid_regs *hv)
{
	hv->eax = 0;
	hv->ebx = 0;
	hv->ecx = 0;
	hv->edx = 0;
	if (!env->hv_cpuid || env->hv_cpuid(env->ctx, leaf, subleaf, hv))
		return -EIO;
	return 0;
}

/*
 * Fill in what the table cannot know.  The hypervisor values used here only
 * identify CPUs; nothing that enables a feature or describes memory
 * encryption is ever taken from it.
 */
static int snp_cpuid_postprocess(const struct coco_snp_cpuid_table *t,
				 const struct coco_snp_cpuid_env *env,
				 u32 leaf, u32 subleaf,
				 struct coco_cpuid_regs *r)
{
	struct coco_cpuid_regs hv;
	int ret;

	switch (leaf) {
	case LEAF_FEATURES:
		ret = snp_cpuid_hv(env, leaf, 0, &hv);
		if (ret)
			return ret;
		r->ebx = (hv.ebx & L1_EBX_APIC_ID_MASK) |
			 (r->ebx & ~L1_EBX_APIC_ID_MASK);
		r->edx = (hv.edx & L1_EDX_APIC) | (r->edx & ~L1_EDX_APIC);
		/* OSXSAVE mirrors CR4, so it is set exactly when CR4 has it. */
		r->ecx &= ~L1_ECX_OSXSAVE;
		if (env->cr4_osxsave)
			r->ecx |= L1_ECX_OSXSAVE;
		return 0;
	case LEAF_EXT_FEATURES:
		/* OSPKE exists in subleaf 0 only. */
		if (subleaf != 0)
			return 0;
		r->ecx &= ~L7_ECX_OSPKE;
		if (env->cr4_pke)
			r->ecx |= L7_ECX_OSPKE;
		return 0;
	case LEAF_EXT_TOPOLOGY:
		/* The x2APIC ID is per CPU and the same in every subleaf. */
		ret = snp_cpuid_hv(env, leaf, 0, &hv);
		if (ret)
			return ret;
		r->edx = hv.edx;
		return 0;
	case LEAF_XSAVE:
		return snp_cpuid_fix_xsave(t, env, subleaf, r);
	case LEAF_AMD_TOPOLOGY:
		ret = snp_cpuid_hv(env, leaf, 0, &hv);
		if (ret)
			return ret;
		r->eax = hv.eax;	/* extended APIC ID */
		r->ebx = (hv.ebx & L8E_ID_MASK) | (r->ebx & ~L8E_ID_MASK);
		r->ecx = (hv.ecx & L8E_ID_MASK) | (r->ecx & ~L8E_ID_MASK);
		return 0;
	default:
		return 0;
	}
}

/**
 * coco_snp_cpuid() - answer a CPUID query from the SNP CPUID table
 * @t: the table, filled by coco_snp_cpuid_table_init()
 * @env: CPU state (XCR0, XSS, CR4 bits) and the hypervisor query
 * @leaf: CPUID leaf (EAX)
 * @subleaf: CPUID subleaf (ECX); used only for indexed leaves
 * @out: the result
 *
 * A leaf missing from the table reads as zeros; inside one of the ranges
 * the table declares (leaves 0x0, 0x40000000, 0x80000000) the zeros are
 * then completed like a table entry, outside them they are returned as is.
 *
 * Return: 0 with @out filled; -EOPNOTSUPP when @t holds no table (not an
 * SNP guest: the caller asks the hypervisor instead); -EIO when the
 * hypervisor query failed (the caller terminates, GHCB_TERM_CPUID_HV);
 * -EINVAL when the XSAVE sizes cannot be computed from the table or @t was
 * rejected by coco_snp_cpuid_table_init() (the caller terminates,
 * GHCB_TERM_CPUID).  On error @out is all zeros.
 */
int coco_snp_cpuid(const struct coco_snp_cpuid_table *t,
		   const struct coco_snp_cpuid_env *env, u32 leaf, u32 subleaf,
		   struct coco_cpuid_regs *out)
{
	const struct coco_snp_cpuid_entry *e;
	struct coco_cpuid_regs r = { 0 };
	int ret;

	if (!out)
		return -EINVAL;
	*out = r;
	if (!t || !env || t->init_failed || t->count > SNP_CPUID_COUNT_MAX)
		return -EINVAL;
	if (!t->count)
		return -EOPNOTSUPP;

	e = snp_cpuid_find(t, leaf, subleaf);
	if (e) {
		r.eax = e->eax;
		r.ebx = e->ebx;
		r.ecx = e->ecx;
		r.edx = e->edx;
	} else if (!snp_cpuid_in_range(t, leaf)) {
		return 0;
	}

	ret = snp_cpuid_postprocess(t, env, leaf, subleaf, &r);
	if (ret)
		return ret;
	*out = r;
	return 0;
}

/**
 * coco_snp_cpuid_page_build() - lay out a CPUID table the way firmware does
 * @page: at least SNP_CPUID_TABLE_SIZE bytes
 * @e: the entries
 * @count: written to the header as given; min(@count, 64) entries of @e
 *	are laid out
 *
 * Writes the header and all 64 entry slots (unused slots and reserved
 * fields zero); bytes past SNP_CPUID_TABLE_SIZE are not touched.  For the
 * simulator's firmware model and for tests, which may ask for a count the
 * guest must reject.
 */
void coco_snp_cpuid_page_build(u8 *page, const struct coco_snp_cpuid_entry *e,
			       u32 count)
{
	struct coco_snp_cpuid_entry zero = { 0 };
	u32 i;

	coco_put_le32(page + SNP_CPUID_OFF_COUNT, count);
	coco_put_le32(page + SNP_CPUID_OFF_RSVD1, 0);
	coco_put_le64(page + SNP_CPUID_OFF_RSVD2, 0);
	for (i = 0; i < SNP_CPUID_COUNT_MAX; i++)
		snp_cpuid_write_entry(page + SNP_CPUID_HDR_SIZE +
				      i * SNP_CPUID_ENTRY_SIZE,
				      i < count ? &e[i] : &zero);
}

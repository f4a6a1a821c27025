// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the SNP CPUID table: arbitrary bytes as the firmware
 * page, the query and CPU state from a small prefix.  Besides "no crash, no
 * out-of-bounds read" (the page buffer is exactly as long as the length
 * passed in, so ASan sees any overrun) it checks the contract:
 *   - results are one of 0, -EINVAL, -EIO, -EOPNOTSUPP; on error all zeros;
 *   - a rejected page never yields "ask the hypervisor" (-EOPNOTSUPP);
 *   - results do not change when the source page changes after init;
 *   - in the standard range, the hypervisor-owned fields of leaf 1 are the
 *     hypervisor's and OSXSAVE/OSPKE follow CR4.
 *
 * Input: 32-byte prefix (leaf, subleaf, xcr0, xss, flags, pick, hv seed,
 * len tweak), the rest is the page (zero-padded to 4096).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/errno.h>
#include <coco/byteimg_le.h>
#include <coco/snp_cpuid.h>

#define PREFIX		32
#define PAGE		4096

#define F_OSXSAVE	0x01
#define F_PKE		0x02
#define F_HV_FAIL	0x04
#define F_HV_NULL	0x08
#define F_SHORT_LEN	0x10
#define F_PICK_ENTRY	0x20
#define F_FIX_COUNT	0x40
#define F_NO_INIT	0x80

#define CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)

struct hv {
	struct coco_cpuid_regs regs;
	int fail;
};

static int hv_cpuid(void *ctx, u32 leaf, u32 subleaf,
		    struct coco_cpuid_regs *out)
{
	const struct hv *hv = ctx;

	if (hv->fail)
		return -1;
	out->eax = hv->regs.eax ^ leaf;
	out->ebx = hv->regs.ebx;
	out->ecx = hv->regs.ecx ^ subleaf;
	out->edx = hv->regs.edx;
	return 0;
}

static int one(const struct coco_snp_cpuid_table *t,
	       const struct coco_snp_cpuid_env *env, u32 leaf, u32 subleaf,
	       struct coco_cpuid_regs *r)
{
	const struct hv *hv = env->ctx;
	int ret = coco_snp_cpuid(t, env, leaf, subleaf, r);

	CHECK(ret == 0 || ret == -EINVAL || ret == -EIO ||
	      ret == -EOPNOTSUPP);
	if (ret)
		CHECK(!r->eax && !r->ebx && !r->ecx && !r->edx);
	/* Inside the standard range leaves 1 and 7 are always fixed up. */
	if (!ret && leaf == 1 && leaf <= t->std_max) {
		CHECK((r->ebx >> 24) == (hv->regs.ebx >> 24));
		CHECK((r->edx & 0x200) == (hv->regs.edx & 0x200));
		CHECK(!!(r->ecx & 0x08000000) == env->cr4_osxsave);
	}
	if (!ret && leaf == 7 && subleaf == 0 && leaf <= t->std_max)
		CHECK(!!(r->ecx & 0x10) == env->cr4_pke);
	return ret;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct coco_snp_cpuid_table t;
	struct coco_snp_cpuid_env env = { 0 };
	struct coco_cpuid_regs r, r2;
	struct hv hv;
	u32 leaf, subleaf, len, i;
	u8 flags, pick, *page;
	int init_ret, ret, ret2;

	if (size < PREFIX)
		return 0;
	leaf = coco_get_le32(data);
	subleaf = coco_get_le32(data + 4);
	env.xcr0 = coco_get_le64(data + 8);
	env.xss = coco_get_le64(data + 16);
	flags = data[24];
	pick = data[25];
	hv.regs.eax = coco_get_le32(data + 26);
	hv.regs.ebx = hv.regs.eax * 0x9e3779b9u;
	hv.regs.ecx = ~hv.regs.eax;
	hv.regs.edx = hv.regs.ebx ^ 0x200;
	hv.fail = !!(flags & F_HV_FAIL);
	env.cr4_osxsave = !!(flags & F_OSXSAVE);
	env.cr4_pke = !!(flags & F_PKE);
	env.hv_cpuid = (flags & F_HV_NULL) ? NULL : hv_cpuid;
	env.ctx = &hv;

	len = PAGE;
	if (flags & F_SHORT_LEN)
		len = coco_get_le16(data + 30) % PAGE;
	page = calloc(1, len ? len : 1);
	if (!page)
		return 0;
	data += PREFIX;
	size -= PREFIX;
	memcpy(page, data, size < len ? size : len);
	if ((flags & F_FIX_COUNT) && len >= 4)
		coco_put_le32(page, pick % (SNP_CPUID_COUNT_MAX + 1));

	/* Every now and then query a never-initialised (zero) table. */
	memset(&t, 0, sizeof(t));
	init_ret = -EOPNOTSUPP;
	if (!(flags & F_NO_INIT)) {
		init_ret = coco_snp_cpuid_table_init(&t, page, len);
		CHECK(init_ret == 0 || init_ret == -EINVAL);
		CHECK(init_ret || len >= PAGE);
	}

	if (init_ret == 0 && (flags & F_PICK_ENTRY)) {
		const struct coco_snp_cpuid_entry *e;

		e = &t.entries[pick % t.count];
		leaf = e->eax_in;
		subleaf = e->ecx_in;
	}

	ret = one(&t, &env, leaf, subleaf, &r);
	if (init_ret == -EINVAL)
		CHECK(ret == -EINVAL);
	if (init_ret == -EOPNOTSUPP)
		CHECK(ret == -EOPNOTSUPP);

	if (init_ret == 0) {
		for (i = 0; i < t.count; i++)
			one(&t, &env, t.entries[i].eax_in, t.entries[i].ecx_in,
			    &r2);
		one(&t, &env, 0xd, 0, &r2);
		one(&t, &env, 0xd, 1, &r2);

		/* The copy is private: scribbling on the page changes nothing. */
		for (i = 0; i < len; i++)
			page[i] = ~page[i];
		ret2 = one(&t, &env, leaf, subleaf, &r2);
		CHECK(ret2 == ret);
		CHECK(!memcmp(&r, &r2, sizeof(r)));
	}

	free(page);
	return 0;
}

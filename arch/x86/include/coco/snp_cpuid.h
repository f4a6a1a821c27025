/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The SEV-SNP CPUID table: CPUID results the AMD-SP checked against the
 * processor and the launch policy before the guest started.  Under SNP it is
 * the guest's only trusted source of CPUID; the hypervisor is asked only for
 * the per-CPU fields that cannot be put in a shared table.  Layout: SNP ABI
 * rev 0.9 table 14, as collected in shared/spec/x86-sev.md 1.4.
 */
#ifndef _COCO_X86_SNP_CPUID_H
#define _COCO_X86_SNP_CPUID_H

#include <linux/types.h>
#include <coco/platform.h>

/* The page the firmware hands over; the CC blob's cpuid_len is at least this. */
#define SNP_CPUID_PAGE_SIZE		4096U
#define SNP_CPUID_COUNT_MAX		64U

/* Header */
#define SNP_CPUID_OFF_COUNT		0x00
#define SNP_CPUID_OFF_RSVD1		0x04
#define SNP_CPUID_OFF_RSVD2		0x08
#define SNP_CPUID_HDR_SIZE		0x10

/* Entry i starts at SNP_CPUID_HDR_SIZE + SNP_CPUID_ENTRY_SIZE * i. */
#define SNP_CPUID_ENTRY_SIZE		48
#define SNP_CPUID_ENT_EAX_IN		0x00
#define SNP_CPUID_ENT_ECX_IN		0x04
#define SNP_CPUID_ENT_XCR0_IN		0x08
#define SNP_CPUID_ENT_XSS_IN		0x10
#define SNP_CPUID_ENT_EAX		0x18
#define SNP_CPUID_ENT_EBX		0x1c
#define SNP_CPUID_ENT_ECX		0x20
#define SNP_CPUID_ENT_EDX		0x24
#define SNP_CPUID_ENT_RSVD		0x28

/* Bytes of the page the table occupies: 3088. */
#define SNP_CPUID_TABLE_SIZE		(SNP_CPUID_HDR_SIZE + \
					 SNP_CPUID_ENTRY_SIZE * SNP_CPUID_COUNT_MAX)

/* The leaves whose range maxima bound "in range, but not in the table". */
#define SNP_CPUID_STD_BASE		0x00000000U
#define SNP_CPUID_HYP_BASE		0x40000000U
#define SNP_CPUID_EXT_BASE		0x80000000U

/*
 * XSAVE: the legacy region (512 bytes) plus the XSAVE header (64 bytes) is
 * the size with no extended component enabled.
 */
#define SNP_CPUID_XSAVE_BASE_SIZE	0x240U
#define SNP_CPUID_XSAVE_XSAVEC		0x2U	/* 0xD/1 EAX bit 1 */
#define SNP_CPUID_XSAVE_XSAVES		0x8U	/* 0xD/1 EAX bit 3 */

/**
 * struct coco_snp_cpuid_entry - one decoded CPUID table entry
 * @eax_in: the leaf (EAX input)
 * @ecx_in: the subleaf (ECX input); meaningful for indexed leaves only
 * @xcr0_in: the XCR0 value the entry was computed for (leaf 0xD)
 * @xss_in: the IA32_XSS value the entry was computed for (leaf 0xD)
 * @eax: EAX result
 * @ebx: EBX result
 * @ecx: ECX result
 * @edx: EDX result
 */
struct coco_snp_cpuid_entry {
	u32 eax_in;
	u32 ecx_in;
	u64 xcr0_in;
	u64 xss_in;
	u32 eax;
	u32 ebx;
	u32 ecx;
	u32 edx;
};

/**
 * struct coco_snp_cpuid_table - the guest's private copy of the CPUID table
 * @count: number of valid entries; 0 when there is no table
 * @init_failed: the last coco_snp_cpuid_table_init() rejected the page;
 *	lookups then fail instead of falling back to the hypervisor
 * @std_max: EAX of leaf 0x0, the last standard leaf
 * @hyp_max: EAX of leaf 0x40000000, the last hypervisor leaf (0: none)
 * @ext_max: EAX of leaf 0x80000000, the last extended leaf (0: none)
 * @entries: the decoded entries, @count of them valid
 *
 * A zero-filled table is "no table" (not an SNP guest).  Fill it only with
 * coco_snp_cpuid_table_init().
 */
struct coco_snp_cpuid_table {
	u32 count;
	bool init_failed;
	u32 std_max;
	u32 hyp_max;
	u32 ext_max;
	struct coco_snp_cpuid_entry entries[SNP_CPUID_COUNT_MAX];
};

/**
 * struct coco_snp_cpuid_env - the CPU state and hypervisor access a lookup needs
 * @xcr0: current XCR0 (only read when @cr4_osxsave is set)
 * @xss: current IA32_XSS (only read for 0xD/1 when the table has XSAVES)
 * @cr4_osxsave: CR4.OSXSAVE
 * @cr4_pke: CR4.PKE
 * @hv_cpuid: ask the (untrusted) hypervisor for @leaf/@subleaf; non-zero
 *	means the query failed
 * @ctx: passed to @hv_cpuid
 */
struct coco_snp_cpuid_env {
	u64 xcr0;
	u64 xss;
	bool cr4_osxsave;
	bool cr4_pke;
	int (*hv_cpuid)(void *ctx, u32 leaf, u32 subleaf,
			struct coco_cpuid_regs *out);
	void *ctx;
};

int coco_snp_cpuid_table_init(struct coco_snp_cpuid_table *t, const u8 *page,
			      u32 len);
int coco_snp_cpuid(const struct coco_snp_cpuid_table *t,
		   const struct coco_snp_cpuid_env *env, u32 leaf, u32 subleaf,
		   struct coco_cpuid_regs *out);
void coco_snp_cpuid_page_build(u8 *page, const struct coco_snp_cpuid_entry *e,
			       u32 count);

#endif /* _COCO_X86_SNP_CPUID_H */

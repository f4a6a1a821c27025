/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD SEV / SEV-ES / SEV-SNP constants and the guest-side mechanisms built
 * on them.  Values: AMD APM vol. 2, GHCB spec #56421, SNP ABI #56860, as
 * collected in shared/spec/x86-sev.md.
 */
#ifndef _COCO_X86_SEV_H
#define _COCO_X86_SEV_H

#include <linux/bits.h>
#include <linux/types.h>
#include <coco/attributes.h>
#include <coco/platform.h>

#define SEV_CPUID_EXT_MAX_LEAF		0x80000000U
#define SEV_CPUID_MEM_ENCRYPT_LEAF	0x8000001fU

/* CPUID Fn8000_001F EAX */
#define SEV_CPUID_EAX_SME		BIT(0)
#define SEV_CPUID_EAX_SEV		BIT(1)
#define SEV_CPUID_EAX_SEV_ES		BIT(3)
#define SEV_CPUID_EAX_SEV_SNP		BIT(4)
/* CPUID Fn8000_001F EBX */
#define SEV_CPUID_EBX_CBIT_MASK		0x3fU
#define SEV_CPUID_EBX_PHYS_RED_SHIFT	6
#define SEV_CPUID_EBX_PHYS_RED_MASK	0x3fU

#define MSR_SEV_STATUS			0xc0010131U
#define SEV_STATUS_SEV			BIT_ULL(0)
#define SEV_STATUS_SEV_ES		BIT_ULL(1)
#define SEV_STATUS_SEV_SNP		BIT_ULL(2)
#define SEV_STATUS_VTOM			BIT_ULL(3)

/* A C-bit below the page offset bits cannot be a page table entry bit. */
#define SEV_CBIT_MIN			12

int coco_sev_detect(const struct coco_platform *plat,
		    struct coco_detection *det);

#endif /* _COCO_X86_SEV_H */

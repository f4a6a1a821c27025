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

#define SEV_CPUID_STD_FEATURES_LEAF	0x00000001U
#define SEV_CPUID_EXT_MAX_LEAF		0x80000000U
#define SEV_CPUID_MEM_ENCRYPT_LEAF	0x8000001fU

/* CPUID Fn0000_0001 ECX */
#define X86_CPUID_1_ECX_RDRAND		BIT(30)

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

/* SEV_STATUS features the guest must implement when they are on. */
#define SEV_STATUS_SNP_IMPL_REQ		(GENMASK_ULL(63, 24) | \
					 GENMASK_ULL(22, 18) | BIT_ULL(16) | \
					 BIT_ULL(15) | GENMASK_ULL(13, 10) | \
					 GENMASK_ULL(7, 3))
/* ... and the ones of those this guest does implement. */
#define SEV_STATUS_SNP_PRESENT		BIT_ULL(7)	/* DebugSwap */

/* The GHCB MSR: a GHCB GPA, or an MSR-protocol request/response. */
#define MSR_SEV_GHCB			0xc0010130U
#define GHCB_MSR_INFO_MASK		0xfffULL
#define GHCB_MSR_DATA_SHIFT		12

#define GHCB_MSR_SEV_INFO_RESP		0x001
#define GHCB_MSR_SEV_INFO_REQ		0x002
#define GHCB_MSR_CPUID_REQ		0x004
#define GHCB_MSR_CPUID_RESP		0x005
#define GHCB_MSR_REG_GPA_REQ		0x012
#define GHCB_MSR_REG_GPA_RESP		0x013
#define GHCB_MSR_PSC_REQ		0x014
#define GHCB_MSR_PSC_RESP		0x015
#define GHCB_MSR_HV_FT_REQ		0x080
#define GHCB_MSR_HV_FT_RESP		0x081
#define GHCB_MSR_TERM_REQ		0x100

#define GHCB_PROTOCOL_MIN		1
#define GHCB_PROTOCOL_MAX		2

/* Hypervisor features (MSR 0x081 data, NAE HV_FEATURES). */
#define GHCB_HV_FT_SNP			BIT_ULL(0)
#define GHCB_HV_FT_SNP_AP_CREATION	BIT_ULL(1)
#define GHCB_HV_FT_SNP_MULTI_VMPL	BIT_ULL(5)

/* Termination reason sets and codes. */
#define GHCB_TERM_SET_GEN		0
#define GHCB_TERM_GEN_REQ		0
#define GHCB_TERM_PROT_UNSUPPORTED	1
#define GHCB_TERM_SNP_UNSUPPORTED	2
#define GHCB_TERM_SET_LINUX		1
#define GHCB_TERM_REGISTER		0
#define GHCB_TERM_PSC			1
#define GHCB_TERM_PVALIDATE		2
#define GHCB_TERM_CPUID			4
#define GHCB_TERM_CPUID_HV		5
/*
 * This project's own reasons, in a set of their own so that they can never
 * collide with a code Linux adds to its set 1 later.
 */
#define GHCB_TERM_SET_COCO		2
#define GHCB_TERM_COCO_CBIT		0	/* C-bit verification failed */

/* GHCB page layout. */
#define GHCB_PAGE_SIZE			4096U
#define GHCB_OFF_CPL			0x0cb
#define GHCB_OFF_RAX			0x1f8
#define GHCB_OFF_RCX			0x308
#define GHCB_OFF_RDX			0x310
#define GHCB_OFF_RBX			0x318
#define GHCB_OFF_SW_EXIT_CODE		0x390
#define GHCB_OFF_SW_EXIT_INFO_1		0x398
#define GHCB_OFF_SW_EXIT_INFO_2		0x3a0
#define GHCB_OFF_SW_SCRATCH		0x3a8
#define GHCB_OFF_XCR0			0x3e8
#define GHCB_OFF_VALID_BITMAP		0x3f0
#define GHCB_SAVE_AREA_END		0x400
#define GHCB_OFF_SHARED_BUF		0x800
#define GHCB_SHARED_BUF_SIZE		2032U
#define GHCB_OFF_PROTOCOL_VERSION	0xffa
#define GHCB_OFF_USAGE			0xffc

/* SW_EXITINFO1[31:0] of a response. */
#define GHCB_RESULT_OK			0
#define GHCB_RESULT_EXCEPTION		1
#define GHCB_RESULT_INVALID		2

/* EVENTINJ format of an exception-injection response. */
#define GHCB_EVENT_VECTOR_MASK		0xffULL
#define GHCB_EVENT_TYPE_SHIFT		8
#define GHCB_EVENT_TYPE_MASK		0x7ULL
#define GHCB_EVENT_TYPE_EXCEPTION	3
#define GHCB_EVENT_ERR_VALID		BIT_ULL(11)
#define GHCB_EVENT_VALID		BIT_ULL(31)
#define X86_VECTOR_UD			6
#define X86_VECTOR_GP			13

/* Exit codes. */
#define SVM_EXIT_CPUID			0x072ULL
#define SVM_VMGEXIT_PSC			0x80000010ULL
#define SVM_VMGEXIT_GUEST_REQUEST	0x80000011ULL
#define SVM_VMGEXIT_EXT_GUEST_REQUEST	0x80000012ULL
#define SVM_VMGEXIT_HV_FEATURES		0x8000fffdULL
#define SVM_VMGEXIT_TERM_REQUEST	0x8000fffeULL

/* Page State Change descriptor (in the shared buffer). */
#define PSC_OFF_CUR_ENTRY		0x0
#define PSC_OFF_END_ENTRY		0x2
#define PSC_OFF_RESERVED		0x4
#define PSC_OFF_ENTRIES			0x8
#define PSC_ENTRY_SIZE			8
#define PSC_MAX_ENTRIES			253
#define PSC_OP_PRIVATE			1
#define PSC_OP_SHARED			2
#define PSC_ENTRY_CUR_PAGE_MASK		0xfffULL
#define PSC_ENTRY_GFN_SHIFT		12
#define PSC_ENTRY_GFN_MASK		GENMASK_ULL(51, 12)
#define PSC_ENTRY_OP_SHIFT		52
#define PSC_ENTRY_OP_MASK		0xfULL
#define PSC_ENTRY_2M			BIT_ULL(56)

/* PVALIDATE results; NOUPDATE is CF=1 (already in that state). */
#define PVALIDATE_OK			0
#define PVALIDATE_FAIL_INPUT		1
#define PVALIDATE_FAIL_SIZEMISMATCH	6
#define PVALIDATE_FAIL_NOUPDATE		255

#define SEV_PAGE_SIZE			4096UL
#define SEV_PAGES_PER_2M		512UL

int coco_sev_detect(const struct coco_platform *plat,
		    struct coco_detection *det);

#endif /* _COCO_X86_SEV_H */

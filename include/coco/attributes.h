/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What a detected confidential platform is and what it implies for the
 * guest.  Shared by all three homes, so it depends on fixed-width types only.
 */
#ifndef _COCO_ATTRIBUTES_H
#define _COCO_ATTRIBUTES_H

#include <linux/bits.h>
#include <linux/types.h>

/**
 * enum coco_platform_kind - the confidential platform the guest runs on
 * @COCO_PLATFORM_NONE: not a confidential guest
 * @COCO_PLATFORM_SEV: AMD SEV (memory encryption only)
 * @COCO_PLATFORM_SEV_ES: AMD SEV-ES (memory and register state encryption)
 * @COCO_PLATFORM_SEV_SNP: AMD SEV-SNP (ES plus the reverse map table)
 * @COCO_PLATFORM_S390_PV: IBM s390x Protected Virtualization guest
 * @COCO_PLATFORM_NR: number of kinds
 */
enum coco_platform_kind {
	COCO_PLATFORM_NONE,
	COCO_PLATFORM_SEV,
	COCO_PLATFORM_SEV_ES,
	COCO_PLATFORM_SEV_SNP,
	COCO_PLATFORM_S390_PV,
	COCO_PLATFORM_NR,
};

/* Guest memory is encrypted; shared memory must be asked for explicitly. */
#define COCO_ATTR_MEM_ENCRYPT		BIT(0)
/* Register state is hidden from the hypervisor (#VC and the GHCB). */
#define COCO_ATTR_STATE_ENCRYPT		BIT(1)
/* SEV-SNP: RMP, PVALIDATE, page state changes, guest messages. */
#define COCO_ATTR_SEV_SNP		BIT(2)
/* The hypervisor cannot emulate INS/OUTS: string IO must be unrolled. */
#define COCO_ATTR_UNROLL_STRING_IO	BIT(3)
/* Devices cannot read private memory: virtio must go through the DMA API. */
#define COCO_ATTR_RESTRICTED_VIRTIO	BIT(4)
/* Memory above a virtual top-of-memory is shared (vTOM, no C-bit). */
#define COCO_ATTR_VTOM			BIT(5)
/* s390x: the Ultravisor answers guest calls (share, attestation). */
#define COCO_ATTR_ULTRAVISOR		BIT(6)
#define COCO_ATTR_NR			7

/**
 * struct coco_detection - result of platform detection
 * @kind: the platform found
 * @attrs: COCO_ATTR_* bits that hold for @kind
 * @sev_status: x86: raw SEV_STATUS MSR, 0 when it was not read
 * @cbit: x86: C-bit position in page table entries, 0 when not SEV
 * @phys_bits_reduction: x86: physical address bits lost to encryption
 * @uv_calls: s390x: the installed-calls bitmap of the UV query (MSB0)
 */
struct coco_detection {
	enum coco_platform_kind kind;
	u32 attrs;
	u64 sev_status;
	u8 cbit;
	u8 phys_bits_reduction;
	u64 uv_calls[4];
};

const char *coco_platform_kind_name(enum coco_platform_kind kind);
const char *coco_attr_name(unsigned int bit);

#endif /* _COCO_ATTRIBUTES_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* Instruction bytes vc_selftest.c assembles (into .rodata) for emulation. */
#ifndef _COCO_GUEST_VC_SELFTEST_H
#define _COCO_GUEST_VC_SELFTEST_H

#include <linux/types.h>

extern const u8 coco_vc_insn_readl[], coco_vc_insn_writel4[],
	coco_vc_insn_readl4[], coco_vc_insn_rep_outsb[], coco_vc_insn_inb[];

#endif /* _COCO_GUEST_VC_SELFTEST_H */

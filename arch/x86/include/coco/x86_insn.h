/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 instructions behind the real platform seam, usable in the kernel
 * and in freestanding early code alike.
 */
#ifndef _COCO_X86_INSN_H
#define _COCO_X86_INSN_H

#include <linux/types.h>
#include <coco/platform.h>

static inline void coco_x86_cpuid(u32 leaf, u32 subleaf,
				  struct coco_cpuid_regs *regs)
{
	asm volatile("cpuid"
		     : "=a" (regs->eax), "=b" (regs->ebx),
		       "=c" (regs->ecx), "=d" (regs->edx)
		     : "0" (leaf), "2" (subleaf));
}

/* Only for code that knows the MSR exists: a fault here is not caught. */
static inline u64 coco_x86_rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr));
	return ((u64)hi << 32) | lo;
}

#endif /* _COCO_X86_INSN_H */

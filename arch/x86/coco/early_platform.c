// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real x86 platform seam for early boot, before any exception handler
 * exists.  RDMSR is plain: the detection code only reads SEV_STATUS after
 * CPUID has said that SEV, and with it the MSR, exists.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/platform.h>
#include <coco/platform_real.h>
#include <coco/x86_insn.h>

static void early_cpuid(const struct coco_platform *plat, u32 leaf,
			u32 subleaf, struct coco_cpuid_regs *regs)
{
	coco_x86_cpuid(leaf, subleaf, regs);
}

static int early_rdmsr(const struct coco_platform *plat, u32 msr, u64 *val)
{
	*val = coco_x86_rdmsr(msr);
	return 0;
}

const struct coco_platform coco_real_platform = {
	.name = "real-early",
	.cpuid = early_cpuid,
	.rdmsr = early_rdmsr,
};

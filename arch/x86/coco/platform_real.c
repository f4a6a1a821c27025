// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real x86 platform seam for the kernel module: CPUID executed directly,
 * RDMSR through the kernel's fault-catching accessor because the module may
 * run on processors where the MSR does not exist.
 */
#include <linux/types.h>
#include <asm/msr.h>
#include <coco/platform.h>
#include <coco/platform_real.h>
#include <coco/x86_insn.h>

static void real_cpuid(const struct coco_platform *plat, u32 leaf,
		       u32 subleaf, struct coco_cpuid_regs *regs)
{
	coco_x86_cpuid(leaf, subleaf, regs);
}

static int real_rdmsr(const struct coco_platform *plat, u32 msr, u64 *val)
{
	unsigned long long v;

	if (rdmsrl_safe(msr, &v))
		return -EIO;
	*val = v;
	return 0;
}

const struct coco_platform coco_real_platform = {
	.name = "real",
	.cpuid = real_cpuid,
	.rdmsr = real_rdmsr,
};

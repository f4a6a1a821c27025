// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real x86 platform seam for early boot, before any exception handler
 * exists.  RDMSR is plain: the detection code only reads SEV_STATUS after
 * CPUID has said that SEV, and with it the MSR, exists.  Early memory is
 * identity mapped, and the early code owns its page tables itself, so
 * there is no C-bit operation here.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/platform.h>
#include <coco/platform_real.h>
#include <coco/sev.h>
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

static u64 early_ghcb_msr_read(const struct coco_platform *plat)
{
	return coco_x86_rdmsr(MSR_SEV_GHCB);
}

static void early_ghcb_msr_write(const struct coco_platform *plat, u64 val)
{
	coco_x86_wrmsr(MSR_SEV_GHCB, val);
}

static void early_vmgexit(const struct coco_platform *plat)
{
	coco_x86_vmgexit();
}

static int early_pvalidate(const struct coco_platform *plat,
			   unsigned long va, bool huge, bool validate)
{
	return coco_x86_pvalidate(va, huge, validate, PVALIDATE_FAIL_NOUPDATE);
}

static u64 early_va_to_gpa(const struct coco_platform *plat, const void *va)
{
	return (u64)(unsigned long)va;
}

const struct coco_platform coco_real_platform = {
	.name = "real-early",
	.cpuid = early_cpuid,
	.rdmsr = early_rdmsr,
	.ghcb_msr_read = early_ghcb_msr_read,
	.ghcb_msr_write = early_ghcb_msr_write,
	.vmgexit = early_vmgexit,
	.pvalidate = early_pvalidate,
	.va_to_gpa = early_va_to_gpa,
};

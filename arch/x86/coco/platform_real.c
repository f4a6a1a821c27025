// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real x86 platform seam for the kernel module: CPUID executed directly,
 * RDMSR through the kernel's fault-catching accessor because the module may
 * run on processors where the MSR does not exist.
 */
#include <linux/errno.h>
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

static u32 real_io_in(const struct coco_platform *plat, u16 port,
		      unsigned int size)
{
	return coco_x86_in(port, size);
}

static void real_io_out(const struct coco_platform *plat, u16 port,
			unsigned int size, u32 val)
{
	coco_x86_out(port, size, val);
}

static void real_io_ins(const struct coco_platform *plat, u16 port,
			unsigned int size, void *buf, unsigned long count)
{
	coco_x86_ins(port, size, buf, count);
}

static void real_io_outs(const struct coco_platform *plat, u16 port,
			 unsigned int size, const void *buf,
			 unsigned long count)
{
	coco_x86_outs(port, size, buf, count);
}

static int real_rdrand(const struct coco_platform *plat, u64 *val)
{
	return coco_x86_rdrand(val) ? 0 : -EAGAIN;
}

/*
 * A module cannot build a mapping with an arbitrary bit in its leaf, and
 * need not: on a stock kernel the kernel's own boot code verified the
 * C-bit (sev_verify_cbit) before it switched to the page tables that the
 * module now runs on.
 */
static int real_cbit_probe(const struct coco_platform *plat, u64 *word,
			   u64 val, unsigned int bit, u64 *seen)
{
	return -EOPNOTSUPP;
}

const struct coco_platform coco_real_platform = {
	.name = "real",
	.cpuid = real_cpuid,
	.rdmsr = real_rdmsr,
	.io_in = real_io_in,
	.io_out = real_io_out,
	.io_ins = real_io_ins,
	.io_outs = real_io_outs,
	.rdrand = real_rdrand,
	.cbit_probe = real_cbit_probe,
};

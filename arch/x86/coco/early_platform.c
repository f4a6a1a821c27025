// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real x86 platform seam for early boot, before any exception handler
 * exists.  RDMSR is plain: the detection code only reads SEV_STATUS after
 * CPUID has said that SEV, and with it the MSR, exists.  Early memory is
 * identity mapped, and the early code owns its page tables itself, so
 * there is no C-bit operation here; the C-bit probe maps through a window
 * early boot reserves in those tables (coco_early_cbit_window).
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/platform.h>
#include <coco/platform_real.h>
#include <coco/cbit_verify.h>
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

static int early_rdrand(const struct coco_platform *plat, u64 *val)
{
	return coco_x86_rdrand(val) ? 0 : -EAGAIN;
}

/* Present, accessed; read-only, not global, no other flag. */
#define EARLY_PTE_PROBE		0x21ULL
#define EARLY_PAGE_MASK		(~0xfffULL)

/* Filled in by early boot before coco_sev_boot(); see cbit_verify.h. */
struct coco_early_cbit_window coco_early_cbit_window;

/*
 * Interrupts are off this early and only the boot CPU runs.  The store
 * goes through the identity mapping the boot runs on (paging off, or the
 * previous stage's verified tables); the read goes through the window,
 * whose leaf has bit @bit and the frame of @word.  A reserved @bit faults
 * with no handler to catch it: the guest shuts down, which is also a
 * refusal to go on.
 */
static int early_cbit_probe(const struct coco_platform *plat, u64 *word,
			    u64 val, unsigned int bit, u64 *seen)
{
	struct coco_early_cbit_window *w = &coco_early_cbit_window;
	unsigned long off = (unsigned long)word & 0xfff;
	u64 gpa = early_va_to_gpa(plat, word);

	if (!w->pte || !w->va)
		return -EOPNOTSUPP;
	if (!word)
		return 0;
	if (off & 7 || bit > 63)
		return -EINVAL;
	coco_x86_store64(word, val);
	coco_x86_mfence();
	coco_x86_store64(w->pte, (gpa & EARLY_PAGE_MASK) | EARLY_PTE_PROBE |
			 (1ULL << bit));
	coco_x86_invlpg(w->va);
	*seen = coco_x86_load64((const u64 *)(w->va + off));
	coco_x86_store64(w->pte, 0);
	coco_x86_invlpg(w->va);
	return 0;
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
	.rdrand = early_rdrand,
	.cbit_probe = early_cbit_probe,
};

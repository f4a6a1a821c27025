// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SEV part of early boot, in the order it must run: detection, then
 * the C-bit check before any page table built with the claimed position
 * is used, then (SEV-ES/SNP) the GHCB protocol negotiation and feature
 * checks.  Early boot calls it once on the boot CPU, with interrupts off,
 * after it has reserved the C-bit probe window (coco_early_cbit_window).
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/cbit_verify.h>
#include <coco/sev_boot.h>

/* Private, in the image: its physical address is its identity address. */
static u64 sev_boot_cbit_word;

/**
 * coco_sev_boot() - detect SEV, verify the C-bit, negotiate with the host
 * @plat: the platform seam
 * @boot: filled with what each step found
 *
 * A seam that cannot probe fails here (-EOPNOTSUPP): early boot owns its
 * page tables and is the one place where the check can and must run.
 *
 * Return: 0 (also for a guest that is not SEV); otherwise a negative errno
 * after which the caller must not go on.  On SEV-ES/SNP the hypervisor has
 * then been asked to terminate the guest; on plain SEV (no GHCB) the
 * caller must disable interrupts, make the stack pointer unusable and
 * halt for ever (@boot->cbit says why).
 */
int coco_sev_boot(const struct coco_platform *plat, struct coco_sev_boot *boot)
{
	int ret;

	*boot = (struct coco_sev_boot){ 0 };
	ret = coco_sev_detect(plat, &boot->det);
	if (ret)
		return ret;
	if (boot->det.kind == COCO_PLATFORM_NONE)
		return 0;
	ret = coco_sev_cbit_verify(plat, &boot->det, &sev_boot_cbit_word,
				   &boot->cbit);
	if (ret)
		return ret;
	return coco_sev_setup(plat, &boot->det, &boot->session);
}

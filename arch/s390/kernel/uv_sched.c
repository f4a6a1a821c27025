// SPDX-License-Identifier: GPL-2.0-only
/*
 * The UV call for long-running commands (attestation, secrets): the same
 * reissue rule as coco_uv_call(), with a scheduling point between reissues
 * so a busy UV cannot stall the CPU.
 */
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/types.h>
#include <coco/uv.h>

/**
 * coco_uv_call_sched() - issue a long UV call and read back its result
 * @plat: the platform seam
 * @uvcb: the control block, header filled in by the caller
 * @st: the final condition code and the header's rc and rrc
 *
 * Must be called from a context that may sleep.
 *
 * Return: as coco_uv_status_read().
 */
int coco_uv_call_sched(const struct coco_platform *plat, u8 *uvcb,
		       struct coco_uv_status *st)
{
	int cc;

	for (;;) {
		cc = plat->uvc(plat, uvcb);
		if (cc != UVC_CC_BUSY && cc != UVC_CC_PARTIAL)
			break;
		cond_resched();
	}
	return coco_uv_status_read(uvcb, cc, st);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The UV call for long-running commands (attestation, secrets): the same
 * reissue rule as coco_uv_call(), with a scheduling point between reissues
 * so a busy UV cannot stall the CPU, and a way out for a task that is
 * killed while the UV (or the firmware behind it) stays busy.
 */
#include <linux/errno.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
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
 * Return: as coco_uv_status_read(); -EINTR when the task got a fatal
 * signal while the UV still answered busy (the call was not accepted:
 * @st has cc 2, rc and rrc 0).  A partial call is always completed.
 */
int coco_uv_call_sched(const struct coco_platform *plat, u8 *uvcb,
		       struct coco_uv_status *st)
{
	int cc;

	for (;;) {
		cc = plat->uvc(plat, uvcb);
		if (cc != UVC_CC_BUSY && cc != UVC_CC_PARTIAL)
			break;
		if (cc == UVC_CC_BUSY && fatal_signal_pending(current)) {
			st->cc = cc;
			st->rc = 0;
			st->rrc = 0;
			return -EINTR;
		}
		cond_resched();
	}
	return coco_uv_status_read(uvcb, cc, st);
}

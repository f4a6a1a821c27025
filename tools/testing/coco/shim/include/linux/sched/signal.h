/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hosted shim: one task, which a test may mark as killed by setting
 * coco_shim_fatal_signal.
 */
#ifndef _COCO_SHIM_LINUX_SCHED_SIGNAL_H
#define _COCO_SHIM_LINUX_SCHED_SIGNAL_H

#include <linux/types.h>

/* Weak: every object including this shares the one flag. */
bool coco_shim_fatal_signal __attribute__((weak));

#define current ((void *)0)

static inline bool fatal_signal_pending(void *task)
{
	(void)task;
	return coco_shim_fatal_signal;
}

#endif /* _COCO_SHIM_LINUX_SCHED_SIGNAL_H */

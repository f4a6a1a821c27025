/* SPDX-License-Identifier: GPL-2.0-only */
/* Hosted shim: user space has no scheduling points to offer. */
#ifndef _COCO_SHIM_LINUX_SCHED_H
#define _COCO_SHIM_LINUX_SCHED_H

#define cond_resched() ((void)0)

#endif /* _COCO_SHIM_LINUX_SCHED_H */

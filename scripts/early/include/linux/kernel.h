/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: the few <linux/kernel.h> helpers mechanism code uses. */
#ifndef _COCO_SHIM_LINUX_KERNEL_H
#define _COCO_SHIM_LINUX_KERNEL_H

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#endif /* _COCO_SHIM_LINUX_KERNEL_H */

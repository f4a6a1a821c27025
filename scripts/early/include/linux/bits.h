/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: the kernel's single-bit mask helpers. */
#ifndef _COCO_SHIM_LINUX_BITS_H
#define _COCO_SHIM_LINUX_BITS_H

#define BIT(nr)		(1UL << (nr))
#define BIT_ULL(nr)	(1ULL << (nr))

#endif /* _COCO_SHIM_LINUX_BITS_H */

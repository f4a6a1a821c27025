/* SPDX-License-Identifier: GPL-2.0-only */
/* Shim: the kernel's single-bit mask helpers. */
#ifndef _COCO_SHIM_LINUX_BITS_H
#define _COCO_SHIM_LINUX_BITS_H

#define BIT(nr)		(1UL << (nr))
#define BIT_ULL(nr)	(1ULL << (nr))
#define GENMASK(h, l)	((~0UL << (l)) & (~0UL >> (8 * sizeof(long) - 1 - (h))))
#define GENMASK_ULL(h, l) ((~0ULL << (l)) & (~0ULL >> (63 - (h))))

#endif /* _COCO_SHIM_LINUX_BITS_H */

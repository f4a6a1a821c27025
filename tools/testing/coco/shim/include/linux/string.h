/* SPDX-License-Identifier: GPL-2.0-only */
/* Hosted shim: the kernel's mem* and str* helpers are the C library's. */
#ifndef _COCO_SHIM_LINUX_STRING_H
#define _COCO_SHIM_LINUX_STRING_H

#include <string.h>

/* A wipe the compiler may not drop, as the kernel's is. */
static inline void memzero_explicit(void *s, size_t count)
{
	explicit_bzero(s, count);
}

#endif /* _COCO_SHIM_LINUX_STRING_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hosted shim: kmalloc and friends over the C library.  Every allocation
 * is aligned to SMP_CACHE_BYTES, so structures marked
 * ____cacheline_aligned stay aligned as they do in the kernel's slabs.  The
 * gfp flags are accepted and ignored: user space can always sleep.
 */
#ifndef _COCO_SHIM_LINUX_SLAB_H
#define _COCO_SHIM_LINUX_SLAB_H

#include <stdlib.h>
#include <string.h>
#include <linux/cache.h>

typedef unsigned int gfp_t;

#define GFP_KERNEL	0x1u
#define GFP_ATOMIC	0x2u
#define GFP_NOWAIT	0x4u
#define __GFP_ZERO	0x100u

static inline void *kmalloc(size_t size, gfp_t flags)
{
	void *p;

	if (posix_memalign(&p, SMP_CACHE_BYTES, size ? size : 1))
		return NULL;
	if (flags & __GFP_ZERO)
		memset(p, 0, size);
	return p;
}

static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, flags);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}

static inline void *kvcalloc(size_t n, size_t size, gfp_t flags)
{
	return kcalloc(n, size, flags);
}

static inline void kfree(const void *p)
{
	free((void *)p);
}

static inline void kvfree(const void *p)
{
	free((void *)p);
}

#endif /* _COCO_SHIM_LINUX_SLAB_H */

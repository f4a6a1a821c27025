/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hosted shim: cache-line alignment.  64 bytes on the x86_64 host; the
 * shim's kmalloc() aligns to it so aligned structures stay aligned.
 */
#ifndef _COCO_SHIM_LINUX_CACHE_H
#define _COCO_SHIM_LINUX_CACHE_H

#define SMP_CACHE_BYTES			64
#define ____cacheline_aligned		__attribute__((__aligned__(SMP_CACHE_BYTES)))
#define ____cacheline_aligned_in_smp	____cacheline_aligned

#endif /* _COCO_SHIM_LINUX_CACHE_H */

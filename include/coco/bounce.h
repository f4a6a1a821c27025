/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The bounce-buffer pool: streaming DMA for a confidential guest, whose
 * devices can only reach memory the guest has shared with the hypervisor.
 *
 * The pool hands out runs of fixed 2 KiB slots from shared memory, copies
 * between the driver's private buffer and the slots as the DMA direction
 * requires, and keeps the alignment rules drivers rely on.  Everything the
 * pool knows about its mappings lives in private memory; only the slots are
 * shared.  The pool never shares or unshares the memory it is created on:
 * that is the caller's job.  Chunks it grows by come from a backend that
 * allocates and shares them, and a chunk whose conversion failed is leaked,
 * never returned to an allocator.
 */
#ifndef _COCO_BOUNCE_H
#define _COCO_BOUNCE_H

#include <linux/bits.h>
#include <linux/dma-direction.h>
#include <linux/types.h>

#define COCO_BOUNCE_SLOT_SHIFT		11
/* One slot: the unit of allocation (swiotlb's IO_TLB_SIZE). */
#define COCO_BOUNCE_SLOT_SIZE		BIT(COCO_BOUNCE_SLOT_SHIFT)
/* Slots in a segment; no mapping crosses a segment (IO_TLB_SEGSIZE). */
#define COCO_BOUNCE_SEG_SLOTS		128
#define COCO_BOUNCE_SEG_SIZE		(COCO_BOUNCE_SEG_SLOTS * \
					 COCO_BOUNCE_SLOT_SIZE)
/* Page size of both x86_64 and s390x; the unit the backend works in. */
#define COCO_BOUNCE_PAGE_SIZE		4096UL
/* Most chunks a pool can have (the initial one and those it grew by). */
#define COCO_BOUNCE_MAX_CHUNKS		64
/* coco_bounce_map() @cpu when the caller has none: the pool spreads. */
#define COCO_BOUNCE_ANY_CPU		(~0U)
/* coco_bounce_unmap() @attrs: the driver synced already, copy nothing. */
#define COCO_BOUNCE_SKIP_CPU_SYNC	BIT(0)

struct coco_bounce_pool;

/**
 * struct coco_bounce_backend - where further shared chunks come from
 * @alloc: allocate @npages physically contiguous private pages; store the
 *	DMA address of the first in *@dma.  @can_sleep is false when called
 *	from coco_bounce_map() (maybe atomic context).  Returns the page-aligned
 *	kernel address, or NULL.
 * @free: give back pages from @alloc; called only for private pages
 * @share: make @npages pages at @va shared with the hypervisor; 0 or a
 *	negative errno.  After a failure the pages are in an unknown state and
 *	the pool leaks them.
 * @unshare: make them private again; 0 or a negative errno (then leaked)
 * @ctx: passed to every operation
 */
struct coco_bounce_backend {
	void *(*alloc)(void *ctx, unsigned long npages, bool can_sleep,
		       u64 *dma);
	void (*free)(void *ctx, void *va, unsigned long npages);
	int (*share)(void *ctx, void *va, unsigned long npages);
	int (*unshare)(void *ctx, void *va, unsigned long npages);
	void *ctx;
};

/**
 * struct coco_bounce_config - what coco_bounce_pool_create() builds on
 * @name: shown in messages (the pointer is kept)
 * @va: kernel address of the initial memory, already shared, page aligned;
 *	NULL with @size 0 to let the backend provide the first chunk
 * @dma: the device's address of @va, page aligned
 * @size: bytes at @va: a multiple of %COCO_BOUNCE_SEG_SIZE, or 0
 * @nareas: areas per chunk, each with its own lock; normally the number of
 *	possible CPUs.  0 means 1.  A chunk has at most one area per segment.
 * @backend: source of further chunks; NULL for a pool of fixed size
 * @grow_size: bytes per further chunk, a multiple of %COCO_BOUNCE_SEG_SIZE
 * @max_size: cap on the pool's total bytes, initial memory included
 * @grow_in_map: let coco_bounce_map() grow the pool when it is full; only
 *	when @backend may be called from every context mappings are made in.
 *	Otherwise the owner calls coco_bounce_grow() from process context.
 */
struct coco_bounce_config {
	const char *name;
	void *va;
	u64 dma;
	size_t size;
	unsigned int nareas;
	const struct coco_bounce_backend *backend;
	size_t grow_size;
	size_t max_size;
	bool grow_in_map;
};

/**
 * struct coco_bounce_stats - a snapshot of a pool's state and counters
 * @slots_total: slots in all chunks
 * @slots_used: slots held by mappings now
 * @slots_high_water: the sum of each area's most slots held at once: an
 *	upper bound on the pool's most slots held at once (areas may have
 *	peaked at different times), exact when mappings stayed in one area,
 *	never above @slots_total
 * @largest_free_run: longest run of free slots one mapping could take
 * @chunks: chunks in the pool, the initial one included
 * @maps: successful mappings
 * @unmaps: successful unmappings
 * @map_failures: mappings refused because the pool was full
 * @map_rejected: mappings refused for their arguments (too large, bad
 *	alignment or direction)
 * @bad_calls: unmap or sync calls naming no live mapping, or one that does
 *	not match
 * @bytes_to_device: bytes copied from private buffers into slots
 * @bytes_from_device: bytes copied from slots into private buffers
 * @grow_failures: attempts to grow that failed (allocation or sharing)
 * @leaked_chunks: chunks never freed because sharing or unsharing failed
 * @leaked_bytes: their size
 */
struct coco_bounce_stats {
	unsigned long slots_total;
	unsigned long slots_used;
	unsigned long slots_high_water;
	unsigned long largest_free_run;
	unsigned int chunks;
	unsigned long maps;
	unsigned long unmaps;
	unsigned long map_failures;
	unsigned long map_rejected;
	unsigned long bad_calls;
	u64 bytes_to_device;
	u64 bytes_from_device;
	unsigned long grow_failures;
	unsigned long leaked_chunks;
	u64 leaked_bytes;
};

int coco_bounce_pool_create(const struct coco_bounce_config *cfg,
			    struct coco_bounce_pool **poolp);
int coco_bounce_pool_destroy(struct coco_bounce_pool *pool);
int coco_bounce_grow(struct coco_bounce_pool *pool);
size_t coco_bounce_max_mapping_size(unsigned long min_align_mask,
				    unsigned long alloc_align);
int coco_bounce_map(struct coco_bounce_pool *pool, unsigned int cpu,
		    void *orig, size_t size, enum dma_data_direction dir,
		    unsigned long min_align_mask, unsigned long alloc_align,
		    void **bounce_va, u64 *bounce_dma);
int coco_bounce_unmap(struct coco_bounce_pool *pool, u64 bounce_dma,
		      size_t size, enum dma_data_direction dir,
		      unsigned long attrs);
int coco_bounce_sync_for_device(struct coco_bounce_pool *pool, u64 dma,
				size_t size, enum dma_data_direction dir);
int coco_bounce_sync_for_cpu(struct coco_bounce_pool *pool, u64 dma,
			     size_t size, enum dma_data_direction dir);
bool coco_bounce_owns(struct coco_bounce_pool *pool, u64 dma);
void coco_bounce_get_stats(struct coco_bounce_pool *pool,
			   struct coco_bounce_stats *st);

#endif /* _COCO_BOUNCE_H */

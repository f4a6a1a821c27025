// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bounce-buffer pool.
 *
 * Layout: a pool is a list of chunks (the caller's shared memory, then any
 * the backend grew it by).  A chunk is cut into 2 KiB slots, grouped in
 * segments of 128 slots, and its segments are split between areas, each
 * with its own lock.  A mapping is a run of slots inside one segment, so it
 * never crosses an area and only one lock guards it.
 *
 * Free space: a bitmap, one bit per slot, set while the slot is held.  A
 * segment is two 64-bit words, so whether a mapping of n slots can start
 * at slot i is at most two masked loads, and taking or giving back slots
 * sets or clears the same bits: the cost of a mapping does not depend on
 * what is free around it.
 *
 * Bookkeeping never lives in shared memory: the hypervisor can rewrite the
 * slots at any time, but not the bitmap, the slot records or the areas.
 *
 * Accounting: the slots in use, the high-water mark and the map, unmap and
 * byte counters are kept per area as plain integers under the area's lock,
 * which a mapping takes anyway.  A map or unmap therefore writes no
 * cache line shared by the whole pool; the pool-wide numbers are sums that
 * coco_bounce_get_stats() takes area by area.  The pool-wide high-water is
 * the sum of the areas' own: an upper bound on the most slots ever held at
 * once, exact while mappings stay in one area, and never above the pool's
 * size.
 */
#define pr_fmt(fmt) "coco_bounce: " fmt

#include <linux/atomic.h>
#include <linux/cache.h>
#include <linux/compiler.h>
#include <linux/dma-direction.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/types.h>
#include <coco/bounce.h>

#define SLOT_SHIFT	COCO_BOUNCE_SLOT_SHIFT
#define SLOT_SIZE	COCO_BOUNCE_SLOT_SIZE
#define SEG_SLOTS	COCO_BOUNCE_SEG_SLOTS
#define SEG_SIZE	COCO_BOUNCE_SEG_SIZE
#define PG_SIZE		COCO_BOUNCE_PAGE_SIZE
/* Slots per word of the bitmap of used slots. */
#define MAP_BITS	64

/* bounce_slot.key of a free slot */
#define NO_KEY		((u32)~0U)

/* bounce_slot.state of a key slot */
#define SLOT_MAPPED	1
#define SLOT_UNMAPPING	2

/*
 * One per slot.  Every used slot names its mapping's key slot: the one
 * holding the bounce address handed out.  Only the key slot's record is
 * filled in.
 */
struct bounce_slot {
	void *orig;		/* the driver's buffer at the bounce address */
	size_t size;		/* bytes mapped */
	u32 key;		/* key slot of the mapping, NO_KEY when free */
	u32 first;		/* first slot of the allocation */
	u16 nslots;		/* slots in the allocation */
	u16 offset;		/* bounce address - start of the key slot */
	u8 dir;			/* enum dma_data_direction of the mapping */
	u8 state;		/* SLOT_MAPPED, SLOT_UNMAPPING or 0 */
};

/* An area of a chunk: the unit of locking and of accounting. */
struct bounce_area {
	/*
	 * Guards used[] and slots[] of the area's slots and every field below
	 * but start and end.  nfree and high_water are also read without it,
	 * as a hint and for the pool-full warning.
	 */
	spinlock_t lock;
	unsigned long start;	/* first slot */
	unsigned long end;	/* slot after the last */
	unsigned long hint;	/* where the next search starts */
	unsigned long nfree;	/* free slots */
	unsigned long high_water;	/* most slots of the area used at once */
	unsigned long maps;
	unsigned long unmaps;
	u64 bytes_to_device;
	u64 bytes_from_device;
} ____cacheline_aligned_in_smp;

struct bounce_chunk {
	void *va;
	u64 dma;
	unsigned long nslots;
	unsigned long area_slots;	/* slots per area; the last has the rest */
	unsigned int nareas;
	bool owned;			/* grown: unshare and free at destroy */
	u64 *used;			/* bit per slot, set while held */
	struct bounce_slot *slots;
	struct bounce_area *areas;
};

struct coco_bounce_pool {
	const char *name;
	const struct coco_bounce_backend *backend;
	size_t grow_size;
	unsigned int max_chunks;
	unsigned int nareas;
	bool grow_in_map;
	bool grow_disabled;		/* only the grower reads and writes it */
	atomic_t growing;		/* one grower at a time */
	atomic_t cpu_hint;		/* spreads COCO_BOUNCE_ANY_CPU callers */
	unsigned int nr_chunks;		/* published with smp_store_release() */
	/* Failures only: the map and unmap paths never touch these. */
	atomic_long_t map_failures;
	atomic_long_t map_rejected;
	atomic_long_t bad_calls;
	atomic_long_t grow_failures;
	atomic_long_t leaked_chunks;
	atomic_long_t leaked_bytes;
	struct bounce_chunk *chunks[COCO_BOUNCE_MAX_CHUNKS];
};

/* A mapping request, checked and turned into slot terms. */
struct bounce_req {
	void *orig;
	size_t size;
	enum dma_data_direction dir;
	unsigned long nslots;	/* slots to allocate */
	unsigned long pad;	/* bounce address - start of the allocation */
	u64 stride;		/* the allocation starts at target + k * stride */
	u64 target;
};

static bool is_pow2_or_zero(unsigned long x)
{
	return !(x & (x - 1));
}

static bool dir_copies_to_device(enum dma_data_direction dir)
{
	return dir == DMA_TO_DEVICE || dir == DMA_BIDIRECTIONAL;
}

static bool dir_copies_from_device(enum dma_data_direction dir)
{
	return dir == DMA_FROM_DEVICE || dir == DMA_BIDIRECTIONAL;
}

static unsigned int pool_nr_chunks(struct coco_bounce_pool *pool)
{
	/* Pairs with the release in the grower: the chunk is complete. */
	return smp_load_acquire(&pool->nr_chunks);
}

static struct bounce_area *chunk_area_of(struct bounce_chunk *c,
					 unsigned long slot)
{
	unsigned long a = slot / c->area_slots;

	return &c->areas[a < c->nareas ? a : c->nareas - 1];
}

static u64 chunk_slot_dma(struct bounce_chunk *c, unsigned long slot)
{
	return c->dma + ((u64)slot << SLOT_SHIFT);
}

static void *chunk_dma_to_va(struct bounce_chunk *c, u64 dma)
{
	return (u8 *)c->va + (dma - c->dma);
}

static struct bounce_chunk *pool_find_chunk(struct coco_bounce_pool *pool,
					    u64 dma)
{
	unsigned int i, n = pool_nr_chunks(pool);
	struct bounce_chunk *c;

	for (i = 0; i < n; i++) {
		c = pool->chunks[i];
		/* Unsigned: an address below the chunk wraps and fails too. */
		if (dma - c->dma < ((u64)c->nslots << SLOT_SHIFT))
			return c;
	}
	return NULL;
}

/* Does [dma, dma + size) overlap a chunk of the pool? */
static bool pool_overlaps(struct coco_bounce_pool *pool, u64 dma, u64 size)
{
	unsigned int i, n = pool_nr_chunks(pool);
	struct bounce_chunk *c;

	for (i = 0; i < n; i++) {
		c = pool->chunks[i];
		if (dma < c->dma + ((u64)c->nslots << SLOT_SHIFT) &&
		    c->dma < dma + size)
			return true;
	}
	return false;
}

static void chunk_free_meta(struct bounce_chunk *c)
{
	if (!c)
		return;
	kvfree(c->used);
	kvfree(c->slots);
	kfree(c->areas);
	kfree(c);
}

/* Private bookkeeping for a chunk of @size bytes; the memory comes later. */
static struct bounce_chunk *chunk_alloc_meta(struct coco_bounce_pool *pool,
					     size_t size, bool can_sleep)
{
	gfp_t gfp = can_sleep ? GFP_KERNEL : GFP_NOWAIT;
	unsigned long nslots = size >> SLOT_SHIFT;
	unsigned long nsegs = nslots / SEG_SLOTS;
	struct bounce_chunk *c;

	c = kzalloc(sizeof(*c), gfp);
	if (!c)
		return NULL;
	c->nslots = nslots;
	c->nareas = pool->nareas < nsegs ? pool->nareas : nsegs;
	c->area_slots = (nsegs / c->nareas) * SEG_SLOTS;
	c->areas = kcalloc(c->nareas, sizeof(*c->areas), gfp);
	/* Chunks hold whole segments: a whole number of bitmap words. */
	if (can_sleep) {
		c->used = kvcalloc(nslots / MAP_BITS, sizeof(*c->used), gfp);
		c->slots = kvcalloc(nslots, sizeof(*c->slots), gfp);
	} else {
		c->used = kcalloc(nslots / MAP_BITS, sizeof(*c->used), gfp);
		c->slots = kcalloc(nslots, sizeof(*c->slots), gfp);
	}
	if (!c->areas || !c->used || !c->slots) {
		chunk_free_meta(c);
		return NULL;
	}
	return c;
}

static void chunk_init(struct bounce_chunk *c, void *va, u64 dma, bool owned)
{
	struct bounce_area *a;
	unsigned long i;

	c->va = va;
	c->dma = dma;
	c->owned = owned;
	for (i = 0; i < c->nslots; i++)
		c->slots[i].key = NO_KEY;
	for (i = 0; i < c->nareas; i++) {
		a = &c->areas[i];
		spin_lock_init(&a->lock);
		a->start = i * c->area_slots;
		a->end = i == c->nareas - 1 ? c->nslots : a->start + c->area_slots;
		a->hint = a->start;
		a->nfree = a->end - a->start;
	}
}

/* The first slot >= @from that is @phase modulo @stride (a power of two). */
static unsigned long next_candidate(unsigned long from, unsigned long stride,
				    unsigned long phase)
{
	return from + ((phase - from) & (stride - 1));
}

/* The bits of slots [i, i + n) in the word holding slot i, and n left. */
static u64 map_mask(unsigned long i, unsigned long *n)
{
	unsigned long bit = i % MAP_BITS;
	unsigned long k = *n < MAP_BITS - bit ? *n : MAP_BITS - bit;

	*n -= k;
	return (k == MAP_BITS ? ~0ULL : (1ULL << k) - 1) << bit;
}

/* Are slots [i, i + n) all free?  n >= 1, all in one segment. */
static bool slots_free(const u64 *used, unsigned long i, unsigned long n)
{
	u64 mask;

	while (n) {
		mask = map_mask(i, &n);
		if (used[i / MAP_BITS] & mask)
			return false;
		i = (i | (MAP_BITS - 1)) + 1;
	}
	return true;
}

/* Mark slots [i, i + n) used (@set) or free. */
static void slots_mark(u64 *used, unsigned long i, unsigned long n, bool set)
{
	u64 mask;

	while (n) {
		mask = map_mask(i, &n);
		if (set)
			used[i / MAP_BITS] |= mask;
		else
			used[i / MAP_BITS] &= ~mask;
		i = (i | (MAP_BITS - 1)) + 1;
	}
}

/*
 * Find @nslots free slots in @a, inside one segment, starting at a slot
 * that is @phase modulo @stride (chunk slot numbers, @stride a power of
 * two of at most a segment), beginning at the area's hint and wrapping
 * once.  Called with a->lock held.  Returns the first slot or -1.
 */
static long area_find(struct bounce_chunk *c, struct bounce_area *a,
		      unsigned long nslots, unsigned long stride,
		      unsigned long phase)
{
	unsigned long lo = next_candidate(a->start, stride, phase);
	unsigned long i, first;

	if (lo >= a->end)
		return -1;
	i = next_candidate(a->hint, stride, phase);
	if (i >= a->end)
		i = lo;
	/* Candidates are lo + k * stride: the walk comes back to @first. */
	first = i;
	do {
		if (i % SEG_SLOTS + nslots <= SEG_SLOTS &&
		    slots_free(c->used, i, nslots))
			return i;
		i += stride;
		if (i >= a->end)
			i = lo;
	} while (i != first);
	return -1;
}

/* Mark [first, first + n) used.  Called with the area's lock held. */
static void area_take(struct bounce_chunk *c, struct bounce_area *a,
		      unsigned long first, unsigned long n)
{
	slots_mark(c->used, first, n, true);
	a->hint = first + n < a->end ? first + n : a->start;
	WRITE_ONCE(a->nfree, a->nfree - n);
	/* WRITE_ONCE: the pool-full warning reads it without the lock. */
	if (a->end - a->start - a->nfree > a->high_water)
		WRITE_ONCE(a->high_water, a->end - a->start - a->nfree);
}

/* Mark [first, first + n) free again.  Called with the area's lock held. */
static void area_release(struct bounce_chunk *c, struct bounce_area *a,
			 unsigned long first, unsigned long n)
{
	unsigned long i;

	for (i = first; i < first + n; i++)
		c->slots[i].key = NO_KEY;
	slots_mark(c->used, first, n, false);
	WRITE_ONCE(a->nfree, a->nfree + n);
	/* The next search starts here: the slots freed last are reused first. */
	a->hint = first;
}

/* The longest run of free slots inside one segment of @a, at least @best. */
static unsigned long area_largest_free_run(struct bounce_chunk *c,
					   struct bounce_area *a,
					   unsigned long best)
{
	unsigned long i, run = 0;

	for (i = a->start; i < a->end && best < SEG_SLOTS; i++) {
		/* Runs end at used slots and at segment boundaries. */
		if (c->used[i / MAP_BITS] & (1ULL << (i % MAP_BITS)))
			run = 0;
		else
			run = i % SEG_SLOTS ? run + 1 : 1;
		if (run > best)
			best = run;
	}
	return best;
}

/**
 * coco_bounce_max_mapping_size() - the largest mapping always possible
 * @min_align_mask: the device's min_align_mask (2^k - 1, or 0)
 * @alloc_align: the allocation alignment that will be asked for, or 0
 *
 * A mapping starts in a free segment no later than the first address that
 * satisfies its alignment; this is what is left of the segment after the
 * worst such start.  With @alloc_align up to a page that is 256 KiB minus
 * @min_align_mask.  Larger mappings are refused with -E2BIG.
 *
 * Return: bytes, or 0 when the arguments are invalid or leave no room.
 */
size_t coco_bounce_max_mapping_size(unsigned long min_align_mask,
				    unsigned long alloc_align)
{
	unsigned long m = min_align_mask, a = alloc_align, waste;

	if (!is_pow2_or_zero(m + 1) || m >= SEG_SIZE ||
	    !is_pow2_or_zero(a) || a > SEG_SIZE)
		return 0;
	if (a <= PG_SIZE) {
		/* Segments start page aligned, so the first fit is within m. */
		waste = m;
	} else {
		/* Start up to (max(m + 1, a) - page) in, plus the offset kept. */
		waste = (m + 1 > a ? m + 1 : a) - PG_SIZE +
			(m < a - 1 ? m : a - 1);
	}
	return waste < SEG_SIZE ? SEG_SIZE - waste : 0;
}

/*
 * The alignment rules, in device addresses:
 *  - the bounce address B has the low bits of @orig under @min_align_mask;
 *  - the allocation starts at B0 = B - pad, aligned to @alloc_align (at
 *    least a slot); with neither alignment given, a mapping of a page or
 *    more starts page aligned;
 *  - pad = orig & min_align_mask & (alloc_align - 1), so bits of the mask
 *    above the allocation alignment are matched by B0 itself (B0 = target
 *    modulo stride) and the padding stays below the allocation alignment.
 */
static int req_init(struct bounce_req *r, void *orig, size_t size,
		    enum dma_data_direction dir, unsigned long min_align_mask,
		    unsigned long alloc_align)
{
	unsigned long addr = (unsigned long)orig;
	unsigned long align = alloc_align, hi;

	if (!orig || !size || !valid_dma_direction(dir))
		return -EINVAL;
	if (!is_pow2_or_zero(min_align_mask + 1) || min_align_mask >= SEG_SIZE ||
	    !is_pow2_or_zero(alloc_align) || alloc_align > SEG_SIZE)
		return -EINVAL;
	if (size > coco_bounce_max_mapping_size(min_align_mask, alloc_align))
		return -E2BIG;
	if (!align && !min_align_mask && size >= PG_SIZE)
		align = PG_SIZE;
	if (align < SLOT_SIZE)
		align = SLOT_SIZE;
	hi = min_align_mask & ~(align - 1);

	r->orig = orig;
	r->size = size;
	r->dir = dir;
	r->stride = hi ? min_align_mask + 1 : align;
	r->target = addr & hi;
	r->pad = addr & min_align_mask & (align - 1);
	r->nslots = (r->pad + size + SLOT_SIZE - 1) >> SLOT_SHIFT;
	return 0;
}

/* Try @c's areas, the caller's first.  Returns 0 with @*bdma set. */
static int chunk_map(struct bounce_chunk *c, unsigned int cpu,
		     const struct bounce_req *r, u64 *bdma)
{
	unsigned long stride = r->stride >> SLOT_SHIFT;
	unsigned long phase = ((r->target - c->dma) & (r->stride - 1)) >>
			      SLOT_SHIFT;
	unsigned long offset = r->pad & (SLOT_SIZE - 1);
	unsigned long key = r->pad >> SLOT_SHIFT;
	unsigned int k, ai = cpu % c->nareas;
	struct bounce_area *a;
	struct bounce_slot *s;
	unsigned long flags, i;
	long first;

	for (k = 0; k < c->nareas; k++, ai = ai + 1 < c->nareas ? ai + 1 : 0) {
		a = &c->areas[ai];
		if (READ_ONCE(a->nfree) < r->nslots)
			continue;
		spin_lock_irqsave(&a->lock, flags);
		first = area_find(c, a, r->nslots, stride, phase);
		if (first >= 0) {
			area_take(c, a, first, r->nslots);
			key += first;
			for (i = first; i < first + r->nslots; i++)
				c->slots[i].key = key;
			s = &c->slots[key];
			s->orig = r->orig;
			s->size = r->size;
			s->first = first;
			s->nslots = r->nslots;
			s->offset = offset;
			s->dir = r->dir;
			s->state = SLOT_MAPPED;
			/* Counted now: the copy in follows unconditionally. */
			a->maps++;
			a->bytes_to_device += r->size;
		}
		spin_unlock_irqrestore(&a->lock, flags);
		if (first >= 0) {
			*bdma = chunk_slot_dma(c, key) + offset;
			return 0;
		}
	}
	return -ENOMEM;
}

static int pool_map(struct coco_bounce_pool *pool, unsigned int cpu,
		    const struct bounce_req *r, struct bounce_chunk **cp,
		    u64 *bdma)
{
	unsigned int i, n = pool_nr_chunks(pool);

	for (i = 0; i < n; i++) {
		if (!chunk_map(pool->chunks[i], cpu, r, bdma)) {
			*cp = pool->chunks[i];
			return 0;
		}
	}
	return -ENOMEM;
}

static unsigned long pool_total_slots(struct coco_bounce_pool *pool)
{
	unsigned int i, n = pool_nr_chunks(pool);
	unsigned long total = 0;

	for (i = 0; i < n; i++)
		total += pool->chunks[i]->nslots;
	return total;
}

/*
 * Slots in use, or the sum of the areas' high-water marks (@hw), read
 * without the areas' locks: for the pool-full warning only.
 */
static unsigned long pool_used_slots(struct coco_bounce_pool *pool, bool hw)
{
	unsigned int ci, ai, n = pool_nr_chunks(pool);
	unsigned long sum = 0;
	struct bounce_chunk *c;
	struct bounce_area *a;

	for (ci = 0; ci < n; ci++) {
		c = pool->chunks[ci];
		for (ai = 0; ai < c->nareas; ai++) {
			a = &c->areas[ai];
			sum += hw ? READ_ONCE(a->high_water) :
			      a->end - a->start - READ_ONCE(a->nfree);
		}
	}
	return sum;
}

static unsigned long pool_largest_free_run(struct coco_bounce_pool *pool)
{
	unsigned int ci, ai, n = pool_nr_chunks(pool);
	unsigned long best = 0, flags;
	struct bounce_chunk *c;
	struct bounce_area *a;

	for (ci = 0; ci < n; ci++) {
		c = pool->chunks[ci];
		for (ai = 0; ai < c->nareas && best < SEG_SLOTS; ai++) {
			a = &c->areas[ai];
			spin_lock_irqsave(&a->lock, flags);
			best = area_largest_free_run(c, a, best);
			spin_unlock_irqrestore(&a->lock, flags);
		}
	}
	return best;
}

/* Called with pool->growing held; the only writer of the chunk list. */
static int pool_add_chunk(struct coco_bounce_pool *pool, bool can_sleep)
{
	const struct coco_bounce_backend *be = pool->backend;
	unsigned long npages = pool->grow_size / PG_SIZE;
	unsigned int n = pool->nr_chunks;
	struct bounce_chunk *c;
	void *va;
	u64 dma;
	int ret;

	c = chunk_alloc_meta(pool, pool->grow_size, can_sleep);
	if (!c)
		return -ENOMEM;
	va = be->alloc(be->ctx, npages, can_sleep, &dma);
	if (!va) {
		ret = -ENOMEM;
		goto out_meta;
	}
	/* Still private: a bad answer from the backend is simply given back. */
	if (((unsigned long)va | dma) & (PG_SIZE - 1) ||
	    dma + pool->grow_size - 1 < dma ||
	    pool_overlaps(pool, dma, pool->grow_size)) {
		be->free(be->ctx, va, npages);
		ret = -EINVAL;
		goto out_meta;
	}
	ret = be->share(be->ctx, va, npages);
	if (ret) {
		/* Unknown state: never hand these pages back, never retry. */
		pool->grow_disabled = true;
		atomic_long_inc(&pool->leaked_chunks);
		atomic_long_add(pool->grow_size, &pool->leaked_bytes);
		pr_err("%s: sharing a %zu-byte chunk failed (%d): leaked, pool stops growing\n",
		       pool->name, pool->grow_size, ret);
		goto out_meta;
	}
	chunk_init(c, va, dma, true);
	pool->chunks[n] = c;
	/* Publish the chunk only once it is filled in (pool_nr_chunks()). */
	smp_store_release(&pool->nr_chunks, n + 1);
	return 0;

out_meta:
	chunk_free_meta(c);
	return ret;
}

static int pool_grow(struct coco_bounce_pool *pool, bool can_sleep)
{
	int ret;

	if (!pool->backend)
		return -EOPNOTSUPP;
	if (atomic_cmpxchg(&pool->growing, 0, 1))
		return -EBUSY;
	if (pool->nr_chunks >= pool->max_chunks) {
		ret = -ENOSPC;
	} else if (pool->grow_disabled) {
		ret = -EIO;
	} else {
		ret = pool_add_chunk(pool, can_sleep);
		if (ret)
			atomic_long_inc(&pool->grow_failures);
	}
	atomic_set_release(&pool->growing, 0);
	return ret;
}

/**
 * coco_bounce_grow() - add one chunk from the backend
 * @pool: the pool
 *
 * Process context: the backend may sleep.  A chunk whose sharing failed is
 * leaked and the pool grows no further.
 *
 * Return: 0; -EOPNOTSUPP without a backend; -ENOSPC at the size cap;
 * -EBUSY while another grow is under way; -EIO once sharing has failed;
 * -ENOMEM, -EINVAL (a misaligned or overlapping chunk) or the backend's
 * error from share.
 */
int coco_bounce_grow(struct coco_bounce_pool *pool)
{
	return pool_grow(pool, true);
}

/**
 * coco_bounce_pool_create() - build a pool
 * @cfg: memory, areas and growth (see struct coco_bounce_config)
 * @poolp: where the pool is stored
 *
 * The initial memory at @cfg->va must be shared already; it stays the
 * caller's and is neither unshared nor freed by the pool.  With a backend
 * and @cfg->size 0 the first chunk is grown here.  Process context.
 *
 * Return: 0; -EINVAL for a bad configuration; -ENOMEM; or the error of the
 * first grow.
 */
int coco_bounce_pool_create(const struct coco_bounce_config *cfg,
			    struct coco_bounce_pool **poolp)
{
	const struct coco_bounce_backend *be = cfg ? cfg->backend : NULL;
	struct coco_bounce_pool *pool;
	struct bounce_chunk *c;
	unsigned long chunks;
	int ret;

	if (!cfg || !poolp || cfg->size % SEG_SIZE || !cfg->va != !cfg->size ||
	    ((unsigned long)cfg->va | cfg->dma) & (PG_SIZE - 1))
		return -EINVAL;
	if (cfg->dma + cfg->size - 1 < cfg->dma && cfg->size)
		return -EINVAL;
	chunks = 1;
	if (be) {
		if (!be->alloc || !be->free || !be->share || !be->unshare ||
		    !cfg->grow_size || cfg->grow_size % SEG_SIZE ||
		    cfg->max_size < cfg->size)
			return -EINVAL;
		chunks = (cfg->size ? 1 : 0) +
			 (cfg->max_size - cfg->size) / cfg->grow_size;
		if (!chunks || chunks > COCO_BOUNCE_MAX_CHUNKS)
			return -EINVAL;
	} else if (!cfg->size) {
		return -EINVAL;
	}

	pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return -ENOMEM;
	pool->name = cfg->name ? cfg->name : "bounce";
	pool->backend = be;
	pool->grow_size = cfg->grow_size;
	pool->max_chunks = chunks;
	pool->nareas = cfg->nareas ? cfg->nareas : 1;
	pool->grow_in_map = be && cfg->grow_in_map;
	atomic_set(&pool->growing, 0);
	atomic_set(&pool->cpu_hint, 0);

	if (cfg->size) {
		c = chunk_alloc_meta(pool, cfg->size, true);
		if (!c) {
			kfree(pool);
			return -ENOMEM;
		}
		chunk_init(c, cfg->va, cfg->dma, false);
		pool->chunks[0] = c;
		/* As in pool_add_chunk(): publish a complete chunk. */
		smp_store_release(&pool->nr_chunks, 1);
	} else {
		ret = coco_bounce_grow(pool);
		if (ret) {
			kfree(pool);
			return ret;
		}
	}
	*poolp = pool;
	return 0;
}

/**
 * coco_bounce_pool_destroy() - tear a pool down
 * @pool: the pool, with no mapping left (NULL is ignored)
 *
 * Grown chunks are unshared and given back to the backend; one whose
 * unsharing failed is leaked.  The initial memory is left to the caller.
 *
 * Return: 0; -EBUSY while mappings or a grow are outstanding (nothing is
 * done); -EIO when a chunk had to be leaked (the pool is gone all the same).
 */
int coco_bounce_pool_destroy(struct coco_bounce_pool *pool)
{
	const struct coco_bounce_backend *be;
	unsigned long flags, nfree, npages;
	unsigned int ci, ai, n, leaked = 0;
	struct bounce_chunk *c;
	int ret;

	if (!pool)
		return 0;
	if (atomic_read(&pool->growing))
		return -EBUSY;
	n = pool_nr_chunks(pool);
	for (ci = 0; ci < n; ci++) {
		c = pool->chunks[ci];
		for (ai = 0; ai < c->nareas; ai++) {
			spin_lock_irqsave(&c->areas[ai].lock, flags);
			nfree = c->areas[ai].nfree;
			spin_unlock_irqrestore(&c->areas[ai].lock, flags);
			if (nfree != c->areas[ai].end - c->areas[ai].start)
				return -EBUSY;
		}
	}

	be = pool->backend;
	for (ci = 0; ci < n; ci++) {
		c = pool->chunks[ci];
		if (c->owned) {
			npages = (c->nslots << SLOT_SHIFT) / PG_SIZE;
			ret = be->unshare(be->ctx, c->va, npages);
			if (ret) {
				leaked++;
				pr_err("%s: unsharing a %lu-byte chunk failed (%d): leaked\n",
				       pool->name, npages * PG_SIZE, ret);
			} else {
				be->free(be->ctx, c->va, npages);
			}
		}
		chunk_free_meta(c);
	}
	kfree(pool);
	return leaked ? -EIO : 0;
}

/**
 * coco_bounce_map() - bounce a buffer for streaming DMA
 * @pool: the pool
 * @cpu: the calling CPU (its area is tried first), or %COCO_BOUNCE_ANY_CPU
 * @orig: the driver's buffer (private memory)
 * @size: bytes, 1 to coco_bounce_max_mapping_size()
 * @dir: %DMA_TO_DEVICE, %DMA_FROM_DEVICE or %DMA_BIDIRECTIONAL
 * @min_align_mask: the device's min_align_mask: the bounce address keeps
 *	the low bits of @orig under it (2^k - 1, below 256 KiB, or 0)
 * @alloc_align: the allocation starts aligned to this power of two (0:
 *	none; then a mapping of a page or more without @min_align_mask starts
 *	page aligned)
 * @bounce_va: where the kernel address of the bounce buffer is stored
 * @bounce_dma: where its device address is stored
 *
 * Whatever @dir, the buffer is copied in: for %DMA_FROM_DEVICE this makes
 * bytes the device does not write come back unchanged, and keeps earlier
 * data in the slots from reaching the device or the driver.  Mappings from
 * interrupt context are fine unless the pool grows in map.
 *
 * Return: 0; -EINVAL for bad arguments; -E2BIG beyond the maximum mapping
 * size; -ENOMEM when the pool is full (a rate-limited warning gives the
 * pool's state).
 */
int coco_bounce_map(struct coco_bounce_pool *pool, unsigned int cpu,
		    void *orig, size_t size, enum dma_data_direction dir,
		    unsigned long min_align_mask, unsigned long alloc_align,
		    void **bounce_va, u64 *bounce_dma)
{
	struct bounce_chunk *c;
	unsigned int nr_chunks;
	struct bounce_req r;
	void *va;
	u64 dma;
	int ret;

	ret = req_init(&r, orig, size, dir, min_align_mask, alloc_align);
	if (ret) {
		atomic_long_inc(&pool->map_rejected);
		pr_warn_ratelimited("%s: refused mapping of %zu bytes (dir %d, min_align_mask %#lx, alloc_align %#lx): %d\n",
				    pool->name, size, dir, min_align_mask,
				    alloc_align, ret);
		return ret;
	}
	if (cpu == COCO_BOUNCE_ANY_CPU)
		cpu = (unsigned int)atomic_inc_return(&pool->cpu_hint);

	nr_chunks = pool_nr_chunks(pool);
	ret = pool_map(pool, cpu, &r, &c, &dma);
	if (ret && pool->grow_in_map) {
		/* Our grow or one that another CPU finished meanwhile. */
		pool_grow(pool, false);
		if (pool_nr_chunks(pool) != nr_chunks)
			ret = pool_map(pool, cpu, &r, &c, &dma);
	}
	if (ret) {
		atomic_long_inc(&pool->map_failures);
		pr_warn_ratelimited("%s: full: no room for %zu bytes (%lu slots): %lu of %lu slots used, high-water %lu, largest free run %lu slots, %u chunks\n",
				    pool->name, size, r.nslots,
				    pool_used_slots(pool, false),
				    pool_total_slots(pool),
				    pool_used_slots(pool, true),
				    pool_largest_free_run(pool),
				    pool_nr_chunks(pool));
		return -ENOMEM;
	}
	va = chunk_dma_to_va(c, dma);
	memcpy(va, orig, size);
	*bounce_va = va;
	*bounce_dma = dma;
	return 0;
}

static int pool_bad_call(struct coco_bounce_pool *pool, const char *op,
			 u64 dma, size_t size, enum dma_data_direction dir,
			 const char *why, int ret)
{
	atomic_long_inc(&pool->bad_calls);
	pr_err_ratelimited("%s: %s of %#llx (%zu bytes, dir %d) refused: %s (%d)\n",
			   pool->name, op, (unsigned long long)dma, size, dir,
			   why, ret);
	return ret;
}

/**
 * coco_bounce_unmap() - end a mapping, copying out what the device wrote
 * @pool: the pool
 * @bounce_dma: the device address coco_bounce_map() returned
 * @size: the size that was mapped
 * @dir: the direction that was mapped
 * @attrs: %COCO_BOUNCE_SKIP_CPU_SYNC to skip the copy out
 *
 * %DMA_FROM_DEVICE and %DMA_BIDIRECTIONAL copy the bounce buffer back to the
 * original buffer.  An address that is not the start of a live mapping, or a
 * size or direction that differs from the mapping's, is refused without
 * touching any mapping.
 *
 * Return: 0; -ENOENT when no mapping starts at @bounce_dma; -EINVAL for a
 * mismatch or a bad direction.
 */
int coco_bounce_unmap(struct coco_bounce_pool *pool, u64 bounce_dma,
		      size_t size, enum dma_data_direction dir,
		      unsigned long attrs)
{
	unsigned long flags, slot, first = 0, nslots = 0;
	struct bounce_chunk *c;
	struct bounce_area *a;
	struct bounce_slot *s;
	const char *why = NULL;
	void *orig = NULL;
	bool copy;
	int ret = 0;

	if (!valid_dma_direction(dir))
		return pool_bad_call(pool, "unmap", bounce_dma, size, dir,
				     "invalid direction", -EINVAL);
	c = pool_find_chunk(pool, bounce_dma);
	if (!c)
		return pool_bad_call(pool, "unmap", bounce_dma, size, dir,
				     "not a pool address", -ENOENT);
	slot = (bounce_dma - c->dma) >> SLOT_SHIFT;
	a = chunk_area_of(c, slot);
	s = &c->slots[slot];

	spin_lock_irqsave(&a->lock, flags);
	if (s->key != slot || s->state != SLOT_MAPPED ||
	    s->offset != (bounce_dma & (SLOT_SIZE - 1))) {
		why = "no mapping starts here";
		ret = -ENOENT;
	} else if (s->size != size || s->dir != dir) {
		why = "size or direction differs from the mapping";
		ret = -EINVAL;
	} else {
		/* Ours now: a second unmap racing with us finds nothing. */
		s->state = SLOT_UNMAPPING;
		orig = s->orig;
		first = s->first;
		nslots = s->nslots;
	}
	spin_unlock_irqrestore(&a->lock, flags);
	if (ret)
		return pool_bad_call(pool, "unmap", bounce_dma, size, dir, why,
				     ret);

	copy = !(attrs & COCO_BOUNCE_SKIP_CPU_SYNC) &&
	       dir_copies_from_device(dir);
	if (copy)
		memcpy(orig, chunk_dma_to_va(c, bounce_dma), size);

	spin_lock_irqsave(&a->lock, flags);
	s->state = 0;
	s->orig = NULL;
	area_release(c, a, first, nslots);
	a->unmaps++;
	if (copy)
		a->bytes_from_device += size;
	spin_unlock_irqrestore(&a->lock, flags);
	return 0;
}

/*
 * Check that [dma, dma + size) lies in one live mapping whose direction
 * allows a sync with @dir, and find the matching part of the original.
 */
static int pool_sync(struct coco_bounce_pool *pool, u64 dma, size_t size,
		     enum dma_data_direction dir, bool for_cpu)
{
	const char *op = for_cpu ? "sync_for_cpu" : "sync_for_device";
	unsigned long flags, slot;
	struct bounce_chunk *c;
	struct bounce_area *a;
	struct bounce_slot *s;
	const char *why = NULL;
	void *orig = NULL;
	u64 start;
	int ret = 0;

	if (!valid_dma_direction(dir))
		return pool_bad_call(pool, op, dma, size, dir,
				     "invalid direction", -EINVAL);
	c = pool_find_chunk(pool, dma);
	if (!c)
		return pool_bad_call(pool, op, dma, size, dir,
				     "not a pool address", -ENOENT);
	slot = (dma - c->dma) >> SLOT_SHIFT;
	a = chunk_area_of(c, slot);

	spin_lock_irqsave(&a->lock, flags);
	s = c->slots[slot].key == NO_KEY ? NULL : &c->slots[c->slots[slot].key];
	if (!s || s->state != SLOT_MAPPED) {
		why = "no live mapping here";
		ret = -ENOENT;
	} else {
		start = chunk_slot_dma(c, c->slots[slot].key) + s->offset;
		if (dma < start || size > s->size ||
		    dma - start > s->size - size) {
			why = "range outside the mapping";
			ret = -EINVAL;
		} else if (s->dir != DMA_BIDIRECTIONAL && s->dir != dir) {
			why = "direction differs from the mapping";
			ret = -EINVAL;
		} else {
			orig = (u8 *)s->orig + (dma - start);
			/* Counted now: the copy below follows unconditionally. */
			if (for_cpu && dir_copies_from_device(dir))
				a->bytes_from_device += size;
			else if (!for_cpu && dir_copies_to_device(dir))
				a->bytes_to_device += size;
		}
	}
	spin_unlock_irqrestore(&a->lock, flags);
	if (ret)
		return pool_bad_call(pool, op, dma, size, dir, why, ret);

	if (for_cpu && dir_copies_from_device(dir))
		memcpy(orig, chunk_dma_to_va(c, dma), size);
	else if (!for_cpu && dir_copies_to_device(dir))
		memcpy(chunk_dma_to_va(c, dma), orig, size);
	return 0;
}

/**
 * coco_bounce_sync_for_device() - hand a mapped range back to the device
 * @pool: the pool
 * @dma: device address inside a mapping
 * @size: bytes from @dma, all inside that mapping
 * @dir: the mapping's direction (any direction for a bidirectional one)
 *
 * %DMA_TO_DEVICE and %DMA_BIDIRECTIONAL copy the original into the bounce
 * buffer; %DMA_FROM_DEVICE copies nothing.
 *
 * Return: 0; -ENOENT when no live mapping covers @dma; -EINVAL for a range
 * beyond it or a direction that does not match.
 */
int coco_bounce_sync_for_device(struct coco_bounce_pool *pool, u64 dma,
				size_t size, enum dma_data_direction dir)
{
	return pool_sync(pool, dma, size, dir, false);
}

/**
 * coco_bounce_sync_for_cpu() - let the driver see what the device wrote
 * @pool: the pool
 * @dma: device address inside a mapping
 * @size: bytes from @dma, all inside that mapping
 * @dir: the mapping's direction (any direction for a bidirectional one)
 *
 * %DMA_FROM_DEVICE and %DMA_BIDIRECTIONAL copy the bounce buffer into the
 * original; %DMA_TO_DEVICE copies nothing.
 *
 * Return: as coco_bounce_sync_for_device().
 */
int coco_bounce_sync_for_cpu(struct coco_bounce_pool *pool, u64 dma,
			     size_t size, enum dma_data_direction dir)
{
	return pool_sync(pool, dma, size, dir, true);
}

/**
 * coco_bounce_owns() - is a device address inside the pool's memory
 * @pool: the pool
 * @dma: the address
 *
 * Return: true when @dma falls in one of the pool's chunks.
 */
bool coco_bounce_owns(struct coco_bounce_pool *pool, u64 dma)
{
	return pool_find_chunk(pool, dma);
}

/**
 * coco_bounce_get_stats() - take a snapshot of a pool's counters
 * @pool: the pool
 * @st: filled in
 *
 * Takes each area's lock in turn and adds up what the areas count, so the
 * snapshot is consistent only when the pool is quiet.  slots_high_water is
 * the sum of the areas' high-water marks: an upper bound on the most slots
 * ever held at once, exact when the mappings stayed in one area.
 */
void coco_bounce_get_stats(struct coco_bounce_pool *pool,
			   struct coco_bounce_stats *st)
{
	unsigned int ci, ai, n = pool_nr_chunks(pool);
	struct bounce_chunk *c;
	struct bounce_area *a;
	unsigned long flags;

	memset(st, 0, sizeof(*st));
	for (ci = 0; ci < n; ci++) {
		c = pool->chunks[ci];
		st->slots_total += c->nslots;
		for (ai = 0; ai < c->nareas; ai++) {
			a = &c->areas[ai];
			spin_lock_irqsave(&a->lock, flags);
			st->slots_used += a->end - a->start - a->nfree;
			st->slots_high_water += a->high_water;
			st->maps += a->maps;
			st->unmaps += a->unmaps;
			st->bytes_to_device += a->bytes_to_device;
			st->bytes_from_device += a->bytes_from_device;
			st->largest_free_run =
				area_largest_free_run(c, a,
						      st->largest_free_run);
			spin_unlock_irqrestore(&a->lock, flags);
		}
	}
	st->chunks = n;
	st->map_failures = atomic_long_read(&pool->map_failures);
	st->map_rejected = atomic_long_read(&pool->map_rejected);
	st->bad_calls = atomic_long_read(&pool->bad_calls);
	st->grow_failures = atomic_long_read(&pool->grow_failures);
	st->leaked_chunks = atomic_long_read(&pool->leaked_chunks);
	st->leaked_bytes = (unsigned long)atomic_long_read(&pool->leaked_bytes);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Multi-threaded stress of the bounce-buffer pool, meant to run under
 * ThreadSanitizer (or helgrind).
 *
 * Every thread keeps a window of mappings in flight and, for each one:
 * fills its private buffer, maps it (random size, direction, min_align_mask
 * and alignment; mostly its own CPU's area, sometimes another's or none),
 * checks the alignment rules and that the device sees the buffer, plays the
 * device (writes the bounce buffer for FROM_DEVICE and BIDIRECTIONAL,
 * scribbles on TO_DEVICE ones), sometimes syncs for the CPU and checks,
 * and finally unmaps and checks what the driver got back.  The pool is
 * small, so areas overflow into each other and mappings sometimes fail and
 * are retried.  A second phase starts from a one-segment pool that grows in
 * map, so chunks are published while other threads map and unmap.
 *
 * usage: stress_bounce [TOTAL_MAPPINGS [THREADS]]   (default 1000000 4)
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define COCO_SHIM_PRINTK_CAPTURE
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/types.h>
#include <coco/bounce.h>

#define SLOT		2048UL
#define SEG		(128 * SLOT)
#define PG		4096UL
#define WINDOW		8
#define REGION		(SEG + 65536)	/* one in-flight buffer */
#define PAT_SIZE	(REGION + 4096)
#define MAX_THREADS	64

static long nr_msgs;

/* Exhaustion warnings are expected here: count them, print none. */
void coco_shim_vprintk(int level, const char *fmt, va_list ap)
{
	__atomic_add_fetch(&nr_msgs, 1, __ATOMIC_RELAXED);
}

static u8 pat_cpu[PAT_SIZE];	/* what drivers put in their buffers */
static u8 pat_dev[PAT_SIZE];	/* what the device writes */

struct inflight {
	bool busy;
	u8 *orig;
	size_t size;
	enum dma_data_direction dir;
	u64 dma;
	u8 *bva;
	unsigned int sa, sb;	/* offsets into pat_cpu / pat_dev */
};

struct worker {
	pthread_t tid;
	unsigned int idx;
	unsigned int nthreads;
	struct coco_bounce_pool *pool;
	long todo;
	u64 rng;
	u8 *buf;		/* WINDOW regions */
	struct inflight w[WINDOW];
	long maps, retries, syncs, errors;
};

static pthread_barrier_t start_barrier;

static u64 rnd(struct worker *wk)
{
	u64 x = wk->rng;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	wk->rng = x;
	return x;
}

static void fail(struct worker *wk, const char *what, struct inflight *f)
{
	if (wk->errors++ < 10)
		fprintf(stderr,
			"stress_bounce: thread %u: %s (size %zu dir %d dma %#llx)\n",
			wk->idx, what, f->size, f->dir,
			(unsigned long long)f->dma);
}

static void complete(struct worker *wk, struct inflight *f)
{
	int ret;

	ret = coco_bounce_unmap(wk->pool, f->dma, f->size, f->dir, 0);
	if (ret)
		fail(wk, "unmap refused", f);
	if (f->dir == DMA_TO_DEVICE) {
		if (memcmp(f->orig, pat_cpu + f->sa, f->size))
			fail(wk, "TO_DEVICE buffer changed", f);
	} else if (memcmp(f->orig, pat_dev + f->sb, f->size)) {
		fail(wk, "device data not copied back", f);
	}
	f->busy = false;
}

static void pick(struct worker *wk, size_t *size, unsigned long *mask,
		 unsigned long *align, enum dma_data_direction *dir)
{
	static const unsigned long masks[] = { 0, 0, 0, 0, 0x3f, 0x7ff, 0xfff,
					       0xfff };
	unsigned int r = rnd(wk) % 100;
	size_t max;

	*mask = masks[rnd(wk) % 8];
	*align = rnd(wk) % 4 ? 0 : (rnd(wk) % 2 ? PG : 4 * PG);
	*dir = (enum dma_data_direction)(rnd(wk) % 3);
	max = coco_bounce_max_mapping_size(*mask, *align);
	if (r < 60)
		*size = 1 + rnd(wk) % 512;
	else if (r < 90)
		*size = 513 + rnd(wk) % (4096 - 512);
	else if (r < 99)
		*size = 4097 + rnd(wk) % (32768 - 4096);
	else
		*size = 32769 + rnd(wk) % (max - 32768);
}

static int map_one(struct worker *wk, struct inflight *f, u8 *region)
{
	unsigned long mask, align, pad;
	unsigned int cpu, r;
	void *va;
	int ret;

	pick(wk, &f->size, &mask, &align, &f->dir);
	f->orig = region + rnd(wk) % 65536;
	f->sa = rnd(wk) % 4096;
	f->sb = rnd(wk) % 4096;
	memcpy(f->orig, pat_cpu + f->sa, f->size);

	r = rnd(wk) % 32;
	cpu = r == 0 ? COCO_BOUNCE_ANY_CPU :
	      r < 4 ? (unsigned int)(rnd(wk) % (2 * wk->nthreads)) : wk->idx;
	ret = coco_bounce_map(wk->pool, cpu, f->orig, f->size, f->dir, mask,
			      align, &va, &f->dma);
	if (ret)
		return ret;
	f->bva = va;
	wk->maps++;

	/* The alignment rules, in device addresses. */
	if ((f->dma & mask) != ((unsigned long)f->orig & mask))
		fail(wk, "min_align_mask not kept", f);
	pad = (unsigned long)f->orig & mask & (align ? align - 1 : 0);
	if (align && (f->dma - pad) % align)
		fail(wk, "allocation not aligned", f);
	if (!align && !mask && f->size >= PG && f->dma % PG)
		fail(wk, "page-sized mapping not page aligned", f);

	/* The device reads: the original, whatever the direction. */
	if (memcmp(f->bva, pat_cpu + f->sa, f->size))
		fail(wk, "device sees other data", f);
	if (f->dir == DMA_TO_DEVICE) {
		/* A device that writes where it should not. */
		memset(f->bva, 0xee, f->size < 64 ? f->size : 64);
		return 0;
	}
	memcpy(f->bva, pat_dev + f->sb, f->size);
	if (rnd(wk) % 4 == 0) {
		wk->syncs++;
		if (coco_bounce_sync_for_cpu(wk->pool, f->dma, f->size, f->dir))
			fail(wk, "sync_for_cpu refused", f);
		else if (memcmp(f->orig, pat_dev + f->sb, f->size))
			fail(wk, "sync_for_cpu did not copy", f);
		if (f->dir == DMA_BIDIRECTIONAL) {
			/* The CPU hands its copy back; the device sees it. */
			if (coco_bounce_sync_for_device(wk->pool, f->dma,
							f->size, f->dir))
				fail(wk, "sync_for_device refused", f);
			else if (memcmp(f->bva, pat_dev + f->sb, f->size))
				fail(wk, "sync_for_device changed data", f);
		}
	}
	return 0;
}

static void *worker_main(void *arg)
{
	struct worker *wk = arg;
	unsigned int slot = 0, i;
	struct inflight *f;
	int ret;

	pthread_barrier_wait(&start_barrier);
	while (wk->todo > 0) {
		f = &wk->w[slot];
		if (f->busy)
			complete(wk, f);
		ret = map_one(wk, f, wk->buf + (size_t)slot * REGION);
		if (ret == -ENOMEM) {
			/* Full: give back everything in flight and retry. */
			wk->retries++;
			for (i = 0; i < WINDOW; i++)
				if (wk->w[i].busy)
					complete(wk, &wk->w[i]);
			continue;
		}
		if (ret) {
			fail(wk, "map refused", f);
			break;
		}
		f->busy = true;
		wk->todo--;
		/* Complete out of order now and then. */
		slot = rnd(wk) % 8 ? (slot + 1) % WINDOW : rnd(wk) % WINDOW;
	}
	for (i = 0; i < WINDOW; i++)
		if (wk->w[i].busy)
			complete(wk, &wk->w[i]);
	return NULL;
}

/* A backend over the C library for the growth phase. */
struct heap_backend {
	u64 next_dma;
	int nalloc;
	int nshared;
};

static void *hb_alloc(void *ctx, unsigned long npages, bool can_sleep,
		      u64 *dma)
{
	struct heap_backend *hb = ctx;
	void *va = aligned_alloc(PG, npages * PG);

	if (!va)
		return NULL;
	*dma = hb->next_dma;
	hb->next_dma += npages * PG + 0x100000;
	hb->nalloc++;
	return va;
}

static void hb_free(void *ctx, void *va, unsigned long npages)
{
	free(va);
}

static int hb_share(void *ctx, void *va, unsigned long npages)
{
	((struct heap_backend *)ctx)->nshared++;
	return 0;
}

static int hb_unshare(void *ctx, void *va, unsigned long npages)
{
	((struct heap_backend *)ctx)->nshared--;
	return 0;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int run_phase(const char *name, struct coco_bounce_pool *pool,
		     unsigned int nthreads, long total, long *maps_out)
{
	static struct worker wk[MAX_THREADS];
	struct coco_bounce_stats st;
	long maps = 0, retries = 0, syncs = 0, errors = 0;
	unsigned int i;
	double t0, t;

	pthread_barrier_init(&start_barrier, NULL, nthreads + 1);
	for (i = 0; i < nthreads; i++) {
		memset(&wk[i], 0, sizeof(wk[i]));
		wk[i].idx = i;
		wk[i].nthreads = nthreads;
		wk[i].pool = pool;
		wk[i].todo = total / nthreads + (i < total % nthreads);
		wk[i].rng = 0x9e3779b97f4a7c15ULL * (i + 1) + 12345;
		wk[i].buf = aligned_alloc(65536, (size_t)WINDOW * REGION);
		if (!wk[i].buf ||
		    pthread_create(&wk[i].tid, NULL, worker_main, &wk[i]))
			return 1;
	}
	pthread_barrier_wait(&start_barrier);
	t0 = now();
	for (i = 0; i < nthreads; i++) {
		pthread_join(wk[i].tid, NULL);
		maps += wk[i].maps;
		retries += wk[i].retries;
		syncs += wk[i].syncs;
		errors += wk[i].errors;
		free(wk[i].buf);
	}
	t = now() - t0;
	pthread_barrier_destroy(&start_barrier);

	coco_bounce_get_stats(pool, &st);
	printf("%s: %u threads, %ld mappings (%ld syncs, %ld retries after a full pool) in %.2f s: %.0f mappings/s\n",
	       name, nthreads, maps, syncs, retries, t, maps / t);
	printf("%s: pool: %lu slots in %u chunks, high-water %lu, %lu map failures, %llu bytes in, %llu bytes out\n",
	       name, st.slots_total, st.chunks, st.slots_high_water,
	       st.map_failures, (unsigned long long)st.bytes_to_device,
	       (unsigned long long)st.bytes_from_device);
	if (st.slots_used || st.bad_calls || st.maps != (unsigned long)maps ||
	    st.unmaps != (unsigned long)maps || maps != total) {
		fprintf(stderr, "%s: pool state wrong: used %lu bad %lu maps %lu unmaps %lu\n",
			name, st.slots_used, st.bad_calls, st.maps, st.unmaps);
		errors++;
	}
	*maps_out += maps;
	return errors ? 1 : 0;
}

int main(int argc, char **argv)
{
	long total = argc > 1 ? atol(argv[1]) : 1000000;
	unsigned int nthreads = argc > 2 ? atoi(argv[2]) : 4;
	struct heap_backend hb = { .next_dma = 0x200000000ULL };
	struct coco_bounce_backend ops = {
		.alloc = hb_alloc, .free = hb_free, .share = hb_share,
		.unshare = hb_unshare, .ctx = &hb,
	};
	struct coco_bounce_config cfg = { .name = "stress" };
	struct coco_bounce_pool *pool;
	long grow_total, maps = 0;
	double t0 = now();
	int bad = 0;
	size_t i;
	u8 *mem;

	if (nthreads < 2 || nthreads > MAX_THREADS || total < 2 * nthreads) {
		fprintf(stderr, "usage: %s [TOTAL_MAPPINGS [THREADS >= 2]]\n",
			argv[0]);
		return 2;
	}
	for (i = 0; i < PAT_SIZE; i++) {
		pat_cpu[i] = (u8)(i * 131 + (i >> 9) + 1);
		pat_dev[i] = (u8)(i * 197 + (i >> 7) + 101);
	}
	grow_total = total / 5;

	/* Phase 1: a fixed pool, one segment per area and thread. */
	mem = aligned_alloc(PG, (size_t)nthreads * SEG);
	cfg.va = mem;
	cfg.dma = 0x80000000ULL;
	cfg.size = (size_t)nthreads * SEG;
	cfg.nareas = nthreads;
	if (!mem || coco_bounce_pool_create(&cfg, &pool))
		return 1;
	bad |= run_phase("fixed", pool, nthreads, total - grow_total, &maps);
	bad |= coco_bounce_pool_destroy(pool) != 0;
	free(mem);

	/* Phase 2: from one segment, growing in map while others work. */
	cfg = (struct coco_bounce_config){
		.name = "stress-grow", .nareas = nthreads, .backend = &ops,
		.grow_size = SEG, .max_size = 32 * SEG, .grow_in_map = true,
	};
	if (coco_bounce_pool_create(&cfg, &pool))
		return 1;
	bad |= run_phase("grow", pool, nthreads, grow_total, &maps);
	bad |= coco_bounce_pool_destroy(pool) != 0;
	if (hb.nshared) {
		fprintf(stderr, "grow: %d chunks still shared\n", hb.nshared);
		bad = 1;
	}
	printf("stress_bounce: %ld mappings, %d chunks grown, %ld pool messages, %.2f s total: %s\n",
	       maps, hb.nalloc, nr_msgs, now() - t0, bad ? "FAILED" : "ok");
	return bad;
}

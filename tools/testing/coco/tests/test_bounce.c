// SPDX-License-Identifier: GPL-2.0-only
/*
 * The bounce-buffer pool: the copy rules of every DMA direction, the
 * alignment rules and size edges, exhaustion with its message and
 * recovery, growth through a backend up to the cap, leaks on failed
 * conversions, and refused unmap/sync calls.  Expected addresses are worked
 * out from the rules in include/coco/bounce.h (2 KiB slots, 128-slot
 * segments, areas of whole segments, first fit from the area's hint).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#define COCO_SHIM_PRINTK_CAPTURE
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/types.h>
#include <coco/bounce.h>

#define SLOT		2048UL
#define SEG		(128 * SLOT)
#define PG		4096UL
#define DMA_BASE	0x80000000ULL

static char last_msg[512];
static int nr_msgs;

void coco_shim_vprintk(int level, const char *fmt, va_list ap)
{
	vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
	nr_msgs++;
}

static void msgs_reset(void)
{
	coco_shim_ratelimit_reset();
	last_msg[0] = '\0';
	nr_msgs = 0;
}

/* ------------------------------------------------------------ fixture -- */

struct fix {
	u8 *mem;		/* the pool's initial "shared" memory */
	size_t size;
	u64 dma;
	u8 *obuf;		/* private buffers, 64 KiB aligned */
	struct coco_bounce_pool *pool;
};

#define OBUF_SIZE	(1024 * 1024)

static void fix_make(struct fix *f, size_t size, u64 dma, unsigned int nareas)
{
	struct coco_bounce_config cfg = {
		.name = "test", .size = size, .dma = dma, .nareas = nareas,
	};

	f->size = size;
	f->dma = dma;
	f->mem = aligned_alloc(PG, size);
	f->obuf = aligned_alloc(65536, OBUF_SIZE);
	assert_non_null(f->mem);
	assert_non_null(f->obuf);
	memset(f->mem, 0xee, size);	/* what a previous user left behind */
	cfg.va = f->mem;
	assert_int_equal(coco_bounce_pool_create(&cfg, &f->pool), 0);
	msgs_reset();
}

static void fix_free(struct fix *f)
{
	assert_int_equal(coco_bounce_pool_destroy(f->pool), 0);
	free(f->mem);
	free(f->obuf);
}

static void fill(u8 *p, size_t n, u8 seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(seed + i * 7 + (i >> 8));
}

static int same(const u8 *p, size_t n, u8 seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != (u8)(seed + i * 7 + (i >> 8)))
			return 0;
	return 1;
}

/* Map and check what holds for every mapping. */
static u64 map_ok(struct fix *f, unsigned int cpu, void *orig, size_t size,
		  enum dma_data_direction dir, unsigned long mask,
		  unsigned long align, u8 **bva)
{
	void *va = NULL;
	u64 dma = 0;

	assert_int_equal(coco_bounce_map(f->pool, cpu, orig, size, dir, mask,
					 align, &va, &dma), 0);
	assert_true(dma >= f->dma && dma + size <= f->dma + f->size);
	assert_ptr_equal(va, f->mem + (dma - f->dma));
	/* Whatever the direction, the slot starts as a copy of the original. */
	assert_memory_equal(va, orig, size);
	if (bva)
		*bva = va;
	return dma;
}

static struct coco_bounce_stats stats(struct fix *f)
{
	struct coco_bounce_stats st;

	coco_bounce_get_stats(f->pool, &st);
	return st;
}

/* --------------------------------------------------------- directions -- */

static void test_to_device(void **state)
{
	struct fix f;
	u8 *orig, *b;
	u64 dma;

	fix_make(&f, SEG, DMA_BASE, 1);
	orig = f.obuf;
	fill(orig, 3000, 1);
	dma = map_ok(&f, 0, orig, 3000, DMA_TO_DEVICE, 0, 0, &b);
	/* The device scribbles on a buffer it should only read. */
	memset(b, 0x5a, 3000);
	assert_int_equal(coco_bounce_sync_for_cpu(f.pool, dma, 3000,
						  DMA_TO_DEVICE), 0);
	assert_true(same(orig, 3000, 1));
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 3000, DMA_TO_DEVICE, 0),
			 0);
	assert_true(same(orig, 3000, 1));	/* nothing came back */
	assert_int_equal(stats(&f).bytes_to_device, 3000);
	assert_int_equal(stats(&f).bytes_from_device, 0);
	fix_free(&f);
}

static void test_to_device_sync_for_device(void **state)
{
	struct fix f;
	u8 *orig, *b;
	u64 dma;

	fix_make(&f, SEG, DMA_BASE, 1);
	orig = f.obuf;
	fill(orig, 5000, 2);
	dma = map_ok(&f, 0, orig, 5000, DMA_TO_DEVICE, 0, 0, &b);
	fill(orig, 5000, 3);			/* the driver refills */
	assert_int_equal(coco_bounce_sync_for_device(f.pool, dma, 5000,
						     DMA_TO_DEVICE), 0);
	assert_true(same(b, 5000, 3));
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 5000, DMA_TO_DEVICE, 0),
			 0);
	assert_int_equal(stats(&f).bytes_to_device, 10000);
	fix_free(&f);
}

static void test_from_device(void **state)
{
	struct fix f;
	u8 *orig, *b;
	u64 dma;

	fix_make(&f, SEG, DMA_BASE, 1);
	orig = f.obuf;
	fill(orig, 4000, 4);
	dma = map_ok(&f, 0, orig, 4000, DMA_FROM_DEVICE, 0, 0, &b);
	/* The device writes the first 1000 bytes only. */
	memset(b, 0x77, 1000);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 4000, DMA_FROM_DEVICE,
					   0), 0);
	assert_true(memchr(orig, 0x77, 1000) == orig);
	assert_int_equal(memcmp(orig, b, 1000), 0);
	/* Bytes the device left alone keep the original's values. */
	{
		u8 ref[4000];

		fill(ref, 4000, 4);
		assert_memory_equal(orig + 1000, ref + 1000, 3000);
	}
	assert_int_equal(stats(&f).bytes_to_device, 4000);
	assert_int_equal(stats(&f).bytes_from_device, 4000);
	fix_free(&f);
}

static void test_from_device_sync_rules(void **state)
{
	struct fix f;
	u8 *orig, *b;
	u64 dma;

	fix_make(&f, SEG, DMA_BASE, 1);
	orig = f.obuf;
	fill(orig, 2048, 5);
	dma = map_ok(&f, 0, orig, 2048, DMA_FROM_DEVICE, 0, 0, &b);
	/* sync_for_device of a FROM_DEVICE mapping copies nothing in. */
	memset(orig, 0x11, 2048);
	assert_int_equal(coco_bounce_sync_for_device(f.pool, dma, 2048,
						     DMA_FROM_DEVICE), 0);
	assert_true(same(b, 2048, 5));
	/* sync_for_cpu copies out what the device wrote so far. */
	memset(b, 0x22, 2048);
	assert_int_equal(coco_bounce_sync_for_cpu(f.pool, dma, 2048,
						  DMA_FROM_DEVICE), 0);
	assert_true(orig[0] == 0x22 && orig[2047] == 0x22);
	memset(b, 0x33, 2048);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 2048, DMA_FROM_DEVICE,
					   0), 0);
	assert_true(orig[0] == 0x33 && orig[2047] == 0x33);
	fix_free(&f);
}

static void test_from_device_skip_cpu_sync(void **state)
{
	struct fix f;
	u8 *orig, *b;
	u64 dma;

	fix_make(&f, SEG, DMA_BASE, 1);
	orig = f.obuf;
	fill(orig, 700, 6);
	dma = map_ok(&f, 0, orig, 700, DMA_FROM_DEVICE, 0, 0, &b);
	memset(b, 0x44, 700);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 700, DMA_FROM_DEVICE,
					   COCO_BOUNCE_SKIP_CPU_SYNC), 0);
	assert_true(same(orig, 700, 6));
	assert_int_equal(stats(&f).bytes_from_device, 0);
	fix_free(&f);
}

static void test_bidirectional(void **state)
{
	struct fix f;
	u8 *orig, *b;
	u64 dma;

	fix_make(&f, SEG, DMA_BASE, 1);
	orig = f.obuf;
	fill(orig, 6000, 7);
	dma = map_ok(&f, 0, orig, 6000, DMA_BIDIRECTIONAL, 0, 0, &b);
	fill(b, 6000, 8);				/* device writes */
	assert_int_equal(coco_bounce_sync_for_cpu(f.pool, dma, 6000,
						  DMA_BIDIRECTIONAL), 0);
	assert_true(same(orig, 6000, 8));
	fill(orig, 6000, 9);				/* CPU answers */
	assert_int_equal(coco_bounce_sync_for_device(f.pool, dma, 6000,
						     DMA_BIDIRECTIONAL), 0);
	assert_true(same(b, 6000, 9));
	fill(b, 6000, 10);				/* device again */
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 6000,
					   DMA_BIDIRECTIONAL, 0), 0);
	assert_true(same(orig, 6000, 10));
	assert_int_equal(stats(&f).bytes_to_device, 12000);
	assert_int_equal(stats(&f).bytes_from_device, 12000);
	fix_free(&f);
}

static void test_bidirectional_partial_sync(void **state)
{
	struct fix f;
	u8 *orig, *b;
	u64 dma;

	fix_make(&f, SEG, DMA_BASE, 1);
	orig = f.obuf;
	memset(orig, 0, 8192);
	dma = map_ok(&f, 0, orig, 8192, DMA_BIDIRECTIONAL, 0, 0, &b);
	memset(b, 0x66, 8192);
	/* A sync covers its range only, at the same offset in the original. */
	assert_int_equal(coco_bounce_sync_for_cpu(f.pool, dma + 3000, 50,
						  DMA_FROM_DEVICE), 0);
	assert_int_equal(orig[2999], 0);
	assert_int_equal(orig[3000], 0x66);
	assert_int_equal(orig[3049], 0x66);
	assert_int_equal(orig[3050], 0);
	/* Any direction may sync a bidirectional mapping. */
	orig[5000] = 0x12;
	assert_int_equal(coco_bounce_sync_for_device(f.pool, dma + 5000, 1,
						     DMA_TO_DEVICE), 0);
	assert_int_equal(b[5000], 0x12);
	assert_int_equal(b[5001], 0x66);
	/* The last byte is inside, one more is not. */
	assert_int_equal(coco_bounce_sync_for_cpu(f.pool, dma + 8191, 1,
						  DMA_BIDIRECTIONAL), 0);
	assert_int_equal(coco_bounce_sync_for_cpu(f.pool, dma + 8191, 2,
						  DMA_BIDIRECTIONAL), -EINVAL);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 8192,
					   DMA_BIDIRECTIONAL, 0), 0);
	fix_free(&f);
}

/*
 * A slot a previous mapping filled must not reach the next mapping's
 * device or driver: one segment, two whole-segment mappings, so the second
 * is in exactly the slots of the first.
 */
static void test_stale_data_from_device(void **state)
{
	struct fix f;
	u8 *secret, *orig, *b;
	u64 dma1, dma2;

	fix_make(&f, SEG, DMA_BASE, 1);
	secret = f.obuf;
	orig = f.obuf + SEG;
	memset(secret, 0xa5, SEG);
	dma1 = map_ok(&f, 0, secret, SEG, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(coco_bounce_unmap(f.pool, dma1, SEG, DMA_TO_DEVICE, 0),
			 0);

	fill(orig, SEG, 11);
	dma2 = map_ok(&f, 0, orig, SEG, DMA_FROM_DEVICE, 0, 0, &b);
	assert_true(dma2 == dma1);
	assert_null(memchr(b, 0xa5, 1));	/* spot check ... */
	assert_true(same(b, SEG, 11));		/* ... and all of it */
	/* The device writes nothing: the driver gets its own bytes back. */
	assert_int_equal(coco_bounce_unmap(f.pool, dma2, SEG, DMA_FROM_DEVICE,
					   0), 0);
	assert_true(same(orig, SEG, 11));
	fix_free(&f);
}

/* ---------------------------------------------------------- alignment -- */

static void test_min_align_mask_odd_offsets(void **state)
{
	static const unsigned long masks[] = { 0x3f, 0x7ff, 0xfff, 0xffff };
	static const unsigned long offs[] = {
		0, 1, 0x3f, 0x7ff, 0x800, 0x801, 0xabc, 0xfff, 0x1001, 0xfffe,
	};
	unsigned int i, j;
	struct fix f;
	u8 *orig;
	u64 dma;

	/* The pool's kernel and device addresses differ above the page. */
	fix_make(&f, 8 * SEG, DMA_BASE + 0x3000000, 1);
	for (i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		for (j = 0; j < sizeof(offs) / sizeof(offs[0]); j++) {
			orig = f.obuf + 65536 + offs[j];
			fill(orig, 3333, (u8)(i + j));
			dma = map_ok(&f, 0, orig, 3333, DMA_BIDIRECTIONAL,
				     masks[i], 0, NULL);
			assert_int_equal(dma & masks[i], offs[j] & masks[i]);
			assert_int_equal(coco_bounce_unmap(f.pool, dma, 3333,
							   DMA_BIDIRECTIONAL,
							   0), 0);
		}
	}
	assert_int_equal(stats(&f).slots_used, 0);
	fix_free(&f);
}

static void test_alloc_align(void **state)
{
	struct fix f;
	u8 *orig;
	u64 dma, d1, d2, d3;

	fix_make(&f, 4 * SEG, DMA_BASE + PG, 1);
	orig = f.obuf + 0x321;
	/* Take slot 0 so the next fits are not aligned by accident. */
	d1 = map_ok(&f, 0, orig, 10, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(d1, DMA_BASE + PG);

	dma = map_ok(&f, 0, orig, 100, DMA_TO_DEVICE, 0, 0x10000, NULL);
	assert_int_equal(dma % 0x10000, 0);
	assert_int_equal(dma, DMA_BASE + 0x10000);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 100, DMA_TO_DEVICE, 0),
			 0);

	dma = map_ok(&f, 0, orig, 100, DMA_TO_DEVICE, 0, PG, NULL);
	assert_int_equal(dma % PG, 0);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 100, DMA_TO_DEVICE, 0),
			 0);

	/* Both: the allocation is aligned, the offset under the mask kept. */
	dma = map_ok(&f, 0, orig, 100, DMA_TO_DEVICE, 0xfff, 0x10000, NULL);
	assert_int_equal(dma & 0xfff, 0x321);
	assert_int_equal((dma - 0x321) % 0x10000, 0);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 100, DMA_TO_DEVICE, 0),
			 0);

	/* Mask bits above the allocation alignment are matched too. */
	orig = f.obuf + 0x3a21;
	dma = map_ok(&f, 0, orig, 100, DMA_TO_DEVICE, 0xffff, PG, NULL);
	assert_int_equal(dma & 0xffff, 0x3a21);
	assert_int_equal((dma - 0xa21) % PG, 0);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 100, DMA_TO_DEVICE, 0),
			 0);

	/* Page rule: >= a page, no alignment asked for -> page aligned. */
	d2 = map_ok(&f, 0, f.obuf + 0x123, PG, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(d2 % PG, 0);
	/* Below a page a slot boundary is enough. */
	d3 = map_ok(&f, 0, f.obuf + 0x123, PG - 1, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(d3 % SLOT, 0);
	assert_int_equal(coco_bounce_unmap(f.pool, d1, 10, DMA_TO_DEVICE, 0), 0);
	assert_int_equal(coco_bounce_unmap(f.pool, d2, PG, DMA_TO_DEVICE, 0), 0);
	assert_int_equal(coco_bounce_unmap(f.pool, d3, PG - 1, DMA_TO_DEVICE, 0),
			 0);
	fix_free(&f);
}

static void test_page_rule_placement(void **state)
{
	struct fix f;
	u64 d0, d1, d2, d3;

	fix_make(&f, SEG, DMA_BASE, 1);
	d0 = map_ok(&f, 0, f.obuf, SLOT, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(d0, DMA_BASE);			/* slot 0 */
	/* A page-sized mapping skips slot 1: it must start on a page. */
	d1 = map_ok(&f, 0, f.obuf, PG, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(d1, DMA_BASE + 2 * SLOT);
	d3 = map_ok(&f, 0, f.obuf, 1, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(d3, DMA_BASE + 4 * SLOT);
	/* With a min_align_mask the page rule does not apply (as swiotlb). */
	d2 = map_ok(&f, 0, f.obuf, PG, DMA_TO_DEVICE, 0x7ff, 0, NULL);
	assert_int_equal(d2, DMA_BASE + 5 * SLOT);
	assert_int_equal(coco_bounce_unmap(f.pool, d3, 1, DMA_TO_DEVICE, 0), 0);
	assert_int_equal(coco_bounce_unmap(f.pool, d0, SLOT, DMA_TO_DEVICE, 0),
			 0);
	assert_int_equal(coco_bounce_unmap(f.pool, d1, PG, DMA_TO_DEVICE, 0), 0);
	assert_int_equal(coco_bounce_unmap(f.pool, d2, PG, DMA_TO_DEVICE, 0), 0);
	fix_free(&f);
}

static void test_sizes_and_slots(void **state)
{
	static const struct {
		size_t size;
		unsigned long mask, off, slots;
	} c[] = {
		{ 1, 0, 0, 1 }, { 2047, 0, 0, 1 }, { 2048, 0, 0, 1 },
		{ 2049, 0, 0, 2 }, { 4096, 0, 0, 2 }, { 4097, 0, 0, 3 },
		/* The kept offset counts: 0x7ff + 1 fits a slot, + 2 not. */
		{ 1, 0xfff, 0x7ff, 1 }, { 2, 0xfff, 0x7ff, 2 },
		{ 2048, 0xfff, 0x801, 2 }, { 2047, 0xfff, 0x801, 1 },
	};
	unsigned int i;
	struct fix f;
	u8 *orig, *b;
	u64 dma;

	fix_make(&f, SEG, DMA_BASE, 1);
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		orig = f.obuf + c[i].off;
		fill(orig, c[i].size, (u8)i);
		dma = map_ok(&f, 0, orig, c[i].size, DMA_FROM_DEVICE,
			     c[i].mask, 0, &b);
		assert_int_equal(stats(&f).slots_used, c[i].slots);
		fill(b, c[i].size, (u8)(i + 100));
		assert_int_equal(coco_bounce_unmap(f.pool, dma, c[i].size,
						   DMA_FROM_DEVICE, 0), 0);
		assert_true(same(orig, c[i].size, (u8)(i + 100)));
		assert_int_equal(stats(&f).slots_used, 0);
	}
	fix_free(&f);
}

static void test_max_mapping_size_values(void **state)
{
	/* 256 KiB minus the worst start the alignment can force. */
	assert_int_equal(coco_bounce_max_mapping_size(0, 0), 262144);
	assert_int_equal(coco_bounce_max_mapping_size(0x7ff, 0), 262144 - 0x7ff);
	assert_int_equal(coco_bounce_max_mapping_size(0xfff, 0), 262144 - 0xfff);
	assert_int_equal(coco_bounce_max_mapping_size(0xfff, PG), 262144 - 0xfff);
	assert_int_equal(coco_bounce_max_mapping_size(0, PG), 262144);
	/* 64 KiB alignment in segments that start on a page: 60 KiB lost. */
	assert_int_equal(coco_bounce_max_mapping_size(0, 0x10000),
			 262144 - 0xf000);
	assert_int_equal(coco_bounce_max_mapping_size(0xfff, 0x10000),
			 262144 - 0xf000 - 0xfff);
	assert_int_equal(coco_bounce_max_mapping_size(0x3ffff, 0), 1);
	/* Invalid: mask not 2^k - 1, mask of a segment, alignment not 2^k. */
	assert_int_equal(coco_bounce_max_mapping_size(0x1000, 0), 0);
	assert_int_equal(coco_bounce_max_mapping_size(0x3ffff + 0x40000, 0), 0);
	assert_int_equal(coco_bounce_max_mapping_size(0, 3), 0);
	assert_int_equal(coco_bounce_max_mapping_size(0, 2 * SEG), 0);
}

static void try_max(u64 pool_dma, size_t max, unsigned long mask,
		    unsigned long align, unsigned long off, u64 want_dma)
{
	struct coco_bounce_stats st;
	struct fix f;
	void *va;
	u8 *orig;
	u64 dma;

	fix_make(&f, SEG, pool_dma, 1);
	orig = f.obuf + off;
	fill(orig, max, 12);
	assert_int_equal(coco_bounce_max_mapping_size(mask, align), max);
	dma = map_ok(&f, 0, orig, max, DMA_BIDIRECTIONAL, mask, align, NULL);
	assert_int_equal(dma, want_dma);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, max, DMA_BIDIRECTIONAL,
					   0), 0);
	assert_int_equal(coco_bounce_map(f.pool, 0, orig, max + 1,
					 DMA_BIDIRECTIONAL, mask, align, &va,
					 &dma), -E2BIG);
	coco_bounce_get_stats(f.pool, &st);
	assert_int_equal(st.map_rejected, 1);
	assert_int_equal(st.map_failures, 0);
	assert_int_equal(st.slots_used, 0);
	fix_free(&f);
}

static void test_max_and_max_plus_one(void **state)
{
	/* No alignment: the whole segment. */
	try_max(DMA_BASE, SEG, 0, 0, 0, DMA_BASE);
	/*
	 * Offset 0xfff under 0xfff: the start slot must have bit 11 set
	 * (slot 1), 0x7ff into it; 127 slots are left: 2047 + max = 127 * 2 KiB.
	 */
	try_max(DMA_BASE, SEG - 0xfff, 0xfff, 0, 0xfff, DMA_BASE + 0xfff);
	/*
	 * 64 KiB allocation alignment in a pool whose device address is one
	 * page past a 64 KiB boundary: the first aligned start is 60 KiB in.
	 */
	try_max(DMA_BASE + PG, SEG - 0xf000 - 0xfff, 0xfff, 0x10000, 0xfff,
		DMA_BASE + 0x10000 + 0xfff);
}

static void test_invalid_arguments(void **state)
{
	struct fix f;
	void *va;
	u64 dma;

	fix_make(&f, SEG, DMA_BASE, 1);
	assert_int_equal(coco_bounce_map(f.pool, 0, f.obuf, 0, DMA_TO_DEVICE,
					 0, 0, &va, &dma), -EINVAL);
	assert_int_equal(coco_bounce_map(f.pool, 0, f.obuf, 10, DMA_NONE,
					 0, 0, &va, &dma), -EINVAL);
	assert_int_equal(coco_bounce_map(f.pool, 0, f.obuf, 10, DMA_TO_DEVICE,
					 0x1000, 0, &va, &dma), -EINVAL);
	assert_int_equal(coco_bounce_map(f.pool, 0, f.obuf, 10, DMA_TO_DEVICE,
					 0, 0x3000, &va, &dma), -EINVAL);
	assert_int_equal(coco_bounce_map(f.pool, 0, f.obuf, 10, DMA_TO_DEVICE,
					 0, 2 * SEG, &va, &dma), -EINVAL);
	assert_int_equal(coco_bounce_map(f.pool, 0, NULL, 10, DMA_TO_DEVICE,
					 0, 0, &va, &dma), -EINVAL);
	assert_int_equal(stats(&f).map_rejected, 6);
	assert_int_equal(stats(&f).slots_used, 0);
	fix_free(&f);
}

/* ------------------------------------------------ exhaustion, recovery -- */

static void test_exhaustion_and_recovery(void **state)
{
	struct coco_bounce_stats st;
	u64 dma[128], d;
	struct fix f;
	unsigned int i;
	void *va;

	fix_make(&f, SEG, DMA_BASE, 1);
	for (i = 0; i < 128; i++) {
		dma[i] = map_ok(&f, 0, f.obuf + i, 1000, DMA_TO_DEVICE, 0, 0,
				NULL);
		assert_int_equal(dma[i], DMA_BASE + i * SLOT);
	}
	msgs_reset();
	assert_int_equal(coco_bounce_map(f.pool, 0, f.obuf, 1, DMA_TO_DEVICE,
					 0, 0, &va, &d), -ENOMEM);
	assert_int_equal(nr_msgs, 1);
	assert_non_null(strstr(last_msg, "coco_bounce: test: full"));
	assert_non_null(strstr(last_msg, "128 of 128 slots used"));
	assert_non_null(strstr(last_msg, "high-water 128"));
	assert_non_null(strstr(last_msg, "largest free run 0 slots"));

	/* Free three neighbours: 3 slots fit, 4 do not. */
	for (i = 10; i < 13; i++)
		assert_int_equal(coco_bounce_unmap(f.pool, dma[i], 1000,
						   DMA_TO_DEVICE, 0), 0);
	assert_int_equal(coco_bounce_map(f.pool, 0, f.obuf, 3 * SLOT + 1,
					 DMA_TO_DEVICE, 0, 0, &va, &d), -ENOMEM);
	assert_non_null(strstr(last_msg, "(4 slots)"));
	assert_non_null(strstr(last_msg, "125 of 128 slots used"));
	assert_non_null(strstr(last_msg, "largest free run 3 slots"));
	d = map_ok(&f, 0, f.obuf, 3 * SLOT, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(d, DMA_BASE + 10 * SLOT);	/* page aligned too */

	coco_bounce_get_stats(f.pool, &st);
	assert_int_equal(st.map_failures, 2);
	assert_int_equal(st.slots_used, 128);
	assert_int_equal(st.slots_high_water, 128);
	assert_int_equal(st.largest_free_run, 0);

	assert_int_equal(coco_bounce_unmap(f.pool, d, 3 * SLOT, DMA_TO_DEVICE,
					   0), 0);
	for (i = 0; i < 128; i++)
		if (i < 10 || i >= 13)
			assert_int_equal(coco_bounce_unmap(f.pool, dma[i], 1000,
							   DMA_TO_DEVICE, 0),
					 0);
	coco_bounce_get_stats(f.pool, &st);
	assert_int_equal(st.slots_used, 0);
	assert_int_equal(st.largest_free_run, 128);
	/* Empty again: a whole-segment mapping fits. */
	d = map_ok(&f, 0, f.obuf, SEG, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(coco_bounce_unmap(f.pool, d, SEG, DMA_TO_DEVICE, 0), 0);
	fix_free(&f);
}

static void test_exhaustion_message_rate_limited(void **state)
{
	struct fix f;
	unsigned int i;
	void *va;
	u64 d;

	fix_make(&f, SEG, DMA_BASE, 1);
	d = map_ok(&f, 0, f.obuf, SEG, DMA_TO_DEVICE, 0, 0, NULL);
	msgs_reset();
	for (i = 0; i < 25; i++)
		assert_int_equal(coco_bounce_map(f.pool, 0, f.obuf, 1,
						 DMA_FROM_DEVICE, 0, 0, &va,
						 &d), -ENOMEM);
	/* The kernel's default: a burst of 10 per 5 s. */
	assert_int_equal(nr_msgs, 10);
	assert_int_equal(stats(&f).map_failures, 25);
	assert_int_equal(coco_bounce_unmap(f.pool, DMA_BASE, SEG, DMA_TO_DEVICE,
					   0), 0);
	fix_free(&f);
}

/* ------------------------------------------------------ areas and CPUs -- */

static void test_areas(void **state)
{
	struct fix f;
	unsigned int i;
	u64 d[130];

	/* Four segments, four areas: area k is segment k. */
	fix_make(&f, 4 * SEG, DMA_BASE, 4);
	d[0] = map_ok(&f, 2, f.obuf, 100, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(d[0], DMA_BASE + 2 * SEG);
	d[1] = map_ok(&f, 6, f.obuf, 100, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(d[1], DMA_BASE + 2 * SEG + SLOT);	/* 6 % 4 */
	for (i = 2; i < 130; i++) {
		d[i] = map_ok(&f, 1, f.obuf, 100, DMA_TO_DEVICE, 0, 0, NULL);
		assert_int_equal(d[i], DMA_BASE + SEG + (i - 2) * SLOT);
	}
	/* Area 1 is full: CPU 1 falls back to the next area, 2. */
	assert_int_equal(coco_bounce_unmap(f.pool, d[0], 100, DMA_TO_DEVICE, 0),
			 0);
	{
		u64 x = map_ok(&f, 1, f.obuf, 100, DMA_TO_DEVICE, 0, 0, NULL);

		/* Area 2 reuses the slot freed last, d[0]'s. */
		assert_int_equal(x, DMA_BASE + 2 * SEG);
		assert_int_equal(coco_bounce_unmap(f.pool, x, 100,
						   DMA_TO_DEVICE, 0), 0);
	}
	for (i = 1; i < 130; i++)
		assert_int_equal(coco_bounce_unmap(f.pool, d[i], 100,
						   DMA_TO_DEVICE, 0), 0);
	/* No CPU given: the pool spreads the mappings. */
	for (i = 0; i < 4; i++)
		d[i] = map_ok(&f, COCO_BOUNCE_ANY_CPU, f.obuf, 100,
			      DMA_TO_DEVICE, 0, 0, NULL);
	for (i = 0; i < 4; i++) {
		unsigned int j;

		for (j = 0; j < i; j++)
			assert_true((d[i] - DMA_BASE) / SEG !=
				    (d[j] - DMA_BASE) / SEG);
		assert_int_equal(coco_bounce_unmap(f.pool, d[i], 100,
						   DMA_TO_DEVICE, 0), 0);
	}
	fix_free(&f);
}

static void test_stats(void **state)
{
	struct coco_bounce_stats st;
	struct fix f;
	u64 a, b, c, d[5];
	unsigned int i;

	fix_make(&f, 2 * SEG, DMA_BASE, 2);
	a = map_ok(&f, 0, f.obuf, 100, DMA_TO_DEVICE, 0, 0, NULL);
	b = map_ok(&f, 0, f.obuf + 4096, 200, DMA_FROM_DEVICE, 0, 0, NULL);
	c = map_ok(&f, 1, f.obuf + 8192, 300, DMA_BIDIRECTIONAL, 0, 0, NULL);
	assert_int_equal(coco_bounce_sync_for_cpu(f.pool, c, 300,
						  DMA_BIDIRECTIONAL), 0);
	assert_int_equal(coco_bounce_sync_for_device(f.pool, c, 300,
						     DMA_BIDIRECTIONAL), 0);
	assert_int_equal(coco_bounce_unmap(f.pool, a, 100, DMA_TO_DEVICE, 0), 0);
	assert_int_equal(coco_bounce_unmap(f.pool, b, 200, DMA_FROM_DEVICE, 0),
			 0);
	assert_int_equal(coco_bounce_unmap(f.pool, c, 300, DMA_BIDIRECTIONAL,
					   0), 0);
	for (i = 0; i < 5; i++)
		d[i] = map_ok(&f, i, f.obuf, 2049, DMA_TO_DEVICE, 0, 0, NULL);
	for (i = 0; i < 5; i++)
		assert_int_equal(coco_bounce_unmap(f.pool, d[i], 2049,
						   DMA_TO_DEVICE, 0), 0);

	coco_bounce_get_stats(f.pool, &st);
	assert_int_equal(st.slots_total, 256);
	assert_int_equal(st.slots_used, 0);
	assert_int_equal(st.slots_high_water, 10);	/* 5 x 2 slots */
	assert_int_equal(st.largest_free_run, 128);
	assert_int_equal(st.chunks, 1);
	assert_int_equal(st.maps, 8);
	assert_int_equal(st.unmaps, 8);
	/* in: 100 + 200 (FROM_DEVICE initialisation) + 300 + 300 + 5 x 2049 */
	assert_int_equal(st.bytes_to_device, 100 + 200 + 600 + 5 * 2049);
	/* out: 200 + 300 (sync) + 300 (unmap) */
	assert_int_equal(st.bytes_from_device, 800);
	assert_int_equal(st.map_failures, 0);
	assert_int_equal(st.bad_calls, 0);
	fix_free(&f);
}

/*
 * The high-water mark is kept per area (no pool-wide counter on the map
 * path) and reported as the sum: exact in one area, an upper bound when
 * areas peak at different times.
 */
static void test_high_water_per_area(void **state)
{
	struct coco_bounce_stats st;
	u64 a, b;
	struct fix f;

	fix_make(&f, 2 * SEG, DMA_BASE, 2);
	/* One area: 4 then 2 slots at once, so 6, whatever comes after. */
	a = map_ok(&f, 0, f.obuf, 4 * SLOT, DMA_TO_DEVICE, 0, 0, NULL);
	b = map_ok(&f, 0, f.obuf, 2 * SLOT, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(coco_bounce_unmap(f.pool, a, 4 * SLOT, DMA_TO_DEVICE,
					   0), 0);
	assert_int_equal(coco_bounce_unmap(f.pool, b, 2 * SLOT, DMA_TO_DEVICE,
					   0), 0);
	st = stats(&f);
	assert_int_equal(st.slots_used, 0);
	assert_int_equal(st.slots_high_water, 6);
	/* The other area peaks at 4 later: at most 6 were ever held, 10 said. */
	a = map_ok(&f, 1, f.obuf, 4 * SLOT, DMA_TO_DEVICE, 0, 0, NULL);
	assert_true(a >= DMA_BASE + SEG);
	st = stats(&f);
	assert_int_equal(st.slots_used, 4);
	assert_int_equal(st.slots_high_water, 10);
	assert_int_equal(coco_bounce_unmap(f.pool, a, 4 * SLOT, DMA_TO_DEVICE,
					   0), 0);
	/* Never above the pool's size, even when every area filled once. */
	a = map_ok(&f, 0, f.obuf, SEG, DMA_TO_DEVICE, 0, 0, NULL);
	b = map_ok(&f, 1, f.obuf, SEG, DMA_TO_DEVICE, 0, 0, NULL);
	st = stats(&f);
	assert_int_equal(st.slots_high_water, 256);
	assert_int_equal(st.slots_high_water, st.slots_total);
	assert_int_equal(coco_bounce_unmap(f.pool, a, SEG, DMA_TO_DEVICE, 0), 0);
	assert_int_equal(coco_bounce_unmap(f.pool, b, SEG, DMA_TO_DEVICE, 0), 0);
	assert_int_equal(stats(&f).maps, 5);
	assert_int_equal(stats(&f).unmaps, 5);
	fix_free(&f);
}

/* ------------------------------------------------------ bad unmap/sync -- */

static void test_bad_unmap(void **state)
{
	struct fix f;
	u8 *orig, *b;
	u64 dma;

	fix_make(&f, SEG, DMA_BASE, 1);
	orig = f.obuf;
	fill(orig, 100, 13);
	dma = map_ok(&f, 0, orig, 100, DMA_FROM_DEVICE, 0, 0, &b);
	memset(b, 0x99, 100);

	assert_int_equal(coco_bounce_unmap(f.pool, DMA_BASE - SLOT, 100,
					   DMA_FROM_DEVICE, 0), -ENOENT);
	assert_int_equal(coco_bounce_unmap(f.pool, DMA_BASE + SEG, 100,
					   DMA_FROM_DEVICE, 0), -ENOENT);
	assert_int_equal(coco_bounce_unmap(f.pool, dma + 2 * SLOT, 100,
					   DMA_FROM_DEVICE, 0), -ENOENT);
	assert_int_equal(coco_bounce_unmap(f.pool, dma + 1, 99,
					   DMA_FROM_DEVICE, 0), -ENOENT);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 99, DMA_FROM_DEVICE, 0),
			 -EINVAL);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 100, DMA_BIDIRECTIONAL,
					   0), -EINVAL);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 100, DMA_NONE, 0),
			 -EINVAL);
	assert_non_null(strstr(last_msg, "refused"));
	/* Nothing was copied or freed by the refused calls. */
	assert_true(same(orig, 100, 13));
	assert_int_equal(stats(&f).slots_used, 1);
	assert_int_equal(stats(&f).bad_calls, 7);

	assert_int_equal(coco_bounce_unmap(f.pool, dma, 100, DMA_FROM_DEVICE, 0),
			 0);
	assert_true(orig[0] == 0x99 && orig[99] == 0x99);
	/* Twice is refused. */
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 100, DMA_FROM_DEVICE, 0),
			 -ENOENT);
	assert_int_equal(stats(&f).bad_calls, 8);
	assert_int_equal(stats(&f).unmaps, 1);
	fix_free(&f);
}

static void test_bad_sync(void **state)
{
	struct fix f;
	u8 *orig;
	u64 dma;

	fix_make(&f, SEG, DMA_BASE, 1);
	orig = f.obuf;
	dma = map_ok(&f, 0, orig, 3000, DMA_TO_DEVICE, 0, 0, NULL);
	assert_int_equal(coco_bounce_sync_for_cpu(f.pool, DMA_BASE + SEG, 1,
						  DMA_TO_DEVICE), -ENOENT);
	assert_int_equal(coco_bounce_sync_for_cpu(f.pool, dma + 2 * SLOT, 1,
						  DMA_TO_DEVICE), -ENOENT);
	assert_int_equal(coco_bounce_sync_for_device(f.pool, dma + 2000, 1001,
						     DMA_TO_DEVICE), -EINVAL);
	/* Direction must match a one-way mapping. */
	assert_int_equal(coco_bounce_sync_for_cpu(f.pool, dma, 3000,
						  DMA_FROM_DEVICE), -EINVAL);
	assert_int_equal(coco_bounce_sync_for_device(f.pool, dma, 3000,
						     DMA_BIDIRECTIONAL),
			 -EINVAL);
	assert_int_equal(coco_bounce_sync_for_device(f.pool, dma, 3000,
						     DMA_NONE), -EINVAL);
	assert_int_equal(stats(&f).bad_calls, 6);
	assert_int_equal(coco_bounce_unmap(f.pool, dma, 3000, DMA_TO_DEVICE, 0),
			 0);
	assert_int_equal(coco_bounce_sync_for_device(f.pool, dma, 3000,
						     DMA_TO_DEVICE), -ENOENT);
	fix_free(&f);
}

/* ----------------------------------------------------------- growth -- */

#define FB_MAX 16

struct fake_backend {
	int nalloc, nfree, nshare, nunshare;
	int fail_share_at;		/* 1-based call number, 0: never */
	int fail_unshare_at;
	u64 next_dma;
	struct {
		void *va;
		unsigned long npages;
		u64 dma;
		bool shared, freed;
	} c[FB_MAX];
};

static int fb_find(struct fake_backend *be, void *va)
{
	int i;

	/* The C library may hand a freed chunk's address out again. */
	for (i = be->nalloc - 1; i >= 0; i--)
		if (be->c[i].va == va && !be->c[i].freed)
			return i;
	fail_msg("unknown chunk %p", va);
	return -1;
}

static void *fb_alloc(void *ctx, unsigned long npages, bool can_sleep,
		      u64 *dma)
{
	struct fake_backend *be = ctx;
	int i = be->nalloc;

	assert_true(i < FB_MAX);
	be->c[i].va = aligned_alloc(PG, npages * PG);
	be->c[i].npages = npages;
	be->c[i].dma = be->next_dma;
	*dma = be->next_dma;
	be->next_dma += npages * PG + 16 * PG;	/* a gap between chunks */
	be->nalloc++;
	return be->c[i].va;
}

static void fb_free(void *ctx, void *va, unsigned long npages)
{
	struct fake_backend *be = ctx;
	int i = fb_find(be, va);

	assert_false(be->c[i].shared);	/* never free a shared page */
	assert_false(be->c[i].freed);
	assert_int_equal(npages, be->c[i].npages);
	be->c[i].freed = true;
	be->nfree++;
	free(va);
}

static int fb_share(void *ctx, void *va, unsigned long npages)
{
	struct fake_backend *be = ctx;
	int i = fb_find(be, va);

	be->c[i].shared = true;	/* failed or not, it may be shared now */
	if (++be->nshare == be->fail_share_at)
		return -EIO;
	return 0;
}

static int fb_unshare(void *ctx, void *va, unsigned long npages)
{
	struct fake_backend *be = ctx;
	int i = fb_find(be, va);

	if (++be->nunshare == be->fail_unshare_at)
		return -EIO;
	be->c[i].shared = false;
	return 0;
}

static const struct coco_bounce_backend fb_ops_tmpl = {
	.alloc = fb_alloc, .free = fb_free,
	.share = fb_share, .unshare = fb_unshare,
};

/* Give the test's memory back, leaked chunks included (for LSan). */
static void fb_cleanup(struct fake_backend *be)
{
	int i;

	for (i = 0; i < be->nalloc; i++)
		if (!be->c[i].freed)
			free(be->c[i].va);
}

struct grow_fix {
	struct fake_backend be;
	struct coco_bounce_backend ops;
	u8 *mem;
	u8 *obuf;
	struct coco_bounce_pool *pool;
};

static void grow_make(struct grow_fix *g, size_t size, size_t grow,
		      size_t max, bool in_map)
{
	struct coco_bounce_config cfg = {
		.name = "grow", .size = size, .dma = DMA_BASE, .nareas = 2,
		.backend = &g->ops, .grow_size = grow, .max_size = max,
		.grow_in_map = in_map,
	};

	memset(&g->be, 0, sizeof(g->be));
	g->be.next_dma = DMA_BASE + 0x10000000;
	g->ops = fb_ops_tmpl;
	g->ops.ctx = &g->be;
	g->mem = size ? aligned_alloc(PG, size) : NULL;
	g->obuf = aligned_alloc(PG, SEG);
	cfg.va = g->mem;
	assert_int_equal(coco_bounce_pool_create(&cfg, &g->pool), 0);
	msgs_reset();
}

static void grow_free(struct grow_fix *g, int want)
{
	assert_int_equal(coco_bounce_pool_destroy(g->pool), want);
	fb_cleanup(&g->be);
	free(g->mem);
	free(g->obuf);
}

static void test_grow_in_map_up_to_cap(void **state)
{
	struct coco_bounce_stats st;
	static u64 d[512];
	struct grow_fix g;
	unsigned int i;
	void *va;
	u64 x;

	/* 256 KiB now, 256 KiB per chunk, 1 MiB cap: four chunks at most. */
	grow_make(&g, SEG, SEG, 4 * SEG, true);
	for (i = 0; i < 512; i++) {
		assert_int_equal(coco_bounce_map(g.pool, i % 2, g.obuf, 2048,
						 DMA_TO_DEVICE, 0, 0, &va,
						 &d[i]), 0);
		assert_true(coco_bounce_owns(g.pool, d[i]));
	}
	assert_int_equal(g.be.nalloc, 3);
	assert_int_equal(g.be.nshare, 3);
	/* Mappings landed in the grown chunks, at their device addresses. */
	assert_int_equal(d[511], g.be.c[2].dma + SEG - SLOT);
	assert_false(coco_bounce_owns(g.pool, g.be.c[0].dma - 1));

	coco_bounce_get_stats(g.pool, &st);
	assert_int_equal(st.chunks, 4);
	assert_int_equal(st.slots_total, 512);
	assert_int_equal(st.slots_used, 512);

	/* At the cap: refused, no allocation tried, the message says so. */
	assert_int_equal(coco_bounce_map(g.pool, 0, g.obuf, 1, DMA_TO_DEVICE,
					 0, 0, &va, &x), -ENOMEM);
	assert_int_equal(g.be.nalloc, 3);
	assert_non_null(strstr(last_msg, "512 of 512 slots used"));
	assert_non_null(strstr(last_msg, "4 chunks"));
	assert_int_equal(coco_bounce_grow(g.pool), -ENOSPC);
	assert_int_equal(g.be.nalloc, 3);

	/* Destroy refuses while mappings are out. */
	assert_int_equal(coco_bounce_pool_destroy(g.pool), -EBUSY);
	for (i = 0; i < 512; i++)
		assert_int_equal(coco_bounce_unmap(g.pool, d[i], 2048,
						   DMA_TO_DEVICE, 0), 0);
	assert_int_equal(coco_bounce_unmap(g.pool, d[0], 2048, DMA_TO_DEVICE,
					   0), -ENOENT);
	grow_free(&g, 0);
	/* Grown chunks were unshared and freed; the initial one is ours. */
	assert_int_equal(g.be.nunshare, 3);
	assert_int_equal(g.be.nfree, 3);
}

static void test_grow_explicit(void **state)
{
	struct grow_fix g;
	void *va;
	u64 a, b;

	grow_make(&g, SEG, 2 * SEG, 3 * SEG, false);
	assert_int_equal(coco_bounce_map(g.pool, 0, g.obuf, SEG, DMA_TO_DEVICE,
					 0, 0, &va, &a), 0);
	/* Without grow_in_map a full pool fails the mapping ... */
	assert_int_equal(coco_bounce_map(g.pool, 0, g.obuf, 1, DMA_TO_DEVICE,
					 0, 0, &va, &b), -ENOMEM);
	assert_int_equal(g.be.nalloc, 0);
	/* ... until its owner grows it. */
	assert_int_equal(coco_bounce_grow(g.pool), 0);
	assert_int_equal(coco_bounce_map(g.pool, 0, g.obuf, 1, DMA_TO_DEVICE,
					 0, 0, &va, &b), 0);
	assert_int_equal(b, g.be.c[0].dma);
	assert_ptr_equal(va, g.be.c[0].va);
	assert_int_equal(coco_bounce_grow(g.pool), -ENOSPC);
	assert_int_equal(coco_bounce_unmap(g.pool, a, SEG, DMA_TO_DEVICE, 0), 0);
	assert_int_equal(coco_bounce_unmap(g.pool, b, 1, DMA_TO_DEVICE, 0), 0);
	grow_free(&g, 0);
	assert_int_equal(g.be.nfree, 1);
}

static void test_grow_from_empty(void **state)
{
	struct grow_fix g;
	void *va;
	u64 a;

	grow_make(&g, 0, SEG, 2 * SEG, true);
	assert_int_equal(g.be.nalloc, 1);		/* grown at create */
	assert_int_equal(coco_bounce_map(g.pool, 0, g.obuf, 100,
					 DMA_BIDIRECTIONAL, 0, 0, &va, &a), 0);
	assert_int_equal(a, g.be.c[0].dma);
	assert_int_equal(coco_bounce_unmap(g.pool, a, 100, DMA_BIDIRECTIONAL,
					   0), 0);
	grow_free(&g, 0);
	assert_int_equal(g.be.nfree, 1);
}

static void test_grow_share_failure_leaks(void **state)
{
	struct coco_bounce_stats st;
	struct grow_fix g;

	grow_make(&g, SEG, SEG, 4 * SEG, false);
	g.be.fail_share_at = 1;
	assert_int_equal(coco_bounce_grow(g.pool), -EIO);
	assert_int_equal(g.be.nalloc, 1);
	assert_int_equal(g.be.nfree, 0);		/* leaked, not freed */
	assert_non_null(strstr(last_msg, "leaked"));
	coco_bounce_get_stats(g.pool, &st);
	assert_int_equal(st.chunks, 1);
	assert_int_equal(st.leaked_chunks, 1);
	assert_int_equal(st.leaked_bytes, SEG);
	assert_int_equal(st.grow_failures, 1);
	/* The hypervisor failed a conversion once: no more growing. */
	assert_int_equal(coco_bounce_grow(g.pool), -EIO);
	assert_int_equal(g.be.nalloc, 1);
	grow_free(&g, 0);
	assert_int_equal(g.be.nfree, 0);
	assert_int_equal(g.be.nunshare, 0);
}

static void test_unshare_failure_leaks(void **state)
{
	struct grow_fix g;

	grow_make(&g, SEG, SEG, 4 * SEG, false);
	assert_int_equal(coco_bounce_grow(g.pool), 0);
	assert_int_equal(coco_bounce_grow(g.pool), 0);
	g.be.fail_unshare_at = 1;
	grow_free(&g, -EIO);
	assert_int_equal(g.be.nunshare, 2);
	assert_false(g.be.c[0].freed);			/* leaked */
	assert_true(g.be.c[1].freed);
	assert_int_equal(g.be.nfree, 1);
	assert_non_null(strstr(last_msg, "unsharing"));
}

static void test_bad_backend_chunk(void **state)
{
	struct grow_fix g;

	grow_make(&g, SEG, SEG, 4 * SEG, false);
	/* A chunk on top of the pool's own memory is given back unshared. */
	g.be.next_dma = DMA_BASE + PG;
	assert_int_equal(coco_bounce_grow(g.pool), -EINVAL);
	assert_int_equal(g.be.nshare, 0);
	assert_int_equal(g.be.nfree, 1);
	/* One overlapping it from below likewise. */
	g.be.next_dma = DMA_BASE - PG;
	assert_int_equal(coco_bounce_grow(g.pool), -EINVAL);
	assert_int_equal(g.be.nfree, 2);
	g.be.next_dma = DMA_BASE + 0x10000000;
	assert_int_equal(coco_bounce_grow(g.pool), 0);
	grow_free(&g, 0);
}

/* ------------------------------------------------------------ config -- */

static void test_create_invalid(void **state)
{
	struct coco_bounce_backend ops = fb_ops_tmpl;
	struct coco_bounce_config cfg;
	struct coco_bounce_pool *pool;
	u8 *mem = aligned_alloc(PG, 2 * SEG);

	cfg = (struct coco_bounce_config){ .va = mem, .dma = DMA_BASE,
					   .size = SEG + PG };
	assert_int_equal(coco_bounce_pool_create(&cfg, &pool), -EINVAL);
	cfg.size = SEG;
	cfg.va = mem + 64;
	assert_int_equal(coco_bounce_pool_create(&cfg, &pool), -EINVAL);
	cfg.va = mem;
	cfg.dma = DMA_BASE + 64;
	assert_int_equal(coco_bounce_pool_create(&cfg, &pool), -EINVAL);
	cfg.dma = DMA_BASE;
	cfg.va = NULL;
	assert_int_equal(coco_bounce_pool_create(&cfg, &pool), -EINVAL);
	cfg.size = 0;			/* empty, and no backend */
	assert_int_equal(coco_bounce_pool_create(&cfg, &pool), -EINVAL);
	cfg.va = mem;
	cfg.size = SEG;
	cfg.backend = &ops;		/* backend without a chunk size */
	assert_int_equal(coco_bounce_pool_create(&cfg, &pool), -EINVAL);
	cfg.grow_size = SEG;
	cfg.max_size = 66 * SEG;	/* 66 chunks > COCO_BOUNCE_MAX_CHUNKS */
	assert_int_equal(coco_bounce_pool_create(&cfg, &pool), -EINVAL);
	cfg.max_size = 64 * SEG;
	assert_int_equal(coco_bounce_pool_create(&cfg, &pool), 0);
	assert_int_equal(coco_bounce_pool_destroy(pool), 0);
	/* Areas: never more than segments. */
	cfg.backend = NULL;
	cfg.nareas = 64;
	assert_int_equal(coco_bounce_pool_create(&cfg, &pool), 0);
	{
		void *va;
		u64 d;

		assert_int_equal(coco_bounce_map(pool, 63, mem + SEG, SEG,
						 DMA_TO_DEVICE, 0, 0, &va, &d),
				 0);
		assert_int_equal(d, DMA_BASE);
		assert_int_equal(coco_bounce_unmap(pool, d, SEG, DMA_TO_DEVICE,
						   0), 0);
	}
	assert_int_equal(coco_bounce_pool_destroy(pool), 0);
	free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_to_device),
		cmocka_unit_test(test_to_device_sync_for_device),
		cmocka_unit_test(test_from_device),
		cmocka_unit_test(test_from_device_sync_rules),
		cmocka_unit_test(test_from_device_skip_cpu_sync),
		cmocka_unit_test(test_bidirectional),
		cmocka_unit_test(test_bidirectional_partial_sync),
		cmocka_unit_test(test_stale_data_from_device),
		cmocka_unit_test(test_min_align_mask_odd_offsets),
		cmocka_unit_test(test_alloc_align),
		cmocka_unit_test(test_page_rule_placement),
		cmocka_unit_test(test_sizes_and_slots),
		cmocka_unit_test(test_max_mapping_size_values),
		cmocka_unit_test(test_max_and_max_plus_one),
		cmocka_unit_test(test_invalid_arguments),
		cmocka_unit_test(test_exhaustion_and_recovery),
		cmocka_unit_test(test_exhaustion_message_rate_limited),
		cmocka_unit_test(test_areas),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_high_water_per_area),
		cmocka_unit_test(test_bad_unmap),
		cmocka_unit_test(test_bad_sync),
		cmocka_unit_test(test_grow_in_map_up_to_cap),
		cmocka_unit_test(test_grow_explicit),
		cmocka_unit_test(test_grow_from_empty),
		cmocka_unit_test(test_grow_share_failure_leaks),
		cmocka_unit_test(test_unshare_failure_leaks),
		cmocka_unit_test(test_bad_backend_chunk),
		cmocka_unit_test(test_create_invalid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

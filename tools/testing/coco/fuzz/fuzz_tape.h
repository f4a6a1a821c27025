/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What every libFuzzer target here shares: the input read as a tape that
 * yields zeroes once it runs out, and a check that crashes (so libFuzzer
 * keeps the input) instead of printing.
 */
#ifndef _COCO_FUZZ_TAPE_H
#define _COCO_FUZZ_TAPE_H

#include <stddef.h>
#include <linux/types.h>

#define CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)

struct tape {
	const u8 *p;
	size_t n;
};

static inline u8 t_u8(struct tape *t)
{
	if (!t->n)
		return 0;
	t->n--;
	return *t->p++;
}

/* @nbytes bytes as a little-endian number. */
static inline u64 t_bytes(struct tape *t, unsigned int nbytes)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < nbytes; i++)
		v |= (u64)t_u8(t) << (8 * i);
	return v;
}

/* @nbytes bytes as a big-endian number (s390 control blocks). */
static inline u64 t_be(struct tape *t, unsigned int nbytes)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < nbytes; i++)
		v = (v << 8) | t_u8(t);
	return v;
}

#endif /* _COCO_FUZZ_TAPE_H */

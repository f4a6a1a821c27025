// SPDX-License-Identifier: GPL-2.0-only
/*
 * String port I/O, unrolled when the platform requires it
 * (COCO_ATTR_UNROLL_STRING_IO): each element becomes one IN or OUT of
 * register data, which the hypervisor can emulate without touching guest
 * memory.  Elements are little-endian, as x86 moves them.
 */
#include <linux/types.h>
#include <coco/string_io.h>

static u32 sio_load(const u8 *p, unsigned int size)
{
	u32 v = 0;
	unsigned int i;

	for (i = 0; i < size; i++)
		v |= (u32)p[i] << (8 * i);
	return v;
}

static void sio_store(u8 *p, u32 v, unsigned int size)
{
	unsigned int i;

	for (i = 0; i < size; i++)
		p[i] = v >> (8 * i);
}

/**
 * coco_outs() - OUTS of @count elements
 * @plat: the platform seam
 * @unroll: one OUT per element (COCO_ATTR_UNROLL_STRING_IO)
 * @port: the port
 * @size: element size, 1, 2 or 4
 * @buf: the elements
 * @count: how many
 */
void coco_outs(const struct coco_platform *plat, bool unroll, u16 port,
	       unsigned int size, const void *buf, unsigned long count)
{
	const u8 *p = buf;
	unsigned long i;

	if (!unroll) {
		plat->io_outs(plat, port, size, buf, count);
		return;
	}
	for (i = 0; i < count; i++)
		plat->io_out(plat, port, size, sio_load(p + i * size, size));
}

/**
 * coco_ins() - INS of @count elements
 * @plat: the platform seam
 * @unroll: one IN per element (COCO_ATTR_UNROLL_STRING_IO)
 * @port: the port
 * @size: element size, 1, 2 or 4
 * @buf: receives the elements
 * @count: how many
 */
void coco_ins(const struct coco_platform *plat, bool unroll, u16 port,
	      unsigned int size, void *buf, unsigned long count)
{
	u8 *p = buf;
	unsigned long i;

	if (!unroll) {
		plat->io_ins(plat, port, size, buf, count);
		return;
	}
	for (i = 0; i < count; i++)
		sio_store(p + i * size, plat->io_in(plat, port, size), size);
}

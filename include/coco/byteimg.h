/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Explicit byte-image accessors.  Control blocks exchanged with firmware
 * (s390 UVCBs are big-endian, SNP structures little-endian) are built and
 * parsed as byte arrays, so the same code gives the same bytes on any host.
 */
#ifndef _COCO_BYTEIMG_H
#define _COCO_BYTEIMG_H

#include <linux/types.h>

static inline u16 coco_get_be16(const u8 *p)
{
	return (u16)((p[0] << 8) | p[1]);
}

static inline u32 coco_get_be32(const u8 *p)
{
	return ((u32)p[0] << 24) | ((u32)p[1] << 16) | ((u32)p[2] << 8) | p[3];
}

static inline u64 coco_get_be64(const u8 *p)
{
	return ((u64)coco_get_be32(p) << 32) | coco_get_be32(p + 4);
}

static inline void coco_put_be16(u8 *p, u16 v)
{
	p[0] = (v >> 8) & 0xff;
	p[1] = v & 0xff;
}

static inline void coco_put_be32(u8 *p, u32 v)
{
	p[0] = (v >> 24) & 0xff;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

static inline void coco_put_be64(u8 *p, u64 v)
{
	coco_put_be32(p, v >> 32);
	coco_put_be32(p + 4, v & 0xffffffff);
}

#endif /* _COCO_BYTEIMG_H */

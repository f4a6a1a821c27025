/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Little-endian byte-image accessors for x86 firmware and hypervisor
 * layouts (GHCB, SNP CPUID table, guest messages): the same bytes on any
 * host, and every read of shared memory is an explicit, single load.
 */
#ifndef _COCO_BYTEIMG_LE_H
#define _COCO_BYTEIMG_LE_H

#include <linux/types.h>

static inline u16 coco_get_le16(const u8 *p)
{
	return (u16)(p[0] | (p[1] << 8));
}

static inline u32 coco_get_le32(const u8 *p)
{
	return p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) | ((u32)p[3] << 24);
}

static inline u64 coco_get_le64(const u8 *p)
{
	return coco_get_le32(p) | ((u64)coco_get_le32(p + 4) << 32);
}

static inline void coco_put_le16(u8 *p, u16 v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static inline void coco_put_le32(u8 *p, u32 v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
	p[2] = (v >> 16) & 0xff;
	p[3] = (v >> 24) & 0xff;
}

static inline void coco_put_le64(u8 *p, u64 v)
{
	coco_put_le32(p, v & 0xffffffff);
	coco_put_le32(p + 4, v >> 32);
}

#endif /* _COCO_BYTEIMG_LE_H */

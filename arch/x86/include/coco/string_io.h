/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * String port I/O for guests whose hypervisor cannot emulate INS/OUTS
 * (plain SEV: it cannot read or write encrypted memory): element by
 * element when the platform says so, REP INS/OUTS otherwise.
 */
#ifndef _COCO_X86_STRING_IO_H
#define _COCO_X86_STRING_IO_H

#include <linux/types.h>
#include <coco/platform.h>

void coco_outs(const struct coco_platform *plat, bool unroll, u16 port,
	       unsigned int size, const void *buf, unsigned long count);
void coco_ins(const struct coco_platform *plat, bool unroll, u16 port,
	      unsigned int size, void *buf, unsigned long count);

#endif /* _COCO_X86_STRING_IO_H */

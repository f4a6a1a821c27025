/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The s390x instructions behind the real platform seam, usable in the kernel
 * and in freestanding early code alike.
 */
#ifndef _COCO_S390_INSN_H
#define _COCO_S390_INSN_H

#include <linux/types.h>

/* STFLE stores up to R0 + 1 doublewords and sets R0 to what it has - 1. */
static inline unsigned int coco_s390_stfle(u64 *fac, unsigned int ndw)
{
	register unsigned long r0 asm("0") = ndw - 1;

	asm volatile(".insn s,0xb2b00000,0(%[fac])"
		     : "+d" (r0)
		     : [fac] "a" (fac)
		     : "memory", "cc");
	return r0 + 1;
}

/* UVC (B9A4, RRF): R1 is 0, R2 holds the control block address. */
static inline int coco_s390_uvc(void *uvcb)
{
	int cc;

	asm volatile(".insn rrf,0xb9a40000,%[r1],%[r2],0,0\n"
		     "ipm %[cc]\n"
		     "srl %[cc],28\n"
		     : [cc] "=d" (cc)
		     : [r1] "a" (0UL), [r2] "a" (uvcb)
		     : "memory", "cc");
	return cc;
}

#endif /* _COCO_S390_INSN_H */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real s390x platform seam.  It needs no kernel service, so the kernel
 * module and early boot share it.
 */
#include <linux/types.h>
#include <coco/platform.h>
#include <coco/platform_real.h>
#include <coco/s390_insn.h>

static unsigned int real_stfle(const struct coco_platform *plat, u64 *fac,
			       unsigned int ndw)
{
	unsigned int i;

	for (i = 0; i < ndw; i++)
		fac[i] = 0;
	return coco_s390_stfle(fac, ndw);
}

static int real_uvc(const struct coco_platform *plat, void *uvcb)
{
	return coco_s390_uvc(uvcb);
}

const struct coco_platform coco_real_platform = {
	.name = "real",
	.stfle = real_stfle,
	.uvc = real_uvc,
};

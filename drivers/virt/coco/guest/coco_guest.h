/* SPDX-License-Identifier: GPL-2.0-only */
/* State of coco_guest.ko shared between its files. */
#ifndef _COCO_GUEST_H
#define _COCO_GUEST_H

#include <coco/attributes.h>
#include <coco/platform.h>

/**
 * struct coco_guest - what the module found and is bound to
 * @plat: the platform seam in use (real, or the simulator's)
 * @det: the detection result
 */
struct coco_guest {
	const struct coco_platform *plat;
	struct coco_detection det;
};

int coco_guest_sysfs_init(struct coco_guest *guest);
void coco_guest_sysfs_exit(void);

#endif /* _COCO_GUEST_H */

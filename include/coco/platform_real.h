/* SPDX-License-Identifier: GPL-2.0-only */
/* The real platform seam of the architecture being built. */
#ifndef _COCO_PLATFORM_REAL_H
#define _COCO_PLATFORM_REAL_H

#include <coco/platform.h>

extern const struct coco_platform coco_real_platform;

#endif /* _COCO_PLATFORM_REAL_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* What coco_sim.ko offers to coco_guest.ko. */
#ifndef _COCO_SIM_H
#define _COCO_SIM_H

#include <coco/platform.h>

/*
 * The simulator's platform seam.  coco_guest.ko looks it up with
 * symbol_get(), so it loads and runs without coco_sim.ko present.
 */
extern const struct coco_platform coco_sim_platform;

#endif /* _COCO_SIM_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* Internal interfaces between the x86 hardware and hypervisor models. */
#ifndef _COCO_SIM_X86_H
#define _COCO_SIM_X86_H

#include <linux/types.h>
#include "coco_sim.h"

unsigned int sim_x86_reported_cbit(const struct coco_sim_x86 *x);
bool sim_x86_rmp_update(struct coco_sim_x86 *x, u64 gpa, bool huge,
			bool private);

#endif /* _COCO_SIM_X86_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* coco_sim.ko: a placeholder for a native driver's device name. */
#ifndef _COCO_SIM_NATIVE_NAME_H
#define _COCO_SIM_NATIVE_NAME_H

int coco_sim_native_name_init(void);
void coco_sim_native_name_exit(void);

#endif /* _COCO_SIM_NATIVE_NAME_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* coco_sim.ko: the relay to the firmware daemon (sim_fw_relay.c). */
#ifndef _COCO_SIM_FW_RELAY_INT_H
#define _COCO_SIM_FW_RELAY_INT_H

#include "coco_sim.h"

int coco_sim_fw_relay_init(struct coco_sim *sim);
void coco_sim_fw_relay_exit(struct coco_sim *sim);

#endif /* _COCO_SIM_FW_RELAY_INT_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* The Ultravisor model's command handlers, dispatched by sim_s390.c. */
#ifndef _COCO_SIM_UV_H
#define _COCO_SIM_UV_H

#include <linux/types.h>
#include "coco_sim.h"

int sim_uv_result(u8 *cb, int cc, u16 rc);
bool sim_uv_mem_ok(const struct coco_sim_s390 *s, u64 addr, u64 len);
void *sim_uv_ptr(u64 addr);

int sim_uv_share(struct coco_sim_s390 *s, u8 *cb, u16 len, bool share);
int sim_uv_attest(struct coco_sim_s390 *s, u8 *cb, u16 len);
int sim_uv_add_secret(struct coco_sim_s390 *s, u8 *cb, u16 len);
int sim_uv_lock_secrets(struct coco_sim_s390 *s, u8 *cb, u16 len);
int sim_uv_list_secrets(struct coco_sim_s390 *s, u8 *cb, u16 len);
int sim_uv_retrieve_secret(struct coco_sim_s390 *s, u8 *cb, u16 len);

#endif /* _COCO_SIM_UV_H */

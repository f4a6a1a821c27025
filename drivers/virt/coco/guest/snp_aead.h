/* SPDX-License-Identifier: GPL-2.0-only */
/* coco_guest.ko: AES-256-GCM for the SNP guest messages (snp_aead.c). */
#ifndef _COCO_GUEST_SNP_AEAD_H
#define _COCO_GUEST_SNP_AEAD_H

#include <coco/aead.h>

int coco_guest_aead_init(struct coco_aead_ops *ops);
void coco_guest_aead_exit(struct coco_aead_ops *ops);

#endif /* _COCO_GUEST_SNP_AEAD_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DMA through the bounce pool: dma_map_ops whose every streaming mapping
 * is bounced through shared memory and whose coherent memory is shared.
 */
#ifndef _COCO_DMA_H
#define _COCO_DMA_H

#include <linux/dma-map-ops.h>
#include <coco/bounce.h>

/**
 * struct coco_dma_share_ops - how memory is shared with the host
 * @set_shared: make @npages pages at @va shared (@shared true) or private;
 *	0, or a negative errno after which the pages must be leaked
 */
struct coco_dma_share_ops {
	int (*set_shared)(void *va, unsigned long npages, bool shared);
};

extern const struct dma_map_ops coco_dma_ops;

int coco_dma_init(const struct coco_dma_share_ops *share, size_t size,
		  size_t max_size);
void coco_dma_exit(void);
void coco_dma_get_stats(struct coco_bounce_stats *st);

#endif /* _COCO_DMA_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* Benchmark support for the bounce pool (see kernel/dma/coco_dma_bench.c). */
#ifndef _COCO_DMA_BENCH_H
#define _COCO_DMA_BENCH_H

#include <linux/device.h>
#include <linux/dma-map-ops.h>

extern const struct dma_map_ops coco_dma_nobounce_ops;

/* Most devices one coco_dma_bench_mapunmap() compares. */
#define COCO_DMA_BENCH_MAX_DEVS	4

int coco_dma_bench_mapunmap(struct device *const *devs, unsigned int ndevs,
			    size_t size, unsigned int cpus,
			    unsigned long iters, unsigned int blocks,
			    long *maps, u64 *ns);
long coco_dma_bench_memcpy(size_t size, unsigned long iters, u64 *ns);

#endif /* _COCO_DMA_BENCH_H */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Measuring the bounce pool against the kernel's swiotlb, side by side in
 * one guest: a map+unmap rate on any device's DMA API, on 1..N CPUs at once,
 * and the copy-free ceiling: DMA ops that do not bounce at all.  These ops
 * give the device private memory and exist only to measure what bouncing
 * costs; nothing uses them unless a benchmark layout asks for it.
 */
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/dma-map-ops.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <coco/dma_bench.h>

static dma_addr_t nobounce_map_page(struct device *dev, struct page *page,
				    unsigned long offset, size_t size,
				    enum dma_data_direction dir,
				    unsigned long attrs)
{
	return page_to_phys(page) + offset;
}

static void nobounce_unmap_page(struct device *dev, dma_addr_t addr,
				size_t size, enum dma_data_direction dir,
				unsigned long attrs)
{
}

static int nobounce_map_sg(struct device *dev, struct scatterlist *sgl,
			   int nents, enum dma_data_direction dir,
			   unsigned long attrs)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i) {
		sg->dma_address = sg_phys(sg);
		sg_dma_len(sg) = sg->length;
	}
	return nents;
}

static void nobounce_unmap_sg(struct device *dev, struct scatterlist *sgl,
			      int nents, enum dma_data_direction dir,
			      unsigned long attrs)
{
}

static void *nobounce_alloc(struct device *dev, size_t size,
			    dma_addr_t *dma_handle, gfp_t gfp,
			    unsigned long attrs)
{
	struct page *page = alloc_pages(gfp | __GFP_ZERO, get_order(size));

	if (!page)
		return NULL;
	*dma_handle = page_to_phys(page);
	return page_address(page);
}

static void nobounce_free(struct device *dev, size_t size, void *va,
			  dma_addr_t dma_handle, unsigned long attrs)
{
	free_pages((unsigned long)va, get_order(size));
}

static int nobounce_supported(struct device *dev, u64 mask)
{
	return 1;
}

const struct dma_map_ops coco_dma_nobounce_ops = {
	.alloc = nobounce_alloc,
	.free = nobounce_free,
	.map_page = nobounce_map_page,
	.unmap_page = nobounce_unmap_page,
	.map_sg = nobounce_map_sg,
	.unmap_sg = nobounce_unmap_sg,
	.dma_supported = nobounce_supported,
};

struct bench_worker {
	struct device *dev;
	size_t size;
	unsigned long iters;
	unsigned long done;
	void *buf;
	struct completion *start;
	struct completion finished;
};

static int bench_thread(void *arg)
{
	struct bench_worker *w = arg;
	unsigned long i;
	dma_addr_t a;

	wait_for_completion(w->start);
	for (i = 0; i < w->iters; i++) {
		a = dma_map_single(w->dev, w->buf, w->size, DMA_BIDIRECTIONAL);
		if (dma_mapping_error(w->dev, a))
			break;
		dma_unmap_single(w->dev, a, w->size, DMA_BIDIRECTIONAL);
	}
	w->done = i;
	complete(&w->finished);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

/**
 * coco_dma_bench_mapunmap() - map+unmap rate of a device's DMA API
 * @dev: the device (its dma_map_ops, or dma-direct/swiotlb)
 * @size: bytes per mapping
 * @cpus: how many CPUs map concurrently (the first @cpus online ones)
 * @iters: mappings per CPU
 * @ns: elapsed wall time for all CPUs together
 *
 * Return: mappings completed in total, or a negative errno.
 */
long coco_dma_bench_mapunmap(struct device *dev, size_t size,
			     unsigned int cpus, unsigned long iters, u64 *ns)
{
	struct bench_worker *w;
	struct task_struct **t;
	DECLARE_COMPLETION_ONSTACK(start);
	unsigned int i, n = 0;
	long total = 0;
	ktime_t t0;
	int cpu;

	w = kcalloc(cpus, sizeof(*w), GFP_KERNEL);
	t = kcalloc(cpus, sizeof(*t), GFP_KERNEL);
	if (!w || !t) {
		kfree(w);
		kfree(t);
		return -ENOMEM;
	}
	for_each_online_cpu(cpu) {
		if (n == cpus)
			break;
		w[n] = (struct bench_worker){
			.dev = dev, .size = size, .iters = iters, .start = &start,
		};
		init_completion(&w[n].finished);
		w[n].buf = kmalloc(size, GFP_KERNEL);
		t[n] = w[n].buf ? kthread_create_on_cpu(bench_thread, &w[n], cpu,
							"coco_dma_bench/%u") :
				  ERR_PTR(-ENOMEM);
		if (IS_ERR(t[n])) {
			kfree(w[n].buf);
			break;
		}
		wake_up_process(t[n]);
		n++;
	}
	t0 = ktime_get();
	complete_all(&start);
	for (i = 0; i < n; i++)
		wait_for_completion(&w[i].finished);
	*ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
	for (i = 0; i < n; i++) {
		kthread_stop(t[i]);
		kfree(w[i].buf);
		total += w[i].done;
	}
	kfree(w);
	kfree(t);
	return n == cpus ? total : -ENODEV;
}

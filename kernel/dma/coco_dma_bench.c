// SPDX-License-Identifier: GPL-2.0-only
/*
 * Measuring the bounce pool against the kernel's swiotlb, side by side in
 * one guest: a map+unmap rate on any device's DMA API, on 1..N CPUs at once,
 * and the copy-free ceiling: DMA ops that do not bounce at all.  These ops
 * give the device private memory and exist only to measure what bouncing
 * costs; nothing uses them unless a benchmark layout asks for it.  The
 * kernel's memcpy rate is measured too: every bounced byte is copied, so
 * it bounds what any bounce buffer can reach against no bouncing.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/dma-map-ops.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/scatterlist.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
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

/* One measurement: every CPU's thread runs the same blocks in lockstep. */
struct bench_run {
	struct device *const *devs;
	unsigned int ndevs;
	size_t size;
	unsigned long chunk;	/* mappings per thread, block and device */
	unsigned int blocks;
	unsigned int nthreads;
	atomic_t arrived;	/* threads at the barrier */
	atomic_t gen;		/* barrier generation */
	u64 ns[COCO_DMA_BENCH_MAX_DEVS];	/* wall time per device */
	struct completion start;
};

/*
 * Buffers each thread maps in turn.  A driver rarely maps the same buffer
 * again and again; and under TCG, whose software TLB is direct-mapped, one
 * fixed buffer whose address happens to alias a device's bounce slots
 * slows that device alone for the whole boot.
 */
#define BENCH_BUFS	16

struct bench_worker {
	struct bench_run *run;
	unsigned int id;
	void *buf[BENCH_BUFS];
	unsigned long done[COCO_DMA_BENCH_MAX_DEVS];
	struct completion finished;
};

/* Wait until every thread of @run got here. */
static void bench_barrier(struct bench_run *run)
{
	int gen = atomic_read(&run->gen);

	if (atomic_inc_return(&run->arrived) == run->nthreads) {
		atomic_set(&run->arrived, 0);
		atomic_inc_return(&run->gen);
		return;
	}
	while (atomic_read_acquire(&run->gen) == gen)
		cond_resched();
}

static int bench_thread(void *arg)
{
	struct bench_worker *w = arg;
	struct bench_run *run = w->run;
	unsigned int b, k, d;
	bool failed = false;
	unsigned long i;
	dma_addr_t a;
	void *buf;
	ktime_t t0 = 0;

	wait_for_completion(&run->start);
	for (b = 0; b < run->blocks; b++) {
		for (k = 0; k < run->ndevs; k++) {
			/* Each block starts with another device. */
			d = (b + k) % run->ndevs;
			bench_barrier(run);
			if (!w->id)
				t0 = ktime_get();
			for (i = 0; i < run->chunk && !failed; i++) {
				buf = w->buf[i % BENCH_BUFS];
				a = dma_map_single(run->devs[d], buf,
						   run->size,
						   DMA_BIDIRECTIONAL);
				if (dma_mapping_error(run->devs[d], a)) {
					/* Stop, but keep meeting the others. */
					failed = true;
					break;
				}
				dma_unmap_single(run->devs[d], a, run->size,
						 DMA_BIDIRECTIONAL);
			}
			w->done[d] += i;
			bench_barrier(run);
			if (!w->id)
				run->ns[d] += ktime_to_ns(ktime_sub(ktime_get(),
								    t0));
		}
	}
	complete(&w->finished);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void bench_free_bufs(struct bench_worker *w)
{
	unsigned int i;

	for (i = 0; i < BENCH_BUFS; i++)
		kfree(w->buf[i]);
}

static bool bench_alloc_bufs(struct bench_worker *w, size_t size)
{
	unsigned int i;

	for (i = 0; i < BENCH_BUFS; i++) {
		w->buf[i] = kmalloc(size, GFP_KERNEL);
		if (!w->buf[i])
			return false;
	}
	return true;
}

/**
 * coco_dma_bench_mapunmap() - map+unmap rates of devices' DMA APIs
 * @devs: the devices (each with its dma_map_ops, or dma-direct/swiotlb)
 * @ndevs: how many, 1 to %COCO_DMA_BENCH_MAX_DEVS
 * @size: bytes per mapping
 * @cpus: how many CPUs map concurrently (the first @cpus online ones)
 * @iters: mappings per CPU and device
 * @blocks: the mappings are made in this many blocks per device, the
 *	devices taking turns block by block (and at going first), all CPUs
 *	on the same device at once: slow phases of a shared host then hit
 *	every device alike
 * @maps: mappings completed per device, all CPUs together
 * @ns: wall time spent on each device, all CPUs together
 *
 * Return: 0, or a negative errno.
 */
int coco_dma_bench_mapunmap(struct device *const *devs, unsigned int ndevs,
			    size_t size, unsigned int cpus,
			    unsigned long iters, unsigned int blocks,
			    long *maps, u64 *ns)
{
	struct bench_worker *w;
	struct task_struct **t;
	struct bench_run *run;
	unsigned int i, d, n = 0;
	int cpu, ret = 0;

	if (!ndevs || ndevs > COCO_DMA_BENCH_MAX_DEVS || !cpus || !blocks ||
	    iters < blocks)
		return -EINVAL;
	run = kzalloc(sizeof(*run), GFP_KERNEL);
	w = kcalloc(cpus, sizeof(*w), GFP_KERNEL);
	t = kcalloc(cpus, sizeof(*t), GFP_KERNEL);
	if (!run || !w || !t) {
		ret = -ENOMEM;
		goto out;
	}
	*run = (struct bench_run){
		.devs = devs, .ndevs = ndevs, .size = size,
		.chunk = iters / blocks, .blocks = blocks, .nthreads = cpus,
	};
	init_completion(&run->start);
	for_each_online_cpu(cpu) {
		if (n == cpus)
			break;
		w[n].run = run;
		w[n].id = n;
		init_completion(&w[n].finished);
		t[n] = bench_alloc_bufs(&w[n], size) ?
		       kthread_create_on_cpu(bench_thread, &w[n], cpu,
					     "coco_dma_bench/%u") :
		       ERR_PTR(-ENOMEM);
		if (IS_ERR(t[n])) {
			bench_free_bufs(&w[n]);
			break;
		}
		wake_up_process(t[n]);
		n++;
	}
	if (n < cpus) {
		/* Too few threads never pass a barrier: let them go at once. */
		run->blocks = 0;
		ret = -ENODEV;
	}
	complete_all(&run->start);
	for (i = 0; i < n; i++)
		wait_for_completion(&w[i].finished);
	for (d = 0; d < ndevs && !ret; d++) {
		maps[d] = 0;
		for (i = 0; i < n; i++)
			maps[d] += w[i].done[d];
		ns[d] = run->ns[d];
	}
	for (i = 0; i < n; i++) {
		kthread_stop(t[i]);
		bench_free_bufs(&w[i]);
	}
out:
	kfree(run);
	kfree(w);
	kfree(t);
	return ret;
}

/**
 * coco_dma_bench_memcpy() - the kernel's memcpy rate between buffers
 * @size: bytes per copy (kmalloc'ed buffers, as a driver's would be)
 * @iters: copies
 * @ns: elapsed wall time
 *
 * Runs on the calling CPU, like the copy of a bounce map or unmap, and
 * copies between %BENCH_BUFS buffers in turn, for the reason given there.
 *
 * Return: copies done, or a negative errno.
 */
long coco_dma_bench_memcpy(size_t size, unsigned long iters, u64 *ns)
{
	struct bench_worker *w = kzalloc(sizeof(*w), GFP_KERNEL);
	unsigned long i;
	long ret = -ENOMEM;
	ktime_t t0;

	if (!w || !bench_alloc_bufs(w, size))
		goto out;
	for (i = 0; i < BENCH_BUFS; i++)
		memset(w->buf[i], (int)i, size);
	t0 = ktime_get();
	for (i = 0; i < iters; i++) {
		/* From one buffer to the next, as a map copies private to shared. */
		memcpy(w->buf[(i + 1) % BENCH_BUFS], w->buf[i % BENCH_BUFS],
		       size);
		/* Keep the compiler from dropping or merging the copies. */
		barrier();
		if (!(i & 255))
			cond_resched();
	}
	*ns = ktime_to_ns(ktime_sub(ktime_get(), t0));
	ret = i;
out:
	if (w)
		bench_free_bufs(w);
	kfree(w);
	return ret;
}

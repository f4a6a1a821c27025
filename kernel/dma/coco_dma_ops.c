// SPDX-License-Identifier: GPL-2.0-only
/*
 * dma_map_ops over the bounce pool.  Streaming mappings are always bounced
 * (the device can only reach shared memory); coherent allocations are
 * whole pages made shared for their lifetime.  A page whose sharing state
 * could not be restored is leaked, never freed.  When the pool runs dry a
 * mapping fails cleanly and a work item grows the pool, up to its cap.
 */
#define pr_fmt(fmt) "coco_guest: " fmt

#include <linux/dma-map-ops.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/scatterlist.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/workqueue.h>
#include <coco/dma.h>

static struct coco_bounce_pool *coco_dma_pool;
static const struct coco_dma_share_ops *coco_dma_share;
static atomic_long_t coco_dma_leaked_pages;

static void *dma_chunk_alloc(void *ctx, unsigned long npages, bool can_sleep,
			     u64 *dma)
{
	struct page *p = alloc_pages((can_sleep ? GFP_KERNEL : GFP_NOWAIT) |
				     __GFP_ZERO | __GFP_NOWARN,
				     get_order(npages << PAGE_SHIFT));

	if (!p)
		return NULL;
	*dma = page_to_phys(p);
	return page_address(p);
}

static void dma_chunk_free(void *ctx, void *va, unsigned long npages)
{
	free_pages((unsigned long)va, get_order(npages << PAGE_SHIFT));
}

/* Zeroed on both sides of the share, for the reasons of coco_dma_alloc(). */
static int dma_chunk_share(void *ctx, void *va, unsigned long npages)
{
	int ret = coco_dma_share->set_shared(va, npages, true);

	if (!ret)
		memset(va, 0, npages << PAGE_SHIFT);
	return ret;
}

static int dma_chunk_unshare(void *ctx, void *va, unsigned long npages)
{
	return coco_dma_share->set_shared(va, npages, false);
}

static const struct coco_bounce_backend dma_backend = {
	.alloc = dma_chunk_alloc,
	.free = dma_chunk_free,
	.share = dma_chunk_share,
	.unshare = dma_chunk_unshare,
};

static void dma_grow_fn(struct work_struct *work)
{
	coco_bounce_grow(coco_dma_pool);
}

static DECLARE_WORK(dma_grow_work, dma_grow_fn);

static dma_addr_t coco_dma_map_page(struct device *dev, struct page *page,
				    unsigned long offset, size_t size,
				    enum dma_data_direction dir,
				    unsigned long attrs)
{
	void *va;
	u64 dma;
	int ret;

	ret = coco_bounce_map(coco_dma_pool, raw_smp_processor_id(),
			      page_address(page) + offset, size, dir,
			      dma_get_min_align_mask(dev), 0, &va, &dma);
	if (ret) {
		if (ret == -ENOMEM)
			schedule_work(&dma_grow_work);
		return DMA_MAPPING_ERROR;
	}
	return dma;
}

static void coco_dma_unmap_page(struct device *dev, dma_addr_t addr,
				size_t size, enum dma_data_direction dir,
				unsigned long attrs)
{
	coco_bounce_unmap(coco_dma_pool, addr, size, dir,
			  attrs & DMA_ATTR_SKIP_CPU_SYNC ?
			  COCO_BOUNCE_SKIP_CPU_SYNC : 0);
}

static int coco_dma_map_sg(struct device *dev, struct scatterlist *sgl,
			   int nents, enum dma_data_direction dir,
			   unsigned long attrs)
{
	struct scatterlist *sg;
	int i, j;

	for_each_sg(sgl, sg, nents, i) {
		sg->dma_address = coco_dma_map_page(dev, sg_page(sg), sg->offset,
						    sg->length, dir, attrs);
		if (sg->dma_address == DMA_MAPPING_ERROR)
			goto undo;
		sg_dma_len(sg) = sg->length;
	}
	return nents;
undo:
	for_each_sg(sgl, sg, i, j)
		coco_dma_unmap_page(dev, sg->dma_address, sg_dma_len(sg), dir,
				    attrs | DMA_ATTR_SKIP_CPU_SYNC);
	return -ENOMEM;
}

static void coco_dma_unmap_sg(struct device *dev, struct scatterlist *sgl,
			      int nents, enum dma_data_direction dir,
			      unsigned long attrs)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i)
		coco_dma_unmap_page(dev, sg->dma_address, sg_dma_len(sg), dir,
				    attrs);
}

static void coco_dma_sync_for_cpu(struct device *dev, dma_addr_t addr,
				  size_t size, enum dma_data_direction dir)
{
	coco_bounce_sync_for_cpu(coco_dma_pool, addr, size, dir);
}

static void coco_dma_sync_for_device(struct device *dev, dma_addr_t addr,
				     size_t size, enum dma_data_direction dir)
{
	coco_bounce_sync_for_device(coco_dma_pool, addr, size, dir);
}

static void coco_dma_sync_sg_for_cpu(struct device *dev,
				     struct scatterlist *sgl, int nents,
				     enum dma_data_direction dir)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i)
		coco_dma_sync_for_cpu(dev, sg->dma_address, sg_dma_len(sg), dir);
}

static void coco_dma_sync_sg_for_device(struct device *dev,
					struct scatterlist *sgl, int nents,
					enum dma_data_direction dir)
{
	struct scatterlist *sg;
	int i;

	for_each_sg(sgl, sg, nents, i)
		coco_dma_sync_for_device(dev, sg->dma_address, sg_dma_len(sg),
					 dir);
}

/* Coherent memory: whole pages, shared while allocated. */
static void *coco_dma_alloc(struct device *dev, size_t size,
			    dma_addr_t *dma_handle, gfp_t gfp,
			    unsigned long attrs)
{
	unsigned long npages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	unsigned int order = get_order(size);
	struct page *page;
	void *va;

	/* Sharing may sleep (it talks to the hypervisor). */
	if (!gfpflags_allow_blocking(gfp))
		return NULL;
	page = alloc_pages(gfp | __GFP_ZERO, order);
	if (!page)
		return NULL;
	va = page_address(page);
	/*
	 * Zeroed before sharing so no old private data becomes visible (an
	 * s390 share exposes the plaintext), and again after: on SEV the
	 * shared view of a private page is ciphertext, not zeroes.
	 */
	if (coco_dma_share->set_shared(va, npages, true)) {
		atomic_long_add(1UL << order, &coco_dma_leaked_pages);
		return NULL;
	}
	memset(va, 0, npages << PAGE_SHIFT);
	*dma_handle = page_to_phys(page);
	return va;
}

static void coco_dma_free(struct device *dev, size_t size, void *va,
			  dma_addr_t dma_handle, unsigned long attrs)
{
	unsigned long npages = PAGE_ALIGN(size) >> PAGE_SHIFT;
	unsigned int order = get_order(size);

	if (coco_dma_share->set_shared(va, npages, false)) {
		atomic_long_add(1UL << order, &coco_dma_leaked_pages);
		return;
	}
	free_pages((unsigned long)va, order);
}

static int coco_dma_supported(struct device *dev, u64 mask)
{
	return 1;
}

static size_t coco_dma_max_mapping_size(struct device *dev)
{
	return coco_bounce_max_mapping_size(dma_get_min_align_mask(dev), 0);
}

const struct dma_map_ops coco_dma_ops = {
	.alloc = coco_dma_alloc,
	.free = coco_dma_free,
	.map_page = coco_dma_map_page,
	.unmap_page = coco_dma_unmap_page,
	.map_sg = coco_dma_map_sg,
	.unmap_sg = coco_dma_unmap_sg,
	.sync_single_for_cpu = coco_dma_sync_for_cpu,
	.sync_single_for_device = coco_dma_sync_for_device,
	.sync_sg_for_cpu = coco_dma_sync_sg_for_cpu,
	.sync_sg_for_device = coco_dma_sync_sg_for_device,
	.dma_supported = coco_dma_supported,
	.max_mapping_size = coco_dma_max_mapping_size,
};

/* Chunks are physically contiguous: 2 MiB is one huge page, and cheap. */
#define COCO_DMA_CHUNK		(2UL << 20)

/**
 * coco_dma_init() - create the bounce pool behind coco_dma_ops
 * @share: how pages are shared with the host
 * @size: initial pool size (rounded up to whole 2 MiB chunks)
 * @max_size: the pool may grow up to this many bytes
 *
 * Return: 0 or a negative errno.
 */
int coco_dma_init(const struct coco_dma_share_ops *share, size_t size,
		  size_t max_size)
{
	struct coco_bounce_config cfg = {
		.name = "coco_guest",
		.nareas = num_possible_cpus(),
		.backend = &dma_backend,
		.grow_size = COCO_DMA_CHUNK,
		.max_size = max_size,
	};
	size_t have;
	int ret;

	coco_dma_share = share;
	ret = coco_bounce_pool_create(&cfg, &coco_dma_pool);
	if (ret)
		return ret;
	/* Creating the pool took its first chunk from the backend already. */
	for (have = COCO_DMA_CHUNK; have < size; have += COCO_DMA_CHUNK) {
		ret = coco_bounce_grow(coco_dma_pool);
		if (ret) {
			coco_bounce_pool_destroy(coco_dma_pool);
			coco_dma_pool = NULL;
			return ret;
		}
	}
	return 0;
}

/**
 * coco_dma_exit() - destroy the pool (after every device has let go)
 */
void coco_dma_exit(void)
{
	if (!coco_dma_pool)
		return;
	cancel_work_sync(&dma_grow_work);
	if (coco_bounce_pool_destroy(coco_dma_pool))
		pr_warn("bounce pool still in use at unload: leaving it allocated\n");
	coco_dma_pool = NULL;
}

/**
 * coco_dma_get_stats() - the pool's statistics
 * @st: filled in
 */
void coco_dma_get_stats(struct coco_bounce_stats *st)
{
	coco_bounce_get_stats(coco_dma_pool, st);
	st->leaked_bytes += (u64)atomic_long_read(&coco_dma_leaked_pages) *
			    PAGE_SIZE;
}

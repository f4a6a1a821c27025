// SPDX-License-Identifier: GPL-2.0-only
/*
 * s390x protected guest at run time: sharing pages with the hypervisor
 * through the Ultravisor, for the I/O paths that need it.  A range whose
 * conversion failed is in an unknown state and is leaked.
 *
 * debugfs coco_guest/uv_share_test shares and unshares freshly allocated
 * pages so the path can be exercised from user space.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <coco/uv.h>
#include "coco_guest.h"

/**
 * struct uv_runtime - coco_guest's UV state
 * @guest: the module state
 * @lock: protects the counters and @last_test
 * @nr_calls: share/unshare calls made
 * @leaked_pages: pages never freed because their conversion failed
 * @last_test: result line of the last uv_share_test run
 * @debugfs: debugfs directory
 */
struct uv_runtime {
	struct coco_guest *guest;
	struct mutex lock;	/* counters and the test result */
	unsigned long nr_calls;
	unsigned long leaked_pages;
	char last_test[128];
	struct dentry *debugfs;
};

static struct uv_runtime *uv_rt;

/**
 * coco_guest_uv_set_shared() - share pages with the hypervisor or take them back
 * @va: first page (direct-mapped, physically contiguous)
 * @npages: number of 4 KiB pages
 * @shared: true to share, false to make secure again
 * @st: the UV's answer to the last call
 *
 * Return: 0; -ENODEV when this is not a protected guest; -EINVAL for an
 * unaligned address; -EIO after a refused call, in which case the caller
 * must leak the range.
 */
int coco_guest_uv_set_shared(void *va, unsigned long npages, bool shared,
			     struct coco_uv_status *st)
{
	unsigned long done = 0;
	int ret;

	if (!uv_rt)
		return -ENODEV;
	ret = coco_uv_share_range(uv_rt->guest->plat, virt_to_phys(va), npages,
				  shared, &done, st);
	mutex_lock(&uv_rt->lock);
	uv_rt->nr_calls += done + (ret == -EIO);
	if (ret == -EIO) {
		uv_rt->leaked_pages += npages;
		pr_err("%s of %lu pages failed at page %lu (rc 0x%x rrc 0x%x): leaking them\n",
		       shared ? "share" : "unshare", npages, done, st->rc,
		       st->rrc);
	}
	mutex_unlock(&uv_rt->lock);
	return ret;
}

static ssize_t share_test_write(struct file *file, const char __user *ubuf,
				size_t len, loff_t *ppos)
{
	struct uv_runtime *rt = uv_rt;
	struct coco_uv_status st = { 0 };
	unsigned long npages, calls;
	struct page *pages;
	unsigned int order;
	int ret;

	ret = kstrtoul_from_user(ubuf, len, 0, &npages);
	if (ret)
		return ret;
	if (!npages || npages > 1024)
		return -EINVAL;
	order = get_order(npages << PAGE_SHIFT);
	pages = alloc_pages(GFP_KERNEL, order);
	if (!pages)
		return -ENOMEM;
	calls = rt->nr_calls;
	ret = coco_guest_uv_set_shared(page_address(pages), npages, true, &st);
	if (!ret)
		ret = coco_guest_uv_set_shared(page_address(pages), npages,
					       false, &st);
	mutex_lock(&rt->lock);
	snprintf(rt->last_test, sizeof(rt->last_test),
		 "pages=%lu calls=%lu rc=0x%x result=%d\n", npages,
		 rt->nr_calls - calls, st.rc, ret);
	mutex_unlock(&rt->lock);
	if (ret)
		return ret;	/* leaked on purpose: the state is unknown */
	__free_pages(pages, order);
	return len;
}

static ssize_t share_test_read(struct file *file, char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	char buf[sizeof(uv_rt->last_test)];

	mutex_lock(&uv_rt->lock);
	strscpy(buf, uv_rt->last_test, sizeof(buf));
	mutex_unlock(&uv_rt->lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, strlen(buf));
}

static const struct file_operations share_test_fops = {
	.owner = THIS_MODULE,
	.read = share_test_read,
	.write = share_test_write,
	.llseek = default_llseek,
};

/**
 * coco_guest_uv_init() - bring up run-time UV support
 * @guest: the module state, after detection
 *
 * Does nothing (and succeeds) unless this is a protected guest.
 *
 * Return: 0 or -ENOMEM.
 */
int coco_guest_uv_init(struct coco_guest *guest)
{
	struct uv_runtime *rt;

	if (guest->det.kind != COCO_PLATFORM_S390_PV)
		return 0;
	rt = kzalloc(sizeof(*rt), GFP_KERNEL);
	if (!rt)
		return -ENOMEM;
	rt->guest = guest;
	mutex_init(&rt->lock);
	rt->debugfs = debugfs_create_dir("coco_guest", NULL);
	debugfs_create_file("uv_share_test", 0600, rt->debugfs, NULL,
			    &share_test_fops);
	uv_rt = rt;
	return 0;
}

/**
 * coco_guest_uv_exit() - tear down what coco_guest_uv_init() set up
 */
void coco_guest_uv_exit(void)
{
	struct uv_runtime *rt = uv_rt;

	if (!rt)
		return;
	uv_rt = NULL;
	debugfs_remove_recursive(rt->debugfs);
	kfree(rt);
}

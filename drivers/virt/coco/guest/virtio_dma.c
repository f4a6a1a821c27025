// SPDX-License-Identifier: GPL-2.0-only
/*
 * Forcing virtio through the bounce pool.  When the platform restricts
 * device access to memory (COCO_ATTR_RESTRICTED_VIRTIO), every virtio
 * device's transport device (its virtio-pci or virtio-ccw parent) gets
 * coco_dma_ops before a virtio driver binds, and the virtio core's
 * memory-access check refuses devices that would bypass the DMA API: those
 * without VIRTIO_F_ACCESS_PLATFORM or VIRTIO_F_VERSION_1.
 *
 * The virtio bus is reached through a driver of our own that matches no
 * device: registering it gives the bus to notify on and walk.
 *
 * /sys/kernel/coco_guest/dma/ reports the pool's statistics.
 *
 * For benchmarks only, virtio_policy=pool,kernel,nobounce gives the first
 * device the pool, leaves the second to the kernel (dma-direct, swiotlb
 * when booted with swiotlb=force) and gives the third DMA with no bouncing
 * at all; debugfs coco_dma/bench measures map+unmap rates on each.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/dma-map-ops.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/sysfs.h>
#include <linux/virtio.h>
#include <linux/virtio_anchor.h>
#include <linux/virtio_config.h>
#include <linux/debugfs.h>
#include <linux/moduleparam.h>
#include <linux/uaccess.h>
#include <coco/dma.h>
#include <coco/dma_bench.h>
#include "coco_guest.h"

#define COCO_DMA_POOL_SIZE	(8UL << 20)
#define COCO_DMA_POOL_MAX	(64UL << 20)

static char *virtio_policy = "pool";
module_param(virtio_policy, charp, 0444);
MODULE_PARM_DESC(virtio_policy,
		 "DMA for virtio devices in probe order, comma separated: pool (default: the bounce pool), kernel, nobounce (benchmarks only: no protection); the last entry repeats");

enum coco_dma_role { ROLE_POOL, ROLE_KERNEL, ROLE_NOBOUNCE, ROLE_NR };
static const char *const role_names[ROLE_NR] = { "pool", "kernel", "nobounce" };
static struct device *role_dev[ROLE_NR];
static unsigned int coco_virtio_seen;
static struct dentry *coco_dma_debugfs;

/* The role of the @n-th virtio device from the virtio_policy list. */
static enum coco_dma_role coco_virtio_role(unsigned int n)
{
	const char *p = virtio_policy;
	enum coco_dma_role role = ROLE_POOL;
	unsigned int i = 0, r;

	while (p && *p) {
		for (r = 0; r < ROLE_NR; r++) {
			size_t l = strlen(role_names[r]);

			if (!strncmp(p, role_names[r], l) &&
			    (p[l] == ',' || !p[l]))
				role = r;
		}
		if (i++ == n)
			break;
		p = strchr(p, ',');
		if (p)
			p++;
	}
	return role;
}

static const struct virtio_device_id coco_virtio_no_ids[] = { { 0 } };

static int coco_virtio_probe(struct virtio_device *vdev)
{
	return -ENODEV;
}

static void coco_virtio_remove(struct virtio_device *vdev)
{
}

static struct virtio_driver coco_virtio_drv = {
	.driver.name = "coco_guest_policy",
	.id_table = coco_virtio_no_ids,
	.probe = coco_virtio_probe,
	.remove = coco_virtio_remove,
};

static bool (*coco_prev_mem_acc)(struct virtio_device *vdev);
static struct kobject *coco_dma_kobj;
static bool coco_virtio_active;
static atomic_t coco_dma_bound;

/*
 * The virtio core asks this before it accepts a device's features: "true"
 * means memory access is restricted, and the core then fails the device
 * unless it negotiated VERSION_1 and ACCESS_PLATFORM.  Always answering
 * true is at least as strict as any callback this one replaced.
 */
static bool coco_virtio_mem_acc(struct virtio_device *vdev)
{
	if (!virtio_has_feature(vdev, VIRTIO_F_VERSION_1) ||
	    !virtio_has_feature(vdev, VIRTIO_F_ACCESS_PLATFORM))
		dev_err(&vdev->dev,
			"refused: virtio device %u lacks VIRTIO_F_ACCESS_PLATFORM or VIRTIO_F_VERSION_1, so it would bypass the bounce buffers into private memory\n",
			vdev->id.device);
	return true;
}

static void coco_virtio_attach(struct device *dev)
{
	struct device *parent = dev->parent;
	enum coco_dma_role role;

	if (!parent)
		return;
	if (dev->driver) {
		dev_warn(dev, "already bound to %s before coco_guest loaded: its DMA is not bounced by coco_guest\n",
			 dev->driver->name);
		return;
	}
	role = coco_virtio_role(coco_virtio_seen++);
	if (!role_dev[role])
		role_dev[role] = parent;
	if (role == ROLE_KERNEL) {
		dev_warn(dev, "left to the kernel's DMA (virtio_policy)\n");
		return;
	}
	if (role == ROLE_NOBOUNCE) {
		dev_warn(dev, "DMA without bouncing (virtio_policy, benchmarks only: unprotected)\n");
		set_dma_ops(parent, &coco_dma_nobounce_ops);
		return;
	}
	set_dma_ops(parent, &coco_dma_ops);
	dev_info(dev, "DMA through the coco_guest bounce pool (transport %s)\n",
		 dev_name(parent));
}

/*
 * "SIZE CPUS ITERS": map+unmap rates of the roles' first devices, measured
 * together in interleaved blocks (coco_dma_bench_mapunmap()), then the
 * kernel's memcpy rate for SIZE on one CPU.
 */
#define COCO_DMA_BENCH_BLOCKS	16
static char bench_report[512];

static ssize_t bench_write(struct file *file, const char __user *ubuf,
			   size_t len, loff_t *ppos)
{
	struct device *devs[ROLE_NR];
	unsigned long size, cpus, iters;
	enum coco_dma_role which[ROLE_NR];
	long maps[ROLE_NR], done;
	unsigned int r, nd = 0;
	u64 ns[ROLE_NR];
	char cmd[64];
	int n = 0, ret;

	if (len >= sizeof(cmd) || copy_from_user(cmd, ubuf, len))
		return -EINVAL;
	cmd[len] = '\0';
	if (sscanf(cmd, "%lu %lu %lu", &size, &cpus, &iters) != 3 || !size ||
	    size > SZ_256K || !cpus || cpus > num_online_cpus() ||
	    iters < COCO_DMA_BENCH_BLOCKS)
		return -EINVAL;
	for (r = 0; r < ROLE_NR; r++) {
		if (!role_dev[r])
			continue;
		which[nd] = r;
		devs[nd++] = role_dev[r];
	}
	BUILD_BUG_ON(ROLE_NR > COCO_DMA_BENCH_MAX_DEVS);
	if (!nd)
		return -ENODEV;
	ret = coco_dma_bench_mapunmap(devs, nd, size, cpus, iters,
				      COCO_DMA_BENCH_BLOCKS, maps, ns);
	if (ret)
		return ret;
	for (r = 0; r < nd; r++)
		n += scnprintf(bench_report + n, sizeof(bench_report) - n,
			       "%s size=%lu cpus=%lu maps=%ld ns=%llu\n",
			       role_names[which[r]], size, cpus, maps[r],
			       (unsigned long long)ns[r]);
	done = coco_dma_bench_memcpy(size, iters, &ns[0]);
	n += scnprintf(bench_report + n, sizeof(bench_report) - n,
		       "memcpy size=%lu cpus=1 maps=%ld ns=%llu\n", size, done,
		       (unsigned long long)ns[0]);
	return len;
}

static ssize_t bench_read(struct file *file, char __user *ubuf, size_t len,
			  loff_t *ppos)
{
	return simple_read_from_buffer(ubuf, len, ppos, bench_report,
				       strlen(bench_report));
}

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.read = bench_read,
	.write = bench_write,
	.llseek = default_llseek,
};

static int coco_virtio_attach_one(struct device *dev, void *data)
{
	coco_virtio_attach(dev);
	return 0;
}

static bool coco_ops_ours(struct device *dev)
{
	const struct dma_map_ops *ops = get_dma_ops(dev);

	return ops == &coco_dma_ops || ops == &coco_dma_nobounce_ops;
}

static int coco_virtio_notify(struct notifier_block *nb, unsigned long action,
			      void *data)
{
	struct device *dev = data;

	switch (action) {
	case BUS_NOTIFY_ADD_DEVICE:
		coco_virtio_attach(dev);
		break;
	case BUS_NOTIFY_BOUND_DRIVER:
		/* A bound driver maps through us: stay loaded until it unbinds. */
		if (dev->parent && coco_ops_ours(dev->parent)) {
			__module_get(THIS_MODULE);
			atomic_inc(&coco_dma_bound);
		}
		break;
	case BUS_NOTIFY_UNBOUND_DRIVER:
		if (dev->parent && coco_ops_ours(dev->parent)) {
			atomic_dec(&coco_dma_bound);
			module_put(THIS_MODULE);
		}
		break;
	case BUS_NOTIFY_DEL_DEVICE:
		if (dev->parent && coco_ops_ours(dev->parent))
			set_dma_ops(dev->parent, NULL);
		break;
	}
	return NOTIFY_OK;
}

static struct notifier_block coco_virtio_nb = {
	.notifier_call = coco_virtio_notify,
};

static int coco_virtio_detach_one(struct device *dev, void *data)
{
	if (dev->parent && coco_ops_ours(dev->parent))
		set_dma_ops(dev->parent, NULL);
	return 0;
}

static ssize_t dma_stat_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf);

static struct kobj_attribute dma_attrs[] = {
	__ATTR(slots_total, 0444, dma_stat_show, NULL),
	__ATTR(slots_used, 0444, dma_stat_show, NULL),
	__ATTR(slots_high_water, 0444, dma_stat_show, NULL),
	__ATTR(map_failures, 0444, dma_stat_show, NULL),
	__ATTR(bytes_to_device, 0444, dma_stat_show, NULL),
	__ATTR(bytes_from_device, 0444, dma_stat_show, NULL),
	__ATTR(maps, 0444, dma_stat_show, NULL),
	__ATTR(bad_calls, 0444, dma_stat_show, NULL),
	__ATTR(leaked_bytes, 0444, dma_stat_show, NULL),
	__ATTR(bound_devices, 0444, dma_stat_show, NULL),
};

static ssize_t dma_stat_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	struct coco_bounce_stats st;
	u64 v;

	coco_dma_get_stats(&st);
	switch (attr - dma_attrs) {
	case 0:
		v = st.slots_total;
		break;
	case 1:
		v = st.slots_used;
		break;
	case 2:
		v = st.slots_high_water;
		break;
	case 3:
		v = st.map_failures;
		break;
	case 4:
		v = st.bytes_to_device;
		break;
	case 5:
		v = st.bytes_from_device;
		break;
	case 6:
		v = st.maps;
		break;
	case 7:
		v = st.bad_calls;
		break;
	case 8:
		v = st.leaked_bytes;
		break;
	default:
		v = atomic_read(&coco_dma_bound);
		break;
	}
	return sysfs_emit(buf, "%llu\n", (unsigned long long)v);
}

static const struct coco_dma_share_ops coco_dma_share = {
	.set_shared = coco_guest_set_shared,
};

/**
 * coco_guest_virtio_init() - force virtio DMA through the bounce pool
 * @guest: the module state, after detection
 * @parent: the coco_guest kobject
 *
 * Does nothing unless the platform restricts virtio memory access.
 *
 * Return: 0 or a negative errno.
 */
int coco_guest_virtio_init(struct coco_guest *guest, struct kobject *parent)
{
	unsigned int i;
	int ret;

	if (!(guest->det.attrs & COCO_ATTR_RESTRICTED_VIRTIO))
		return 0;
	ret = coco_dma_init(&coco_dma_share, COCO_DMA_POOL_SIZE,
			    COCO_DMA_POOL_MAX);
	if (ret) {
		pr_err("bounce pool setup failed (%d)\n", ret);
		return ret;
	}
	coco_dma_kobj = kobject_create_and_add("dma", parent);
	if (!coco_dma_kobj) {
		ret = -ENOMEM;
		goto err_pool;
	}
	for (i = 0; i < ARRAY_SIZE(dma_attrs); i++) {
		ret = sysfs_create_file(coco_dma_kobj, &dma_attrs[i].attr);
		if (ret)
			goto err_kobj;
	}
	ret = register_virtio_driver(&coco_virtio_drv);
	if (ret)
		goto err_kobj;
	ret = bus_register_notifier(coco_virtio_drv.driver.bus, &coco_virtio_nb);
	if (ret)
		goto err_drv;
	coco_prev_mem_acc = virtio_check_mem_acc_cb;
	virtio_check_mem_acc_cb = coco_virtio_mem_acc;
	bus_for_each_dev(coco_virtio_drv.driver.bus, NULL, NULL,
			 coco_virtio_attach_one);
	coco_dma_debugfs = debugfs_create_dir("coco_dma", NULL);
	debugfs_create_file("bench", 0600, coco_dma_debugfs, NULL, &bench_fops);
	coco_virtio_active = true;
	return 0;

err_drv:
	unregister_virtio_driver(&coco_virtio_drv);
err_kobj:
	kobject_put(coco_dma_kobj);
	coco_dma_kobj = NULL;
err_pool:
	coco_dma_exit();
	return ret;
}

/**
 * coco_guest_virtio_exit() - undo coco_guest_virtio_init()
 *
 * Runs only when no virtio driver is bound through coco_dma_ops (each
 * binding holds a module reference).
 */
void coco_guest_virtio_exit(void)
{
	if (!coco_virtio_active)
		return;
	debugfs_remove_recursive(coco_dma_debugfs);
	virtio_check_mem_acc_cb = coco_prev_mem_acc;
	bus_unregister_notifier(coco_virtio_drv.driver.bus, &coco_virtio_nb);
	bus_for_each_dev(coco_virtio_drv.driver.bus, NULL, NULL,
			 coco_virtio_detach_one);
	unregister_virtio_driver(&coco_virtio_drv);
	kobject_put(coco_dma_kobj);
	coco_dma_kobj = NULL;
	coco_dma_exit();
	coco_virtio_active = false;
}

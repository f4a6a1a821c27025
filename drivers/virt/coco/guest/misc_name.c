// SPDX-License-Identifier: GPL-2.0-only
/*
 * Whether a misc device name is already in use.  The ABI-compatible devices
 * (/dev/sev-guest, /dev/uv) step aside when the kernel's own driver owns the
 * name: registering a second device of the same name would make sysfs
 * complain with a stack dump on kernels that do not refuse duplicates.
 *
 * The misc class is not exported, so it is reached through a short-lived
 * device of our own: register it, search its class by name, remove it.
 */
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include "coco_guest.h"

static const struct file_operations coco_misc_probe_fops = {
	.owner = THIS_MODULE,
};

/**
 * coco_guest_misc_name_taken() - look a misc device name up
 * @name: the device name, as misc_register() would take it
 *
 * Return: 0 when @name is free, -EBUSY when a misc device of that name
 * exists, or a negative errno when the misc class could not be searched.
 */
int coco_guest_misc_name_taken(const char *name)
{
	struct miscdevice probe = {
		.minor = MISC_DYNAMIC_MINOR,
		.name = "coco_guest_name_probe",
		.fops = &coco_misc_probe_fops,
	};
	struct device *dev;
	int ret;

	ret = misc_register(&probe);
	if (ret)
		return ret;
	dev = class_find_device_by_name(probe.this_device->class, name);
	misc_deregister(&probe);
	if (!dev)
		return 0;
	put_device(dev);
	return -EBUSY;
}

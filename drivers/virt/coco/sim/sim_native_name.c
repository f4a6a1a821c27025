// SPDX-License-Identifier: GPL-2.0-only
/*
 * coco_sim.ko: stand in for a native driver that owns a device name.
 * With native_name=sev-guest (or uv) a placeholder misc device of that
 * name exists while coco_sim is loaded, as the kernel's sev-guest or
 * uvdevice driver would register it; coco_guest must then leave the name
 * alone.  Opening the placeholder fails, so nothing can mistake it for
 * the real device.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include "sim_native_name.h"

static char *native_name;
module_param(native_name, charp, 0444);
MODULE_PARM_DESC(native_name, "register a placeholder misc device of this name, as a native driver (sev-guest, uv) would (default: none)");

static int native_open(struct inode *inode, struct file *file)
{
	return -ENODEV;
}

static const struct file_operations native_fops = {
	.owner = THIS_MODULE,
	.open = native_open,
};

static struct miscdevice native_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.fops = &native_fops,
};

/**
 * coco_sim_native_name_init() - register the placeholder, if asked for
 *
 * Return: 0, or the errno of misc_register().
 */
int coco_sim_native_name_init(void)
{
	int ret;

	if (!native_name || !*native_name)
		return 0;
	native_misc.name = native_name;
	ret = misc_register(&native_misc);
	if (ret) {
		pr_err("placeholder /dev/%s: misc_register failed (%d)\n",
		       native_name, ret);
		native_misc.name = NULL;
		return ret;
	}
	pr_info("placeholder /dev/%s registered, as a native driver would\n",
		native_name);
	return 0;
}

/**
 * coco_sim_native_name_exit() - remove the placeholder
 */
void coco_sim_native_name_exit(void)
{
	if (native_misc.name)
		misc_deregister(&native_misc);
	native_misc.name = NULL;
}

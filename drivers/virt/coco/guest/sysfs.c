// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/kernel/coco_guest: what the guest detected.
 *
 *   platform    none | sev | sev-es | sev-snp | s390-pv
 *   attributes  space-separated attribute names, empty line for none
 *   seam        the platform seam in use: real or coco_sim
 *   sev_status  (x86) raw SEV_STATUS MSR, hex
 *   cbit        (x86) C-bit position, 0 when not SEV
 *   uv_calls    (s390) installed UV calls, four hex words, MSB0
 *   uv/         (s390) prot_virt_guest and query/, see uv_sysfs.c
 *   sev/        (x86) GHCB session and page-state counters, see sev_runtime.c
 *   dma/        bounce pool statistics, see virtio_dma.c
 */
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include "coco_guest.h"

static struct coco_guest *coco_sysfs_guest;
static struct kobject *coco_kobj;

static ssize_t platform_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	return sysfs_emit(buf, "%s\n",
			  coco_platform_kind_name(coco_sysfs_guest->det.kind));
}

static ssize_t attributes_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	u32 attrs = coco_sysfs_guest->det.attrs;
	unsigned int bit;
	int len = 0;

	for (bit = 0; bit < COCO_ATTR_NR; bit++) {
		if (!(attrs & (1U << bit)))
			continue;
		len += sysfs_emit_at(buf, len, "%s%s", len ? " " : "",
				     coco_attr_name(bit));
	}
	len += sysfs_emit_at(buf, len, "\n");
	return len;
}

static ssize_t seam_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%s\n", coco_sysfs_guest->plat->name);
}

static ssize_t sev_status_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "0x%016llx\n",
			  (unsigned long long)coco_sysfs_guest->det.sev_status);
}

static ssize_t cbit_show(struct kobject *kobj, struct kobj_attribute *attr,
			 char *buf)
{
	return sysfs_emit(buf, "%u\n", coco_sysfs_guest->det.cbit);
}

static ssize_t uv_calls_show(struct kobject *kobj, struct kobj_attribute *attr,
			     char *buf)
{
	const u64 *c = coco_sysfs_guest->det.uv_calls;

	return sysfs_emit(buf, "%016llx %016llx %016llx %016llx\n",
			  (unsigned long long)c[0], (unsigned long long)c[1],
			  (unsigned long long)c[2], (unsigned long long)c[3]);
}

static struct kobj_attribute platform_attr = __ATTR_RO(platform);
static struct kobj_attribute attributes_attr = __ATTR_RO(attributes);
static struct kobj_attribute seam_attr = __ATTR_RO(seam);
static struct kobj_attribute sev_status_attr = __ATTR_RO(sev_status);
static struct kobj_attribute cbit_attr = __ATTR_RO(cbit);
static struct kobj_attribute uv_calls_attr = __ATTR_RO(uv_calls);

static struct attribute *coco_attrs[] = {
	&platform_attr.attr,
	&attributes_attr.attr,
	&seam_attr.attr,
	&sev_status_attr.attr,
	&cbit_attr.attr,
	&uv_calls_attr.attr,
	NULL,
};

static umode_t coco_attr_visible(struct kobject *kobj, struct attribute *attr,
				 int n)
{
	bool x86 = IS_ENABLED(CONFIG_X86);

	if (attr == &sev_status_attr.attr || attr == &cbit_attr.attr)
		return x86 ? attr->mode : 0;
	if (attr == &uv_calls_attr.attr)
		return x86 ? 0 : attr->mode;
	return attr->mode;
}

static const struct attribute_group coco_attr_group = {
	.attrs = coco_attrs,
	.is_visible = coco_attr_visible,
};

/**
 * coco_guest_sysfs_init() - create /sys/kernel/coco_guest
 * @guest: the state the files report; must outlive the files
 *
 * Return: 0 or a negative errno.
 */
int coco_guest_sysfs_init(struct coco_guest *guest)
{
	int ret;

	coco_sysfs_guest = guest;
	coco_kobj = kobject_create_and_add("coco_guest", kernel_kobj);
	if (!coco_kobj)
		return -ENOMEM;
	ret = sysfs_create_group(coco_kobj, &coco_attr_group);
	if (ret)
		goto err_put;
	if (IS_ENABLED(CONFIG_S390))
		ret = coco_guest_uv_sysfs_init(guest, coco_kobj);
	else
		ret = coco_guest_sev_init(guest, coco_kobj);
	if (ret)
		goto err_group;
	if (!IS_ENABLED(CONFIG_S390)) {
		ret = coco_guest_snp_init(guest);
		if (ret)
			goto err_arch;
	}
	ret = coco_guest_virtio_init(guest, coco_kobj);
	if (ret)
		goto err_snp;
	return 0;

err_snp:
	if (!IS_ENABLED(CONFIG_S390))
		coco_guest_snp_exit();
err_arch:
	if (IS_ENABLED(CONFIG_S390))
		coco_guest_uv_sysfs_exit();
	else
		coco_guest_sev_exit();
err_group:
	sysfs_remove_group(coco_kobj, &coco_attr_group);
err_put:
	kobject_put(coco_kobj);
	coco_kobj = NULL;
	return ret;
}

/**
 * coco_guest_sysfs_exit() - remove /sys/kernel/coco_guest
 */
void coco_guest_sysfs_exit(void)
{
	if (!coco_kobj)
		return;
	coco_guest_virtio_exit();
	if (IS_ENABLED(CONFIG_S390)) {
		coco_guest_uv_sysfs_exit();
	} else {
		coco_guest_snp_exit();
		coco_guest_sev_exit();
	}
	sysfs_remove_group(coco_kobj, &coco_attr_group);
	kobject_put(coco_kobj);
	coco_kobj = NULL;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * /sys/kernel/coco_guest/uv: the s390x Ultravisor as the guest sees it,
 * with the file names and formats of the kernel's own /sys/firmware/uv
 * (prot_virt_guest and query/...), so tools written for one read the other.
 */
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/sysfs.h>
#include "coco_guest.h"

enum uv_query_field {
	UVQ_FACILITIES,
	UVQ_FEATURE_INDICATIONS,
	UVQ_MAX_CPUS,
	UVQ_MAX_GUESTS,
	UVQ_MAX_ADDRESS,
	UVQ_SUPP_SE_HDR_VER,
	UVQ_SUPP_SE_HDR_PCF,
	UVQ_DUMP_STORAGE_STATE_LEN,
	UVQ_DUMP_FINALIZE_LEN,
	UVQ_DUMP_CPU_LEN,
	UVQ_SUPP_ATT_REQ_HDR_VER,
	UVQ_SUPP_ATT_PFLAGS,
	UVQ_SUPP_ADD_SECRET_REQ_VER,
	UVQ_SUPP_ADD_SECRET_PCF,
	UVQ_SUPP_SECRET_TYPES,
	UVQ_MAX_SECRETS,
	UVQ_MAX_ASSOC_SECRETS,
	UVQ_MAX_RETR_SECRETS,
};

/**
 * struct uv_query_attr - one file of uv/query
 * @kattr: the sysfs attribute
 * @field: which query value it shows
 */
struct uv_query_attr {
	struct kobj_attribute kattr;
	enum uv_query_field field;
};

static struct coco_guest *uv_guest;
static struct kobject *uv_kobj, *uv_query_kobj;

static ssize_t uv_query_show(struct kobject *kobj, struct kobj_attribute *ka,
			     char *buf)
{
	const struct uv_query_attr *a =
		container_of(ka, struct uv_query_attr, kattr);
	const struct coco_uv_query *q = &uv_guest->uv_query;

	switch (a->field) {
	case UVQ_FACILITIES:
		return sysfs_emit(buf, "%llx\n%llx\n%llx\n%llx\n",
				  q->inst_calls[0], q->inst_calls[1],
				  q->inst_calls[2], q->inst_calls[3]);
	case UVQ_FEATURE_INDICATIONS:
		return sysfs_emit(buf, "%llx\n", q->feature_indications);
	case UVQ_MAX_CPUS:
		return sysfs_emit(buf, "%u\n", q->max_guest_cpu_id + 1U);
	case UVQ_MAX_GUESTS:
		return sysfs_emit(buf, "%u\n", q->max_num_sec_conf);
	case UVQ_MAX_ADDRESS:
		return sysfs_emit(buf, "%llx\n", q->max_guest_stor_addr);
	case UVQ_SUPP_SE_HDR_VER:
		return sysfs_emit(buf, "%llx\n", q->supp_se_hdr_ver);
	case UVQ_SUPP_SE_HDR_PCF:
		return sysfs_emit(buf, "%llx\n", q->supp_se_hdr_pcf);
	case UVQ_DUMP_STORAGE_STATE_LEN:
		return sysfs_emit(buf, "%llx\n", q->dump_stor_state_len);
	case UVQ_DUMP_FINALIZE_LEN:
		return sysfs_emit(buf, "%llx\n", q->dump_finalize_len);
	case UVQ_DUMP_CPU_LEN:
		return sysfs_emit(buf, "%llx\n", q->cpu_stor_len);
	case UVQ_SUPP_ATT_REQ_HDR_VER:
		return sysfs_emit(buf, "%llx\n", q->supp_att_req_hdr_ver);
	case UVQ_SUPP_ATT_PFLAGS:
		return sysfs_emit(buf, "%llx\n", q->supp_att_pflags);
	case UVQ_SUPP_ADD_SECRET_REQ_VER:
		return sysfs_emit(buf, "%llx\n", q->supp_add_secret_ver);
	case UVQ_SUPP_ADD_SECRET_PCF:
		return sysfs_emit(buf, "%llx\n", q->supp_add_secret_pcf);
	case UVQ_SUPP_SECRET_TYPES:
		return sysfs_emit(buf, "%llx\n", q->supp_secret_types);
	case UVQ_MAX_SECRETS:
		return sysfs_emit(buf, "%u\n", (unsigned int)q->max_assoc_secrets +
				  q->max_retr_secrets);
	case UVQ_MAX_ASSOC_SECRETS:
		return sysfs_emit(buf, "%u\n", q->max_assoc_secrets);
	case UVQ_MAX_RETR_SECRETS:
		return sysfs_emit(buf, "%u\n", q->max_retr_secrets);
	}
	return -EINVAL;
}

#define UV_QUERY_ATTR(_name, _field) \
	struct uv_query_attr uv_query_attr_##_name = { \
		.kattr = __ATTR(_name, 0444, uv_query_show, NULL), \
		.field = _field, \
	}

static UV_QUERY_ATTR(facilities, UVQ_FACILITIES);
static UV_QUERY_ATTR(feature_indications, UVQ_FEATURE_INDICATIONS);
static UV_QUERY_ATTR(max_cpus, UVQ_MAX_CPUS);
static UV_QUERY_ATTR(max_guests, UVQ_MAX_GUESTS);
static UV_QUERY_ATTR(max_address, UVQ_MAX_ADDRESS);
static UV_QUERY_ATTR(supp_se_hdr_ver, UVQ_SUPP_SE_HDR_VER);
static UV_QUERY_ATTR(supp_se_hdr_pcf, UVQ_SUPP_SE_HDR_PCF);
static UV_QUERY_ATTR(dump_storage_state_len, UVQ_DUMP_STORAGE_STATE_LEN);
static UV_QUERY_ATTR(dump_finalize_len, UVQ_DUMP_FINALIZE_LEN);
static UV_QUERY_ATTR(uv_query_dump_cpu_len, UVQ_DUMP_CPU_LEN);
static UV_QUERY_ATTR(supp_att_req_hdr_ver, UVQ_SUPP_ATT_REQ_HDR_VER);
static UV_QUERY_ATTR(supp_att_pflags, UVQ_SUPP_ATT_PFLAGS);
static UV_QUERY_ATTR(supp_add_secret_req_ver, UVQ_SUPP_ADD_SECRET_REQ_VER);
static UV_QUERY_ATTR(supp_add_secret_pcf, UVQ_SUPP_ADD_SECRET_PCF);
static UV_QUERY_ATTR(supp_secret_types, UVQ_SUPP_SECRET_TYPES);
static UV_QUERY_ATTR(max_secrets, UVQ_MAX_SECRETS);
static UV_QUERY_ATTR(max_assoc_secrets, UVQ_MAX_ASSOC_SECRETS);
static UV_QUERY_ATTR(max_retr_secrets, UVQ_MAX_RETR_SECRETS);

static struct attribute *uv_query_attrs[] = {
	&uv_query_attr_facilities.kattr.attr,
	&uv_query_attr_feature_indications.kattr.attr,
	&uv_query_attr_max_cpus.kattr.attr,
	&uv_query_attr_max_guests.kattr.attr,
	&uv_query_attr_max_address.kattr.attr,
	&uv_query_attr_supp_se_hdr_ver.kattr.attr,
	&uv_query_attr_supp_se_hdr_pcf.kattr.attr,
	&uv_query_attr_dump_storage_state_len.kattr.attr,
	&uv_query_attr_dump_finalize_len.kattr.attr,
	&uv_query_attr_uv_query_dump_cpu_len.kattr.attr,
	&uv_query_attr_supp_att_req_hdr_ver.kattr.attr,
	&uv_query_attr_supp_att_pflags.kattr.attr,
	&uv_query_attr_supp_add_secret_req_ver.kattr.attr,
	&uv_query_attr_supp_add_secret_pcf.kattr.attr,
	&uv_query_attr_supp_secret_types.kattr.attr,
	&uv_query_attr_max_secrets.kattr.attr,
	&uv_query_attr_max_assoc_secrets.kattr.attr,
	&uv_query_attr_max_retr_secrets.kattr.attr,
	NULL,
};

static const struct attribute_group uv_query_group = {
	.attrs = uv_query_attrs,
};

static ssize_t prot_virt_guest_show(struct kobject *kobj,
				    struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n",
			  uv_guest->det.kind == COCO_PLATFORM_S390_PV);
}

static struct kobj_attribute prot_virt_guest_attr = __ATTR_RO(prot_virt_guest);

/**
 * coco_guest_uv_sysfs_init() - create uv/ and uv/query/ below @parent
 * @guest: the state the files report; must outlive the files
 * @parent: the coco_guest kobject
 *
 * Return: 0 or a negative errno.
 */
int coco_guest_uv_sysfs_init(struct coco_guest *guest, struct kobject *parent)
{
	int ret;

	uv_guest = guest;
	uv_kobj = kobject_create_and_add("uv", parent);
	if (!uv_kobj)
		return -ENOMEM;
	ret = sysfs_create_file(uv_kobj, &prot_virt_guest_attr.attr);
	if (ret)
		goto err_uv;
	uv_query_kobj = kobject_create_and_add("query", uv_kobj);
	if (!uv_query_kobj) {
		ret = -ENOMEM;
		goto err_uv;
	}
	ret = sysfs_create_group(uv_query_kobj, &uv_query_group);
	if (ret)
		goto err_query;
	ret = coco_guest_uv_init(guest);
	if (ret)
		goto err_group;
	return 0;

err_group:
	sysfs_remove_group(uv_query_kobj, &uv_query_group);
err_query:
	kobject_put(uv_query_kobj);
	uv_query_kobj = NULL;
err_uv:
	kobject_put(uv_kobj);
	uv_kobj = NULL;
	return ret;
}

/**
 * coco_guest_uv_sysfs_exit() - remove uv/ and uv/query/
 */
void coco_guest_uv_sysfs_exit(void)
{
	coco_guest_uv_exit();
	if (uv_query_kobj) {
		sysfs_remove_group(uv_query_kobj, &uv_query_group);
		kobject_put(uv_query_kobj);
		uv_query_kobj = NULL;
	}
	if (uv_kobj) {
		kobject_put(uv_kobj);
		uv_kobj = NULL;
	}
}

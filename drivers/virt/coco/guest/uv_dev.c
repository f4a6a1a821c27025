// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/uv with the upstream uvdevice ABI (asm/uvdevice.h), for protected
 * guests whose kernel has no uvdevice of its own.  Facts from
 * shared/spec/s390-pv.md section 5.
 *
 * Every ioctl takes the same 0x40-byte control block: flags and the
 * reserved tail must be zero, the argument is a user pointer and length
 * whose meaning depends on the command.  The kernel checks only what it
 * must copy (sizes, pointers); everything else is the Ultravisor's to
 * judge, and its rc/rrc are handed back with the ioctl succeeding.  When
 * the ioctl fails (errno) the control block is not written back.
 *
 * Differences from upstream, both stricter: a user_data_len above 256 is
 * -EINVAL here (upstream hands it to the UV, which answers rc 0x0102), and
 * UVDEV_INFO reports Retrieve Secret as usable from its own installed-call
 * bit rather than the attestation bit.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/fs.h>
#include <linux/gfp.h>
#include <linux/ioctl.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <coco/byteimg.h>
#include <coco/uv.h>
#include "coco_guest.h"

#define UVDEV_NAME		"uv"
#define UVDEV_IOC_TYPE		'u'

enum uvdev_nr {
	UVDEV_NR_INFO,
	UVDEV_NR_ATT,
	UVDEV_NR_ADD_SECRET,
	UVDEV_NR_LIST_SECRETS,
	UVDEV_NR_LOCK_SECRETS,
	UVDEV_NR_RETR_SECRET,
	UVDEV_NR_IOCTLS,
};

#define UVDEV_LIST_PAGE		0x1000U
#define UVDEV_LIST_HDR		0x10U
#define UVDEV_LIST_PAGE_BYTES	(UV_SECRET_LIST_MAX_ENTRIES * UV_SECRET_ENTRY_LEN)

/*
 * The user structures, in the architecture's (big-endian) byte order as
 * user space lays them out.
 */
struct uvdev_cb {
	u32 flags;
	u16 uv_rc;
	u16 uv_rrc;
	u64 argument_addr;
	u32 argument_len;
	u8 reserved14[0x2c];
};

struct uvdev_attest {
	u64 arcb_addr;
	u64 meas_addr;
	u64 add_data_addr;
	u8 user_data[UV_ATTEST_USER_DATA_MAX];
	u8 config_uid[UV_ATTEST_CUID_LEN];
	u32 arcb_len;
	u32 meas_len;
	u32 add_data_len;
	u16 user_data_len;
	u16 reserved136;
};

struct uvdev_info {
	u64 supp_uvio_cmds;
	u64 supp_uv_cmds;
};

static_assert(sizeof(struct uvdev_cb) == 0x40);
static_assert(sizeof(struct uvdev_attest) == 0x138);
static_assert(offsetof(struct uvdev_attest, config_uid) == 0x118);
static_assert(offsetof(struct uvdev_attest, add_data_len) == 0x130);
static_assert(sizeof(struct uvdev_info) == 0x10);

static struct coco_guest *uvdev_guest;

/* The UV call behind each ioctl (MSB0 installed-call bit), -1 for none. */
static const int uvdev_uvc_bit[UVDEV_NR_IOCTLS] = {
	[UVDEV_NR_INFO] = -1,
	[UVDEV_NR_ATT] = UV_BIT_RETR_ATTEST,
	[UVDEV_NR_ADD_SECRET] = UV_BIT_ADD_SECRET,
	[UVDEV_NR_LIST_SECRETS] = UV_BIT_LIST_SECRETS,
	[UVDEV_NR_LOCK_SECRETS] = UV_BIT_LOCK_SECRETS,
	[UVDEV_NR_RETR_SECRET] = UV_BIT_RETR_SECRET,
};

static void uvdev_set_status(struct uvdev_cb *cb,
			     const struct coco_uv_status *st)
{
	cb->uv_rc = st->rc;
	cb->uv_rrc = st->rrc;
}

static int uvdev_info(struct uvdev_cb *cb)
{
	struct uvdev_info info = {
		.supp_uvio_cmds = GENMASK_ULL(UVDEV_NR_IOCTLS - 1, 0),
	};
	unsigned int nr;

	if (cb->argument_len < sizeof(info))
		return -EINVAL;
	for (nr = 0; nr < UVDEV_NR_IOCTLS; nr++)
		if (uvdev_uvc_bit[nr] >= 0 &&
		    coco_uv_call_installed(uvdev_guest->uv_query.inst_calls,
					   uvdev_uvc_bit[nr]))
			info.supp_uv_cmds |= BIT_ULL(nr);
	if (copy_to_user(u64_to_user_ptr(cb->argument_addr), &info,
			 sizeof(info)))
		return -EFAULT;
	cb->uv_rc = UVC_RC_EXECUTED;
	cb->uv_rrc = 0;
	return 0;
}

static bool uvdev_attest_args_ok(const struct uvdev_attest *ua)
{
	return ua->arcb_len && ua->arcb_len <= UV_ATTEST_ARCB_MAX &&
	       ua->meas_len && ua->meas_len <= UV_ATTEST_MEAS_MAX &&
	       ua->add_data_len <= UV_ATTEST_ADD_MAX && !ua->reserved136 &&
	       ua->user_data_len <= UV_ATTEST_USER_DATA_MAX;
}

/* Results go back whatever the UV answered, as upstream does. */
static int uvdev_attest_copy_out(struct uvdev_attest __user *uptr,
				 const struct uvdev_attest *ua,
				 const struct coco_uv_attest *req)
{
	if (copy_to_user(u64_to_user_ptr(ua->meas_addr), req->meas,
			 ua->meas_len))
		return -EFAULT;
	if (ua->add_data_len &&
	    copy_to_user(u64_to_user_ptr(ua->add_data_addr), req->add_data,
			 ua->add_data_len))
		return -EFAULT;
	if (copy_to_user(uptr->config_uid, req->config_uid,
			 sizeof(uptr->config_uid)))
		return -EFAULT;
	if (put_user(ua->add_data_len, &uptr->add_data_len))
		return -EFAULT;
	return 0;
}

static int uvdev_attest(struct uvdev_cb *cb)
{
	struct uvdev_attest __user *uptr = u64_to_user_ptr(cb->argument_addr);
	struct coco_uv_status st = { 0 };
	struct coco_uv_attest *req;
	struct uvdev_attest ua;
	void *arcb = NULL;
	int ret;

	if (cb->argument_len != sizeof(ua))
		return -EINVAL;
	if (copy_from_user(&ua, uptr, sizeof(ua)))
		return -EFAULT;
	if (!uvdev_attest_args_ok(&ua))
		return -EINVAL;

	req = kzalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	ret = -ENOMEM;
	/* The UV reads and writes these: kmalloc memory, not vmalloc. */
	arcb = kzalloc(ua.arcb_len, GFP_KERNEL | __GFP_NOWARN);
	req->meas = kzalloc(ua.meas_len, GFP_KERNEL);
	if (ua.add_data_len)
		req->add_data = kzalloc(ua.add_data_len, GFP_KERNEL);
	if (!arcb || !req->meas || (ua.add_data_len && !req->add_data))
		goto out;
	ret = -EFAULT;
	if (copy_from_user(arcb, u64_to_user_ptr(ua.arcb_addr), ua.arcb_len))
		goto out;

	req->arcb = arcb;
	req->arcb_len = ua.arcb_len;
	memcpy(req->user_data, ua.user_data, sizeof(req->user_data));
	req->user_data_len = ua.user_data_len;
	req->meas_len = ua.meas_len;
	req->add_data_len = ua.add_data_len;
	/* Arguments were checked above: any error now is the UV's answer. */
	ret = coco_uv_attest(uvdev_guest->plat, req, &st);
	if (ret == -EINVAL || ret == -EINTR)
		goto out;
	uvdev_set_status(cb, &st);
	ret = uvdev_attest_copy_out(uptr, &ua, req);
out:
	kfree(req->add_data);
	kfree(req->meas);
	kfree(arcb);
	kfree(req);
	return ret;
}

static int uvdev_add_secret(struct uvdev_cb *cb)
{
	struct coco_uv_status st = { 0 };
	void *asrcb;
	int ret = 0;

	if (!cb->argument_len || cb->argument_len > UV_ADD_SECRET_MAX)
		return -EINVAL;
	asrcb = kzalloc(cb->argument_len, GFP_KERNEL | __GFP_NOWARN);
	if (!asrcb)
		return -ENOMEM;
	if (copy_from_user(asrcb, u64_to_user_ptr(cb->argument_addr),
			   cb->argument_len)) {
		ret = -EFAULT;
		goto out;
	}
	/* -EIO is a refusal, passed through in rc/rrc; the rest made none. */
	ret = coco_uv_add_secret(uvdev_guest->plat, asrcb, cb->argument_len,
				 &st);
	if (ret == -EINVAL || ret == -EINTR)
		goto out;
	ret = 0;
	uvdev_set_status(cb, &st);
out:
	kfree_sensitive(asrcb);
	return ret;
}

/*
 * List Secrets: the first UV page goes to the user as it is; while the UV
 * has more and the user buffer has room for a whole further page of
 * entries, later pages' entries are appended and the header merged.
 */
static int uvdev_list_secrets(struct uvdev_cb *cb)
{
	u8 __user *ubuf = u64_to_user_ptr(cb->argument_addr);
	u32 len = cb->argument_len, pos = UVDEV_LIST_HDR;
	struct coco_uv_secret_list_hdr hdr = { 0 };
	struct coco_uv_status st = { 0 };
	unsigned int calls = 0;
	u8 merged[UVDEV_LIST_HDR];
	u32 count = 0;
	u16 start = 0;
	u8 *page;
	int ret = 0;

	if (!len || len % UVDEV_LIST_PAGE)
		return -EINVAL;
	page = (u8 *)get_zeroed_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;

	for (;;) {
		memset(page, 0, UVDEV_LIST_PAGE);
		ret = coco_uv_list_secrets(uvdev_guest->plat, page, start,
					   &hdr, &st);
		if (ret == -EINTR)
			goto out;
		if (ret) {
			ret = 0;
			/* An executed call with an impossible page. */
			if (st.rc == UVC_RC_EXECUTED ||
			    st.rc == UVC_RC_MORE_DATA) {
				ret = -EIO;
				goto out;
			}
			/* A refusal: the user sees the rc (and a clean page). */
			if (!calls && copy_to_user(ubuf, page, UVDEV_LIST_PAGE))
				ret = -EFAULT;
			break;
		}
		if (!calls) {
			if (copy_to_user(ubuf, page, UVDEV_LIST_PAGE)) {
				ret = -EFAULT;
				goto out;
			}
		} else if (copy_to_user(ubuf + pos, page + UVDEV_LIST_HDR,
					hdr.num * UV_SECRET_ENTRY_LEN)) {
			ret = -EFAULT;
			goto out;
		}
		calls++;
		pos += hdr.num * UV_SECRET_ENTRY_LEN;
		count += hdr.num;
		if (st.rc != UVC_RC_MORE_DATA ||
		    len - pos < UVDEV_LIST_PAGE_BYTES)
			break;
		start = hdr.next;
	}
	if (!ret && calls > 1) {
		memset(merged, 0, sizeof(merged));
		coco_put_be16(merged + UV_SECRET_LIST_OFF_NUM, count);
		coco_put_be16(merged + UV_SECRET_LIST_OFF_TOTAL, hdr.total);
		coco_put_be16(merged + UV_SECRET_LIST_OFF_NEXT,
			      st.rc == UVC_RC_MORE_DATA ? hdr.next : 0);
		if (copy_to_user(ubuf, merged, sizeof(merged)))
			ret = -EFAULT;
	}
	if (!ret)
		uvdev_set_status(cb, &st);
out:
	free_page((unsigned long)page);
	return ret;
}

static int uvdev_lock_secrets(struct uvdev_cb *cb)
{
	struct coco_uv_status st = { 0 };

	if (cb->argument_addr || cb->argument_len)
		return -EINVAL;
	coco_uv_lock_secrets(uvdev_guest->plat, &st);
	uvdev_set_status(cb, &st);
	return 0;
}

/*
 * Retrieve Secret: the first two bytes of the user buffer hold the secret's
 * index (big-endian); the whole buffer comes back, secret or zeroes.
 */
static int uvdev_retr_secret(struct uvdev_cb *cb)
{
	u8 __user *ubuf = u64_to_user_ptr(cb->argument_addr);
	struct coco_uv_status st = { 0 };
	u32 len = cb->argument_len;
	u8 idx[2];
	int ret = 0;
	u8 *buf;

	if (len < sizeof(idx) || len > UV_RETR_SECRET_MAX)
		return -EINVAL;
	if (copy_from_user(idx, ubuf, sizeof(idx)))
		return -EFAULT;
	buf = kzalloc(len, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	/* Errors other than the checked -EINVAL are the UV's answer. */
	if (coco_uv_retrieve_secret(uvdev_guest->plat, coco_get_be16(idx), buf,
				    len, &st) == -EINTR)
		ret = -EINTR;
	else if (copy_to_user(ubuf, buf, len))
		ret = -EFAULT;
	else
		uvdev_set_status(cb, &st);
	kfree_sensitive(buf);
	return ret;
}

static long uvdev_ioctl(struct file *file, unsigned int cmd,
			unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	struct uvdev_cb cb;
	int ret;

	if (_IOC_DIR(cmd) != (_IOC_READ | _IOC_WRITE) ||
	    _IOC_TYPE(cmd) != UVDEV_IOC_TYPE ||
	    _IOC_NR(cmd) >= UVDEV_NR_IOCTLS || _IOC_SIZE(cmd) != sizeof(cb))
		return -ENOIOCTLCMD;
	if (copy_from_user(&cb, argp, sizeof(cb)))
		return -EFAULT;
	if (cb.flags || memchr_inv(cb.reserved14, 0, sizeof(cb.reserved14)))
		return -EINVAL;

	switch (_IOC_NR(cmd)) {
	case UVDEV_NR_INFO:
		ret = uvdev_info(&cb);
		break;
	case UVDEV_NR_ATT:
		ret = uvdev_attest(&cb);
		break;
	case UVDEV_NR_ADD_SECRET:
		ret = uvdev_add_secret(&cb);
		break;
	case UVDEV_NR_LIST_SECRETS:
		ret = uvdev_list_secrets(&cb);
		break;
	case UVDEV_NR_LOCK_SECRETS:
		ret = uvdev_lock_secrets(&cb);
		break;
	default:
		ret = uvdev_retr_secret(&cb);
		break;
	}
	if (ret)
		return ret;
	if (copy_to_user(argp, &cb, sizeof(cb)))
		return -EFAULT;
	return 0;
}

static const struct file_operations uvdev_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = uvdev_ioctl,
};

static struct miscdevice uvdev_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = UVDEV_NAME,
	.fops = &uvdev_fops,
};

static bool uvdev_registered;

/**
 * coco_guest_abi_dev_init() - offer /dev/uv on a protected guest
 * @guest: the detected platform; must outlive the device
 *
 * Nothing is registered unless the platform is s390x PV and no other
 * driver owns the name.  A device that cannot be offered is logged, never
 * an error for the module.
 */
void coco_guest_abi_dev_init(struct coco_guest *guest)
{
	int ret;

	if (guest->det.kind != COCO_PLATFORM_S390_PV)
		return;
	ret = coco_guest_misc_name_taken(UVDEV_NAME);
	if (ret) {
		pr_info("/dev/%s not offered: %s\n", UVDEV_NAME,
			ret == -EBUSY ? "the name is taken by another driver" :
					"the misc class cannot be searched");
		return;
	}
	uvdev_guest = guest;
	ret = misc_register(&uvdev_misc);
	if (ret) {
		pr_warn("/dev/%s could not be registered (%d)\n", UVDEV_NAME,
			ret);
		return;
	}
	uvdev_registered = true;
}

/**
 * coco_guest_abi_dev_exit() - remove /dev/uv if it was offered
 */
void coco_guest_abi_dev_exit(void)
{
	if (!uvdev_registered)
		return;
	misc_deregister(&uvdev_misc);
	uvdev_registered = false;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/sev-guest with the upstream ABI (linux/sev-guest.h), for SNP guests
 * whose kernel has no sev-guest driver bound.  Facts from
 * shared/spec/x86-sev.md section 7.6.
 *
 * Each ioctl takes struct snp_guest_request_ioctl: a message version (not
 * zero), user pointers to the request and the response, and exitinfo2,
 * which reports the firmware error (bits 31:0) and the hypervisor's
 * (63:32).  exitinfo2 starts as 0xff, "no firmware call"; the structure is
 * written back whenever it is not zero afterwards.  Payload fields are the
 * firmware's to judge: a reserved field that is not zero comes back as
 * status INVALID_PARAM in the response, with the ioctl succeeding.
 *
 * All argument checks happen before the request is handed to the message
 * layer, so a rejected ioctl never consumes a sequence number; once a
 * request was sent its number is used whatever happens to the copy-out.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/build_bug.h>
#include <linux/fs.h>
#include <linux/ioctl.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <coco/byteimg_le.h>
#include <coco/snp_msg.h>
#include "coco_guest.h"

#define SEVDEV_NAME		"sev-guest"
#define SEVDEV_IOC_TYPE		'S'
#define SEVDEV_NO_FW_CALL	0xffULL
#define SEVDEV_CERTS_MAX	SZ_16K
#define SEVDEV_REPORT_RESP_LEN	4000
#define SEVDEV_KEY_RESP_LEN	64
#define SEVDEV_CERT_ENTRY_LEN	24

/* The user structures (x86 byte order and alignment). */
struct sevdev_request {
	u8 msg_version;
	u64 req_data;
	u64 resp_data;
	u64 exitinfo2;
};

struct sevdev_report_req {
	u8 user_data[64];
	u32 vmpl;
	u8 rsvd[28];
};

struct sevdev_key_req {
	u32 root_key_select;
	u32 rsvd;
	u64 guest_field_select;
	u32 vmpl;
	u32 guest_svn;
	u64 tcb_version;
};

struct sevdev_ext_report_req {
	struct sevdev_report_req data;
	u64 certs_address;
	u32 certs_len;
};

static_assert(sizeof(struct sevdev_request) == 32);
static_assert(offsetof(struct sevdev_request, exitinfo2) == 0x18);
static_assert(sizeof(struct sevdev_report_req) == 96);
static_assert(sizeof(struct sevdev_key_req) == 32);
static_assert(offsetof(struct sevdev_ext_report_req, certs_address) == 0x60);
static_assert(offsetof(struct sevdev_ext_report_req, certs_len) == 0x68);
static_assert(sizeof(struct sevdev_ext_report_req) == 112);

#define SEVDEV_GET_REPORT	_IOWR(SEVDEV_IOC_TYPE, 0, struct sevdev_request)
#define SEVDEV_GET_DERIVED_KEY	_IOWR(SEVDEV_IOC_TYPE, 1, struct sevdev_request)
#define SEVDEV_GET_EXT_REPORT	_IOWR(SEVDEV_IOC_TYPE, 2, struct sevdev_request)

/*
 * One exchange.  The message layer reports exitinfo2 as 0 when the request
 * never reached the hypervisor; the ABI says 0xff ("no firmware call") then.
 */
static int sevdev_request(struct sevdev_request *io, u8 type, const void *req,
			  u16 len, void *resp, u16 cap, void *certs,
			  u32 *certs_len)
{
	u64 exitinfo2 = 0;
	u16 resp_len;
	int ret;

	ret = coco_guest_snp_request(type, io->msg_version, req, len, resp,
				     cap, &resp_len, certs, certs_len,
				     &exitinfo2);
	io->exitinfo2 = ret && !exitinfo2 ? SEVDEV_NO_FW_CALL : exitinfo2;
	return ret;
}

static int sevdev_get_report(struct sevdev_request *io)
{
	struct sevdev_report_req req;
	u8 *resp;
	int ret;

	if (!io->req_data || !io->resp_data)
		return -EINVAL;
	if (copy_from_user(&req, u64_to_user_ptr(io->req_data), sizeof(req)))
		return -EFAULT;
	resp = kzalloc(SEVDEV_REPORT_RESP_LEN, GFP_KERNEL);
	if (!resp)
		return -ENOMEM;
	ret = sevdev_request(io, SNP_MSG_REPORT_REQ, &req, sizeof(req), resp,
			     SEVDEV_REPORT_RESP_LEN, NULL, NULL);
	if (!ret && copy_to_user(u64_to_user_ptr(io->resp_data), resp,
				 SEVDEV_REPORT_RESP_LEN))
		ret = -EFAULT;
	kfree(resp);
	return ret;
}

static int sevdev_get_derived_key(struct sevdev_request *io)
{
	u8 resp[SEVDEV_KEY_RESP_LEN] = { 0 };
	struct sevdev_key_req req;
	int ret;

	if (!io->req_data || !io->resp_data)
		return -EINVAL;
	if (copy_from_user(&req, u64_to_user_ptr(io->req_data), sizeof(req)))
		return -EFAULT;
	ret = sevdev_request(io, SNP_MSG_KEY_REQ, &req, sizeof(req), resp,
			     sizeof(resp), NULL, NULL);
	if (!ret && copy_to_user(u64_to_user_ptr(io->resp_data), resp,
				 sizeof(resp)))
		ret = -EFAULT;
	/* The derived key must not linger on the stack. */
	memzero_explicit(resp, sizeof(resp));
	return ret;
}

/* Certificate table entries: {GUID[16], u32 offset, u32 length}. */
static bool sevdev_cert_entry_empty(const u8 *ent)
{
	return !memchr_inv(ent, 0, SEVDEV_CERT_ENTRY_LEN);
}

/*
 * The size a certificate table spans: the end of its furthest entry (up to
 * an all-zero one) in whole pages, or @len when that is not within @len.
 * The hypervisor wrote it: bounds are checked, and the result is only a
 * size hint for the caller.
 */
static u32 sevdev_certs_span(const u8 *table, u32 len)
{
	u64 end = 0;
	u32 i;

	for (i = 0; i + SEVDEV_CERT_ENTRY_LEN <= len &&
	     !sevdev_cert_entry_empty(table + i); i += SEVDEV_CERT_ENTRY_LEN)
		end = max_t(u64, end, (u64)coco_get_le32(table + i + 16) +
				      coco_get_le32(table + i + 20));
	return end && end <= len ? PAGE_ALIGN(end) : len;
}

/*
 * The extended report: certificates wanted when both certs_address and
 * certs_len are non-zero; certs_len must then be whole pages, at most
 * 16 KiB.  When the hypervisor has more certificate data than offered, the
 * ioctl fails with -EIO, vmm_error INVALID_LEN, and certs_len in the
 * user's request tells the size needed.
 *
 * Upstream asks with zero pages when no certificates are wanted, so a
 * hypervisor that has some answers INVALID_LEN; clients use that to learn
 * the size.  The message layer takes no empty buffer: the request offers
 * 16 KiB and, when the table it gets back is not empty, the ioctl answers
 * as the zero-page request would have.
 */
static int sevdev_get_ext_report(struct sevdev_request *io)
{
	struct sevdev_ext_report_req req;
	void __user *ucerts = NULL;
	u32 certs_len = SEVDEV_CERTS_MAX;
	u8 *resp, *certs;
	int ret;

	if (!io->req_data || !io->resp_data)
		return -EINVAL;
	if (copy_from_user(&req, u64_to_user_ptr(io->req_data), sizeof(req)))
		return -EFAULT;
	if (req.certs_len && req.certs_address) {
		if (req.certs_len > SEVDEV_CERTS_MAX ||
		    !PAGE_ALIGNED(req.certs_len))
			return -EINVAL;
		ucerts = u64_to_user_ptr(req.certs_address);
		if (!access_ok(ucerts, req.certs_len))
			return -EFAULT;
		certs_len = req.certs_len;
	}

	resp = kzalloc(SEVDEV_REPORT_RESP_LEN, GFP_KERNEL);
	certs = kzalloc(certs_len, GFP_KERNEL);
	ret = -ENOMEM;
	if (!resp || !certs)
		goto out;

	ret = sevdev_request(io, SNP_MSG_REPORT_REQ, &req.data,
			     sizeof(req.data), resp, SEVDEV_REPORT_RESP_LEN,
			     certs, &certs_len);
	if (!ret && !ucerts && !sevdev_cert_entry_empty(certs)) {
		/* Not an empty table: what a zero-page request would get. */
		certs_len = sevdev_certs_span(certs, certs_len);
		ret = -ENOSPC;
	}
	if (ret == -ENOSPC) {
		io->exitinfo2 = (u64)SNP_GUEST_VMM_ERR_INVALID_LEN <<
				SNP_GUEST_VMM_ERR_SHIFT;
		req.certs_len = PAGE_ALIGN(certs_len);
		ret = -EIO;
		if (copy_to_user(u64_to_user_ptr(io->req_data), &req,
				 sizeof(req)))
			ret = -EFAULT;
		goto out;
	}
	if (ret)
		goto out;
	if (ucerts && copy_to_user(ucerts, certs, req.certs_len)) {
		ret = -EFAULT;
		goto out;
	}
	if (copy_to_user(u64_to_user_ptr(io->resp_data), resp,
			 SEVDEV_REPORT_RESP_LEN))
		ret = -EFAULT;
out:
	kfree(certs);
	kfree(resp);
	return ret;
}

static long sevdev_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	void __user *argp = (void __user *)arg;
	struct sevdev_request io;
	int ret;

	if (cmd != SEVDEV_GET_REPORT && cmd != SEVDEV_GET_DERIVED_KEY &&
	    cmd != SEVDEV_GET_EXT_REPORT)
		return -ENOTTY;
	if (copy_from_user(&io, argp, sizeof(io)))
		return -EFAULT;
	io.exitinfo2 = SEVDEV_NO_FW_CALL;
	if (!io.msg_version)
		return -EINVAL;

	switch (cmd) {
	case SEVDEV_GET_REPORT:
		ret = sevdev_get_report(&io);
		break;
	case SEVDEV_GET_DERIVED_KEY:
		ret = sevdev_get_derived_key(&io);
		break;
	default:
		ret = sevdev_get_ext_report(&io);
		break;
	}
	if (io.exitinfo2 && copy_to_user(argp, &io, sizeof(io)))
		return -EFAULT;
	return ret;
}

static const struct file_operations sevdev_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = sevdev_ioctl,
};

static struct miscdevice sevdev_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = SEVDEV_NAME,
	.fops = &sevdev_fops,
};

static bool sevdev_registered;

/**
 * coco_guest_abi_dev_init() - offer /dev/sev-guest on an SNP guest
 * @guest: the detected platform
 *
 * Nothing is registered unless the SNP message channel is up and no other
 * driver (the kernel's sev-guest) owns the name.  A device that cannot be
 * offered is logged, never an error for the module.
 */
void coco_guest_abi_dev_init(struct coco_guest *guest)
{
	int ret;

	if (guest->det.kind != COCO_PLATFORM_SEV_SNP ||
	    !coco_guest_snp_ready())
		return;
	ret = coco_guest_misc_name_taken(SEVDEV_NAME);
	if (ret) {
		pr_info("/dev/%s not offered: %s\n", SEVDEV_NAME,
			ret == -EBUSY ? "the name is taken by another driver" :
					"the misc class cannot be searched");
		return;
	}
	ret = misc_register(&sevdev_misc);
	if (ret) {
		pr_warn("/dev/%s could not be registered (%d)\n", SEVDEV_NAME,
			ret);
		return;
	}
	sevdev_registered = true;
}

/**
 * coco_guest_abi_dev_exit() - remove /dev/sev-guest if it was offered
 */
void coco_guest_abi_dev_exit(void)
{
	if (!sevdev_registered)
		return;
	misc_deregister(&sevdev_misc);
	sevdev_registered = false;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * s390 PV evidence for the attestation interfaces: Retrieve Attestation
 * Measurement for an ARCB the verifier made (coco_uv_attest() does the
 * call), and, for configfs-tsm, whose input is only a 64-byte nonce, an
 * ARCB staged beforehand through /dev/coco-guest.  Facts from
 * shared/spec/s390-pv.md sections 2.4 and 6.
 *
 * The ARCB is opaque here: the Ultravisor unseals and judges it.  A staged
 * ARCB may be used for many reports; the verifier holds the measurement
 * key, and the nonce in the user data keeps every report fresh.
 */
#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <coco/uv.h>
#include <uapi/linux/coco-guest.h>
#include "attest.h"
#include "coco_guest.h"

/**
 * struct uv_staged - the ARCB configfs-tsm reports are made with
 * @lock: serialises staging against its use
 * @arcb: the ARCB, NULL when none is staged
 * @arcb_len: its size
 * @meas_len: measurement size to ask for
 * @add_len: additional data size to ask for
 */
struct uv_staged {
	struct mutex lock;	/* everything below */
	void *arcb;
	u32 arcb_len;
	u32 meas_len;
	u32 add_len;
};

static struct uv_staged uv_staged = {
	.lock = __MUTEX_INITIALIZER(uv_staged.lock),
};

/**
 * coco_attest_uv_available() - can attestation measurements be requested
 * @guest: the module state
 *
 * Return: true in a protected guest whose UV has Retrieve Attestation
 * Measurement installed.
 */
bool coco_attest_uv_available(struct coco_guest *guest)
{
	return guest->det.kind == COCO_PLATFORM_S390_PV &&
	       coco_uv_call_installed(guest->uv_query.inst_calls,
				      UV_BIT_RETR_ATTEST);
}

/**
 * coco_attest_uv_secrets_available() - can the secret store be read
 * @guest: the module state
 *
 * Return: true in a protected guest whose UV has List Secrets and
 * Retrieve Secret installed.
 */
bool coco_attest_uv_secrets_available(struct coco_guest *guest)
{
	return guest->det.kind == COCO_PLATFORM_S390_PV &&
	       coco_uv_call_installed(guest->uv_query.inst_calls,
				      UV_BIT_LIST_SECRETS) &&
	       coco_uv_call_installed(guest->uv_query.inst_calls,
				      UV_BIT_RETR_SECRET);
}

/**
 * coco_attest_uv_measure() - one attestation measurement
 * @guest: the module state
 * @req: the request; @req->config_uid is filled
 * @fw_error: the UV's rc in bits 15:0 and rrc in bits 31:16
 *
 * Return: 0; -EOPNOTSUPP without the UV call; -EINVAL for sizes out of
 * bounds or an ARCB claiming more than its buffer (no call made); -EIO
 * when the UV refused the request; -EINTR when killed while it was busy.
 */
int coco_attest_uv_measure(struct coco_guest *guest,
			   struct coco_attest_uv *req, u64 *fw_error)
{
	struct coco_uv_status st = { 0 };
	struct coco_uv_attest *cb;
	int ret;

	*fw_error = 0;
	if (!coco_attest_uv_available(guest))
		return -EOPNOTSUPP;
	if (!req->arcb_len || req->arcb_len > UV_ATTEST_ARCB_MAX ||
	    req->user_data_len > UV_ATTEST_USER_DATA_MAX)
		return -EINVAL;
	cb = kzalloc(sizeof(*cb), GFP_KERNEL);
	if (!cb)
		return -ENOMEM;
	cb->arcb = req->arcb;
	cb->arcb_len = req->arcb_len;
	memcpy(cb->user_data, req->user_data, req->user_data_len);
	cb->user_data_len = req->user_data_len;
	cb->meas = req->meas;
	cb->meas_len = req->meas_len;
	cb->add_data = req->add_len ? req->add : NULL;
	cb->add_data_len = req->add_len;
	ret = coco_uv_attest(guest->plat, cb, &st);
	if (ret != -EINVAL)
		*fw_error = st.rc | (u64)st.rrc << 16;
	if (!ret && st.rc != UVC_RC_EXECUTED)
		ret = -EIO;
	memcpy(req->config_uid, cb->config_uid, sizeof(req->config_uid));
	kfree(cb);
	return ret;
}

/**
 * coco_attest_uv_stage_arcb() - set or clear the ARCB of configfs-tsm
 * @arcb: user pointer to the ARCB; NULL with @arcb_len 0 clears
 * @arcb_len: its size, at most 1 MiB
 * @meas_len: measurement size, 1..32 KiB
 * @add_len: additional data size, 0..32 KiB
 *
 * Return: 0, -EINVAL for sizes out of bounds or an ARCB that claims more
 * than @arcb_len bytes, -EFAULT, -ENOMEM.
 */
int coco_attest_uv_stage_arcb(const void __user *arcb, u32 arcb_len,
			      u32 meas_len, u32 add_len)
{
	void *copy = NULL;

	if (!arcb_len) {
		if (arcb || meas_len || add_len)
			return -EINVAL;
	} else {
		if (arcb_len > UV_ATTEST_ARCB_MAX || !meas_len ||
		    meas_len > UV_ATTEST_MEAS_MAX || add_len > UV_ATTEST_ADD_MAX)
			return -EINVAL;
		/* The UV reads it: kmalloc memory, never vmalloc. */
		copy = kmalloc(arcb_len, GFP_KERNEL | __GFP_NOWARN);
		if (!copy)
			return -ENOMEM;
		if (copy_from_user(copy, arcb, arcb_len)) {
			kfree(copy);
			return -EFAULT;
		}
		/* Refuse now what every later report would refuse. */
		if (!coco_uv_req_fits(copy, arcb_len)) {
			kfree(copy);
			return -EINVAL;
		}
	}
	mutex_lock(&uv_staged.lock);
	kfree(uv_staged.arcb);
	uv_staged.arcb = copy;
	uv_staged.arcb_len = arcb_len;
	uv_staged.meas_len = meas_len;
	uv_staged.add_len = add_len;
	mutex_unlock(&uv_staged.lock);
	return 0;
}

/**
 * coco_attest_uv_blob() - a measurement as one blob (configfs-tsm outblob)
 * @guest: the module state
 * @user_data: the nonce
 * @user_data_len: its length, at most 64
 * @blob: receives a kvmalloc'ed struct coco_guest_uv_blob, measurement and
 *	additional data
 * @blob_len: its size
 *
 * Return: 0; -ENOKEY when no ARCB is staged; -EINVAL, -EIO, -EOPNOTSUPP,
 * -EINTR as coco_attest_uv_measure(); -ENOMEM.
 */
int coco_attest_uv_blob(struct coco_guest *guest, const u8 *user_data,
			u32 user_data_len, u8 **blob, size_t *blob_len)
{
	struct coco_guest_uv_blob *hdr;
	struct coco_attest_uv req = { 0 };
	u8 *meas = NULL, *add = NULL, *out;
	u64 fw_error;
	size_t len;
	int ret;

	if (user_data_len > sizeof(hdr->user_data))
		return -EINVAL;
	/* Held across a UV call that may stay busy: waiters stay killable. */
	if (mutex_lock_killable(&uv_staged.lock))
		return -EINTR;
	ret = -ENOKEY;
	if (!uv_staged.arcb)
		goto out;
	ret = -ENOMEM;
	meas = kzalloc(uv_staged.meas_len, GFP_KERNEL);
	if (uv_staged.add_len)
		add = kzalloc(uv_staged.add_len, GFP_KERNEL);
	if (!meas || (uv_staged.add_len && !add))
		goto out;
	req.arcb = uv_staged.arcb;
	req.arcb_len = uv_staged.arcb_len;
	req.user_data = user_data;
	req.user_data_len = user_data_len;
	req.meas = meas;
	req.meas_len = uv_staged.meas_len;
	req.add = add;
	req.add_len = uv_staged.add_len;
	ret = coco_attest_uv_measure(guest, &req, &fw_error);
	if (ret)
		goto out;

	len = sizeof(*hdr) + req.meas_len + req.add_len;
	out = kvzalloc(len, GFP_KERNEL);
	ret = -ENOMEM;
	if (!out)
		goto out;
	hdr = (struct coco_guest_uv_blob *)out;
	hdr->magic = COCO_GUEST_UV_BLOB_MAGIC;
	hdr->version = 1;
	hdr->hdr_len = sizeof(*hdr);
	hdr->meas_len = req.meas_len;
	hdr->add_len = req.add_len;
	hdr->user_data_len = user_data_len;
	memcpy(hdr->config_uid, req.config_uid, sizeof(hdr->config_uid));
	memcpy(hdr->user_data, user_data, user_data_len);
	memcpy(out + sizeof(*hdr), meas, req.meas_len);
	if (req.add_len)
		memcpy(out + sizeof(*hdr) + req.meas_len, add, req.add_len);
	*blob = out;
	*blob_len = len;
	ret = 0;
out:
	mutex_unlock(&uv_staged.lock);
	kfree(add);
	kfree(meas);
	return ret;
}

/**
 * coco_attest_uv_exit() - drop the staged ARCB
 */
void coco_attest_uv_exit(void)
{
	mutex_lock(&uv_staged.lock);
	kfree(uv_staged.arcb);
	uv_staged.arcb = NULL;
	uv_staged.arcb_len = 0;
	mutex_unlock(&uv_staged.lock);
}

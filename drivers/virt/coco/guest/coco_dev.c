// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/coco-guest: the unified attestation device (include/uapi/linux/
 * coco-guest.h).  One ABI on both architectures: a platform query,
 * evidence bound to a caller's nonce (an SNP report with its certificate
 * table, or an s390 measurement with its additional data), SNP derived
 * keys, and the s390 secret store.
 *
 * Every argument is copied in once and judged as a whole (size, flags,
 * reserved fields, lengths, pointers) before any firmware call is made,
 * so a rejected ioctl never costs an SNP sequence number.  The structure
 * is written back on success, on -ENOSPC (with the length needed) and on
 * -EIO (with the firmware's answer).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bits.h>
#include <linux/fs.h>
#include <linux/minmax.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <uapi/linux/coco-guest.h>
#include "attest.h"
#include "coco_guest.h"

#if IS_ENABLED(CONFIG_S390)
#include <coco/uv.h>
#endif

#define COCO_DEV_NAME		"coco-guest"
#define COCO_DEV_S390_MEAS_MAX	0x8000U
#define COCO_DEV_S390_ADD_MAX	0x8000U
#define COCO_DEV_S390_ARCB_MAX	0x100000U
#define COCO_DEV_SNP_VMPL_MAX	3
/* Guest fields a 32-byte MSG_KEY_REQ can select (bits 0..5). */
#define COCO_DEV_KEY_FIELDS	0x3fULL

static struct coco_guest *coco_dev_guest;

/* Copy in, check size and flags: the common part of every ioctl. */
static int coco_dev_get(void *karg, const void __user *uarg, size_t size)
{
	const struct {
		u32 size;
		u32 flags;
	} *hdr = karg;

	if (copy_from_user(karg, uarg, size))
		return -EFAULT;
	if (hdr->size != size || hdr->flags)
		return -EINVAL;
	return 0;
}

static bool coco_dev_zero(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

static int coco_dev_put(void __user *uarg, const void *karg, size_t size,
			int ret)
{
	if (copy_to_user(uarg, karg, size))
		return -EFAULT;
	return ret;
}

static int coco_dev_info(struct coco_guest *guest, void __user *uarg)
{
	struct coco_guest_info in, info = {
		.size = sizeof(info),
		.abi_version = COCO_GUEST_ABI_VERSION,
	};
	int ret;

	ret = coco_dev_get(&in, uarg, sizeof(in));
	if (ret)
		return ret;
	if (!coco_dev_zero(in.reserved, sizeof(in.reserved)))
		return -EINVAL;

	if (guest->det.kind == COCO_PLATFORM_SEV_SNP) {
		info.platform = COCO_GUEST_PLATFORM_SEV_SNP;
		info.nonce_max = COCO_GUEST_SNP_NONCE_MAX;
		info.evidence_max = COCO_GUEST_SNP_REPORT_LEN;
		if (coco_attest_snp_available(guest)) {
			info.evidence_types = BIT(COCO_GUEST_EVIDENCE_SNP_REPORT);
			info.features = COCO_GUEST_FEAT_DERIVED_KEY |
					COCO_GUEST_FEAT_CERTS;
		}
	} else if (guest->det.kind == COCO_PLATFORM_S390_PV) {
		info.platform = COCO_GUEST_PLATFORM_S390_PV;
		info.nonce_max = COCO_GUEST_NONCE_MAX;
		info.evidence_max = COCO_DEV_S390_MEAS_MAX;
		if (coco_attest_uv_available(guest))
			info.evidence_types = BIT(COCO_GUEST_EVIDENCE_S390_MEAS);
		if (coco_attest_uv_secrets_available(guest))
			info.features = COCO_GUEST_FEAT_SECRETS;
	}
	return coco_dev_put(uarg, &info, sizeof(info), 0);
}

/* The fields every evidence request shares: nonce, outputs, reserved. */
static int coco_dev_evidence_check(const struct coco_guest_evidence *ev,
				   u32 nonce_max)
{
	if (ev->reserved0 || !coco_dev_zero(ev->reserved, sizeof(ev->reserved)))
		return -EINVAL;
	if (ev->nonce_len > nonce_max ||
	    !coco_dev_zero(ev->nonce + ev->nonce_len,
			   sizeof(ev->nonce) - ev->nonce_len))
		return -EINVAL;
	if (!ev->evidence || (!ev->aux && ev->aux_len))
		return -EFAULT;
	return 0;
}

static int coco_dev_evidence_snp(struct coco_guest_evidence *ev)
{
	void __user *uaux = u64_to_user_ptr(ev->aux);
	u32 certs_len = 0, kcerts_len = 0;
	u8 *report, *certs = NULL;
	int ret;

	if (ev->privlevel > COCO_DEV_SNP_VMPL_MAX || ev->request ||
	    ev->request_len)
		return -EINVAL;
	ret = coco_dev_evidence_check(ev, COCO_GUEST_SNP_NONCE_MAX);
	if (ret)
		return ret;
	if (ev->evidence_len < COCO_GUEST_SNP_REPORT_LEN) {
		ev->evidence_len = COCO_GUEST_SNP_REPORT_LEN;
		return -ENOSPC;
	}
	if (!access_ok(u64_to_user_ptr(ev->evidence),
		       COCO_GUEST_SNP_REPORT_LEN) ||
	    (ev->aux && !access_ok(uaux, ev->aux_len)))
		return -EFAULT;

	report = kzalloc(COCO_GUEST_SNP_REPORT_LEN, GFP_KERNEL);
	if (!report)
		return -ENOMEM;
	if (ev->aux) {
		/* A whole number of pages, one at least, within the cap. */
		kcerts_len = clamp_t(u32, PAGE_ALIGN(max_t(u32, ev->aux_len, 1)),
				     PAGE_SIZE, COCO_ATTEST_SNP_CERTS_MAX);
		certs = kvzalloc(kcerts_len, GFP_KERNEL);
		if (!certs) {
			ret = -ENOMEM;
			goto out;
		}
		certs_len = kcerts_len;
	}
	ret = coco_attest_snp_report(ev->nonce, ev->nonce_len, ev->privlevel,
				     report, certs, certs ? &certs_len : NULL,
				     &ev->status, &ev->fw_error);
	if (ret == -ENOSPC) {
		ev->aux_len = certs_len;
		goto out;
	}
	if (ret)
		goto out;
	if (certs && certs_len > ev->aux_len) {
		ev->aux_len = certs_len;
		ret = -ENOSPC;
		goto out;
	}
	ret = -EFAULT;
	if (copy_to_user(u64_to_user_ptr(ev->evidence), report,
			 COCO_GUEST_SNP_REPORT_LEN))
		goto out;
	if (certs && certs_len && copy_to_user(uaux, certs, certs_len))
		goto out;
	ev->evidence_len = COCO_GUEST_SNP_REPORT_LEN;
	ev->aux_len = certs ? certs_len : 0;
	ret = 0;
out:
	kvfree(certs);
	kfree(report);
	return ret;
}

static int coco_dev_evidence_s390(struct coco_guest *guest,
				  struct coco_guest_evidence *ev)
{
	struct coco_attest_uv req = { 0 };
	void *arcb = NULL;
	int ret;

	if (ev->privlevel || !ev->request_len ||
	    ev->request_len > COCO_DEV_S390_ARCB_MAX || !ev->evidence_len ||
	    ev->evidence_len > COCO_DEV_S390_MEAS_MAX ||
	    ev->aux_len > COCO_DEV_S390_ADD_MAX)
		return -EINVAL;
	ret = coco_dev_evidence_check(ev, COCO_GUEST_NONCE_MAX);
	if (ret)
		return ret;
	if (!ev->request)
		return -EFAULT;

	ret = -ENOMEM;
	/* The UV reads and writes these: kmalloc memory, not vmalloc. */
	arcb = kmalloc(ev->request_len, GFP_KERNEL | __GFP_NOWARN);
	req.meas = kzalloc(ev->evidence_len, GFP_KERNEL);
	if (ev->aux_len)
		req.add = kzalloc(ev->aux_len, GFP_KERNEL);
	if (!arcb || !req.meas || (ev->aux_len && !req.add))
		goto out;
	ret = -EFAULT;
	if (copy_from_user(arcb, u64_to_user_ptr(ev->request),
			   ev->request_len))
		goto out;
	req.arcb = arcb;
	req.arcb_len = ev->request_len;
	req.user_data = ev->nonce;
	req.user_data_len = ev->nonce_len;
	req.meas_len = ev->evidence_len;
	req.add_len = ev->aux_len;
	ret = coco_attest_uv_measure(guest, &req, &ev->fw_error);
	if (ret)
		goto out;
	ret = -EFAULT;
	if (copy_to_user(u64_to_user_ptr(ev->evidence), req.meas,
			 req.meas_len))
		goto out;
	if (req.add_len &&
	    copy_to_user(u64_to_user_ptr(ev->aux), req.add, req.add_len))
		goto out;
	memcpy(ev->s390_config_uid, req.config_uid,
	       sizeof(ev->s390_config_uid));
	ret = 0;
out:
	kfree(req.add);
	kfree(req.meas);
	kfree(arcb);
	return ret;
}

static int coco_dev_evidence(struct coco_guest *guest, void __user *uarg)
{
	struct coco_guest_evidence ev;
	int ret;

	ret = coco_dev_get(&ev, uarg, sizeof(ev));
	if (ret)
		return ret;
	ev.status = 0;
	ev.fw_error = 0;
	memset(ev.s390_config_uid, 0, sizeof(ev.s390_config_uid));
	switch (ev.type) {
	case COCO_GUEST_EVIDENCE_SNP_REPORT:
		if (!coco_attest_snp_available(guest))
			return -EOPNOTSUPP;
		ret = coco_dev_evidence_snp(&ev);
		break;
	case COCO_GUEST_EVIDENCE_S390_MEAS:
		if (!coco_attest_uv_available(guest))
			return -EOPNOTSUPP;
		ret = coco_dev_evidence_s390(guest, &ev);
		break;
	default:
		return -EINVAL;
	}
	if (ret && ret != -ENOSPC && ret != -EIO)
		return ret;
	return coco_dev_put(uarg, &ev, sizeof(ev), ret);
}

static int coco_dev_key(struct coco_guest *guest, void __user *uarg)
{
	struct coco_attest_snp_key req;
	struct coco_guest_key k;
	int ret;

	ret = coco_dev_get(&k, uarg, sizeof(k));
	if (ret)
		return ret;
	if (k.reserved0 || k.reserved1 ||
	    !coco_dev_zero(k.reserved, sizeof(k.reserved)))
		return -EINVAL;
	k.status = 0;
	k.fw_error = 0;
	if (!coco_attest_snp_available(guest))
		return -EOPNOTSUPP;
	if (k.root_key_select > 1 || k.privlevel > COCO_DEV_SNP_VMPL_MAX ||
	    k.guest_field_select & ~COCO_DEV_KEY_FIELDS)
		return -EINVAL;

	req.root_key_select = k.root_key_select;
	req.vmpl = k.privlevel;
	req.guest_field_select = k.guest_field_select;
	req.guest_svn = k.guest_svn;
	req.tcb_version = k.tcb_version;
	ret = coco_attest_snp_key(&req, k.key, &k.status, &k.fw_error);
	if (!ret || ret == -EIO)
		ret = coco_dev_put(uarg, &k, sizeof(k), ret);
	memzero_explicit(k.key, sizeof(k.key));
	return ret;
}

#if IS_ENABLED(CONFIG_S390)
static void coco_dev_secret_entry(const struct coco_uv_secret_entry *e,
				  struct coco_guest_secret_entry *u)
{
	u->index = e->index;
	u->type = e->type;
	u->len = e->len;
	memcpy(u->id, e->id, sizeof(u->id));
}

static int coco_dev_secret_list(struct coco_guest *guest, void __user *uarg)
{
	const u32 esz = sizeof(struct coco_guest_secret_entry);
	struct coco_guest_secret_entry __user *ue;
	struct coco_uv_secret_list_hdr hdr = { 0 };
	struct coco_guest_secret_entry out;
	struct coco_uv_secret_entry e;
	struct coco_uv_status st = { 0 };
	struct coco_guest_secret_list sl;
	u32 count = 0, i;
	u16 start = 0;
	void *page;
	int ret;

	ret = coco_dev_get(&sl, uarg, sizeof(sl));
	if (ret)
		return ret;
	if (!coco_dev_zero(sl.reserved, sizeof(sl.reserved)))
		return -EINVAL;
	if (!coco_attest_uv_secrets_available(guest))
		return -EOPNOTSUPP;
	if (!sl.entries && sl.entries_len)
		return -EFAULT;
	ue = u64_to_user_ptr(sl.entries);

	page = (void *)get_zeroed_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	for (;;) {
		ret = coco_uv_list_secrets(guest->plat, page, start, &hdr, &st);
		sl.fw_error = st.rc | (u64)st.rrc << 16;
		if (ret == -EINTR)
			goto out;
		if (ret) {
			ret = st.rc == UVC_RC_INV_CMD ? -EOPNOTSUPP : -EIO;
			break;
		}
		for (i = 0; i < hdr.num; i++, count++) {
			if ((u64)(count + 1) * esz > sl.entries_len)
				continue;
			coco_uv_secret_entry_read(page, i, &e);
			coco_dev_secret_entry(&e, &out);
			if (copy_to_user(ue + count, &out, esz)) {
				ret = -EFAULT;
				goto out;
			}
		}
		/* Progress is guaranteed: next > start was checked. */
		if (st.rc != UVC_RC_MORE_DATA)
			break;
		start = hdr.next;
	}
	sl.total = hdr.total;
	if (!ret && (u64)count * esz > sl.entries_len)
		ret = -ENOSPC;
	if (!ret || ret == -ENOSPC)
		sl.entries_len = count * esz;
	if (!ret || ret == -ENOSPC || ret == -EIO)
		ret = coco_dev_put(uarg, &sl, sizeof(sl), ret);
out:
	free_page((unsigned long)page);
	return ret;
}

static int coco_dev_secret_get(struct coco_guest *guest, void __user *uarg)
{
	struct coco_uv_status st = { 0 };
	struct coco_uv_secret_entry e;
	struct coco_guest_secret s;
	u8 *buf = NULL;
	void *page;
	int ret;

	ret = coco_dev_get(&s, uarg, sizeof(s));
	if (ret)
		return ret;
	if (!coco_dev_zero(s.reserved, sizeof(s.reserved)))
		return -EINVAL;
	s.type = 0;
	if (!coco_attest_uv_secrets_available(guest))
		return -EOPNOTSUPP;
	if (!s.value)
		return -EFAULT;

	page = (void *)get_zeroed_page(GFP_KERNEL);
	if (!page)
		return -ENOMEM;
	ret = coco_uv_find_secret(guest->plat, s.id, page, &e, &st);
	s.fw_error = st.rc | (u64)st.rrc << 16;
	if (ret == -ENODEV)
		ret = -EOPNOTSUPP;
	if (ret)
		goto out;
	s.type = e.type;
	if (!e.len || e.len > UV_RETR_SECRET_MAX) {
		ret = e.type == UV_SECRET_TYPE_ASSOCIATION ? -ENOENT : -EIO;
		goto out;
	}
	if (e.len > s.value_len) {
		s.value_len = e.len;
		ret = -ENOSPC;
		goto out;
	}
	buf = kzalloc(e.len, GFP_KERNEL);
	if (!buf) {
		ret = -ENOMEM;
		goto out;
	}
	ret = coco_uv_retrieve_secret(guest->plat, e.index, buf, e.len, &st);
	s.fw_error = st.rc | (u64)st.rrc << 16;
	if (ret == -ENODEV)
		ret = -EOPNOTSUPP;
	else if (ret == -EINVAL)
		ret = -EIO;	/* the store's length was wrong */
	if (ret)
		goto out;
	if (copy_to_user(u64_to_user_ptr(s.value), buf, e.len)) {
		ret = -EFAULT;
		goto out;
	}
	s.value_len = e.len;
out:
	if (!ret || ret == -ENOSPC || ret == -EIO)
		ret = coco_dev_put(uarg, &s, sizeof(s), ret);
	kfree_sensitive(buf);
	free_page((unsigned long)page);
	return ret;
}
#else
static int coco_dev_secret_list(struct coco_guest *guest, void __user *uarg)
{
	struct coco_guest_secret_list sl;
	int ret;

	ret = coco_dev_get(&sl, uarg, sizeof(sl));
	return ret ? ret : -EOPNOTSUPP;
}

static int coco_dev_secret_get(struct coco_guest *guest, void __user *uarg)
{
	struct coco_guest_secret s;
	int ret;

	ret = coco_dev_get(&s, uarg, sizeof(s));
	return ret ? ret : -EOPNOTSUPP;
}
#endif

static int coco_dev_tsm_arcb(struct coco_guest *guest, void __user *uarg)
{
	struct coco_guest_tsm_arcb a;
	int ret;

	ret = coco_dev_get(&a, uarg, sizeof(a));
	if (ret)
		return ret;
	if (a.reserved0 || !coco_dev_zero(a.reserved, sizeof(a.reserved)))
		return -EINVAL;
	if (!coco_attest_uv_available(guest))
		return -EOPNOTSUPP;
	if (!a.request && a.request_len)
		return -EFAULT;
	return coco_attest_uv_stage_arcb(u64_to_user_ptr(a.request),
					 a.request_len, a.meas_len, a.add_len);
}

static long coco_dev_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	struct coco_guest *guest = coco_dev_guest;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case COCO_GUEST_IOC_INFO:
		return coco_dev_info(guest, uarg);
	case COCO_GUEST_IOC_EVIDENCE:
		return coco_dev_evidence(guest, uarg);
	case COCO_GUEST_IOC_DERIVED_KEY:
		return coco_dev_key(guest, uarg);
	case COCO_GUEST_IOC_SECRET_LIST:
		return coco_dev_secret_list(guest, uarg);
	case COCO_GUEST_IOC_SECRET_GET:
		return coco_dev_secret_get(guest, uarg);
	case COCO_GUEST_IOC_TSM_ARCB:
		return coco_dev_tsm_arcb(guest, uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations coco_dev_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = coco_dev_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

static struct miscdevice coco_dev_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = COCO_DEV_NAME,
	.fops = &coco_dev_fops,
};

static bool coco_dev_registered;

/**
 * coco_guest_dev_init() - offer /dev/coco-guest
 * @guest: the detected platform; must outlive the device
 *
 * The device exists on SEV-SNP and s390x PV guests; what it can do right
 * now (the SNP channel may become usable only later) COCO_GUEST_IOC_INFO
 * tells.  Not being such a guest is no error.
 *
 * Return: 0 or the misc_register() error.
 */
int coco_guest_dev_init(struct coco_guest *guest)
{
	int ret;

	if (guest->det.kind != COCO_PLATFORM_SEV_SNP &&
	    guest->det.kind != COCO_PLATFORM_S390_PV)
		return 0;
	coco_dev_guest = guest;
	ret = misc_register(&coco_dev_misc);
	if (ret) {
		pr_err("/dev/%s could not be registered (%d)\n", COCO_DEV_NAME,
		       ret);
		return ret;
	}
	coco_dev_registered = true;
	return 0;
}

/**
 * coco_guest_dev_exit() - remove /dev/coco-guest
 */
void coco_guest_dev_exit(void)
{
	if (coco_dev_registered)
		misc_deregister(&coco_dev_misc);
	coco_dev_registered = false;
	coco_attest_uv_exit();
}

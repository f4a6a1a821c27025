// SPDX-License-Identifier: GPL-2.0-only
/*
 * configfs-tsm provider of coco_guest, built only against kernels with
 * the TSM core (CONFIG_TSM_REPORTS; the tsm_register(ops, priv) of 6.10
 * and later).  /sys/kernel/config/tsm/report/$name: inblob is the nonce,
 * privlevel the privilege level to report; reading outblob or auxblob
 * makes the report.  Facts from shared/spec/x86-sev.md section 7.7.
 *
 * SEV-SNP (provider "coco_guest_snp"): inblob must be 64 bytes, it becomes
 * REPORT_DATA; privlevel is the VMPL; outblob is the ATTESTATION_REPORT,
 * auxblob the hypervisor's certificate table (empty without one).
 *
 * s390x PV (provider "coco_guest_uv"): the Ultravisor measures only for an
 * ARCB, which configfs-tsm has no attribute for: it is staged beforehand
 * with COCO_GUEST_IOC_TSM_ARCB on /dev/coco-guest.  inblob (up to 64
 * bytes) is the user data; outblob is struct coco_guest_uv_blob, the
 * measurement and the additional data; privlevel must be 0.
 *
 * Both providers are built on every architecture (the other platform's
 * attestation calls are stubs there) and the one registered is chosen at
 * run time, so the s390 provider is compiled on the x86_64 6.12 cell, the
 * only cell here with the TSM core.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tsm.h>
#include "attest.h"
#include "coco_guest.h"

static const struct tsm_ops *coco_tsm_registered;

/* Only the basic attributes: no service provider, no manifest. */
static bool coco_tsm_attr_visible(int n)
{
	switch (n) {
	case TSM_REPORT_GENERATION:
	case TSM_REPORT_PROVIDER:
	case TSM_REPORT_PRIVLEVEL:
	case TSM_REPORT_PRIVLEVEL_FLOOR:
		return true;
	default:
		return false;
	}
}

/* Four pages hold the usual table (VCEK, ASK, ARK); more when asked for. */
#define COCO_TSM_CERTS_FIRST	(4 * 4096)

static int coco_tsm_snp_report(struct tsm_report *report, void *data)
{
	const struct tsm_desc *desc = &report->desc;
	struct coco_guest *guest = data;
	u32 cap = COCO_TSM_CERTS_FIRST, certs_len = 0, status = 0;
	u8 *out, *certs = NULL, *aux = NULL;
	u64 fw_error = 0;
	int ret, tries;

	if (desc->inblob_len != COCO_ATTEST_SNP_DATA_LEN)
		return -EINVAL;
	if (!coco_attest_snp_available(guest))
		return -ENXIO;
	out = kvzalloc(COCO_ATTEST_SNP_REPORT_LEN, GFP_KERNEL);
	if (!out)
		return -ENOMEM;
	for (tries = 0; tries < 2; tries++) {
		kvfree(certs);
		certs = kvzalloc(cap, GFP_KERNEL);
		ret = -ENOMEM;
		if (!certs)
			goto err;
		certs_len = cap;
		ret = coco_attest_snp_report(desc->inblob, desc->inblob_len,
					     desc->privlevel, out, certs,
					     &certs_len, &status, &fw_error);
		if (ret != -ENOSPC || certs_len <= cap ||
		    certs_len > COCO_ATTEST_SNP_CERTS_MAX)
			break;
		cap = certs_len;
	}
	if (ret) {
		pr_debug("tsm: SNP report failed (%d, status 0x%x, exitinfo2 0x%llx)\n",
			 ret, status, fw_error);
		/* The firmware refused these parameters: the caller's error. */
		if (ret == -EIO && status)
			ret = -EINVAL;
		goto err;
	}
	if (certs_len) {
		aux = kvmalloc(certs_len, GFP_KERNEL);
		ret = -ENOMEM;
		if (!aux)
			goto err;
		memcpy(aux, certs, certs_len);
	}
	kvfree(certs);
	report->outblob = out;
	report->outblob_len = COCO_ATTEST_SNP_REPORT_LEN;
	report->auxblob = aux;
	report->auxblob_len = certs_len;
	return 0;
err:
	kvfree(certs);
	kvfree(out);
	return ret;
}

static bool coco_tsm_snp_bin_visible(int n)
{
	return n == TSM_REPORT_INBLOB || n == TSM_REPORT_OUTBLOB ||
	       n == TSM_REPORT_AUXBLOB;
}

static const struct tsm_ops coco_tsm_snp_ops = {
	.name = "coco_guest_snp",
	.privlevel_floor = 0,
	.report_new = coco_tsm_snp_report,
	.report_attr_visible = coco_tsm_attr_visible,
	.report_bin_attr_visible = coco_tsm_snp_bin_visible,
};

static int coco_tsm_uv_report(struct tsm_report *report, void *data)
{
	const struct tsm_desc *desc = &report->desc;
	struct coco_guest *guest = data;
	size_t len;
	u8 *blob;
	int ret;

	if (desc->privlevel || !desc->inblob_len)
		return -EINVAL;
	ret = coco_attest_uv_blob(guest, desc->inblob, desc->inblob_len, &blob,
				  &len);
	if (ret)
		return ret;
	report->outblob = blob;
	report->outblob_len = len;
	return 0;
}

static bool coco_tsm_uv_bin_visible(int n)
{
	return n == TSM_REPORT_INBLOB || n == TSM_REPORT_OUTBLOB;
}

static const struct tsm_ops coco_tsm_uv_ops = {
	.name = "coco_guest_uv",
	.privlevel_floor = 0,
	.report_new = coco_tsm_uv_report,
	.report_attr_visible = coco_tsm_attr_visible,
	.report_bin_attr_visible = coco_tsm_uv_bin_visible,
};

/**
 * coco_guest_tsm_init() - register the configfs-tsm provider
 * @guest: the detected platform; must outlive the provider
 *
 * Only on SEV-SNP and s390x PV guests, and only when no other provider
 * (the kernel's sev-guest, for one) holds the TSM core: that is logged,
 * not an error.
 *
 * Return: 0.
 */
int coco_guest_tsm_init(struct coco_guest *guest)
{
	const struct tsm_ops *ops;
	int ret;

	switch (guest->det.kind) {
	case COCO_PLATFORM_SEV_SNP:
		ops = &coco_tsm_snp_ops;
		break;
	case COCO_PLATFORM_S390_PV:
		ops = &coco_tsm_uv_ops;
		break;
	default:
		return 0;
	}
	ret = tsm_register(ops, guest);
	if (ret) {
		pr_info("configfs-tsm provider %s not registered (%d)\n",
			ops->name, ret);
		return 0;
	}
	coco_tsm_registered = ops;
	pr_info("configfs-tsm provider %s registered\n", ops->name);
	return 0;
}

/**
 * coco_guest_tsm_exit() - unregister the provider if it was registered
 */
void coco_guest_tsm_exit(void)
{
	if (!coco_tsm_registered)
		return;
	tsm_unregister(coco_tsm_registered);
	coco_tsm_registered = NULL;
}

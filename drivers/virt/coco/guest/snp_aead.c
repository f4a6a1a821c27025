// SPDX-License-Identifier: GPL-2.0-only
/*
 * AES-256-GCM for struct coco_aead_ops from the kernel's crypto API
 * ("gcm(aes)", synchronous).  The kernel's AES-GCM library (lib/crypto,
 * CONFIG_CRYPTO_LIB_AESGCM) would do without the crypto API, but neither
 * Debian kernel this module is built for (6.1, 6.12) builds or exports it,
 * so the crypto API is the only provider here.
 *
 * Every operation works on one private linear buffer laid out as the
 * crypto API's AEAD wants it (AAD, then text, then tag): the callers'
 * buffers may be on the stack or in vmalloc space, which scatterlists must
 * not point to.  Not reentrant: the caller serialises (the SNP channel's
 * mutex), because the key is set on the one transform per operation.
 * After each operation the transform is given an all-zero key, so the
 * expanded VMPCK never outlives the operation, nor a wiped VMPCK.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <crypto/aead.h>
#include <linux/crypto.h>
#include <linux/err.h>
#include <linux/printk.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "snp_aead.h"

static const u8 snp_aead_no_key[COCO_GCM_KEY_LEN];

static int snp_aead_crypt(struct crypto_aead *tfm, bool enc, const u8 *key,
			  const u8 *iv, const u8 *aad, size_t aad_len,
			  const u8 *in, size_t len, u8 *out, const u8 *tag_in,
			  u8 *tag_out)
{
	size_t total = aad_len + len + COCO_GCM_TAG_LEN;
	u8 ivbuf[COCO_GCM_IV_LEN];
	struct aead_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	u8 *buf;
	int ret;

	if (aad_len > PAGE_SIZE || len > PAGE_SIZE)
		return -EINVAL;
	buf = kmalloc(total, GFP_KERNEL);
	req = aead_request_alloc(tfm, GFP_KERNEL);
	ret = crypto_aead_setkey(tfm, key, COCO_GCM_KEY_LEN);
	if (ret)
		goto out;
	if (!buf || !req) {
		ret = -ENOMEM;
		goto out;
	}
	memcpy(buf, aad, aad_len);
	memcpy(buf + aad_len, in, len);
	if (!enc)
		memcpy(buf + aad_len + len, tag_in, COCO_GCM_TAG_LEN);
	memcpy(ivbuf, iv, sizeof(ivbuf));

	sg_init_one(&sg, buf, total);
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP,
				  crypto_req_done, &wait);
	aead_request_set_ad(req, aad_len);
	/* In place; the decrypt length includes the tag. */
	aead_request_set_crypt(req, &sg, &sg,
			       enc ? len : len + COCO_GCM_TAG_LEN, ivbuf);
	ret = crypto_wait_req(enc ? crypto_aead_encrypt(req) :
				    crypto_aead_decrypt(req), &wait);
	if (!ret) {
		memcpy(out, buf + aad_len, len);
		if (enc)
			memcpy(tag_out, buf + aad_len + len, COCO_GCM_TAG_LEN);
	}
out:
	aead_request_free(req);
	kfree_sensitive(buf);
	if (crypto_aead_setkey(tfm, snp_aead_no_key, sizeof(snp_aead_no_key))) {
		/* The VMPCK would stay expanded: fail rather than go on. */
		pr_warn_once("gcm(aes): clearing the key failed\n");
		ret = ret ?: -ENOMEM;
	}
	return ret;
}

static int snp_aead_encrypt(void *ctx, const u8 *key, const u8 *iv,
			    const u8 *aad, size_t aad_len, const u8 *in,
			    size_t len, u8 *out, u8 *tag)
{
	return snp_aead_crypt(ctx, true, key, iv, aad, aad_len, in, len, out,
			      NULL, tag);
}

static int snp_aead_decrypt(void *ctx, const u8 *key, const u8 *iv,
			    const u8 *aad, size_t aad_len, const u8 *in,
			    size_t len, u8 *out, const u8 *tag)
{
	int ret = snp_aead_crypt(ctx, false, key, iv, aad, aad_len, in, len,
				 out, tag, NULL);

	/* Any failure means nothing usable came out. */
	return ret == -EBADMSG || !ret ? ret : -EBADMSG;
}

/**
 * coco_guest_aead_init() - set up AES-256-GCM from the crypto API
 * @ops: filled with the provider (its @ctx is the transform)
 *
 * May load the gcm, ghash and ctr modules; sleeps.
 *
 * Return: 0, or a negative errno when the kernel has no usable gcm(aes).
 */
int coco_guest_aead_init(struct coco_aead_ops *ops)
{
	struct crypto_aead *tfm;
	int ret;

	tfm = crypto_alloc_aead("gcm(aes)", 0, CRYPTO_ALG_ASYNC);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	ret = crypto_aead_setauthsize(tfm, COCO_GCM_TAG_LEN);
	if (ret || crypto_aead_ivsize(tfm) != COCO_GCM_IV_LEN) {
		crypto_free_aead(tfm);
		return ret ? ret : -EINVAL;
	}
	ops->encrypt = snp_aead_encrypt;
	ops->decrypt = snp_aead_decrypt;
	ops->ctx = tfm;
	return 0;
}

/**
 * coco_guest_aead_exit() - free what coco_guest_aead_init() set up
 * @ops: the provider
 */
void coco_guest_aead_exit(struct coco_aead_ops *ops)
{
	if (ops->ctx)
		crypto_free_aead(ops->ctx);
	ops->ctx = NULL;
}

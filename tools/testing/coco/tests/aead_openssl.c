// SPDX-License-Identifier: GPL-2.0-only
/*
 * AES-256-GCM through OpenSSL's EVP interface for the hosted harness: a
 * 12-byte IV, the additional data, a 16-byte tag.  Decryption writes its
 * output before the tag is checked, so a failed check zeroes @out.
 */
#include <string.h>
#include <openssl/evp.h>

#include <linux/errno.h>
#include <linux/types.h>
#include "aead_openssl.h"

static int gcm_run(bool enc, const u8 *key, const u8 *iv, const u8 *aad,
		   size_t aad_len, const u8 *in, size_t len, u8 *out, u8 *tag)
{
	EVP_CIPHER_CTX *c;
	int n, ret = -EIO;
	u8 fin[16];

	if (len > 0x7fffffff || aad_len > 0x7fffffff)
		return -EINVAL;
	c = EVP_CIPHER_CTX_new();
	if (!c)
		return -ENOMEM;
	if (EVP_CipherInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL, enc) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, COCO_GCM_IV_LEN,
				NULL) != 1 ||
	    EVP_CipherInit_ex(c, NULL, NULL, key, iv, enc) != 1)
		goto out;
	if (aad_len && EVP_CipherUpdate(c, NULL, &n, aad, (int)aad_len) != 1)
		goto out;
	if (len && (EVP_CipherUpdate(c, out, &n, in, (int)len) != 1 ||
		    (size_t)n != len))
		goto out;
	if (!enc && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG,
					COCO_GCM_TAG_LEN, tag) != 1)
		goto out;
	if (EVP_CipherFinal_ex(c, fin, &n) != 1 || n) {
		ret = enc ? -EIO : -EBADMSG;
		goto out;
	}
	if (enc && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG,
				       COCO_GCM_TAG_LEN, tag) != 1)
		goto out;
	ret = 0;
out:
	EVP_CIPHER_CTX_free(c);
	if (ret && len)
		memset(out, 0, len);
	return ret;
}

static int aead_encrypt(void *ctx, const u8 *key, const u8 *iv, const u8 *aad,
			size_t aad_len, const u8 *in, size_t len, u8 *out,
			u8 *tag)
{
	return gcm_run(true, key, iv, aad, aad_len, in, len, out, tag);
}

static int aead_decrypt(void *ctx, const u8 *key, const u8 *iv, const u8 *aad,
			size_t aad_len, const u8 *in, size_t len, u8 *out,
			const u8 *tag)
{
	u8 t[COCO_GCM_TAG_LEN];

	memcpy(t, tag, sizeof(t));
	return gcm_run(false, key, iv, aad, aad_len, in, len, out, t);
}

const struct coco_aead_ops aead_openssl_ops = {
	.encrypt = aead_encrypt,
	.decrypt = aead_decrypt,
};

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AES-256-GCM for the guest message layers: provided by the kernel's
 * crypto API in the module, by OpenSSL in the hosted harness.
 */
#ifndef _COCO_AEAD_H
#define _COCO_AEAD_H

#include <linux/types.h>

#define COCO_GCM_KEY_LEN	32
#define COCO_GCM_IV_LEN		12
#define COCO_GCM_TAG_LEN	16

/**
 * struct coco_aead_ops - AES-256-GCM
 * @encrypt: encrypt @len bytes of @in into @out (may be the same buffer)
 *	with @aad authenticated; writes the 16-byte tag; 0 or a negative errno
 * @decrypt: verify @tag and decrypt; 0, -EBADMSG when authentication
 *	fails (nothing usable in @out then), or another negative errno
 * @ctx: passed to both
 */
struct coco_aead_ops {
	int (*encrypt)(void *ctx, const u8 *key, const u8 *iv, const u8 *aad,
		       size_t aad_len, const u8 *in, size_t len, u8 *out,
		       u8 *tag);
	int (*decrypt)(void *ctx, const u8 *key, const u8 *iv, const u8 *aad,
		       size_t aad_len, const u8 *in, size_t len, u8 *out,
		       const u8 *tag);
	void *ctx;
};

#endif /* _COCO_AEAD_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AES-256-GCM for the message layers in the hosted harness: a struct
 * coco_aead_ops on OpenSSL's EVP interface.
 */
#ifndef _COCO_TEST_AEAD_OPENSSL_H
#define _COCO_TEST_AEAD_OPENSSL_H

#include <coco/aead.h>

/**
 * aead_openssl_ops - the provider; its @ctx is unused (NULL)
 *
 * encrypt and decrypt return 0, -EBADMSG when the tag does not verify
 * (@out is zeroed then), or -EIO when OpenSSL fails.
 */
extern const struct coco_aead_ops aead_openssl_ops;

#endif /* _COCO_TEST_AEAD_OPENSSL_H */

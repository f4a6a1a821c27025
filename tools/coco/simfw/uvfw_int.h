/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of the simulated Ultravisor shared by uvfw.c (firmware),
 * uvfw_req.c (customer side) and uvfw_crypto.c (the OpenSSL primitives).
 */
#ifndef COCO_SIMFW_UVFW_INT_H
#define COCO_SIMFW_UVFW_INT_H

#include <openssl/evp.h>
#include "uvfw.h"

/* A P-521 coordinate or scalar is 66 bytes inside its 80-byte field. */
#define UVFW_P521_LEN		66
#define UVFW_P521_PAD		(UVFW_ECC_COORD_LEN - UVFW_P521_LEN)

static inline uint16_t uvfw_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t uvfw_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static inline uint64_t uvfw_be64(const uint8_t *p)
{
	return (uint64_t)uvfw_be32(p) << 32 | uvfw_be32(p + 4);
}

static inline void uvfw_put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void uvfw_put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static inline void uvfw_put_be64(uint8_t *p, uint64_t v)
{
	uvfw_put_be32(p, (uint32_t)(v >> 32));
	uvfw_put_be32(p + 4, (uint32_t)v);
}

enum uvfw_err uvfw_p521_from_priv(const uint8_t priv[UVFW_PRIVKEY_LEN],
				  EVP_PKEY **key,
				  uint8_t pub[UVFW_PUBKEY_LEN]);
enum uvfw_err uvfw_p521_from_pub(const uint8_t pub[UVFW_PUBKEY_LEN],
				 EVP_PKEY **key);
enum uvfw_err uvfw_p521_export_pub(EVP_PKEY *key,
				   uint8_t pub[UVFW_PUBKEY_LEN]);
enum uvfw_err uvfw_slot_key(EVP_PKEY *priv, EVP_PKEY *peer,
			    uint8_t key[32]);
enum uvfw_err uvfw_gcm(int enc, const uint8_t key[32], const uint8_t *iv,
		       const uint8_t *aad, size_t aad_len, const uint8_t *in,
		       size_t len, uint8_t *out, uint8_t tag[UVFW_TAG_LEN]);
enum uvfw_err uvfw_slot_unwrap_key(EVP_PKEY *priv, EVP_PKEY *peer,
				   const uint8_t slot[UVFW_KEYSLOT_LEN],
				   uint8_t arpk[UVFW_ARPK_LEN]);

#endif /* COCO_SIMFW_UVFW_INT_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of the simulated Ultravisor shared by uvfw.c (firmware),
 * uvfw_req.c (customer side) and uvfw_crypto.c (the OpenSSL primitives).
 */
#ifndef COCO_SIMFW_UVFW_INT_H
#define COCO_SIMFW_UVFW_INT_H

#include <openssl/evp.h>
#include "uvfw.h"

/**
 * struct uvfw - one simulated Ultravisor
 * @host: the host key pair (P-521)
 * @host_pub: its public key, x|y padded
 * @host_phkh: SHA-256 of @host_pub, the key slots' host-key hash
 * @image_phkh: hash of the host key the image was unpacked with
 * @tags: the SE-header tags of the running image
 * @fw_state: the firmware-state additional data
 * @ssh: the secret-store hash
 * @cuid: this configuration's unique ID (add-secret requests may name it)
 * @dump_disabled: an add-secret request asked to disable dumps
 * @nr_attested: measurements given out
 * @nr_refused: requests refused
 */
struct uvfw {
	EVP_PKEY *host;
	uint8_t host_pub[UVFW_PUBKEY_LEN];
	uint8_t host_phkh[UVFW_PHKH_LEN];
	uint8_t image_phkh[UVFW_PHKH_LEN];
	struct uvfw_se_tags tags;
	uint8_t fw_state[UVFW_FW_STATE_LEN];
	uint8_t ssh[UVFW_SECRET_STORE_HASH_LEN];
	uint8_t cuid[UVFW_CUID_LEN];
	bool dump_disabled;
	unsigned long nr_attested;
	unsigned long nr_refused;
};

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
enum uvfw_err uvfw_seal_keyslots(EVP_PKEY *cust,
				 const uint8_t (*host_keys)[UVFW_PUBKEY_LEN],
				 unsigned int nks,
				 const uint8_t arpk[UVFW_ARPK_LEN],
				 uint8_t *slots);
enum uvfw_err uvfw_gcm(int enc, const uint8_t key[32], const uint8_t *iv,
		       const uint8_t *aad, size_t aad_len, const uint8_t *in,
		       size_t len, uint8_t *out, uint8_t tag[UVFW_TAG_LEN]);
uint16_t uvfw_unseal(const struct uvfw *fw, const uint8_t *req,
		     uint32_t slots_off, uint32_t nks, const uint8_t *cust_pub,
		     const uint8_t *iv, uint32_t enc_off, uint32_t sea,
		     uint8_t *plain, uint16_t rc_unseal);
enum uvfw_err uvfw_slot_unwrap_key(EVP_PKEY *priv, EVP_PKEY *peer,
				   const uint8_t slot[UVFW_KEYSLOT_LEN],
				   uint8_t arpk[UVFW_ARPK_LEN]);

#endif /* COCO_SIMFW_UVFW_INT_H */

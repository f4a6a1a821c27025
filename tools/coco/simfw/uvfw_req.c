// SPDX-License-Identifier: GPL-2.0-only
/*
 * The customer side of s390x attestation: parse, build and open ARCBs,
 * unwrap key slots, and compute and verify measurements (spec/s390-pv.md
 * 6.2-6.4).  The firmware (uvfw.c) shares the parser.
 */
#include <string.h>

#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include "uvfw_int.h"

static const uint32_t add_sizes[6] = { 0, 0, 32, 32, 64, UVFW_FW_STATE_LEN };

uint32_t uvfw_add_data_size(uint64_t flags)
{
	uint32_t size = 0;
	unsigned int bit;

	for (bit = 0; bit < 6; bit++)
		if (flags & UVFW_FLAG(bit))
			size += add_sizes[bit];
	return size;
}

static uint32_t sea_for(uint64_t flags)
{
	return UVFW_MEAS_KEY_LEN + (flags & UVFW_FLAG_NONCE ?
				    UVFW_NONCE_LEN : 0);
}

size_t uvfw_arcb_size(unsigned int nks, uint64_t flags)
{
	return UVFW_ARCB_OFF_KEYSLOTS + (size_t)nks * UVFW_KEYSLOT_LEN +
	       sea_for(flags) + UVFW_TAG_LEN;
}

enum uvfw_err uvfw_arcb_parse(const uint8_t *arcb, size_t avail,
			      struct uvfw_arcb_info *info)
{
	static const uint8_t arcb_magic[8];
	uint64_t body;

	memset(info, 0, sizeof(*info));
	if (!arcb || avail < UVFW_ARCB_HDR_LEN)
		return UVFW_E_LENGTH;
	if (memcmp(arcb + UVFW_ARCB_OFF_MAGIC, arcb_magic, sizeof(arcb_magic)))
		return UVFW_E_MAGIC;
	info->version = uvfw_be32(arcb + UVFW_ARCB_OFF_VERSION);
	if (info->version != UVFW_ARCB_V1)
		return UVFW_E_VERSION;

	/* Length: room for the key slots the header names, within v1's cap. */
	info->len = uvfw_be32(arcb + UVFW_ARCB_OFF_LEN);
	info->nks = arcb[UVFW_ARCB_OFF_NKS];
	info->sea = uvfw_be32(arcb + UVFW_ARCB_OFF_SEA);
	if (info->len > avail ||
	    info->len > uvfw_arcb_size(UVFW_ARCB_MAX_KEYSLOTS,
				       UVFW_FLAG_NONCE) ||
	    info->len < uvfw_arcb_size(info->nks, 0))
		return UVFW_E_LENGTH;
	if (!info->nks || info->nks > UVFW_ARCB_MAX_KEYSLOTS)
		return UVFW_E_KEYSLOTS;

	/* The encrypted area is what is left, and must fit key + nonce. */
	info->flags = uvfw_be64(arcb + UVFW_ARCB_OFF_FLAGS);
	info->enc_off = UVFW_ARCB_OFF_KEYSLOTS + info->nks * UVFW_KEYSLOT_LEN;
	body = (uint64_t)info->enc_off + info->sea + UVFW_TAG_LEN;
	if (body != info->len || info->sea != sea_for(info->flags))
		return UVFW_E_SEA;
	if (info->flags & ~UVFW_FLAGS_SUPPORTED)
		return UVFW_E_FLAGS;
	info->mai = uvfw_be32(arcb + UVFW_ARCB_OFF_MAI);
	if (info->mai != UVFW_MAI_HMAC_SHA512)
		return UVFW_E_ALGORITHM;
	memcpy(info->iv, arcb + UVFW_ARCB_OFF_IV, UVFW_IV_LEN);
	memcpy(info->cust_pub, arcb + UVFW_ARCB_OFF_CUST_KEY, UVFW_PUBKEY_LEN);
	return UVFW_OK;
}

void uvfw_phkh(const uint8_t pub[UVFW_PUBKEY_LEN], uint8_t hash[UVFW_PHKH_LEN])
{
	unsigned int len = 0;

	if (!EVP_Digest(pub, UVFW_PUBKEY_LEN, hash, &len, EVP_sha256(), NULL))
		memset(hash, 0, UVFW_PHKH_LEN);
}

enum uvfw_err uvfw_arcb_build(const struct uvfw_arcb_params *p,
			      const uint8_t (*host_keys)[UVFW_PUBKEY_LEN],
			      unsigned int nks, uint8_t *out, size_t out_len,
			      size_t *arcb_len)
{
	uint8_t priv[UVFW_PRIVKEY_LEN], plain[UVFW_MEAS_KEY_LEN +
					      UVFW_NONCE_LEN];
	enum uvfw_err ret = UVFW_E_ARG;
	EVP_PKEY *cust = NULL;
	uint32_t sea, enc_off;
	size_t len;

	if (!p || !host_keys || !out || !nks || nks > UVFW_ARCB_MAX_KEYSLOTS ||
	    (p->flags & ~UVFW_FLAGS_SUPPORTED))
		return UVFW_E_ARG;
	len = uvfw_arcb_size(nks, p->flags);
	if (out_len < len)
		return UVFW_E_ARG;

	if (p->cust_priv) {
		memcpy(priv, p->cust_priv, sizeof(priv));
	} else {
		/* A fresh scalar below 2^520 is always below the order. */
		memset(priv, 0, sizeof(priv));
		if (RAND_priv_bytes(priv + UVFW_P521_PAD + 1,
				    UVFW_P521_LEN - 1) != 1)
			return UVFW_E_CRYPTO;
	}
	memset(out, 0, len);
	ret = uvfw_p521_from_priv(priv, &cust, out + UVFW_ARCB_OFF_CUST_KEY);
	if (ret != UVFW_OK)
		goto out;

	sea = sea_for(p->flags);
	enc_off = UVFW_ARCB_OFF_KEYSLOTS + nks * UVFW_KEYSLOT_LEN;
	uvfw_put_be32(out + UVFW_ARCB_OFF_VERSION, UVFW_ARCB_V1);
	uvfw_put_be32(out + UVFW_ARCB_OFF_LEN, (uint32_t)len);
	memcpy(out + UVFW_ARCB_OFF_IV, p->iv, UVFW_IV_LEN);
	out[UVFW_ARCB_OFF_NKS] = (uint8_t)nks;
	uvfw_put_be32(out + UVFW_ARCB_OFF_SEA, sea);
	uvfw_put_be64(out + UVFW_ARCB_OFF_FLAGS, p->flags);
	uvfw_put_be32(out + UVFW_ARCB_OFF_MAI, p->mai);

	ret = uvfw_seal_keyslots(cust, host_keys, nks, p->arpk,
				 out + UVFW_ARCB_OFF_KEYSLOTS);
	if (ret != UVFW_OK)
		goto out;

	memcpy(plain, p->meas_key, UVFW_MEAS_KEY_LEN);
	memcpy(plain + UVFW_MEAS_KEY_LEN, p->nonce, UVFW_NONCE_LEN);
	ret = uvfw_gcm(1, p->arpk, p->iv, out, enc_off, plain, sea,
		       out + enc_off, out + enc_off + sea);
	if (ret == UVFW_OK && arcb_len)
		*arcb_len = len;
out:
	if (ret != UVFW_OK)
		memset(out, 0, len);
	OPENSSL_cleanse(priv, sizeof(priv));
	OPENSSL_cleanse(plain, sizeof(plain));
	EVP_PKEY_free(cust);
	return ret;
}

enum uvfw_err uvfw_arcb_open(const uint8_t *arcb, size_t avail,
			     const uint8_t arpk[UVFW_ARPK_LEN],
			     uint8_t meas_key[UVFW_MEAS_KEY_LEN],
			     uint8_t nonce[UVFW_NONCE_LEN], bool *has_nonce)
{
	uint8_t plain[UVFW_MEAS_KEY_LEN + UVFW_NONCE_LEN], tag[UVFW_TAG_LEN];
	struct uvfw_arcb_info info;
	enum uvfw_err ret;

	ret = uvfw_arcb_parse(arcb, avail, &info);
	if (ret != UVFW_OK)
		return ret;
	memcpy(tag, arcb + info.enc_off + info.sea, sizeof(tag));
	ret = uvfw_gcm(0, arpk, info.iv, arcb, info.enc_off,
		       arcb + info.enc_off, info.sea, plain, tag);
	if (ret != UVFW_OK)
		return ret;
	memcpy(meas_key, plain, UVFW_MEAS_KEY_LEN);
	memset(nonce, 0, UVFW_NONCE_LEN);
	if (info.flags & UVFW_FLAG_NONCE)
		memcpy(nonce, plain + UVFW_MEAS_KEY_LEN, UVFW_NONCE_LEN);
	if (has_nonce)
		*has_nonce = info.flags & UVFW_FLAG_NONCE;
	OPENSSL_cleanse(plain, sizeof(plain));
	return UVFW_OK;
}

enum uvfw_err uvfw_keyslot_unwrap(const uint8_t priv[UVFW_PRIVKEY_LEN],
				  const uint8_t peer_pub[UVFW_PUBKEY_LEN],
				  const uint8_t slot[UVFW_KEYSLOT_LEN],
				  uint8_t arpk[UVFW_ARPK_LEN])
{
	EVP_PKEY *me = NULL, *peer = NULL;
	enum uvfw_err ret;

	ret = uvfw_p521_from_priv(priv, &me, NULL);
	if (ret == UVFW_OK)
		ret = uvfw_p521_from_pub(peer_pub, &peer);
	if (ret == UVFW_OK)
		ret = uvfw_slot_unwrap_key(me, peer, slot, arpk);
	EVP_PKEY_free(me);
	EVP_PKEY_free(peer);
	return ret;
}

enum uvfw_err uvfw_pubkey_from_pem(const uint8_t *data, size_t len,
				   uint8_t pub[UVFW_PUBKEY_LEN])
{
	const unsigned char *p = data;
	EVP_PKEY *key = NULL;
	enum uvfw_err ret;
	X509 *cert = NULL;
	BIO *bio;

	if (!data || !len || len > INT32_MAX)
		return UVFW_E_ARG;
	if (len == UVFW_PUBKEY_LEN) {
		ret = uvfw_p521_from_pub(data, &key);
		EVP_PKEY_free(key);
		if (ret == UVFW_OK)
			memcpy(pub, data, UVFW_PUBKEY_LEN);
		return ret;
	}
	bio = BIO_new_mem_buf(data, (int)len);
	if (!bio)
		return UVFW_E_CRYPTO;
	key = PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL);
	if (!key && BIO_reset(bio) == 1) {
		cert = PEM_read_bio_X509(bio, NULL, NULL, NULL);
		if (!cert)
			cert = d2i_X509(NULL, &p, (long)len);
		if (!cert) {
			p = data;
			key = d2i_PUBKEY(NULL, &p, (long)len);
		}
	}
	BIO_free(bio);
	if (cert)
		key = X509_get_pubkey(cert);
	X509_free(cert);
	ret = key ? uvfw_p521_export_pub(key, pub) : UVFW_E_KEY;
	EVP_PKEY_free(key);
	return ret;
}

enum uvfw_err uvfw_measure(const uint8_t meas_key[UVFW_MEAS_KEY_LEN],
			   const struct uvfw_meas_input *in,
			   uint8_t meas[UVFW_MEAS_LEN])
{
	static const uint8_t zero_pad[2];
	OSSL_PARAM params[2];
	enum uvfw_err ret = UVFW_E_CRYPTO;
	EVP_MAC_CTX *ctx = NULL;
	uint8_t lens[4];
	EVP_MAC *mac;
	size_t out = 0;

	if (!meas_key || !in || !in->tags || !in->cuid || !meas ||
	    in->user_data_len > UVFW_USER_DATA_MAX ||
	    (in->user_data_len && !in->user_data) ||
	    (in->add_data_len && !in->add_data))
		return UVFW_E_ARG;
	mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	if (mac)
		ctx = EVP_MAC_CTX_new(mac);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
						     "SHA512", 0);
	params[1] = OSSL_PARAM_construct_end();
	if (!ctx || !EVP_MAC_init(ctx, meas_key, UVFW_MEAS_KEY_LEN, params))
		goto out;

	/* PLD, ALD, TLD, tag, CUID, lengths, user data, nonce, additional. */
	if (!EVP_MAC_update(ctx, in->tags->pld, sizeof(in->tags->pld)) ||
	    !EVP_MAC_update(ctx, in->tags->ald, sizeof(in->tags->ald)) ||
	    !EVP_MAC_update(ctx, in->tags->tld, sizeof(in->tags->tld)) ||
	    !EVP_MAC_update(ctx, in->tags->tag, sizeof(in->tags->tag)) ||
	    !EVP_MAC_update(ctx, in->cuid, UVFW_CUID_LEN))
		goto out;
	uvfw_put_be16(lens, in->user_data_len);
	if (!EVP_MAC_update(ctx, lens, 2) ||
	    !EVP_MAC_update(ctx, zero_pad, sizeof(zero_pad)))
		goto out;
	uvfw_put_be32(lens, in->add_data_len);
	if (!EVP_MAC_update(ctx, lens, 4) ||
	    (in->user_data_len &&
	     !EVP_MAC_update(ctx, in->user_data, in->user_data_len)) ||
	    (in->nonce && !EVP_MAC_update(ctx, in->nonce, UVFW_NONCE_LEN)) ||
	    (in->add_data_len &&
	     !EVP_MAC_update(ctx, in->add_data, in->add_data_len)) ||
	    !EVP_MAC_final(ctx, meas, &out, UVFW_MEAS_LEN) ||
	    out != UVFW_MEAS_LEN)
		goto out;
	ret = UVFW_OK;
out:
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ret;
}

int uvfw_measure_verify(const uint8_t meas_key[UVFW_MEAS_KEY_LEN],
			const struct uvfw_meas_input *in, const uint8_t *meas,
			size_t meas_len)
{
	uint8_t want[UVFW_MEAS_LEN];
	int ret;

	if (!meas)
		return -1;
	if (meas_len != UVFW_MEAS_LEN)
		return 1;
	if (uvfw_measure(meas_key, in, want) != UVFW_OK)
		return -1;
	ret = CRYPTO_memcmp(want, meas, UVFW_MEAS_LEN) ? 1 : 0;
	OPENSSL_cleanse(want, sizeof(want));
	return ret;
}

const char *uvfw_strerror(enum uvfw_err e)
{
	switch (e) {
	case UVFW_OK:
		return "success";
	case UVFW_E_MAGIC:
		return "not an attestation request (magic)";
	case UVFW_E_VERSION:
		return "unsupported request version";
	case UVFW_E_LENGTH:
		return "invalid request length";
	case UVFW_E_KEYSLOTS:
		return "invalid number of key slots";
	case UVFW_E_SEA:
		return "invalid size of the encrypted area";
	case UVFW_E_FLAGS:
		return "unsupported plaintext flags";
	case UVFW_E_ALGORITHM:
		return "unsupported measurement algorithm";
	case UVFW_E_NO_KEYSLOT:
		return "no key slot for this host key";
	case UVFW_E_KEY:
		return "invalid P-521 key";
	case UVFW_E_TAG:
		return "AES-GCM tag mismatch";
	case UVFW_E_ARG:
		return "invalid argument";
	case UVFW_E_CRYPTO:
		return "libcrypto failure";
	}
	return "unknown error";
}

uint16_t uvfw_err_rc(enum uvfw_err e)
{
	switch (e) {
	case UVFW_OK:
		return UVFW_RC_OK;
	case UVFW_E_MAGIC:
	case UVFW_E_VERSION:
		return UVFW_RC_VERSION;
	case UVFW_E_LENGTH:
		return UVFW_RC_REQ_LEN;
	case UVFW_E_KEYSLOTS:
		return UVFW_RC_KEYSLOTS;
	case UVFW_E_SEA:
		return UVFW_RC_SEA;
	case UVFW_E_FLAGS:
		return UVFW_RC_FLAGS;
	case UVFW_E_ALGORITHM:
		return UVFW_RC_MAI;
	default:
		return UVFW_RC_UNSEAL;
	}
}

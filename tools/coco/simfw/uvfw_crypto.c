// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated Ultravisor's primitives on OpenSSL 3: P-521 keys in the
 * 80-byte padded form, the key-slot key derivation and AES-256-GCM.
 */
#include <string.h>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/param_build.h>

#include "uvfw_int.h"

#define P521_POINT_LEN	(1 + 2 * UVFW_P521_LEN)

static bool zero_bytes(const uint8_t *p, size_t n)
{
	uint8_t acc = 0;

	while (n--)
		acc |= *p++;
	return !acc;
}

/* Build an EC key from the given parameters (pub is an encoded point). */
static enum uvfw_err p521_fromdata(const BIGNUM *d, const uint8_t *point,
				   EVP_PKEY **key)
{
	OSSL_PARAM_BLD *bld = OSSL_PARAM_BLD_new();
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	enum uvfw_err ret = UVFW_E_CRYPTO;
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *chk = NULL;

	*key = NULL;
	if (!bld || !ctx ||
	    !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					     SN_secp521r1, 0) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
					      point, P521_POINT_LEN))
		goto out;
	if (d && !OSSL_PARAM_BLD_push_BN_pad(bld, OSSL_PKEY_PARAM_PRIV_KEY, d,
					     UVFW_P521_LEN))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	if (!params || EVP_PKEY_fromdata_init(ctx) <= 0)
		goto out;
	ret = UVFW_E_KEY;
	if (EVP_PKEY_fromdata(ctx, key, d ? EVP_PKEY_KEYPAIR :
			      EVP_PKEY_PUBLIC_KEY, params) <= 0)
		goto out;
	chk = EVP_PKEY_CTX_new_from_pkey(NULL, *key, NULL);
	if (!chk || EVP_PKEY_public_check(chk) <= 0)
		goto out;
	ret = UVFW_OK;
out:
	if (ret != UVFW_OK) {
		EVP_PKEY_free(*key);
		*key = NULL;
	}
	EVP_PKEY_CTX_free(chk);
	OSSL_PARAM_free(params);
	EVP_PKEY_CTX_free(ctx);
	OSSL_PARAM_BLD_free(bld);
	return ret;
}

/**
 * uvfw_p521_from_priv() - a P-521 key pair from its padded scalar
 * @priv: 80-byte big-endian scalar
 * @key: receives the key pair
 * @pub: receives the public key (x|y padded), may be NULL
 *
 * Return: UVFW_OK, UVFW_E_KEY when the scalar is not in [1, n-1] or
 * UVFW_E_CRYPTO.
 */
enum uvfw_err uvfw_p521_from_priv(const uint8_t priv[UVFW_PRIVKEY_LEN],
				  EVP_PKEY **key,
				  uint8_t pub[UVFW_PUBKEY_LEN])
{
	EC_GROUP *grp = EC_GROUP_new_by_curve_name(NID_secp521r1);
	uint8_t point[P521_POINT_LEN];
	enum uvfw_err ret = UVFW_E_CRYPTO;
	BN_CTX *bnctx = BN_CTX_secure_new();
	EC_POINT *pt = NULL;
	BIGNUM *d = NULL;

	*key = NULL;
	if (!grp || !bnctx)
		goto out;
	d = BN_secure_new();
	pt = EC_POINT_new(grp);
	if (!d || !pt || !BN_bin2bn(priv, UVFW_PRIVKEY_LEN, d))
		goto out;
	ret = UVFW_E_KEY;
	if (BN_is_zero(d) || BN_cmp(d, EC_GROUP_get0_order(grp)) >= 0)
		goto out;
	ret = UVFW_E_CRYPTO;
	if (!EC_POINT_mul(grp, pt, d, NULL, NULL, bnctx) ||
	    EC_POINT_point2oct(grp, pt, POINT_CONVERSION_UNCOMPRESSED, point,
			       sizeof(point), bnctx) != sizeof(point))
		goto out;
	ret = p521_fromdata(d, point, key);
	if (ret == UVFW_OK && pub) {
		memset(pub, 0, UVFW_PUBKEY_LEN);
		memcpy(pub + UVFW_P521_PAD, point + 1, UVFW_P521_LEN);
		memcpy(pub + UVFW_ECC_COORD_LEN + UVFW_P521_PAD,
		       point + 1 + UVFW_P521_LEN, UVFW_P521_LEN);
	}
out:
	BN_clear_free(d);
	EC_POINT_free(pt);
	BN_CTX_free(bnctx);
	EC_GROUP_free(grp);
	return ret;
}

/**
 * uvfw_p521_from_pub() - a P-521 public key from x|y padded
 * @pub: the coordinates
 * @key: receives the key
 *
 * Return: UVFW_OK, UVFW_E_KEY when the padding is not zero or the point
 * is not on the curve, or UVFW_E_CRYPTO.
 */
enum uvfw_err uvfw_p521_from_pub(const uint8_t pub[UVFW_PUBKEY_LEN],
				 EVP_PKEY **key)
{
	uint8_t point[P521_POINT_LEN];

	*key = NULL;
	if (!zero_bytes(pub, UVFW_P521_PAD) ||
	    !zero_bytes(pub + UVFW_ECC_COORD_LEN, UVFW_P521_PAD))
		return UVFW_E_KEY;
	point[0] = POINT_CONVERSION_UNCOMPRESSED;
	memcpy(point + 1, pub + UVFW_P521_PAD, UVFW_P521_LEN);
	memcpy(point + 1 + UVFW_P521_LEN,
	       pub + UVFW_ECC_COORD_LEN + UVFW_P521_PAD, UVFW_P521_LEN);
	return p521_fromdata(NULL, point, key);
}

/**
 * uvfw_p521_export_pub() - x|y padded of a P-521 key
 * @key: the key
 * @pub: receives the coordinates
 *
 * Return: UVFW_OK, or UVFW_E_KEY when @key is not a P-521 key.
 */
enum uvfw_err uvfw_p521_export_pub(EVP_PKEY *key,
				   uint8_t pub[UVFW_PUBKEY_LEN])
{
	char group[32];
	uint8_t point[P521_POINT_LEN + 1];
	size_t len = 0;

	if (!EVP_PKEY_is_a(key, "EC") ||
	    !EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME,
					    group, sizeof(group), NULL) ||
	    strcmp(group, SN_secp521r1) ||
	    !EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY,
					     point, sizeof(point), &len) ||
	    len != P521_POINT_LEN || point[0] != POINT_CONVERSION_UNCOMPRESSED)
		return UVFW_E_KEY;
	memset(pub, 0, UVFW_PUBKEY_LEN);
	memcpy(pub + UVFW_P521_PAD, point + 1, UVFW_P521_LEN);
	memcpy(pub + UVFW_ECC_COORD_LEN + UVFW_P521_PAD,
	       point + 1 + UVFW_P521_LEN, UVFW_P521_LEN);
	return UVFW_OK;
}

/**
 * uvfw_slot_key() - the key-slot key: SHA-256(ECDH secret | 00 00 00 01)
 * @priv: one side's private key
 * @peer: the other side's public key
 * @key: receives the AES-256 key
 *
 * Return: UVFW_OK, UVFW_E_KEY or UVFW_E_CRYPTO.
 */
enum uvfw_err uvfw_slot_key(EVP_PKEY *priv, EVP_PKEY *peer, uint8_t key[32])
{
	static const uint8_t counter[4] = { 0, 0, 0, 1 };
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, priv, NULL);
	uint8_t secret[UVFW_P521_LEN + sizeof(counter)];
	enum uvfw_err ret = UVFW_E_CRYPTO;
	size_t len = UVFW_P521_LEN;
	unsigned int md_len = 0;

	if (!ctx || EVP_PKEY_derive_init(ctx) <= 0)
		goto out;
	ret = UVFW_E_KEY;
	if (EVP_PKEY_derive_set_peer(ctx, peer) <= 0 ||
	    EVP_PKEY_derive(ctx, secret, &len) <= 0 || len != UVFW_P521_LEN)
		goto out;
	memcpy(secret + UVFW_P521_LEN, counter, sizeof(counter));
	ret = UVFW_E_CRYPTO;
	if (!EVP_Digest(secret, sizeof(secret), key, &md_len, EVP_sha256(),
			NULL) || md_len != 32)
		goto out;
	ret = UVFW_OK;
out:
	OPENSSL_cleanse(secret, sizeof(secret));
	EVP_PKEY_CTX_free(ctx);
	return ret;
}

/**
 * uvfw_gcm() - AES-256-GCM with a 12-byte IV and a 16-byte tag
 * @enc: 1 to seal (@tag is written), 0 to open (@tag is checked)
 * @key: the key
 * @iv: 12 bytes
 * @aad: additional authenticated data, may be NULL when @aad_len is 0
 * @aad_len: its length
 * @in: input
 * @len: its length (the output has the same)
 * @out: output
 * @tag: the tag
 *
 * Return: UVFW_OK, UVFW_E_TAG (open: mismatch) or UVFW_E_CRYPTO.
 */
enum uvfw_err uvfw_gcm(int enc, const uint8_t key[32], const uint8_t *iv,
		       const uint8_t *aad, size_t aad_len, const uint8_t *in,
		       size_t len, uint8_t *out, uint8_t tag[UVFW_TAG_LEN])
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	enum uvfw_err ret = UVFW_E_CRYPTO;
	int n;

	if (!ctx || len > INT32_MAX || aad_len > INT32_MAX ||
	    !EVP_CipherInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv, enc))
		goto out;
	if (aad_len &&
	    !EVP_CipherUpdate(ctx, NULL, &n, aad, (int)aad_len))
		goto out;
	if (len && !EVP_CipherUpdate(ctx, out, &n, in, (int)len))
		goto out;
	if (enc) {
		if (!EVP_CipherFinal_ex(ctx, out + len, &n) ||
		    !EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG,
					 UVFW_TAG_LEN, tag))
			goto out;
	} else {
		if (!EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG,
					 UVFW_TAG_LEN, tag))
			goto out;
		if (EVP_CipherFinal_ex(ctx, out + len, &n) <= 0) {
			OPENSSL_cleanse(out, len);
			ret = UVFW_E_TAG;
			goto out;
		}
	}
	ret = UVFW_OK;
out:
	EVP_CIPHER_CTX_free(ctx);
	return ret;
}

/**
 * uvfw_slot_unwrap_key() - open one key slot
 * @priv: one side's private key
 * @peer: the other side's public key
 * @slot: the key slot
 * @arpk: receives the request protection key
 *
 * Return: UVFW_OK, UVFW_E_KEY, UVFW_E_TAG or UVFW_E_CRYPTO.
 */
enum uvfw_err uvfw_slot_unwrap_key(EVP_PKEY *priv, EVP_PKEY *peer,
				   const uint8_t slot[UVFW_KEYSLOT_LEN],
				   uint8_t arpk[UVFW_ARPK_LEN])
{
	static const uint8_t zero_iv[UVFW_IV_LEN];
	uint8_t key[32], tag[UVFW_TAG_LEN];
	enum uvfw_err ret;

	ret = uvfw_slot_key(priv, peer, key);
	if (ret == UVFW_OK) {
		memcpy(tag, slot + UVFW_KEYSLOT_OFF_TAG, sizeof(tag));
		ret = uvfw_gcm(0, key, zero_iv, NULL, 0,
			       slot + UVFW_KEYSLOT_OFF_WRAPPED, UVFW_ARPK_LEN,
			       arpk, tag);
	}
	OPENSSL_cleanse(key, sizeof(key));
	return ret;
}

/*
 * One key slot per host key: the ARPK wrapped with AES-256-GCM (zero IV)
 * under the ECDH P-521 secret of the customer key and that host key,
 * followed by the host key's hash so the firmware finds its slot.
 */
enum uvfw_err uvfw_seal_keyslots(EVP_PKEY *cust,
				 const uint8_t (*host_keys)[UVFW_PUBKEY_LEN],
				 unsigned int nks,
				 const uint8_t arpk[UVFW_ARPK_LEN],
				 uint8_t *slots)
{
	static const uint8_t zero_iv[UVFW_IV_LEN];
	enum uvfw_err ret = UVFW_OK;
	EVP_PKEY *host = NULL;
	uint8_t key[32], *slot;
	unsigned int i;

	for (i = 0; i < nks && ret == UVFW_OK; i++) {
		slot = slots + i * UVFW_KEYSLOT_LEN;
		ret = uvfw_p521_from_pub(host_keys[i], &host);
		if (ret == UVFW_OK)
			ret = uvfw_slot_key(cust, host, key);
		if (ret == UVFW_OK)
			ret = uvfw_gcm(1, key, zero_iv, NULL, 0, arpk,
				       UVFW_ARPK_LEN,
				       slot + UVFW_KEYSLOT_OFF_WRAPPED,
				       slot + UVFW_KEYSLOT_OFF_TAG);
		EVP_PKEY_free(host);
		host = NULL;
		if (ret == UVFW_OK)
			uvfw_phkh(host_keys[i], slot);
	}
	OPENSSL_cleanse(key, sizeof(key));
	return ret;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated Ultravisor's Retrieve Attestation Measurement: one machine
 * (host key pair, image tags, firmware state, secret-store hash) derived
 * from a seed.  See uvfw.h for the formats and the model's choices.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "uvfw_int.h"

/* Deterministic bytes: SHA-512(label | seed | counter) blocks. */
static int derive(uint64_t seed, const char *label, uint8_t *out, size_t len)
{
	uint8_t in[64 + 12], blk[64];
	size_t lab = strlen(label), n;
	uint32_t ctr = 0;

	if (lab > 64)
		return -1;
	memcpy(in, label, lab);
	uvfw_put_be64(in + lab, seed);
	while (len) {
		uvfw_put_be32(in + lab + 8, ctr++);
		if (!EVP_Digest(in, lab + 12, blk, NULL, EVP_sha512(), NULL))
			return -1;
		n = len < sizeof(blk) ? len : sizeof(blk);
		memcpy(out, blk, n);
		out += n;
		len -= n;
	}
	OPENSSL_cleanse(blk, sizeof(blk));
	return 0;
}

struct uvfw *uvfw_new(uint64_t seed)
{
	uint8_t priv[UVFW_PRIVKEY_LEN] = { 0 };
	struct uvfw *fw = calloc(1, sizeof(*fw));

	if (!fw)
		return NULL;
	/* Below 2^520, so below the group order; zero is refused. */
	if (derive(seed, "uvfw host key", priv + UVFW_P521_PAD + 1,
		   UVFW_P521_LEN - 1) ||
	    uvfw_p521_from_priv(priv, &fw->host, fw->host_pub) != UVFW_OK ||
	    derive(seed, "uvfw se tags", (uint8_t *)&fw->tags,
		   sizeof(fw->tags)) ||
	    derive(seed, "uvfw firmware state", fw->fw_state,
		   sizeof(fw->fw_state))) {
		OPENSSL_cleanse(priv, sizeof(priv));
		uvfw_free(fw);
		return NULL;
	}
	OPENSSL_cleanse(priv, sizeof(priv));
	uvfw_phkh(fw->host_pub, fw->host_phkh);
	memcpy(fw->image_phkh, fw->host_phkh, UVFW_PHKH_LEN);
	return fw;
}

void uvfw_free(struct uvfw *fw)
{
	if (!fw)
		return;
	EVP_PKEY_free(fw->host);
	OPENSSL_cleanse(fw, sizeof(*fw));
	free(fw);
}

void uvfw_host_pubkey(const struct uvfw *fw, uint8_t pub[UVFW_PUBKEY_LEN])
{
	memcpy(pub, fw->host_pub, UVFW_PUBKEY_LEN);
}

int uvfw_host_pubkey_pem(const struct uvfw *fw, char *buf, size_t len)
{
	BIO *bio = BIO_new(BIO_s_mem());
	char *data;
	long n;
	int ret = -1;

	if (!bio || !PEM_write_bio_PUBKEY(bio, fw->host))
		goto out;
	n = BIO_get_mem_data(bio, &data);
	if (n <= 0 || (size_t)n >= len)
		goto out;
	memcpy(buf, data, (size_t)n);
	buf[n] = '\0';
	ret = (int)n;
out:
	BIO_free(bio);
	return ret;
}

void uvfw_tags(const struct uvfw *fw, struct uvfw_se_tags *tags)
{
	*tags = fw->tags;
}

void uvfw_set_tags(struct uvfw *fw, const struct uvfw_se_tags *tags)
{
	fw->tags = *tags;
}

void uvfw_fw_state(const struct uvfw *fw, uint8_t out[UVFW_FW_STATE_LEN])
{
	memcpy(out, fw->fw_state, UVFW_FW_STATE_LEN);
}

void uvfw_secret_store_hash(const struct uvfw *fw,
			    uint8_t out[UVFW_SECRET_STORE_HASH_LEN])
{
	memcpy(out, fw->ssh, UVFW_SECRET_STORE_HASH_LEN);
}

void uvfw_set_cuid(struct uvfw *fw, const uint8_t cuid[UVFW_CUID_LEN])
{
	memcpy(fw->cuid, cuid, UVFW_CUID_LEN);
}

void uvfw_stats(const struct uvfw *fw, unsigned long *attested,
		unsigned long *refused)
{
	if (attested)
		*attested = fw->nr_attested;
	if (refused)
		*refused = fw->nr_refused;
}

/**
 * uvfw_unseal() - open a request sealed for this UV's host key
 * @fw: the model
 * @req: the request (a private copy)
 * @slots_off: offset of its key slots
 * @nks: their number
 * @cust_pub: the customer public key (x|y padded)
 * @iv: the request IV
 * @enc_off: offset of the encrypted area; everything before it is AAD
 * @sea: size of the encrypted area (the tag follows it)
 * @plain: receives @sea bytes of plaintext
 * @rc_unseal: the rc to answer when it cannot be opened
 *
 * Return: UVFW_RC_OK or @rc_unseal.
 */
uint16_t uvfw_unseal(const struct uvfw *fw, const uint8_t *req,
		     uint32_t slots_off, uint32_t nks, const uint8_t *cust_pub,
		     const uint8_t *iv, uint32_t enc_off, uint32_t sea,
		     uint8_t *plain, uint16_t rc_unseal)
{
	uint8_t arpk[UVFW_ARPK_LEN], tag[UVFW_TAG_LEN];
	const uint8_t *slot = NULL;
	EVP_PKEY *cust = NULL;
	enum uvfw_err err;
	uint32_t i;

	for (i = 0; i < nks && !slot; i++) {
		const uint8_t *s = req + slots_off + i * UVFW_KEYSLOT_LEN;

		if (!CRYPTO_memcmp(s, fw->host_phkh, UVFW_PHKH_LEN))
			slot = s;
	}
	if (!slot)
		return rc_unseal;
	err = uvfw_p521_from_pub(cust_pub, &cust);
	if (err == UVFW_OK)
		err = uvfw_slot_unwrap_key(fw->host, cust, slot, arpk);
	EVP_PKEY_free(cust);
	if (err == UVFW_OK) {
		memcpy(tag, req + enc_off + sea, sizeof(tag));
		err = uvfw_gcm(0, arpk, iv, req, enc_off, req + enc_off, sea,
			       plain, tag);
	}
	OPENSSL_cleanse(arpk, sizeof(arpk));
	return err == UVFW_OK ? UVFW_RC_OK : rc_unseal;
}

/* Open an ARCB: the measurement key and the nonce (zero without one). */
static uint16_t unseal(const struct uvfw *fw, const uint8_t *req,
		       const struct uvfw_arcb_info *info,
		       uint8_t meas_key[UVFW_MEAS_KEY_LEN],
		       uint8_t nonce[UVFW_NONCE_LEN])
{
	uint8_t plain[UVFW_MEAS_KEY_LEN + UVFW_NONCE_LEN];
	uint16_t rc;

	rc = uvfw_unseal(fw, req, UVFW_ARCB_OFF_KEYSLOTS, info->nks,
			 info->cust_pub, info->iv, info->enc_off, info->sea,
			 plain, UVFW_RC_UNSEAL);
	if (rc != UVFW_RC_OK)
		return rc;
	memcpy(meas_key, plain, UVFW_MEAS_KEY_LEN);
	memset(nonce, 0, UVFW_NONCE_LEN);
	if (info->flags & UVFW_FLAG_NONCE)
		memcpy(nonce, plain + UVFW_MEAS_KEY_LEN, UVFW_NONCE_LEN);
	OPENSSL_cleanse(plain, sizeof(plain));
	return UVFW_RC_OK;
}

/* The additional data in flag order; returns its size. */
static uint32_t fill_add_data(const struct uvfw *fw, uint64_t flags,
			      uint8_t *out)
{
	uint32_t off = 0;

	if (flags & UVFW_FLAG_IMAGE_PHKH) {
		memcpy(out + off, fw->image_phkh, UVFW_PHKH_LEN);
		off += UVFW_PHKH_LEN;
	}
	if (flags & UVFW_FLAG_ATTEST_PHKH) {
		/* The request was unsealed with the one host key. */
		memcpy(out + off, fw->host_phkh, UVFW_PHKH_LEN);
		off += UVFW_PHKH_LEN;
	}
	if (flags & UVFW_FLAG_SECRET_STORE_HASH) {
		memcpy(out + off, fw->ssh, UVFW_SECRET_STORE_HASH_LEN);
		off += UVFW_SECRET_STORE_HASH_LEN;
	}
	if (flags & UVFW_FLAG_FW_STATE) {
		memcpy(out + off, fw->fw_state, UVFW_FW_STATE_LEN);
		off += UVFW_FW_STATE_LEN;
	}
	return off;
}

static uint16_t attest(struct uvfw *fw, const uint8_t *arcb, size_t avail,
		       const uint8_t *user_data, uint16_t user_data_len,
		       const uint8_t *cuid, uint8_t *meas, uint32_t meas_len,
		       uint8_t *add_data, uint32_t add_data_len)
{
	uint8_t meas_key[UVFW_MEAS_KEY_LEN], nonce[UVFW_NONCE_LEN];
	uint8_t add[UVFW_FW_STATE_LEN + 2 * UVFW_PHKH_LEN +
		    UVFW_SECRET_STORE_HASH_LEN];
	uint8_t hdr[UVFW_ARCB_HDR_LEN], user[UVFW_USER_DATA_MAX];
	struct uvfw_meas_input in = { 0 };
	struct uvfw_arcb_info info;
	uint8_t out[UVFW_MEAS_LEN];
	enum uvfw_err err;
	uint8_t *req;
	uint32_t len, add_len;
	uint16_t rc;

	if (user_data_len > UVFW_USER_DATA_MAX)
		return UVFW_RC_USER_DATA_LEN;
	if (!arcb || avail < UVFW_ARCB_HDR_LEN)
		return UVFW_RC_ARCB_ACCESS;
	if (user_data_len)
		memcpy(user, user_data, user_data_len);

	/* Read the header once for the length, then the request once. */
	memcpy(hdr, arcb, sizeof(hdr));
	len = uvfw_be32(hdr + UVFW_ARCB_OFF_LEN);
	err = uvfw_arcb_parse(hdr, sizeof(hdr), &info);
	if (err == UVFW_E_MAGIC || err == UVFW_E_VERSION)
		return uvfw_err_rc(err);
	if (len < UVFW_ARCB_HDR_LEN || len > avail || len > UVFW_ARCB_MAX)
		return UVFW_RC_REQ_LEN;
	req = malloc(len);
	if (!req)
		return UVFW_RC_UNSEAL;
	memcpy(req, arcb, len);
	err = uvfw_arcb_parse(req, len, &info);
	if (err != UVFW_OK) {
		rc = uvfw_err_rc(err);
		goto out;
	}

	rc = unseal(fw, req, &info, meas_key, nonce);
	if (rc != UVFW_RC_OK)
		goto out;
	rc = UVFW_RC_MEAS_LEN;
	if (!meas || meas_len < UVFW_MEAS_LEN)
		goto out;
	rc = UVFW_RC_ADD_LEN;
	add_len = uvfw_add_data_size(info.flags);
	if (add_data_len < add_len || (add_data_len && !add_data))
		goto out;

	fill_add_data(fw, info.flags, add);
	in.tags = &fw->tags;
	in.cuid = cuid;
	in.user_data = user;
	in.user_data_len = user_data_len;
	in.nonce = info.flags & UVFW_FLAG_NONCE ? nonce : NULL;
	in.add_data = add;
	in.add_data_len = add_len;
	rc = UVFW_RC_UNSEAL;
	if (uvfw_measure(meas_key, &in, out) != UVFW_OK)
		goto out;
	memcpy(meas, out, UVFW_MEAS_LEN);
	memset(meas + UVFW_MEAS_LEN, 0, meas_len - UVFW_MEAS_LEN);
	if (add_data_len) {
		memcpy(add_data, add, add_len);
		memset(add_data + add_len, 0, add_data_len - add_len);
	}
	rc = UVFW_RC_OK;
out:
	OPENSSL_cleanse(meas_key, sizeof(meas_key));
	OPENSSL_cleanse(nonce, sizeof(nonce));
	OPENSSL_cleanse(user, sizeof(user));
	free(req);
	return rc;
}

uint16_t uvfw_attest(struct uvfw *fw, const uint8_t *arcb, size_t avail,
		     const uint8_t *user_data, uint16_t user_data_len,
		     const uint8_t *cuid, uint8_t *meas, uint32_t meas_len,
		     uint8_t *add_data, uint32_t add_data_len)
{
	uint16_t rc;

	rc = attest(fw, arcb, avail, user_data, user_data_len, cuid, meas,
		    meas_len, add_data, add_data_len);
	if (rc == UVFW_RC_OK)
		fw->nr_attested++;
	else
		fw->nr_refused++;
	return rc;
}

uint16_t uvfw_attest_hook(void *ctx, const uint8_t *arcb,
			  const uint8_t *user_data, uint16_t user_data_len,
			  const uint8_t *cuid, uint8_t *meas,
			  uint32_t meas_len, uint8_t *add_data,
			  uint32_t add_data_len)
{
	size_t avail;

	if (!arcb)
		return UVFW_RC_ARCB_ACCESS;
	/* The UV model checked that the header's length is addressable. */
	avail = uvfw_be32(arcb + UVFW_ARCB_OFF_LEN);
	if (avail < UVFW_ARCB_HDR_LEN)
		avail = UVFW_ARCB_HDR_LEN;
	return uvfw_attest(ctx, arcb, avail, user_data, user_data_len, cuid,
			   meas, meas_len, add_data, add_data_len);
}

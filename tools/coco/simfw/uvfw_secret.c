// SPDX-License-Identifier: GPL-2.0-only
/*
 * Add Secret: the add-secret request (ASRCB) as s390-tools' pvsecret
 * builds it, and the simulated Ultravisor's side that opens it.
 *
 *   ASRCB v1 = header(48) | flags(8) | tags(208) | CUID(16) | res(256) |
 *              user data(512) | customer key(160) | nks x key slot(80) |
 *              secret header(48) | GCM{secret | extension secret(32)} |
 *              tag(16)
 *   secret header = res(2) type(2) length(4) res(8) id(32)
 * The header's magic is "asrcbM" followed by the user-data type (0: none).
 * Key slots and sealing are the ARCB's (uvfw.h).
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "uvfw_int.h"

#define AS_MAGIC_LEN	6

/*
 * The UV model's store entry, as drivers/virt/coco/sim/coco_sim.h
 * declares it (u16, u32, u8[32], u8[512]); the UVFW_SIM_SECRET_* values
 * in uvfw.h give the layout and the hosted test checks them.
 */
struct coco_sim_uv_secret {
	uint16_t type;
	uint32_t len;
	uint8_t id[UVFW_SECRET_ID_LEN];
	uint8_t value[UVFW_SECRET_VALUE_MAX];
};

_Static_assert(sizeof(struct coco_sim_uv_secret) == UVFW_SIM_SECRET_SIZE,
	       "coco_sim_uv_secret size");
_Static_assert(offsetof(struct coco_sim_uv_secret, value) ==
	       UVFW_SIM_SECRET_OFF_VALUE, "coco_sim_uv_secret layout");

size_t uvfw_asrcb_size(unsigned int nks, uint32_t value_len)
{
	return UVFW_ASRCB_OFF_KEYSLOTS + (size_t)nks * UVFW_KEYSLOT_LEN +
	       UVFW_SECRET_HDR_LEN + value_len + UVFW_EXT_SECRET_LEN +
	       UVFW_TAG_LEN;
}

/* Supported secret types and the lengths they must have (0: any). */
static int type_len(uint16_t type, uint32_t *want)
{
	*want = 0;
	switch (type) {
	case UVFW_SECRET_ASSOCIATION:
	case UVFW_SECRET_AES_256:
		*want = 32;
		return 0;
	case UVFW_SECRET_AES_128:
		*want = 16;
		return 0;
	case UVFW_SECRET_AES_192:
		*want = 24;
		return 0;
	case UVFW_SECRET_PLAIN:
		return 0;
	}
	/* 0x07-0x0a and 0x11-0x15: keys of other kinds; 0x0b-0x10 reserved */
	if ((type >= 0x07 && type <= 0x0a) ||
	    (type >= 0x11 && type <= UVFW_SECRET_LAST))
		return 0;
	return -1;
}

static bool len_ok(uint16_t type, uint32_t len)
{
	uint32_t want;

	if (type_len(type, &want) || !len || len > UVFW_SECRET_VALUE_MAX)
		return false;
	return !want || len == want;
}

enum uvfw_err uvfw_asrcb_build(const struct uvfw_asrcb_params *p,
			       const uint8_t (*host_keys)[UVFW_PUBKEY_LEN],
			       unsigned int nks, uint8_t *out, size_t out_len,
			       size_t *len)
{
	uint8_t plain[UVFW_SECRET_VALUE_MAX + UVFW_EXT_SECRET_LEN];
	uint8_t priv[UVFW_PRIVKEY_LEN];
	EVP_PKEY *cust = NULL;
	uint32_t enc_off, sea;
	enum uvfw_err ret;
	size_t total;
	uint8_t *hdr;

	if (!p || !host_keys || !out || !nks || nks > UVFW_ARCB_MAX_KEYSLOTS ||
	    !p->value || !len_ok(p->type, p->value_len) ||
	    (p->flags & ~UVFW_ASRCB_FLAG_DISABLE_DUMP))
		return UVFW_E_ARG;
	total = uvfw_asrcb_size(nks, p->value_len);
	if (out_len < total)
		return UVFW_E_ARG;
	memset(priv, 0, sizeof(priv));
	if (p->cust_priv)
		memcpy(priv, p->cust_priv, sizeof(priv));
	else if (RAND_priv_bytes(priv + UVFW_P521_PAD + 1,
				 UVFW_P521_LEN - 1) != 1)
		return UVFW_E_CRYPTO;

	memset(out, 0, total);
	ret = uvfw_p521_from_priv(priv, &cust, out + UVFW_ASRCB_OFF_CUST_KEY);
	if (ret != UVFW_OK)
		goto out;
	sea = p->value_len + UVFW_EXT_SECRET_LEN;
	enc_off = (uint32_t)(total - sea - UVFW_TAG_LEN);
	memcpy(out, UVFW_ASRCB_MAGIC, AS_MAGIC_LEN);
	uvfw_put_be32(out + UVFW_ARCB_OFF_VERSION, UVFW_ASRCB_V1);
	uvfw_put_be32(out + UVFW_ARCB_OFF_LEN, (uint32_t)total);
	memcpy(out + UVFW_ARCB_OFF_IV, p->iv, UVFW_IV_LEN);
	out[UVFW_ARCB_OFF_NKS] = (uint8_t)nks;
	uvfw_put_be32(out + UVFW_ARCB_OFF_SEA, sea);
	uvfw_put_be64(out + UVFW_ASRCB_OFF_FLAGS, p->flags);
	memcpy(out + UVFW_ASRCB_OFF_TAGS, p->tags.pld, 64);
	memcpy(out + UVFW_ASRCB_OFF_TAGS + 64, p->tags.ald, 64);
	memcpy(out + UVFW_ASRCB_OFF_TAGS + 128, p->tags.tld, 64);
	memcpy(out + UVFW_ASRCB_OFF_TAGS + 192, p->tags.tag, 16);
	memcpy(out + UVFW_ASRCB_OFF_CUID, p->cuid, UVFW_CUID_LEN);

	ret = uvfw_seal_keyslots(cust, host_keys, nks, p->arpk,
				 out + UVFW_ASRCB_OFF_KEYSLOTS);
	if (ret != UVFW_OK)
		goto out;
	hdr = out + enc_off - UVFW_SECRET_HDR_LEN;
	uvfw_put_be16(hdr + 2, p->type);
	uvfw_put_be32(hdr + 4, p->value_len);
	memcpy(hdr + 16, p->id, UVFW_SECRET_ID_LEN);

	memcpy(plain, p->value, p->value_len);
	memcpy(plain + p->value_len, p->ext_secret, UVFW_EXT_SECRET_LEN);
	ret = uvfw_gcm(1, p->arpk, p->iv, out, enc_off, plain, sea,
		       out + enc_off, out + enc_off + sea);
	if (ret == UVFW_OK && len)
		*len = total;
out:
	if (ret != UVFW_OK)
		memset(out, 0, total);
	OPENSSL_cleanse(priv, sizeof(priv));
	OPENSSL_cleanse(plain, sizeof(plain));
	EVP_PKEY_free(cust);
	return ret;
}

/* The plaintext checks, in rc order; fills the offsets on success. */
static uint16_t check_asrcb(const uint8_t *req, uint32_t len, uint32_t *nks,
			    uint32_t *enc_off, uint32_t *sea, uint16_t *type,
			    uint32_t *value_len)
{
	uint32_t off, hdr_len;

	if (len < UVFW_ASRCB_OFF_KEYSLOTS + UVFW_KEYSLOT_LEN + 16 +
		  UVFW_EXT_SECRET_LEN + UVFW_TAG_LEN)
		return UVFW_RC_AS_SIZE;
	*nks = req[UVFW_ARCB_OFF_NKS];
	if (!*nks || *nks > UVFW_ARCB_MAX_KEYSLOTS)
		return UVFW_RC_AS_KEYSLOTS;
	off = UVFW_ASRCB_OFF_KEYSLOTS + *nks * UVFW_KEYSLOT_LEN;
	if (off + 16 + UVFW_EXT_SECRET_LEN + UVFW_TAG_LEN > len)
		return UVFW_RC_AS_SIZE;
	if (uvfw_be64(req + UVFW_ASRCB_OFF_FLAGS) &
	    ~UVFW_ASRCB_FLAG_DISABLE_DUMP)
		return UVFW_RC_AS_FLAGS;

	/* A NULL secret has a 16-byte header, every other one 48. */
	*type = uvfw_be16(req + off + 2);
	hdr_len = *type == UVFW_SECRET_NULL ? 16 : UVFW_SECRET_HDR_LEN;
	*value_len = *type == UVFW_SECRET_NULL ? 0 : uvfw_be32(req + off + 4);
	*enc_off = off + hdr_len;
	*sea = uvfw_be32(req + UVFW_ARCB_OFF_SEA);
	if (*value_len > UVFW_ARCB_MAX ||
	    *sea != *value_len + UVFW_EXT_SECRET_LEN ||
	    (uint64_t)*enc_off + *sea + UVFW_TAG_LEN != len)
		return UVFW_RC_AS_SIZE;
	if (*type == UVFW_SECRET_NULL || type_len(*type, &off))
		return UVFW_RC_AS_SECRET;
	if (!len_ok(*type, *value_len))
		return UVFW_RC_AS_SECRET_LEN;
	return UVFW_RC_OK;
}

static bool tags_match(const struct uvfw *fw, const uint8_t *t)
{
	return !CRYPTO_memcmp(t, fw->tags.pld, 64) &&
	       !CRYPTO_memcmp(t + 64, fw->tags.ald, 64) &&
	       !CRYPTO_memcmp(t + 128, fw->tags.tld, 64) &&
	       !CRYPTO_memcmp(t + 192, fw->tags.tag, 16);
}

static bool cuid_matches(const struct uvfw *fw, const uint8_t *c)
{
	static const uint8_t any[UVFW_CUID_LEN];

	return !memcmp(c, any, sizeof(any)) ||
	       !CRYPTO_memcmp(c, fw->cuid, UVFW_CUID_LEN);
}

/* secret-store hash = SHA-512(hash | SHA-512(request)) */
static void fold_store_hash(struct uvfw *fw, const uint8_t *req, uint32_t len)
{
	uint8_t buf[2 * UVFW_SECRET_STORE_HASH_LEN];

	memcpy(buf, fw->ssh, UVFW_SECRET_STORE_HASH_LEN);
	if (!EVP_Digest(req, len, buf + UVFW_SECRET_STORE_HASH_LEN, NULL,
			EVP_sha512(), NULL) ||
	    !EVP_Digest(buf, sizeof(buf), fw->ssh, NULL, EVP_sha512(), NULL))
		memset(fw->ssh, 0xff, sizeof(fw->ssh));
}

static uint16_t add_secret(struct uvfw *fw, const uint8_t *asrcb,
			   size_t avail, struct uvfw_secret *secret)
{
	uint32_t len, nks = 0, enc_off = 0, sea = 0, value_len = 0;
	uint8_t hdr[UVFW_ARCB_HDR_LEN], *req, *plain = NULL;
	uint16_t rc, type = 0;

	if (!asrcb || avail < UVFW_ARCB_HDR_LEN)
		return UVFW_RC_AS_ACCESS;
	memcpy(hdr, asrcb, sizeof(hdr));
	if (memcmp(hdr, UVFW_ASRCB_MAGIC, AS_MAGIC_LEN) || hdr[6] || hdr[7] ||
	    uvfw_be32(hdr + UVFW_ARCB_OFF_VERSION) != UVFW_ASRCB_V1)
		return UVFW_RC_AS_VERSION;
	len = uvfw_be32(hdr + UVFW_ARCB_OFF_LEN);
	if (len > avail || len > UVFW_ARCB_MAX)
		return UVFW_RC_AS_SIZE;
	req = malloc(len ? len : 1);
	if (!req)
		return UVFW_RC_AS_CANNOT_ADD;
	memcpy(req, asrcb, len);
	/* The copy is what counts; its header must be the one checked. */
	rc = UVFW_RC_AS_SIZE;
	if (len < sizeof(hdr) || memcmp(req, hdr, sizeof(hdr)))
		goto out;
	rc = check_asrcb(req, len, &nks, &enc_off, &sea, &type, &value_len);
	if (rc != UVFW_RC_OK)
		goto out;
	rc = UVFW_RC_AS_CANNOT_ADD;
	plain = malloc(sea);
	if (!plain)
		goto out;
	rc = uvfw_unseal(fw, req, UVFW_ASRCB_OFF_KEYSLOTS, nks,
			 req + UVFW_ASRCB_OFF_CUST_KEY, req + UVFW_ARCB_OFF_IV,
			 enc_off, sea, plain, UVFW_RC_AS_DECRYPT);
	if (rc != UVFW_RC_OK)
		goto out;
	rc = UVFW_RC_AS_CANNOT_ADD;
	if (!tags_match(fw, req + UVFW_ASRCB_OFF_TAGS) ||
	    !cuid_matches(fw, req + UVFW_ASRCB_OFF_CUID))
		goto out;

	memset(secret, 0, sizeof(*secret));
	secret->type = type;
	secret->len = value_len;
	memcpy(secret->id, req + enc_off - UVFW_SECRET_ID_LEN,
	       UVFW_SECRET_ID_LEN);
	memcpy(secret->value, plain, value_len);
	fold_store_hash(fw, req, len);
	if (uvfw_be64(req + UVFW_ASRCB_OFF_FLAGS) &
	    UVFW_ASRCB_FLAG_DISABLE_DUMP)
		fw->dump_disabled = true;
	rc = UVFW_RC_OK;
out:
	if (plain) {
		OPENSSL_cleanse(plain, sea);
		free(plain);
	}
	free(req);
	return rc;
}

uint16_t uvfw_add_secret(struct uvfw *fw, const uint8_t *asrcb, size_t avail,
			 struct uvfw_secret *secret)
{
	uint16_t rc = add_secret(fw, asrcb, avail, secret);

	if (rc != UVFW_RC_OK)
		fw->nr_refused++;
	return rc;
}

uint16_t uvfw_add_secret_hook(void *ctx, const uint8_t *asrcb,
			      struct coco_sim_uv_secret *secret)
{
	struct uvfw_secret s;
	size_t avail;
	uint16_t rc;

	if (!asrcb)
		return UVFW_RC_AS_ACCESS;
	/* The UV model checked that the header's length is addressable. */
	avail = uvfw_be32(asrcb + UVFW_ARCB_OFF_LEN);
	if (avail < UVFW_ARCB_HDR_LEN)
		avail = UVFW_ARCB_HDR_LEN;
	rc = uvfw_add_secret(ctx, asrcb, avail, &s);
	if (rc == UVFW_RC_OK) {
		secret->type = s.type;
		secret->len = s.len;
		memcpy(secret->id, s.id, sizeof(s.id));
		memcpy(secret->value, s.value, s.len);
	}
	OPENSSL_cleanse(&s, sizeof(s));
	return rc;
}

bool uvfw_dump_disabled(const struct uvfw *fw)
{
	return fw->dump_disabled;
}

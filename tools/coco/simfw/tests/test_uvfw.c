// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests of the simulated Ultravisor's attestation (uvfw).  The customer
 * side is checked against IBM s390-tools' own test vector in
 * shared/realdata/s390 (an ARCB with known ARPK, IV, nonce, measurement
 * key and customer key, sealed for a real-format host-key document) and
 * s390-tools' published measurement values; the firmware side against
 * requests built here, refused in the UV's rc order.
 *
 * Ends with "N passed, N failed"; exits non-zero when anything failed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>
#include <openssl/evp.h>

#include "uvfw.h"

#ifndef SIMFW_REALDATA_S390
#define SIMFW_REALDATA_S390 "tools/testing/realdata/s390"
#endif

#include "check.h"

static bool all_bytes(const uint8_t *p, size_t n, uint8_t v)
{
	while (n--)
		if (*p++ != v)
			return false;
	return true;
}

/* Read a file of shared/realdata/s390; exits when it is missing. */
static uint8_t *realdata(const char *name, size_t *len)
{
	const char *dir = getenv("SIMFW_REALDATA_S390");
	char path[512];
	uint8_t *buf;
	long n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir ? dir : SIMFW_REALDATA_S390,
		 name);
	f = fopen(path, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	buf = malloc((size_t)n);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* --------------------------------------- s390-tools' test vector -- */

static uint8_t *vec, *cust_priv, *cust_pub, *hkd;
static size_t vec_len, cust_priv_len, cust_pub_len, hkd_len;
static uint8_t host_pub[UVFW_PUBKEY_LEN];

static void load_vector(void)
{
	vec = realdata("pvattest-arcb-v1.bin", &vec_len);
	cust_priv = realdata("customer-key.private.bin", &cust_priv_len);
	cust_pub = realdata("customer-key.public.bin", &cust_pub_len);
	hkd = realdata("host-key-document.pem.crt", &hkd_len);
}

static void t_vector_parse(void)
{
	struct uvfw_arcb_info info;

	CHECK_EQ(vec_len, 400);
	CHECK_EQ(uvfw_arcb_parse(vec, vec_len, &info), UVFW_OK);
	CHECK_EQ(info.version, UVFW_ARCB_V1);
	CHECK_EQ(info.len, 0x190);
	CHECK_EQ(info.nks, 1);
	CHECK_EQ(info.sea, 80);
	CHECK_EQ(info.flags, UVFW_FLAG_NONCE | UVFW_FLAG_IMAGE_PHKH |
		 UVFW_FLAG_ATTEST_PHKH);
	CHECK_EQ(info.mai, UVFW_MAI_HMAC_SHA512);
	CHECK(all_bytes(info.iv, UVFW_IV_LEN, 0x55));
	CHECK_EQ(info.enc_off, 0x130);
	CHECK_EQ(uvfw_arcb_size(1, info.flags), vec_len);
	CHECK_EQ(uvfw_add_data_size(info.flags), 64);
	/* Shorter than its own length field: refused. */
	CHECK_EQ(uvfw_arcb_parse(vec, vec_len - 1, &info), UVFW_E_LENGTH);
}

static void t_vector_keys(void)
{
	uint8_t phkh[UVFW_PHKH_LEN], junk[UVFW_PUBKEY_LEN];

	CHECK_EQ(cust_pub_len, UVFW_PUBKEY_LEN);
	CHECK_EQ(cust_priv_len, UVFW_PRIVKEY_LEN);
	/* The customer key in the request is the test key's public part. */
	CHECK(!memcmp(vec + UVFW_ARCB_OFF_CUST_KEY, cust_pub,
		      UVFW_PUBKEY_LEN));
	/* The key slot names the host-key document's key. */
	CHECK_EQ(uvfw_pubkey_from_pem(hkd, hkd_len, host_pub), UVFW_OK);
	uvfw_phkh(host_pub, phkh);
	CHECK(!memcmp(vec + UVFW_ARCB_OFF_KEYSLOTS, phkh, UVFW_PHKH_LEN));
	/* The raw 160-byte form is accepted, garbage is not. */
	CHECK_EQ(uvfw_pubkey_from_pem(cust_pub, cust_pub_len, junk), UVFW_OK);
	CHECK(!memcmp(junk, cust_pub, UVFW_PUBKEY_LEN));
	memset(junk, 0x11, sizeof(junk));
	CHECK_EQ(uvfw_pubkey_from_pem(junk, sizeof(junk), junk), UVFW_E_KEY);
}

static void t_vector_unwrap(void)
{
	uint8_t arpk[UVFW_ARPK_LEN], key[UVFW_MEAS_KEY_LEN];
	uint8_t nonce[UVFW_NONCE_LEN], slot[UVFW_KEYSLOT_LEN];
	bool has_nonce = false;

	/* ECDH(customer private, host public) opens the key slot. */
	CHECK_EQ(uvfw_keyslot_unwrap(cust_priv, host_pub,
				     vec + UVFW_ARCB_OFF_KEYSLOTS, arpk),
		 UVFW_OK);
	CHECK(all_bytes(arpk, sizeof(arpk), 0x17));
	CHECK_EQ(uvfw_arcb_open(vec, vec_len, arpk, key, nonce, &has_nonce),
		 UVFW_OK);
	CHECK(all_bytes(key, sizeof(key), 0x77));
	CHECK(all_bytes(nonce, sizeof(nonce), 0xab));
	CHECK(has_nonce);

	/* A changed wrapped key or slot tag is a tag mismatch. */
	memcpy(slot, vec + UVFW_ARCB_OFF_KEYSLOTS, sizeof(slot));
	slot[UVFW_KEYSLOT_OFF_WRAPPED] ^= 1;
	CHECK_EQ(uvfw_keyslot_unwrap(cust_priv, host_pub, slot, arpk),
		 UVFW_E_TAG);
	slot[UVFW_KEYSLOT_OFF_WRAPPED] ^= 1;
	slot[UVFW_KEYSLOT_LEN - 1] ^= 0x80;
	CHECK_EQ(uvfw_keyslot_unwrap(cust_priv, host_pub, slot, arpk),
		 UVFW_E_TAG);
	/* The wrong ARPK does not open the request. */
	memset(arpk, 0x16, sizeof(arpk));
	CHECK_EQ(uvfw_arcb_open(vec, vec_len, arpk, key, nonce, NULL),
		 UVFW_E_TAG);
}

static void t_vector_rebuild(void)
{
	struct uvfw_arcb_params p = { 0 };
	uint8_t out[512];
	size_t len = 0;

	p.flags = UVFW_FLAG_NONCE | UVFW_FLAG_IMAGE_PHKH |
		  UVFW_FLAG_ATTEST_PHKH;
	p.mai = UVFW_MAI_HMAC_SHA512;
	memset(p.meas_key, 0x77, sizeof(p.meas_key));
	memset(p.nonce, 0xab, sizeof(p.nonce));
	memset(p.arpk, 0x17, sizeof(p.arpk));
	memset(p.iv, 0x55, sizeof(p.iv));
	p.cust_priv = cust_priv;
	CHECK_EQ(uvfw_arcb_build(&p, (const uint8_t (*)[UVFW_PUBKEY_LEN])
				 host_pub, 1, out, sizeof(out), &len),
		 UVFW_OK);
	CHECK_EQ(len, vec_len);
	CHECK(!memcmp(out, vec, vec_len));
	/* Too small an output buffer is an argument error. */
	CHECK_EQ(uvfw_arcb_build(&p, (const uint8_t (*)[UVFW_PUBKEY_LEN])
				 host_pub, 1, out, vec_len - 1, &len),
		 UVFW_E_ARG);
}

static void t_vector_tamper(void)
{
	uint8_t t[400], arpk[UVFW_ARPK_LEN], key[UVFW_MEAS_KEY_LEN];
	uint8_t nonce[UVFW_NONCE_LEN], meas[UVFW_MEAS_LEN], add[64];
	uint8_t cuid[UVFW_CUID_LEN] = { 0 };
	struct uvfw *fw = uvfw_new(1);

	memset(arpk, 0x17, sizeof(arpk));
	CHECK(fw);
	if (!fw)
		return;
	/* The tamper cases of s390-tools' tests, on both sides. */
	memcpy(t, vec, sizeof(t));
	t[0] = 17;
	CHECK_EQ(uvfw_arcb_open(t, sizeof(t), arpk, key, nonce, NULL),
		 UVFW_E_MAGIC);
	CHECK_EQ(uvfw_attest(fw, t, sizeof(t), NULL, 0, cuid, meas,
			     sizeof(meas), add, sizeof(add)), UVFW_RC_VERSION);
	memcpy(t, vec, sizeof(t));
	t[0x3b] = 17;
	CHECK_EQ(uvfw_arcb_open(t, sizeof(t), arpk, key, nonce, NULL),
		 UVFW_E_ALGORITHM);
	CHECK_EQ(uvfw_attest(fw, t, sizeof(t), NULL, 0, cuid, meas,
			     sizeof(meas), add, sizeof(add)), UVFW_RC_MAI);
	memcpy(t, vec, sizeof(t));
	t[0x3c] = 17;
	CHECK_EQ(uvfw_arcb_open(t, sizeof(t), arpk, key, nonce, NULL),
		 UVFW_E_TAG);
	/* Every byte of the authenticated area counts. */
	memcpy(t, vec, sizeof(t));
	t[0x40 + 20] ^= 0x04;
	CHECK_EQ(uvfw_arcb_open(t, sizeof(t), arpk, key, nonce, NULL),
		 UVFW_E_TAG);
	/* This UV does not hold the vector's host key: it cannot unseal. */
	CHECK_EQ(uvfw_attest(fw, vec, vec_len, NULL, 0, cuid, meas,
			     sizeof(meas), add, sizeof(add)), UVFW_RC_UNSEAL);
	uvfw_free(fw);
}

/* ------------------------------------------ measurement (HMAC) ----- */

/*
 * s390-tools rust/pv/src/uvattest/attest.rs tests: key 0x41 x 64, tags
 * 1/2/3 x 64 and 4 x 16, CUID 5 x 16, user data 7 x 256, nonce 8 x 16,
 * additional data 9 x 128.
 */
static const uint8_t kat_all[64] = {
	0x88, 0x79, 0x4c, 0x62, 0xcc, 0xe7, 0xbc, 0xf2, 0x62, 0x16, 0xde, 0xb3,
	0xf4, 0x8f, 0x13, 0xfe, 0xa6, 0x37, 0x4b, 0x6d, 0x7e, 0x35, 0xbc, 0xc5,
	0xc2, 0xce, 0x68, 0x12, 0x1d, 0xb6, 0xf4, 0x5d, 0xfc, 0x8c, 0x17, 0x18,
	0x56, 0x46, 0x35, 0x49, 0x40, 0x8b, 0xf8, 0xe7, 0xd1, 0xac, 0xa1, 0x1e,
	0xfa, 0xd0, 0xa8, 0x78, 0xaf, 0x97, 0xdc, 0x9e, 0x21, 0xa1, 0xfc, 0x2a,
	0x32, 0xf3, 0xa6, 0x75,
};

static const uint8_t kat_user_add[64] = {
	0xfb, 0xd4, 0xf7, 0x38, 0xa3, 0x90, 0xed, 0xd9, 0x47, 0xcd, 0x4f, 0x11,
	0xaf, 0x3a, 0x2f, 0x3b, 0xab, 0x2f, 0xdf, 0x8b, 0xf8, 0x9b, 0xf8, 0x1b,
	0xeb, 0x49, 0x51, 0x17, 0xf4, 0x38, 0x2c, 0xf4, 0x2f, 0x07, 0x30, 0xc8,
	0xc7, 0xd9, 0xe3, 0xca, 0x27, 0xfb, 0x25, 0xad, 0xfc, 0xeb, 0x21, 0x22,
	0x4f, 0x57, 0xfd, 0xb3, 0x98, 0xdc, 0xf4, 0x1a, 0x83, 0xc1, 0x46, 0xe6,
	0xa2, 0x3d, 0xb7, 0x60,
};

static const uint8_t kat_add[64] = {
	0x63, 0x67, 0x1f, 0xbf, 0x29, 0x50, 0x36, 0xeb, 0x10, 0x23, 0xea, 0x71,
	0xf7, 0x18, 0x2e, 0x7d, 0x63, 0x43, 0xdc, 0x7b, 0x2d, 0xa5, 0x84, 0xe8,
	0x24, 0xd0, 0xa7, 0xd1, 0x98, 0xab, 0x9c, 0xde, 0xd7, 0x56, 0xc9, 0x3b,
	0x39, 0x05, 0x0f, 0xfb, 0x76, 0x45, 0x55, 0xb0, 0x1f, 0x88, 0xcb, 0x82,
	0x01, 0x7a, 0x6a, 0x15, 0xc7, 0xe0, 0xba, 0xfc, 0x60, 0x05, 0xf1, 0xe4,
	0xf7, 0x8a, 0xa1, 0x24,
};

static const uint8_t kat_minimal[64] = {
	0xc5, 0xc3, 0x4c, 0x93, 0x83, 0x5d, 0x1e, 0xc2, 0x3f, 0x5c, 0x2d, 0x77,
	0x8d, 0xfa, 0x20, 0x12, 0x9b, 0x11, 0xb3, 0x05, 0x60, 0x17, 0x42, 0xcb,
	0x2f, 0x38, 0xe0, 0xed, 0x98, 0x94, 0xdc, 0xdb, 0x73, 0xfc, 0x86, 0x95,
	0xab, 0x6a, 0x8d, 0xba, 0xd0, 0x74, 0x40, 0x73, 0xdd, 0xc8, 0x1a, 0x5e,
	0xaa, 0xfa, 0x52, 0xe4, 0xa1, 0x5a, 0xf8, 0xde, 0xb8, 0xd7, 0x61, 0x09,
	0x19, 0x22, 0x84, 0x7f,
};

static void t_measure_known_answers(void)
{
	uint8_t key[64], cuid[16], user[256], nonce[16], add[128], m[64];
	struct uvfw_se_tags tags;
	struct uvfw_meas_input in = { 0 };

	memset(key, 0x41, sizeof(key));
	memset(tags.pld, 1, sizeof(tags.pld));
	memset(tags.ald, 2, sizeof(tags.ald));
	memset(tags.tld, 3, sizeof(tags.tld));
	memset(tags.tag, 4, sizeof(tags.tag));
	memset(cuid, 5, sizeof(cuid));
	memset(user, 7, sizeof(user));
	memset(nonce, 8, sizeof(nonce));
	memset(add, 9, sizeof(add));
	in.tags = &tags;
	in.cuid = cuid;

	in.user_data = user;
	in.user_data_len = sizeof(user);
	in.nonce = nonce;
	in.add_data = add;
	in.add_data_len = sizeof(add);
	CHECK_EQ(uvfw_measure(key, &in, m), UVFW_OK);
	CHECK(!memcmp(m, kat_all, 64));
	CHECK_EQ(uvfw_measure_verify(key, &in, kat_all, 64), 0);

	in.nonce = NULL;
	CHECK_EQ(uvfw_measure(key, &in, m), UVFW_OK);
	CHECK(!memcmp(m, kat_user_add, 64));

	in.user_data = NULL;
	in.user_data_len = 0;
	CHECK_EQ(uvfw_measure(key, &in, m), UVFW_OK);
	CHECK(!memcmp(m, kat_add, 64));

	in.add_data = NULL;
	in.add_data_len = 0;
	CHECK_EQ(uvfw_measure(key, &in, m), UVFW_OK);
	CHECK(!memcmp(m, kat_minimal, 64));
	CHECK_EQ(uvfw_measure_verify(key, &in, kat_minimal, 64), 0);
	CHECK_EQ(uvfw_measure_verify(key, &in, kat_all, 64), 1);
	CHECK_EQ(uvfw_measure_verify(key, &in, kat_minimal, 63), 1);

	in.user_data_len = 257;
	CHECK_EQ(uvfw_measure(key, &in, m), UVFW_E_ARG);
}

/* ----------------------------------------------- firmware side ----- */

#define ALL_FLAGS	UVFW_FLAGS_SUPPORTED

static const uint8_t cuid_a[UVFW_CUID_LEN] = {
	0xc0, 0xc0, 0x5e, 0xc0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
};

static void params_for(struct uvfw_arcb_params *p, uint64_t flags)
{
	unsigned int i;

	memset(p, 0, sizeof(*p));
	p->flags = flags;
	p->mai = UVFW_MAI_HMAC_SHA512;
	for (i = 0; i < sizeof(p->meas_key); i++)
		p->meas_key[i] = (uint8_t)(0x30 + i);
	for (i = 0; i < sizeof(p->nonce); i++)
		p->nonce[i] = (uint8_t)(0xe0 + i);
	for (i = 0; i < sizeof(p->arpk); i++)
		p->arpk[i] = (uint8_t)(0x90 ^ i);
	for (i = 0; i < sizeof(p->iv); i++)
		p->iv[i] = (uint8_t)(0x21 * i);
}

/* Build a one-slot request for @fw; returns its length. */
static size_t build_for(const struct uvfw *fw, uint64_t flags, uint8_t *out,
			size_t out_len)
{
	uint8_t pub[1][UVFW_PUBKEY_LEN];
	struct uvfw_arcb_params p;
	size_t len = 0;

	params_for(&p, flags);
	uvfw_host_pubkey(fw, pub[0]);
	CHECK_EQ(uvfw_arcb_build(&p, (const uint8_t (*)[UVFW_PUBKEY_LEN])pub,
				 1, out, out_len, &len), UVFW_OK);
	return len;
}

static void expect_add(const struct uvfw *fw, uint64_t flags, uint8_t *out)
{
	uint8_t pub[UVFW_PUBKEY_LEN];
	uint32_t off = 0;

	uvfw_host_pubkey(fw, pub);
	if (flags & UVFW_FLAG_IMAGE_PHKH) {
		uvfw_phkh(pub, out + off);
		off += 32;
	}
	if (flags & UVFW_FLAG_ATTEST_PHKH) {
		uvfw_phkh(pub, out + off);
		off += 32;
	}
	if (flags & UVFW_FLAG_SECRET_STORE_HASH) {
		uvfw_secret_store_hash(fw, out + off);
		off += 64;
	}
	if (flags & UVFW_FLAG_FW_STATE)
		uvfw_fw_state(fw, out + off);
}

static void roundtrip(uint64_t flags, uint16_t user_len)
{
	uint8_t req[512], meas[80], add[600], want_add[600], user[256];
	uint32_t add_len = uvfw_add_data_size(flags);
	struct uvfw *fw = uvfw_new(7);
	struct uvfw_meas_input in = { 0 };
	struct uvfw_arcb_params p;
	struct uvfw_se_tags tags;
	size_t len;
	unsigned int i;

	CHECK(fw);
	if (!fw)
		return;
	for (i = 0; i < sizeof(user); i++)
		user[i] = (uint8_t)(i * 7 + 1);
	len = build_for(fw, flags, req, sizeof(req));
	memset(meas, 0xee, sizeof(meas));
	memset(add, 0xee, sizeof(add));
	CHECK_EQ(uvfw_attest(fw, req, len, user, user_len, cuid_a, meas,
			     sizeof(meas), add, add_len + 8), UVFW_RC_OK);
	CHECK(all_bytes(meas + 64, sizeof(meas) - 64, 0));
	CHECK(all_bytes(add + add_len, 8, 0));
	memset(want_add, 0, sizeof(want_add));
	expect_add(fw, flags, want_add);
	CHECK(!memcmp(add, want_add, add_len));

	/* The verifier: the same items and the key from its own params. */
	params_for(&p, flags);
	uvfw_tags(fw, &tags);
	in.tags = &tags;
	in.cuid = cuid_a;
	in.user_data = user;
	in.user_data_len = user_len;
	in.nonce = flags & UVFW_FLAG_NONCE ? p.nonce : NULL;
	in.add_data = want_add;
	in.add_data_len = add_len;
	CHECK_EQ(uvfw_measure_verify(p.meas_key, &in, meas, 64), 0);

	/* Any flipped bit, other item or key fails. */
	meas[17] ^= 0x08;
	CHECK_EQ(uvfw_measure_verify(p.meas_key, &in, meas, 64), 1);
	meas[17] ^= 0x08;
	in.cuid = cuid_a + 0;
	tags.tag[0] ^= 1;
	CHECK_EQ(uvfw_measure_verify(p.meas_key, &in, meas, 64), 1);
	tags.tag[0] ^= 1;
	if (user_len) {
		user[user_len - 1] ^= 1;
		CHECK_EQ(uvfw_measure_verify(p.meas_key, &in, meas, 64), 1);
		user[user_len - 1] ^= 1;
	}
	if (flags & UVFW_FLAG_NONCE) {
		in.nonce = NULL;
		CHECK_EQ(uvfw_measure_verify(p.meas_key, &in, meas, 64), 1);
		in.nonce = p.nonce;
	}
	p.meas_key[63] ^= 1;
	CHECK_EQ(uvfw_measure_verify(p.meas_key, &in, meas, 64), 1);
	p.meas_key[63] ^= 1;
	CHECK_EQ(uvfw_measure_verify(p.meas_key, &in, meas, 64), 0);
	uvfw_free(fw);
}

static void t_roundtrip(void)
{
	roundtrip(UVFW_FLAG_NONCE | UVFW_FLAG_IMAGE_PHKH |
		  UVFW_FLAG_ATTEST_PHKH, 32);
	roundtrip(ALL_FLAGS, 256);
	roundtrip(UVFW_FLAG_NONCE, 0);
	roundtrip(0, 1);
	roundtrip(UVFW_FLAG_FW_STATE | UVFW_FLAG_SECRET_STORE_HASH, 100);
}

static void t_deterministic(void)
{
	uint8_t a[UVFW_PUBKEY_LEN], b[UVFW_PUBKEY_LEN], c[UVFW_PUBKEY_LEN];
	struct uvfw *f1 = uvfw_new(42), *f2 = uvfw_new(42), *f3 = uvfw_new(43);
	struct uvfw_se_tags t1, t2, t3;
	char pem[1024];
	int n;

	CHECK(f1 && f2 && f3);
	if (!f1 || !f2 || !f3)
		goto out;
	uvfw_host_pubkey(f1, a);
	uvfw_host_pubkey(f2, b);
	uvfw_host_pubkey(f3, c);
	CHECK(!memcmp(a, b, sizeof(a)));
	CHECK(memcmp(a, c, sizeof(a)));
	uvfw_tags(f1, &t1);
	uvfw_tags(f2, &t2);
	uvfw_tags(f3, &t3);
	CHECK(!memcmp(&t1, &t2, sizeof(t1)));
	CHECK(memcmp(&t1, &t3, sizeof(t1)));
	/* The PEM export reads back as the same key. */
	n = uvfw_host_pubkey_pem(f1, pem, sizeof(pem));
	CHECK(n > 0);
	memset(b, 0, sizeof(b));
	CHECK_EQ(uvfw_pubkey_from_pem((const uint8_t *)pem, (size_t)n, b),
		 UVFW_OK);
	CHECK(!memcmp(a, b, sizeof(a)));
	CHECK_EQ(uvfw_host_pubkey_pem(f1, pem, 10), -1);
out:
	uvfw_free(f1);
	uvfw_free(f2);
	uvfw_free(f3);
}

static uint16_t attest_buf(struct uvfw *fw, const uint8_t *req, size_t len,
			   uint32_t meas_len, uint32_t add_len)
{
	static uint8_t meas[128], add[512];

	return uvfw_attest(fw, req, len, NULL, 0, cuid_a, meas, meas_len,
			   add_len ? add : NULL, add_len);
}

/* Rebuild @req with the header field at @off set (big-endian) to @val. */
static void set_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void t_refusals(void)
{
	struct uvfw *fw = uvfw_new(7), *other = uvfw_new(8);
	uint8_t req[512], t[512], user[257] = { 0 };
	uint8_t meas[64], add[64];
	size_t len;
	unsigned long ok = 0, bad = 0;

	CHECK(fw && other);
	if (!fw || !other)
		goto out;
	len = build_for(fw, UVFW_FLAG_NONCE | UVFW_FLAG_IMAGE_PHKH, req,
			sizeof(req));
	CHECK_EQ(attest_buf(fw, req, len, 64, 32), UVFW_RC_OK);

	/* In the UV's order: user data length first. */
	CHECK_EQ(uvfw_attest(fw, req, len, user, 257, cuid_a, meas, 64, add,
			     32), UVFW_RC_USER_DATA_LEN);
	/* A request shorter than a header is an access problem. */
	CHECK_EQ(attest_buf(fw, req, 0x2f, 64, 32), UVFW_RC_ARCB_ACCESS);
	/* Version (and magic). */
	memcpy(t, req, len);
	set_be32(t + UVFW_ARCB_OFF_VERSION, 0);
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_VERSION);
	set_be32(t + UVFW_ARCB_OFF_VERSION, 0x0200);
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_VERSION);
	memcpy(t, req, len);
	t[7] = 1;
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_VERSION);
	/* Length: longer than given, too long for v1, too short. */
	CHECK_EQ(attest_buf(fw, req, len - 1, 64, 32), UVFW_RC_REQ_LEN);
	memcpy(t, req, len);
	set_be32(t + UVFW_ARCB_OFF_LEN, 0x100000);
	CHECK_EQ(attest_buf(fw, t, sizeof(t), 64, 32), UVFW_RC_REQ_LEN);
	set_be32(t + UVFW_ARCB_OFF_LEN, 0x40);
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_REQ_LEN);
	/* Too many key slots for the length. */
	memcpy(t, req, len);
	t[UVFW_ARCB_OFF_NKS] = 2;
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_REQ_LEN);
	/* Key slots: none. */
	t[UVFW_ARCB_OFF_NKS] = 0;
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_KEYSLOTS);
	/* Encrypted area: 17, or 64 (no room for the flagged nonce). */
	memcpy(t, req, len);
	set_be32(t + UVFW_ARCB_OFF_SEA, 17);
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_SEA);
	set_be32(t + UVFW_ARCB_OFF_SEA, 64);
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_SEA);
	/* Nonce flag cleared: 80 bytes is too much for the key alone. */
	memcpy(t, req, len);
	t[UVFW_ARCB_OFF_FLAGS] &= (uint8_t)~0x40;
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_SEA);
	/* Flags: bit 0 and bit 6 are not defined. */
	memcpy(t, req, len);
	t[UVFW_ARCB_OFF_FLAGS] |= 0x80;
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_FLAGS);
	memcpy(t, req, len);
	t[UVFW_ARCB_OFF_FLAGS] |= 0x02;
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_FLAGS);
	/* Algorithm 0 and 2. */
	memcpy(t, req, len);
	set_be32(t + UVFW_ARCB_OFF_MAI, 0);
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_MAI);
	set_be32(t + UVFW_ARCB_OFF_MAI, 2);
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_MAI);
	/* Unseal: reserved byte in the AAD, wrapped key, slot hash,
	 * customer key off the curve, ciphertext, tag. */
	memcpy(t, req, len);
	t[0x3c] = 17;
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_UNSEAL);
	memcpy(t, req, len);
	t[UVFW_ARCB_OFF_KEYSLOTS + UVFW_KEYSLOT_OFF_WRAPPED + 3] ^= 1;
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_UNSEAL);
	memcpy(t, req, len);
	t[UVFW_ARCB_OFF_KEYSLOTS] ^= 1;
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_UNSEAL);
	memcpy(t, req, len);
	t[UVFW_ARCB_OFF_CUST_KEY + UVFW_PUBKEY_LEN - 1] ^= 1;
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_UNSEAL);
	memcpy(t, req, len);
	t[0x130] ^= 1;
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_UNSEAL);
	memcpy(t, req, len);
	t[len - 1] ^= 1;
	CHECK_EQ(attest_buf(fw, t, len, 64, 32), UVFW_RC_UNSEAL);
	/* A request for another machine's host key. */
	CHECK_EQ(attest_buf(other, req, len, 64, 32), UVFW_RC_UNSEAL);
	/* Measurement buffer: 0 and 63 bytes. */
	CHECK_EQ(attest_buf(fw, req, len, 0, 32), UVFW_RC_MEAS_LEN);
	CHECK_EQ(attest_buf(fw, req, len, 63, 32), UVFW_RC_MEAS_LEN);
	/* Additional data: one byte short, none. */
	CHECK_EQ(attest_buf(fw, req, len, 64, 31), UVFW_RC_ADD_LEN);
	CHECK_EQ(attest_buf(fw, req, len, 64, 0), UVFW_RC_ADD_LEN);
	CHECK_EQ(attest_buf(fw, req, len, 64, 33), UVFW_RC_OK);

	uvfw_stats(fw, &ok, &bad);
	CHECK_EQ(ok, 2);
	CHECK_EQ(bad, 27);
out:
	uvfw_free(fw);
	uvfw_free(other);
}

static void t_key_slots(void)
{
	struct uvfw *a = uvfw_new(11), *b = uvfw_new(12), *c = uvfw_new(13);
	uint8_t keys[3][UVFW_PUBKEY_LEN], req[1024], meas[64], add[64];
	uint8_t want[64];
	struct uvfw_arcb_params p;
	struct uvfw_arcb_info info;
	size_t len = 0;

	CHECK(a && b && c);
	if (!a || !b || !c)
		goto out;
	uvfw_host_pubkey(b, keys[0]);
	uvfw_host_pubkey(a, keys[1]);
	uvfw_host_pubkey(c, keys[2]);
	params_for(&p, UVFW_FLAG_NONCE | UVFW_FLAG_ATTEST_PHKH);
	CHECK_EQ(uvfw_arcb_build(&p, (const uint8_t (*)[UVFW_PUBKEY_LEN])keys,
				 2, req, sizeof(req), &len), UVFW_OK);
	CHECK_EQ(uvfw_arcb_parse(req, len, &info), UVFW_OK);
	CHECK_EQ(info.nks, 2);
	/* Either host can unseal it; the third cannot. */
	CHECK_EQ(uvfw_attest(a, req, len, NULL, 0, cuid_a, meas, 64, add, 32),
		 UVFW_RC_OK);
	uvfw_phkh(keys[1], want);
	CHECK(!memcmp(add, want, 32));
	CHECK_EQ(uvfw_attest(b, req, len, NULL, 0, cuid_a, meas, 64, add, 32),
		 UVFW_RC_OK);
	uvfw_phkh(keys[0], want);
	CHECK(!memcmp(add, want, 32));
	CHECK_EQ(uvfw_attest(c, req, len, NULL, 0, cuid_a, meas, 64, add, 32),
		 UVFW_RC_UNSEAL);
	/* 15 slots is the cap, 16 is refused by the builder. */
	CHECK_EQ(uvfw_arcb_build(&p, (const uint8_t (*)[UVFW_PUBKEY_LEN])keys,
				 16, req, sizeof(req), &len), UVFW_E_ARG);
	CHECK_EQ(uvfw_arcb_build(&p, (const uint8_t (*)[UVFW_PUBKEY_LEN])keys,
				 0, req, sizeof(req), &len), UVFW_E_ARG);
	/* A host key off the curve is refused. */
	keys[0][UVFW_PUBKEY_LEN - 1] ^= 1;
	CHECK_EQ(uvfw_arcb_build(&p, (const uint8_t (*)[UVFW_PUBKEY_LEN])keys,
				 1, req, sizeof(req), &len), UVFW_E_KEY);
	/* A fresh customer key each time: two builds differ. */
	p.cust_priv = NULL;
	CHECK_EQ(uvfw_arcb_build(&p, (const uint8_t (*)[UVFW_PUBKEY_LEN])
				 keys[1], 1, req, sizeof(req), &len), UVFW_OK);
	memcpy(want, req + UVFW_ARCB_OFF_CUST_KEY, 64);
	CHECK_EQ(uvfw_arcb_build(&p, (const uint8_t (*)[UVFW_PUBKEY_LEN])
				 keys[1], 1, req, sizeof(req), &len), UVFW_OK);
	CHECK(memcmp(want, req + UVFW_ARCB_OFF_CUST_KEY, 64));
	CHECK_EQ(uvfw_attest(a, req, len, NULL, 0, cuid_a, meas, 64, add, 32),
		 UVFW_RC_OK);
out:
	uvfw_free(a);
	uvfw_free(b);
	uvfw_free(c);
}

static void t_hook(void)
{
	struct uvfw *fw = uvfw_new(3);
	uint8_t req[512], meas[64], add[32];
	size_t len;

	CHECK(fw);
	if (!fw)
		return;
	len = build_for(fw, UVFW_FLAG_NONCE | UVFW_FLAG_IMAGE_PHKH, req,
			sizeof(req));
	CHECK_EQ(uvfw_attest_hook(fw, req, NULL, 0, cuid_a, meas, 64, add,
				  32), UVFW_RC_OK);
	CHECK_EQ(uvfw_attest_hook(fw, NULL, NULL, 0, cuid_a, meas, 64, add,
				  32), UVFW_RC_ARCB_ACCESS);
	(void)len;
	uvfw_free(fw);
}

/* ----------------------------------------------------- add secret -- */

static const uint8_t secret_value[100] = "a plain secret for the guest";

static void asrcb_params(const struct uvfw *fw, struct uvfw_asrcb_params *p)
{
	unsigned int i;

	memset(p, 0, sizeof(*p));
	p->type = UVFW_SECRET_PLAIN;
	for (i = 0; i < sizeof(p->id); i++)
		p->id[i] = (uint8_t)(0xd0 + i);
	p->value = secret_value;
	p->value_len = sizeof(secret_value);
	memset(p->ext_secret, 0x3e, sizeof(p->ext_secret));
	for (i = 0; i < sizeof(p->arpk); i++)
		p->arpk[i] = (uint8_t)(0x5a ^ (i * 3));
	memset(p->iv, 0x0c, sizeof(p->iv));
	uvfw_tags(fw, &p->tags);
}

static size_t build_asrcb(const struct uvfw *host,
			  const struct uvfw_asrcb_params *p, uint8_t *out,
			  size_t out_len)
{
	uint8_t pub[1][UVFW_PUBKEY_LEN];
	size_t len = 0;

	uvfw_host_pubkey(host, pub[0]);
	CHECK_EQ(uvfw_asrcb_build(p, (const uint8_t (*)[UVFW_PUBKEY_LEN])pub,
				  1, out, out_len, &len), UVFW_OK);
	CHECK_EQ(len, uvfw_asrcb_size(1, p->value_len));
	return len;
}

static void t_add_secret(void)
{
	struct uvfw *fw = uvfw_new(21);
	uint8_t req[2048], ssh[64], want[64], buf[128], meas[64], add[64];
	struct uvfw_asrcb_params p;
	struct uvfw_secret sec;
	unsigned int md_len = 0;
	size_t len;

	CHECK(fw);
	if (!fw)
		return;
	asrcb_params(fw, &p);
	len = build_asrcb(fw, &p, req, sizeof(req));
	CHECK(!memcmp(req, "asrcbM\0\0", 8));
	uvfw_secret_store_hash(fw, ssh);
	CHECK(all_bytes(ssh, sizeof(ssh), 0));
	CHECK(!uvfw_dump_disabled(fw));

	CHECK_EQ(uvfw_add_secret(fw, req, len, &sec), UVFW_RC_OK);
	CHECK_EQ(sec.type, UVFW_SECRET_PLAIN);
	CHECK_EQ(sec.len, sizeof(secret_value));
	CHECK(!memcmp(sec.id, p.id, sizeof(p.id)));
	CHECK(!memcmp(sec.value, secret_value, sizeof(secret_value)));

	/* The store hash is SHA-512(zero hash | SHA-512(request)). */
	memset(buf, 0, 64);
	CHECK(EVP_Digest(req, len, buf + 64, &md_len, EVP_sha512(), NULL));
	CHECK(EVP_Digest(buf, 128, want, &md_len, EVP_sha512(), NULL));
	uvfw_secret_store_hash(fw, ssh);
	CHECK(!memcmp(ssh, want, 64));
	/* ... and attestation reports it. */
	len = build_for(fw, UVFW_FLAG_NONCE | UVFW_FLAG_SECRET_STORE_HASH,
			req, sizeof(req));
	CHECK_EQ(uvfw_attest(fw, req, len, NULL, 0, cuid_a, meas, 64, add, 64),
		 UVFW_RC_OK);
	CHECK(!memcmp(add, want, 64));

	/* Disable-dump flag; an association secret. */
	asrcb_params(fw, &p);
	p.flags = UVFW_ASRCB_FLAG_DISABLE_DUMP;
	p.type = UVFW_SECRET_ASSOCIATION;
	p.value_len = 32;
	len = build_asrcb(fw, &p, req, sizeof(req));
	CHECK_EQ(uvfw_add_secret(fw, req, len, &sec), UVFW_RC_OK);
	CHECK_EQ(sec.type, UVFW_SECRET_ASSOCIATION);
	CHECK(uvfw_dump_disabled(fw));
	uvfw_free(fw);
}

static void t_add_secret_refusals(void)
{
	struct uvfw *fw = uvfw_new(21), *other = uvfw_new(22);
	uint8_t req[2048], t[2048], cuid_b[UVFW_CUID_LEN];
	struct uvfw_asrcb_params p;
	struct uvfw_secret sec;
	uint32_t hdr_off = UVFW_ASRCB_OFF_KEYSLOTS + UVFW_KEYSLOT_LEN;
	size_t len;

	CHECK(fw && other);
	if (!fw || !other)
		goto out;
	asrcb_params(fw, &p);
	len = build_asrcb(fw, &p, req, sizeof(req));

	CHECK_EQ(uvfw_add_secret(fw, req, 47, &sec), UVFW_RC_AS_ACCESS);
	memcpy(t, req, len);
	t[0] = 'A';
	CHECK_EQ(uvfw_add_secret(fw, t, len, &sec), UVFW_RC_AS_VERSION);
	memcpy(t, req, len);
	t[7] = 2;	/* signed user data: not in this model */
	CHECK_EQ(uvfw_add_secret(fw, t, len, &sec), UVFW_RC_AS_VERSION);
	memcpy(t, req, len);
	t[UVFW_ARCB_OFF_VERSION + 2] = 2;
	CHECK_EQ(uvfw_add_secret(fw, t, len, &sec), UVFW_RC_AS_VERSION);
	CHECK_EQ(uvfw_add_secret(fw, req, len - 1, &sec), UVFW_RC_AS_SIZE);
	memcpy(t, req, len);
	t[UVFW_ARCB_OFF_NKS] = 0;
	CHECK_EQ(uvfw_add_secret(fw, t, len, &sec), UVFW_RC_AS_KEYSLOTS);
	t[UVFW_ARCB_OFF_NKS] = 2;
	CHECK_EQ(uvfw_add_secret(fw, t, len, &sec), UVFW_RC_AS_SIZE);
	memcpy(t, req, len);
	t[UVFW_ASRCB_OFF_FLAGS + 7] = 1;
	CHECK_EQ(uvfw_add_secret(fw, t, len, &sec), UVFW_RC_AS_FLAGS);
	memcpy(t, req, len);
	t[hdr_off + 3] = 0x0b;	/* reserved type */
	CHECK_EQ(uvfw_add_secret(fw, t, len, &sec), UVFW_RC_AS_SECRET);
	memcpy(t, req, len);
	t[hdr_off + 3] = UVFW_SECRET_AES_128;	/* 100 bytes, not 16 */
	CHECK_EQ(uvfw_add_secret(fw, t, len, &sec), UVFW_RC_AS_SECRET_LEN);
	memcpy(t, req, len);
	t[hdr_off + 20] ^= 1;	/* the ID is authenticated */
	CHECK_EQ(uvfw_add_secret(fw, t, len, &sec), UVFW_RC_AS_DECRYPT);
	memcpy(t, req, len);
	t[len - 40] ^= 1;
	CHECK_EQ(uvfw_add_secret(fw, t, len, &sec), UVFW_RC_AS_DECRYPT);
	CHECK_EQ(uvfw_add_secret(other, req, len, &sec), UVFW_RC_AS_DECRYPT);

	/* For another image, for another configuration. */
	p.tags.tag[5] ^= 1;
	len = build_asrcb(fw, &p, req, sizeof(req));
	CHECK_EQ(uvfw_add_secret(fw, req, len, &sec), UVFW_RC_AS_CANNOT_ADD);
	asrcb_params(fw, &p);
	memcpy(p.cuid, cuid_a, sizeof(p.cuid));
	len = build_asrcb(fw, &p, req, sizeof(req));
	memcpy(cuid_b, cuid_a, sizeof(cuid_b));
	cuid_b[15] ^= 1;
	uvfw_set_cuid(fw, cuid_b);
	CHECK_EQ(uvfw_add_secret(fw, req, len, &sec), UVFW_RC_AS_CANNOT_ADD);
	uvfw_set_cuid(fw, cuid_a);
	CHECK_EQ(uvfw_add_secret(fw, req, len, &sec), UVFW_RC_OK);

	/* The builder refuses what the UV would. */
	p.type = UVFW_SECRET_AES_128;
	CHECK_EQ(uvfw_asrcb_build(&p, NULL, 1, req, sizeof(req), &len),
		 UVFW_E_ARG);
	p.type = UVFW_SECRET_NULL;
	p.value_len = 16;
	CHECK_EQ(uvfw_asrcb_build(&p, NULL, 1, req, sizeof(req), &len),
		 UVFW_E_ARG);
out:
	uvfw_free(fw);
	uvfw_free(other);
}

static void t_names(void)
{
	int e;

	for (e = UVFW_OK; e <= UVFW_E_CRYPTO; e++)
		CHECK(strcmp(uvfw_strerror((enum uvfw_err)e), "unknown error"));
	CHECK_EQ(uvfw_err_rc(UVFW_E_MAGIC), UVFW_RC_VERSION);
	CHECK_EQ(uvfw_err_rc(UVFW_E_TAG), UVFW_RC_UNSEAL);
}

int main(void)
{
	load_vector();
	run("s390-tools ARCB: structure", t_vector_parse);
	run("s390-tools ARCB: customer key and host-key hash", t_vector_keys);
	run("s390-tools ARCB: key slot unwraps to ARPK, opens to key+nonce",
	    t_vector_unwrap);
	run("s390-tools ARCB: the builder reproduces it byte for byte",
	    t_vector_rebuild);
	run("s390-tools ARCB: tamper magic/algorithm/AAD", t_vector_tamper);
	run("measurement: s390-tools known answers", t_measure_known_answers);
	run("deterministic machine, PEM export", t_deterministic);
	run("build -> UV measure -> verify; flipped bits fail", t_roundtrip);
	run("UV refusals in rc order", t_refusals);
	run("several key slots; fresh customer keys", t_key_slots);
	run("coco_sim hook shape", t_hook);
	run("add secret: store, store hash, dump flag", t_add_secret);
	run("add secret: refusals in rc order", t_add_secret_refusals);
	run("error names and rcs", t_names);
	printf("%d passed, %d failed\n", n_passed, n_failed);
	free(vec);
	free(cust_priv);
	free(cust_pub);
	free(hkd);
	return n_failed ? 1 : 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the simulated Ultravisor's request handling
 * (tools/coco/simfw/uvfw: Retrieve Attestation Measurement and Add
 * Secret), the code that parses what a guest hands the firmware.  Two
 * valid requests are sealed once for the model's host key; each input
 * chooses one, the buffer sizes and user data of the call, how many bytes
 * are readable, and byte patches (offset, xor) to the request.  Checked,
 * besides "no crash" (ASan: the request lies exactly in its buffer):
 *   - the rc is one of the architecture's for that call;
 *   - any change to any byte of a request is refused (every byte is
 *     authenticated data, ciphertext or tag, or a checked length);
 *   - the untouched request with room for its results succeeds, the
 *     measurement verifies with the customer's key and the additional
 *     data is exactly what its flags ask for; a truncated one is refused;
 *   - an accepted secret is the one that was sealed.
 *
 * Input: byte 0 selects the call, bytes 1-2 the measurement length (mod
 * 0x101), 3-4 the additional-data length (mod 0x201), 5 the user-data
 * length, 6 how many bytes to cut off the readable length; then (offset
 * u16 LE, xor u8) patches.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "uvfw.h"

#define CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)
#define FLAGS		UVFW_FLAGS_SUPPORTED

static struct uvfw *fw;
static uint8_t arcb[1024], asrcb[4096];
static size_t arcb_len, asrcb_len;
static struct uvfw_arcb_params ap;
static struct uvfw_asrcb_params sp;
static const uint8_t cuid[UVFW_CUID_LEN] = { 0xcc, 1, 2, 3 };
static uint8_t secret[64];

static void setup(void)
{
	uint8_t pub[1][UVFW_PUBKEY_LEN];
	unsigned int i;

	fw = uvfw_new(1);
	CHECK(fw);
	uvfw_set_cuid(fw, cuid);
	uvfw_host_pubkey(fw, pub[0]);
	ap.flags = FLAGS;
	ap.mai = UVFW_MAI_HMAC_SHA512;
	for (i = 0; i < sizeof(ap.meas_key); i++)
		ap.meas_key[i] = (uint8_t)(i + 1);
	memset(ap.nonce, 0x6e, sizeof(ap.nonce));
	memset(ap.arpk, 0x17, sizeof(ap.arpk));
	memset(ap.iv, 0x55, sizeof(ap.iv));
	CHECK(uvfw_arcb_build(&ap, (const uint8_t (*)[UVFW_PUBKEY_LEN])pub, 1,
			      arcb, sizeof(arcb), &arcb_len) == UVFW_OK);
	for (i = 0; i < sizeof(secret); i++)
		secret[i] = (uint8_t)(0xa0 ^ i);
	uvfw_tags(fw, &sp.tags);
	memcpy(sp.cuid, cuid, sizeof(cuid));
	sp.type = UVFW_SECRET_PLAIN;
	memset(sp.id, 0x1d, sizeof(sp.id));
	sp.value = secret;
	sp.value_len = sizeof(secret);
	memset(sp.arpk, 0x42, sizeof(sp.arpk));
	memset(sp.iv, 0x24, sizeof(sp.iv));
	CHECK(uvfw_asrcb_build(&sp, (const uint8_t (*)[UVFW_PUBKEY_LEN])pub, 1,
			       asrcb, sizeof(asrcb), &asrcb_len) == UVFW_OK);
}

static bool attest_rc_ok(uint16_t rc)
{
	return rc == UVFW_RC_OK || (rc >= UVFW_RC_USER_DATA_LEN &&
				    rc <= UVFW_RC_ADD_LEN);
}

static bool add_rc_ok(uint16_t rc)
{
	return rc == UVFW_RC_OK || (rc >= UVFW_RC_AS_ACCESS &&
				    rc <= UVFW_RC_AS_CANNOT_ADD);
}

/* Copy @src into a heap buffer of exactly @avail bytes and patch it. */
static uint8_t *patched(const uint8_t *src, size_t len, size_t avail,
			const uint8_t *p, size_t n, bool *changed)
{
	uint8_t *buf = malloc(avail ? avail : 1);
	size_t off;

	CHECK(buf);
	memcpy(buf, src, avail < len ? avail : len);
	for (; n >= 3; p += 3, n -= 3) {
		off = (size_t)(p[0] | p[1] << 8);
		if (off < avail)
			buf[off] ^= p[2];
	}
	/* Patches may cancel out: what counts is the final content. */
	*changed = memcmp(buf, src, avail < len ? avail : len) != 0;
	return buf;
}

static void do_attest(const uint8_t *d, size_t n)
{
	uint32_t meas_len = (uint32_t)(d[1] | d[2] << 8) % 0x101;
	uint32_t add_len = (uint32_t)(d[3] | d[4] << 8) % 0x201;
	uint32_t need = uvfw_add_data_size(FLAGS);
	uint16_t user_len = d[5];
	size_t avail = arcb_len - (d[6] < arcb_len ? d[6] : 0);
	struct uvfw_meas_input in = { 0 };
	struct uvfw_se_tags tags;
	uint8_t *meas, *add = NULL, *req;
	uint8_t user[256];
	bool changed;
	uint16_t rc;

	memset(user, 0x75, sizeof(user));
	req = patched(arcb, arcb_len, avail, d + 7, n - 7, &changed);
	meas = malloc(meas_len ? meas_len : 1);
	if (add_len)
		add = malloc(add_len);
	CHECK(meas && (add || !add_len));
	rc = uvfw_attest(fw, req, avail, user, user_len, cuid, meas, meas_len,
			 add, add_len);
	CHECK(attest_rc_ok(rc));
	if (changed || avail < arcb_len)
		CHECK(rc != UVFW_RC_OK);
	if (!changed && avail == arcb_len && meas_len >= 64 &&
	    add_len >= need && user_len <= 256)
		CHECK(rc == UVFW_RC_OK);
	if (rc == UVFW_RC_OK) {
		uvfw_tags(fw, &tags);
		in.tags = &tags;
		in.cuid = cuid;
		in.user_data = user;
		in.user_data_len = user_len;
		in.nonce = ap.nonce;
		in.add_data = add;
		in.add_data_len = need;
		CHECK(uvfw_measure_verify(ap.meas_key, &in, meas, 64) == 0);
	}
	free(add);
	free(meas);
	free(req);
}

static void do_add_secret(const uint8_t *d, size_t n)
{
	size_t avail = asrcb_len - (d[6] < asrcb_len ? d[6] : 0);
	struct uvfw_secret s;
	uint8_t *req;
	bool changed;
	uint16_t rc;

	req = patched(asrcb, asrcb_len, avail, d + 7, n - 7, &changed);
	rc = uvfw_add_secret(fw, req, avail, &s);
	CHECK(add_rc_ok(rc));
	if (changed || avail < asrcb_len)
		CHECK(rc != UVFW_RC_OK);
	else
		CHECK(rc == UVFW_RC_OK);
	if (rc == UVFW_RC_OK)
		CHECK(s.type == UVFW_SECRET_PLAIN && s.len == sizeof(secret) &&
		      !memcmp(s.value, secret, sizeof(secret)) &&
		      !memcmp(s.id, sp.id, sizeof(sp.id)));
	free(req);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fw)
		setup();
	if (size < 7)
		return 0;
	if (data[0] & 1)
		do_add_secret(data, size);
	else
		do_attest(data, size);
	return 0;
}

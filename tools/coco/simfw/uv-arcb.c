// SPDX-License-Identifier: GPL-2.0-only
/*
 * uv-arcb: the customer's side of an s390x attestation against the
 * simulated Ultravisor of a seed (uvfw.h), for the guest tests:
 *
 *   uv-arcb build -s SEED -o DIR
 *       DIR/arcb.bin   an ARCB v1 for the host key of SEED, with a nonce
 *                      and every additional-data flag, under a fresh random
 *                      measurement key and ARPK
 *       DIR/secret.bin what the verifier keeps: flags (8, big-endian),
 *                      measurement key (64), nonce (16)
 *       DIR/add_len    the additional-data length the flags ask for
 *       DIR/asrcb.bin  an add-secret request for the same machine and
 *                      image (any CUID): a plain secret, ID and value fixed
 *   uv-arcb verify -s SEED -d DIR CUID USER MEAS ADD
 *       recomputes the measurement over the image tags of SEED, the CUID,
 *       the user data and the nonce and additional data (all hex), with
 *       the key from DIR/secret.bin; also checks the additional data is
 *       what the firmware of SEED must report once the guest (CUID) added
 *       DIR/asrcb.bin's secret.  Exit 0 when both hold.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/rand.h>

#include "uvfw.h"

#define SECRET_LEN	(8 + UVFW_MEAS_KEY_LEN + UVFW_NONCE_LEN)
#define FLAGS		UVFW_FLAGS_SUPPORTED
#define ASRCB_MAX	8192

static const char secret_value[] = "coco-guest: a plain secret for the guest";

static int write_file(const char *dir, const char *name, const void *p,
		      size_t n)
{
	char path[4096];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		return -1;
	}
	ok = fwrite(p, 1, n, f) == n;
	if (fclose(f))
		ok = 0;
	return ok ? 0 : -1;
}

static int read_file(const char *dir, const char *name, void *p, size_t n)
{
	char path[4096];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	ok = fread(p, 1, n, f) == n;
	fclose(f);
	return ok ? 0 : -1;
}

/* The whole file (at most @cap bytes); 0 when unreadable or empty. */
static size_t read_whole(const char *dir, const char *name, void *p,
			 size_t cap)
{
	char path[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return 0;
	}
	n = fread(p, 1, cap, f);
	fclose(f);
	return n;
}

static int unhex(const char *s, uint8_t *out, size_t max, size_t *len)
{
	size_t n = strlen(s), i;
	unsigned int v;

	if (n % 2 || n / 2 > max)
		return -1;
	for (i = 0; i < n / 2; i++) {
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	*len = n / 2;
	return 0;
}

static int build_asrcb(struct uvfw *fw, const char *dir)
{
	uint8_t pub[1][UVFW_PUBKEY_LEN], asrcb[ASRCB_MAX];
	struct uvfw_asrcb_params p = { .type = UVFW_SECRET_PLAIN };
	size_t len = 0;
	unsigned int i;

	uvfw_tags(fw, &p.tags);
	for (i = 0; i < sizeof(p.id); i++)
		p.id[i] = (uint8_t)(0xd0 + i);
	p.value = (const uint8_t *)secret_value;
	p.value_len = sizeof(secret_value) - 1;
	if (RAND_bytes(p.ext_secret, sizeof(p.ext_secret)) != 1 ||
	    RAND_bytes(p.arpk, sizeof(p.arpk)) != 1 ||
	    RAND_bytes(p.iv, sizeof(p.iv)) != 1)
		return -1;
	uvfw_host_pubkey(fw, pub[0]);
	if (uvfw_asrcb_size(1, p.value_len) > sizeof(asrcb) ||
	    uvfw_asrcb_build(&p, (const uint8_t (*)[UVFW_PUBKEY_LEN])pub, 1,
			     asrcb, sizeof(asrcb), &len) != UVFW_OK)
		return -1;
	return write_file(dir, "asrcb.bin", asrcb, len);
}

static int build(struct uvfw *fw, const char *dir)
{
	uint8_t pub[1][UVFW_PUBKEY_LEN], arcb[4096], secret[SECRET_LEN];
	struct uvfw_arcb_params p = { .flags = FLAGS,
				      .mai = UVFW_MAI_HMAC_SHA512 };
	char add_len[32];
	size_t len = 0;
	unsigned int i;

	if (RAND_bytes(p.meas_key, sizeof(p.meas_key)) != 1 ||
	    RAND_bytes(p.nonce, sizeof(p.nonce)) != 1 ||
	    RAND_bytes(p.arpk, sizeof(p.arpk)) != 1 ||
	    RAND_bytes(p.iv, sizeof(p.iv)) != 1)
		return -1;
	uvfw_host_pubkey(fw, pub[0]);
	if (uvfw_arcb_build(&p, (const uint8_t (*)[UVFW_PUBKEY_LEN])pub, 1,
			    arcb, sizeof(arcb), &len) != UVFW_OK)
		return -1;
	for (i = 0; i < 8; i++)
		secret[i] = (uint8_t)(p.flags >> (56 - 8 * i));
	memcpy(secret + 8, p.meas_key, UVFW_MEAS_KEY_LEN);
	memcpy(secret + 8 + UVFW_MEAS_KEY_LEN, p.nonce, UVFW_NONCE_LEN);
	snprintf(add_len, sizeof(add_len), "%u\n", uvfw_add_data_size(FLAGS));
	if (mkdir(dir, 0755) && errno != EEXIST)
		return -1;
	return write_file(dir, "arcb.bin", arcb, len) ||
	       write_file(dir, "secret.bin", secret, sizeof(secret)) ||
	       write_file(dir, "add_len", add_len, strlen(add_len)) ||
	       build_asrcb(fw, dir) ? -1 : 0;
}

static int verify(struct uvfw *fw, const char *dir, char **hex)
{
	uint8_t secret[SECRET_LEN], cuid[UVFW_CUID_LEN], user[256];
	uint8_t meas[UVFW_MEAS_LEN], add[1024], want[1024], pub[UVFW_PUBKEY_LEN];
	size_t cuid_len, user_len, meas_len, add_len;
	struct uvfw_meas_input in = { 0 };
	static uint8_t asrcb[ASRCB_MAX];
	struct uvfw_secret added;
	struct uvfw_se_tags tags;
	size_t asrcb_len;
	uint64_t flags = 0;
	unsigned int i;

	if (read_file(dir, "secret.bin", secret, sizeof(secret)) ||
	    unhex(hex[0], cuid, sizeof(cuid), &cuid_len) ||
	    cuid_len != sizeof(cuid) ||
	    unhex(hex[1], user, sizeof(user), &user_len) ||
	    unhex(hex[2], meas, sizeof(meas), &meas_len) ||
	    unhex(hex[3], add, sizeof(add), &add_len)) {
		fprintf(stderr, "uv-arcb: bad input\n");
		return 2;
	}
	for (i = 0; i < 8; i++)
		flags = flags << 8 | secret[i];
	if (flags != FLAGS || add_len != uvfw_add_data_size(flags)) {
		fprintf(stderr, "uv-arcb: additional data of %zu bytes, want %u\n",
			add_len, uvfw_add_data_size(flags));
		return 1;
	}
	/* The guest added the secret first: the store hash covers it. */
	uvfw_set_cuid(fw, cuid);
	asrcb_len = read_whole(dir, "asrcb.bin", asrcb, sizeof(asrcb));
	if (!asrcb_len ||
	    uvfw_add_secret(fw, asrcb, asrcb_len, &added) != UVFW_RC_OK) {
		fprintf(stderr, "uv-arcb: the add-secret request does not apply\n");
		return 2;
	}
	/* Image PHKH, attestation PHKH, secret-store hash, firmware state. */
	uvfw_host_pubkey(fw, pub);
	uvfw_phkh(pub, want);
	uvfw_phkh(pub, want + UVFW_PHKH_LEN);
	uvfw_secret_store_hash(fw, want + 2 * UVFW_PHKH_LEN);
	uvfw_fw_state(fw, want + 2 * UVFW_PHKH_LEN +
			  UVFW_SECRET_STORE_HASH_LEN);
	if (memcmp(add, want, add_len)) {
		fprintf(stderr, "uv-arcb: additional data is not the firmware's\n");
		return 1;
	}
	uvfw_tags(fw, &tags);
	in.tags = &tags;
	in.cuid = cuid;
	in.user_data = user;
	in.user_data_len = (uint16_t)user_len;
	in.nonce = secret + 8 + UVFW_MEAS_KEY_LEN;
	in.add_data = add;
	in.add_data_len = (uint32_t)add_len;
	switch (uvfw_measure_verify(secret + 8, &in, meas, meas_len)) {
	case 0:
		return 0;
	case 1:
		fprintf(stderr, "uv-arcb: the measurement does NOT verify\n");
		return 1;
	default:
		fprintf(stderr, "uv-arcb: cannot verify\n");
		return 2;
	}
}

int main(int argc, char **argv)
{
	bool is_build = argc == 6 && !strcmp(argv[1], "build") &&
			!strcmp(argv[4], "-o");
	bool is_verify = argc == 10 && !strcmp(argv[1], "verify") &&
			 !strcmp(argv[4], "-d");
	unsigned long long seed;
	struct uvfw *fw;
	char *end;
	int ret;

	if (!(is_build || is_verify) || strcmp(argv[2], "-s")) {
		fprintf(stderr,
			"usage: uv-arcb build -s SEED -o DIR\n"
			"       uv-arcb verify -s SEED -d DIR CUID USER MEAS ADD\n");
		return 2;
	}
	errno = 0;
	seed = strtoull(argv[3], &end, 0);
	if (errno || *end)
		return 2;
	fw = uvfw_new(seed);
	if (!fw)
		return 2;
	if (is_build)
		ret = build(fw, argv[5]) ? 2 : 0;
	else
		ret = verify(fw, argv[5], argv + 6);
	uvfw_free(fw);
	return ret;
}

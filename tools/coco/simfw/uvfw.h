/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated s390x Ultravisor's cryptographic part (IBM Secure
 * Execution), and the customer side that talks to it.
 *
 * Firmware side (struct uvfw): one simulated machine with an ECDH P-521
 * host key pair derived from a seed, the SE-header tags of the simulated
 * image, a firmware-state blob and the secret-store hash.  It answers
 * Retrieve Attestation Measurement (spec/s390-pv.md 2.4, 6.2-6.4): it
 * copies the ARCB once, checks it in the order of the UV's rc codes,
 * finds the key slot for its host key, unwraps the request protection key
 * (ARPK), opens the request and computes the HMAC-SHA512 measurement.
 *
 * Add Secret (spec 2.5; uvfw_add_secret()): the ASRCB s390-tools'
 * pvsecret builds, opened the same way; the model checks that it names
 * this image's SE-header tags and (when not zero) this configuration's
 * CUID, hands the secret to the UV model's store and folds the request
 * into the secret-store hash.
 *
 * Customer side (uvfw_arcb_*, uvfw_measure*): builds ARCBs the way
 * s390-tools' pvattest does (byte for byte: the tests rebuild the real
 * s390-tools test vector), opens them with the ARPK and recomputes the
 * measurement for the verifier.
 *
 * Formats, all big-endian (spec 6.2/6.3):
 *   ARCB v1 = header(48) | flags(8) mai(4) res(4) | customer key(160) |
 *             nks x key slot(80) | GCM{measurement key(64) [nonce(16)]} |
 *             tag(16)
 *   key slot = SHA-256(host key x|y) | GCM{ARPK}(32) | slot tag(16), under
 *             SHA-256(ECDH(customer, host) | 00 00 00 01), IV 0, no AAD
 *   request  = AES-256-GCM under the ARPK, IV from the header, AAD = every
 *             byte before the encrypted area
 *   P-521 public keys are x|y, each left-padded with zeros to 80 bytes;
 *   private keys are the scalar left-padded to 80 bytes.
 *
 * Hooks for the UV model: uvfw_attest_hook() and uvfw_add_secret_hook()
 * (when present) have the shapes of struct coco_sim_uv_firmware's attest
 * and add_secret (drivers/virt/coco/sim/coco_sim.h) with ctx = the
 * struct uvfw.  The UV model does the control-block checks (length,
 * continuation token, addresses) before it calls them.
 *
 * Model choices where the architecture says nothing (documented, tested):
 * a request whose magic is not the ARCB's (8 zero bytes) gets rc 0x0106
 * like an unknown version; at most UVFW_ARCB_MAX_KEYSLOTS key slots; the
 * measurement goes into the first 64 bytes of the measurement buffer and
 * the rest is zeroed; additional data is exactly the size its flags ask
 * for (that size is the one measured), the rest of the buffer is zeroed.
 * Add Secret: only user-data type 0 (no signature) and no NULL secrets
 * (the UV model's store keeps every accepted secret); a request for other
 * tags or another CUID gets 0x010c; the extension secret is not checked;
 * the secret-store hash starts as 64 zero bytes and becomes
 * SHA-512(hash | SHA-512(request)) for each accepted request.
 *
 * User-space C on OpenSSL 3 libcrypto.  Not thread-safe per struct uvfw.
 */
#ifndef COCO_SIMFW_UVFW_H
#define COCO_SIMFW_UVFW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Sizes. */
#define UVFW_ECC_COORD_LEN		80
#define UVFW_PUBKEY_LEN			(2 * UVFW_ECC_COORD_LEN)
#define UVFW_PRIVKEY_LEN		80
#define UVFW_PHKH_LEN			32
#define UVFW_ARPK_LEN			32
#define UVFW_IV_LEN			12
#define UVFW_TAG_LEN			16
#define UVFW_KEYSLOT_LEN		80
#define UVFW_MEAS_KEY_LEN		64
#define UVFW_NONCE_LEN			16
#define UVFW_MEAS_LEN			64
#define UVFW_CUID_LEN			16
#define UVFW_USER_DATA_MAX		256
#define UVFW_SECRET_STORE_HASH_LEN	64
#define UVFW_FW_STATE_LEN		320
#define UVFW_ARCB_MAX			0x100000U
#define UVFW_ARCB_MAX_KEYSLOTS		15

/* ARCB layout (spec 6.2/6.3). */
#define UVFW_ARCB_OFF_MAGIC		0x00
#define UVFW_ARCB_OFF_VERSION		0x08
#define UVFW_ARCB_OFF_LEN		0x0c
#define UVFW_ARCB_OFF_IV		0x10
#define UVFW_ARCB_OFF_NKS		0x27
#define UVFW_ARCB_OFF_SEA		0x2c
#define UVFW_ARCB_OFF_FLAGS		0x30
#define UVFW_ARCB_OFF_MAI		0x38
#define UVFW_ARCB_OFF_CUST_KEY		0x40
#define UVFW_ARCB_OFF_KEYSLOTS		0xe0
#define UVFW_ARCB_HDR_LEN		0x30
#define UVFW_ARCB_V1			0x0100
#define UVFW_KEYSLOT_OFF_WRAPPED	0x20
#define UVFW_KEYSLOT_OFF_TAG		0x40

/* ASRCB layout (s390-tools rust/pv/src/uvsecret/asrcb.rs). */
#define UVFW_ASRCB_MAGIC		"asrcbM"
#define UVFW_ASRCB_V1			0x0100
#define UVFW_ASRCB_OFF_FLAGS		0x030
#define UVFW_ASRCB_OFF_TAGS		0x038
#define UVFW_ASRCB_OFF_CUID		0x108
#define UVFW_ASRCB_OFF_CUST_KEY		0x418
#define UVFW_ASRCB_OFF_KEYSLOTS		0x4b8
#define UVFW_ASRCB_FLAG_DISABLE_DUMP	UVFW_FLAG(0)
#define UVFW_SECRET_HDR_LEN		0x30
#define UVFW_SECRET_ID_LEN		32
#define UVFW_EXT_SECRET_LEN		32
/* The UV model's store holds secrets of up to this many bytes. */
#define UVFW_SECRET_VALUE_MAX		512

/* Secret types (spec 2.8). */
#define UVFW_SECRET_NULL		0x01
#define UVFW_SECRET_ASSOCIATION		0x02
#define UVFW_SECRET_PLAIN		0x03
#define UVFW_SECRET_AES_128		0x04
#define UVFW_SECRET_AES_192		0x05
#define UVFW_SECRET_AES_256		0x06
#define UVFW_SECRET_LAST		0x15

/* Measurement algorithm identifiers. */
#define UVFW_MAI_HMAC_SHA512		1

/* Plaintext attestation flags (MSB0 bit n of the 64-bit word). */
#define UVFW_FLAG(n)			(1ULL << (63 - (n)))
#define UVFW_FLAG_NONCE			UVFW_FLAG(1)
#define UVFW_FLAG_IMAGE_PHKH		UVFW_FLAG(2)
#define UVFW_FLAG_ATTEST_PHKH		UVFW_FLAG(3)
#define UVFW_FLAG_SECRET_STORE_HASH	UVFW_FLAG(4)
#define UVFW_FLAG_FW_STATE		UVFW_FLAG(5)
#define UVFW_FLAGS_SUPPORTED		(UVFW_FLAG_NONCE |		\
					 UVFW_FLAG_IMAGE_PHKH |		\
					 UVFW_FLAG_ATTEST_PHKH |	\
					 UVFW_FLAG_SECRET_STORE_HASH |	\
					 UVFW_FLAG_FW_STATE)

/* UV rc values of Retrieve Attestation Measurement (spec 2.4). */
#define UVFW_RC_OK			0x0001
#define UVFW_RC_INV_CONT_TOKEN		0x0101
#define UVFW_RC_USER_DATA_LEN		0x0102
#define UVFW_RC_ARCB_ACCESS		0x0103
#define UVFW_RC_MEAS_ACCESS		0x0104
#define UVFW_RC_ADD_ACCESS		0x0105
#define UVFW_RC_VERSION			0x0106
#define UVFW_RC_REQ_LEN			0x0107
#define UVFW_RC_KEYSLOTS		0x0108
#define UVFW_RC_SEA			0x0109
#define UVFW_RC_FLAGS			0x010a
#define UVFW_RC_MAI			0x010b
#define UVFW_RC_UNSEAL			0x010c
#define UVFW_RC_MEAS_LEN		0x010d
#define UVFW_RC_ADD_LEN			0x010e

/* UV rc values of Add Secret (spec 2.5). */
#define UVFW_RC_AS_ACCESS		0x0103
#define UVFW_RC_AS_VERSION		0x0104
#define UVFW_RC_AS_SIZE			0x0105
#define UVFW_RC_AS_KEYSLOTS		0x0106
#define UVFW_RC_AS_FLAGS		0x0107
#define UVFW_RC_AS_DECRYPT		0x0108
#define UVFW_RC_AS_SECRET		0x0109
#define UVFW_RC_AS_SECRET_LEN		0x010a
#define UVFW_RC_AS_CANNOT_ADD		0x010c

/**
 * enum uvfw_err - why a request could not be parsed, opened or built
 * @UVFW_OK: no error
 * @UVFW_E_MAGIC: not an ARCB (magic is not 8 zero bytes)
 * @UVFW_E_VERSION: version other than 0x0100
 * @UVFW_E_LENGTH: request length wrong for the version / key slots, or
 *	longer than the bytes available
 * @UVFW_E_KEYSLOTS: no key slot, or more than UVFW_ARCB_MAX_KEYSLOTS
 * @UVFW_E_SEA: encrypted area size does not fit the algorithm and flags
 * @UVFW_E_FLAGS: an unsupported plaintext flag is set
 * @UVFW_E_ALGORITHM: unknown measurement algorithm
 * @UVFW_E_NO_KEYSLOT: no key slot for this host key
 * @UVFW_E_KEY: a P-521 key is not valid (not on the curve, bad scalar)
 * @UVFW_E_TAG: AES-GCM tag mismatch (key slot or request)
 * @UVFW_E_ARG: bad argument (NULL, a too-small output buffer)
 * @UVFW_E_CRYPTO: libcrypto failed (out of memory)
 */
enum uvfw_err {
	UVFW_OK = 0,
	UVFW_E_MAGIC,
	UVFW_E_VERSION,
	UVFW_E_LENGTH,
	UVFW_E_KEYSLOTS,
	UVFW_E_SEA,
	UVFW_E_FLAGS,
	UVFW_E_ALGORITHM,
	UVFW_E_NO_KEYSLOT,
	UVFW_E_KEY,
	UVFW_E_TAG,
	UVFW_E_ARG,
	UVFW_E_CRYPTO,
};

/**
 * struct uvfw_se_tags - the SE-header values every measurement covers
 * @pld: page list digest
 * @ald: address list digest
 * @tld: tweak list digest
 * @tag: SE-header tag
 */
struct uvfw_se_tags {
	uint8_t pld[64];
	uint8_t ald[64];
	uint8_t tld[64];
	uint8_t tag[16];
};

/**
 * struct uvfw_arcb_info - the plaintext of a parsed ARCB
 * @version: request version
 * @len: total length
 * @nks: number of key slots
 * @sea: size of the encrypted area
 * @flags: plaintext attestation flags
 * @mai: measurement algorithm
 * @iv: AES-GCM IV of the request
 * @cust_pub: customer public key (x|y padded)
 * @enc_off: offset of the encrypted area (= length of the AAD)
 */
struct uvfw_arcb_info {
	uint32_t version;
	uint32_t len;
	uint32_t nks;
	uint32_t sea;
	uint64_t flags;
	uint32_t mai;
	uint8_t iv[UVFW_IV_LEN];
	uint8_t cust_pub[UVFW_PUBKEY_LEN];
	uint32_t enc_off;
};

/**
 * struct uvfw_arcb_params - what the customer puts into a new ARCB
 * @flags: plaintext flags; UVFW_FLAG_NONCE decides whether @nonce is sent
 * @mai: measurement algorithm (UVFW_MAI_HMAC_SHA512)
 * @meas_key: measurement key
 * @nonce: nonce (used when UVFW_FLAG_NONCE is set)
 * @arpk: request protection key
 * @iv: request IV
 * @cust_priv: customer P-521 private key (80-byte scalar); NULL makes a
 *	fresh one for this request (the normal case)
 */
struct uvfw_arcb_params {
	uint64_t flags;
	uint32_t mai;
	uint8_t meas_key[UVFW_MEAS_KEY_LEN];
	uint8_t nonce[UVFW_NONCE_LEN];
	uint8_t arpk[UVFW_ARPK_LEN];
	uint8_t iv[UVFW_IV_LEN];
	const uint8_t *cust_priv;
};

/**
 * struct uvfw_meas_input - the items a measurement covers (spec 6.4)
 * @tags: SE-header tags of the image
 * @cuid: configuration unique ID (16 bytes)
 * @user_data: user data, may be NULL when @user_data_len is 0
 * @user_data_len: 0..256
 * @nonce: the request's nonce, NULL when it carried none
 * @add_data: additional data, may be NULL when @add_data_len is 0
 * @add_data_len: its length
 */
struct uvfw_meas_input {
	const struct uvfw_se_tags *tags;
	const uint8_t *cuid;
	const uint8_t *user_data;
	uint16_t user_data_len;
	const uint8_t *nonce;
	const uint8_t *add_data;
	uint32_t add_data_len;
};

/**
 * struct uvfw_asrcb_params - what the customer puts into an ASRCB
 * @flags: plaintext flags (UVFW_ASRCB_FLAG_DISABLE_DUMP)
 * @tags: SE-header tags of the image the secret is for
 * @cuid: configuration unique ID it is for (zero: any)
 * @type: secret type (not NULL)
 * @id: secret ID (pvsecret: SHA-256 of the secret's name)
 * @value: the secret
 * @value_len: its length, 1..UVFW_SECRET_VALUE_MAX
 * @ext_secret: extension secret
 * @arpk: request protection key
 * @iv: request IV
 * @cust_priv: customer private key (80-byte scalar), NULL for a fresh one
 */
struct uvfw_asrcb_params {
	uint64_t flags;
	struct uvfw_se_tags tags;
	uint8_t cuid[UVFW_CUID_LEN];
	uint16_t type;
	uint8_t id[UVFW_SECRET_ID_LEN];
	const uint8_t *value;
	uint32_t value_len;
	uint8_t ext_secret[UVFW_EXT_SECRET_LEN];
	uint8_t arpk[UVFW_ARPK_LEN];
	uint8_t iv[UVFW_IV_LEN];
	const uint8_t *cust_priv;
};

/**
 * struct uvfw_secret - a secret the UV accepted
 * @type: secret type
 * @len: length of @value
 * @id: secret ID
 * @value: the secret
 */
struct uvfw_secret {
	uint16_t type;
	uint32_t len;
	uint8_t id[UVFW_SECRET_ID_LEN];
	uint8_t value[UVFW_SECRET_VALUE_MAX];
};

/* ------------------------------------------------ firmware side -- */

struct uvfw;

/**
 * uvfw_new() - create a simulated Ultravisor
 * @seed: everything (host key, tags, firmware state) derives from it; the
 *	same seed gives the same machine in every process
 *
 * Return: the model, or NULL when libcrypto failed.
 */
struct uvfw *uvfw_new(uint64_t seed);

/**
 * uvfw_free() - destroy a model (NULL is fine)
 * @fw: the model
 */
void uvfw_free(struct uvfw *fw);

/**
 * uvfw_host_pubkey() - the host public key, as a key slot's peer
 * @fw: the model
 * @pub: receives x|y, each padded to 80 bytes
 */
void uvfw_host_pubkey(const struct uvfw *fw, uint8_t pub[UVFW_PUBKEY_LEN]);

/**
 * uvfw_host_pubkey_pem() - the host public key as a PEM "PUBLIC KEY"
 * @fw: the model
 * @buf: output, NUL-terminated
 * @len: size of @buf
 *
 * Return: the PEM length, or -1 when @buf is too small.
 */
int uvfw_host_pubkey_pem(const struct uvfw *fw, char *buf, size_t len);

/**
 * uvfw_tags() - the SE-header tags of the simulated image
 * @fw: the model
 * @tags: output
 */
void uvfw_tags(const struct uvfw *fw, struct uvfw_se_tags *tags);

/**
 * uvfw_set_tags() - replace the image's SE-header tags
 * @fw: the model
 * @tags: the new tags
 */
void uvfw_set_tags(struct uvfw *fw, const struct uvfw_se_tags *tags);

/**
 * uvfw_fw_state() - the firmware-state additional data (320 bytes)
 * @fw: the model
 * @out: output
 */
void uvfw_fw_state(const struct uvfw *fw, uint8_t out[UVFW_FW_STATE_LEN]);

/**
 * uvfw_secret_store_hash() - the secret-store hash additional data
 * @fw: the model
 * @out: output (64 bytes; zero while no secret was added)
 */
void uvfw_secret_store_hash(const struct uvfw *fw,
			    uint8_t out[UVFW_SECRET_STORE_HASH_LEN]);

/**
 * uvfw_attest() - Retrieve Attestation Measurement, the UV's crypto part
 * @fw: the model
 * @arcb: the request as the guest gave it (read once, into a copy)
 * @avail: bytes readable at @arcb (the header's length must fit)
 * @user_data: user data (copied from the control block)
 * @user_data_len: its length
 * @cuid: this configuration's unique ID (16 bytes)
 * @meas: measurement buffer
 * @meas_len: its size
 * @add_data: additional-data buffer, NULL when @add_data_len is 0
 * @add_data_len: its size
 *
 * Checks in the UV's rc order: user-data length, version (and magic),
 * length, key slots, encrypted-area size, flags, algorithm, unseal,
 * measurement length, additional-data length.
 *
 * Return: UVFW_RC_OK, or the UV rc of the first failed check.
 */
uint16_t uvfw_attest(struct uvfw *fw, const uint8_t *arcb, size_t avail,
		     const uint8_t *user_data, uint16_t user_data_len,
		     const uint8_t *cuid, uint8_t *meas, uint32_t meas_len,
		     uint8_t *add_data, uint32_t add_data_len);

/**
 * uvfw_attest_hook() - uvfw_attest() in struct coco_sim_uv_firmware's shape
 * @ctx: the struct uvfw
 * @arcb: the request; the UV model has checked that the length in its
 *	header is addressable
 * @user_data: see uvfw_attest()
 * @user_data_len: see uvfw_attest()
 * @cuid: see uvfw_attest()
 * @meas: see uvfw_attest()
 * @meas_len: see uvfw_attest()
 * @add_data: see uvfw_attest()
 * @add_data_len: see uvfw_attest()
 *
 * Return: a UV rc.
 */
uint16_t uvfw_attest_hook(void *ctx, const uint8_t *arcb,
			  const uint8_t *user_data, uint16_t user_data_len,
			  const uint8_t *cuid, uint8_t *meas,
			  uint32_t meas_len, uint8_t *add_data,
			  uint32_t add_data_len);

/**
 * uvfw_set_cuid() - this configuration's unique ID, for Add Secret
 * @fw: the model
 * @cuid: 16 bytes (the UV model's config_uid)
 */
void uvfw_set_cuid(struct uvfw *fw, const uint8_t cuid[UVFW_CUID_LEN]);

/**
 * uvfw_add_secret() - Add Secret, the UV's crypto part
 * @fw: the model
 * @asrcb: the request as the guest gave it (read once, into a copy)
 * @avail: bytes readable at @asrcb
 * @secret: receives the secret
 *
 * Return: UVFW_RC_OK, or the UV rc of the first failed check: version
 * (magic, user-data type), size, key slots, flags, secret type, secret
 * length, unseal, then tags and CUID.
 */
uint16_t uvfw_add_secret(struct uvfw *fw, const uint8_t *asrcb, size_t avail,
			 struct uvfw_secret *secret);

struct coco_sim_uv_secret;

/**
 * uvfw_add_secret_hook() - uvfw_add_secret() in struct
 *	coco_sim_uv_firmware's shape
 * @ctx: the struct uvfw
 * @asrcb: the request; its length is read from its header
 * @secret: the UV model's store entry (drivers/virt/coco/sim/coco_sim.h;
 *	this library fills it as UVFW_SIM_SECRET_* describe)
 *
 * Return: a UV rc.
 */
uint16_t uvfw_add_secret_hook(void *ctx, const uint8_t *asrcb,
			      struct coco_sim_uv_secret *secret);

/* The layout uvfw_add_secret_hook() assumes for the model's entry. */
#define UVFW_SIM_SECRET_OFF_LEN		4
#define UVFW_SIM_SECRET_OFF_ID		8
#define UVFW_SIM_SECRET_OFF_VALUE	40
#define UVFW_SIM_SECRET_SIZE		552

/**
 * uvfw_dump_disabled() - did an accepted request disable dumps
 * @fw: the model
 *
 * Return: true after a request with UVFW_ASRCB_FLAG_DISABLE_DUMP.
 */
bool uvfw_dump_disabled(const struct uvfw *fw);

/**
 * uvfw_stats() - counters of the model
 * @fw: the model
 * @attested: successful measurements
 * @refused: requests answered with an error rc
 */
void uvfw_stats(const struct uvfw *fw, unsigned long *attested,
		unsigned long *refused);

/* ------------------------------------------------ customer side -- */

/**
 * uvfw_add_data_size() - additional-data size the flags ask for
 * @flags: plaintext attestation flags
 *
 * Return: bytes (image PHKH 32, attestation PHKH 32, secret-store hash
 * 64, firmware state 320, in this order).
 */
uint32_t uvfw_add_data_size(uint64_t flags);

/**
 * uvfw_arcb_size() - length of an ARCB
 * @nks: number of key slots
 * @flags: its flags (a nonce adds 16 bytes)
 *
 * Return: bytes.
 */
size_t uvfw_arcb_size(unsigned int nks, uint64_t flags);

/**
 * uvfw_arcb_parse() - check an ARCB's plaintext structure
 * @arcb: the request
 * @avail: bytes available at @arcb
 * @info: receives the plaintext fields
 *
 * The checks of uvfw_attest() up to the algorithm, without keys.
 *
 * Return: UVFW_OK or the first failed check.
 */
enum uvfw_err uvfw_arcb_parse(const uint8_t *arcb, size_t avail,
			      struct uvfw_arcb_info *info);

/**
 * uvfw_arcb_build() - build and seal an ARCB v1
 * @p: contents and keys
 * @host_keys: the host public keys (x|y padded), one key slot each
 * @nks: how many, 1..UVFW_ARCB_MAX_KEYSLOTS
 * @out: output buffer
 * @out_len: its size (uvfw_arcb_size() is enough)
 * @arcb_len: receives the request length
 *
 * Return: UVFW_OK, UVFW_E_ARG, UVFW_E_KEY (a host key is not a P-521
 * point, or @p->cust_priv is not a valid scalar) or UVFW_E_CRYPTO.
 */
enum uvfw_err uvfw_arcb_build(const struct uvfw_arcb_params *p,
			      const uint8_t (*host_keys)[UVFW_PUBKEY_LEN],
			      unsigned int nks, uint8_t *out, size_t out_len,
			      size_t *arcb_len);

/**
 * uvfw_arcb_open() - decrypt an ARCB with its ARPK (the verifier's side)
 * @arcb: the request
 * @avail: bytes available
 * @arpk: request protection key
 * @meas_key: receives the measurement key
 * @nonce: receives the nonce (zeroed when there is none)
 * @has_nonce: receives whether there is one (may be NULL)
 *
 * Return: UVFW_OK, a parse error, or UVFW_E_TAG.
 */
enum uvfw_err uvfw_arcb_open(const uint8_t *arcb, size_t avail,
			     const uint8_t arpk[UVFW_ARPK_LEN],
			     uint8_t meas_key[UVFW_MEAS_KEY_LEN],
			     uint8_t nonce[UVFW_NONCE_LEN], bool *has_nonce);

/**
 * uvfw_keyslot_unwrap() - recover the ARPK from one key slot
 * @priv: one side's P-521 private key (80-byte scalar): the host's, or
 *	the customer's when the request was built with a known one
 * @peer_pub: the other side's public key (x|y padded)
 * @slot: the 80-byte key slot
 * @arpk: receives the request protection key
 *
 * Does not compare the slot's host-key hash (see uvfw_phkh()).
 *
 * Return: UVFW_OK, UVFW_E_KEY, UVFW_E_TAG or UVFW_E_CRYPTO.
 */
enum uvfw_err uvfw_keyslot_unwrap(const uint8_t priv[UVFW_PRIVKEY_LEN],
				  const uint8_t peer_pub[UVFW_PUBKEY_LEN],
				  const uint8_t slot[UVFW_KEYSLOT_LEN],
				  uint8_t arpk[UVFW_ARPK_LEN]);

/**
 * uvfw_phkh() - public host-key hash: SHA-256 over x|y padded
 * @pub: the public key
 * @hash: receives 32 bytes
 */
void uvfw_phkh(const uint8_t pub[UVFW_PUBKEY_LEN],
	       uint8_t hash[UVFW_PHKH_LEN]);

/**
 * uvfw_pubkey_from_pem() - a P-521 public key from PEM or DER
 * @data: a "PUBLIC KEY" or an X.509 certificate (a host-key document),
 *	PEM or DER, or the raw 160-byte x|y form
 * @len: its length
 * @pub: receives x|y padded
 *
 * Return: UVFW_OK, UVFW_E_KEY (not a P-521 key) or UVFW_E_ARG.
 */
enum uvfw_err uvfw_pubkey_from_pem(const uint8_t *data, size_t len,
				   uint8_t pub[UVFW_PUBKEY_LEN]);

/**
 * uvfw_measure() - compute a measurement (HMAC-SHA512)
 * @meas_key: the request's measurement key
 * @in: the measured items
 * @meas: receives 64 bytes
 *
 * Return: UVFW_OK, UVFW_E_ARG or UVFW_E_CRYPTO.
 */
enum uvfw_err uvfw_measure(const uint8_t meas_key[UVFW_MEAS_KEY_LEN],
			   const struct uvfw_meas_input *in,
			   uint8_t meas[UVFW_MEAS_LEN]);

/**
 * uvfw_measure_verify() - recompute and compare in constant time
 * @meas_key: the request's measurement key
 * @in: the items the verifier expects
 * @meas: the measurement the UV returned
 * @meas_len: its length (must be 64)
 *
 * Return: 0 when it matches, 1 when it does not, -1 on error.
 */
int uvfw_measure_verify(const uint8_t meas_key[UVFW_MEAS_KEY_LEN],
			const struct uvfw_meas_input *in, const uint8_t *meas,
			size_t meas_len);

/**
 * uvfw_asrcb_size() - length of an ASRCB
 * @nks: number of key slots
 * @value_len: length of the secret
 *
 * Return: bytes.
 */
size_t uvfw_asrcb_size(unsigned int nks, uint32_t value_len);

/**
 * uvfw_asrcb_build() - build and seal an add-secret request (version 1,
 *	no user data)
 * @p: contents and keys
 * @host_keys: the host public keys, one key slot each
 * @nks: how many, 1..UVFW_ARCB_MAX_KEYSLOTS
 * @out: output buffer
 * @out_len: its size (uvfw_asrcb_size() is enough)
 * @len: receives the request length
 *
 * Return: UVFW_OK, UVFW_E_ARG, UVFW_E_KEY or UVFW_E_CRYPTO.
 */
enum uvfw_err uvfw_asrcb_build(const struct uvfw_asrcb_params *p,
			       const uint8_t (*host_keys)[UVFW_PUBKEY_LEN],
			       unsigned int nks, uint8_t *out, size_t out_len,
			       size_t *len);

/**
 * uvfw_strerror() - name of an error
 * @e: the error
 *
 * Return: a static string.
 */
const char *uvfw_strerror(enum uvfw_err e);

/**
 * uvfw_err_rc() - the UV rc a firmware answers for a parse error
 * @e: the error
 *
 * Return: the rc (UVFW_RC_OK for UVFW_OK).
 */
uint16_t uvfw_err_rc(enum uvfw_err e);

#endif /* COCO_SIMFW_UVFW_H */

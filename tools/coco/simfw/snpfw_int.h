/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of the simulated AMD-SP shared by snpfw.c (guest requests) and
 * snpfw_pki.c (keys, certificates, cache).
 */
#ifndef COCO_SIMFW_SNPFW_INT_H
#define COCO_SIMFW_SNPFW_INT_H

#include <openssl/evp.h>
#include <openssl/x509.h>
#include "snpfw.h"

/* Secrets page offsets (spec/x86-sev.md 7.1). */
#define SNPFW_SECRETS_VERSION		0x000
#define SNPFW_SECRETS_IMIEN		0x004
#define SNPFW_SECRETS_FMS		0x008
#define SNPFW_SECRETS_GOSVW		0x010
#define SNPFW_SECRETS_VMPCK0		0x020
#define SNPFW_SECRETS_OS_AREA		0x0a0

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

/**
 * struct snpfw - one simulated chip and its guest
 * @seed: creation seed
 * @master: all derivations start from this (SHA-512 of the seed)
 * @chip_secret: keys derived keys (MSG_KEY_REQ)
 * @chip_id: CHIP_ID / hwID
 * @measurement: launch measurement
 * @host_data: HOST_DATA
 * @family_id: FAMILY_ID
 * @image_id: IMAGE_ID
 * @report_id: REPORT_ID
 * @policy: guest policy
 * @guest_svn: guest SVN
 * @tcb: TCB values
 * @platform_info: PLATFORM_INFO
 * @report_version: 2 or 3
 * @mask_chip_id: MASK_CHIP_KEY
 * @fms: CPUID Fn0000_0001 EAX of the simulated part
 * @fw_major: firmware version reported (CURRENT/COMMITTED)
 * @fw_minor: see @fw_major
 * @fw_build: see @fw_major
 * @vmpck: VMPCK0..3
 * @seqno: per-VMPCK last sequence number used
 * @ark_key: ARK key pair
 * @ask_key: ASK key pair
 * @vcek_key: VCEK key pair for @tcb.reported
 * @cert: ARK, ASK, VCEK certificates
 * @der: their DER encodings
 * @der_len: lengths of @der
 * @table: the extended-report certificate table
 * @table_len: its length
 */
struct snpfw {
	uint64_t seed;
	uint8_t master[64];
	uint8_t chip_secret[48];
	uint8_t chip_id[64];
	uint8_t measurement[48];
	uint8_t host_data[32];
	uint8_t family_id[16];
	uint8_t image_id[16];
	uint8_t report_id[32];
	uint64_t policy;
	uint32_t guest_svn;
	struct snpfw_tcbs tcb;
	uint64_t platform_info;
	uint32_t report_version;
	bool mask_chip_id;
	uint32_t fms;
	uint8_t fw_major, fw_minor, fw_build;
	uint8_t vmpck[SNPFW_VMPCK_COUNT][SNPFW_VMPCK_SIZE];
	uint64_t seqno[SNPFW_VMPCK_COUNT];
	EVP_PKEY *ark_key;
	EVP_PKEY *ask_key;
	EVP_PKEY *vcek_key;
	X509 *cert[SNPFW_CERT_COUNT];
	uint8_t *der[SNPFW_CERT_COUNT];
	size_t der_len[SNPFW_CERT_COUNT];
	uint8_t *table;
	size_t table_len;
};

int snpfw_derive(const struct snpfw *fw, const char *label, uint64_t index,
		 uint8_t *out, size_t len);
int snpfw_pki_init(struct snpfw *fw);
int snpfw_pki_vcek(struct snpfw *fw);
void snpfw_pki_free(struct snpfw *fw);

static inline void snpfw_put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void snpfw_put_le32(uint8_t *p, uint32_t v)
{
	snpfw_put_le16(p, (uint16_t)v);
	snpfw_put_le16(p + 2, (uint16_t)(v >> 16));
}

static inline void snpfw_put_le64(uint8_t *p, uint64_t v)
{
	snpfw_put_le32(p, (uint32_t)v);
	snpfw_put_le32(p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t snpfw_get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t snpfw_get_le32(const uint8_t *p)
{
	return (uint32_t)snpfw_get_le16(p) |
	       (uint32_t)snpfw_get_le16(p + 2) << 16;
}

static inline uint64_t snpfw_get_le64(const uint8_t *p)
{
	return (uint64_t)snpfw_get_le32(p) |
	       (uint64_t)snpfw_get_le32(p + 4) << 32;
}

static inline bool snpfw_all_zero(const uint8_t *p, size_t len)
{
	uint8_t acc = 0;
	size_t i;

	for (i = 0; i < len; i++)
		acc |= p[i];
	return !acc;
}

#endif /* COCO_SIMFW_SNPFW_INT_H */

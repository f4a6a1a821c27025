/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated AMD-SP (SEV-SNP firmware) behind guest requests: one chip
 * and one guest.  A seed determines everything that is not a signature:
 * the ARK/ASK RSA-4096 keys, the VCEK P-384 key (per reported TCB), the
 * chip id, the launch measurement, the report id and the VMPCKs of the
 * secrets page.  Certificates have the key types, signature scheme
 * (RSA-PSS, SHA-384, MGF1-SHA-384, salt 48), subject layout and VCEK
 * extensions of AMD's real Milan chain.
 *
 * Guest requests follow the SNP ABI as spec/x86-sev.md section 7 gives it:
 * a 96-byte header, AES-256-GCM under VMPCKn with IV = little-endian
 * sequence number || 4 zero bytes and AAD = header bytes 0x30-0x5f, and a
 * per-VMPCK counter that accepts only the exact next sequence number.
 *
 * User-space C with OpenSSL 3 libcrypto.  Not thread-safe: one caller at a
 * time per struct snpfw (the firmware serialises requests too).
 */
#ifndef COCO_SIMFW_SNPFW_H
#define COCO_SIMFW_SNPFW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SNPFW_PAGE_SIZE			4096
#define SNPFW_MSG_HDR_SIZE		0x60
#define SNPFW_MSG_PAYLOAD_MAX		(SNPFW_PAGE_SIZE - SNPFW_MSG_HDR_SIZE)
#define SNPFW_VMPCK_COUNT		4
#define SNPFW_VMPCK_SIZE		32
#define SNPFW_REPORT_SIZE		0x4a0
#define SNPFW_REPORT_SIGNED_SIZE	0x2a0
#define SNPFW_REPORT_RSP_SIZE		(0x20 + SNPFW_REPORT_SIZE)
#define SNPFW_REPORT_REQ_SIZE		96
#define SNPFW_KEY_REQ_SIZE		32
#define SNPFW_KEY_RSP_SIZE		64
#define SNPFW_CERT_ENTRY_SIZE		24

/* Message types (enum msg_type). */
#define SNPFW_MSG_KEY_REQ		3
#define SNPFW_MSG_KEY_RSP		4
#define SNPFW_MSG_REPORT_REQ		5
#define SNPFW_MSG_REPORT_RSP		6

/* Firmware status codes (include/uapi/linux/psp-sev.h). */
#define SNPFW_STATUS_SUCCESS		0x00
#define SNPFW_STATUS_UNSUPPORTED	0x15
#define SNPFW_STATUS_INVALID_PARAM	0x16
#define SNPFW_STATUS_RESOURCE_LIMIT	0x17
#define SNPFW_STATUS_AEAD_OFLOW		0x1d
#define SNPFW_STATUS_INVALID_KEY	0x27

/* MSG_KEY_REQ guest_field_select bits. */
#define SNPFW_KEY_FIELD_POLICY		(1ULL << 0)
#define SNPFW_KEY_FIELD_IMAGE_ID	(1ULL << 1)
#define SNPFW_KEY_FIELD_FAMILY_ID	(1ULL << 2)
#define SNPFW_KEY_FIELD_MEASUREMENT	(1ULL << 3)
#define SNPFW_KEY_FIELD_GUEST_SVN	(1ULL << 4)
#define SNPFW_KEY_FIELD_TCB_VERSION	(1ULL << 5)

/* A Milan/Genoa TCB_VERSION: bootloader, TEE, SNP and microcode SPLs. */
#define SNPFW_TCB(bl, tee, snp, ucode)					\
	((uint64_t)(uint8_t)(bl) | (uint64_t)(uint8_t)(tee) << 8 |	\
	 (uint64_t)(uint8_t)(snp) << 48 | (uint64_t)(uint8_t)(ucode) << 56)

/**
 * enum snpfw_cert - the certificates of the simulated chain
 * @SNPFW_CERT_ARK: AMD Root Key (RSA-4096, self-signed)
 * @SNPFW_CERT_ASK: AMD SEV Key (RSA-4096, signed by the ARK)
 * @SNPFW_CERT_VCEK: Versioned Chip Endorsement Key (P-384, signed by the
 *	ASK) for the current reported TCB
 */
enum snpfw_cert {
	SNPFW_CERT_ARK,
	SNPFW_CERT_ASK,
	SNPFW_CERT_VCEK,
	SNPFW_CERT_COUNT
};

/**
 * struct snpfw_tcbs - the four TCB values a report carries
 * @current_tcb: CURRENT_TCB
 * @reported: REPORTED_TCB (the VCEK is derived for this one)
 * @committed: COMMITTED_TCB (derived-key TCB requests may not exceed it)
 * @launch: LAUNCH_TCB
 */
struct snpfw_tcbs {
	uint64_t current_tcb;
	uint64_t reported;
	uint64_t committed;
	uint64_t launch;
};

/**
 * struct snpfw_info - what the chip and guest look like (a copy)
 * @seed: the creation seed
 * @chip_id: CHIP_ID (64 bytes, also the VCEK's hwID extension)
 * @measurement: launch MEASUREMENT
 * @host_data: HOST_DATA
 * @family_id: FAMILY_ID
 * @image_id: IMAGE_ID
 * @report_id: REPORT_ID
 * @policy: guest POLICY
 * @guest_svn: GUEST_SVN
 * @tcb: the TCB values
 * @platform_info: PLATFORM_INFO
 * @report_version: ATTESTATION_REPORT version produced (2 or 3)
 * @mask_chip_id: reports carry a zero CHIP_ID and MASK_CHIP_KEY
 * @vmpck: VMPCK0..3 as provisioned in the secrets page
 * @seqno: the firmware's per-VMPCK counter: last sequence number used (the
 *	next request must carry this + 1)
 */
struct snpfw_info {
	uint64_t seed;
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
	uint8_t vmpck[SNPFW_VMPCK_COUNT][SNPFW_VMPCK_SIZE];
	uint64_t seqno[SNPFW_VMPCK_COUNT];
};

struct snpfw;

/**
 * snpfw_create() - create a simulated chip and guest from a seed
 * @seed: everything but signatures is derived from it deterministically
 * @fw: receives the new instance
 *
 * The ARK and ASK (RSA-4096) are cached as PEM in $SIMFW_CACHE, or
 * ~/.cache/coco-guest/simfw when it is unset ($SIMFW_CACHE set to the
 * empty string disables the cache).  A missing or unusable cache entry is
 * regenerated, which gives the same keys.
 *
 * Return: 0, -ENOMEM, or -EIO when the cryptography failed.
 */
int snpfw_create(uint64_t seed, struct snpfw **fw);

/**
 * snpfw_destroy() - free an instance (NULL is allowed)
 * @fw: the instance
 */
void snpfw_destroy(struct snpfw *fw);

/**
 * snpfw_secrets_page() - the secrets page the guest finds at launch
 * @fw: the instance
 * @page: receives 4096 bytes: version, FMS, VMPCK0..3, a zero OS area
 */
void snpfw_secrets_page(const struct snpfw *fw, uint8_t page[SNPFW_PAGE_SIZE]);

/**
 * snpfw_guest_request() - process one SNP guest request
 * @fw: the instance
 * @req_page: the 4 KiB request page (read once, into private memory)
 * @resp_page: the 4 KiB response page; written only on success
 * @exitinfo2: receives SW_EXITINFO2 as the firmware sets it (the firmware
 *	status in bits 31:0; VMM errors are the hypervisor's); may be NULL
 *
 * A malformed header, a sequence number other than the VMPCK's counter
 * + 1, or a message that does not authenticate is refused: no response,
 * counter unchanged.  Otherwise the response carries request seqno + 1
 * and the counter becomes that; problems with the payload (VMPL, key
 * selection, reserved fields) are reported in the response's status.
 *
 * Return: the firmware status (SNPFW_STATUS_*).
 */
uint32_t snpfw_guest_request(struct snpfw *fw, const uint8_t *req_page,
			     uint8_t *resp_page, uint64_t *exitinfo2);

/**
 * snpfw_ext_certs() - the extended-report certificate table
 * @fw: the instance
 * @buf: receives the table (may be NULL when @len is 0)
 * @len: size of @buf; the whole buffer is written (zero past the table)
 * @needed: receives the bytes the table needs; may be NULL
 *
 * 24-byte entries {GUID, u32 offset, u32 length} for VCEK, ASK and ARK,
 * an all-zero terminator, then the DER certificates.  GUIDs are stored in
 * RFC 4122 byte order (the order the text form is written in).
 *
 * Return: 0, or -ENOSPC (and @buf untouched) when @len is too small.
 */
int snpfw_ext_certs(const struct snpfw *fw, uint8_t *buf, size_t len,
		    size_t *needed);

/**
 * snpfw_cert_der() - one certificate of the chain in DER
 * @fw: the instance
 * @which: which certificate
 * @der: receives a pointer valid until the next TCB change or destroy
 * @len: receives its length
 *
 * Return: 0 or -EINVAL.
 */
int snpfw_cert_der(const struct snpfw *fw, enum snpfw_cert which,
		   const uint8_t **der, size_t *len);

/**
 * snpfw_write_certs() - export the chain for other tools
 * @fw: the instance
 * @dir: directory (created if missing)
 *
 * Writes ark.pem, ask.pem, vcek.pem, vcek.der and cert_chain.pem (ASK
 * then ARK).
 *
 * Return: 0 or a negative errno.
 */
int snpfw_write_certs(const struct snpfw *fw, const char *dir);

/**
 * snpfw_get_info() - copy out the chip and guest parameters
 * @fw: the instance
 * @info: receives them
 */
void snpfw_get_info(const struct snpfw *fw, struct snpfw_info *info);

/**
 * snpfw_vmpck_seqno() - the firmware's counter of one VMPCK
 * @fw: the instance
 * @vmpck: 0..3
 *
 * Return: the last sequence number used (0 before the first request).
 */
uint64_t snpfw_vmpck_seqno(const struct snpfw *fw, unsigned int vmpck);

/*
 * Knobs for tests.  Changing the reported TCB derives a new VCEK and
 * issues its certificate, as AMD's KDS would for that TCB.
 */
int snpfw_set_tcb(struct snpfw *fw, uint64_t tcb);
int snpfw_set_tcbs(struct snpfw *fw, const struct snpfw_tcbs *tcbs);
void snpfw_set_measurement(struct snpfw *fw, const uint8_t measurement[48]);
void snpfw_set_host_data(struct snpfw *fw, const uint8_t host_data[32]);
void snpfw_set_family_id(struct snpfw *fw, const uint8_t family_id[16]);
void snpfw_set_image_id(struct snpfw *fw, const uint8_t image_id[16]);
void snpfw_set_policy(struct snpfw *fw, uint64_t policy);
void snpfw_set_guest_svn(struct snpfw *fw, uint32_t svn);
void snpfw_set_platform_info(struct snpfw *fw, uint64_t platform_info);
void snpfw_set_mask_chip_id(struct snpfw *fw, bool mask);
int snpfw_set_report_version(struct snpfw *fw, uint32_t version);
int snpfw_set_vmpck_seqno(struct snpfw *fw, unsigned int vmpck,
			  uint64_t seqno);

/*
 * Adapters with the signatures of struct coco_sim_snp_fw's hooks
 * (drivers/virt/coco/sim/coco_sim.h); @ctx is the struct snpfw.
 */
uint32_t snpfw_hook_guest_request(void *ctx, const uint8_t *req,
				  uint8_t *resp);
int snpfw_hook_certs(void *ctx, uint8_t *buf, size_t len, size_t *needed);

/**
 * snpfw_guest_get_report() - act as the guest: fetch one signed report
 * @fw: the instance
 * @vmpck: the VMPCK to use (its VMPL is the lowest @vmpl allowed)
 * @report_data: REPORT_DATA (64 bytes)
 * @vmpl: requested VMPL
 * @report: receives the 1184-byte ATTESTATION_REPORT
 *
 * A convenience for tools and tests that need a report without a guest
 * message layer: it encrypts a MSG_REPORT_REQ with the secrets page's
 * VMPCK and the counter's next sequence number, runs it through
 * snpfw_guest_request() and opens the response like a guest.
 *
 * Return: 0, a positive firmware or response status, or a negative errno.
 */
int snpfw_guest_get_report(struct snpfw *fw, unsigned int vmpck,
			   const uint8_t report_data[64], uint32_t vmpl,
			   uint8_t report[SNPFW_REPORT_SIZE]);

#endif /* COCO_SIMFW_SNPFW_H */

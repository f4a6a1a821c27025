/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * /dev/coco-guest: one attestation ABI for confidential guests on AMD
 * SEV-SNP (x86_64) and IBM Protected Virtualization (s390x).
 *
 * Rules shared by every ioctl:
 *  - The argument starts with @size (the structure's size as this header
 *    defines it; anything else is -EINVAL) and @flags (only the flags
 *    defined for that ioctl; others are -EINVAL).
 *  - Every field named reserved must be zero (-EINVAL otherwise).
 *  - Buffers are passed as __u64 user pointers with a __u32 length; a
 *    pointer that cannot be read or written gives -EFAULT.
 *  - A buffer too small for the result gives -ENOSPC and the length field
 *    is set to the bytes needed (the structure is written back).
 *  - A request the platform's firmware refused gives -EIO with the
 *    firmware's answer in @fw_error (and @status); the structure is
 *    written back.
 *  - An operation the platform does not have gives -EOPNOTSUPP;
 *    COCO_GUEST_IOC_INFO says which ones it has.
 * Multi-byte fields are in the CPU's byte order.
 */
#ifndef _UAPI_LINUX_COCO_GUEST_H
#define _UAPI_LINUX_COCO_GUEST_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define COCO_GUEST_DEVICE	"/dev/coco-guest"
#define COCO_GUEST_ABI_VERSION	1

/* Platforms (struct coco_guest_info.platform). */
#define COCO_GUEST_PLATFORM_NONE	0
#define COCO_GUEST_PLATFORM_SEV_SNP	1
#define COCO_GUEST_PLATFORM_S390_PV	2

/* Evidence types (struct coco_guest_evidence.type). */
#define COCO_GUEST_EVIDENCE_SNP_REPORT	1	/* ATTESTATION_REPORT */
#define COCO_GUEST_EVIDENCE_S390_MEAS	2	/* UV attestation measurement */

/* Features (struct coco_guest_info.features). */
#define COCO_GUEST_FEAT_DERIVED_KEY	(1U << 0)
#define COCO_GUEST_FEAT_CERTS		(1U << 1)
#define COCO_GUEST_FEAT_SECRETS		(1U << 2)

#define COCO_GUEST_NONCE_MAX		256
#define COCO_GUEST_SNP_NONCE_MAX	64
#define COCO_GUEST_SNP_REPORT_LEN	0x4a0
#define COCO_GUEST_SNP_KEY_LEN		32
#define COCO_GUEST_S390_CUID_LEN	16
#define COCO_GUEST_SECRET_ID_LEN	32

/**
 * struct coco_guest_info - which platform and what it offers
 * @size: sizeof(struct coco_guest_info)
 * @flags: none defined, 0
 * @abi_version: out: COCO_GUEST_ABI_VERSION
 * @platform: out: COCO_GUEST_PLATFORM_*
 * @evidence_types: out: bit n set when evidence type n can be requested
 * @features: out: COCO_GUEST_FEAT_*
 * @nonce_max: out: the largest @nonce_len of struct coco_guest_evidence
 * @evidence_max: out: the largest evidence (SNP: the report's size)
 * @reserved: zero
 */
struct coco_guest_info {
	__u32 size;
	__u32 flags;
	__u32 abi_version;
	__u32 platform;
	__u32 evidence_types;
	__u32 features;
	__u32 nonce_max;
	__u32 evidence_max;
	__u32 reserved[8];
};

/**
 * struct coco_guest_evidence - fresh platform evidence bound to a nonce
 * @size: sizeof(struct coco_guest_evidence)
 * @flags: none defined, 0
 * @type: COCO_GUEST_EVIDENCE_*
 * @privlevel: SNP: the VMPL to report (0..3, not below the guest's);
 *	s390: 0
 * @nonce: the caller's nonce.  SNP: REPORT_DATA, zero-padded to 64 bytes;
 *	s390: the user data bound into the measurement
 * @nonce_len: bytes of @nonce used; SNP at most 64, s390 at most 256
 * @evidence_len: in: size of the @evidence buffer; out: bytes written or,
 *	with -ENOSPC, needed
 * @evidence: user pointer.  SNP: the 1184-byte ATTESTATION_REPORT as the
 *	firmware signed it; s390: the measurement (the ARCB's algorithm
 *	decides its length: 64 bytes for HMAC-SHA512)
 * @aux: user pointer, 0 for none.  SNP: the certificate table of an
 *	extended report (24-byte entries GUID, offset, length, ending with
 *	an all-zero entry); s390: the additional data the ARCB asks for
 * @aux_len: in: size of @aux; out: bytes written or, with -ENOSPC, needed
 * @request: s390: user pointer to the attestation request control block
 *	(ARCB) made by the verifier; SNP: 0
 * @request_len: s390: its size, at most 1 MiB; SNP: 0
 * @s390_config_uid: out, s390: the configuration unique ID
 * @status: out, SNP: the status word of the firmware's response
 * @reserved0: zero
 * @fw_error: out.  SNP: SW_EXITINFO2 of the exchange (firmware error in
 *	bits 31:0, hypervisor error in bits 63:32); s390: the Ultravisor's
 *	return code in bits 15:0 and return reason code in bits 31:16
 * @reserved: zero
 */
struct coco_guest_evidence {
	__u32 size;
	__u32 flags;
	__u32 type;
	__u32 privlevel;
	__u8 nonce[COCO_GUEST_NONCE_MAX];
	__u32 nonce_len;
	__u32 evidence_len;
	__u64 evidence;
	__u64 aux;
	__u32 aux_len;
	__u32 request_len;
	__u64 request;
	__u8 s390_config_uid[COCO_GUEST_S390_CUID_LEN];
	__u32 status;
	__u32 reserved0;
	__u64 fw_error;
	__u64 reserved[4];
};

/**
 * struct coco_guest_key - SNP: a key derived by the firmware
 * @size: sizeof(struct coco_guest_key)
 * @flags: none defined, 0
 * @root_key_select: 0 the chip's VCEK, 1 the VM root key (VMRK)
 * @privlevel: the VMPL to mix in (0..3, not below the guest's)
 * @guest_field_select: which guest fields to mix in (bit 0 policy,
 *	1 image ID, 2 family ID, 3 measurement, 4 guest SVN, 5 TCB version)
 * @guest_svn: the SVN to mix in, at most the guest's
 * @reserved0: zero
 * @tcb_version: the TCB version to mix in, at most the current one
 * @key: out: the derived key
 * @status: out: the status word of the firmware's response
 * @reserved1: zero
 * @fw_error: out: as in struct coco_guest_evidence
 * @reserved: zero
 */
struct coco_guest_key {
	__u32 size;
	__u32 flags;
	__u32 root_key_select;
	__u32 privlevel;
	__u64 guest_field_select;
	__u32 guest_svn;
	__u32 reserved0;
	__u64 tcb_version;
	__u8 key[COCO_GUEST_SNP_KEY_LEN];
	__u32 status;
	__u32 reserved1;
	__u64 fw_error;
	__u64 reserved[4];
};

/**
 * struct coco_guest_secret_entry - s390: one secret in the Ultravisor's store
 * @index: the store's index of the secret
 * @type: the secret's type (2: association secret, retrievable ones above)
 * @len: length of the secret's value
 * @id: the secret's ID (public, not the secret)
 */
struct coco_guest_secret_entry {
	__u16 index;
	__u16 type;
	__u32 len;
	__u8 id[COCO_GUEST_SECRET_ID_LEN];
};

/**
 * struct coco_guest_secret_list - s390: list the secret store
 * @size: sizeof(struct coco_guest_secret_list)
 * @flags: none defined, 0
 * @entries: user pointer to an array of struct coco_guest_secret_entry
 * @entries_len: in: size of that array in bytes; out: bytes written or,
 *	with -ENOSPC, needed for all secrets
 * @total: out: secrets in the store
 * @fw_error: out: as in struct coco_guest_evidence
 * @reserved: zero
 */
struct coco_guest_secret_list {
	__u32 size;
	__u32 flags;
	__u64 entries;
	__u32 entries_len;
	__u32 total;
	__u64 fw_error;
	__u64 reserved[4];
};

/**
 * struct coco_guest_secret - s390: retrieve one secret by its ID
 * @size: sizeof(struct coco_guest_secret)
 * @flags: none defined, 0
 * @id: the secret's ID
 * @value: user pointer to a buffer for the secret's value
 * @value_len: in: its size; out: the value's length (-ENOSPC: needed)
 * @type: out: the secret's type
 * @fw_error: out: as in struct coco_guest_evidence
 * @reserved: zero
 *
 * -ENOENT when no secret has @id or it cannot be retrieved.
 */
struct coco_guest_secret {
	__u32 size;
	__u32 flags;
	__u8 id[COCO_GUEST_SECRET_ID_LEN];
	__u64 value;
	__u32 value_len;
	__u32 type;
	__u64 fw_error;
	__u64 reserved[4];
};

#define COCO_GUEST_IOC_MAGIC	0xC6

#define COCO_GUEST_IOC_INFO \
	_IOWR(COCO_GUEST_IOC_MAGIC, 0, struct coco_guest_info)
#define COCO_GUEST_IOC_EVIDENCE \
	_IOWR(COCO_GUEST_IOC_MAGIC, 1, struct coco_guest_evidence)
#define COCO_GUEST_IOC_DERIVED_KEY \
	_IOWR(COCO_GUEST_IOC_MAGIC, 2, struct coco_guest_key)
#define COCO_GUEST_IOC_SECRET_LIST \
	_IOWR(COCO_GUEST_IOC_MAGIC, 3, struct coco_guest_secret_list)
#define COCO_GUEST_IOC_SECRET_GET \
	_IOWR(COCO_GUEST_IOC_MAGIC, 4, struct coco_guest_secret)

/*
 * configfs-tsm on s390 (provider "coco_guest_uv"): outblob is this header
 * followed by the measurement and the additional data; the ARCB is the one
 * last set with COCO_GUEST_IOC_TSM_ARCB, the inblob is the user data.
 */
#define COCO_GUEST_UV_BLOB_MAGIC	0x43435556	/* "CCUV" */

/**
 * struct coco_guest_uv_blob - s390 configfs-tsm outblob header (big-endian)
 * @magic: COCO_GUEST_UV_BLOB_MAGIC
 * @version: 1
 * @hdr_len: sizeof(struct coco_guest_uv_blob)
 * @meas_len: bytes of measurement after the header
 * @add_len: bytes of additional data after the measurement
 * @user_data_len: bytes of user data (the inblob) measured
 * @reserved: zero
 * @config_uid: the configuration unique ID
 * @user_data: the user data, zero-padded
 */
struct coco_guest_uv_blob {
	__u32 magic;
	__u16 version;
	__u16 hdr_len;
	__u32 meas_len;
	__u32 add_len;
	__u16 user_data_len;
	__u16 reserved[3];
	__u8 config_uid[COCO_GUEST_S390_CUID_LEN];
	__u8 user_data[64];
};

/**
 * struct coco_guest_tsm_arcb - s390: the ARCB configfs-tsm reports use
 * @size: sizeof(struct coco_guest_tsm_arcb)
 * @flags: none defined, 0
 * @request: user pointer to the ARCB; 0 with @request_len 0 clears it
 * @request_len: its size, at most 1 MiB
 * @meas_len: measurement size to ask for (1..32 KiB)
 * @add_len: additional data size to ask for (0..32 KiB)
 * @reserved0: zero
 * @reserved: zero
 */
struct coco_guest_tsm_arcb {
	__u32 size;
	__u32 flags;
	__u64 request;
	__u32 request_len;
	__u32 meas_len;
	__u32 add_len;
	__u32 reserved0;
	__u64 reserved[2];
};

#define COCO_GUEST_IOC_TSM_ARCB \
	_IOWR(COCO_GUEST_IOC_MAGIC, 5, struct coco_guest_tsm_arcb)

#endif /* _UAPI_LINUX_COCO_GUEST_H */

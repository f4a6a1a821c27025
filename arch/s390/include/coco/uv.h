/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * s390x Ultravisor guest interface: facility bits, UV call commands, return
 * codes and control block layouts (as big-endian byte offsets).  Facts from
 * shared/spec/s390-pv.md.
 */
#ifndef _COCO_S390_UV_H
#define _COCO_S390_UV_H

#include <linux/types.h>
#include <coco/attributes.h>
#include <coco/byteimg.h>
#include <coco/platform.h>

/* STFLE: bit numbers are MSB0 over the facility list. */
#define S390_FACILITY_UV_CALL		158
#define S390_FACILITY_DWORDS		4

/* Condition codes of the UVC instruction. */
#define UVC_CC_OK			0
#define UVC_CC_ERROR			1
#define UVC_CC_BUSY			2
#define UVC_CC_PARTIAL			3

/* Header rc values. */
#define UVC_RC_EXECUTED			0x0001
#define UVC_RC_INV_CMD			0x0002
#define UVC_RC_INV_STATE		0x0003
#define UVC_RC_INV_LEN			0x0005
#define UVC_RC_NO_RESUME		0x0007
#define UVC_RC_MORE_DATA		0x0100

/* Commands. */
#define UVC_CMD_QUI			0x0001
#define UVC_CMD_SET_SHARED_ACCESS	0x1000
#define UVC_CMD_REMOVE_SHARED_ACCESS	0x1001
#define UVC_CMD_RETR_ATTEST		0x1020
#define UVC_CMD_ADD_SECRET		0x1031
#define UVC_CMD_LIST_SECRETS		0x1033
#define UVC_CMD_LOCK_SECRETS		0x1034
#define UVC_CMD_RETR_SECRET		0x1035

/* Installed-calls bits (MSB0 over the 256-bit list). */
#define UV_BIT_QUI			0
#define UV_BIT_INIT_UV			1
#define UV_BIT_SET_SHARED_ACCESS	8
#define UV_BIT_REMOVE_SHARED_ACCESS	9
#define UV_BIT_RETR_ATTEST		28
#define UV_BIT_ADD_SECRET		29
#define UV_BIT_LIST_SECRETS		30
#define UV_BIT_LOCK_SECRETS		31
#define UV_BIT_RETR_SECRET		33

/* Common header of every UV control block. */
#define UVCB_OFF_LEN			0x00
#define UVCB_OFF_CMD			0x02
#define UVCB_OFF_RC			0x04
#define UVCB_OFF_RRC			0x06
#define UVCB_HDR_LEN			0x08

/* Query Ultravisor Information control block. */
#define UV_QUI_LEN			0x120
#define UV_QUI_MIN_LEN			0xa8
#define UV_QUI_OFF_INST_CALLS		0x010
#define UV_QUI_OFF_CPU_STOR_LEN		0x068
#define UV_QUI_OFF_MAX_NUM_SEC_CONF	0x07c
#define UV_QUI_OFF_MAX_GUEST_STOR_ADDR	0x080
#define UV_QUI_OFF_MAX_GUEST_CPU_ID	0x09e
#define UV_QUI_OFF_FEATURES		0x0a0
#define UV_QUI_OFF_SUPP_SE_HDR_VER	0x0b0
#define UV_QUI_OFF_SUPP_SE_HDR_PCF	0x0b8
#define UV_QUI_OFF_DUMP_STOR_STATE_LEN	0x0c8
#define UV_QUI_OFF_DUMP_FINALIZE_LEN	0x0d0
#define UV_QUI_OFF_SUPP_ATT_REQ_VER	0x0e0
#define UV_QUI_OFF_SUPP_ATT_PFLAGS	0x0e8
#define UV_QUI_OFF_SUPP_ADD_SECRET_VER	0x0f8
#define UV_QUI_OFF_SUPP_ADD_SECRET_PCF	0x100
#define UV_QUI_OFF_SUPP_SECRET_TYPES	0x108
#define UV_QUI_OFF_MAX_ASSOC_SECRETS	0x110
#define UV_QUI_OFF_MAX_RETR_SECRETS	0x112

/* Set / Remove Shared Access: one 4 KiB page per call. */
#define UV_SHARE_LEN			0x30
#define UV_SHARE_OFF_PADDR		0x20
#define UV_PAGE_SIZE			4096U
#define UVC_RC_SHARE_BAD_ADDR		0x0101

/* Retrieve Attestation Measurement. */
#define UV_ATTEST_LEN			0x188
#define UV_ATTEST_OFF_ARCB_ADDR		0x018
#define UV_ATTEST_OFF_CONT_TOKEN	0x020
#define UV_ATTEST_OFF_USER_DATA_LEN	0x02e
#define UV_ATTEST_OFF_USER_DATA		0x030
#define UV_ATTEST_OFF_MEAS_LEN		0x13c
#define UV_ATTEST_OFF_MEAS_ADDR		0x140
#define UV_ATTEST_OFF_CONFIG_UID	0x148
#define UV_ATTEST_OFF_ADD_DATA_LEN	0x15c
#define UV_ATTEST_OFF_ADD_DATA_ADDR	0x160
#define UV_ATTEST_USER_DATA_MAX		256
#define UV_ATTEST_CUID_LEN		16
/* Guest-side bounds, the same as the upstream uvdevice ABI's. */
#define UV_ATTEST_ARCB_MAX		0x100000U
#define UV_ATTEST_MEAS_MAX		0x8000U
#define UV_ATTEST_ADD_MAX		0x8000U
#define UVC_RC_ATT_INV_CONT_TOKEN	0x0101
#define UVC_RC_ATT_USER_DATA_LEN	0x0102
#define UVC_RC_ATT_ARCB_ACCESS		0x0103
#define UVC_RC_ATT_MEAS_ACCESS		0x0104
#define UVC_RC_ATT_ADD_ACCESS		0x0105
#define UVC_RC_ATT_UNSEAL		0x010c

/* Add Secret, Lock, List and Retrieve Secret. */
#define UV_ADD_SECRET_LEN		0x48
#define UV_ADD_SECRET_OFF_ADDR		0x20
#define UV_ADD_SECRET_MAX		0x100000U
/* The request header ARCB and ASRCB share: 48 bytes, total length at 0x0c. */
#define UV_REQ_HDR_LEN			0x30
#define UV_REQ_HDR_OFF_LEN		0x0c
#define UV_LOCK_LEN			0x40
#define UV_LIST_LEN			0x48
#define UV_LIST_OFF_START_IDX		0x1e
#define UV_LIST_OFF_ADDR		0x20
#define UV_RETR_LEN			0x48
#define UV_RETR_OFF_IDX			0x18
#define UV_RETR_OFF_BUF_SIZE		0x1c
#define UV_RETR_OFF_BUF_ADDR		0x20
#define UV_RETR_SECRET_MAX		0x2000U
#define UVC_RC_ADD_DECRYPT		0x0108
#define UVC_RC_SECRETS_LOCKED		0x0102
#define UVC_RC_RETR_BUF_SMALL		0x0109
#define UVC_RC_RETR_STORE_EMPTY		0x010f
#define UVC_RC_RETR_INV_IDX		0x0110
#define UVC_RC_RETR_INV_SECRET		0x0111

/* The page of secret entries that List Secrets fills. */
#define UV_SECRET_LIST_OFF_NUM		0x00
#define UV_SECRET_LIST_OFF_TOTAL	0x02
#define UV_SECRET_LIST_OFF_NEXT		0x04
#define UV_SECRET_LIST_OFF_ENTRIES	0x10
#define UV_SECRET_ENTRY_LEN		48
#define UV_SECRET_LIST_MAX_ENTRIES	85
#define UV_SECRET_ENTRY_OFF_IDX		0x00
#define UV_SECRET_ENTRY_OFF_TYPE	0x02
#define UV_SECRET_ENTRY_OFF_LEN		0x04
#define UV_SECRET_ENTRY_OFF_ID		0x10
#define UV_SECRET_ID_LEN		32
#define UV_SECRET_TYPE_ASSOCIATION	0x02

/**
 * struct coco_uv_query - the UV query, as /sys/firmware/uv/query shows it
 * @inst_calls: installed UV calls, MSB0 bitmap
 * @cpu_stor_len: per-CPU storage (host), also the dump CPU length
 * @max_num_sec_conf: maximum number of secure configurations (host)
 * @max_guest_stor_addr: highest guest storage address (host)
 * @max_guest_cpu_id: highest CPU id of the configuration
 * @feature_indications: MSB0 feature bits
 * @supp_se_hdr_ver: supported SE header versions
 * @supp_se_hdr_pcf: supported SE header plaintext control flags
 * @dump_stor_state_len: configuration dump storage state length
 * @dump_finalize_len: configuration dump finalize length
 * @supp_att_req_hdr_ver: supported attestation request versions
 * @supp_att_pflags: supported attestation plaintext flags
 * @supp_add_secret_ver: supported add-secret request versions
 * @supp_add_secret_pcf: supported add-secret plaintext control flags
 * @supp_secret_types: supported secret types
 * @max_assoc_secrets: associated secrets the store may hold
 * @max_retr_secrets: retrievable secrets the store may hold
 */
struct coco_uv_query {
	u64 inst_calls[4];
	u64 cpu_stor_len;
	u32 max_num_sec_conf;
	u64 max_guest_stor_addr;
	u16 max_guest_cpu_id;
	u64 feature_indications;
	u64 supp_se_hdr_ver;
	u64 supp_se_hdr_pcf;
	u64 dump_stor_state_len;
	u64 dump_finalize_len;
	u64 supp_att_req_hdr_ver;
	u64 supp_att_pflags;
	u64 supp_add_secret_ver;
	u64 supp_add_secret_pcf;
	u64 supp_secret_types;
	u16 max_assoc_secrets;
	u16 max_retr_secrets;
};

/**
 * struct coco_uv_status - what the UV answered in the control block header
 * @cc: final condition code (after busy/partial reissues)
 * @rc: return code
 * @rrc: return reason code
 */
struct coco_uv_status {
	int cc;
	u16 rc;
	u16 rrc;
};

/**
 * coco_uv_call_installed() - is a UV call marked installed in a query
 * @calls: the installed-calls bitmap of a query
 * @bit: MSB0 bit number of the call
 *
 * Return: true when the bit is set.
 */
static inline bool coco_uv_call_installed(const u64 *calls, unsigned int bit)
{
	return (calls[bit / 64] >> (63 - bit % 64)) & 1;
}

/**
 * coco_uv_addr() - the address of a guest buffer as a UV control block holds it
 * @p: the buffer
 *
 * Return: @p as a 64-bit address.
 */
static inline u64 coco_uv_addr(const void *p)
{
	return (u64)(unsigned long)p;
}

bool coco_s390_has_facility(const struct coco_platform *plat,
			    unsigned int nr);
int coco_uv_call(const struct coco_platform *plat, u8 *uvcb);
int coco_uv_query(const struct coco_platform *plat,
		  struct coco_uv_query *query);
int coco_uv_detect(const struct coco_platform *plat,
		   struct coco_detection *det, struct coco_uv_query *query);
int coco_uv_status_read(const u8 *uvcb, int cc, struct coco_uv_status *st);
int coco_uv_call_status(const struct coco_platform *plat, u8 *uvcb,
			struct coco_uv_status *st);
int coco_uv_call_sched(const struct coco_platform *plat, u8 *uvcb,
		       struct coco_uv_status *st);

int coco_uv_set_shared(const struct coco_platform *plat, u64 paddr,
		       struct coco_uv_status *st);
int coco_uv_remove_shared(const struct coco_platform *plat, u64 paddr,
			  struct coco_uv_status *st);
int coco_uv_share_range(const struct coco_platform *plat, u64 paddr,
			unsigned long npages, bool share, unsigned long *done,
			struct coco_uv_status *st);

/**
 * coco_uv_req_fits() - does a sealed request lie within its buffer
 * @req: an ARCB or ASRCB in private memory
 * @buf_len: the bytes the caller holds at @req
 *
 * The UV reads as many bytes as the request's own header claims; a header
 * claiming more than the buffer would make it read past the allocation.
 *
 * Return: true when @buf_len covers the header and the length it claims.
 */
static inline bool coco_uv_req_fits(const void *req, u32 buf_len)
{
	if (!req || buf_len < UV_REQ_HDR_LEN)
		return false;
	return coco_get_be32((const u8 *)req + UV_REQ_HDR_OFF_LEN) <= buf_len;
}

/**
 * struct coco_uv_attest - one Retrieve Attestation Measurement request
 * @arcb: the attestation request control block (its length is in it)
 * @arcb_len: the size of the buffer at @arcb, at least the length the
 *	ARCB claims
 * @user_data: caller data bound into the measurement
 * @user_data_len: bytes of @user_data used, at most 256
 * @meas: receives the measurement
 * @meas_len: size of @meas, 1..0x8000
 * @add_data: receives the additional data, or NULL
 * @add_data_len: size of @add_data, 0..0x8000 (0 when @add_data is NULL)
 * @config_uid: receives the configuration unique ID
 */
struct coco_uv_attest {
	const void *arcb;
	u32 arcb_len;
	u8 user_data[UV_ATTEST_USER_DATA_MAX];
	u16 user_data_len;
	void *meas;
	u32 meas_len;
	void *add_data;
	u32 add_data_len;
	u8 config_uid[UV_ATTEST_CUID_LEN];
};

int coco_uv_attest(const struct coco_platform *plat,
		   struct coco_uv_attest *req, struct coco_uv_status *st);

/**
 * struct coco_uv_secret_entry - one entry of a secret list
 * @index: the index Retrieve Secret takes
 * @type: secret type (UV_SECRET_TYPE_*)
 * @len: length of the secret value
 * @id: the secret's ID (not the secret)
 */
struct coco_uv_secret_entry {
	u16 index;
	u16 type;
	u32 len;
	u8 id[UV_SECRET_ID_LEN];
};

/**
 * struct coco_uv_secret_list_hdr - the header of one list page
 * @num: entries in this page
 * @total: secrets in the store
 * @next: start index for the next call when more entries exist
 */
struct coco_uv_secret_list_hdr {
	u16 num;
	u16 total;
	u16 next;
};

int coco_uv_add_secret(const struct coco_platform *plat, const void *asrcb,
		       u32 asrcb_len, struct coco_uv_status *st);
int coco_uv_lock_secrets(const struct coco_platform *plat,
			 struct coco_uv_status *st);
int coco_uv_list_secrets(const struct coco_platform *plat, void *page,
			 u16 start_idx, struct coco_uv_secret_list_hdr *hdr,
			 struct coco_uv_status *st);
void coco_uv_secret_entry_read(const void *page, unsigned int i,
			       struct coco_uv_secret_entry *entry);
int coco_uv_find_secret(const struct coco_platform *plat, const u8 *id,
			void *page, struct coco_uv_secret_entry *entry,
			struct coco_uv_status *st);
int coco_uv_retrieve_secret(const struct coco_platform *plat, u16 index,
			    void *buf, u32 buf_size, struct coco_uv_status *st);

#endif /* _COCO_S390_UV_H */

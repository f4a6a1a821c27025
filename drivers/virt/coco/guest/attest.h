/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Evidence requests of coco_guest, shared by /dev/coco-guest (coco_dev.c)
 * and the configfs-tsm provider (tsm.c).  SNP (attest_snp.c) on x86_64,
 * the Ultravisor (attest_uv.c) on s390x; the other architecture's calls
 * are stubs that answer -EOPNOTSUPP.
 */
#ifndef _COCO_GUEST_ATTEST_H
#define _COCO_GUEST_ATTEST_H

#include <linux/errno.h>
#include <linux/kconfig.h>
#include <linux/types.h>

struct coco_guest;

#define COCO_ATTEST_SNP_REPORT_LEN	0x4a0
#define COCO_ATTEST_SNP_DATA_LEN	64
#define COCO_ATTEST_SNP_KEY_LEN		32
/* The largest certificate buffer asked of the hypervisor (the channel's). */
#define COCO_ATTEST_SNP_CERTS_MAX	(64 * 4096)
#define COCO_ATTEST_SNP_CERT_ENTRY_LEN	24

/**
 * struct coco_attest_snp_key - a derived-key request (MSG_KEY_REQ fields)
 * @root_key_select: 0 VCEK, 1 VMRK
 * @vmpl: VMPL mixed in
 * @guest_field_select: guest fields mixed in
 * @guest_svn: SVN mixed in
 * @tcb_version: TCB version mixed in
 */
struct coco_attest_snp_key {
	u32 root_key_select;
	u32 vmpl;
	u64 guest_field_select;
	u32 guest_svn;
	u64 tcb_version;
};

/**
 * struct coco_attest_uv - one s390 attestation measurement request
 * @arcb: the ARCB (kernel memory)
 * @arcb_len: its size
 * @user_data: user data bound into the measurement
 * @user_data_len: bytes of @user_data used (at most 256)
 * @meas: receives the measurement (kernel memory)
 * @meas_len: its size
 * @add: receives the additional data, NULL for none
 * @add_len: its size
 * @config_uid: receives the configuration unique ID
 */
struct coco_attest_uv {
	const void *arcb;
	u32 arcb_len;
	const u8 *user_data;
	u32 user_data_len;
	void *meas;
	u32 meas_len;
	void *add;
	u32 add_len;
	u8 config_uid[16];
};

#if IS_ENABLED(CONFIG_X86)
bool coco_attest_snp_available(struct coco_guest *guest);
int coco_attest_snp_report(const u8 *data, u32 data_len, u32 vmpl,
			   u8 *report, u8 *certs, u32 *certs_len, u32 *status,
			   u64 *fw_error);
int coco_attest_snp_key(const struct coco_attest_snp_key *req, u8 *key,
			u32 *status, u64 *fw_error);
int coco_attest_snp_certs_used(const u8 *certs, u32 len, u32 *used);
#else
static inline bool coco_attest_snp_available(struct coco_guest *guest)
{
	return false;
}

static inline int coco_attest_snp_report(const u8 *data, u32 data_len,
					 u32 vmpl, u8 *report, u8 *certs,
					 u32 *certs_len, u32 *status,
					 u64 *fw_error)
{
	return -EOPNOTSUPP;
}

static inline int coco_attest_snp_key(const struct coco_attest_snp_key *req,
				      u8 *key, u32 *status, u64 *fw_error)
{
	return -EOPNOTSUPP;
}
#endif

#if IS_ENABLED(CONFIG_S390)
bool coco_attest_uv_available(struct coco_guest *guest);
bool coco_attest_uv_secrets_available(struct coco_guest *guest);
int coco_attest_uv_measure(struct coco_guest *guest,
			   struct coco_attest_uv *req, u64 *fw_error);
int coco_attest_uv_stage_arcb(const void __user *arcb, u32 arcb_len,
			      u32 meas_len, u32 add_len);
int coco_attest_uv_blob(struct coco_guest *guest, const u8 *user_data,
			u32 user_data_len, u8 **blob, size_t *blob_len);
void coco_attest_uv_exit(void);
#else
static inline bool coco_attest_uv_available(struct coco_guest *guest)
{
	return false;
}

static inline bool coco_attest_uv_secrets_available(struct coco_guest *guest)
{
	return false;
}

static inline int coco_attest_uv_measure(struct coco_guest *guest,
					 struct coco_attest_uv *req,
					 u64 *fw_error)
{
	return -EOPNOTSUPP;
}

static inline int coco_attest_uv_stage_arcb(const void __user *arcb,
					    u32 arcb_len, u32 meas_len,
					    u32 add_len)
{
	return -EOPNOTSUPP;
}

static inline int coco_attest_uv_blob(struct coco_guest *guest,
				      const u8 *user_data, u32 user_data_len,
				      u8 **blob, size_t *blob_len)
{
	return -EOPNOTSUPP;
}

static inline void coco_attest_uv_exit(void)
{
}
#endif

#if IS_ENABLED(CONFIG_TSM_REPORTS)
int coco_guest_tsm_init(struct coco_guest *guest);
void coco_guest_tsm_exit(void);
#else
static inline int coco_guest_tsm_init(struct coco_guest *guest)
{
	return 0;
}

static inline void coco_guest_tsm_exit(void)
{
}
#endif

int coco_guest_dev_init(struct coco_guest *guest);
void coco_guest_dev_exit(void);

#endif /* _COCO_GUEST_ATTEST_H */

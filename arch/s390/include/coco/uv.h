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

/* Installed-calls bits (MSB0 over the 256-bit list). */
#define UV_BIT_QUI			0
#define UV_BIT_INIT_UV			1
#define UV_BIT_SET_SHARED_ACCESS	8
#define UV_BIT_REMOVE_SHARED_ACCESS	9

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
#define UV_QUI_OFF_MAX_GUEST_CPU_ID	0x09e
#define UV_QUI_OFF_FEATURES		0x0a0
#define UV_QUI_OFF_SUPP_ATT_REQ_VER	0x0e0
#define UV_QUI_OFF_SUPP_ATT_PFLAGS	0x0e8
#define UV_QUI_OFF_SUPP_SECRET_TYPES	0x108
#define UV_QUI_OFF_MAX_ASSOC_SECRETS	0x110
#define UV_QUI_OFF_MAX_RETR_SECRETS	0x112

/**
 * struct coco_uv_query - the part of the UV query the guest uses
 * @inst_calls: installed UV calls, MSB0 bitmap
 * @feature_indications: MSB0 feature bits
 * @max_guest_cpu_id: highest CPU id of the configuration
 * @supp_att_req_hdr_ver: supported attestation request versions
 * @supp_att_pflags: supported attestation plaintext flags
 * @supp_secret_types: supported secret types
 * @max_assoc_secrets: associated secrets the store may hold
 * @max_retr_secrets: retrievable secrets the store may hold
 * @len_valid: how many bytes of the control block the UV filled
 */
struct coco_uv_query {
	u64 inst_calls[4];
	u64 feature_indications;
	u16 max_guest_cpu_id;
	u64 supp_att_req_hdr_ver;
	u64 supp_att_pflags;
	u64 supp_secret_types;
	u16 max_assoc_secrets;
	u16 max_retr_secrets;
	u16 len_valid;
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

bool coco_s390_has_facility(const struct coco_platform *plat,
			    unsigned int nr);
int coco_uv_call(const struct coco_platform *plat, u8 *uvcb);
int coco_uv_query(const struct coco_platform *plat,
		  struct coco_uv_query *query);
int coco_uv_detect(const struct coco_platform *plat,
		   struct coco_detection *det);

#endif /* _COCO_S390_UV_H */

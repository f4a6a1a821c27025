// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ultravisor calls for a protected guest: the call primitive with its
 * condition-code rule, the query, and detection.  Control blocks are
 * big-endian byte images so the same code is exact on any host.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/byteimg.h>
#include <coco/uv.h>

/**
 * coco_s390_has_facility() - test one STFLE facility bit
 * @plat: the platform seam
 * @nr: facility number (MSB0)
 *
 * Return: true when the facility is installed.
 */
bool coco_s390_has_facility(const struct coco_platform *plat, unsigned int nr)
{
	u64 fac[S390_FACILITY_DWORDS] = { 0 };

	if (nr >= S390_FACILITY_DWORDS * 64)
		return false;
	plat->stfle(plat, fac, S390_FACILITY_DWORDS);
	return (fac[nr / 64] >> (63 - nr % 64)) & 1;
}

/**
 * coco_uv_call() - issue a UV call until it is no longer busy or partial
 * @plat: the platform seam
 * @uvcb: the control block, header filled in by the caller
 *
 * Condition codes 2 and 3 mean the UV did not finish: the same call is
 * reissued on the same control block.  The caller must have checked facility
 * 158 first.
 *
 * Return: the final condition code, UVC_CC_OK or UVC_CC_ERROR.
 */
int coco_uv_call(const struct coco_platform *plat, u8 *uvcb)
{
	int cc;

	do {
		cc = plat->uvc(plat, uvcb);
	} while (cc == UVC_CC_BUSY || cc == UVC_CC_PARTIAL);
	return cc;
}

/**
 * coco_uv_query() - Query Ultravisor Information
 * @plat: the platform seam
 * @query: filled from the UV's answer
 *
 * A "more data" answer is a success: the fields up to our length are valid.
 *
 * Return: 0, or -EIO with the UV's rc in the log of the caller when the
 * query was refused.
 */
int coco_uv_query(const struct coco_platform *plat,
		  struct coco_uv_query *query)
{
	u8 cb[UV_QUI_LEN] __aligned(8) = { 0 };
	unsigned int i;
	int cc;
	u16 rc;

	coco_put_be16(cb + UVCB_OFF_LEN, UV_QUI_LEN);
	coco_put_be16(cb + UVCB_OFF_CMD, UVC_CMD_QUI);
	cc = coco_uv_call(plat, cb);
	rc = coco_get_be16(cb + UVCB_OFF_RC);
	if (cc != UVC_CC_OK && rc != UVC_RC_MORE_DATA)
		return -EIO;

	for (i = 0; i < 4; i++)
		query->inst_calls[i] =
			coco_get_be64(cb + UV_QUI_OFF_INST_CALLS + 8 * i);
	query->max_guest_cpu_id =
		coco_get_be16(cb + UV_QUI_OFF_MAX_GUEST_CPU_ID);
	query->feature_indications = coco_get_be64(cb + UV_QUI_OFF_FEATURES);
	query->supp_att_req_hdr_ver =
		coco_get_be64(cb + UV_QUI_OFF_SUPP_ATT_REQ_VER);
	query->supp_att_pflags = coco_get_be64(cb + UV_QUI_OFF_SUPP_ATT_PFLAGS);
	query->supp_secret_types =
		coco_get_be64(cb + UV_QUI_OFF_SUPP_SECRET_TYPES);
	query->max_assoc_secrets =
		coco_get_be16(cb + UV_QUI_OFF_MAX_ASSOC_SECRETS);
	query->max_retr_secrets =
		coco_get_be16(cb + UV_QUI_OFF_MAX_RETR_SECRETS);
	query->len_valid = UV_QUI_LEN;
	return 0;
}

/**
 * coco_uv_detect() - find out whether this is a protected guest
 * @plat: the platform seam
 * @det: filled with the platform kind, attributes and installed calls
 *
 * No UV call is issued unless facility 158 is installed.  The guest is
 * protected when both share calls are installed.
 *
 * Return: 0 (with COCO_PLATFORM_NONE or COCO_PLATFORM_S390_PV), or -EIO when
 * facility 158 is installed but the UV refused the query.
 */
int coco_uv_detect(const struct coco_platform *plat,
		   struct coco_detection *det)
{
	struct coco_uv_query query;
	unsigned int i;
	int ret;

	det->kind = COCO_PLATFORM_NONE;
	det->attrs = 0;
	det->sev_status = 0;
	det->cbit = 0;
	det->phys_bits_reduction = 0;
	for (i = 0; i < 4; i++)
		det->uv_calls[i] = 0;

	if (!coco_s390_has_facility(plat, S390_FACILITY_UV_CALL))
		return 0;

	ret = coco_uv_query(plat, &query);
	if (ret)
		return ret;

	for (i = 0; i < 4; i++)
		det->uv_calls[i] = query.inst_calls[i];
	if (!coco_uv_call_installed(query.inst_calls,
				    UV_BIT_SET_SHARED_ACCESS) ||
	    !coco_uv_call_installed(query.inst_calls,
				    UV_BIT_REMOVE_SHARED_ACCESS))
		return 0;

	det->kind = COCO_PLATFORM_S390_PV;
	det->attrs = COCO_ATTR_MEM_ENCRYPT | COCO_ATTR_RESTRICTED_VIRTIO |
		     COCO_ATTR_ULTRAVISOR;
	return 0;
}

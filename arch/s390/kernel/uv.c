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
 * coco_uv_status_read() - read the result of a finished UV call
 * @uvcb: the control block the UV answered in
 * @cc: the final condition code of the call
 * @st: receives @cc and the header's rc and rrc
 *
 * Return: 0 when the UV executed the call (rc 0x0001), -EIO otherwise; the
 * caller decides what other rc values mean for its command.
 */
int coco_uv_status_read(const u8 *uvcb, int cc, struct coco_uv_status *st)
{
	st->cc = cc;
	st->rc = coco_get_be16(uvcb + UVCB_OFF_RC);
	st->rrc = coco_get_be16(uvcb + UVCB_OFF_RRC);
	return cc == UVC_CC_OK && st->rc == UVC_RC_EXECUTED ? 0 : -EIO;
}

/**
 * coco_uv_call_status() - issue a UV call and read back its result
 * @plat: the platform seam
 * @uvcb: the control block, header filled in by the caller
 * @st: the final condition code and the header's rc and rrc
 *
 * Return: as coco_uv_status_read().
 */
int coco_uv_call_status(const struct coco_platform *plat, u8 *uvcb,
			struct coco_uv_status *st)
{
	return coco_uv_status_read(uvcb, coco_uv_call(plat, uvcb), st);
}

/**
 * coco_uv_query() - Query Ultravisor Information
 * @plat: the platform seam
 * @query: filled from the UV's answer
 *
 * A "more data" answer is a success: the fields up to our length are valid.
 *
 * Return: 0, or -EIO when the UV refused the query.
 */
int coco_uv_query(const struct coco_platform *plat,
		  struct coco_uv_query *query)
{
	u8 cb[UV_QUI_LEN] __aligned(8) = { 0 };
	struct coco_uv_status st;
	unsigned int i;

	coco_put_be16(cb + UVCB_OFF_LEN, UV_QUI_LEN);
	coco_put_be16(cb + UVCB_OFF_CMD, UVC_CMD_QUI);
	if (coco_uv_call_status(plat, cb, &st) && st.rc != UVC_RC_MORE_DATA)
		return -EIO;

	for (i = 0; i < 4; i++)
		query->inst_calls[i] =
			coco_get_be64(cb + UV_QUI_OFF_INST_CALLS + 8 * i);
	query->cpu_stor_len = coco_get_be64(cb + UV_QUI_OFF_CPU_STOR_LEN);
	query->max_num_sec_conf = coco_get_be32(cb + UV_QUI_OFF_MAX_NUM_SEC_CONF);
	query->max_guest_stor_addr =
		coco_get_be64(cb + UV_QUI_OFF_MAX_GUEST_STOR_ADDR);
	query->max_guest_cpu_id =
		coco_get_be16(cb + UV_QUI_OFF_MAX_GUEST_CPU_ID);
	query->feature_indications = coco_get_be64(cb + UV_QUI_OFF_FEATURES);
	query->supp_se_hdr_ver = coco_get_be64(cb + UV_QUI_OFF_SUPP_SE_HDR_VER);
	query->supp_se_hdr_pcf = coco_get_be64(cb + UV_QUI_OFF_SUPP_SE_HDR_PCF);
	query->dump_stor_state_len =
		coco_get_be64(cb + UV_QUI_OFF_DUMP_STOR_STATE_LEN);
	query->dump_finalize_len =
		coco_get_be64(cb + UV_QUI_OFF_DUMP_FINALIZE_LEN);
	query->supp_att_req_hdr_ver =
		coco_get_be64(cb + UV_QUI_OFF_SUPP_ATT_REQ_VER);
	query->supp_att_pflags = coco_get_be64(cb + UV_QUI_OFF_SUPP_ATT_PFLAGS);
	query->supp_add_secret_ver =
		coco_get_be64(cb + UV_QUI_OFF_SUPP_ADD_SECRET_VER);
	query->supp_add_secret_pcf =
		coco_get_be64(cb + UV_QUI_OFF_SUPP_ADD_SECRET_PCF);
	query->supp_secret_types =
		coco_get_be64(cb + UV_QUI_OFF_SUPP_SECRET_TYPES);
	query->max_assoc_secrets =
		coco_get_be16(cb + UV_QUI_OFF_MAX_ASSOC_SECRETS);
	query->max_retr_secrets =
		coco_get_be16(cb + UV_QUI_OFF_MAX_RETR_SECRETS);
	return 0;
}

/**
 * coco_uv_detect() - find out whether this is a protected guest
 * @plat: the platform seam
 * @det: filled with the platform kind, attributes and installed calls
 * @query: when not NULL, receives the whole query (zeroed without UV)
 *
 * No UV call is issued unless facility 158 is installed.  The guest is
 * protected when both share calls are installed.
 *
 * Return: 0 (with COCO_PLATFORM_NONE or COCO_PLATFORM_S390_PV), or -EIO when
 * facility 158 is installed but the UV refused the query.
 */
int coco_uv_detect(const struct coco_platform *plat,
		   struct coco_detection *det, struct coco_uv_query *query)
{
	struct coco_uv_query q = { 0 };
	unsigned int i;
	int ret;

	det->kind = COCO_PLATFORM_NONE;
	det->attrs = 0;
	det->sev_status = 0;
	det->cbit = 0;
	det->phys_bits_reduction = 0;
	for (i = 0; i < 4; i++)
		det->uv_calls[i] = 0;

	if (query)
		*query = q;
	if (!coco_s390_has_facility(plat, S390_FACILITY_UV_CALL))
		return 0;

	ret = coco_uv_query(plat, &q);
	if (ret)
		return ret;
	if (query)
		*query = q;

	for (i = 0; i < 4; i++)
		det->uv_calls[i] = q.inst_calls[i];
	if (!coco_uv_call_installed(q.inst_calls, UV_BIT_SET_SHARED_ACCESS) ||
	    !coco_uv_call_installed(q.inst_calls, UV_BIT_REMOVE_SHARED_ACCESS))
		return 0;

	det->kind = COCO_PLATFORM_S390_PV;
	det->attrs = COCO_ATTR_MEM_ENCRYPT | COCO_ATTR_RESTRICTED_VIRTIO |
		     COCO_ATTR_ULTRAVISOR;
	return 0;
}

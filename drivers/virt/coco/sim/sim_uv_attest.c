// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ultravisor model: Retrieve Attestation Measurement.  The model checks the
 * control block and the addresses in the order of the architecture's rc
 * codes; unsealing the request and computing the HMAC is cryptography and
 * belongs to the firmware hooks.
 */
#include <linux/types.h>
#include <coco/byteimg.h>
#include <coco/uv.h>
#include "coco_sim.h"
#include "sim_uv.h"

/**
 * sim_uv_attest() - Retrieve Attestation Measurement
 * @s: the model
 * @cb: the control block
 * @len: its header length
 *
 * Return: the condition code.
 */
int sim_uv_attest(struct coco_sim_s390 *s, u8 *cb, u16 len)
{
	u64 arcb, meas, add;
	u32 meas_len, add_len, arcb_len;
	u16 user_len, rc;
	unsigned int i;

	if (len != UV_ATTEST_LEN)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_INV_LEN);
	if (coco_get_be64(cb + UV_ATTEST_OFF_CONT_TOKEN))
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_ATT_INV_CONT_TOKEN);
	user_len = coco_get_be16(cb + UV_ATTEST_OFF_USER_DATA_LEN);
	if (user_len > UV_ATTEST_USER_DATA_MAX)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_ATT_USER_DATA_LEN);

	arcb = coco_get_be64(cb + UV_ATTEST_OFF_ARCB_ADDR);
	if (!sim_uv_mem_ok(s, arcb, UV_REQ_HDR_LEN))
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_ATT_ARCB_ACCESS);
	arcb_len = coco_get_be32((u8 *)sim_uv_ptr(arcb) + UV_REQ_HDR_OFF_LEN);
	if (!sim_uv_mem_ok(s, arcb, arcb_len))
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_ATT_ARCB_ACCESS);

	meas_len = coco_get_be32(cb + UV_ATTEST_OFF_MEAS_LEN);
	meas = coco_get_be64(cb + UV_ATTEST_OFF_MEAS_ADDR);
	if (!sim_uv_mem_ok(s, meas, meas_len))
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_ATT_MEAS_ACCESS);
	add_len = coco_get_be32(cb + UV_ATTEST_OFF_ADD_DATA_LEN);
	add = coco_get_be64(cb + UV_ATTEST_OFF_ADD_DATA_ADDR);
	if (add_len && !sim_uv_mem_ok(s, add, add_len))
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_ATT_ADD_ACCESS);

	for (i = 0; i < UV_ATTEST_CUID_LEN; i++)
		cb[UV_ATTEST_OFF_CONFIG_UID + i] = s->config_uid[i];
	if (!s->fw || !s->fw->attest)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_ATT_UNSEAL);

	rc = s->fw->attest(s->fw->ctx, sim_uv_ptr(arcb),
			   cb + UV_ATTEST_OFF_USER_DATA, user_len, s->config_uid,
			   sim_uv_ptr(meas), meas_len,
			   add_len ? sim_uv_ptr(add) : NULL, add_len);
	if (rc == COCO_SIM_UV_RC_PENDING)
		return UVC_CC_BUSY;
	return sim_uv_result(cb, rc == UVC_RC_EXECUTED ? UVC_CC_OK :
			     UVC_CC_ERROR, rc);
}

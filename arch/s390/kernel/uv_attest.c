// SPDX-License-Identifier: GPL-2.0-only
/*
 * Retrieve Attestation Measurement: the UV measures this configuration with
 * the key sealed in the caller's ARCB.  The guest only checks what it hands
 * over (buffer sizes) and passes the UV's rc/rrc through: the request itself
 * is opaque to it and judged by the UV.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/byteimg.h>
#include <coco/uv.h>

/**
 * coco_uv_attest() - retrieve an attestation measurement
 * @plat: the platform seam
 * @req: the request; @req->config_uid is filled on return
 * @st: the UV's answer
 *
 * Return: 0 when the UV executed the call, -EINVAL for a request whose
 * buffers are missing or out of bounds, or whose ARCB claims more bytes
 * than @req->arcb_len (no call is made), -EIO when the UV refused it (@st
 * has its rc and rrc), -EINTR when killed while the UV was busy.
 */
int coco_uv_attest(const struct coco_platform *plat,
		   struct coco_uv_attest *req, struct coco_uv_status *st)
{
	u8 cb[UV_ATTEST_LEN] __aligned(8) = { 0 };
	unsigned int i;
	int ret;

	if (!coco_uv_req_fits(req->arcb, req->arcb_len) ||
	    req->arcb_len > UV_ATTEST_ARCB_MAX ||
	    !req->meas || !req->meas_len ||
	    req->meas_len > UV_ATTEST_MEAS_MAX ||
	    req->user_data_len > UV_ATTEST_USER_DATA_MAX ||
	    req->add_data_len > UV_ATTEST_ADD_MAX ||
	    !req->add_data != !req->add_data_len)
		return -EINVAL;

	coco_put_be16(cb + UVCB_OFF_LEN, UV_ATTEST_LEN);
	coco_put_be16(cb + UVCB_OFF_CMD, UVC_CMD_RETR_ATTEST);
	coco_put_be64(cb + UV_ATTEST_OFF_ARCB_ADDR, coco_uv_addr(req->arcb));
	coco_put_be16(cb + UV_ATTEST_OFF_USER_DATA_LEN, req->user_data_len);
	for (i = 0; i < req->user_data_len; i++)
		cb[UV_ATTEST_OFF_USER_DATA + i] = req->user_data[i];
	coco_put_be32(cb + UV_ATTEST_OFF_MEAS_LEN, req->meas_len);
	coco_put_be64(cb + UV_ATTEST_OFF_MEAS_ADDR, coco_uv_addr(req->meas));
	coco_put_be32(cb + UV_ATTEST_OFF_ADD_DATA_LEN, req->add_data_len);
	coco_put_be64(cb + UV_ATTEST_OFF_ADD_DATA_ADDR, coco_uv_addr(req->add_data));

	ret = coco_uv_call_sched(plat, cb, st);
	for (i = 0; i < UV_ATTEST_CUID_LEN; i++)
		req->config_uid[i] = cb[UV_ATTEST_OFF_CONFIG_UID + i];
	return ret;
}

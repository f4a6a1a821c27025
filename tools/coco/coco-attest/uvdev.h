/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * coco-attest: Retrieve Attestation Measurement through /dev/uv, the
 * upstream uvdevice ABI (spec/s390-pv.md section 5, asm/uvdevice.h):
 * UVIO_IOCTL_ATT = _IOWR('u', 1, struct uvio_ioctl_cb) = 0xc0407501 with a
 * struct uvio_attest argument.  The layouts are declared here so that the
 * tool builds on any host; they are native-endian, as the ioctl is.
 */
#ifndef COCO_ATTEST_UVDEV_H
#define COCO_ATTEST_UVDEV_H

#include <stddef.h>
#include <stdint.h>

#define UVIO_DEVICE_DEFAULT		"/dev/uv"
#define UVIO_ATT_ARCB_MAX_LEN		0x100000U
#define UVIO_ATT_MEASUREMENT_MAX_LEN	0x8000U
#define UVIO_ATT_ADDITIONAL_MAX_LEN	0x8000U
#define UVIO_ATT_USER_DATA_LEN		0x100
#define UVIO_ATT_UID_LEN		0x10
#define UVIO_NR_UVDEV_INFO		0
#define UVIO_NR_ATT			1

/**
 * struct uvdev_attest_call - one attestation through the device
 * @arcb: the request
 * @arcb_len: its length
 * @user_data: user data
 * @user_data_len: its length (0..256)
 * @meas: measurement buffer
 * @meas_len: its size
 * @add_data: additional-data buffer, NULL when @add_data_len is 0
 * @add_data_len: its size
 * @cuid: receives the configuration unique ID
 * @uv_rc: receives the UV's rc
 * @uv_rrc: receives the UV's rrc
 */
struct uvdev_attest_call {
	const uint8_t *arcb;
	uint32_t arcb_len;
	const uint8_t *user_data;
	uint16_t user_data_len;
	uint8_t *meas;
	uint32_t meas_len;
	uint8_t *add_data;
	uint32_t add_data_len;
	uint8_t cuid[UVIO_ATT_UID_LEN];
	uint16_t uv_rc;
	uint16_t uv_rrc;
};

int uvdev_attest(const char *path, struct uvdev_attest_call *call,
		 char *err, size_t errlen);

#endif /* COCO_ATTEST_UVDEV_H */

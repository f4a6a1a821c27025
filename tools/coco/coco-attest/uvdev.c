// SPDX-License-Identifier: GPL-2.0-only
/* coco-attest: Retrieve Attestation Measurement through /dev/uv. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "uvdev.h"

/* struct uvio_ioctl_cb: 0x40 bytes. */
struct uvio_ioctl_cb {
	uint32_t flags;
	uint16_t uv_rc;
	uint16_t uv_rrc;
	uint64_t argument_addr;
	uint32_t argument_len;
	uint8_t reserved14[0x40 - 0x14];
} __attribute__((packed));

/* struct uvio_attest: 0x138 bytes. */
struct uvio_attest {
	uint64_t arcb_addr;
	uint64_t meas_addr;
	uint64_t add_data_addr;
	uint8_t user_data[UVIO_ATT_USER_DATA_LEN];
	uint8_t config_uid[UVIO_ATT_UID_LEN];
	uint32_t arcb_len;
	uint32_t meas_len;
	uint32_t add_data_len;
	uint16_t user_data_len;
	uint16_t reserved136;
} __attribute__((packed));

/* struct uvio_uvdev_info: 16 bytes. */
struct uvio_uvdev_info {
	uint64_t supp_uvio_cmds;
	uint64_t supp_uv_cmds;
};

#define UVIO_TYPE		'u'
#define UVIO_IOCTL(nr)		_IOWR(UVIO_TYPE, nr, struct uvio_ioctl_cb)
#define UVIO_IOCTL_UVDEV_INFO	UVIO_IOCTL(UVIO_NR_UVDEV_INFO)
#define UVIO_IOCTL_ATT		UVIO_IOCTL(UVIO_NR_ATT)
#define UVIO_SUPP_CALL(nr)	(1ULL << (nr))

_Static_assert(sizeof(struct uvio_ioctl_cb) == 0x40, "uvio_ioctl_cb");
_Static_assert(sizeof(struct uvio_attest) == 0x138, "uvio_attest");
_Static_assert(offsetof(struct uvio_attest, config_uid) == 0x118,
	       "uvio_attest.config_uid");
_Static_assert(offsetof(struct uvio_attest, user_data_len) == 0x134,
	       "uvio_attest.user_data_len");
_Static_assert((unsigned int)UVIO_IOCTL_ATT == 0xc0407501U, "ATT ioctl");
_Static_assert((unsigned int)UVIO_IOCTL_UVDEV_INFO == 0xc0407500U,
	       "UVDEV_INFO ioctl");

/* A device that says it has no attestation; -1 when it says so. */
static int check_info(int fd, char *err, size_t errlen)
{
	struct uvio_uvdev_info info = { 0 };
	struct uvio_ioctl_cb cb = { 0 };
	uint64_t both;

	cb.argument_addr = (uintptr_t)&info;
	cb.argument_len = sizeof(info);
	if (ioctl(fd, UVIO_IOCTL_UVDEV_INFO, &cb))
		return 0;	/* older devices have no info call */
	both = info.supp_uvio_cmds & info.supp_uv_cmds;
	if (!(both & UVIO_SUPP_CALL(UVIO_NR_ATT))) {
		snprintf(err, errlen,
			 "attestation not available (uvio 0x%llx, uv 0x%llx)",
			 (unsigned long long)info.supp_uvio_cmds,
			 (unsigned long long)info.supp_uv_cmds);
		return -1;
	}
	return 0;
}

/**
 * uvdev_attest() - UVIO_IOCTL_ATT
 * @path: the device
 * @call: in: request and buffers; out: CUID, rc, rrc and the buffers
 * @err: message on failure
 * @errlen: size of @err
 *
 * Return: 0 when the UV was called (its verdict is in @call->uv_rc), -1
 * when the device refused or failed (@err says why).
 */
int uvdev_attest(const char *path, struct uvdev_attest_call *call,
		 char *err, size_t errlen)
{
	struct uvio_ioctl_cb cb = { 0 };
	struct uvio_attest att = { 0 };
	int fd, ret = -1;

	if (call->user_data_len > UVIO_ATT_USER_DATA_LEN) {
		snprintf(err, errlen, "user data longer than %u bytes",
			 UVIO_ATT_USER_DATA_LEN);
		return -1;
	}
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path,
			 strerror(errno));
		return -1;
	}
	if (check_info(fd, err, errlen))
		goto out;

	att.arcb_addr = (uintptr_t)call->arcb;
	att.arcb_len = call->arcb_len;
	att.meas_addr = (uintptr_t)call->meas;
	att.meas_len = call->meas_len;
	att.add_data_addr = (uintptr_t)call->add_data;
	att.add_data_len = call->add_data_len;
	if (call->user_data_len)
		memcpy(att.user_data, call->user_data, call->user_data_len);
	att.user_data_len = call->user_data_len;
	cb.argument_addr = (uintptr_t)&att;
	cb.argument_len = sizeof(att);
	if (ioctl(fd, UVIO_IOCTL_ATT, &cb)) {
		snprintf(err, errlen, "%s: UVIO_IOCTL_ATT: %s", path,
			 strerror(errno));
		goto out;
	}
	memcpy(call->cuid, att.config_uid, sizeof(call->cuid));
	call->uv_rc = cb.uv_rc;
	call->uv_rrc = cb.uv_rrc;
	ret = 0;
out:
	close(fd);
	return ret;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest s390x attestation end to end: the ARCB the host built for the
 * simulated Ultravisor's host key (tools/coco/simfw/uv-arcb, in
 * /coco/uv-arcb/) goes through /dev/uv, the UV model and coco_sim's relay
 * to the firmware daemon, whose measurement comes back; before it, the
 * host's add-secret request (the store hash in the additional data then
 * covers the secret).  Prints the measurement as
 * "COCO-UV-ATTEST: CUID USER MEAS ADD" (hex) for the host, which verifies
 * it with the measurement key only it knows (scripts/qemu/guest-test.sh).
 * Requests for another machine's host key must be refused.  Must run
 * before anything locks the secret store.  Skips without
 * /dev/uv or without the host's ARCBs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <asm/uvdevice.h>

#include "coco_tap.h"

#define DIR_OK		"/coco/uv-arcb/"
#define DIR_OTHER	"/coco/uv-arcb-other/"
#define MEAS_LEN	64
#define ADD_MAX		1024
#define RC_EXECUTED	0x0001
#define PLAN		8

/* Debian's 6.1 uapi header defines the attestation ioctl only. */
#ifndef UVIO_IOCTL_ADD_SECRET
#define UVIO_IOCTL_ADD_SECRET	_IOWR(UVIO_TYPE_UVC, 0x02, struct uvio_ioctl_cb)
#endif

static const char user_a[] = "coco-guest: user data bound into the measurement";
static const char user_b[] = "coco-guest: other user data";

static size_t read_file(const char *path, void *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return 0;
	n = read(fd, buf, cap);
	close(fd);
	return n > 0 ? (size_t)n : 0;
}

/* One attestation; returns the UV rc (0 when the ioctl itself failed). */
static unsigned int attest(int fd, const void *arcb, size_t arcb_len,
			   const char *user, uint8_t *meas, uint8_t *add,
			   uint32_t add_len, uint8_t *cuid)
{
	struct uvio_ioctl_cb cb;
	struct uvio_attest a;

	memset(&a, 0, sizeof(a));
	a.arcb_addr = (uintptr_t)arcb;
	a.arcb_len = arcb_len;
	a.meas_addr = (uintptr_t)meas;
	a.meas_len = MEAS_LEN;
	a.add_data_addr = (uintptr_t)add;
	a.add_data_len = add_len;
	a.user_data_len = strlen(user);
	memcpy(a.user_data, user, a.user_data_len);
	memset(&cb, 0, sizeof(cb));
	cb.argument_addr = (uintptr_t)&a;
	cb.argument_len = sizeof(a);
	memset(meas, 0, MEAS_LEN);
	if (ioctl(fd, UVIO_IOCTL_ATT, &cb)) {
		tap_diag("UVIO_IOCTL_ATT: errno %d", errno);
		return 0;
	}
	memcpy(cuid, a.config_uid, sizeof(a.config_uid));
	return cb.uv_rc;
}

/* One Add Secret; returns the UV rc (0 when the ioctl itself failed). */
static unsigned int add_secret(int fd, const void *asrcb, size_t len)
{
	struct uvio_ioctl_cb cb;

	memset(&cb, 0, sizeof(cb));
	cb.argument_addr = (uintptr_t)asrcb;
	cb.argument_len = len;
	if (ioctl(fd, UVIO_IOCTL_ADD_SECRET, &cb)) {
		tap_diag("UVIO_IOCTL_ADD_SECRET: errno %d", errno);
		return 0;
	}
	return cb.uv_rc;
}

static void hex(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf("%02x", p[i]);
}

static bool zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

int main(void)
{
	static uint8_t arcb[8192], other[8192], add[ADD_MAX], add2[ADD_MAX];
	static uint8_t asrcb[8192], other_asrcb[8192];
	size_t asrcb_len, other_asrcb_len;
	uint8_t meas[MEAS_LEN], meas2[MEAS_LEN], meas3[MEAS_LEN];
	uint8_t cuid[16], cuid2[16];
	size_t arcb_len, other_len;
	unsigned int rc, rc2, rc3, rc4;
	char num[16] = "";
	uint32_t add_len;
	int fd;

	fd = open("/dev/uv", O_RDWR);
	if (fd < 0)
		tap_exit_skip_all("no /dev/uv");
	arcb_len = read_file(DIR_OK "arcb.bin", arcb, sizeof(arcb));
	other_len = read_file(DIR_OTHER "arcb.bin", other, sizeof(other));
	asrcb_len = read_file(DIR_OK "asrcb.bin", asrcb, sizeof(asrcb));
	other_asrcb_len = read_file(DIR_OTHER "asrcb.bin", other_asrcb,
				    sizeof(other_asrcb));
	read_file(DIR_OK "add_len", num, sizeof(num) - 1);
	add_len = strtoul(num, NULL, 10);
	if (!arcb_len || !other_len || !asrcb_len || !other_asrcb_len ||
	    !add_len || add_len > ADD_MAX)
		tap_exit_skip_all("no requests from the host in /coco/uv-arcb*");

	tap_header(PLAN);
	rc = add_secret(fd, other_asrcb, other_asrcb_len);
	tap_diag("add-secret request for another host key: rc 0x%04x", rc);
	tap_result(rc && rc != RC_EXECUTED,
		   "an add-secret request for another machine's host key is refused");
	rc = add_secret(fd, asrcb, asrcb_len);
	tap_diag("add-secret request of %zu bytes: rc 0x%04x", asrcb_len, rc);
	tap_result(rc == RC_EXECUTED, "the host's add-secret request: rc 0x0001");
	rc = attest(fd, arcb, arcb_len, user_a, meas, add, add_len, cuid);
	tap_diag("ARCB of %zu bytes: rc 0x%04x", arcb_len, rc);
	tap_result(rc == RC_EXECUTED && !zero(meas, MEAS_LEN),
		   "attestation with the host's ARCB: rc 0x0001, a measurement");
	if (rc == RC_EXECUTED) {
		printf("COCO-UV-ATTEST: ");
		hex(cuid, sizeof(cuid));
		printf(" ");
		hex((const uint8_t *)user_a, strlen(user_a));
		printf(" ");
		hex(meas, MEAS_LEN);
		printf(" ");
		hex(add, add_len);
		printf("\n");
	}
	tap_result(!zero(cuid, sizeof(cuid)), "the configuration's CUID comes back");
	tap_result(!zero(add, add_len), "additional data written");

	rc2 = attest(fd, arcb, arcb_len, user_a, meas2, add2, add_len, cuid2);
	tap_result(rc2 == RC_EXECUTED && !memcmp(meas, meas2, MEAS_LEN) &&
		   !memcmp(add, add2, add_len) && !memcmp(cuid, cuid2, 16),
		   "the same request again: the same measurement");
	rc3 = attest(fd, arcb, arcb_len, user_b, meas3, add2, add_len, cuid2);
	tap_result(rc3 == RC_EXECUTED && memcmp(meas, meas3, MEAS_LEN),
		   "other user data: another measurement");
	rc4 = attest(fd, other, other_len, user_a, meas3, add2, add_len, cuid2);
	tap_diag("ARCB for another host key: rc 0x%04x", rc4);
	tap_result(rc4 && rc4 != RC_EXECUTED && zero(meas3, MEAS_LEN),
		   "an ARCB for another machine's host key is refused, nothing measured");
	close(fd);
	return tap_finish();
}

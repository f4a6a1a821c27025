// SPDX-License-Identifier: GPL-2.0-only
/*
 * coco-attest attest through /dev/uv without a device: open(), ioctl()
 * and close() are wrapped (-Wl,--wrap) by a fake uvdevice that follows
 * the upstream driver's checks (spec/s390-pv.md 5.4), reads the argument
 * by the spec's byte offsets (not by the tool's structs), and answers
 * with the simulated Ultravisor (uvfw).  Knobs make it refuse, lie about
 * its calls, tamper with the measurement or report another CUID.
 *
 * Prints "PASS unit: ..." / "FAIL unit: ..." lines for tests/run.sh.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "../s390_attest.h"
#include "uvfw.h"

#define FAKE_FD		4242
#define FAKE_PATH	"/dev/fake-uv"
#define IOC_INFO	0xc0407500UL
#define IOC_ATT		0xc0407501UL

int __wrap_open(const char *path, int flags, ...);
int __wrap_open64(const char *path, int flags, ...);
int __wrap_ioctl(int fd, unsigned long req, ...);
int __wrap_close(int fd);
int __real_close(int fd);

static struct {
	uint64_t uv_seed;
	uint8_t cuid[16];
	bool info_enotty;
	bool info_no_att;
	int att_errno;
	bool flip_meas;
	bool other_cuid;
	/* what it saw */
	unsigned int nr_open, nr_info, nr_att, nr_close;
	uint32_t arg_len, arcb_len, meas_len, add_len;
	uint16_t user_len;
	uint16_t rc;
} fake;

static uint64_t get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));	/* native endian, like the ioctl */
	return v;
}

static uint32_t get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint16_t get16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static int fake_open(const char *path)
{
	if (strcmp(path, FAKE_PATH)) {
		errno = ENOENT;
		return -1;
	}
	fake.nr_open++;
	return FAKE_FD;
}

int __wrap_open(const char *path, int flags, ...)
{
	(void)flags;
	return fake_open(path);
}

int __wrap_open64(const char *path, int flags, ...)
{
	(void)flags;
	return fake_open(path);
}

int __wrap_close(int fd)
{
	if (fd == FAKE_FD) {
		fake.nr_close++;
		return 0;
	}
	return __real_close(fd);
}

static int fake_info(uint8_t *cb)
{
	uint8_t *info = (uint8_t *)(uintptr_t)get64(cb + 0x08);
	uint64_t uvio = 0x3f, uv = fake.info_no_att ? 0x3c : 0x3e;

	fake.nr_info++;
	if (fake.info_enotty) {
		errno = ENOTTY;
		return -1;
	}
	if (get32(cb + 0x10) < 16) {
		errno = EINVAL;
		return -1;
	}
	memcpy(info, &uvio, 8);
	memcpy(info + 8, &uv, 8);
	memcpy(cb + 4, &(uint16_t){ 1 }, 2);	/* uv_rc, native endian */
	return 0;
}

static int fake_att(uint8_t *cb)
{
	uint8_t *a = (uint8_t *)(uintptr_t)get64(cb + 0x08);
	uint8_t meas[0x8000], add[0x8000], cuid[16];
	const uint8_t *arcb;
	struct uvfw *uv;
	uint16_t rc;

	fake.nr_att++;
	fake.arg_len = get32(cb + 0x10);
	if (fake.arg_len != 0x138) {
		errno = EINVAL;
		return -1;
	}
	fake.arcb_len = get32(a + 0x128);
	fake.meas_len = get32(a + 0x12c);
	fake.add_len = get32(a + 0x130);
	fake.user_len = get16(a + 0x134);
	if (!fake.arcb_len || fake.arcb_len > 0x100000 || !fake.meas_len ||
	    fake.meas_len > 0x8000 || fake.add_len > 0x8000 ||
	    get16(a + 0x136)) {
		errno = EINVAL;
		return -1;
	}
	if (fake.att_errno) {
		errno = fake.att_errno;
		return -1;
	}
	arcb = (const uint8_t *)(uintptr_t)get64(a);
	memcpy(cuid, fake.cuid, sizeof(cuid));
	uv = uvfw_new(fake.uv_seed);
	if (!uv) {
		errno = ENOMEM;
		return -1;
	}
	memset(meas, 0, sizeof(meas));
	memset(add, 0, sizeof(add));
	rc = uvfw_attest(uv, arcb, fake.arcb_len, a + 0x18,
			 fake.user_len > 256 ? 256 : fake.user_len, cuid, meas,
			 fake.meas_len, fake.add_len ? add : NULL, fake.add_len);
	uvfw_free(uv);
	if (fake.flip_meas)
		meas[7] ^= 0x10;
	if (fake.other_cuid)
		cuid[3] ^= 1;
	/* The driver copies everything back whatever the rc. */
	memcpy((uint8_t *)(uintptr_t)get64(a + 0x08), meas, fake.meas_len);
	if (fake.add_len)
		memcpy((uint8_t *)(uintptr_t)get64(a + 0x10), add,
		       fake.add_len);
	memcpy(a + 0x118, cuid, sizeof(cuid));
	memcpy(cb + 4, &rc, 2);
	memset(cb + 6, 0, 2);
	fake.rc = rc;
	return 0;
}

int __wrap_ioctl(int fd, unsigned long req, ...)
{
	uint8_t *cb;
	va_list ap;
	int i;

	va_start(ap, req);
	cb = va_arg(ap, uint8_t *);
	va_end(ap);
	if (fd != FAKE_FD) {
		errno = EBADF;
		return -1;
	}
	/* The common entry: flags zero, reserved bytes zero. */
	if (get32(cb)) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0x14; i < 0x40; i++) {
		if (cb[i]) {
			errno = EINVAL;
			return -1;
		}
	}
	if (req == IOC_INFO)
		return fake_info(cb);
	if (req == IOC_ATT)
		return fake_att(cb);
	errno = ENOTTY;
	return -1;
}

/* ------------------------------------------------------------------- */

static int failed;

static void check(bool ok, const char *name)
{
	printf("%s unit: uvdev %s\n", ok ? "PASS" : "FAIL", name);
	failed += !ok;
}

static int attest(const char *extra)
{
	char *argv[16], buf[256];
	int argc = 0;
	char *tok;

	snprintf(buf, sizeof(buf),
		 "attest --device " FAKE_PATH " --host-key-seed 5 --tags-seed 5 %s",
		 extra);
	for (tok = strtok(buf, " "); tok && argc < 15; tok = strtok(NULL, " "))
		argv[argc++] = tok;
	argv[argc] = NULL;
	return cmd_attest(argc, argv);
}

static void reset(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.uv_seed = 5;
	memset(fake.cuid, 0xc5, sizeof(fake.cuid));
}

int main(void)
{
	reset();
	check(attest("--add all --user-data 01020304") == 0 &&
	      fake.nr_open == 1 && fake.nr_close == 1 && fake.nr_info == 1 &&
	      fake.nr_att == 1, "attest through the device verifies");
	check(fake.arg_len == 0x138 && fake.arcb_len == 400 &&
	      fake.meas_len == 64 && fake.add_len == 448 &&
	      fake.user_len == 4 && fake.rc == 1,
	      "the ioctl carries the request's sizes");

	reset();
	check(attest("--cuid c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5") == 0,
	      "the device's CUID is the expected one");
	reset();
	check(attest("--cuid c5c5c5c5c5c5c5c5c5c5c5c5c5c5c5c6") == 1,
	      "another expected CUID fails");

	reset();
	fake.info_enotty = true;
	check(attest("") == 0 && fake.nr_att == 1,
	      "a device without the info call still attests");
	reset();
	fake.info_no_att = true;
	check(attest("") == 3 && fake.nr_att == 0,
	      "a device without attestation is not asked");
	reset();
	fake.uv_seed = 6;
	check(attest("") == 3 && fake.rc == UVFW_RC_UNSEAL,
	      "another host's UV refuses (rc 0x010c)");
	reset();
	fake.att_errno = EFAULT;
	check(attest("") == 3, "an ioctl error fails");
	reset();
	fake.flip_meas = true;
	check(attest("") == 1, "a tampered measurement fails");
	reset();
	fake.other_cuid = true;
	check(attest("") == 1, "a CUID other than the measured one fails");
	reset();
	check(attest("--model 5") == 2 && !fake.nr_open,
	      "--device with --model is a usage error");
	printf("%s\n", failed ? "some uvdev tests failed" : "uvdev tests ok");
	return failed ? 1 : 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/uv as a client written against the distro's own uapi header
 * (asm/uvdevice.h) sees it: the control block, each ioctl's valid path,
 * every documented rejection (sizes, flags, reserved bytes, pointers), the
 * Ultravisor's rc/rrc handed through, then a fuzz loop of random commands,
 * sizes and fields after which the device must still answer and the kernel
 * log must hold no oops or warning.
 *
 * Debian's 6.1 header defines only the attestation ioctl; the later ones
 * (UVDEV_INFO, the secret calls) have the same shape and are spelled out
 * here when the header lacks them.  Skips unless this is a protected guest.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <asm/uvdevice.h>

#include "coco_abi.h"
#include "coco_tap.h"

#ifndef UVIO_IOCTL_UVDEV_INFO
#define UVIO_IOCTL_UVDEV_INFO	_IOWR(UVIO_TYPE_UVC, 0x00, struct uvio_ioctl_cb)
#endif
#ifndef UVIO_IOCTL_ADD_SECRET
#define UVIO_IOCTL_ADD_SECRET	_IOWR(UVIO_TYPE_UVC, 0x02, struct uvio_ioctl_cb)
#endif
#ifndef UVIO_IOCTL_LIST_SECRETS
#define UVIO_IOCTL_LIST_SECRETS	_IOWR(UVIO_TYPE_UVC, 0x03, struct uvio_ioctl_cb)
#endif
#ifndef UVIO_IOCTL_LOCK_SECRETS
#define UVIO_IOCTL_LOCK_SECRETS	_IOWR(UVIO_TYPE_UVC, 0x04, struct uvio_ioctl_cb)
#endif
#ifndef UVIO_IOCTL_RETR_SECRET
#define UVIO_IOCTL_RETR_SECRET	_IOWR(UVIO_TYPE_UVC, 0x05, struct uvio_ioctl_cb)
#endif
#ifndef UVIO_ADD_SECRET_MAX_LEN
#define UVIO_ADD_SECRET_MAX_LEN	0x100000
#endif
#ifndef UVIO_LIST_SECRETS_LEN
#define UVIO_LIST_SECRETS_LEN	0x1000
#endif
#ifndef UVIO_RETR_SECRET_MAX_LEN
#define UVIO_RETR_SECRET_MAX_LEN 0x2000
#endif

/* struct uvio_uvdev_info of later headers. */
struct uvdev_info {
	__u64 supp_uvio_cmds;
	__u64 supp_uv_cmds;
};

#define NR_IOCTLS		6
#define RC_EXECUTED		0x0001
#define RC_MORE_DATA		0x0100
#define RC_SECRETS_LOCKED	0x0102
#define RC_RETR_STORE_EMPTY	0x010f
#define ARCB_LEN		0x190
#define MEAS_LEN		64
#define SCRATCH_LEN		(2u << 20)
#define FUZZ_ITERATIONS		3000

static int fd;
static unsigned char *scratch;	/* SCRATCH_LEN bytes, then a PROT_NONE page */
static void *noaccess;		/* a mapped page nobody may touch */

/* One ioctl; returns 0 or the errno. */
static int uv_ioctl(unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? errno : 0;
}

static void cb_init(struct uvio_ioctl_cb *cb, const void *arg, __u32 len)
{
	memset(cb, 0, sizeof(*cb));
	cb->argument_addr = (__u64)(uintptr_t)arg;
	cb->argument_len = len;
	/* The kernel must not write these back when it refuses. */
	cb->uv_rc = 0xdead;
	cb->uv_rrc = 0xbeef;
}

static bool untouched(const struct uvio_ioctl_cb *cb)
{
	return cb->uv_rc == 0xdead && cb->uv_rrc == 0xbeef;
}

/* An ioctl that must be refused with @err and leave the block alone. */
static bool refused(unsigned long cmd, struct uvio_ioctl_cb *cb, int err)
{
	int got = uv_ioctl(cmd, cb);

	if (got != err || !untouched(cb)) {
		tap_diag("cmd 0x%lx len 0x%x: errno %d (want %d), rc 0x%x",
			 cmd, cb->argument_len, got, err, cb->uv_rc);
		return false;
	}
	return true;
}

static bool read_sysfs(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, len, f) != NULL;
	fclose(f);
	return ok;
}

static bool simulated(void)
{
	char seam[32] = "";

	return read_sysfs("/sys/kernel/coco_guest/seam", seam, sizeof(seam)) &&
	       !strncmp(seam, "coco_sim", 8);
}

/* --------------------------------------------------------- UVDEV_INFO -- */

static void test_info(void)
{
	struct uvdev_info info[4];
	struct uvio_ioctl_cb cb;
	bool ok;

	memset(info, 0x5a, sizeof(info));
	cb_init(&cb, info, sizeof(info[0]));
	ok = !uv_ioctl(UVIO_IOCTL_UVDEV_INFO, &cb) && cb.uv_rc == RC_EXECUTED;
	tap_diag("supp_uvio_cmds 0x%llx supp_uv_cmds 0x%llx",
		 (unsigned long long)info[0].supp_uvio_cmds,
		 (unsigned long long)info[0].supp_uv_cmds);
	tap_result(ok && info[0].supp_uvio_cmds == (1u << NR_IOCTLS) - 1 &&
		   !(info[0].supp_uv_cmds & ~0x3eULL) &&
		   (info[0].supp_uv_cmds & 2),
		   "UVDEV_INFO: all six ioctls, attestation usable, rc 0x0001");

	/* A longer argument: only the 16 bytes of the structure written. */
	memset(info, 0x5a, sizeof(info));
	cb_init(&cb, info, sizeof(info));
	ok = !uv_ioctl(UVIO_IOCTL_UVDEV_INFO, &cb) &&
	     ((unsigned char *)info)[sizeof(info[0])] == 0x5a;
	cb_init(&cb, info, sizeof(info[0]) - 1);
	ok &= refused(UVIO_IOCTL_UVDEV_INFO, &cb, EINVAL);
	cb_init(&cb, noaccess, sizeof(info[0]));
	ok &= refused(UVIO_IOCTL_UVDEV_INFO, &cb, EFAULT);
	cb_init(&cb, NULL, sizeof(info[0]));
	ok &= refused(UVIO_IOCTL_UVDEV_INFO, &cb, EFAULT);
	tap_result(ok, "UVDEV_INFO: 16 bytes written; short -> EINVAL; bad pointer -> EFAULT");
}

/* ------------------------------------------------- control block, cmd -- */

static void test_control_block(void)
{
	struct uvdev_info info;
	struct uvio_ioctl_cb cb;
	bool ok = true;
	unsigned int i;

	cb_init(&cb, &info, sizeof(info));
	cb.flags = 1;
	ok &= refused(UVIO_IOCTL_UVDEV_INFO, &cb, EINVAL);
	for (i = 0; i < sizeof(cb.reserved14); i++) {
		cb_init(&cb, &info, sizeof(info));
		cb.reserved14[i] = 0x80;
		ok &= refused(UVIO_IOCTL_UVDEV_INFO, &cb, EINVAL);
	}
	tap_result(ok, "control block: flags or any reserved byte set -> EINVAL, not written back");

	ok = uv_ioctl(UVIO_IOCTL_UVDEV_INFO, NULL) == EFAULT &&
	     uv_ioctl(UVIO_IOCTL_UVDEV_INFO, noaccess) == EFAULT &&
	     uv_ioctl(UVIO_IOCTL_UVDEV_INFO, (void *)-4096L) == EFAULT;
	tap_result(ok, "control block at a bad address -> EFAULT");

	cb_init(&cb, &info, sizeof(info));
	ok = uv_ioctl(_IOWR(UVIO_TYPE_UVC, NR_IOCTLS, struct uvio_ioctl_cb),
		      &cb) == ENOTTY &&
	     uv_ioctl(_IOWR(UVIO_TYPE_UVC, 0xff, struct uvio_ioctl_cb),
		      &cb) == ENOTTY &&
	     uv_ioctl(_IOR(UVIO_TYPE_UVC, 0, struct uvio_ioctl_cb), &cb) ==
		ENOTTY &&
	     uv_ioctl(_IOW(UVIO_TYPE_UVC, 0, struct uvio_ioctl_cb), &cb) ==
		ENOTTY &&
	     uv_ioctl(_IO(UVIO_TYPE_UVC, 0), &cb) == ENOTTY &&
	     uv_ioctl(_IOWR(UVIO_TYPE_UVC, 0, char[0x3f]), &cb) == ENOTTY &&
	     uv_ioctl(_IOWR(UVIO_TYPE_UVC, 0, char[0x41]), &cb) == ENOTTY &&
	     uv_ioctl(_IOWR('v', 0, struct uvio_ioctl_cb), &cb) == ENOTTY &&
	     untouched(&cb);
	tap_result(ok, "unknown number, direction, size or type -> ENOTTY");
}

/* ---------------------------------------------------------------- ATT -- */

/*
 * An ARCB v1 with one key slot and a nonce: the header is well formed, the
 * sealed part is not (no host key can open it), so a UV answers "unable to
 * unseal" while the ioctl plumbing is exercised end to end.
 */
static void arcb_build(unsigned char *arcb, __u32 claimed_len)
{
	unsigned int i;

	memset(arcb, 0, ARCB_LEN);
	arcb[0x0a] = 0x01;				/* version 0x0100 */
	arcb[0x0c] = claimed_len >> 24;
	arcb[0x0d] = claimed_len >> 16;
	arcb[0x0e] = claimed_len >> 8;
	arcb[0x0f] = claimed_len;
	arcb[0x27] = 1;					/* one key slot */
	arcb[0x2f] = 0x50;				/* key 64 + nonce 16 */
	arcb[0x30] = 0x40;				/* MSB0 bit 1: nonce */
	arcb[0x3b] = 1;					/* HMAC-SHA512 */
	for (i = 0x40; i < ARCB_LEN; i++)
		arcb[i] = i * 7;
}

static void attest_init(struct uvio_attest *a, const void *arcb, void *meas)
{
	unsigned int i;

	memset(a, 0, sizeof(*a));
	a->arcb_addr = (__u64)(uintptr_t)arcb;
	a->arcb_len = ARCB_LEN;
	a->meas_addr = (__u64)(uintptr_t)meas;
	a->meas_len = MEAS_LEN;
	for (i = 0; i < 16; i++)
		a->user_data[i] = 0xa0 + i;
	a->user_data_len = 16;
}

static bool all_zero(const unsigned char *p, size_t len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

static void test_attest(void)
{
	static unsigned char arcb[ARCB_LEN], meas[MEAS_LEN], add[64];
	struct uvio_ioctl_cb cb;
	struct uvio_attest a;
	bool ok;
	int err;

	arcb_build(arcb, ARCB_LEN);
	attest_init(&a, arcb, meas);
	a.add_data_addr = (__u64)(uintptr_t)add;
	a.add_data_len = sizeof(add);
	memset(a.config_uid, 0, sizeof(a.config_uid));
	memset(meas, 0x77, sizeof(meas));
	cb_init(&cb, &a, sizeof(a));
	err = uv_ioctl(UVIO_IOCTL_ATT, &cb);
	tap_diag("ATT: errno %d uv_rc 0x%04x uv_rrc 0x%04x", err, cb.uv_rc,
		 cb.uv_rrc);
	/* Without a sealable ARCB the UV cannot measure: nothing leaks out. */
	ok = !err && cb.uv_rc != 0xdead && cb.uv_rc != 0 &&
	     !all_zero(a.config_uid, sizeof(a.config_uid)) &&
	     a.add_data_len == sizeof(add) &&
	     (cb.uv_rc == RC_EXECUTED || all_zero(meas, sizeof(meas)));
	tap_result(ok, "ATT: the UV's rc/rrc come back with the CUID; the measurement buffer is written");

	/* An ARCB whose version no UV knows: the UV's refusal. */
	arcb[0x0a] = 0x02;
	attest_init(&a, arcb, meas);
	cb_init(&cb, &a, sizeof(a));
	err = uv_ioctl(UVIO_IOCTL_ATT, &cb);
	ok = !err && cb.uv_rc != RC_EXECUTED && cb.uv_rc != 0xdead &&
	     cb.uv_rc != 0;
	tap_diag("ATT, ARCB version 0x0200: errno %d uv_rc 0x%04x", err,
		 cb.uv_rc);
	tap_result(ok, "ATT: a UV refusal is rc/rrc with the ioctl succeeding");
	arcb_build(arcb, ARCB_LEN);

	/*
	 * An ARCB that claims more than the buffer holds: the UV would read
	 * past the kernel's copy, so the guest refuses it before the call
	 * (upstream hands it to the UV).
	 */
	ok = true;
	arcb_build(arcb, 0x7fffffff);
	attest_init(&a, arcb, meas);
	cb_init(&cb, &a, sizeof(a));
	cb.uv_rc = 0xdead;
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL) && cb.uv_rc == 0xdead;
	arcb_build(arcb, ARCB_LEN);
	a.arcb_len = ARCB_LEN - 1;
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL);
	a.arcb_len = 0x2f;
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL);
	tap_result(ok, "ATT: an ARCB longer than arcb_len, or arcb_len shorter than the header -> EINVAL, no UV call");

	ok = true;
	attest_init(&a, arcb, meas);
	cb_init(&cb, &a, sizeof(a) - 1);
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL);
	cb_init(&cb, &a, sizeof(a) + 1);
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL);
	cb_init(&cb, &a, 0);
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL);
	cb_init(&cb, &a, sizeof(a));
	a.arcb_len = 0;
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL);
	a.arcb_len = UVIO_ATT_ARCB_MAX_LEN + 1;
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL);
	attest_init(&a, arcb, meas);
	a.meas_len = 0;
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL);
	a.meas_len = UVIO_ATT_MEASUREMENT_MAX_LEN + 1;
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL);
	attest_init(&a, arcb, meas);
	a.add_data_len = UVIO_ATT_ADDITIONAL_MAX_LEN + 1;
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL);
	attest_init(&a, arcb, meas);
	a.reserved136 = 1;
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL);
	attest_init(&a, arcb, meas);
	a.user_data_len = UVIO_ATT_USER_DATA_LEN + 1;
	ok &= refused(UVIO_IOCTL_ATT, &cb, EINVAL);
	tap_result(ok, "ATT: argument_len, arcb_len, meas_len, add_data_len, reserved136, user_data_len out of range -> EINVAL");

	ok = true;
	attest_init(&a, arcb, meas);
	cb_init(&cb, noaccess, sizeof(a));
	ok &= refused(UVIO_IOCTL_ATT, &cb, EFAULT);
	cb_init(&cb, &a, sizeof(a));
	a.arcb_addr = (__u64)(uintptr_t)noaccess;
	ok &= refused(UVIO_IOCTL_ATT, &cb, EFAULT);
	/* The ARCB may not run off the end of readable memory either. */
	a.arcb_addr = (__u64)(uintptr_t)(scratch + SCRATCH_LEN - 16);
	ok &= refused(UVIO_IOCTL_ATT, &cb, EFAULT);
	attest_init(&a, arcb, noaccess);
	ok &= refused(UVIO_IOCTL_ATT, &cb, EFAULT);
	attest_init(&a, arcb, meas);
	a.add_data_addr = (__u64)(uintptr_t)noaccess;
	a.add_data_len = 32;
	ok &= refused(UVIO_IOCTL_ATT, &cb, EFAULT);
	tap_result(ok, "ATT: control block, ARCB, measurement or additional data at a bad address -> EFAULT");
}

/* ------------------------------------------------------------ secrets -- */

static unsigned int be16(const unsigned char *p)
{
	return p[0] << 8 | p[1];
}

static void test_secrets(void)
{
	static unsigned char list[2 * UVIO_LIST_SECRETS_LEN];
	static unsigned char asrcb[0x200], secret[0x100];
	unsigned int num, total, n2;
	struct uvio_ioctl_cb cb;
	bool ok;
	int err;

	/* List: one page, then two pages; headers must be consistent. */
	memset(list, 0x5a, sizeof(list));
	cb_init(&cb, list, UVIO_LIST_SECRETS_LEN);
	err = uv_ioctl(UVIO_IOCTL_LIST_SECRETS, &cb);
	num = be16(list);
	total = be16(list + 2);
	tap_diag("LIST: errno %d uv_rc 0x%04x num %u total %u next %u", err,
		 cb.uv_rc, num, total, be16(list + 4));
	ok = !err && (cb.uv_rc == RC_EXECUTED || cb.uv_rc == RC_MORE_DATA) &&
	     num <= total && num <= 85 &&
	     list[UVIO_LIST_SECRETS_LEN] == 0x5a;
	cb_init(&cb, list, sizeof(list));
	err = uv_ioctl(UVIO_IOCTL_LIST_SECRETS, &cb);
	n2 = be16(list);
	ok &= !err && n2 >= num && n2 <= be16(list + 2) &&
	      (cb.uv_rc == RC_EXECUTED || cb.uv_rc == RC_MORE_DATA);
	tap_result(ok, "LIST_SECRETS: one and two pages, consistent headers");

	ok = true;
	cb_init(&cb, list, 0);
	ok &= refused(UVIO_IOCTL_LIST_SECRETS, &cb, EINVAL);
	cb_init(&cb, list, UVIO_LIST_SECRETS_LEN / 2);
	ok &= refused(UVIO_IOCTL_LIST_SECRETS, &cb, EINVAL);
	cb_init(&cb, list, UVIO_LIST_SECRETS_LEN + 1);
	ok &= refused(UVIO_IOCTL_LIST_SECRETS, &cb, EINVAL);
	cb_init(&cb, noaccess, UVIO_LIST_SECRETS_LEN);
	ok &= refused(UVIO_IOCTL_LIST_SECRETS, &cb, EFAULT);
	tap_result(ok, "LIST_SECRETS: length 0 or not whole pages -> EINVAL; bad pointer -> EFAULT");

	/* Retrieve: index 0 in the first two bytes. */
	memset(secret, 0x5a, sizeof(secret));
	secret[0] = 0;
	secret[1] = 0;
	cb_init(&cb, secret, sizeof(secret));
	err = uv_ioctl(UVIO_IOCTL_RETR_SECRET, &cb);
	tap_diag("RETR index 0: errno %d uv_rc 0x%04x", err, cb.uv_rc);
	ok = !err && cb.uv_rc != 0xdead &&
	     (total || cb.uv_rc == RC_RETR_STORE_EMPTY) &&
	     (cb.uv_rc == RC_EXECUTED || all_zero(secret, sizeof(secret)));
	tap_result(ok, "RETR_SECRET: rc handed through, buffer copied back (zeroes when refused)");

	ok = true;
	cb_init(&cb, secret, 0);
	ok &= refused(UVIO_IOCTL_RETR_SECRET, &cb, EINVAL);
	cb_init(&cb, secret, 1);
	ok &= refused(UVIO_IOCTL_RETR_SECRET, &cb, EINVAL);
	cb_init(&cb, scratch, UVIO_RETR_SECRET_MAX_LEN + 1);
	ok &= refused(UVIO_IOCTL_RETR_SECRET, &cb, EINVAL);
	cb_init(&cb, noaccess, sizeof(secret));
	ok &= refused(UVIO_IOCTL_RETR_SECRET, &cb, EFAULT);
	tap_result(ok, "RETR_SECRET: length 0, 1 or above 0x2000 -> EINVAL; bad pointer -> EFAULT");

	/* Add: an unsealed request is the UV's to refuse. */
	memset(asrcb, 0, sizeof(asrcb));
	memcpy(asrcb, "asrcbM", 6);
	asrcb[0x0a] = 0x01;
	asrcb[0x0e] = sizeof(asrcb) >> 8;
	cb_init(&cb, asrcb, sizeof(asrcb));
	err = uv_ioctl(UVIO_IOCTL_ADD_SECRET, &cb);
	tap_diag("ADD garbage: errno %d uv_rc 0x%04x", err, cb.uv_rc);
	ok = !err && cb.uv_rc != RC_EXECUTED && cb.uv_rc != 0xdead &&
	     cb.uv_rc != 0;
	cb_init(&cb, asrcb, 0);
	ok &= refused(UVIO_IOCTL_ADD_SECRET, &cb, EINVAL);
	cb_init(&cb, asrcb, sizeof(asrcb) - 1);	/* shorter than it claims */
	ok &= refused(UVIO_IOCTL_ADD_SECRET, &cb, EINVAL);
	cb_init(&cb, asrcb, 0x2f);		/* shorter than the header */
	ok &= refused(UVIO_IOCTL_ADD_SECRET, &cb, EINVAL);
	cb_init(&cb, scratch, UVIO_ADD_SECRET_MAX_LEN + 1);
	ok &= refused(UVIO_IOCTL_ADD_SECRET, &cb, EINVAL);
	cb_init(&cb, noaccess, sizeof(asrcb));
	ok &= refused(UVIO_IOCTL_ADD_SECRET, &cb, EFAULT);
	tap_result(ok, "ADD_SECRET: refusal as rc; length 0, above 1 MiB or short of the ASRCB's own -> EINVAL; bad pointer -> EFAULT");
}

/* Locking is for good: it runs after everything that adds. */
static void test_lock(void)
{
	static unsigned char asrcb[0x100];
	struct uvio_ioctl_cb cb;
	unsigned int first;
	bool ok = true;

	cb_init(&cb, asrcb, 0);
	ok &= refused(UVIO_IOCTL_LOCK_SECRETS, &cb, EINVAL);
	cb_init(&cb, NULL, 16);
	ok &= refused(UVIO_IOCTL_LOCK_SECRETS, &cb, EINVAL);
	tap_result(ok, "LOCK_SECRETS: an argument -> EINVAL");

	cb_init(&cb, NULL, 0);
	ok = !uv_ioctl(UVIO_IOCTL_LOCK_SECRETS, &cb);
	first = cb.uv_rc;
	cb_init(&cb, NULL, 0);
	ok &= !uv_ioctl(UVIO_IOCTL_LOCK_SECRETS, &cb);
	tap_diag("LOCK: rc 0x%04x, again 0x%04x", first, cb.uv_rc);
	ok &= (first == RC_EXECUTED || first == RC_SECRETS_LOCKED) &&
	      cb.uv_rc == RC_SECRETS_LOCKED;
	if (simulated()) {
		cb_init(&cb, asrcb, sizeof(asrcb));
		ok &= !uv_ioctl(UVIO_IOCTL_ADD_SECRET, &cb) &&
		      cb.uv_rc == RC_SECRETS_LOCKED;
	}
	tap_result(ok, "LOCK_SECRETS: locks once; then lock and add answer rc 0x0102");
}

/* --------------------------------------------------------------- fuzz -- */

/* A pointer a fuzzed field may hold, good or bad. */
static __u64 fuzz_ptr(void)
{
	switch (rnd() % 8) {
	case 0:
		return 0;
	case 1:
		return (__u64)(uintptr_t)noaccess;
	case 2:
		return (__u64)-4096LL;
	case 3:
		return (__u64)(uintptr_t)(scratch + SCRATCH_LEN - rnd() % 64);
	default:
		return (__u64)(uintptr_t)(scratch + rnd() % 0x10000);
	}
}

static __u32 fuzz_len(void)
{
	static const __u32 edges[] = {
		0, 1, 2, 15, 16, 17, 0x137, 0x138, 0x139, 0xfff, 0x1000,
		0x1001, 0x2000, 0x2001, 0x8000, 0x8001, 0x100000, 0x100001,
		0xffffffff,
	};

	if (rnd() % 2)
		return edges[rnd() % (sizeof(edges) / sizeof(edges[0]))];
	return rnd() % 0x3000;
}

static unsigned long fuzz_cmd(void)
{
	unsigned int nr = rnd() % 4 ? rnd() % NR_IOCTLS : rnd() % 16;

	switch (rnd() % 16) {
	case 0:
		return _IOR(UVIO_TYPE_UVC, nr, struct uvio_ioctl_cb);
	case 1:
		return _IOC(_IOC_READ | _IOC_WRITE, UVIO_TYPE_UVC, nr,
			    0x3f + rnd() % 3);
	case 2:
		return _IOWR('v', nr, struct uvio_ioctl_cb);
	default:
		return _IOWR(UVIO_TYPE_UVC, nr, struct uvio_ioctl_cb);
	}
}

static bool errno_allowed(int err)
{
	return !err || err == ENOTTY || err == EINVAL || err == EFAULT ||
	       err == ENOMEM || err == EIO;
}

static void test_fuzz(void)
{
	struct uvio_attest *a = (struct uvio_attest *)(scratch + 0x20000);
	unsigned int i, counts[4] = { 0 };
	struct uvio_ioctl_cb cb;
	struct uvdev_info info;
	bool ok = true;
	int err;

	arcb_build(scratch + 0x30000, ARCB_LEN);
	for (i = 0; i < FUZZ_ITERATIONS; i++) {
		unsigned long cmd = fuzz_cmd();
		void *arg = &cb;

		memset(&cb, 0, sizeof(cb));
		cb.argument_len = fuzz_len();
		cb.argument_addr = fuzz_ptr();
		if (rnd() % 8 == 0)
			cb.flags = rnd();
		if (rnd() % 8 == 0)
			cb.reserved14[rnd() % sizeof(cb.reserved14)] = rnd();
		/* Often a plausible attestation argument behind the pointer. */
		if (rnd() % 3 == 0) {
			memset(a, 0, sizeof(*a));
			a->arcb_addr = rnd() % 2 ? (__u64)(uintptr_t)
				       (scratch + 0x30000) : fuzz_ptr();
			a->arcb_len = rnd() % 2 ? ARCB_LEN : fuzz_len();
			a->meas_addr = fuzz_ptr();
			a->meas_len = rnd() % 2 ? MEAS_LEN : fuzz_len();
			a->add_data_addr = fuzz_ptr();
			a->add_data_len = rnd() % 2 ? 0 : fuzz_len();
			a->user_data_len = rnd() % 300;
			a->reserved136 = rnd() % 8 ? 0 : rnd();
			cb.argument_addr = (__u64)(uintptr_t)a;
			if (rnd() % 2)
				cb.argument_len = sizeof(*a);
		}
		if (rnd() % 64 == 0)
			arg = rnd() % 2 ? noaccess : NULL;
		err = uv_ioctl(cmd, arg);
		if (!errno_allowed(err)) {
			tap_diag("iteration %u cmd 0x%lx: errno %d", i, cmd,
				 err);
			ok = false;
		}
		counts[!err ? 0 : err == EINVAL ? 1 : err == EFAULT ? 2 : 3]++;
	}
	tap_diag("fuzz: %u iterations: %u ok, %u EINVAL, %u EFAULT, %u other",
		 FUZZ_ITERATIONS, counts[0], counts[1], counts[2], counts[3]);
	cb_init(&cb, &info, sizeof(info));
	ok &= !uv_ioctl(UVIO_IOCTL_UVDEV_INFO, &cb) && cb.uv_rc == RC_EXECUTED;
	tap_result(ok && counts[0] && counts[1] && counts[2],
		   "fuzz: only documented errnos, device still answers");
}

int main(void)
{
	char pv[8] = "";
	int problems, n;

	if (!read_sysfs("/sys/kernel/coco_guest/uv/prot_virt_guest", pv,
			sizeof(pv)) || pv[0] != '1')
		tap_exit_skip_all("not a protected guest");
	fd = open("/dev/" UVIO_DEVICE_NAME, O_RDWR);
	if (fd < 0) {
		tap_header(1);
		tap_diag("open /dev/%s: %s", UVIO_DEVICE_NAME, strerror(errno));
		tap_result(0, "a protected guest offers /dev/uv");
		return tap_finish();
	}
	scratch = mmap(NULL, SCRATCH_LEN + 4096, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scratch == MAP_FAILED ||
	    mprotect(scratch + SCRATCH_LEN, 4096, PROT_NONE))
		return COCO_KSFT_FAIL;
	noaccess = scratch + SCRATCH_LEN;

	problems = kernel_log_problems();
	tap_header(18);
	test_info();
	test_control_block();
	test_attest();
	test_secrets();
	test_lock();
	test_fuzz();
	n = kernel_log_problems();
	tap_diag("kernel log: %d oops/warning lines before, %d after",
		 problems, n);
	tap_result(problems >= 0 && n == problems,
		   "kernel log: no new oops, BUG or WARNING");
	close(fd);
	return tap_finish();
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest test of /dev/coco-guest (include/uapi/linux/coco-guest.h): the
 * platform query, evidence bound to a nonce, certificates with -ENOSPC and
 * the size needed, derived keys (SNP), the secret store and the staged
 * ARCB (s390), every argument check (size, flags, reserved fields,
 * lengths, pointers), and a short fixed-seed ioctl fuzz loop after which
 * the kernel log must be clean and the device must still work.
 * Skips (exit 4) without the device: no SNP or s390 PV platform.
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

#include <linux/coco-guest.h>

#include "coco_abi.h"
#include "coco_tap.h"

#define PLAN		25
#define REPORT_LEN	COCO_GUEST_SNP_REPORT_LEN
#define ENTRY_LEN	24

static int fd;
static struct coco_guest_info info;
static void *noaccess;	/* a page that cannot be read or written */

/* The VCEK's GUID in the certificate table, 63da758d-e664-4564-... */
static const uint8_t vcek_guid[16] = {
	0x63, 0xda, 0x75, 0x8d, 0xe6, 0x64, 0x45, 0x64,
	0xad, 0xc5, 0xf4, 0xb9, 0x3b, 0xe8, 0xac, 0xcd,
};

static int xioctl(unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? errno : 0;
}

static bool refused(unsigned long cmd, void *arg, int want)
{
	int err = xioctl(cmd, arg);

	if (err != want)
		tap_diag("  ioctl 0x%lx: errno %d (%s), want %d", cmd, err,
			 strerror(err), want);
	return err == want;
}

static bool snp(void)
{
	return info.platform == COCO_GUEST_PLATFORM_SEV_SNP &&
	       (info.evidence_types & (1U << COCO_GUEST_EVIDENCE_SNP_REPORT));
}

static bool s390(void)
{
	return info.platform == COCO_GUEST_PLATFORM_S390_PV;
}

static void info_init(struct coco_guest_info *i)
{
	memset(i, 0, sizeof(*i));
	i->size = sizeof(*i);
}

static void ev_init(struct coco_guest_evidence *ev, uint32_t type,
		    void *buf, uint32_t len)
{
	memset(ev, 0, sizeof(*ev));
	ev->size = sizeof(*ev);
	ev->type = type;
	ev->evidence = (uintptr_t)buf;
	ev->evidence_len = len;
}

static void key_init(struct coco_guest_key *k)
{
	memset(k, 0, sizeof(*k));
	k->size = sizeof(*k);
}

/* ------------------------------------------------------------ common -- */

static void test_info(void)
{
	struct coco_guest_info i;
	bool ok;

	info_init(&i);
	ok = !xioctl(COCO_GUEST_IOC_INFO, &i) && i.size == sizeof(i) &&
	     i.abi_version == COCO_GUEST_ABI_VERSION &&
	     (i.platform == COCO_GUEST_PLATFORM_SEV_SNP ||
	      i.platform == COCO_GUEST_PLATFORM_S390_PV);
	tap_diag("INFO: platform %u evidence_types 0x%x features 0x%x nonce_max %u evidence_max %u",
		 i.platform, i.evidence_types, i.features, i.nonce_max,
		 i.evidence_max);
	info = i;
	tap_result(ok, "INFO: ABI version 1 and a platform");

	ok = true;
	info_init(&i);
	i.size = sizeof(i) - 4;
	ok &= refused(COCO_GUEST_IOC_INFO, &i, EINVAL);
	i.size = sizeof(i) + 8;
	ok &= refused(COCO_GUEST_IOC_INFO, &i, EINVAL);
	info_init(&i);
	i.flags = 1;
	ok &= refused(COCO_GUEST_IOC_INFO, &i, EINVAL);
	info_init(&i);
	i.reserved[7] = 1;
	ok &= refused(COCO_GUEST_IOC_INFO, &i, EINVAL);
	tap_result(ok, "INFO: wrong size, flags, reserved -> EINVAL");

	ok = refused(COCO_GUEST_IOC_INFO, noaccess, EFAULT) &&
	     refused(COCO_GUEST_IOC_INFO, NULL, EFAULT);
	tap_result(ok, "INFO: bad pointer -> EFAULT");

	info_init(&i);
	ok = refused(_IOWR(COCO_GUEST_IOC_MAGIC, 0x3f, struct coco_guest_info),
		     &i, ENOTTY) &&
	     refused(_IOWR(COCO_GUEST_IOC_MAGIC, 0, struct coco_guest_key),
		     &i, ENOTTY) &&
	     refused(_IOR(COCO_GUEST_IOC_MAGIC, 0, struct coco_guest_info),
		     &i, ENOTTY);
	tap_result(ok, "unknown ioctl, wrong encoded size or direction -> ENOTTY");
}

static void test_evidence_common(void)
{
	static uint8_t buf[REPORT_LEN];
	struct coco_guest_evidence ev;
	bool ok = true;

	ev_init(&ev, 0, buf, sizeof(buf));
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	ev_init(&ev, 77, buf, sizeof(buf));
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	/* The other architecture's evidence and calls. */
	if (s390()) {
		struct coco_guest_key k;

		ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, buf, sizeof(buf));
		ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EOPNOTSUPP);
		key_init(&k);
		ok &= refused(COCO_GUEST_IOC_DERIVED_KEY, &k, EOPNOTSUPP);
	} else {
		struct coco_guest_secret_list sl = { .size = sizeof(sl) };
		struct coco_guest_secret s = { .size = sizeof(s) };
		struct coco_guest_tsm_arcb a = { .size = sizeof(a) };

		ev_init(&ev, COCO_GUEST_EVIDENCE_S390_MEAS, buf, 64);
		ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EOPNOTSUPP);
		ok &= refused(COCO_GUEST_IOC_SECRET_LIST, &sl, EOPNOTSUPP);
		s.value = (uintptr_t)buf;
		s.value_len = 16;
		ok &= refused(COCO_GUEST_IOC_SECRET_GET, &s, EOPNOTSUPP);
		ok &= refused(COCO_GUEST_IOC_TSM_ARCB, &a, EOPNOTSUPP);
	}
	tap_result(ok, "EVIDENCE: unknown type -> EINVAL; the other platform's calls -> EOPNOTSUPP");
}

/* --------------------------------------------------------------- SNP -- */

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void test_snp_report(void)
{
	static uint8_t rep[REPORT_LEN + 16], nonce[64], zero[64];
	struct coco_guest_evidence ev;
	unsigned int i;
	bool ok;
	int err;

	for (i = 0; i < sizeof(nonce); i++)
		nonce[i] = (uint8_t)rnd();
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	memcpy(ev.nonce, nonce, 64);
	ev.nonce_len = 64;
	err = xioctl(COCO_GUEST_IOC_EVIDENCE, &ev);
	tap_diag("report: errno %d status 0x%x fw_error 0x%llx len %u version %u vmpl %u",
		 err, ev.status, (unsigned long long)ev.fw_error,
		 ev.evidence_len, le32(rep), le32(rep + 0x30));
	ok = !err && ev.evidence_len == REPORT_LEN && !ev.status &&
	     !memcmp(rep + 0x50, nonce, 64) && le32(rep) >= 2 &&
	     le32(rep + 0x30) == 0 && le32(rep + 0x34) == 1;
	tap_result(ok, "SNP report: REPORT_DATA is the nonce, VMPL 0, ECDSA P-384");

	memset(rep, 0xa5, sizeof(rep));
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	memcpy(ev.nonce, nonce, 16);
	ev.nonce_len = 16;
	ev.privlevel = 2;
	err = xioctl(COCO_GUEST_IOC_EVIDENCE, &ev);
	ok = !err && !memcmp(rep + 0x50, nonce, 16) &&
	     !memcmp(rep + 0x60, zero, 48) && le32(rep + 0x30) == 2 &&
	     rep[REPORT_LEN] == 0xa5;
	tap_result(ok, "SNP report: 16-byte nonce zero-padded, VMPL 2, nothing written past the report");
}

static void test_snp_report_bad(void)
{
	static uint8_t rep[REPORT_LEN];
	struct coco_guest_evidence ev;
	bool ok = true;

	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	ev.nonce_len = 65;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	ev.nonce_len = 8;
	ev.nonce[8] = 1;	/* beyond nonce_len */
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	ev.privlevel = 4;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	ev.request = (uintptr_t)rep;
	ev.request_len = 16;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	ev.reserved[3] = 1;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	ev.reserved0 = 1;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	ev.flags = 0x80000000;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	ev.size = 8;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	tap_result(ok, "SNP report: nonce > 64, bytes past nonce_len, VMPL 4, an ARCB, reserved, flags, size -> EINVAL");

	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, REPORT_LEN - 1);
	ok = refused(COCO_GUEST_IOC_EVIDENCE, &ev, ENOSPC) &&
	     ev.evidence_len == REPORT_LEN;
	tap_result(ok, "SNP report: buffer one byte short -> ENOSPC with the size needed");

	ok = true;
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, NULL, sizeof(rep));
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EFAULT);
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, noaccess, sizeof(rep));
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EFAULT);
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT,
		(void *)(uintptr_t)0xffffffffffff0000ULL, sizeof(rep));
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EFAULT);
	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	ev.aux_len = 4096;	/* a length without a buffer */
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EFAULT);
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, noaccess, EFAULT);
	tap_result(ok, "SNP report: NULL, unmapped or kernel report buffer, aux length without buffer -> EFAULT");
}

static void test_snp_certs(void)
{
	static uint8_t rep[REPORT_LEN], certs[65536];
	struct coco_guest_evidence ev;
	uint32_t need, off, len, i;
	bool ok, vcek = false;
	int err;

	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	ev.aux = (uintptr_t)certs;
	ev.aux_len = 16;
	memset(certs, 0x5a, sizeof(certs));
	err = xioctl(COCO_GUEST_IOC_EVIDENCE, &ev);
	need = ev.aux_len;
	tap_diag("certs into 16 bytes: errno %d, needed %u", err, need);
	ok = err == ENOSPC && need > 16 && need <= sizeof(certs) &&
	     certs[0] == 0x5a;
	tap_result(ok, "SNP certificates: 16-byte buffer -> ENOSPC with the size needed, nothing written");

	ev_init(&ev, COCO_GUEST_EVIDENCE_SNP_REPORT, rep, sizeof(rep));
	ev.aux = (uintptr_t)certs;
	ev.aux_len = need;
	ev.nonce_len = 1;
	ev.nonce[0] = 0x42;
	err = xioctl(COCO_GUEST_IOC_EVIDENCE, &ev);
	ok = !err && ev.aux_len && ev.aux_len <= need && rep[0x50] == 0x42;
	for (i = 0; ok && i + ENTRY_LEN <= ev.aux_len; i += ENTRY_LEN) {
		static const uint8_t zero[ENTRY_LEN];

		if (!memcmp(certs + i, zero, ENTRY_LEN))
			break;
		off = le32(certs + i + 16);
		len = le32(certs + i + 20);
		ok &= off + len <= ev.aux_len && len > 0;
		vcek |= !memcmp(certs + i, vcek_guid, 16);
	}
	tap_diag("certs: errno %d, %u bytes, %u entries, VCEK %s", err,
		 ev.aux_len, i / ENTRY_LEN, vcek ? "present" : "missing");
	tap_result(ok && vcek, "SNP certificates: table with the VCEK, every entry inside the returned length");
}

static void test_snp_key(void)
{
	static const uint8_t zero[COCO_GUEST_SNP_KEY_LEN];
	struct coco_guest_key k1, k2, k3;
	bool ok;

	key_init(&k1);
	key_init(&k2);
	key_init(&k3);
	k3.guest_field_select = 1 << 3;	/* mix in the measurement */
	ok = !xioctl(COCO_GUEST_IOC_DERIVED_KEY, &k1) &&
	     !xioctl(COCO_GUEST_IOC_DERIVED_KEY, &k2) &&
	     !xioctl(COCO_GUEST_IOC_DERIVED_KEY, &k3);
	tap_diag("keys: status 0x%x fw_error 0x%llx", k1.status,
		 (unsigned long long)k1.fw_error);
	ok = ok && memcmp(k1.key, zero, sizeof(zero)) &&
	     !memcmp(k1.key, k2.key, sizeof(k1.key)) &&
	     memcmp(k1.key, k3.key, sizeof(k1.key));
	tap_result(ok, "SNP derived key: deterministic, not zero, depends on the fields selected");

	ok = true;
	key_init(&k1);
	k1.root_key_select = 2;
	ok &= refused(COCO_GUEST_IOC_DERIVED_KEY, &k1, EINVAL);
	key_init(&k1);
	k1.privlevel = 4;
	ok &= refused(COCO_GUEST_IOC_DERIVED_KEY, &k1, EINVAL);
	key_init(&k1);
	k1.guest_field_select = 1 << 6;
	ok &= refused(COCO_GUEST_IOC_DERIVED_KEY, &k1, EINVAL);
	key_init(&k1);
	k1.reserved1 = 1;
	ok &= refused(COCO_GUEST_IOC_DERIVED_KEY, &k1, EINVAL);
	key_init(&k1);
	k1.size = 0;
	ok &= refused(COCO_GUEST_IOC_DERIVED_KEY, &k1, EINVAL);
	ok &= refused(COCO_GUEST_IOC_DERIVED_KEY, noaccess, EFAULT);
	tap_result(ok, "SNP derived key: root key 2, VMPL 4, unknown field, reserved, size -> EINVAL; bad pointer -> EFAULT");
}

/* -------------------------------------------------------------- s390 -- */

#define ARCB_LEN	0x190

/* An ARCB v1 header that is well formed but sealed for no one. */
static void arcb_build(uint8_t *arcb)
{
	unsigned int i;

	memset(arcb, 0, ARCB_LEN);
	arcb[0x0a] = 0x01;			/* version 0x0100 */
	arcb[0x0e] = ARCB_LEN >> 8;
	arcb[0x0f] = ARCB_LEN & 0xff;
	arcb[0x27] = 1;				/* one key slot */
	arcb[0x2f] = 0x50;			/* key 64 + nonce 16 */
	arcb[0x30] = 0x40;			/* MSB0 bit 1: nonce */
	arcb[0x3b] = 1;				/* HMAC-SHA512 */
	for (i = 0x40; i < ARCB_LEN; i++)
		arcb[i] = (uint8_t)(i * 7);
}

static void s390_ev_init(struct coco_guest_evidence *ev, uint8_t *arcb,
			 uint8_t *meas)
{
	ev_init(ev, COCO_GUEST_EVIDENCE_S390_MEAS, meas, 64);
	ev->request = (uintptr_t)arcb;
	ev->request_len = ARCB_LEN;
	ev->nonce_len = 32;
	memset(ev->nonce, 0x11, 32);
}

static void test_s390_evidence(void)
{
	static uint8_t arcb[ARCB_LEN], meas[64];
	struct coco_guest_evidence ev;
	bool ok;
	int err;

	arcb_build(arcb);
	s390_ev_init(&ev, arcb, meas);
	err = xioctl(COCO_GUEST_IOC_EVIDENCE, &ev);
	tap_diag("measurement for an ARCB sealed for no one: errno %d rc 0x%04llx rrc 0x%04llx",
		 err, (unsigned long long)(ev.fw_error & 0xffff),
		 (unsigned long long)(ev.fw_error >> 16 & 0xffff));
	/* Only the verifier's ARCB can be unsealed: the UV refuses this one. */
	ok = (err == EIO && (ev.fw_error & 0xffff) > 1) ||
	     (!err && (ev.fw_error & 0xffff) == 1);
	tap_result(ok, "s390 measurement: the UV's answer comes back in fw_error");

	ok = true;
	s390_ev_init(&ev, arcb, meas);
	ev.request_len = 0;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	s390_ev_init(&ev, arcb, meas);
	ev.request_len = 0x100001;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	s390_ev_init(&ev, arcb, meas);
	ev.evidence_len = 0;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	s390_ev_init(&ev, arcb, meas);
	ev.evidence_len = 0x8001;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	s390_ev_init(&ev, arcb, meas);
	ev.aux = (uintptr_t)meas;
	ev.aux_len = 0x8001;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	s390_ev_init(&ev, arcb, meas);
	ev.privlevel = 1;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	s390_ev_init(&ev, arcb, meas);
	ev.nonce_len = 257;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	s390_ev_init(&ev, arcb, meas);
	ev.reserved[0] = 1;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	/* The ARCB claims more than the buffer: the UV would read past it. */
	s390_ev_init(&ev, arcb, meas);
	ev.request_len = ARCB_LEN - 1;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	s390_ev_init(&ev, arcb, meas);
	ev.request_len = 0x2f;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EINVAL);
	tap_result(ok, "s390 measurement: ARCB 0, > 1 MiB, shorter than its header or its own length, measurement 0 or > 32 KiB, add > 32 KiB, privlevel, nonce > 256, reserved -> EINVAL");

	ok = true;
	s390_ev_init(&ev, arcb, meas);
	ev.request = 0;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EFAULT);
	s390_ev_init(&ev, arcb, meas);
	ev.request = (uintptr_t)noaccess;
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EFAULT);
	s390_ev_init(&ev, arcb, NULL);
	ok &= refused(COCO_GUEST_IOC_EVIDENCE, &ev, EFAULT);
	tap_result(ok, "s390 measurement: NULL or unmapped ARCB, NULL measurement -> EFAULT");
}

/* The host's ARCB for the simulated UV (guest-test.sh), if staged. */
static size_t read_file(const char *path, uint8_t *buf, size_t cap)
{
	int f = open(path, O_RDONLY);
	ssize_t n;

	if (f < 0)
		return 0;
	n = read(f, buf, cap);
	close(f);
	return n > 0 ? (size_t)n : 0;
}

static bool nonzero(const uint8_t *p, size_t len)
{
	while (len--)
		if (*p++)
			return true;
	return false;
}

static int s390_measure(const uint8_t *arcb, size_t arcb_len, uint8_t fill,
			uint8_t *meas, uint8_t *add, uint32_t add_len,
			struct coco_guest_evidence *ev)
{
	ev_init(ev, COCO_GUEST_EVIDENCE_S390_MEAS, meas, 64);
	ev->request = (uintptr_t)arcb;
	ev->request_len = (uint32_t)arcb_len;
	ev->aux = (uintptr_t)add;
	ev->aux_len = add_len;
	ev->nonce_len = 256;
	memset(ev->nonce, fill, 256);
	return xioctl(COCO_GUEST_IOC_EVIDENCE, ev);
}

static void test_s390_real_arcb(void)
{
	static uint8_t arcb[8192], m1[64], m2[64], m3[64], add[1024];
	struct coco_guest_evidence ev;
	uint32_t add_len;
	char num[16] = "";
	size_t len;
	bool ok;
	int err;

	len = read_file("/coco/uv-arcb/arcb.bin", arcb, sizeof(arcb));
	read_file("/coco/uv-arcb/add_len", (uint8_t *)num, sizeof(num) - 1);
	add_len = (uint32_t)strtoul(num, NULL, 10);
	if (!len || !add_len || add_len > sizeof(add)) {
		tap_skip("s390 measurement with the host's ARCB", "no /coco/uv-arcb");
		tap_skip("s390 measurement: nonce bound", "no /coco/uv-arcb");
		return;
	}
	err = s390_measure(arcb, len, 0x11, m1, add, add_len, &ev);
	tap_diag("host's ARCB (%zu bytes, %u bytes additional data): errno %d rc 0x%04llx",
		 len, add_len, err,
		 (unsigned long long)(ev.fw_error & 0xffff));
	ok = !err && ev.fw_error == 1 && nonzero(m1, 64) &&
	     nonzero(add, add_len) &&
	     nonzero(ev.s390_config_uid, sizeof(ev.s390_config_uid));
	tap_result(ok, "s390 measurement with the host's ARCB: rc 0x0001, measurement, additional data, CUID");

	ok = !s390_measure(arcb, len, 0x11, m2, add, add_len, &ev) &&
	     !s390_measure(arcb, len, 0x22, m3, add, add_len, &ev) &&
	     !memcmp(m1, m2, 64) && memcmp(m1, m3, 64);
	tap_result(ok, "s390 measurement: same ARCB and nonce -> same measurement, other nonce -> another");
}

static void test_s390_secrets(void)
{
	static struct coco_guest_secret_entry e[256];
	struct coco_guest_secret_list sl;
	struct coco_guest_secret s;
	static uint8_t val[0x2000];
	uint32_t total, i;
	bool ok;
	int err;

	memset(&sl, 0, sizeof(sl));
	sl.size = sizeof(sl);
	err = xioctl(COCO_GUEST_IOC_SECRET_LIST, &sl);
	total = sl.total;
	tap_diag("secret list, no buffer: errno %d total %u needed %u rc 0x%llx",
		 err, total, sl.entries_len,
		 (unsigned long long)(sl.fw_error & 0xffff));
	ok = (!err && !total && !sl.entries_len) ||
	     (err == ENOSPC && sl.entries_len == total * sizeof(e[0]));
	memset(&sl, 0, sizeof(sl));
	sl.size = sizeof(sl);
	sl.entries = (uintptr_t)e;
	sl.entries_len = sizeof(e);
	err = xioctl(COCO_GUEST_IOC_SECRET_LIST, &sl);
	ok &= !err && sl.total == total &&
	      sl.entries_len == total * sizeof(e[0]);
	tap_result(ok, "s390 secrets: list size query (ENOSPC with the size) and list agree");

	ok = true;
	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	memset(s.id, 0xee, sizeof(s.id));
	s.value = (uintptr_t)val;
	s.value_len = sizeof(val);
	ok &= refused(COCO_GUEST_IOC_SECRET_GET, &s, ENOENT);
	for (i = 0; i < total && i < 256; i++) {
		if (e[i].type <= 2)
			continue;	/* association secrets: not retrievable */
		memset(&s, 0, sizeof(s));
		s.size = sizeof(s);
		memcpy(s.id, e[i].id, sizeof(s.id));
		s.value = (uintptr_t)val;
		s.value_len = e[i].len - 1;
		ok &= refused(COCO_GUEST_IOC_SECRET_GET, &s, ENOSPC) &&
		      s.value_len == e[i].len;
		err = xioctl(COCO_GUEST_IOC_SECRET_GET, &s);
		ok &= !err && s.type == e[i].type;
		tap_diag("secret %u (type %u, %u bytes): errno %d", e[i].index,
			 e[i].type, e[i].len, err);
		break;
	}
	memset(&s, 0, sizeof(s));
	s.size = sizeof(s);
	s.value = 0;
	ok &= refused(COCO_GUEST_IOC_SECRET_GET, &s, EFAULT);
	s.value = (uintptr_t)val;
	s.reserved[2] = 1;
	ok &= refused(COCO_GUEST_IOC_SECRET_GET, &s, EINVAL);
	tap_result(ok, "s390 secrets: unknown ID -> ENOENT, short buffer -> ENOSPC, NULL -> EFAULT, reserved -> EINVAL");
}

static void test_s390_tsm_arcb(void)
{
	static uint8_t arcb[ARCB_LEN];
	struct coco_guest_tsm_arcb a;
	bool ok = true;

	arcb_build(arcb);
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	a.request = (uintptr_t)arcb;
	a.request_len = ARCB_LEN;
	a.meas_len = 64;
	ok &= !xioctl(COCO_GUEST_IOC_TSM_ARCB, &a);
	a.meas_len = 0;
	ok &= refused(COCO_GUEST_IOC_TSM_ARCB, &a, EINVAL);
	a.meas_len = 64;
	a.request = (uintptr_t)noaccess;
	ok &= refused(COCO_GUEST_IOC_TSM_ARCB, &a, EFAULT);
	memset(&a, 0, sizeof(a));
	a.size = sizeof(a);
	ok &= !xioctl(COCO_GUEST_IOC_TSM_ARCB, &a);	/* clears it */
	tap_result(ok, "s390 configfs-tsm ARCB: staged, bad length -> EINVAL, unmapped -> EFAULT, cleared");
}

/* -------------------------------------------------------------- fuzz -- */

static const unsigned long fuzz_cmds[] = {
	COCO_GUEST_IOC_INFO, COCO_GUEST_IOC_EVIDENCE,
	COCO_GUEST_IOC_DERIVED_KEY, COCO_GUEST_IOC_SECRET_LIST,
	COCO_GUEST_IOC_SECRET_GET, COCO_GUEST_IOC_TSM_ARCB,
};

static uint64_t fuzz_ptr(void *scratch)
{
	switch (rnd() % 5) {
	case 0:
		return 0;
	case 1:
		return (uintptr_t)noaccess;
	case 2:
		return 0xffff880000000000ULL;	/* kernel space */
	default:
		return (uintptr_t)scratch;
	}
}

static bool fuzz_errno_ok(int err)
{
	switch (err) {
	case 0: case EINVAL: case EFAULT: case ENOTTY: case ENOSPC:
	case EOPNOTSUPP: case EIO: case ENOENT: case ENOKEY: case ENOMEM:
		return true;
	}
	return false;
}

static void test_fuzz(void)
{
	static uint8_t arg[512], scratch[0x10000];
	unsigned int i, j, calls = 0, firmware = 0;
	int before = kernel_log_problems(), after, err;
	struct coco_guest_info i2;
	bool ok = true;

	for (i = 0; i < 3000; i++) {
		unsigned long cmd = fuzz_cmds[rnd() % 6];
		uint32_t size = _IOC_SIZE(cmd);

		if (!(rnd() % 8))
			cmd = _IOC(_IOC_READ | _IOC_WRITE, COCO_GUEST_IOC_MAGIC,
				   rnd() % 8, rnd() % 512);
		for (j = 0; j < sizeof(arg); j++)
			arg[j] = rnd() % 16 ? 0 : (uint8_t)rnd();
		/* Mostly well-formed headers, so the deeper checks run. */
		if (rnd() % 4) {
			memcpy(arg, &size, 4);
			memset(arg + 4, 0, 4);
		}
		/* Pointer fields at 8-byte aligned offsets. */
		for (j = 8; j + 8 <= size && j < sizeof(arg); j += 8)
			if (!(rnd() % 6)) {
				uint64_t p = fuzz_ptr(scratch);

				memcpy(arg + j, &p, 8);
			}
		err = xioctl(cmd, arg);
		calls++;
		firmware += !err || err == EIO;
		if (!fuzz_errno_ok(err)) {
			tap_diag("fuzz: cmd 0x%lx -> unexpected errno %d", cmd,
				 err);
			ok = false;
		}
	}
	after = kernel_log_problems();
	info_init(&i2);
	ok &= !xioctl(COCO_GUEST_IOC_INFO, &i2) &&
	      i2.platform == info.platform;
	tap_diag("fuzz: %u ioctls, %u reached the firmware or succeeded; kernel log problems %d -> %d",
		 calls, firmware, before, after);
	tap_result(ok && before >= 0 && after == before,
		   "fuzz: 3000 random ioctls, only documented errors, clean kernel log, device still answers");
}

int main(void)
{
	unsigned int i;

	fd = open(COCO_GUEST_DEVICE, O_RDWR);
	if (fd < 0)
		tap_exit_skip_all(errno == ENOENT ?
				  "no /dev/coco-guest (no SEV-SNP or s390 PV platform)" :
				  "cannot open /dev/coco-guest");
	noaccess = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);
	if (noaccess == MAP_FAILED)
		return COCO_KSFT_FAIL;

	tap_header(PLAN);
	test_info();			/* 4 */
	test_evidence_common();		/* 1 */
	if (snp()) {
		test_snp_report();	/* 2 */
		test_snp_report_bad();	/* 3 */
		test_snp_certs();	/* 2 */
		test_snp_key();		/* 2 */
	} else {
		for (i = 0; i < 9; i++)
			tap_skip("SNP evidence", "not an SNP guest with a usable channel");
	}
	if (s390()) {
		test_s390_evidence();	/* 3 */
		test_s390_real_arcb();	/* 2 */
		test_s390_secrets();	/* 2 */
		test_s390_tsm_arcb();	/* 1 */
	} else {
		for (i = 0; i < 8; i++)
			tap_skip("s390 evidence and secrets", "not an s390 PV guest");
	}
	test_fuzz();			/* 1 */
	/* After the fuzz the SNP channel must still work. */
	if (snp())
		test_snp_report();	/* 2 */
	else
		for (i = 0; i < 2; i++)
			tap_skip("SNP report after the fuzz", "not an SNP guest");
	close(fd);
	return tap_finish();
}

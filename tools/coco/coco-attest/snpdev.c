// SPDX-License-Identifier: GPL-2.0-only
/*
 * coco-attest: SNP reports, certificate tables and derived keys from the
 * guest's attestation device.  /dev/coco-guest is asked first (its INFO
 * says whether this is an SNP guest with a usable channel); when it does
 * not exist, /dev/sev-guest with the upstream ABI.  Every failure ends in
 * a message that names the device and what went wrong.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/sev-guest.h>
#include <uapi/linux/coco-guest.h>

#include "snpdev.h"

#define CERTS_FIRST	(4 * 4096)
#define CERTS_MAX	(16 * 4096)
#define CERT_ENTRY_LEN	24
#define SEV_RESP_HDR	0x20

static int fail(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The bytes a certificate table occupies; -1 for a malformed one. */
static long certs_used(const uint8_t *t, size_t len)
{
	static const uint8_t zero[CERT_ENTRY_LEN];
	size_t off, i, end;

	for (off = 0; ; off += CERT_ENTRY_LEN) {
		if (off + CERT_ENTRY_LEN > len)
			return -1;
		if (!memcmp(t + off, zero, CERT_ENTRY_LEN))
			break;
	}
	end = off + CERT_ENTRY_LEN;
	for (i = 0; i < off; i += CERT_ENTRY_LEN) {
		uint64_t o = le32(t + i + 16), l = le32(t + i + 20);

		if (o < off + CERT_ENTRY_LEN || o + l > len)
			return -1;
		if (o + l > end)
			end = o + l;
	}
	return off ? (long)end : 0;
}

static int coco_info(struct snpdev *d, char *err, size_t errlen)
{
	struct coco_guest_info info;

	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	if (ioctl(d->fd, COCO_GUEST_IOC_INFO, &info))
		return fail(err, errlen, "%s is not a coco-guest device (INFO: %s)",
			    d->path, strerror(errno));
	if (info.platform != COCO_GUEST_PLATFORM_SEV_SNP)
		return fail(err, errlen, "%s: this is not an SEV-SNP guest (platform %u); SNP reports only",
			    d->path, info.platform);
	if (!(info.evidence_types & (1U << COCO_GUEST_EVIDENCE_SNP_REPORT)))
		return fail(err, errlen, "%s: the SNP channel is not usable (no secrets page, or the VMPCK was disabled)",
			    d->path);
	return 0;
}

/**
 * snpdev_open() - open the guest's attestation device
 * @d: filled on success
 * @coco_path: /dev/coco-guest, or another path for it
 * @sev_path: /dev/sev-guest, tried when @coco_path does not exist
 * @err: receives a message on failure
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err set.
 */
int snpdev_open(struct snpdev *d, const char *coco_path, const char *sev_path,
		char *err, size_t errlen)
{
	d->kind = SNPDEV_COCO;
	d->path = coco_path;
	d->fd = open(coco_path, O_RDWR | O_CLOEXEC);
	if (d->fd >= 0) {
		if (coco_info(d, err, errlen)) {
			snpdev_close(d);
			return -1;
		}
		return 0;
	}
	if (errno != ENOENT)
		return fail(err, errlen, "cannot open %s: %s", coco_path,
			    strerror(errno));
	d->kind = SNPDEV_SEV;
	d->path = sev_path;
	d->fd = open(sev_path, O_RDWR | O_CLOEXEC);
	if (d->fd >= 0)
		return 0;
	if (errno == ENOENT)
		return fail(err, errlen, "no attestation device: neither %s nor %s exists (not an SEV-SNP guest, or coco_guest is not loaded)",
			    coco_path, sev_path);
	return fail(err, errlen, "cannot open %s: %s", sev_path,
		    strerror(errno));
}

/**
 * snpdev_close() - close the device
 * @d: the device
 */
void snpdev_close(struct snpdev *d)
{
	if (d->fd >= 0)
		close(d->fd);
	d->fd = -1;
}

static int coco_report(struct snpdev *d, const uint8_t *nonce,
		       size_t nonce_len, uint32_t vmpl, uint8_t *report,
		       uint8_t **certs, size_t *certs_len, char *err,
		       size_t errlen)
{
	struct coco_guest_evidence ev;
	uint32_t cap = CERTS_FIRST;
	uint8_t *buf = NULL;
	int tries;

	for (tries = 0; tries < 3; tries++) {
		memset(&ev, 0, sizeof(ev));
		ev.size = sizeof(ev);
		ev.type = COCO_GUEST_EVIDENCE_SNP_REPORT;
		ev.privlevel = vmpl;
		memcpy(ev.nonce, nonce, nonce_len);
		ev.nonce_len = (uint32_t)nonce_len;
		ev.evidence = (uintptr_t)report;
		ev.evidence_len = SNPDEV_REPORT_LEN;
		if (certs) {
			free(buf);
			buf = calloc(1, cap);
			if (!buf)
				return fail(err, errlen, "out of memory");
			ev.aux = (uintptr_t)buf;
			ev.aux_len = cap;
		}
		if (!ioctl(d->fd, COCO_GUEST_IOC_EVIDENCE, &ev))
			break;
		if (errno == ENOSPC && certs && ev.aux_len > cap &&
		    ev.aux_len <= CERTS_MAX) {
			cap = ev.aux_len;
			continue;
		}
		free(buf);
		if (errno == EIO)
			return fail(err, errlen, "%s: the firmware refused the report: status 0x%x, exitinfo2 0x%llx",
				    d->path, ev.status,
				    (unsigned long long)ev.fw_error);
		return fail(err, errlen, "%s: report request failed: %s",
			    d->path, strerror(errno));
	}
	if (tries == 3) {
		free(buf);
		return fail(err, errlen, "%s: the certificate table kept growing",
			    d->path);
	}
	if (certs) {
		*certs = buf;
		*certs_len = ev.aux_len;
	}
	return 0;
}

static int sev_report(struct snpdev *d, const uint8_t *nonce,
		      size_t nonce_len, uint32_t vmpl, uint8_t *report,
		      uint8_t **certs, size_t *certs_len, char *err,
		      size_t errlen)
{
	struct snp_guest_request_ioctl g;
	struct snp_ext_report_req ext;
	struct snp_report_resp *resp;
	uint32_t cap = CERTS_FIRST;
	uint8_t *buf = NULL;
	unsigned long cmd;
	long used;
	int tries;

	resp = calloc(1, sizeof(*resp));
	if (!resp)
		return fail(err, errlen, "out of memory");
	for (tries = 0; tries < 3; tries++) {
		memset(&ext, 0, sizeof(ext));
		memcpy(ext.data.user_data, nonce, nonce_len);
		ext.data.vmpl = vmpl;
		memset(&g, 0, sizeof(g));
		g.msg_version = 1;
		g.resp_data = (uintptr_t)resp;
		cmd = SNP_GET_REPORT;
		g.req_data = (uintptr_t)&ext.data;
		if (certs) {
			free(buf);
			buf = calloc(1, cap);
			if (!buf)
				break;
			ext.certs_address = (uintptr_t)buf;
			ext.certs_len = cap;
			cmd = SNP_GET_EXT_REPORT;
			g.req_data = (uintptr_t)&ext;
		}
		if (!ioctl(d->fd, cmd, &g))
			break;
		if (errno == EIO && certs &&
		    g.exitinfo2 >> 32 == SNP_GUEST_VMM_ERR_INVALID_LEN &&
		    ext.certs_len > cap && ext.certs_len <= CERTS_MAX) {
			cap = ext.certs_len;
			continue;
		}
		fail(err, errlen, "%s: report request failed: %s (exitinfo2 0x%llx)",
		     d->path, strerror(errno),
		     (unsigned long long)g.exitinfo2);
		goto out_err;
	}
	if (tries == 3 || (certs && !buf)) {
		fail(err, errlen, "%s: no certificate table", d->path);
		goto out_err;
	}
	if (le32(resp->data)) {
		fail(err, errlen, "%s: the firmware refused the report: status 0x%x",
		     d->path, le32(resp->data));
		goto out_err;
	}
	if (le32(resp->data + 4) != SNPDEV_REPORT_LEN) {
		fail(err, errlen, "%s: report of %u bytes, not %u", d->path,
		     le32(resp->data + 4), SNPDEV_REPORT_LEN);
		goto out_err;
	}
	memcpy(report, resp->data + SEV_RESP_HDR, SNPDEV_REPORT_LEN);
	if (certs) {
		used = certs_used(buf, cap);
		if (used < 0) {
			fail(err, errlen, "%s: malformed certificate table",
			     d->path);
			goto out_err;
		}
		*certs = buf;
		*certs_len = (size_t)used;
	}
	free(resp);
	return 0;
out_err:
	free(buf);
	free(resp);
	return -1;
}

/**
 * snpdev_report() - an attestation report bound to a nonce
 * @d: the device
 * @nonce: REPORT_DATA, zero-padded to 64 bytes
 * @nonce_len: its length, at most 64
 * @vmpl: the VMPL to report
 * @report: receives the 1184-byte report
 * @certs: NULL for a plain report; else receives the malloc'ed
 *	certificate table of an extended report
 * @certs_len: receives its length (0: the hypervisor has none)
 * @err: receives a message on failure
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err set.
 */
int snpdev_report(struct snpdev *d, const uint8_t *nonce, size_t nonce_len,
		  uint32_t vmpl, uint8_t *report, uint8_t **certs,
		  size_t *certs_len, char *err, size_t errlen)
{
	if (nonce_len > SNPDEV_NONCE_MAX)
		return fail(err, errlen, "nonce longer than 64 bytes");
	if (d->kind == SNPDEV_COCO)
		return coco_report(d, nonce, nonce_len, vmpl, report, certs,
				   certs_len, err, errlen);
	return sev_report(d, nonce, nonce_len, vmpl, report, certs, certs_len,
			  err, errlen);
}

/**
 * snpdev_key() - a key derived by the firmware
 * @d: the device
 * @req: what to derive it from
 * @key: receives the 32-byte key
 * @err: receives a message on failure
 * @errlen: size of @err
 *
 * Return: 0, or -1 with @err set.
 */
int snpdev_key(struct snpdev *d, const struct snpdev_key_req *req,
	       uint8_t *key, char *err, size_t errlen)
{
	struct snp_guest_request_ioctl g;
	struct snp_derived_key_resp resp;
	struct snp_derived_key_req kr;
	struct coco_guest_key k;
	int ret = 0;

	if (d->kind == SNPDEV_COCO) {
		memset(&k, 0, sizeof(k));
		k.size = sizeof(k);
		k.root_key_select = req->root_key_select;
		k.privlevel = req->vmpl;
		k.guest_field_select = req->guest_field_select;
		k.guest_svn = req->guest_svn;
		k.tcb_version = req->tcb_version;
		if (ioctl(d->fd, COCO_GUEST_IOC_DERIVED_KEY, &k))
			ret = errno == EIO ?
			      fail(err, errlen, "%s: the firmware refused the key: status 0x%x, exitinfo2 0x%llx",
				   d->path, k.status,
				   (unsigned long long)k.fw_error) :
			      fail(err, errlen, "%s: key request failed: %s",
				   d->path, strerror(errno));
		else
			memcpy(key, k.key, SNPDEV_KEY_LEN);
		memset(&k, 0, sizeof(k));
		return ret;
	}
	memset(&kr, 0, sizeof(kr));
	kr.root_key_select = req->root_key_select;
	kr.guest_field_select = req->guest_field_select;
	kr.vmpl = req->vmpl;
	kr.guest_svn = req->guest_svn;
	kr.tcb_version = req->tcb_version;
	memset(&resp, 0, sizeof(resp));
	memset(&g, 0, sizeof(g));
	g.msg_version = 1;
	g.req_data = (uintptr_t)&kr;
	g.resp_data = (uintptr_t)&resp;
	if (ioctl(d->fd, SNP_GET_DERIVED_KEY, &g))
		ret = fail(err, errlen, "%s: key request failed: %s (exitinfo2 0x%llx)",
			   d->path, strerror(errno),
			   (unsigned long long)g.exitinfo2);
	else if (le32(resp.data))
		ret = fail(err, errlen, "%s: the firmware refused the key: status 0x%x",
			   d->path, le32(resp.data));
	else
		memcpy(key, resp.data + SEV_RESP_HDR, SNPDEV_KEY_LEN);
	memset(&resp, 0, sizeof(resp));
	return ret;
}

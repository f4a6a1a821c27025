// SPDX-License-Identifier: GPL-2.0-only
/*
 * SNP evidence for the attestation interfaces: attestation reports (plain
 * or extended, with the hypervisor's certificate table) and derived keys,
 * as MSG_REPORT_REQ / MSG_KEY_REQ guest messages on the channel of
 * snp_guest.c.  Facts from shared/spec/x86-sev.md sections 7.4 and 7.5.
 *
 * The responses come from the firmware through an authenticated channel;
 * their sizes are still checked before use.  The certificate table comes
 * from the hypervisor and is validated (every entry inside the buffer,
 * terminated) before anyone is told how long it is.
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <coco/byteimg_le.h>
#include <coco/snp_msg.h>
#include "attest.h"
#include "coco_guest.h"

#define SNP_REPORT_REQ_LEN		96
#define SNP_REPORT_REQ_OFF_VMPL		0x40
#define SNP_RSP_OFF_STATUS		0x00
#define SNP_RSP_OFF_REPORT_SIZE		0x04
#define SNP_RSP_HDR_LEN			0x20
#define SNP_REPORT_RSP_LEN		(SNP_RSP_HDR_LEN + COCO_ATTEST_SNP_REPORT_LEN)
#define SNP_KEY_REQ_LEN			32
#define SNP_KEY_REQ_OFF_ROOT		0x00
#define SNP_KEY_REQ_OFF_FIELDS		0x08
#define SNP_KEY_REQ_OFF_VMPL		0x10
#define SNP_KEY_REQ_OFF_SVN		0x14
#define SNP_KEY_REQ_OFF_TCB		0x18
#define SNP_KEY_RSP_LEN			(SNP_RSP_HDR_LEN + COCO_ATTEST_SNP_KEY_LEN)
#define SNP_VMPL_MAX			3
#define SNP_MSG_VERSION			1

static bool snp_all_zero(const u8 *p, u32 len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

/**
 * coco_attest_snp_available() - can SNP evidence be requested
 * @guest: the module state
 *
 * Return: true on an SNP guest whose message channel is usable.
 */
bool coco_attest_snp_available(struct coco_guest *guest)
{
	return guest->det.kind == COCO_PLATFORM_SEV_SNP &&
	       coco_guest_snp_ready();
}

/**
 * coco_attest_snp_certs_used() - validate a certificate table
 * @certs: the table as copied out of the hypervisor's buffer
 * @len: size of @certs
 * @used: the bytes the table and its certificates occupy
 *
 * Entries are GUID[16], offset (u32, from the table's start), length
 * (u32); an all-zero entry ends the table.
 *
 * Return: 0, or -EBADMSG for a table without its end or with an entry
 * that points outside @certs or into the table itself.
 */
int coco_attest_snp_certs_used(const u8 *certs, u32 len, u32 *used)
{
	const u32 n = COCO_ATTEST_SNP_CERT_ENTRY_LEN;
	u32 off, i, end, table_end;
	u64 e_off, e_len;

	/* First find the terminator: entries must not overlap the table. */
	for (off = 0; ; off += n) {
		if (off + n > len)
			return -EBADMSG;
		if (snp_all_zero(certs + off, n))
			break;
	}
	table_end = off + n;
	end = table_end;
	for (i = 0; i < off; i += n) {
		e_off = coco_get_le32(certs + i + 16);
		e_len = coco_get_le32(certs + i + 20);
		if (e_off < table_end || e_off + e_len > len)
			return -EBADMSG;
		if (e_off + e_len > end)
			end = e_off + e_len;
	}
	/* A table with no entries holds no certificates. */
	*used = off ? end : 0;
	return 0;
}

/**
 * coco_attest_snp_report() - an attestation report bound to @data
 * @data: REPORT_DATA, zero-padded to 64 bytes
 * @data_len: bytes of @data, at most 64
 * @vmpl: the VMPL to report, 0..3
 * @report: receives the 1184-byte ATTESTATION_REPORT
 * @certs: NULL for a plain report; else a buffer for the certificate
 *	table of an extended report
 * @certs_len: with @certs: in: its size, a multiple of 4096 up to
 *	COCO_ATTEST_SNP_CERTS_MAX; out: the bytes the table uses (0 when the
 *	hypervisor has none), or with -ENOSPC the bytes needed
 * @status: the status word of the firmware's response
 * @fw_error: SW_EXITINFO2 of the exchange
 *
 * Return: 0; -EINVAL for bad arguments (no message sent); -EIO when the
 * firmware answered with a non-zero status or the exchange failed with a
 * firmware or hypervisor error; -ENOSPC when @certs is too small;
 * -EBADMSG for a malformed response or certificate table; -ENODEV
 * without an SNP channel; otherwise as coco_guest_snp_request().
 */
int coco_attest_snp_report(const u8 *data, u32 data_len, u32 vmpl,
			   u8 *report, u8 *certs, u32 *certs_len, u32 *status,
			   u64 *fw_error)
{
	u8 req[SNP_REPORT_REQ_LEN] = { 0 };
	u16 rlen = 0;
	u8 *rsp;
	int ret;

	*status = 0;
	*fw_error = 0;
	if (data_len > COCO_ATTEST_SNP_DATA_LEN || vmpl > SNP_VMPL_MAX)
		return -EINVAL;
	if (certs && (!*certs_len || *certs_len % SNP_PAGE_SIZE ||
		      *certs_len > COCO_ATTEST_SNP_CERTS_MAX))
		return -EINVAL;
	rsp = kzalloc(SNP_REPORT_RSP_LEN, GFP_KERNEL);
	if (!rsp)
		return -ENOMEM;
	memcpy(req, data, data_len);
	coco_put_le32(req + SNP_REPORT_REQ_OFF_VMPL, vmpl);

	ret = coco_guest_snp_request(SNP_MSG_REPORT_REQ, SNP_MSG_VERSION, req,
				     sizeof(req), rsp, SNP_REPORT_RSP_LEN,
				     &rlen, certs, certs_len, fw_error);
	if (ret)
		goto out;
	ret = -EBADMSG;
	if (rlen < SNP_RSP_HDR_LEN)
		goto out;
	*status = coco_get_le32(rsp + SNP_RSP_OFF_STATUS);
	if (*status) {
		ret = -EIO;
		goto out;
	}
	if (rlen != SNP_REPORT_RSP_LEN ||
	    coco_get_le32(rsp + SNP_RSP_OFF_REPORT_SIZE) !=
	    COCO_ATTEST_SNP_REPORT_LEN)
		goto out;
	if (certs) {
		ret = coco_attest_snp_certs_used(certs, *certs_len, certs_len);
		if (ret)
			goto out;
	}
	memcpy(report, rsp + SNP_RSP_HDR_LEN, COCO_ATTEST_SNP_REPORT_LEN);
	ret = 0;
out:
	kfree(rsp);
	return ret;
}

/**
 * coco_attest_snp_key() - a key derived by the firmware
 * @req: what to derive it from
 * @key: receives the 32-byte key
 * @status: the status word of the firmware's response
 * @fw_error: SW_EXITINFO2 of the exchange
 *
 * Return: 0; -EINVAL for a VMPL above 3 or a root key other than 0 or 1
 * (no message sent); -EIO for a non-zero status or a failed exchange;
 * -EBADMSG for a malformed response; otherwise as
 * coco_guest_snp_request().
 */
int coco_attest_snp_key(const struct coco_attest_snp_key *req, u8 *key,
			u32 *status, u64 *fw_error)
{
	u8 msg[SNP_KEY_REQ_LEN] = { 0 };
	u8 rsp[SNP_KEY_RSP_LEN] = { 0 };
	u16 rlen = 0;
	int ret;

	*status = 0;
	*fw_error = 0;
	if (req->vmpl > SNP_VMPL_MAX || req->root_key_select > 1)
		return -EINVAL;
	coco_put_le32(msg + SNP_KEY_REQ_OFF_ROOT, req->root_key_select);
	coco_put_le64(msg + SNP_KEY_REQ_OFF_FIELDS, req->guest_field_select);
	coco_put_le32(msg + SNP_KEY_REQ_OFF_VMPL, req->vmpl);
	coco_put_le32(msg + SNP_KEY_REQ_OFF_SVN, req->guest_svn);
	coco_put_le64(msg + SNP_KEY_REQ_OFF_TCB, req->tcb_version);

	ret = coco_guest_snp_request(SNP_MSG_KEY_REQ, SNP_MSG_VERSION, msg,
				     sizeof(msg), rsp, sizeof(rsp), &rlen, NULL,
				     NULL, fw_error);
	if (ret)
		goto out;
	ret = -EBADMSG;
	if (rlen < SNP_RSP_HDR_LEN)
		goto out;
	*status = coco_get_le32(rsp + SNP_RSP_OFF_STATUS);
	if (*status) {
		ret = -EIO;
		goto out;
	}
	if (rlen != SNP_KEY_RSP_LEN)
		goto out;
	memcpy(key, rsp + SNP_RSP_HDR_LEN, COCO_ATTEST_SNP_KEY_LEN);
	ret = 0;
out:
	memzero_explicit(rsp, sizeof(rsp));
	return ret;
}

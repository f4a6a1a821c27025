// SPDX-License-Identifier: GPL-2.0-only
/*
 * The simulated AMD-SP: the guest's secrets page and the guest request
 * (MSG_REPORT_REQ, MSG_KEY_REQ) as spec/x86-sev.md section 7 describes
 * them.  The firmware is the trusted party, and it treats the request page
 * as it treats all guest memory it is handed: copied once, then checked.
 *
 * Order of checks on a request (each refusal leaves the response page and
 * the VMPCK's counter untouched):
 *   1. header: algo 1, hdr_version 1, hdr_sz 96, reserved bytes zero,
 *      msg_vmpck <= 3, msg_type a request this firmware handles,
 *      msg_version 1, msg_sz the size of that request -> INVALID_PARAM
 *      (UNSUPPORTED for a defined request type the model does not handle);
 *   2. the counter: a response needs seqno + 1, so a counter at
 *      2^64 - 2 or above is exhausted -> AEAD_OFLOW;
 *   3. msg_seqno == counter + 1, else INVALID_PARAM;
 *   4. AES-256-GCM open under VMPCK[msg_vmpck], IV = le64(seqno) || 0^4,
 *      AAD = header bytes 0x30..0x5f -> INVALID_PARAM when it fails.
 * Then the payload is processed; its own problems become the status in the
 * response payload, the response is sealed with seqno + 1 and the counter
 * moves to seqno + 1.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "snpfw_int.h"

/* Message header offsets. */
#define HDR_AUTHTAG		0x00
#define HDR_SEQNO		0x20
#define HDR_RSVD1		0x28
#define HDR_ALGO		0x30
#define HDR_HDR_VERSION		0x31
#define HDR_HDR_SZ		0x32
#define HDR_TYPE		0x34
#define HDR_VERSION		0x35
#define HDR_SZ			0x36
#define HDR_RSVD2		0x38
#define HDR_VMPCK		0x3c
#define HDR_RSVD3		0x3d
#define HDR_AAD			0x30
#define HDR_AAD_LEN		0x30
#define AEAD_AES_256_GCM	1
#define TAG_LEN			16

/* Report offsets (spec/x86-sev.md 7.4, ATTESTATION_REPORT). */
#define RPT_VERSION		0x000
#define RPT_GUEST_SVN		0x004
#define RPT_POLICY		0x008
#define RPT_FAMILY_ID		0x010
#define RPT_IMAGE_ID		0x020
#define RPT_VMPL		0x030
#define RPT_SIG_ALGO		0x034
#define RPT_CURRENT_TCB		0x038
#define RPT_PLATFORM_INFO	0x040
#define RPT_KEY_INFO		0x048
#define RPT_REPORT_DATA		0x050
#define RPT_MEASUREMENT		0x090
#define RPT_HOST_DATA		0x0c0
#define RPT_REPORT_ID		0x140
#define RPT_REPORT_ID_MA	0x160
#define RPT_REPORTED_TCB	0x180
#define RPT_CPUID_FAM		0x188
#define RPT_CPUID_MOD		0x189
#define RPT_CPUID_STEP		0x18a
#define RPT_CHIP_ID		0x1a0
#define RPT_COMMITTED_TCB	0x1e0
#define RPT_CURRENT_BUILD	0x1e8
#define RPT_COMMITTED_BUILD	0x1ec
#define RPT_LAUNCH_TCB		0x1f0
#define RPT_SIG_R		0x2a0
#define RPT_SIG_S		0x2e8
#define RPT_SIG_COMPONENT	72

#define KEY_INFO_MASK_CHIP_KEY	(1u << 1)
#define SIG_ALGO_ECDSA_P384	1

/* Defaults of a fresh chip: a Milan B0 at a plausible current TCB. */
#define DEFAULT_POLICY		0x30000ULL	/* SMT allowed, bit 17 set */
#define DEFAULT_TCB		SNPFW_TCB(4, 0, 23, 213)
#define DEFAULT_FMS		0x00a00f10u	/* family 19h model 1 step 0 */
#define DEFAULT_PLATFORM_INFO	0x1ULL		/* SMT enabled */
#define DEFAULT_REPORT_VERSION	3

/* ---------------------------------------------------------- create -- */

int snpfw_create(uint64_t seed, struct snpfw **out)
{
	struct snpfw *fw = calloc(1, sizeof(*fw));
	uint8_t s[8];
	unsigned int i;
	int ret = -EIO;

	*out = NULL;
	if (!fw)
		return -ENOMEM;
	fw->seed = seed;
	snpfw_put_le64(s, seed);
	/* master = SHA-512("coco-guest simfw snp" || le64(seed)) */
	{
		static const char tag[] = "coco-guest simfw snp";
		EVP_MD_CTX *md = EVP_MD_CTX_new();
		unsigned int len = 0;
		int ok = md && EVP_DigestInit_ex(md, EVP_sha512(), NULL) &&
			 EVP_DigestUpdate(md, tag, sizeof(tag) - 1) &&
			 EVP_DigestUpdate(md, s, sizeof(s)) &&
			 EVP_DigestFinal_ex(md, fw->master, &len) &&
			 len == sizeof(fw->master);

		EVP_MD_CTX_free(md);
		if (!ok)
			goto fail;
	}
	if (snpfw_derive(fw, "chip-secret", 0, fw->chip_secret,
			 sizeof(fw->chip_secret)) ||
	    snpfw_derive(fw, "chip-id", 0, fw->chip_id,
			 sizeof(fw->chip_id)) ||
	    snpfw_derive(fw, "measurement", 0, fw->measurement,
			 sizeof(fw->measurement)) ||
	    snpfw_derive(fw, "report-id", 0, fw->report_id,
			 sizeof(fw->report_id)))
		goto fail;
	for (i = 0; i < SNPFW_VMPCK_COUNT; i++)
		if (snpfw_derive(fw, "vmpck", i, fw->vmpck[i],
				 SNPFW_VMPCK_SIZE))
			goto fail;
	fw->policy = DEFAULT_POLICY;
	fw->tcb.current_tcb = DEFAULT_TCB;
	fw->tcb.reported = DEFAULT_TCB;
	fw->tcb.committed = DEFAULT_TCB;
	fw->tcb.launch = DEFAULT_TCB;
	fw->platform_info = DEFAULT_PLATFORM_INFO;
	fw->report_version = DEFAULT_REPORT_VERSION;
	fw->fms = DEFAULT_FMS;
	fw->fw_major = 1;
	fw->fw_minor = 55;
	fw->fw_build = 21;

	ret = snpfw_pki_init(fw);
	if (ret)
		goto fail;
	*out = fw;
	return 0;
fail:
	snpfw_destroy(fw);
	return ret;
}

void snpfw_destroy(struct snpfw *fw)
{
	if (!fw)
		return;
	snpfw_pki_free(fw);
	OPENSSL_cleanse(fw, sizeof(*fw));
	free(fw);
}

void snpfw_secrets_page(const struct snpfw *fw, uint8_t page[SNPFW_PAGE_SIZE])
{
	unsigned int i;

	memset(page, 0, SNPFW_PAGE_SIZE);
	snpfw_put_le32(page + SNPFW_SECRETS_VERSION, 3);
	snpfw_put_le32(page + SNPFW_SECRETS_FMS, fw->fms);
	for (i = 0; i < SNPFW_VMPCK_COUNT; i++)
		memcpy(page + SNPFW_SECRETS_VMPCK0 + i * SNPFW_VMPCK_SIZE,
		       fw->vmpck[i], SNPFW_VMPCK_SIZE);
	/* The OS area (sequence numbers) starts zeroed: it is the guest's. */
}

/* ----------------------------------------------------------- knobs -- */

void snpfw_get_info(const struct snpfw *fw, struct snpfw_info *info)
{
	memset(info, 0, sizeof(*info));
	info->seed = fw->seed;
	memcpy(info->chip_id, fw->chip_id, sizeof(info->chip_id));
	memcpy(info->measurement, fw->measurement, sizeof(info->measurement));
	memcpy(info->host_data, fw->host_data, sizeof(info->host_data));
	memcpy(info->family_id, fw->family_id, sizeof(info->family_id));
	memcpy(info->image_id, fw->image_id, sizeof(info->image_id));
	memcpy(info->report_id, fw->report_id, sizeof(info->report_id));
	info->policy = fw->policy;
	info->guest_svn = fw->guest_svn;
	info->tcb = fw->tcb;
	info->platform_info = fw->platform_info;
	info->report_version = fw->report_version;
	info->mask_chip_id = fw->mask_chip_id;
	memcpy(info->vmpck, fw->vmpck, sizeof(info->vmpck));
	memcpy(info->seqno, fw->seqno, sizeof(info->seqno));
}

uint64_t snpfw_vmpck_seqno(const struct snpfw *fw, unsigned int vmpck)
{
	return vmpck < SNPFW_VMPCK_COUNT ? fw->seqno[vmpck] : 0;
}

int snpfw_set_vmpck_seqno(struct snpfw *fw, unsigned int vmpck,
			  uint64_t seqno)
{
	if (vmpck >= SNPFW_VMPCK_COUNT)
		return -EINVAL;
	fw->seqno[vmpck] = seqno;
	return 0;
}

int snpfw_set_tcbs(struct snpfw *fw, const struct snpfw_tcbs *tcbs)
{
	struct snpfw_tcbs old = fw->tcb;
	int ret;

	fw->tcb = *tcbs;
	if (old.reported == tcbs->reported)
		return 0;
	ret = snpfw_pki_vcek(fw);
	if (ret)
		fw->tcb = old;
	return ret;
}

int snpfw_set_tcb(struct snpfw *fw, uint64_t tcb)
{
	struct snpfw_tcbs t = { tcb, tcb, tcb, tcb };

	return snpfw_set_tcbs(fw, &t);
}

void snpfw_set_measurement(struct snpfw *fw, const uint8_t measurement[48])
{
	memcpy(fw->measurement, measurement, sizeof(fw->measurement));
}

void snpfw_set_host_data(struct snpfw *fw, const uint8_t host_data[32])
{
	memcpy(fw->host_data, host_data, sizeof(fw->host_data));
}

void snpfw_set_family_id(struct snpfw *fw, const uint8_t family_id[16])
{
	memcpy(fw->family_id, family_id, sizeof(fw->family_id));
}

void snpfw_set_image_id(struct snpfw *fw, const uint8_t image_id[16])
{
	memcpy(fw->image_id, image_id, sizeof(fw->image_id));
}

void snpfw_set_policy(struct snpfw *fw, uint64_t policy)
{
	fw->policy = policy;
}

void snpfw_set_guest_svn(struct snpfw *fw, uint32_t svn)
{
	fw->guest_svn = svn;
}

void snpfw_set_platform_info(struct snpfw *fw, uint64_t platform_info)
{
	fw->platform_info = platform_info;
}

void snpfw_set_mask_chip_id(struct snpfw *fw, bool mask)
{
	fw->mask_chip_id = mask;
}

int snpfw_set_report_version(struct snpfw *fw, uint32_t version)
{
	if (version != 2 && version != 3)
		return -EINVAL;
	fw->report_version = version;
	return 0;
}

/* ---------------------------------------------------------- report -- */

/* ECDSA P-384 / SHA-384 over 0x000..0x29f, R and S little-endian. */
static int sign_report(const struct snpfw *fw, uint8_t *r)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char der[128];
	const unsigned char *p = der;
	size_t len = sizeof(der);
	ECDSA_SIG *sig = NULL;
	const BIGNUM *br, *bs;
	int ok = 0;

	if (md &&
	    EVP_DigestSignInit_ex(md, NULL, "SHA384", NULL, NULL,
				  fw->vcek_key, NULL) > 0 &&
	    EVP_DigestSign(md, der, &len, r, SNPFW_REPORT_SIGNED_SIZE) > 0)
		sig = d2i_ECDSA_SIG(NULL, &p, (long)len);
	if (sig) {
		ECDSA_SIG_get0(sig, &br, &bs);
		ok = BN_bn2lebinpad(br, r + RPT_SIG_R, RPT_SIG_COMPONENT) ==
			     RPT_SIG_COMPONENT &&
		     BN_bn2lebinpad(bs, r + RPT_SIG_S, RPT_SIG_COMPONENT) ==
			     RPT_SIG_COMPONENT;
	}
	ECDSA_SIG_free(sig);
	EVP_MD_CTX_free(md);
	return ok ? 0 : -EIO;
}

static void put_tcb_version(uint8_t *p, const struct snpfw *fw)
{
	p[0] = fw->fw_build;
	p[1] = fw->fw_minor;
	p[2] = fw->fw_major;
}

static int build_report(const struct snpfw *fw, const uint8_t *data,
			uint32_t vmpl, uint8_t *r)
{
	uint32_t fam = (fw->fms >> 8) & 0xf;

	if (fam == 0xf)
		fam += (fw->fms >> 20) & 0xff;
	memset(r, 0, SNPFW_REPORT_SIZE);
	snpfw_put_le32(r + RPT_VERSION, fw->report_version);
	snpfw_put_le32(r + RPT_GUEST_SVN, fw->guest_svn);
	snpfw_put_le64(r + RPT_POLICY, fw->policy);
	memcpy(r + RPT_FAMILY_ID, fw->family_id, sizeof(fw->family_id));
	memcpy(r + RPT_IMAGE_ID, fw->image_id, sizeof(fw->image_id));
	snpfw_put_le32(r + RPT_VMPL, vmpl);
	snpfw_put_le32(r + RPT_SIG_ALGO, SIG_ALGO_ECDSA_P384);
	snpfw_put_le64(r + RPT_CURRENT_TCB, fw->tcb.current_tcb);
	snpfw_put_le64(r + RPT_PLATFORM_INFO, fw->platform_info);
	/* SIGNING_KEY (bits 4:2) 0 = VCEK; no author key. */
	snpfw_put_le32(r + RPT_KEY_INFO,
		       fw->mask_chip_id ? KEY_INFO_MASK_CHIP_KEY : 0);
	memcpy(r + RPT_REPORT_DATA, data, 64);
	memcpy(r + RPT_MEASUREMENT, fw->measurement, sizeof(fw->measurement));
	memcpy(r + RPT_HOST_DATA, fw->host_data, sizeof(fw->host_data));
	/* ID_KEY_DIGEST, AUTHOR_KEY_DIGEST: zero, launched without an ID block */
	memcpy(r + RPT_REPORT_ID, fw->report_id, sizeof(fw->report_id));
	/* REPORT_ID_MA: all ones, no migration agent (as real reports show) */
	memset(r + RPT_REPORT_ID_MA, 0xff, 32);
	snpfw_put_le64(r + RPT_REPORTED_TCB, fw->tcb.reported);
	if (fw->report_version >= 3) {
		r[RPT_CPUID_FAM] = (uint8_t)fam;
		r[RPT_CPUID_MOD] = (uint8_t)(((fw->fms >> 12) & 0xf0) |
					     ((fw->fms >> 4) & 0xf));
		r[RPT_CPUID_STEP] = (uint8_t)(fw->fms & 0xf);
	}
	if (!fw->mask_chip_id)
		memcpy(r + RPT_CHIP_ID, fw->chip_id, sizeof(fw->chip_id));
	snpfw_put_le64(r + RPT_COMMITTED_TCB, fw->tcb.committed);
	put_tcb_version(r + RPT_CURRENT_BUILD, fw);
	put_tcb_version(r + RPT_COMMITTED_BUILD, fw);
	snpfw_put_le64(r + RPT_LAUNCH_TCB, fw->tcb.launch);
	return sign_report(fw, r);
}

/*
 * MSG_REPORT_REQ: 0x00 REPORT_DATA[64], 0x40 vmpl, 0x44 key_sel (bits 1:0:
 * 0 default, 1 VCEK, 2 VLEK), 0x48 reserved[24].  MSG_REPORT_RSP: status,
 * report_size, reserved[24], report.
 */
static int do_report(const struct snpfw *fw, unsigned int vmpck,
		     const uint8_t *req, uint8_t *rsp, size_t *rsp_len)
{
	uint32_t vmpl = snpfw_get_le32(req + 0x40);
	uint32_t key_sel = snpfw_get_le32(req + 0x44);
	uint32_t status = SNPFW_STATUS_SUCCESS;
	int ret;

	*rsp_len = SNPFW_REPORT_RSP_SIZE;
	memset(rsp, 0, SNPFW_REPORT_RSP_SIZE);
	if (vmpl > 3 || vmpl < vmpck || (key_sel & ~3u) ||
	    !snpfw_all_zero(req + 0x48, 24) || key_sel == 3)
		status = SNPFW_STATUS_INVALID_PARAM;
	else if (key_sel == 2)		/* no VLEK is loaded */
		status = SNPFW_STATUS_INVALID_KEY;
	snpfw_put_le32(rsp, status);
	if (status)
		return 0;
	ret = build_report(fw, req, vmpl, rsp + 0x20);
	if (ret)
		return ret;
	snpfw_put_le32(rsp + 4, SNPFW_REPORT_SIZE);
	return 0;
}

/* Per-component TCB comparison: every SPL byte of @a at most that of @b. */
static bool tcb_le(uint64_t a, uint64_t b)
{
	unsigned int i;

	for (i = 0; i < 64; i += 8)
		if (((a >> i) & 0xff) > ((b >> i) & 0xff))
			return false;
	return true;
}

/*
 * MSG_KEY_REQ: 0x00 root_key_select (bit 0: 0 VCEK, 1 VMRK; bits 2:1
 * key_sel as in the report request), 0x04 reserved, 0x08
 * guest_field_select, 0x10 vmpl, 0x14 guest_svn, 0x18 tcb_version.
 * MSG_KEY_RSP: status, reserved[28], key[32].
 *
 * key = HMAC-SHA384(chip secret, "coco-guest simfw snp derived key" ||
 *	 le32(root) || le64(guest_field_select) || le32(vmpl) ||
 *	 each selected field in bit order)[0..31]
 * where root is the root key actually used: 0, the VCEK, whether key_sel
 * asked for it (1) or defaulted to it (0); VMRK and VLEK are refused.
 */
static int do_key(const struct snpfw *fw, unsigned int vmpck,
		  const uint8_t *req, uint8_t *rsp, size_t *rsp_len)
{
	static const char tag[] = "coco-guest simfw snp derived key";
	uint32_t root = snpfw_get_le32(req);
	uint64_t gfs = snpfw_get_le64(req + 0x08);
	uint32_t vmpl = snpfw_get_le32(req + 0x10);
	uint32_t svn = snpfw_get_le32(req + 0x14);
	uint64_t tcb = snpfw_get_le64(req + 0x18);
	uint32_t status = SNPFW_STATUS_SUCCESS, key_sel = (root >> 1) & 3;
	uint8_t msg[256], mac[48];
	unsigned int maclen = sizeof(mac);
	size_t n = 0;

	*rsp_len = SNPFW_KEY_RSP_SIZE;
	memset(rsp, 0, SNPFW_KEY_RSP_SIZE);
	if ((root & ~7u) || snpfw_get_le32(req + 0x04) || key_sel == 3 ||
	    (gfs & ~0x3fULL) || vmpl > 3 || vmpl < vmpck ||
	    ((gfs & SNPFW_KEY_FIELD_GUEST_SVN) && svn > fw->guest_svn) ||
	    ((gfs & SNPFW_KEY_FIELD_TCB_VERSION) &&
	     !tcb_le(tcb, fw->tcb.committed)))
		status = SNPFW_STATUS_INVALID_PARAM;
	else if (key_sel == 2 || (root & 1))	/* no VLEK, no VMRK */
		status = SNPFW_STATUS_INVALID_KEY;
	snpfw_put_le32(rsp, status);
	if (status)
		return 0;

	memcpy(msg, tag, sizeof(tag) - 1);
	n = sizeof(tag) - 1;
	snpfw_put_le32(msg + n, 0);	/* root: VCEK */
	snpfw_put_le64(msg + n + 4, gfs);
	snpfw_put_le32(msg + n + 12, vmpl);
	n += 16;
	if (gfs & SNPFW_KEY_FIELD_POLICY) {
		snpfw_put_le64(msg + n, fw->policy);
		n += 8;
	}
	if (gfs & SNPFW_KEY_FIELD_IMAGE_ID) {
		memcpy(msg + n, fw->image_id, sizeof(fw->image_id));
		n += sizeof(fw->image_id);
	}
	if (gfs & SNPFW_KEY_FIELD_FAMILY_ID) {
		memcpy(msg + n, fw->family_id, sizeof(fw->family_id));
		n += sizeof(fw->family_id);
	}
	if (gfs & SNPFW_KEY_FIELD_MEASUREMENT) {
		memcpy(msg + n, fw->measurement, sizeof(fw->measurement));
		n += sizeof(fw->measurement);
	}
	if (gfs & SNPFW_KEY_FIELD_GUEST_SVN) {
		snpfw_put_le32(msg + n, svn);
		n += 4;
	}
	if (gfs & SNPFW_KEY_FIELD_TCB_VERSION) {
		snpfw_put_le64(msg + n, tcb);
		n += 8;
	}
	if (!HMAC(EVP_sha384(), fw->chip_secret, sizeof(fw->chip_secret), msg,
		  n, mac, &maclen) || maclen != sizeof(mac))
		return -EIO;
	memcpy(rsp + 0x20, mac, 32);
	OPENSSL_cleanse(mac, sizeof(mac));
	return 0;
}

/* --------------------------------------------------------- request -- */

static int gcm(bool enc, const uint8_t key[32], uint64_t seqno,
	       const uint8_t *aad, const uint8_t *in, size_t len, uint8_t *out,
	       uint8_t tag[TAG_LEN])
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	uint8_t iv[12] = { 0 };
	int n, ok;

	snpfw_put_le64(iv, seqno);
	ok = c && EVP_CipherInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL,
				    enc) &&
	     EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, sizeof(iv),
				 NULL) &&
	     EVP_CipherInit_ex(c, NULL, NULL, key, iv, enc) &&
	     EVP_CipherUpdate(c, NULL, &n, aad, HDR_AAD_LEN) &&
	     EVP_CipherUpdate(c, out, &n, in, (int)len) && (size_t)n == len;
	if (ok && !enc)
		ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, TAG_LEN,
					 tag);
	ok = ok && EVP_CipherFinal_ex(c, out + len, &n) && n == 0;
	if (ok && enc)
		ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, TAG_LEN, tag);
	EVP_CIPHER_CTX_free(c);
	return ok ? 0 : -EBADMSG;
}

/* The request size of each message type this firmware handles. */
static uint32_t check_type(uint8_t type, uint16_t *size)
{
	switch (type) {
	case SNPFW_MSG_REPORT_REQ:
		*size = SNPFW_REPORT_REQ_SIZE;
		return SNPFW_STATUS_SUCCESS;
	case SNPFW_MSG_KEY_REQ:
		*size = SNPFW_KEY_REQ_SIZE;
		return SNPFW_STATUS_SUCCESS;
	case 1:		/* CPUID_REQ */
	case 7:		/* EXPORT_REQ */
	case 9:		/* IMPORT_REQ */
	case 11:	/* ABSORB_REQ */
	case 13:	/* VMRK_REQ */
	case 17:	/* TSC_INFO_REQ */
		return SNPFW_STATUS_UNSUPPORTED;
	default:
		return SNPFW_STATUS_INVALID_PARAM;
	}
}

static uint32_t check_header(const uint8_t *h)
{
	uint16_t want = 0;
	uint32_t st;

	if (h[HDR_ALGO] != AEAD_AES_256_GCM || h[HDR_HDR_VERSION] != 1 ||
	    snpfw_get_le16(h + HDR_HDR_SZ) != SNPFW_MSG_HDR_SIZE ||
	    !snpfw_all_zero(h + HDR_RSVD1, 8) ||
	    !snpfw_all_zero(h + HDR_RSVD2, 4) ||
	    !snpfw_all_zero(h + HDR_RSVD3, SNPFW_MSG_HDR_SIZE - HDR_RSVD3) ||
	    h[HDR_VMPCK] >= SNPFW_VMPCK_COUNT)
		return SNPFW_STATUS_INVALID_PARAM;
	st = check_type(h[HDR_TYPE], &want);
	if (st)
		return st;
	if (h[HDR_VERSION] != 1 || snpfw_get_le16(h + HDR_SZ) != want)
		return SNPFW_STATUS_INVALID_PARAM;
	return SNPFW_STATUS_SUCCESS;
}

uint32_t snpfw_guest_request(struct snpfw *fw, const uint8_t *req_page,
			     uint8_t *resp_page, uint64_t *exitinfo2)
{
	uint8_t req[SNPFW_PAGE_SIZE], rsp[SNPFW_PAGE_SIZE];
	uint8_t pt[SNPFW_MSG_PAYLOAD_MAX + 16];
	uint8_t out[SNPFW_MSG_PAYLOAD_MAX + 16];
	uint64_t seqno;
	unsigned int vmpck;
	size_t len, out_len = 0;
	uint32_t st;
	int ret;

	/* One read of guest memory; everything below uses the copy. */
	memcpy(req, req_page, sizeof(req));
	st = check_header(req);
	if (st)
		goto done;
	vmpck = req[HDR_VMPCK];
	seqno = snpfw_get_le64(req + HDR_SEQNO);
	len = snpfw_get_le16(req + HDR_SZ);
	if (fw->seqno[vmpck] >= UINT64_MAX - 1) {
		st = SNPFW_STATUS_AEAD_OFLOW;
		goto done;
	}
	if (seqno != fw->seqno[vmpck] + 1 ||
	    gcm(false, fw->vmpck[vmpck], seqno, req + HDR_AAD,
		req + SNPFW_MSG_HDR_SIZE, len, pt, req + HDR_AUTHTAG)) {
		st = SNPFW_STATUS_INVALID_PARAM;
		goto done;
	}

	if (req[HDR_TYPE] == SNPFW_MSG_REPORT_REQ)
		ret = do_report(fw, vmpck, pt, out, &out_len);
	else
		ret = do_key(fw, vmpck, pt, out, &out_len);
	if (ret) {
		st = SNPFW_STATUS_RESOURCE_LIMIT;
		goto done;
	}

	memset(rsp, 0, sizeof(rsp));
	snpfw_put_le64(rsp + HDR_SEQNO, seqno + 1);
	rsp[HDR_ALGO] = AEAD_AES_256_GCM;
	rsp[HDR_HDR_VERSION] = 1;
	snpfw_put_le16(rsp + HDR_HDR_SZ, SNPFW_MSG_HDR_SIZE);
	rsp[HDR_TYPE] = req[HDR_TYPE] + 1;
	rsp[HDR_VERSION] = req[HDR_VERSION];
	snpfw_put_le16(rsp + HDR_SZ, (uint16_t)out_len);
	rsp[HDR_VMPCK] = (uint8_t)vmpck;
	if (gcm(true, fw->vmpck[vmpck], seqno + 1, rsp + HDR_AAD, out,
		out_len, rsp + SNPFW_MSG_HDR_SIZE, rsp + HDR_AUTHTAG)) {
		st = SNPFW_STATUS_RESOURCE_LIMIT;
		goto done;
	}
	fw->seqno[vmpck] = seqno + 1;
	memcpy(resp_page, rsp, sizeof(rsp));
done:
	OPENSSL_cleanse(pt, sizeof(pt));
	OPENSSL_cleanse(out, sizeof(out));
	if (exitinfo2)
		*exitinfo2 = st;
	return st;
}

uint32_t snpfw_hook_guest_request(void *ctx, const uint8_t *req,
				  uint8_t *resp)
{
	return snpfw_guest_request(ctx, req, resp, NULL);
}

/* ----------------------------------------------------- guest helper -- */

int snpfw_guest_get_report(struct snpfw *fw, unsigned int vmpck,
			   const uint8_t report_data[64], uint32_t vmpl,
			   uint8_t report[SNPFW_REPORT_SIZE])
{
	uint8_t req[SNPFW_PAGE_SIZE] = { 0 }, rsp[SNPFW_PAGE_SIZE] = { 0 };
	uint8_t pt[SNPFW_REPORT_REQ_SIZE] = { 0 };
	uint8_t body[SNPFW_MSG_PAYLOAD_MAX + 16];
	uint64_t seqno;
	uint32_t st;
	uint16_t len;
	int ret = -EBADMSG;

	if (vmpck >= SNPFW_VMPCK_COUNT)
		return -EINVAL;
	seqno = fw->seqno[vmpck] + 1;
	memcpy(pt, report_data, 64);
	snpfw_put_le32(pt + 0x40, vmpl);
	snpfw_put_le64(req + HDR_SEQNO, seqno);
	req[HDR_ALGO] = AEAD_AES_256_GCM;
	req[HDR_HDR_VERSION] = 1;
	snpfw_put_le16(req + HDR_HDR_SZ, SNPFW_MSG_HDR_SIZE);
	req[HDR_TYPE] = SNPFW_MSG_REPORT_REQ;
	req[HDR_VERSION] = 1;
	snpfw_put_le16(req + HDR_SZ, sizeof(pt));
	req[HDR_VMPCK] = (uint8_t)vmpck;
	if (gcm(true, fw->vmpck[vmpck], seqno, req + HDR_AAD, pt, sizeof(pt),
		req + SNPFW_MSG_HDR_SIZE, req + HDR_AUTHTAG))
		return -EIO;
	st = snpfw_guest_request(fw, req, rsp, NULL);
	if (st)
		return (int)st;
	len = snpfw_get_le16(rsp + HDR_SZ);
	if (snpfw_get_le64(rsp + HDR_SEQNO) != seqno + 1 ||
	    rsp[HDR_TYPE] != SNPFW_MSG_REPORT_RSP ||
	    len != SNPFW_REPORT_RSP_SIZE ||
	    gcm(false, fw->vmpck[vmpck], seqno + 1, rsp + HDR_AAD,
		rsp + SNPFW_MSG_HDR_SIZE, len, body, rsp + HDR_AUTHTAG))
		goto out;
	st = snpfw_get_le32(body);
	if (st) {
		ret = (int)st;
		goto out;
	}
	if (snpfw_get_le32(body + 4) != SNPFW_REPORT_SIZE)
		goto out;
	memcpy(report, body + 0x20, SNPFW_REPORT_SIZE);
	ret = 0;
out:
	OPENSSL_cleanse(body, sizeof(body));
	return ret;
}

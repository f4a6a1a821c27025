// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SNP guest message layer (snp_msg.c) over the real GHCB guest-request
 * exit (ghcb.c) and the hypervisor model's relay, with the firmware model
 * (tools/coco/simfw) as the AMD-SP and AES-256-GCM from OpenSSL.  The
 * guest's VMPCKs come from simfw's secrets page.
 *
 * Every request page the guest hands to the hypervisor is recorded, and
 * after every test no sequence number may have gone out with two
 * different pages (one AES-GCM IV, two plaintexts).  Reports are checked
 * here with OpenSSL, not with simfw's code: the VCEK public key from the
 * certificate, the chain VCEK <- ASK <- ARK as the extended request
 * delivers it.
 */
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include <coco/byteimg_le.h>
#include <coco/ghcb.h>
#include <coco/snp_msg.h>
#include "aead_openssl.h"
#include "sev_fixture.h"
#include "snpfw.h"

#define SEED		0x5eed0007ULL
#define MAX_SENT	64
#define CERTS_PAGES	8
#define RSP_CAP		SNP_MSG_PAYLOAD_MAX

/* ATTESTATION_REPORT offsets (spec/x86-sev.md 7.4), not simfw's. */
#define R_VERSION	0x000
#define R_VMPL		0x030
#define R_SIG_ALGO	0x034
#define R_REPORT_DATA	0x050
#define R_MEASUREMENT	0x090
#define R_CHIP_ID	0x1a0
#define R_SIGNED	0x2a0
#define R_SIG_R		0x2a0
#define R_SIG_S		0x2e8
#define R_SIZE		0x4a0

/* One request page as the hypervisor received it. */
struct sent {
	u8 vmpck;
	bool ext;
	u64 seqno;
	u8 page[SNP_PAGE_SIZE];
};

struct fx;

/* One message channel: a VMPCK with its own shared pages. */
struct chan {
	struct fx *f;
	struct coco_snp_msg *m;
	u8 *req;
	u8 *resp;
};

struct fx {
	struct sev_fixture sev;
	struct snpfw *fw;
	struct coco_sim_snp_fw hooks;
	u8 *secrets;
	u8 *certs;
	struct chan ch[SNP_VMPCK_COUNT];
	struct sent *sent;
	unsigned int nr_sent;
	unsigned int nr_fw;		/* requests that reached the firmware */
	unsigned int nr_wait;
	/* A hostile hypervisor's certificate answer: -ENOSPC, this many bytes. */
	bool certs_lie;
	size_t certs_lie_need;
	/* A hostile hypervisor's "too small" for plain requests as well. */
	bool plain_invalid_len;
	/* Called after the exit returns, as a hypervisor rewriting pages. */
	void (*after)(struct chan *c);
	unsigned int patch_off;
	u8 saved_resp[SNP_PAGE_SIZE];
};

/* ------------------------------------------------------------ hooks -- */

static u32 fw_guest_request(void *ctx, const u8 *req, u8 *resp)
{
	struct fx *f = ctx;

	f->nr_fw++;
	return snpfw_hook_guest_request(f->fw, req, resp);
}

static int fw_certs(void *ctx, u8 *buf, size_t len, size_t *needed)
{
	struct fx *f = ctx;

	if (f->certs_lie) {
		*needed = f->certs_lie_need;
		return -ENOSPC;
	}
	return snpfw_hook_certs(f->fw, buf, len, needed);
}

static u64 gpa(const void *p)
{
	return (u64)(unsigned long)p;
}

/* The layer's send: record the page, then the real GHCB exit. */
static int chan_send(void *ctx, bool ext, u64 *exitinfo2, u32 *certs_pages)
{
	struct chan *c = ctx;
	struct fx *f = c->f;
	struct sent *s;
	int ret;

	assert_true(f->nr_sent < MAX_SENT);
	s = &f->sent[f->nr_sent++];
	s->vmpck = c->req[SNP_MSG_OFF_VMPCK];
	s->ext = ext;
	s->seqno = coco_get_le64(c->req + SNP_MSG_OFF_SEQNO);
	memcpy(s->page, c->req, SNP_PAGE_SIZE);

	ret = coco_ghcb_get(&f->sev.ghcb);
	if (ret)
		return ret;
	ret = coco_ghcb_guest_request(&f->sev.plat, &f->sev.ghcb, gpa(c->req),
				      gpa(c->resp), ext, gpa(f->certs),
				      certs_pages, exitinfo2);
	coco_ghcb_put(&f->sev.ghcb);
	if (f->after)
		f->after(c);
	if (!ret && !ext && f->plain_invalid_len)
		*exitinfo2 = (u64)SNP_GUEST_VMM_ERR_INVALID_LEN << 32;
	return ret;
}

static void chan_wait(void *ctx)
{
	struct chan *c = ctx;

	c->f->nr_wait++;
}

static void chan_open(struct fx *f, unsigned int id)
{
	struct chan *c = &f->ch[id];

	c->f = f;
	c->m = calloc(1, sizeof(*c->m));
	c->req = aligned_alloc(4096, 4096);
	c->resp = aligned_alloc(4096, 4096);
	assert_non_null(c->m);
	assert_non_null(c->req);
	assert_non_null(c->resp);
	memset(c->req, 0, 4096);
	memset(c->resp, 0, 4096);
	c->m->aead = &aead_openssl_ops;
	c->m->secrets = f->secrets;
	c->m->vmpck_id = id;
	c->m->send = chan_send;
	c->m->send_ctx = c;
	c->m->wait = chan_wait;
	c->m->busy_retries = 3;
	c->m->req_shared = c->req;
	c->m->resp_shared = c->resp;
}

static void chan_close(struct chan *c)
{
	free(c->m);
	free(c->req);
	free(c->resp);
	memset(c, 0, sizeof(*c));
}

/*
 * A new boot with the same keys (a real launch would bring new ones): the
 * secrets page as provisioned, every counter moved past each number used
 * so far, requests (recorded here) and responses (one more) alike.
 */
static void reprovision(struct fx *f)
{
	unsigned int i, j;
	u64 top;

	snpfw_secrets_page(f->fw, f->secrets);
	for (i = 0; i < SNP_VMPCK_COUNT; i++) {
		top = snpfw_vmpck_seqno(f->fw, i);
		for (j = 0; j < f->nr_sent; j++)
			if (f->sent[j].vmpck == i && f->sent[j].seqno + 1 > top)
				top = f->sent[j].seqno + 1;
		assert_int_equal(snpfw_set_vmpck_seqno(f->fw, i, top), 0);
		coco_put_le32(f->secrets + SNP_SECRETS_OFF_OS_SEQNO0 + 4 * i,
			      (u32)top);
		if (f->ch[i].m) {
			chan_close(&f->ch[i]);
			chan_open(f, i);
		}
	}
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	sev_fixture_init(&f->sev, COCO_SIM_SEV_SNP);
	assert_int_equal(sev_fixture_ghcb(&f->sev), 0);
	assert_int_equal(snpfw_create(SEED, &f->fw), 0);
	f->hooks.ctx = f;
	f->hooks.guest_request = fw_guest_request;
	f->hooks.certs = fw_certs;
	f->sev.sim.x86.snp_fw = &f->hooks;
	f->secrets = aligned_alloc(4096, 4096);
	f->certs = aligned_alloc(4096, CERTS_PAGES * 4096);
	f->sent = calloc(MAX_SENT, sizeof(*f->sent));
	assert_non_null(f->secrets);
	assert_non_null(f->certs);
	assert_non_null(f->sent);
	memset(f->certs, 0, CERTS_PAGES * 4096);
	snpfw_secrets_page(f->fw, f->secrets);
	chan_open(f, 0);
	*state = f;
	return 0;
}

/*
 * No two pages that went out under one VMPCK and sequence number differ:
 * returns the index of the second page of the first such pair, or -1.
 */
static int iv_reuse(const struct sent *s, unsigned int n)
{
	unsigned int i, j;

	for (j = 1; j < n; j++)
		for (i = 0; i < j; i++)
			if (s[i].vmpck == s[j].vmpck &&
			    s[i].seqno == s[j].seqno &&
			    memcmp(s[i].page, s[j].page, SNP_PAGE_SIZE))
				return (int)j;
	return -1;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	unsigned int i;
	int reuse = iv_reuse(f->sent, f->nr_sent);

	for (i = 0; i < SNP_VMPCK_COUNT; i++)
		if (f->ch[i].m)
			chan_close(&f->ch[i]);
	snpfw_destroy(f->fw);
	free(f->secrets);
	free(f->certs);
	free(f->sent);
	sev_fixture_fini(&f->sev);
	free(f);
	assert_int_equal(reuse, -1);
	return 0;
}

/* ---------------------------------------------------------- helpers -- */

static u32 guest_seqno(struct fx *f, unsigned int id)
{
	return coco_get_le32(f->secrets + SNP_SECRETS_OFF_OS_SEQNO0 + 4 * id);
}

static void set_guest_seqno(struct fx *f, unsigned int id, u32 v)
{
	coco_put_le32(f->secrets + SNP_SECRETS_OFF_OS_SEQNO0 + 4 * id, v);
}

static bool key_zero(struct fx *f, unsigned int id)
{
	static const u8 zero[32];

	return !memcmp(f->secrets + SNP_SECRETS_OFF_VMPCK0 + 32 * id, zero, 32);
}

static void fill(u8 *p, size_t n, u8 seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = (u8)(seed + i * 7);
}

static int report(struct chan *c, const u8 data[64], u32 vmpl, u32 key_sel,
		  u8 *out, u16 *out_len, u64 *ei2)
{
	u8 req[SNPFW_REPORT_REQ_SIZE] = { 0 };

	memcpy(req, data, 64);
	coco_put_le32(req + 0x40, vmpl);
	coco_put_le32(req + 0x44, key_sel);
	return coco_snp_msg_send(c->m, SNP_MSG_REPORT_REQ, 1, req, sizeof(req),
				 out, RSP_CAP, out_len, false, NULL, ei2);
}

/* A plain report request that must work; returns the response length. */
static void report_ok(struct chan *c)
{
	u8 data[64], out[RSP_CAP];
	u16 len = 0;
	u64 ei2 = 1;

	fill(data, sizeof(data), 0x40);
	assert_int_equal(report(c, data, c->m->vmpck_id, 0, out, &len, &ei2),
			 0);
	assert_true(ei2 == 0);
	assert_int_equal(len, SNPFW_REPORT_RSP_SIZE);
	assert_int_equal(coco_get_le32(out), 0);
	assert_memory_equal(out + 0x20 + R_REPORT_DATA, data, 64);
}

static int derive(struct chan *c, u32 root, u64 gfs, u32 vmpl, u8 key[32],
		  u32 *status)
{
	u8 req[SNPFW_KEY_REQ_SIZE] = { 0 }, out[RSP_CAP];
	u16 len = 0;
	u64 ei2;
	int ret;

	coco_put_le32(req, root);
	coco_put_le64(req + 0x08, gfs);
	coco_put_le32(req + 0x10, vmpl);
	ret = coco_snp_msg_send(c->m, SNP_MSG_KEY_REQ, 1, req, sizeof(req), out,
				RSP_CAP, &len, false, NULL, &ei2);
	if (ret)
		return ret;
	assert_true(ei2 == 0);
	assert_int_equal(len, SNPFW_KEY_RSP_SIZE);
	*status = coco_get_le32(out);
	memcpy(key, out + 0x20, 32);
	return 0;
}

/* The key is gone: zero in the secrets page, refused without an exit. */
static void assert_wiped(struct fx *f, unsigned int id)
{
	struct chan *c = &f->ch[id];
	unsigned int sent = f->nr_sent;
	u8 data[64] = { 0 }, out[RSP_CAP];
	u16 len;
	u64 ei2 = 5;

	assert_true(key_zero(f, id));
	assert_false(coco_snp_vmpck_usable(c->m));
	assert_int_equal(report(c, data, id, 0, out, &len, &ei2), -ENOTTY);
	assert_true(ei2 == 0);
	assert_int_equal(f->nr_sent, sent);
}

/* Verify an ATTESTATION_REPORT signature with a certificate's key. */
static bool sig_ok(const u8 *rpt, const u8 *der, size_t der_len)
{
	const unsigned char *p = der;
	X509 *x = d2i_X509(NULL, &p, (long)der_len);
	EVP_PKEY *pk = x ? X509_get0_pubkey(x) : NULL;
	BIGNUM *r = BN_lebin2bn(rpt + R_SIG_R, 72, NULL);
	BIGNUM *s = BN_lebin2bn(rpt + R_SIG_S, 72, NULL);
	ECDSA_SIG *sig = ECDSA_SIG_new();
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned char *dsig = NULL;
	bool ok = false;
	int dlen;

	if (!pk || !r || !s || !sig || !md ||
	    EVP_PKEY_get_base_id(pk) != EVP_PKEY_EC ||
	    EVP_PKEY_get_bits(pk) != 384)
		goto out;
	if (ECDSA_SIG_set0(sig, r, s) != 1)
		goto out;
	r = NULL;
	s = NULL;
	dlen = i2d_ECDSA_SIG(sig, &dsig);
	ok = dlen > 0 &&
	     EVP_DigestVerifyInit(md, NULL, EVP_sha384(), NULL, pk) == 1 &&
	     EVP_DigestVerify(md, dsig, dlen, rpt, R_SIGNED) == 1;
out:
	OPENSSL_free(dsig);
	EVP_MD_CTX_free(md);
	ECDSA_SIG_free(sig);
	BN_free(r);
	BN_free(s);
	X509_free(x);
	return ok;
}

/* @child's signature verifies under @parent's key. */
static bool cert_signed_by(const u8 *child, size_t clen, const u8 *parent,
			   size_t plen)
{
	const unsigned char *p = child, *q = parent;
	X509 *c = d2i_X509(NULL, &p, (long)clen);
	X509 *pa = d2i_X509(NULL, &q, (long)plen);
	bool ok = c && pa && X509_verify(c, X509_get0_pubkey(pa)) == 1;

	X509_free(c);
	X509_free(pa);
	return ok;
}

/* GUIDs of the certificate table, RFC 4122 byte order. */
static const u8 guid_vcek[16] = {
	0x63, 0xda, 0x75, 0x8d, 0xe6, 0x64, 0x45, 0x64,
	0xad, 0xc5, 0xf4, 0xb9, 0x3b, 0xe8, 0xac, 0xcd };
static const u8 guid_ask[16] = {
	0x4a, 0xb7, 0xb3, 0x79, 0xbb, 0xac, 0x4f, 0xe4,
	0xa0, 0x2f, 0x05, 0xae, 0xf3, 0x27, 0xc7, 0x82 };
static const u8 guid_ark[16] = {
	0xc0, 0xb4, 0x06, 0xa4, 0xa8, 0x03, 0x49, 0x52,
	0x97, 0x43, 0x3f, 0xb6, 0x01, 0x4c, 0xd0, 0xae };

/* Find one certificate in a table of @len bytes; NULL when absent. */
static const u8 *table_cert(const u8 *tab, size_t len, const u8 guid[16],
			    size_t *clen)
{
	static const u8 zero[24];
	size_t off;

	for (off = 0; off + 24 <= len; off += 24) {
		const u8 *e = tab + off;
		u32 o = coco_get_le32(e + 16), l = coco_get_le32(e + 20);

		if (!memcmp(e, zero, 24))
			return NULL;
		if (memcmp(e, guid, 16))
			continue;
		if (o > len || l > len - o)
			return NULL;
		*clen = l;
		return tab + o;
	}
	return NULL;
}

static int ext_report(struct fx *f, struct chan *c, const u8 data[64],
		      u32 *pages, u8 *out, u16 *len, u64 *ei2)
{
	u8 req[SNPFW_REPORT_REQ_SIZE] = { 0 };

	memcpy(req, data, 64);
	return coco_snp_msg_send(c->m, SNP_MSG_REPORT_REQ, 1, req, sizeof(req),
				 out, RSP_CAP, len, true, pages, ei2);
}

/* ------------------------------------------------------------ tests -- */

static void test_report_round_trip(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	struct snpfw_info info;
	u8 data[64], out[RSP_CAP], bad[R_SIZE];
	const u8 *rpt = out + 0x20, *der;
	size_t der_len;
	u16 len = 0;
	u64 ei2 = 7;

	snpfw_get_info(f->fw, &info);
	fill(data, sizeof(data), 0x11);
	assert_int_equal(report(c, data, 0, 0, out, &len, &ei2), 0);
	assert_true(ei2 == 0);
	assert_int_equal(len, 0x20 + R_SIZE);
	assert_int_equal(coco_get_le32(out), 0);		/* status */
	assert_int_equal(coco_get_le32(out + 4), R_SIZE);	/* size */
	assert_in_range(coco_get_le32(rpt + R_VERSION), 2, 3);
	assert_memory_equal(rpt + R_REPORT_DATA, data, 64);
	assert_int_equal(coco_get_le32(rpt + R_VMPL), 0);
	assert_int_equal(coco_get_le32(rpt + R_SIG_ALGO), 1);
	assert_memory_equal(rpt + R_MEASUREMENT, info.measurement, 48);
	assert_memory_equal(rpt + R_CHIP_ID, info.chip_id, 64);

	/* Signed by the VCEK: OpenSSL with the certificate's public key. */
	assert_int_equal(snpfw_cert_der(f->fw, SNPFW_CERT_VCEK, &der,
					&der_len), 0);
	assert_true(sig_ok(rpt, der, der_len));
	memcpy(bad, rpt, R_SIZE);
	bad[R_REPORT_DATA] ^= 0x80;
	assert_false(sig_ok(bad, der, der_len));

	/* Request N+1, response N+2: both spent, on both sides. */
	assert_int_equal(guest_seqno(f, 0), 2);
	assert_true(snpfw_vmpck_seqno(f->fw, 0) == 2);
	assert_int_equal(f->nr_sent, 1);
	assert_true(f->sent[0].seqno == 1);
	assert_int_equal(f->sent[0].page[SNP_MSG_OFF_TYPE], SNP_MSG_REPORT_REQ);
	assert_int_equal(f->nr_fw, 1);

	/* A higher VMPL, new data: a new report for it. */
	fill(data, sizeof(data), 0x99);
	assert_int_equal(report(c, data, 2, 0, out, &len, &ei2), 0);
	assert_int_equal(coco_get_le32(out), 0);
	assert_int_equal(coco_get_le32(rpt + R_VMPL), 2);
	assert_memory_equal(rpt + R_REPORT_DATA, data, 64);
	assert_true(sig_ok(rpt, der, der_len));
	assert_int_equal(guest_seqno(f, 0), 4);
	assert_true(f->sent[1].seqno == 3);
}

/* Bad parameters: an authenticated error status, the counter moves on. */
static void test_report_error_status(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 data[64] = { 0 }, out[RSP_CAP];
	u16 len;
	u64 ei2 = 3;

	assert_int_equal(report(c, data, 4, 0, out, &len, &ei2), 0);
	assert_true(ei2 == 0);
	assert_int_equal(coco_get_le32(out), SNPFW_STATUS_INVALID_PARAM);
	assert_int_equal(guest_seqno(f, 0), 2);
	assert_int_equal(report(c, data, 0, 2, out, &len, &ei2), 0);
	assert_int_equal(coco_get_le32(out), SNPFW_STATUS_INVALID_KEY);
	assert_int_equal(guest_seqno(f, 0), 4);
	assert_true(snpfw_vmpck_seqno(f->fw, 0) == 4);
	assert_false(key_zero(f, 0));
	report_ok(c);
}

static void test_derived_key(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 k1[32], k2[32], k3[32], k4[32];
	static const u8 zero[32];
	u32 st = 1;

	assert_int_equal(derive(c, 0, 0, 0, k1, &st), 0);
	assert_int_equal(st, 0);
	assert_memory_not_equal(k1, zero, 32);
	assert_int_equal(derive(c, 0, 0, 0, k2, &st), 0);
	assert_int_equal(st, 0);
	assert_memory_equal(k1, k2, 32);	/* same inputs, same key */
	assert_int_equal(derive(c, 0, SNPFW_KEY_FIELD_MEASUREMENT, 0, k3, &st),
			 0);
	assert_int_equal(st, 0);
	assert_memory_not_equal(k1, k3, 32);	/* the field select counts */
	assert_int_equal(derive(c, 0, 0, 1, k4, &st), 0);
	assert_memory_not_equal(k1, k4, 32);	/* so does the VMPL */
	assert_memory_not_equal(k3, k4, 32);
	/* The VMRK is refused, authenticated. */
	assert_int_equal(derive(c, 1, 0, 0, k4, &st), 0);
	assert_int_equal(st, SNPFW_STATUS_INVALID_KEY);
	assert_int_equal(guest_seqno(f, 0), 10);
	/* Every request went out under its own number. */
	assert_int_equal(f->nr_sent, 5);
	assert_true(f->sent[4].seqno == 9);
}

static void test_ext_report_certs(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 data[64], out[RSP_CAP];
	const u8 *vcek, *ask, *ark, *der;
	size_t vl = 0, sl = 0, rl = 0, der_len, need = 0;
	u32 pages = CERTS_PAGES;
	u16 len = 0;
	u64 ei2 = 1;

	fill(data, sizeof(data), 0x33);
	memset(f->certs, 0xee, CERTS_PAGES * 4096);
	assert_int_equal(ext_report(f, c, data, &pages, out, &len, &ei2), 0);
	assert_true(ei2 == 0);
	assert_int_equal(pages, CERTS_PAGES);
	assert_int_equal(coco_get_le32(out), 0);
	assert_memory_equal(out + 0x20 + R_REPORT_DATA, data, 64);
	assert_true(f->sent[0].ext);

	/* The table as the hypervisor wrote it into the guest's buffer. */
	assert_int_equal(snpfw_ext_certs(f->fw, NULL, 0, &need), -ENOSPC);
	vcek = table_cert(f->certs, need, guid_vcek, &vl);
	ask = table_cert(f->certs, need, guid_ask, &sl);
	ark = table_cert(f->certs, need, guid_ark, &rl);
	assert_non_null(vcek);
	assert_non_null(ask);
	assert_non_null(ark);
	assert_int_equal(snpfw_cert_der(f->fw, SNPFW_CERT_VCEK, &der,
					&der_len), 0);
	assert_int_equal(vl, der_len);
	assert_memory_equal(vcek, der, der_len);
	/* The report verifies with the delivered VCEK, which chains up. */
	assert_true(sig_ok(out + 0x20, vcek, vl));
	assert_true(cert_signed_by(vcek, vl, ask, sl));
	assert_true(cert_signed_by(ask, sl, ark, rl));
	assert_true(cert_signed_by(ark, rl, ark, rl));
	assert_false(cert_signed_by(vcek, vl, ark, rl));
	assert_int_equal(guest_seqno(f, 0), 2);
}

/*
 * Too small a buffer: INVALID_LEN with the pages needed; the number is
 * consumed by resending the same bytes as a plain request, so the next
 * request uses the next number and works.
 */
static void test_ext_report_too_small(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 data[64] = { 1 }, out[RSP_CAP];
	size_t need = 0;
	u32 pages = 1;
	u16 len;
	u64 ei2 = 0;

	assert_int_equal(snpfw_ext_certs(f->fw, NULL, 0, &need), -ENOSPC);
	assert_true(need > 4096);
	assert_int_equal(ext_report(f, c, data, &pages, out, &len, &ei2), -EIO);
	assert_true(ei2 == (u64)SNP_GUEST_VMM_ERR_INVALID_LEN << 32);
	assert_int_equal(pages, (need + 4095) / 4096);
	assert_false(key_zero(f, 0));
	assert_true(coco_snp_vmpck_usable(c->m));
	assert_true(coco_snp_msg_wants_pages(c->m, -EIO, ei2));
	/* Two exits, the same page; the second plain, reaching the firmware. */
	assert_int_equal(f->nr_sent, 2);
	assert_true(f->sent[0].ext);
	assert_false(f->sent[1].ext);
	assert_true(f->sent[0].seqno == 1 && f->sent[1].seqno == 1);
	assert_memory_equal(f->sent[0].page, f->sent[1].page, SNP_PAGE_SIZE);
	assert_int_equal(f->nr_fw, 1);
	assert_int_equal(guest_seqno(f, 0), 2);
	assert_true(snpfw_vmpck_seqno(f->fw, 0) == 2);

	/* The next request goes on with number 3. */
	report_ok(c);
	assert_true(f->sent[2].seqno == 3);
	/* And with the pages asked for, the extended request works. */
	assert_int_equal(ext_report(f, c, data, &pages, out, &len, &ei2), 0);
	assert_true(ei2 == 0);
	assert_int_equal(guest_seqno(f, 0), 6);
}

/*
 * A provider that leaves output behind when the tag does not verify (as
 * a streaming GCM may): the layer must not hand it on.
 */
static int leaky_decrypt(void *ctx, const u8 *key, const u8 *iv,
			 const u8 *aad, size_t aad_len, const u8 *in,
			 size_t len, u8 *out, const u8 *tag)
{
	int ret = aead_openssl_ops.decrypt(ctx, key, iv, aad, aad_len, in, len,
					   out, tag);

	if (ret)
		memset(out, 0x5a, len);
	return ret;
}

static struct coco_aead_ops leaky_ops = {
	.decrypt = leaky_decrypt,
};

/* A response byte changed by the hypervisor: refused, key wiped. */
static void test_tamper(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 data[64], out[RSP_CAP];
	u16 len = 0;
	u64 ei2;
	unsigned int i;

	leaky_ops.encrypt = aead_openssl_ops.encrypt;
	c->m->aead = &leaky_ops;
	report_ok(c);
	f->sev.sim.x86.hostile |= SIM_HV_GREQ_TAMPER;
	fill(data, sizeof(data), 0x5a);
	memset(out, 0xcc, sizeof(out));
	assert_int_equal(report(c, data, 0, 0, out, &len, &ei2), -EBADMSG);
	/* The firmware did answer, so its counter moved. */
	assert_true(snpfw_vmpck_seqno(f->fw, 0) == 4);
	/* No unauthenticated plaintext is left in the caller's buffer. */
	for (i = 0; i < 0x20 + R_SIZE; i++)
		assert_int_equal(out[i], 0);
	assert_wiped(f, 0);
	f->sev.sim.x86.hostile &= ~SIM_HV_GREQ_TAMPER;
	assert_wiped(f, 0);
}

/* Flip one byte of the response at @patch_off after the exit. */
static void flip_resp(struct chan *c)
{
	c->resp[c->f->patch_off] ^= 0x01;
}

/* Any byte of the header, tag or payload: each one is caught. */
static void test_tamper_each_field(void **state)
{
	static const unsigned int offs[] = {
		0x00, 0x0f,			/* tag */
		SNP_MSG_OFF_SEQNO, SNP_MSG_OFF_SEQNO + 7,
		0x28,				/* reserved, outside the AAD */
		SNP_MSG_OFF_ALGO, SNP_MSG_OFF_HDR_VERSION, SNP_MSG_OFF_HDR_SZ,
		SNP_MSG_OFF_TYPE, SNP_MSG_OFF_VERSION, SNP_MSG_OFF_SZ,
		SNP_MSG_OFF_SZ + 1, 0x38, SNP_MSG_OFF_VMPCK, 0x5f,
		0x60, 0x60 + 0x20 + R_REPORT_DATA, 0x60 + 0x4bf,
	};
	struct fx *f = *state;
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(offs); i++) {
		u8 data[64] = { 0 }, out[RSP_CAP];
		u16 len;
		u64 ei2;

		reprovision(f);
		report_ok(&f->ch[0]);
		f->patch_off = offs[i];
		f->after = flip_resp;
		ret = report(&f->ch[0], data, 0, 0, out, &len, &ei2);
		f->after = NULL;
		if (offs[i] == 0x28) {
			/*
			 * Reserved 0x28-0x2f (like tag bytes 0x10-0x1f) is
			 * neither authenticated nor read: ignoring it is
			 * harmless, and the exchange stands.
			 */
			assert_int_equal(ret, 0);
			continue;
		}
		assert_int_equal(ret, -EBADMSG);
		assert_true(key_zero(f, 0));
	}
}

/* The previous response again: refused, key wiped. */
static void test_replay(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 data[64] = { 0 }, out[RSP_CAP];
	u16 len;
	u64 ei2 = 1;
	unsigned int fw = f->nr_fw;

	report_ok(c);
	f->sev.sim.x86.hostile |= SIM_HV_GREQ_REPLAY;
	assert_int_equal(report(c, data, 0, 0, out, &len, &ei2), -EBADMSG);
	assert_true(ei2 == 0);
	assert_int_equal(f->nr_fw, fw + 1);	/* never reached the firmware */
	assert_wiped(f, 0);
}

/* Save and re-deliver a response of the same number from another channel. */
static void save_resp(struct chan *c)
{
	memcpy(c->f->saved_resp, c->resp, SNP_PAGE_SIZE);
}

static void swap_in_saved(struct chan *c)
{
	memcpy(c->resp, c->f->saved_resp, SNP_PAGE_SIZE);
}

/*
 * Reordering between channels: VMPCK1's valid response (number 2) handed
 * to VMPCK0's request number 1.  The header says VMPCK1 and the tag is
 * VMPCK1's: refused.
 */
static void test_reorder_across_channels(void **state)
{
	struct fx *f = *state;
	u8 data[64] = { 0 }, out[RSP_CAP];
	u16 len;
	u64 ei2;

	chan_open(f, 1);
	f->after = save_resp;
	assert_int_equal(report(&f->ch[1], data, 1, 0, out, &len, &ei2), 0);
	assert_int_equal(coco_get_le32(out), 0);
	assert_int_equal(f->saved_resp[SNP_MSG_OFF_VMPCK], 1);
	assert_true(coco_get_le64(f->saved_resp + SNP_MSG_OFF_SEQNO) == 2);
	f->after = swap_in_saved;
	assert_int_equal(report(&f->ch[0], data, 0, 0, out, &len, &ei2),
			 -EBADMSG);
	f->after = NULL;
	assert_wiped(f, 0);
	/* The other channel is untouched. */
	assert_false(key_zero(f, 1));
	report_ok(&f->ch[1]);
	/* Same again with the header patched to VMPCK0: the tag fails. */
	reprovision(f);
	f->after = save_resp;
	assert_int_equal(report(&f->ch[1], data, 1, 0, out, &len, &ei2), 0);
	f->saved_resp[SNP_MSG_OFF_VMPCK] = 0;
	coco_put_le64(f->saved_resp + SNP_MSG_OFF_SEQNO,
		      snpfw_vmpck_seqno(f->fw, 0) + 2);
	f->after = swap_in_saved;
	assert_int_equal(report(&f->ch[0], data, 0, 0, out, &len, &ei2),
			 -EBADMSG);
	f->after = NULL;
	assert_true(key_zero(f, 0));
}

/*
 * The firmware's counter advanced behind the guest's back (another user
 * of VMPCK0): the guest's next number is stale, the firmware refuses it
 * without an answer, the guest wipes the key.
 */
static void test_fw_counter_ahead(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 data[64] = { 0 }, out[RSP_CAP], rpt[SNPFW_REPORT_SIZE];
	u16 len;
	u64 ei2;

	report_ok(c);
	assert_int_equal(snpfw_guest_get_report(f->fw, 0, data, 0, rpt), 0);
	assert_true(snpfw_vmpck_seqno(f->fw, 0) == 4);
	assert_int_equal(report(c, data, 0, 0, out, &len, &ei2), -EIO);
	assert_true(ei2 == SNPFW_STATUS_INVALID_PARAM);
	assert_true(f->sent[1].seqno == 3);
	assert_true(snpfw_vmpck_seqno(f->fw, 0) == 4);
	assert_wiped(f, 0);
}

/* The request replayed to the firmware by the hypervisor changes nothing. */
static void test_request_replay_ignored(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 resp[SNP_PAGE_SIZE];

	report_ok(c);
	memset(resp, 0, sizeof(resp));
	assert_int_equal(snpfw_guest_request(f->fw, f->sent[0].page, resp,
					     NULL), SNPFW_STATUS_INVALID_PARAM);
	assert_true(snpfw_vmpck_seqno(f->fw, 0) == 2);
	report_ok(c);
}

/*
 * The secrets page's count moved while the channel was idle: back (the
 * next number would be one already used, with another plaintext) or
 * ahead.  Either way nothing is sent and the key is wiped.
 */
static void test_guest_seqno_moved(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 data[64] = { 0 }, out[RSP_CAP];
	unsigned int sent;
	u16 len;
	u64 ei2 = 9;

	report_ok(c);
	report_ok(c);
	assert_int_equal(guest_seqno(f, 0), 4);
	set_guest_seqno(f, 0, 2);		/* rolled back */
	sent = f->nr_sent;
	fill(data, sizeof(data), 0x77);
	assert_int_equal(report(c, data, 0, 0, out, &len, &ei2), -EIO);
	assert_true(ei2 == 0);
	assert_int_equal(f->nr_sent, sent);	/* number 3 not reused */
	assert_int_equal(iv_reuse(f->sent, f->nr_sent), -1);
	assert_wiped(f, 0);

	/* Ahead: a gap the firmware would refuse anyway; caught before. */
	reprovision(f);
	report_ok(&f->ch[0]);
	set_guest_seqno(f, 0, guest_seqno(f, 0) + 10);
	sent = f->nr_sent;
	assert_int_equal(report(&f->ch[0], data, 0, 0, out, &len, &ei2), -EIO);
	assert_int_equal(f->nr_sent, sent);
	assert_wiped(f, 0);
}

/* The checker of the teardown finds a reused number with another page. */
static void test_iv_reuse_checker(void **state)
{
	struct sent *s = calloc(3, sizeof(*s));

	assert_non_null(s);
	s[0].seqno = 1;
	s[1].seqno = 3;
	s[2].seqno = 1;
	assert_int_equal(iv_reuse(s, 3), -1);	/* identical pages: a resend */
	s[2].page[0x60] = 1;
	assert_int_equal(iv_reuse(s, 3), 2);
	s[2].vmpck = 1;				/* another key, another IV space */
	assert_int_equal(iv_reuse(s, 3), -1);
	free(s);
}

/* BUSY: the identical bytes again, up to the limit; then give up, wipe. */
static void test_busy(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 data[64] = { 0 }, out[RSP_CAP];
	unsigned int i, base;
	u16 len;
	u64 ei2;

	f->sev.sim.x86.greq_busy = c->m->busy_retries;
	report_ok(c);
	assert_int_equal(f->nr_sent, c->m->busy_retries + 1);
	assert_int_equal(f->nr_wait, c->m->busy_retries);
	assert_int_equal(f->nr_fw, 1);
	for (i = 1; i < f->nr_sent; i++)
		assert_memory_equal(f->sent[i].page, f->sent[0].page,
				    SNP_PAGE_SIZE);
	assert_int_equal(guest_seqno(f, 0), 2);

	base = f->nr_sent;
	f->sev.sim.x86.greq_busy = c->m->busy_retries + 1;
	assert_int_equal(report(c, data, 0, 0, out, &len, &ei2), -ETIMEDOUT);
	assert_true(ei2 == (u64)SNP_GUEST_VMM_ERR_BUSY << 32);
	assert_int_equal(f->nr_sent - base, c->m->busy_retries + 1);
	for (i = base + 1; i < f->nr_sent; i++)
		assert_memory_equal(f->sent[i].page, f->sent[base].page,
				    SNP_PAGE_SIZE);
	assert_true(f->sent[base].seqno == 3);
	assert_int_equal(f->nr_fw, 1);
	assert_wiped(f, 0);
}

/* The hypervisor never calls the firmware. */
static void test_drop(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 data[64] = { 0 }, out[RSP_CAP];
	u16 len;
	u64 ei2;

	f->sev.sim.x86.hostile |= SIM_HV_GREQ_DROP;
	assert_int_equal(report(c, data, 0, 0, out, &len, &ei2), -EIO);
	assert_true(ei2 == 0xffffffffULL);
	assert_int_equal(f->nr_fw, 0);
	assert_wiped(f, 0);
}

/* A firmware error status (no response): -EIO with it, key wiped. */
static void test_fw_error(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 req[128] = { 0 }, out[RSP_CAP];
	u16 len;
	u64 ei2;

	/* TSC_INFO_REQ: this firmware does not support it. */
	assert_int_equal(coco_snp_msg_send(c->m, 17, 1, req, sizeof(req), out,
					   RSP_CAP, &len, false, NULL, &ei2),
			 -EIO);
	assert_true(ei2 == SNPFW_STATUS_UNSUPPORTED);
	assert_true(snpfw_vmpck_seqno(f->fw, 0) == 0);
	assert_wiped(f, 0);

	/* A message version the firmware refuses. */
	reprovision(f);
	assert_int_equal(coco_snp_msg_send(f->ch[0].m, SNP_MSG_REPORT_REQ, 2,
					   req, 96, out, RSP_CAP, &len, false,
					   NULL, &ei2), -EIO);
	assert_true(ei2 == SNPFW_STATUS_INVALID_PARAM);
	assert_wiped(f, 0);
}

static void test_wrong_vmpck(void **state)
{
	struct fx *f = *state;
	u8 data[64] = { 0 }, out[RSP_CAP];
	u16 len;
	u64 ei2;

	/* No VMPCK 4. */
	f->ch[0].m->vmpck_id = 4;
	assert_false(coco_snp_vmpck_usable(f->ch[0].m));
	assert_int_equal(report(&f->ch[0], data, 0, 0, out, &len, &ei2),
			 -ENOTTY);
	assert_int_equal(f->nr_sent, 0);
	f->ch[0].m->vmpck_id = 0;

	/* VMPCK1 asking for a VMPL 0 report: authenticated refusal. */
	chan_open(f, 1);
	assert_int_equal(report(&f->ch[1], data, 0, 0, out, &len, &ei2), 0);
	assert_int_equal(coco_get_le32(out), SNPFW_STATUS_INVALID_PARAM);
	assert_true(snpfw_vmpck_seqno(f->fw, 1) == 2);
	assert_true(snpfw_vmpck_seqno(f->fw, 0) == 0);
	report_ok(&f->ch[1]);

	/* A slot holding the wrong key: the firmware cannot authenticate. */
	memcpy(f->secrets + SNP_SECRETS_OFF_VMPCK0 + 64,
	       f->secrets + SNP_SECRETS_OFF_VMPCK0, 32);
	chan_open(f, 2);
	assert_int_equal(report(&f->ch[2], data, 2, 0, out, &len, &ei2), -EIO);
	assert_true(ei2 == SNPFW_STATUS_INVALID_PARAM);
	assert_wiped(f, 2);
	/* Wiping VMPCK2 left VMPCK0 alone. */
	assert_false(key_zero(f, 0));
	report_ok(&f->ch[0]);

	/* A slot provisioned empty: never used. */
	memset(f->secrets + SNP_SECRETS_OFF_VMPCK0 + 96, 0, 32);
	chan_open(f, 3);
	assert_wiped(f, 3);
}

/* The last number the GHCB can carry, then -EIO without sending. */
static void test_seqno_overflow(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 data[64] = { 0 }, out[RSP_CAP];
	unsigned int sent;
	u16 len;
	u64 ei2;

	assert_int_equal(snpfw_set_vmpck_seqno(f->fw, 0, 0xfffffffdULL), 0);
	set_guest_seqno(f, 0, 0xfffffffd);
	report_ok(c);
	assert_true(f->sent[0].seqno == 0xfffffffeULL);
	assert_int_equal(guest_seqno(f, 0), 0xffffffff);
	sent = f->nr_sent;
	assert_int_equal(report(c, data, 0, 0, out, &len, &ei2), -EIO);
	assert_true(ei2 == 0);
	assert_int_equal(f->nr_sent, sent);
	assert_int_equal(guest_seqno(f, 0), 0xffffffff);
	/* Not an attack: the key stays, it just cannot go on. */
	assert_false(key_zero(f, 0));

	/* 0xfffffffe stored: request 0xffffffff would not fit the answer. */
	chan_close(c);
	chan_open(f, 0);
	set_guest_seqno(f, 0, 0xfffffffe);
	assert_int_equal(report(&f->ch[0], data, 0, 0, out, &len, &ei2), -EIO);
	assert_int_equal(f->nr_sent, sent);
}

/* Certificate buffers the exit refuses before the hypervisor sees them. */
static void test_ghcb_certs_bounds(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 *big = aligned_alloc(4096, 4096 * (COCO_GHCB_CERTS_MAX_PAGES + 1));
	u64 greq = f->sev.sim.x86.nr_greq, ei2 = 0;
	u8 data[64] = { 0 }, out[RSP_CAP];
	u32 pages;
	u16 len;

	assert_non_null(big);
	assert_int_equal(coco_ghcb_get(&f->sev.ghcb), 0);
	pages = 0;
	assert_int_equal(coco_ghcb_guest_request(&f->sev.plat, &f->sev.ghcb,
						 gpa(c->req), gpa(c->resp),
						 true, gpa(big), &pages, &ei2),
			 -EINVAL);
	pages = COCO_GHCB_CERTS_MAX_PAGES + 1;
	assert_int_equal(coco_ghcb_guest_request(&f->sev.plat, &f->sev.ghcb,
						 gpa(c->req), gpa(c->resp),
						 true, gpa(big), &pages, &ei2),
			 -EINVAL);
	/* Overlapping a message page. */
	pages = 2;
	assert_int_equal(coco_ghcb_guest_request(&f->sev.plat, &f->sev.ghcb,
						 gpa(c->req), gpa(c->resp),
						 true, gpa(c->resp) - 4096,
						 &pages, &ei2), -EINVAL);
	assert_int_equal(coco_ghcb_guest_request(&f->sev.plat, &f->sev.ghcb,
						 gpa(c->req), gpa(c->resp),
						 true, gpa(c->req), &pages,
						 &ei2), -EINVAL);
	/* Not page aligned. */
	assert_int_equal(coco_ghcb_guest_request(&f->sev.plat, &f->sev.ghcb,
						 gpa(c->req), gpa(c->resp),
						 true, gpa(big) + 8, &pages,
						 &ei2), -EINVAL);
	coco_ghcb_put(&f->sev.ghcb);
	assert_true(f->sev.sim.x86.nr_greq == greq);
	assert_int_equal(f->nr_fw, 0);
	free(big);

	/* The layer refuses an empty buffer before encrypting anything. */
	pages = 0;
	assert_int_equal(ext_report(f, c, data, &pages, out, &len, &ei2),
			 -EINVAL);
	assert_int_equal(f->nr_sent, 0);
	assert_false(key_zero(f, 0));
}

/*
 * The page count of an INVALID_LEN answer is the hypervisor's word: one
 * that does not fit 32 bits, or is not more than was offered, is a lie.
 */
static void test_hostile_pages_needed(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 data[64] = { 0 }, out[RSP_CAP];
	u32 pages;
	u16 len;
	u64 ei2;

	/* 2^32 + 1 pages would truncate to 1. */
	f->certs_lie = true;
	f->certs_lie_need = ((1ULL << 32) + 1) * 4096;
	pages = 2;
	assert_int_equal(ext_report(f, c, data, &pages, out, &len, &ei2), -EIO);
	assert_int_equal(pages, 2);
	assert_int_equal(f->nr_sent, 1);	/* no resend on a lie */
	assert_wiped(f, 0);

	/* "Too small" for a buffer already as large as asked. */
	reprovision(f);
	f->certs_lie_need = 2 * 4096;
	pages = 2;
	assert_int_equal(ext_report(f, &f->ch[0], data, &pages, out, &len,
				    &ei2), -EIO);
	assert_int_equal(pages, 2);
	assert_wiped(f, 0);

	/* More than a guest may offer, but believable: passed on. */
	reprovision(f);
	f->certs_lie_need = 0x80 * 4096ULL;
	pages = 2;
	assert_int_equal(ext_report(f, &f->ch[0], data, &pages, out, &len,
				    &ei2), -EIO);
	assert_true(ei2 == (u64)SNP_GUEST_VMM_ERR_INVALID_LEN << 32);
	assert_int_equal(pages, 0x80);
	assert_false(key_zero(f, 0));
	f->certs_lie = false;
	report_ok(&f->ch[0]);
}

/*
 * INVALID_LEN again for the plain resend (no buffer size is involved
 * there): the key is gone, and the answer still looks like INVALID_LEN;
 * coco_snp_msg_wants_pages() must not offer a retry with more pages (the
 * test of coco_guest_snp_request()'s -ENOSPC decision).
 */
static void test_invalid_len_on_resend(void **state)
{
	struct fx *f = *state;
	struct chan *c = &f->ch[0];
	u8 data[64] = { 1 }, out[RSP_CAP];
	u32 pages = 1;
	u16 len;
	u64 ei2 = 0;

	f->plain_invalid_len = true;
	assert_int_equal(ext_report(f, c, data, &pages, out, &len, &ei2), -EIO);
	assert_true(ei2 == (u64)SNP_GUEST_VMM_ERR_INVALID_LEN << 32);
	assert_int_equal(f->nr_sent, 2);
	assert_false(f->sent[1].ext);
	assert_false(coco_snp_vmpck_usable(c->m));
	assert_false(coco_snp_msg_wants_pages(c->m, -EIO, ei2));
	assert_wiped(f, 0);
	f->plain_invalid_len = false;
	pages = 64;
	assert_int_equal(ext_report(f, c, data, &pages, out, &len, &ei2),
			 -ENOTTY);
	assert_int_equal(f->nr_sent, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
		T(test_report_round_trip),
		T(test_report_error_status),
		T(test_derived_key),
		T(test_ext_report_certs),
		T(test_ext_report_too_small),
		T(test_invalid_len_on_resend),
		T(test_tamper),
		T(test_tamper_each_field),
		T(test_replay),
		T(test_reorder_across_channels),
		T(test_fw_counter_ahead),
		T(test_request_replay_ignored),
		T(test_guest_seqno_moved),
		cmocka_unit_test(test_iv_reuse_checker),
		T(test_busy),
		T(test_drop),
		T(test_fw_error),
		T(test_wrong_vmpck),
		T(test_seqno_overflow),
		T(test_ghcb_certs_bounds),
		T(test_hostile_pages_needed),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

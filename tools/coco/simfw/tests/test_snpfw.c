// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tests of the simulated AMD-SP (snpfw).  The guest side here is a
 * reference implementation of its own (it shares no code with the
 * firmware): it seals requests with the VMPCKs from the secrets page and
 * opens responses, as spec/x86-sev.md section 7 describes.  The chain is
 * checked with OpenSSL and compared with AMD's real Milan chain in
 * shared/realdata/snp.
 *
 * Ends with "N passed, N failed"; exits non-zero when anything failed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "snpfw.h"

#ifndef SIMFW_REALDATA
#define SIMFW_REALDATA "tools/testing/realdata/snp"
#endif

#define SEED		0x5eed0001ULL
#define SEED2		0x5eed0002ULL
#define PAGE		4096
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#include "check.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static struct snpfw *new_fw(uint64_t seed)
{
	struct snpfw *fw = NULL;
	int ret = snpfw_create(seed, &fw);

	if (ret || !fw) {
		fprintf(stderr, "snpfw_create(%llx) failed: %d\n",
			(unsigned long long)seed, ret);
		exit(2);
	}
	return fw;
}

/* --------------------------------------------------- byte helpers -- */

static void w16(uint8_t *p, unsigned int v)
{
	p[0] = v & 0xff;
	p[1] = (v >> 8) & 0xff;
}

static void w32(uint8_t *p, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void w64(uint8_t *p, uint64_t v)
{
	int i;

	for (i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t r32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t r64(const uint8_t *p)
{
	return r32(p) | (uint64_t)r32(p + 4) << 32;
}

static bool zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

/* ---------------------------------------------- reference guest -- */

/**
 * struct guest - the guest's side: its copy of the secrets page and the
 * sequence numbers it has used (the OS area's msg_seqno_N)
 */
struct guest {
	uint8_t secrets[PAGE];
	uint64_t last[4];
};

static const uint8_t *g_key(const struct guest *g, unsigned int vmpck)
{
	return g->secrets + 0x20 + 32 * vmpck;
}

static void guest_init(struct guest *g, const struct snpfw *fw)
{
	memset(g, 0, sizeof(*g));
	snpfw_secrets_page(fw, g->secrets);
}

/* AES-256-GCM: IV = le64(seqno) || 0^4, AAD = the 48 header bytes. */
static bool aes_gcm(bool enc, const uint8_t *key, uint64_t seqno,
		    const uint8_t *aad, const uint8_t *in, int len,
		    uint8_t *out, uint8_t *tag)
{
	EVP_CIPHER_CTX *c = EVP_CIPHER_CTX_new();
	uint8_t iv[12];
	int n = 0, ok;

	memset(iv, 0, sizeof(iv));
	w64(iv, seqno);
	ok = c && (enc ? EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, key,
					    iv) :
			 EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, key,
					    iv));
	ok = ok && (enc ? EVP_EncryptUpdate(c, NULL, &n, aad, 48) :
			  EVP_DecryptUpdate(c, NULL, &n, aad, 48));
	ok = ok && (enc ? EVP_EncryptUpdate(c, out, &n, in, len) :
			  EVP_DecryptUpdate(c, out, &n, in, len));
	if (ok && !enc)
		ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, 16, tag);
	ok = ok && (enc ? EVP_EncryptFinal_ex(c, out + len, &n) :
			  EVP_DecryptFinal_ex(c, out + len, &n));
	if (ok && enc)
		ok = EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, 16, tag);
	EVP_CIPHER_CTX_free(c);
	return ok;
}

/* Build a request page (header + ciphertext) under an explicit key. */
static void seal_with(uint8_t page[PAGE], const uint8_t *key, uint64_t seqno,
		      uint8_t type, uint8_t version, uint8_t vmpck,
		      const void *pt, uint16_t len)
{
	uint8_t out[PAGE + 16];

	memset(page, 0, PAGE);
	w64(page + 0x20, seqno);
	page[0x30] = 1;			/* AES-256-GCM */
	page[0x31] = 1;			/* header version */
	w16(page + 0x32, 0x60);
	page[0x34] = type;
	page[0x35] = version;
	w16(page + 0x36, len);
	page[0x3c] = vmpck;
	if (!aes_gcm(true, key, seqno, page + 0x30, pt, len, out, page))
		abort();
	memcpy(page + 0x60, out, len);
}

static void seal(struct guest *g, uint8_t page[PAGE], uint64_t seqno,
		 uint8_t type, unsigned int vmpck, const void *pt, uint16_t len)
{
	seal_with(page, g_key(g, vmpck), seqno, type, 1, (uint8_t)vmpck, pt,
		  len);
}

/*
 * Check a response page the way a guest must (seqno, type, version,
 * algorithm, header size, VMPCK, size), then open it.
 */
static bool open_rsp(const struct guest *g, const uint8_t page[PAGE],
		     uint64_t req_seqno, uint8_t req_type, unsigned int vmpck,
		     uint8_t *out, uint16_t *len)
{
	uint8_t copy[PAGE];
	uint16_t sz;

	memcpy(copy, page, PAGE);
	sz = (uint16_t)(copy[0x36] | copy[0x37] << 8);
	if (r64(copy + 0x20) != req_seqno + 1 || copy[0x34] != req_type + 1 ||
	    copy[0x35] != 1 || copy[0x30] != 1 || copy[0x31] != 1 ||
	    copy[0x32] != 0x60 || copy[0x33] || copy[0x3c] != vmpck ||
	    sz > PAGE - 0x60)
		return false;
	if (!aes_gcm(false, g_key(g, vmpck), req_seqno + 1, copy + 0x30,
		     copy + 0x60, sz, out, copy))
		return false;
	*len = sz;
	return true;
}

static void report_req(uint8_t req[96], const uint8_t *data, uint32_t vmpl,
		       uint32_t key_sel)
{
	memset(req, 0, 96);
	memcpy(req, data, 64);
	w32(req + 0x40, vmpl);
	w32(req + 0x44, key_sel);
}

/*
 * One full exchange through the guest's counter: returns the firmware
 * status; on success the opened payload is in @out.
 */
static uint32_t exchange(struct snpfw *fw, struct guest *g,
			 unsigned int vmpck, uint8_t type, const void *pt,
			 uint16_t len, uint8_t *out, uint16_t *out_len)
{
	uint8_t req[PAGE], rsp[PAGE];
	uint64_t seqno = g->last[vmpck] + 1, ei2 = 0xdead;
	uint32_t st;

	seal(g, req, seqno, type, vmpck, pt, len);
	memset(rsp, 0, sizeof(rsp));
	st = snpfw_guest_request(fw, req, rsp, &ei2);
	if (ei2 != st)
		fail_at(__LINE__, "exitinfo2 0x%llx != status 0x%x",
			(unsigned long long)ei2, st);
	if (st)
		return st;
	g->last[vmpck] += 2;
	if (!open_rsp(g, rsp, seqno, type, vmpck, out, out_len)) {
		fail_at(__LINE__, "response to seqno %llu does not open",
			(unsigned long long)seqno);
		return 0xffff;
	}
	return 0;
}

/* MSG_REPORT_REQ -> *status and the report; returns the firmware status. */
static uint32_t get_report(struct snpfw *fw, struct guest *g,
			   unsigned int vmpck, const uint8_t *data,
			   uint32_t vmpl, uint32_t key_sel, uint32_t *status,
			   uint8_t report[SNPFW_REPORT_SIZE])
{
	uint8_t req[96], out[PAGE];
	uint16_t len = 0;
	uint32_t st;

	report_req(req, data, vmpl, key_sel);
	st = exchange(fw, g, vmpck, SNPFW_MSG_REPORT_REQ, req, sizeof(req),
		      out, &len);
	if (st)
		return st;
	if (len != 0x20 + SNPFW_REPORT_SIZE)
		fail_at(__LINE__, "MSG_REPORT_RSP size %u", len);
	*status = r32(out);
	if (report)
		memcpy(report, out + 0x20, SNPFW_REPORT_SIZE);
	if (!*status && r32(out + 4) != SNPFW_REPORT_SIZE)
		fail_at(__LINE__, "report_size %u", r32(out + 4));
	if (*status && (r32(out + 4) || !zero(out + 0x20, SNPFW_REPORT_SIZE)))
		fail_at(__LINE__, "a refused report request carries a report");
	return 0;
}

struct keyreq {
	uint32_t root;
	uint32_t rsvd;
	uint64_t gfs;
	uint32_t vmpl;
	uint32_t svn;
	uint64_t tcb;
};

static uint32_t get_key(struct snpfw *fw, struct guest *g, unsigned int vmpck,
			const struct keyreq *k, uint32_t *status,
			uint8_t key[32])
{
	uint8_t req[32], out[PAGE];
	uint16_t len = 0;
	uint32_t st;

	memset(req, 0, sizeof(req));
	w32(req, k->root);
	w32(req + 4, k->rsvd);
	w64(req + 8, k->gfs);
	w32(req + 0x10, k->vmpl);
	w32(req + 0x14, k->svn);
	w64(req + 0x18, k->tcb);
	st = exchange(fw, g, vmpck, SNPFW_MSG_KEY_REQ, req, sizeof(req), out,
		      &len);
	if (st)
		return st;
	if (len != 64)
		fail_at(__LINE__, "MSG_KEY_RSP size %u", len);
	*status = r32(out);
	if (!zero(out + 4, 28))
		fail_at(__LINE__, "MSG_KEY_RSP reserved bytes set");
	memcpy(key, out + 0x20, 32);
	if (*status && !zero(key, 32))
		fail_at(__LINE__, "a refused key request carries a key");
	return 0;
}

/* -------------------------------------------------- x509 helpers -- */

static X509 *der_cert(const uint8_t *der, size_t len)
{
	const unsigned char *p = der;
	X509 *x = d2i_X509(NULL, &p, (long)len);

	if (x && p != der + len) {
		X509_free(x);
		x = NULL;
	}
	return x;
}

static X509 *fw_cert(const struct snpfw *fw, enum snpfw_cert which)
{
	const uint8_t *der;
	size_t len;

	if (snpfw_cert_der(fw, which, &der, &len))
		return NULL;
	return der_cert(der, len);
}

static X509 *file_cert(const char *name)
{
	char path[1024];
	X509 *x = NULL;
	BIO *b;

	snprintf(path, sizeof(path), "%s/%s",
		 getenv("SIMFW_REALDATA") ? getenv("SIMFW_REALDATA") :
					    SIMFW_REALDATA, name);
	b = BIO_new_file(path, "rb");
	if (!b) {
		fprintf(stderr, "  cannot open %s\n", path);
		return NULL;
	}
	if (strstr(name, ".pem"))
		x = PEM_read_bio_X509(b, NULL, NULL, NULL);
	else
		x = d2i_X509_bio(b, NULL);
	BIO_free(b);
	return x;
}

/* DER of the public key, to compare keys across instances. */
static bool same_pubkey(X509 *a, X509 *b)
{
	unsigned char *da = NULL, *db = NULL;
	int la = i2d_PUBKEY(X509_get0_pubkey(a), &da);
	int lb = i2d_PUBKEY(X509_get0_pubkey(b), &db);
	bool same = la > 0 && la == lb && !memcmp(da, db, (size_t)la);

	OPENSSL_free(da);
	OPENSSL_free(db);
	return same;
}

/* Verify a report's signature (R, S little-endian) with @vcek's key. */
static bool report_verifies(const uint8_t *r, X509 *vcek)
{
	BIGNUM *br = BN_lebin2bn(r + 0x2a0, 72, NULL);
	BIGNUM *bs = BN_lebin2bn(r + 0x2e8, 72, NULL);
	ECDSA_SIG *sig = ECDSA_SIG_new();
	unsigned char *der = NULL;
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	int len, ok = 0;

	if (!br || !bs || !sig || !md || !ECDSA_SIG_set0(sig, br, bs)) {
		BN_free(br);
		BN_free(bs);
		goto out;
	}
	len = i2d_ECDSA_SIG(sig, &der);
	ok = len > 0 &&
	     EVP_DigestVerifyInit(md, NULL, EVP_sha384(), NULL,
				  X509_get0_pubkey(vcek)) == 1 &&
	     EVP_DigestVerify(md, der, (size_t)len, r, 0x2a0) == 1;
out:
	OPENSSL_free(der);
	ECDSA_SIG_free(sig);
	EVP_MD_CTX_free(md);
	return ok;
}

/* The value of an extension by dotted OID, or NULL. */
static const ASN1_OCTET_STRING *ext_value(X509 *x, const char *oid)
{
	ASN1_OBJECT *obj = OBJ_txt2obj(oid, 1);
	int i = obj ? X509_get_ext_by_OBJ(x, obj, -1) : -1;

	ASN1_OBJECT_free(obj);
	if (i < 0)
		return NULL;
	return X509_EXTENSION_get_data(X509_get_ext(x, i));
}

static long ext_int(X509 *x, const char *oid)
{
	const ASN1_OCTET_STRING *v = ext_value(x, oid);
	const unsigned char *p;
	ASN1_INTEGER *ai;
	long val = -1;

	if (!v)
		return -1;
	p = ASN1_STRING_get0_data(v);
	ai = d2i_ASN1_INTEGER(NULL, &p, ASN1_STRING_length(v));
	if (ai)
		val = ASN1_INTEGER_get(ai);
	ASN1_INTEGER_free(ai);
	return val;
}

/* ---------------------------------------------------------- tests -- */

/* Two verifier nonces using all 64 bytes (filled in main()). */
static uint8_t nonce_a[64], nonce_b[64];

static void t_deterministic(void)
{
	struct snpfw *a = new_fw(SEED), *b = new_fw(SEED), *c = new_fw(SEED2);
	uint8_t pa[PAGE], pb[PAGE], pc[PAGE];
	struct snpfw_info ia, ib, ic;
	int i;

	snpfw_secrets_page(a, pa);
	snpfw_secrets_page(b, pb);
	snpfw_secrets_page(c, pc);
	snpfw_get_info(a, &ia);
	snpfw_get_info(b, &ib);
	snpfw_get_info(c, &ic);
	CHECK(!memcmp(pa, pb, PAGE));
	CHECK(memcmp(pa + 0x20, pc + 0x20, 128));
	CHECK(!memcmp(&ia, &ib, sizeof(ia)));
	CHECK(memcmp(ia.chip_id, ic.chip_id, 64));
	CHECK(memcmp(ia.measurement, ic.measurement, 48));
	CHECK(memcmp(ia.report_id, ic.report_id, 32));
	for (i = 0; i < SNPFW_CERT_COUNT; i++) {
		X509 *xa = fw_cert(a, i), *xb = fw_cert(b, i);
		X509 *xc = fw_cert(c, i);

		CHECK(xa && xb && xc);
		if (xa && xb && xc) {
			CHECK(same_pubkey(xa, xb));
			CHECK(!same_pubkey(xa, xc));
		}
		X509_free(xa);
		X509_free(xb);
		X509_free(xc);
	}
	snpfw_destroy(a);
	snpfw_destroy(b);
	snpfw_destroy(c);
}

/* Remove a cache directory this test made (files, then the directory). */
static void rm_tree(const char *dir)
{
	char path[1200];
	struct dirent *d;
	DIR *dp = opendir(dir);

	if (!dp)
		return;
	while ((d = readdir(dp))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		unlink(path);
	}
	closedir(dp);
	rmdir(dir);
}

/*
 * From an empty cache the keys come out the same as the cached ones (the
 * derivation is deterministic), the cache is written, a second creation
 * is served from it, and a damaged entry is regenerated to the same keys.
 */
static void t_cold_cache(void)
{
	char tmpl[] = "/tmp/simfw-cache-XXXXXX", path[256];
	const char *old = getenv("SIMFW_CACHE");
	char *saved = old ? strdup(old) : NULL;
	struct snpfw *ref = new_fw(SEED), *cold, *warm, *fixed;
	double t0, t_cold, t_warm;
	struct stat st;
	FILE *f;
	int i;

	if (!mkdtemp(tmpl)) {
		fail_at(__LINE__, "mkdtemp: %s", strerror(errno));
		free(saved);
		snpfw_destroy(ref);
		return;
	}
	setenv("SIMFW_CACHE", tmpl, 1);
	t0 = now_ms();
	cold = new_fw(SEED);
	t_cold = now_ms() - t0;
	snprintf(path, sizeof(path), "%s/snp-v1-%016llx.pem", tmpl,
		 (unsigned long long)SEED);
	CHECK(!stat(path, &st) && st.st_size > 0 && !(st.st_mode & 077));
	t0 = now_ms();
	warm = new_fw(SEED);
	t_warm = now_ms() - t0;
	printf("# key generation: cold %.0f ms, from cache %.1f ms\n", t_cold,
	       t_warm);

	/* damage the entry: it is regenerated, to the same keys */
	f = fopen(path, "r+");
	CHECK(f != NULL);
	if (f) {
		fseek(f, 700, SEEK_SET);
		fputs("garbage", f);
		fclose(f);
	}
	fixed = new_fw(SEED);
	for (i = 0; i < SNPFW_CERT_COUNT; i++) {
		X509 *r = fw_cert(ref, i), *c = fw_cert(cold, i);
		X509 *w = fw_cert(warm, i), *x = fw_cert(fixed, i);

		CHECK(r && c && w && x);
		if (r && c && w && x) {
			CHECK(same_pubkey(r, c));
			CHECK(same_pubkey(r, w));
			CHECK(same_pubkey(r, x));
		}
		/* the cached ARK/ASK are the very same certificates */
		if (i != SNPFW_CERT_VCEK && c && w)
			CHECK(!X509_cmp(c, w));
		X509_free(r);
		X509_free(c);
		X509_free(w);
		X509_free(x);
	}
	snpfw_destroy(ref);
	snpfw_destroy(cold);
	snpfw_destroy(warm);
	snpfw_destroy(fixed);
	if (saved)
		setenv("SIMFW_CACHE", saved, 1);
	else
		unsetenv("SIMFW_CACHE");
	free(saved);
	rm_tree(tmpl);
}

static void t_secrets_page(void)
{
	struct snpfw *fw = new_fw(SEED);
	uint8_t p[PAGE];
	int i, j;

	snpfw_secrets_page(fw, p);
	CHECK_EQ(r32(p), 3);			/* version */
	CHECK_EQ(r32(p + 4), 0);		/* IMIEN clear */
	CHECK_EQ(r32(p + 8), 0x00a00f10);	/* FMS: Milan B0 */
	CHECK(zero(p + 0x0c, 0x14));		/* reserved, GOSVW */
	for (i = 0; i < 4; i++) {
		CHECK(!zero(p + 0x20 + 32 * i, 32));
		for (j = 0; j < i; j++)
			CHECK(memcmp(p + 0x20 + 32 * i, p + 0x20 + 32 * j, 32));
	}
	/* OS area (sequence numbers) and everything after: zero */
	CHECK(zero(p + 0xa0, PAGE - 0xa0));
	snpfw_destroy(fw);
}

static void t_report_roundtrip(void)
{
	struct snpfw *fw = new_fw(SEED);
	struct snpfw_info in;
	struct guest g;
	uint8_t rep[SNPFW_REPORT_SIZE], req[PAGE], rsp[PAGE], pt[96];
	uint8_t out[PAGE];
	uint16_t len = 0;
	uint32_t status = 1;

	guest_init(&g, fw);
	snpfw_get_info(fw, &in);

	/* seqno 1 by hand, to see every header field of the response */
	report_req(pt, nonce_a, 0, 0);
	seal(&g, req, 1, SNPFW_MSG_REPORT_REQ, 0, pt, sizeof(pt));
	memset(rsp, 0xa5, sizeof(rsp));
	CHECK_EQ(snpfw_guest_request(fw, req, rsp, NULL), 0);
	CHECK_EQ(r64(rsp + 0x20), 2);
	CHECK(zero(rsp + 0x10, 0x10) && zero(rsp + 0x28, 8));
	CHECK_EQ(rsp[0x30], 1);
	CHECK_EQ(rsp[0x31], 1);
	CHECK_EQ(rsp[0x32] | rsp[0x33] << 8, 0x60);
	CHECK_EQ(rsp[0x34], SNPFW_MSG_REPORT_RSP);
	CHECK_EQ(rsp[0x35], 1);
	CHECK_EQ(rsp[0x36] | rsp[0x37] << 8, 0x20 + SNPFW_REPORT_SIZE);
	CHECK(zero(rsp + 0x38, 4) && rsp[0x3c] == 0 && zero(rsp + 0x3d, 35));
	CHECK(zero(rsp + 0x60 + 0x20 + SNPFW_REPORT_SIZE,
		   PAGE - 0x60 - 0x20 - SNPFW_REPORT_SIZE));
	CHECK(open_rsp(&g, rsp, 1, SNPFW_MSG_REPORT_REQ, 0, out, &len));
	CHECK_EQ(r32(out), 0);
	CHECK_EQ(r32(out + 4), SNPFW_REPORT_SIZE);
	CHECK(zero(out + 8, 24));
	memcpy(rep, out + 0x20, sizeof(rep));
	CHECK_EQ(snpfw_vmpck_seqno(fw, 0), 2);
	g.last[0] = 2;

	CHECK_EQ(r32(rep + 0x00), 3);			/* VERSION */
	CHECK_EQ(r32(rep + 0x04), in.guest_svn);
	CHECK_EQ(r64(rep + 0x08), in.policy);
	CHECK_EQ(r64(rep + 0x08), 0x30000);
	CHECK_EQ(r32(rep + 0x30), 0);			/* VMPL */
	CHECK_EQ(r32(rep + 0x34), 1);			/* ECDSA P-384 */
	CHECK_EQ(r64(rep + 0x38), in.tcb.current_tcb);
	CHECK_EQ(r64(rep + 0x40), in.platform_info);
	CHECK_EQ(r32(rep + 0x48), 0);			/* VCEK, unmasked */
	CHECK(!memcmp(rep + 0x50, nonce_a, 64));
	CHECK(!memcmp(rep + 0x90, in.measurement, 48));
	CHECK(!zero(rep + 0x90, 48));
	CHECK(!memcmp(rep + 0xc0, in.host_data, 32));
	CHECK(!memcmp(rep + 0x140, in.report_id, 32));
	CHECK(rep[0x160] == 0xff && rep[0x17f] == 0xff);
	CHECK_EQ(r64(rep + 0x180), in.tcb.reported);
	CHECK(rep[0x188] == 0x19 && rep[0x189] == 0x01 && rep[0x18a] == 0);
	CHECK(!memcmp(rep + 0x1a0, in.chip_id, 64));
	CHECK_EQ(r64(rep + 0x1e0), in.tcb.committed);
	CHECK(rep[0x1ea] == 1 && rep[0x1e9] >= 52);	/* firmware 1.5x */
	CHECK(!memcmp(rep + 0x1e8, rep + 0x1ec, 4));
	CHECK_EQ(r64(rep + 0x1f0), in.tcb.launch);
	CHECK(zero(rep + 0x1f8, 0x2a0 - 0x1f8));
	CHECK(zero(rep + 0x2a0 + 144, SNPFW_REPORT_SIZE - 0x2a0 - 144));

	/* then 3, 5 through the reference guest's counter */
	CHECK_EQ(get_report(fw, &g, 0, nonce_b, 2, 0, &status, rep), 0);
	CHECK_EQ(status, 0);
	CHECK(!memcmp(rep + 0x50, nonce_b, 64));
	CHECK_EQ(r32(rep + 0x30), 2);
	CHECK_EQ(snpfw_vmpck_seqno(fw, 0), 4);
	CHECK_EQ(get_report(fw, &g, 0, nonce_a, 3, 1, &status, rep), 0);
	CHECK_EQ(status, 0);
	CHECK_EQ(r32(rep + 0x30), 3);
	CHECK_EQ(snpfw_vmpck_seqno(fw, 0), 6);

	/* each VMPCK has its own counter */
	CHECK_EQ(get_report(fw, &g, 2, nonce_a, 2, 0, &status, rep), 0);
	CHECK_EQ(status, 0);
	CHECK_EQ(snpfw_vmpck_seqno(fw, 2), 2);
	CHECK_EQ(snpfw_vmpck_seqno(fw, 0), 6);
	CHECK_EQ(snpfw_vmpck_seqno(fw, 1), 0);
	snpfw_destroy(fw);
}

static void t_report_signature(void)
{
	struct snpfw *fw = new_fw(SEED);
	X509 *vcek = fw_cert(fw, SNPFW_CERT_VCEK), *ask;
	uint8_t rep[SNPFW_REPORT_SIZE], rep2[SNPFW_REPORT_SIZE];
	uint32_t status = 1;
	struct guest g;
	int i;

	guest_init(&g, fw);
	CHECK(vcek != NULL);
	CHECK_EQ(get_report(fw, &g, 0, nonce_a, 0, 0, &status, rep), 0);
	CHECK(vcek && report_verifies(rep, vcek));
	/* any signed byte, flipped, breaks it */
	for (i = 0; i < 0x2a0; i += 0x53) {
		memcpy(rep2, rep, sizeof(rep));
		rep2[i] ^= 0x01;
		CHECK(vcek && !report_verifies(rep2, vcek));
	}
	/* the ASK's key is not the signer */
	ask = fw_cert(fw, SNPFW_CERT_ASK);
	CHECK(ask && !report_verifies(rep, ask));
	/* the library's own guest helper gets a report that verifies too */
	CHECK_EQ(snpfw_guest_get_report(fw, 1, nonce_b, 1, rep2), 0);
	CHECK(vcek && report_verifies(rep2, vcek));
	CHECK_EQ(r32(rep2 + 0x30), 1);
	CHECK_EQ(snpfw_vmpck_seqno(fw, 1), 2);
	CHECK_EQ(snpfw_guest_get_report(fw, 1, nonce_b, 0, rep2),
		 SNPFW_STATUS_INVALID_PARAM);
	X509_free(vcek);
	X509_free(ask);
	snpfw_destroy(fw);
}

static void t_chain(void)
{
	struct snpfw *fw = new_fw(SEED);
	X509 *ark = fw_cert(fw, SNPFW_CERT_ARK);
	X509 *ask = fw_cert(fw, SNPFW_CERT_ASK);
	X509 *vcek = fw_cert(fw, SNPFW_CERT_VCEK);
	X509_STORE *store = X509_STORE_new();
	X509_STORE_CTX *ctx = X509_STORE_CTX_new();
	STACK_OF(X509) *untrusted = sk_X509_new_null();

	CHECK(ark && ask && vcek && store && ctx && untrusted);
	if (!ark || !ask || !vcek || !store || !ctx || !untrusted)
		goto out;
	CHECK_EQ(X509_verify(ark, X509_get0_pubkey(ark)), 1);
	CHECK_EQ(X509_verify(ask, X509_get0_pubkey(ark)), 1);
	CHECK_EQ(X509_verify(vcek, X509_get0_pubkey(ask)), 1);
	CHECK(X509_verify(vcek, X509_get0_pubkey(ark)) != 1);
	CHECK(X509_verify(ask, X509_get0_pubkey(ask)) != 1);
	CHECK_EQ(X509_check_issued(ark, ask), X509_V_OK);
	CHECK_EQ(X509_check_issued(ask, vcek), X509_V_OK);

	/* the full path, as openssl verify -CAfile ark -untrusted ask does */
	CHECK(X509_STORE_add_cert(store, ark));
	CHECK(sk_X509_push(untrusted, ask));
	CHECK(X509_STORE_CTX_init(ctx, store, vcek, untrusted));
	CHECK_EQ(X509_verify_cert(ctx), 1);
	if (X509_STORE_CTX_get_error(ctx))
		fail_at(__LINE__, "chain: %s",
			X509_verify_cert_error_string(
				X509_STORE_CTX_get_error(ctx)));
out:
	sk_X509_free(untrusted);
	X509_STORE_CTX_free(ctx);
	X509_STORE_free(store);
	X509_free(ark);
	X509_free(ask);
	X509_free(vcek);
	snpfw_destroy(fw);
}

/* "OU C L ST O CN" with the ASN.1 string type of each. */
static void name_layout(const X509_NAME *n, char *buf, size_t len)
{
	int i;

	buf[0] = '\0';
	for (i = 0; i < X509_NAME_entry_count(n); i++) {
		const X509_NAME_ENTRY *e = X509_NAME_get_entry(n, i);
		size_t l = strlen(buf);

		snprintf(buf + l, len - l, "%s:%d ",
			 OBJ_nid2sn(OBJ_obj2nid(X509_NAME_ENTRY_get_object(e))),
			 ASN1_STRING_type(X509_NAME_ENTRY_get_data(e)));
	}
}

/* Each extension's OID and criticality in order. */
static void ext_layout(const X509 *x, char *buf, size_t len)
{
	int i;

	buf[0] = '\0';
	for (i = 0; i < X509_get_ext_count(x); i++) {
		X509_EXTENSION *e = X509_get_ext(x, i);
		size_t l = strlen(buf);
		char oid[64];

		OBJ_obj2txt(oid, sizeof(oid), X509_EXTENSION_get_object(e), 1);
		snprintf(buf + l, len - l, "%s%s ", oid,
			 X509_EXTENSION_get_critical(e) ? "!" : "");
	}
}

static int algid_der(const X509_ALGOR *a, unsigned char **der)
{
	return i2d_X509_ALGOR(a, der);
}

/* The decoded RSASSA-PSS parameters as text (hash, MGF, salt, trailer). */
static void pss_text(const X509_ALGOR *a, char *buf, size_t len)
{
	const ASN1_OBJECT *obj;
	const void *pval;
	const ASN1_STRING *s;
	const unsigned char *p;
	RSA_PSS_PARAMS *pss;
	int ptype, hash = NID_sha1, mgf = NID_mgf1, mgfhash = NID_sha1;
	long salt = 20, trailer = 1;

	X509_ALGOR_get0(&obj, &ptype, &pval, a);
	snprintf(buf, len, "alg %s", OBJ_nid2sn(OBJ_obj2nid(obj)));
	if (OBJ_obj2nid(obj) != NID_rsassaPss || ptype != V_ASN1_SEQUENCE)
		return;
	s = pval;
	p = ASN1_STRING_get0_data(s);
	pss = d2i_RSA_PSS_PARAMS(NULL, &p, ASN1_STRING_length(s));
	if (!pss) {
		snprintf(buf, len, "bad PSS params");
		return;
	}
	if (pss->hashAlgorithm)
		hash = OBJ_obj2nid(pss->hashAlgorithm->algorithm);
	if (pss->maskGenAlgorithm) {
		X509_ALGOR *mh;

		mgf = OBJ_obj2nid(pss->maskGenAlgorithm->algorithm);
		s = pss->maskGenAlgorithm->parameter ?
			    pss->maskGenAlgorithm->parameter->value.sequence :
			    NULL;
		p = s ? ASN1_STRING_get0_data(s) : NULL;
		mh = p ? d2i_X509_ALGOR(NULL, &p, ASN1_STRING_length(s)) :
			 NULL;
		mgfhash = mh ? OBJ_obj2nid(mh->algorithm) : NID_undef;
		X509_ALGOR_free(mh);
	}
	if (pss->saltLength)
		salt = ASN1_INTEGER_get(pss->saltLength);
	if (pss->trailerField)
		trailer = ASN1_INTEGER_get(pss->trailerField);
	snprintf(buf, len, "rsassaPss hash %s mgf %s(%s) salt %ld trailer %ld",
		 OBJ_nid2sn(hash), OBJ_nid2sn(mgf), OBJ_nid2sn(mgfhash), salt,
		 trailer);
	RSA_PSS_PARAMS_free(pss);
}

static void key_text(X509 *x, char *buf, size_t len)
{
	EVP_PKEY *k = X509_get0_pubkey(x);
	char group[64] = "-";
	size_t gl = 0;

	if (EVP_PKEY_get_base_id(k) == EVP_PKEY_EC)
		EVP_PKEY_get_utf8_string_param(k, "group", group, sizeof(group),
					       &gl);
	snprintf(buf, len, "%s %d bits group %s",
		 OBJ_nid2sn(EVP_PKEY_get_base_id(k)), EVP_PKEY_get_bits(k),
		 group);
}

static int years(X509 *x)
{
	int days = 0, secs = 0;

	if (!ASN1_TIME_diff(&days, &secs, X509_get0_notBefore(x),
			    X509_get0_notAfter(x)))
		return -1;
	return (days + 1) / 365;
}

static void compare_cert(const char *what, X509 *sim, X509 *real)
{
	const X509_ALGOR *sa, *ra, *sa2, *ra2;
	const ASN1_BIT_STRING *ss, *rs;
	unsigned char *ds = NULL, *dr = NULL;
	char bs[1024], br[1024];
	int ls, lr;

	key_text(sim, bs, sizeof(bs));
	key_text(real, br, sizeof(br));
	if (strcmp(bs, br))
		fail_at(__LINE__, "%s key: simulated %s, AMD %s", what, bs, br);
	CHECK_EQ(X509_get_signature_nid(sim), NID_rsassaPss);
	CHECK_EQ(X509_get_signature_nid(sim), X509_get_signature_nid(real));
	X509_get0_signature(&ss, &sa, sim);
	X509_get0_signature(&rs, &ra, real);
	pss_text(sa, bs, sizeof(bs));
	pss_text(ra, br, sizeof(br));
	if (strcmp(bs, br))
		fail_at(__LINE__, "%s PSS: simulated %s, AMD %s", what, bs, br);
	/* byte for byte the same AlgorithmIdentifier, outer and in the TBS */
	ls = algid_der(sa, &ds);
	lr = algid_der(ra, &dr);
	CHECK(ls > 0 && ls == lr && !memcmp(ds, dr, (size_t)ls));
	OPENSSL_free(ds);
	ds = NULL;
	sa2 = X509_get0_tbs_sigalg(sim);
	ra2 = X509_get0_tbs_sigalg(real);
	ls = algid_der(sa2, &ds);
	CHECK(ls > 0 && ls == lr && !memcmp(ds, dr, (size_t)ls));
	OPENSSL_free(ds);
	OPENSSL_free(dr);
	CHECK(!X509_ALGOR_cmp(sa2, ra2));
	CHECK_EQ(X509_get_version(sim), X509_get_version(real));

	name_layout(X509_get_subject_name(sim), bs, sizeof(bs));
	name_layout(X509_get_subject_name(real), br, sizeof(br));
	if (strcmp(bs, br))
		fail_at(__LINE__, "%s subject: simulated %s, AMD %s", what, bs,
			br);
	name_layout(X509_get_issuer_name(sim), bs, sizeof(bs));
	name_layout(X509_get_issuer_name(real), br, sizeof(br));
	if (strcmp(bs, br))
		fail_at(__LINE__, "%s issuer: simulated %s, AMD %s", what, bs,
			br);
	ext_layout(sim, bs, sizeof(bs));
	ext_layout(real, br, sizeof(br));
	if (strcmp(bs, br))
		fail_at(__LINE__, "%s extensions: simulated %s, AMD %s", what,
			bs, br);
	CHECK_EQ(years(sim), years(real));
	CHECK(!ASN1_INTEGER_cmp(X509_get0_serialNumber(sim),
				X509_get0_serialNumber(real)));
}

/* The VCEK extension values have AMD's encodings: INTEGER, IA5String, raw. */
static void compare_vcek_values(X509 *sim, X509 *real)
{
	int i;

	for (i = 0; i < X509_get_ext_count(real); i++) {
		X509_EXTENSION *re = X509_get_ext(real, i);
		X509_EXTENSION *se = X509_get_ext(sim, i);
		const ASN1_OCTET_STRING *rv = X509_EXTENSION_get_data(re);
		const ASN1_OCTET_STRING *sv = se ? X509_EXTENSION_get_data(se) :
						   NULL;
		char oid[64];

		OBJ_obj2txt(oid, sizeof(oid), X509_EXTENSION_get_object(re), 1);
		if (!sv) {
			fail_at(__LINE__, "VCEK lacks %s", oid);
			continue;
		}
		if (!strcmp(oid, "1.3.6.1.4.1.3704.1.4")) {
			/* hwID: 64 raw bytes, not DER-wrapped */
			CHECK_EQ(ASN1_STRING_length(sv), ASN1_STRING_length(rv));
			continue;
		}
		/* the same DER tag (0x02 INTEGER, 0x16 IA5String) */
		if (ASN1_STRING_get0_data(sv)[0] !=
		    ASN1_STRING_get0_data(rv)[0])
			fail_at(__LINE__, "%s: tag 0x%02x, AMD 0x%02x", oid,
				ASN1_STRING_get0_data(sv)[0],
				ASN1_STRING_get0_data(rv)[0]);
	}
}

static void t_chain_like_amd(void)
{
	struct snpfw *fw = new_fw(SEED);
	X509 *sim[3], *real[3];
	struct snpfw_info in;
	const ASN1_OCTET_STRING *hw;
	int i;

	sim[0] = fw_cert(fw, SNPFW_CERT_ARK);
	sim[1] = fw_cert(fw, SNPFW_CERT_ASK);
	sim[2] = fw_cert(fw, SNPFW_CERT_VCEK);
	real[0] = file_cert("ark_milan.pem");
	real[1] = file_cert("ask_milan.pem");
	real[2] = file_cert("milan-v2-a.vcek.der");
	for (i = 0; i < 3; i++)
		CHECK(sim[i] && real[i]);
	if (sim[0] && sim[1] && sim[2] && real[0] && real[1] && real[2]) {
		/* AMD's own chain verifies the same way ours does */
		CHECK_EQ(X509_verify(real[1], X509_get0_pubkey(real[0])), 1);
		CHECK_EQ(X509_verify(real[2], X509_get0_pubkey(real[1])), 1);
		compare_cert("ARK", sim[0], real[0]);
		compare_cert("ASK", sim[1], real[1]);
		compare_cert("VCEK", sim[2], real[2]);
		compare_vcek_values(sim[2], real[2]);
		/* and the VCEK's values are this chip's */
		snpfw_get_info(fw, &in);
		hw = ext_value(sim[2], "1.3.6.1.4.1.3704.1.4");
		CHECK(hw && ASN1_STRING_length(hw) == 64 &&
		      !memcmp(ASN1_STRING_get0_data(hw), in.chip_id, 64));
		CHECK_EQ(ext_int(sim[2], "1.3.6.1.4.1.3704.1.3.1"), 4);
		CHECK_EQ(ext_int(sim[2], "1.3.6.1.4.1.3704.1.3.2"), 0);
		CHECK_EQ(ext_int(sim[2], "1.3.6.1.4.1.3704.1.3.3"), 23);
		CHECK_EQ(ext_int(sim[2], "1.3.6.1.4.1.3704.1.3.8"), 213);
		CHECK_EQ(ext_int(sim[2], "1.3.6.1.4.1.3704.1.1"), 0);
	}
	for (i = 0; i < 3; i++) {
		X509_free(sim[i]);
		X509_free(real[i]);
	}
	snpfw_destroy(fw);
}

/* Submit @req; it must be refused with @want, no response, no counter move. */
static void refused(struct snpfw *fw, const uint8_t *req, uint32_t want,
		    int line, int idx)
{
	uint8_t rsp[PAGE], pattern[PAGE];
	uint64_t before[4], ei2 = 0;
	uint32_t st;
	int i;

	for (i = 0; i < 4; i++)
		before[i] = snpfw_vmpck_seqno(fw, i);
	memset(rsp, 0xa5, sizeof(rsp));
	memset(pattern, 0xa5, sizeof(pattern));
	st = snpfw_guest_request(fw, req, rsp, &ei2);
	if (st != want)
		fail_at(line, "case %d: status 0x%x, want 0x%x", idx, st, want);
	if (ei2 != st)
		fail_at(line, "case %d: exitinfo2 0x%llx", idx,
			(unsigned long long)ei2);
	if (memcmp(rsp, pattern, PAGE))
		fail_at(line, "case %d: the response page was written", idx);
	for (i = 0; i < 4; i++)
		if (snpfw_vmpck_seqno(fw, i) != before[i])
			fail_at(line, "case %d: VMPCK%d counter moved", idx, i);
}

#define REFUSED(fw, req, want) refused(fw, req, want, __LINE__, -1)

static void t_refusals(void)
{
	struct snpfw *fw = new_fw(SEED), *other = new_fw(SEED2);
	uint8_t pt[96], first[PAGE], req[PAGE], a[PAGE], b[PAGE];
	uint8_t rsp[PAGE], okreq[PAGE];
	struct guest g, og;
	uint16_t len = 0;
	size_t k;
	struct {
		unsigned int off;
		uint8_t val;
		uint32_t want;
	} hdr[] = {
		{ 0x30, 0, SNPFW_STATUS_INVALID_PARAM },   /* algo invalid */
		{ 0x30, 2, SNPFW_STATUS_INVALID_PARAM },   /* unknown algo */
		{ 0x31, 0, SNPFW_STATUS_INVALID_PARAM },   /* hdr_version */
		{ 0x31, 2, SNPFW_STATUS_INVALID_PARAM },
		{ 0x32, 0x5f, SNPFW_STATUS_INVALID_PARAM },  /* hdr_sz */
		{ 0x33, 0x01, SNPFW_STATUS_INVALID_PARAM },
		{ 0x28, 1, SNPFW_STATUS_INVALID_PARAM },   /* reserved */
		{ 0x2f, 0x80, SNPFW_STATUS_INVALID_PARAM },
		{ 0x38, 1, SNPFW_STATUS_INVALID_PARAM },
		{ 0x3b, 1, SNPFW_STATUS_INVALID_PARAM },
		{ 0x3d, 1, SNPFW_STATUS_INVALID_PARAM },
		{ 0x5f, 1, SNPFW_STATUS_INVALID_PARAM },
		{ 0x3c, 4, SNPFW_STATUS_INVALID_PARAM },   /* msg_vmpck */
		{ 0x3c, 0xff, SNPFW_STATUS_INVALID_PARAM },
		{ 0x34, 0, SNPFW_STATUS_INVALID_PARAM },   /* msg_type */
		{ 0x34, SNPFW_MSG_REPORT_RSP, SNPFW_STATUS_INVALID_PARAM },
		{ 0x34, SNPFW_MSG_KEY_RSP, SNPFW_STATUS_INVALID_PARAM },
		{ 0x34, 200, SNPFW_STATUS_INVALID_PARAM },
		{ 0x34, 1, SNPFW_STATUS_UNSUPPORTED },     /* CPUID_REQ */
		{ 0x34, 17, SNPFW_STATUS_UNSUPPORTED },    /* TSC_INFO_REQ */
		{ 0x35, 0, SNPFW_STATUS_INVALID_PARAM },   /* msg_version */
		{ 0x35, 2, SNPFW_STATUS_INVALID_PARAM },
	};
	static const unsigned int bad_sz[] = { 0, 1, 95, 97, 4000, 4001,
					       0xffff };

	guest_init(&g, fw);
	guest_init(&og, other);
	report_req(pt, nonce_a, 0, 0);
	/* one accepted exchange first: counter 2 */
	seal(&g, first, 1, SNPFW_MSG_REPORT_REQ, 0, pt, sizeof(pt));
	CHECK_EQ(snpfw_guest_request(fw, first, rsp, NULL), 0);
	g.last[0] = 2;

	/* replayed request */
	REFUSED(fw, first, SNPFW_STATUS_INVALID_PARAM);
	/* sequence numbers other than 3 */
	seal(&g, req, 5, SNPFW_MSG_REPORT_REQ, 0, pt, sizeof(pt));
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);
	seal(&g, req, 2, SNPFW_MSG_REPORT_REQ, 0, pt, sizeof(pt));
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);
	seal(&g, req, 0, SNPFW_MSG_REPORT_REQ, 0, pt, sizeof(pt));
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);
	seal(&g, req, 3 + (1ULL << 32), SNPFW_MSG_REPORT_REQ, 0, pt,
	     sizeof(pt));
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);
	/* the seqno field changed after sealing: IV and counter disagree */
	seal(&g, req, 5, SNPFW_MSG_REPORT_REQ, 0, pt, sizeof(pt));
	w64(req + 0x20, 3);
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);

	/* reordered: 5 before 3 is refused; 3 then 5 is fine */
	seal(&g, a, 3, SNPFW_MSG_REPORT_REQ, 0, pt, sizeof(pt));
	seal(&g, b, 5, SNPFW_MSG_REPORT_REQ, 0, pt, sizeof(pt));
	REFUSED(fw, b, SNPFW_STATUS_INVALID_PARAM);
	CHECK_EQ(snpfw_guest_request(fw, a, rsp, NULL), 0);
	CHECK_EQ(snpfw_guest_request(fw, b, rsp, NULL), 0);
	CHECK_EQ(snpfw_vmpck_seqno(fw, 0), 6);
	g.last[0] = 6;
	REFUSED(fw, a, SNPFW_STATUS_INVALID_PARAM);	/* replays, late */
	REFUSED(fw, b, SNPFW_STATUS_INVALID_PARAM);

	/* a valid request with seqno 7, to mutate */
	seal(&g, okreq, 7, SNPFW_MSG_REPORT_REQ, 0, pt, sizeof(pt));

	/* tampered ciphertext, tag */
	memcpy(req, okreq, PAGE);
	req[0x60] ^= 1;
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);
	memcpy(req, okreq, PAGE);
	req[0x60 + 95] ^= 0x80;
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);
	memcpy(req, okreq, PAGE);
	req[0x00] ^= 1;
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);
	memcpy(req, okreq, PAGE);
	req[0x0f] ^= 0x40;
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);

	/* tampered header fields: each refused, by the checks or the tag */
	for (k = 0; k < ARRAY_SIZE(hdr); k++) {
		memcpy(req, okreq, PAGE);
		req[hdr[k].off] = hdr[k].val;
		refused(fw, req, hdr[k].want, __LINE__, (int)k);
	}
	for (k = 0; k < ARRAY_SIZE(bad_sz); k++) {
		memcpy(req, okreq, PAGE);
		w16(req + 0x36, bad_sz[k]);
		refused(fw, req, SNPFW_STATUS_INVALID_PARAM, __LINE__,
			(int)k);
	}
	/* a key request's size on a report request */
	memcpy(req, okreq, PAGE);
	req[0x34] = SNPFW_MSG_KEY_REQ;
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);
	/* the AAD is the whole 0x30..0x5f: sealed with a byte the host clears */
	seal(&g, req, 7, SNPFW_MSG_REPORT_REQ, 0, pt, sizeof(pt));
	{
		uint8_t aad_page[PAGE], ct[PAGE + 16];

		memcpy(aad_page, req, PAGE);
		aad_page[0x50] = 0x11;		/* guest seals this header */
		CHECK(aes_gcm(true, g_key(&g, 0), 7, aad_page + 0x30, pt,
			      sizeof(pt), ct, req));
		memcpy(req + 0x60, ct, sizeof(pt));	/* host zeroes 0x50 */
		REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);
		/* and sealed as it stands: the reserved check refuses it */
		for (k = 0x38; k < 0x60; k++) {
			if (k == 0x3c)
				continue;
			memcpy(aad_page, okreq, 0x60);
			aad_page[k] = 0x01;
			CHECK(aes_gcm(true, g_key(&g, 0), 7, aad_page + 0x30,
				      pt, sizeof(pt), ct, aad_page));
			memcpy(aad_page + 0x60, ct, sizeof(pt));
			refused(fw, aad_page, SNPFW_STATUS_INVALID_PARAM,
				__LINE__, (int)k);
		}
	}

	/* wrong VMPCK: sealed with VMPCK0, header claims VMPCK1 (seqno ok) */
	seal_with(req, g_key(&g, 0), 1, SNPFW_MSG_REPORT_REQ, 1, 1, pt,
		  sizeof(pt));
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);
	memcpy(req, okreq, PAGE);
	req[0x3c] = 1;
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);
	/* another chip's key */
	seal(&og, req, 7, SNPFW_MSG_REPORT_REQ, 0, pt, sizeof(pt));
	REFUSED(fw, req, SNPFW_STATUS_INVALID_PARAM);

	/* after all that, the untouched request 7 goes through */
	CHECK_EQ(snpfw_guest_request(fw, okreq, rsp, NULL), 0);
	CHECK(open_rsp(&g, rsp, 7, SNPFW_MSG_REPORT_REQ, 0, a, &len));
	CHECK_EQ(r32(a), 0);
	CHECK_EQ(snpfw_vmpck_seqno(fw, 0), 8);
	CHECK_EQ(snpfw_vmpck_seqno(fw, 1), 0);

	/* counter exhaustion: a response would need seqno + 1 */
	CHECK_EQ(snpfw_set_vmpck_seqno(fw, 3, UINT64_MAX - 2), 0);
	report_req(pt, nonce_a, 3, 0);
	seal(&g, req, UINT64_MAX - 1, SNPFW_MSG_REPORT_REQ, 3, pt, sizeof(pt));
	CHECK_EQ(snpfw_guest_request(fw, req, rsp, NULL), 0);
	CHECK_EQ(r64(rsp + 0x20), UINT64_MAX);
	CHECK_EQ(snpfw_vmpck_seqno(fw, 3), UINT64_MAX);
	seal(&g, req, 0, SNPFW_MSG_REPORT_REQ, 3, pt, sizeof(pt));
	REFUSED(fw, req, SNPFW_STATUS_AEAD_OFLOW);
	CHECK_EQ(snpfw_set_vmpck_seqno(fw, 3, UINT64_MAX - 1), 0);
	seal(&g, req, UINT64_MAX, SNPFW_MSG_REPORT_REQ, 3, pt, sizeof(pt));
	REFUSED(fw, req, SNPFW_STATUS_AEAD_OFLOW);
	CHECK(snpfw_set_vmpck_seqno(fw, 4, 0) < 0);

	snpfw_destroy(fw);
	snpfw_destroy(other);
}

static void t_report_payload_errors(void)
{
	struct snpfw *fw = new_fw(SEED);
	uint8_t rep[SNPFW_REPORT_SIZE], req[96], out[PAGE];
	uint32_t status;
	uint16_t len;
	struct guest g;
	struct {
		unsigned int vmpck;
		uint32_t vmpl, key_sel;
		uint32_t want;
	} c[] = {
		{ 0, 4, 0, SNPFW_STATUS_INVALID_PARAM },
		{ 0, 0xffffffff, 0, SNPFW_STATUS_INVALID_PARAM },
		{ 1, 0, 0, SNPFW_STATUS_INVALID_PARAM },  /* below VMPCK1's VMPL */
		{ 3, 2, 0, SNPFW_STATUS_INVALID_PARAM },
		{ 0, 0, 2, SNPFW_STATUS_INVALID_KEY },	  /* VLEK: none loaded */
		{ 0, 0, 3, SNPFW_STATUS_INVALID_PARAM },
		{ 0, 0, 4, SNPFW_STATUS_INVALID_PARAM },  /* reserved bits */
		{ 0, 0, 0x80000000u, SNPFW_STATUS_INVALID_PARAM },
		{ 0, 0, 1, 0 },				  /* VCEK explicitly */
		{ 1, 1, 0, 0 },
		{ 1, 3, 0, 0 },
		{ 3, 3, 0, 0 },
	};
	uint64_t before;
	size_t i;

	guest_init(&g, fw);
	for (i = 0; i < ARRAY_SIZE(c); i++) {
		before = snpfw_vmpck_seqno(fw, c[i].vmpck);
		status = 0xbad;
		CHECK_EQ(get_report(fw, &g, c[i].vmpck, nonce_a, c[i].vmpl,
				    c[i].key_sel, &status, rep), 0);
		if (status != c[i].want)
			fail_at(__LINE__, "case %zu: status 0x%x, want 0x%x", i,
				status, c[i].want);
		/* a response was issued, so its number is spent */
		CHECK_EQ(snpfw_vmpck_seqno(fw, c[i].vmpck), before + 2);
		if (!c[i].want)
			CHECK_EQ(r32(rep + 0x30), c[i].vmpl);
	}
	/* reserved bytes 0x48..0x5f of the request */
	for (i = 0x48; i < 0x60; i += 0x17) {
		report_req(req, nonce_a, 0, 0);
		req[i] = 1;
		CHECK_EQ(exchange(fw, &g, 0, SNPFW_MSG_REPORT_REQ, req, 96, out,
				  &len), 0);
		CHECK_EQ(r32(out), SNPFW_STATUS_INVALID_PARAM);
	}
	snpfw_destroy(fw);
}

static void t_derived_keys(void)
{
	struct snpfw *fw = new_fw(SEED), *other = new_fw(SEED2);
	struct keyreq base = { 0 }, k;
	uint8_t k0[32], k1[32], kx[7][32], m[48];
	struct snpfw_info in;
	struct guest g, og;
	uint32_t st = 1;
	int i, j;

	guest_init(&g, fw);
	guest_init(&og, other);
	snpfw_get_info(fw, &in);

	CHECK_EQ(get_key(fw, &g, 0, &base, &st, k0), 0);
	CHECK_EQ(st, 0);
	CHECK(!zero(k0, 32));
	CHECK_EQ(get_key(fw, &g, 0, &base, &st, k1), 0);
	CHECK(!memcmp(k0, k1, 32));		/* same inputs, same key */
	k = base;
	k.root = 1 << 1;			/* key_sel 1: VCEK, the default */
	CHECK_EQ(get_key(fw, &g, 0, &k, &st, k1), 0);
	CHECK(st == 0 && !memcmp(k0, k1, 32));
	CHECK_EQ(get_key(other, &og, 0, &base, &st, k1), 0);
	CHECK(st == 0 && memcmp(k0, k1, 32));	/* another chip */

	/* each guest field, alone: all different */
	for (i = 0; i < 6; i++) {
		k = base;
		k.gfs = 1ULL << i;
		k.tcb = in.tcb.committed;
		k.svn = in.guest_svn;
		CHECK_EQ(get_key(fw, &g, 0, &k, &st, kx[i]), 0);
		CHECK_EQ(st, 0);
		CHECK(memcmp(kx[i], k0, 32));
		for (j = 0; j < i; j++)
			CHECK(memcmp(kx[i], kx[j], 32));
	}
	/* the VMPL mixes in; the VMPCK used does not */
	k = base;
	k.vmpl = 1;
	CHECK_EQ(get_key(fw, &g, 0, &k, &st, kx[6]), 0);
	CHECK(st == 0 && memcmp(kx[6], k0, 32));
	CHECK_EQ(get_key(fw, &g, 1, &k, &st, k1), 0);
	CHECK(st == 0 && !memcmp(kx[6], k1, 32));

	/* a new measurement changes only keys that select it */
	memset(m, 0x3c, sizeof(m));
	snpfw_set_measurement(fw, m);
	k = base;
	k.gfs = SNPFW_KEY_FIELD_MEASUREMENT;
	CHECK_EQ(get_key(fw, &g, 0, &k, &st, k1), 0);
	CHECK(st == 0 && memcmp(k1, kx[3], 32));
	CHECK_EQ(get_key(fw, &g, 0, &base, &st, k1), 0);
	CHECK(st == 0 && !memcmp(k1, k0, 32));

	/* guest SVN: at most the guest's; ignored unless selected */
	snpfw_set_guest_svn(fw, 5);
	k = base;
	k.gfs = SNPFW_KEY_FIELD_GUEST_SVN;
	k.svn = 5;
	CHECK_EQ(get_key(fw, &g, 0, &k, &st, kx[0]), 0);
	CHECK_EQ(st, 0);
	k.svn = 4;
	CHECK_EQ(get_key(fw, &g, 0, &k, &st, k1), 0);
	CHECK(st == 0 && memcmp(k1, kx[0], 32));
	k.svn = 6;
	CHECK_EQ(get_key(fw, &g, 0, &k, &st, k1), 0);
	CHECK_EQ(st, SNPFW_STATUS_INVALID_PARAM);
	k = base;
	k.svn = 100;
	CHECK_EQ(get_key(fw, &g, 0, &k, &st, k1), 0);
	CHECK(st == 0 && !memcmp(k1, k0, 32));

	/* TCB: no component above the committed TCB */
	k = base;
	k.gfs = SNPFW_KEY_FIELD_TCB_VERSION;
	k.tcb = SNPFW_TCB(3, 0, 20, 200);
	CHECK_EQ(get_key(fw, &g, 0, &k, &st, k1), 0);
	CHECK(st == 0 && memcmp(k1, kx[5], 32));
	k.tcb = in.tcb.committed + (1ULL << 48);	/* SNP SPL + 1 */
	CHECK_EQ(get_key(fw, &g, 0, &k, &st, k1), 0);
	CHECK_EQ(st, SNPFW_STATUS_INVALID_PARAM);
	k.tcb = SNPFW_TCB(3, 0, 30, 100);		/* lower sum, SNP above */
	CHECK_EQ(get_key(fw, &g, 0, &k, &st, k1), 0);
	CHECK_EQ(st, SNPFW_STATUS_INVALID_PARAM);

	/* refusals in the payload */
	{
		struct {
			struct keyreq r;
			unsigned int vmpck;
			uint32_t want;
		} bad[] = {
			{ { .root = 1 }, 0, SNPFW_STATUS_INVALID_KEY },  /* VMRK */
			{ { .root = 2 << 1 }, 0, SNPFW_STATUS_INVALID_KEY }, /* VLEK */
			{ { .root = 3 << 1 }, 0, SNPFW_STATUS_INVALID_PARAM },
			{ { .root = 1 << 3 }, 0, SNPFW_STATUS_INVALID_PARAM },
			{ { .rsvd = 1 }, 0, SNPFW_STATUS_INVALID_PARAM },
			{ { .gfs = 1 << 6 }, 0, SNPFW_STATUS_INVALID_PARAM },
			{ { .gfs = 1ULL << 63 }, 0, SNPFW_STATUS_INVALID_PARAM },
			{ { .vmpl = 4 }, 0, SNPFW_STATUS_INVALID_PARAM },
			{ { .vmpl = 1 }, 2, SNPFW_STATUS_INVALID_PARAM },
		};
		size_t n;

		for (n = 0; n < ARRAY_SIZE(bad); n++) {
			st = 0xbad;
			CHECK_EQ(get_key(fw, &g, bad[n].vmpck, &bad[n].r, &st,
					 k1), 0);
			if (st != bad[n].want)
				fail_at(__LINE__, "case %zu: 0x%x, want 0x%x",
					n, st, bad[n].want);
		}
	}
	snpfw_destroy(fw);
	snpfw_destroy(other);
}

static void t_cert_table(void)
{
	/* RFC 4122 byte order: the bytes in the order the text shows them */
	static const uint8_t guid[3][16] = {
		{ 0x63, 0xda, 0x75, 0x8d, 0xe6, 0x64, 0x45, 0x64,
		  0xad, 0xc5, 0xf4, 0xb9, 0x3b, 0xe8, 0xac, 0xcd },  /* VCEK */
		{ 0x4a, 0xb7, 0xb3, 0x79, 0xbb, 0xac, 0x4f, 0xe4,
		  0xa0, 0x2f, 0x05, 0xae, 0xf3, 0x27, 0xc7, 0x82 },  /* ASK */
		{ 0xc0, 0xb4, 0x06, 0xa4, 0xa8, 0x03, 0x49, 0x52,
		  0x97, 0x43, 0x3f, 0xb6, 0x01, 0x4c, 0xd0, 0xae },  /* ARK */
	};
	static const enum snpfw_cert which[3] = {
		SNPFW_CERT_VCEK, SNPFW_CERT_ASK, SNPFW_CERT_ARK
	};
	struct snpfw *fw = new_fw(SEED);
	uint8_t *buf = malloc(16384), rep[SNPFW_REPORT_SIZE];
	size_t need = 0, need2 = 0, len;
	const uint8_t *der;
	struct guest g;
	uint32_t st;
	int i;

	CHECK(buf != NULL);
	if (!buf)
		goto out;
	CHECK_EQ(snpfw_ext_certs(fw, NULL, 0, &need), -ENOSPC);
	CHECK(need > 4 * 24 && need <= 16384);
	memset(buf, 0xa5, 16384);
	CHECK_EQ(snpfw_ext_certs(fw, buf, need - 1, &need2), -ENOSPC);
	CHECK_EQ(need2, need);
	for (len = 0; len < 16384 && buf[len] == 0xa5; len++)
		;
	CHECK_EQ(len, 16384);		/* untouched */
	CHECK_EQ(snpfw_hook_certs(fw, buf, 16384, &need2), 0);
	CHECK_EQ(need2, need);
	CHECK(zero(buf + need, 16384 - need));
	/* three entries, then the all-zero terminator */
	CHECK(zero(buf + 3 * 24, 24));
	for (i = 0; i < 3; i++) {
		const uint8_t *e = buf + 24 * i;
		uint32_t off = r32(e + 16), l = r32(e + 20);
		X509 *x, *y;

		CHECK(!memcmp(e, guid[i], 16));
		CHECK(off >= 4 * 24 && (size_t)off + l <= need);
		CHECK_EQ(snpfw_cert_der(fw, which[i], &der, &len), 0);
		CHECK_EQ(l, len);
		if (off + (size_t)l > need)
			continue;
		CHECK(!memcmp(buf + off, der, len));
		x = der_cert(buf + off, l);
		y = fw_cert(fw, which[i]);
		CHECK(x && y && !X509_cmp(x, y));
		X509_free(x);
		X509_free(y);
	}
	/* the table's VCEK verifies a report */
	guest_init(&g, fw);
	CHECK_EQ(get_report(fw, &g, 0, nonce_a, 0, 0, &st, rep), 0);
	{
		X509 *v = der_cert(buf + r32(buf + 16), r32(buf + 20));

		CHECK(v && report_verifies(rep, v));
		X509_free(v);
	}
	CHECK_EQ(snpfw_cert_der(fw, SNPFW_CERT_COUNT, &der, &len), -EINVAL);
out:
	free(buf);
	snpfw_destroy(fw);
}

static void t_set_tcb(void)
{
	struct snpfw *fw = new_fw(SEED);
	uint64_t tcb = SNPFW_TCB(5, 1, 24, 220), old;
	X509 *v0 = fw_cert(fw, SNPFW_CERT_VCEK), *v1, *v2, *ask, *ark;
	uint8_t rep[SNPFW_REPORT_SIZE];
	struct snpfw_tcbs t;
	struct snpfw_info in;
	struct guest g;
	uint32_t st;

	guest_init(&g, fw);
	snpfw_get_info(fw, &in);
	old = in.tcb.reported;
	CHECK_EQ(snpfw_set_tcb(fw, tcb), 0);
	v1 = fw_cert(fw, SNPFW_CERT_VCEK);
	ask = fw_cert(fw, SNPFW_CERT_ASK);
	ark = fw_cert(fw, SNPFW_CERT_ARK);
	CHECK(v0 && v1 && ask && ark);
	if (!v0 || !v1 || !ask || !ark)
		goto out;
	CHECK(!same_pubkey(v0, v1));		/* a new TCB, a new VCEK */
	CHECK_EQ(X509_verify(v1, X509_get0_pubkey(ask)), 1);
	CHECK_EQ(ext_int(v1, "1.3.6.1.4.1.3704.1.3.1"), 5);
	CHECK_EQ(ext_int(v1, "1.3.6.1.4.1.3704.1.3.2"), 1);
	CHECK_EQ(ext_int(v1, "1.3.6.1.4.1.3704.1.3.3"), 24);
	CHECK_EQ(ext_int(v1, "1.3.6.1.4.1.3704.1.3.8"), 220);
	CHECK_EQ(ext_int(v1, "1.3.6.1.4.1.3704.1.3.4"), 0);
	CHECK_EQ(get_report(fw, &g, 0, nonce_a, 0, 0, &st, rep), 0);
	CHECK_EQ(r64(rep + 0x38), tcb);
	CHECK_EQ(r64(rep + 0x180), tcb);
	CHECK_EQ(r64(rep + 0x1e0), tcb);
	CHECK_EQ(r64(rep + 0x1f0), tcb);
	CHECK(report_verifies(rep, v1));
	CHECK(!report_verifies(rep, v0));

	/* four distinct values; the VCEK follows the reported one */
	t.current_tcb = SNPFW_TCB(6, 1, 25, 230);
	t.reported = old;
	t.committed = SNPFW_TCB(5, 1, 24, 225);
	t.launch = SNPFW_TCB(4, 0, 22, 210);
	CHECK_EQ(snpfw_set_tcbs(fw, &t), 0);
	v2 = fw_cert(fw, SNPFW_CERT_VCEK);
	CHECK(v2 && same_pubkey(v0, v2));	/* deterministic per TCB */
	CHECK_EQ(get_report(fw, &g, 0, nonce_a, 0, 0, &st, rep), 0);
	CHECK_EQ(r64(rep + 0x38), t.current_tcb);
	CHECK_EQ(r64(rep + 0x180), t.reported);
	CHECK_EQ(r64(rep + 0x1e0), t.committed);
	CHECK_EQ(r64(rep + 0x1f0), t.launch);
	CHECK(v2 && report_verifies(rep, v2));
	X509_free(v2);
out:
	X509_free(v0);
	X509_free(v1);
	X509_free(ask);
	X509_free(ark);
	snpfw_destroy(fw);
}

static void t_knobs(void)
{
	struct snpfw *fw = new_fw(SEED);
	uint8_t rep[SNPFW_REPORT_SIZE], hd[32], fam[16], img[16];
	struct guest g;
	uint32_t st;

	guest_init(&g, fw);
	memset(hd, 0x11, sizeof(hd));
	memset(fam, 0x22, sizeof(fam));
	memset(img, 0x33, sizeof(img));
	snpfw_set_host_data(fw, hd);
	snpfw_set_family_id(fw, fam);
	snpfw_set_image_id(fw, img);
	snpfw_set_policy(fw, 0x1b0000);		/* + DEBUG, + SINGLE_SOCKET */
	snpfw_set_guest_svn(fw, 7);
	snpfw_set_platform_info(fw, 0x3);
	CHECK_EQ(snpfw_set_report_version(fw, 2), 0);
	CHECK_EQ(get_report(fw, &g, 0, nonce_a, 0, 0, &st, rep), 0);
	CHECK_EQ(st, 0);
	CHECK_EQ(r32(rep), 2);
	CHECK(zero(rep + 0x188, 3));		/* v2: no CPUID fields */
	CHECK(!memcmp(rep + 0xc0, hd, 32));
	CHECK(!memcmp(rep + 0x10, fam, 16));
	CHECK(!memcmp(rep + 0x20, img, 16));
	CHECK_EQ(r64(rep + 0x08), 0x1b0000);
	CHECK_EQ(r32(rep + 0x04), 7);
	CHECK_EQ(r64(rep + 0x40), 3);
	CHECK_EQ(snpfw_set_report_version(fw, 5), -EINVAL);
	CHECK_EQ(snpfw_set_report_version(fw, 3), 0);
	snpfw_set_mask_chip_id(fw, true);
	CHECK_EQ(get_report(fw, &g, 0, nonce_a, 0, 0, &st, rep), 0);
	CHECK_EQ(r32(rep), 3);
	CHECK(zero(rep + 0x1a0, 64));
	CHECK_EQ(r32(rep + 0x48), 2);		/* MASK_CHIP_KEY */
	{
		X509 *v = fw_cert(fw, SNPFW_CERT_VCEK);

		CHECK(v && report_verifies(rep, v));
		X509_free(v);
	}
	snpfw_destroy(fw);
}

static bool file_der_equal(const char *path, const uint8_t *der, size_t len,
			   int pem_index)
{
	X509 *x = NULL, *want = der_cert(der, len);
	BIO *b = BIO_new_file(path, "rb");
	bool same = false;
	int i;

	if (b && pem_index < 0) {
		x = d2i_X509_bio(b, NULL);
	} else if (b) {
		for (i = 0; i <= pem_index; i++) {
			X509_free(x);
			x = PEM_read_bio_X509(b, NULL, NULL, NULL);
		}
	}
	same = x && want && !X509_cmp(x, want);
	X509_free(x);
	X509_free(want);
	BIO_free(b);
	return same;
}

static void t_write_certs(void)
{
	char tmpl[] = "/tmp/simfw-certs-XXXXXX", dir[128], path[256];
	struct snpfw *fw = new_fw(SEED);
	const uint8_t *der[3];
	size_t len[3];
	int i;

	for (i = 0; i < 3; i++)
		CHECK_EQ(snpfw_cert_der(fw, i, &der[i], &len[i]), 0);
	CHECK(mkdtemp(tmpl) != NULL);
	snprintf(dir, sizeof(dir), "%s/sub", tmpl);
	CHECK_EQ(snpfw_write_certs(fw, dir), 0);
	snprintf(path, sizeof(path), "%s/ark.pem", dir);
	CHECK(file_der_equal(path, der[0], len[0], 0));
	snprintf(path, sizeof(path), "%s/ask.pem", dir);
	CHECK(file_der_equal(path, der[1], len[1], 0));
	snprintf(path, sizeof(path), "%s/vcek.pem", dir);
	CHECK(file_der_equal(path, der[2], len[2], 0));
	snprintf(path, sizeof(path), "%s/vcek.der", dir);
	CHECK(file_der_equal(path, der[2], len[2], -1));
	snprintf(path, sizeof(path), "%s/cert_chain.pem", dir);
	CHECK(file_der_equal(path, der[1], len[1], 0));
	CHECK(file_der_equal(path, der[0], len[0], 1));
	rm_tree(dir);
	rmdir(tmpl);
	snpfw_destroy(fw);
}

static void t_hook(void)
{
	struct snpfw *fw = new_fw(SEED);
	uint8_t pt[96], req[PAGE], rsp[PAGE], out[PAGE];
	struct guest g;
	uint16_t len;

	guest_init(&g, fw);
	report_req(pt, nonce_a, 0, 0);
	seal(&g, req, 1, SNPFW_MSG_REPORT_REQ, 0, pt, sizeof(pt));
	CHECK_EQ(snpfw_hook_guest_request(fw, req, rsp), 0);
	CHECK(open_rsp(&g, rsp, 1, SNPFW_MSG_REPORT_REQ, 0, out, &len));
	CHECK_EQ(snpfw_hook_guest_request(fw, req, rsp),
		 SNPFW_STATUS_INVALID_PARAM);
	snpfw_destroy(fw);
}

int main(void)
{
	int i;

	for (i = 0; i < 64; i++) {
		nonce_a[i] = (uint8_t)(0x80 | (i * 37));
		nonce_b[i] = (uint8_t)(0x01 + i * 3);
	}
	run("deterministic from the seed", t_deterministic);
	run("cold generation equals cache; damaged cache regenerates",
	    t_cold_cache);
	run("secrets page layout", t_secrets_page);
	run("report round trip, seqno 1, 3, 5, per-VMPCK counters",
	    t_report_roundtrip);
	run("report signature verifies with the VCEK", t_report_signature);
	run("chain ARK -> ASK -> VCEK verifies", t_chain);
	run("chain has AMD's key types, PSS parameters and layout",
	    t_chain_like_amd);
	run("refused: replay, reorder, gaps, tamper, header, VMPCK, overflow",
	    t_refusals);
	run("report request payload errors", t_report_payload_errors);
	run("derived keys", t_derived_keys);
	run("certificate table", t_cert_table);
	run("TCB change re-derives the VCEK", t_set_tcb);
	run("report knobs and versions", t_knobs);
	run("write_certs", t_write_certs);
	run("coco_sim hook adapter", t_hook);
	printf("%d passed, %d failed\n", n_passed, n_failed);
	return n_failed ? 1 : 0;
}

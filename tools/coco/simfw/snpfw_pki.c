// SPDX-License-Identifier: GPL-2.0-only
/*
 * Keys and certificates of the simulated AMD-SP.
 *
 * Keys are derived from the seed (RSA primes found by an incremental
 * search from seeded starting points, the P-384 scalar reduced from seeded
 * bytes), so a chip is the same chip in every process.  Certificates copy
 * the structure of AMD's Milan chain (shared/realdata/snp): subject
 * attributes OU, C, L, ST, O, CN; ARK/ASK extensions; the VCEK's KDS
 * extensions under 1.3.6.1.4.1.3704.1; and the AlgorithmIdentifier of
 * RSASSA-PSS exactly as AMD encodes it (explicit NULL hash parameters and
 * an explicit trailerField of 1), which OpenSSL's own encoder would omit.
 * RSA-PSS salts are random, so certificate bytes differ between
 * generations; the ARK and ASK are cached on disk with their keys.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/hmac.h>
#include <openssl/objects.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include "snpfw_int.h"

#define RSA_BITS	4096
#define PRIME_BYTES	(RSA_BITS / 16)
#define CACHE_MAGIC	"# coco-guest simfw SNP ARK/ASK cache v1 seed=%016llx\n"

/* AMD's KDS extension arc (VCEK Certificate and KDS Interface spec). */
#define AMD_OID(x)	"1.3.6.1.4.1.3704.1." x

static const char *const cert_name[SNPFW_CERT_COUNT] = {
	"ARK-Milan", "SEV-Milan", "SEV-VCEK"
};

/* The CRL URL has AMD's shape but points nowhere (.invalid). */
#define CRL_URI		"URI:https://kdsintf.simfw.invalid/vcek/v1/Milan/crl"
#define PRODUCT_NAME	"Milan-B0"

/*
 * AlgorithmIdentifier { rsassaPss, RSASSA-PSS-params { sha384 (NULL
 * params), mgf1(sha384 (NULL params)), saltLength 48, trailerField 1 } },
 * as in AMD's ARK/ASK/VCEK (asn1parse of ark_milan.pem, offset 18).
 */
static const uint8_t amd_pss_algid[] = {
	0x30, 0x46,
	0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a,
	0x30, 0x39,
	0xa0, 0x0f, 0x30, 0x0d,
	0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02,
	0x05, 0x00,
	0xa1, 0x1c, 0x30, 0x1a,
	0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x08,
	0x30, 0x0d,
	0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02,
	0x05, 0x00,
	0xa2, 0x03, 0x02, 0x01, 0x30,
	0xa3, 0x03, 0x02, 0x01, 0x01,
};

/**
 * snpfw_derive() - seeded bytes for one purpose
 * @fw: the instance (its @master)
 * @label: what the bytes are for
 * @index: distinguishes several values with the same label
 * @out: receives @len bytes
 * @len: how many
 *
 * out = HMAC-SHA512(master, label || 0 || be64(index) || be32(block)) for
 * block = 0, 1, ... truncated to @len.
 *
 * Return: 0 or -EIO.
 */
int snpfw_derive(const struct snpfw *fw, const char *label, uint64_t index,
		 uint8_t *out, size_t len)
{
	uint8_t msg[128], mac[64];
	size_t ll = strlen(label), off = 0, n, i;
	uint32_t block = 0;
	unsigned int maclen;

	if (ll > sizeof(msg) - 13)
		return -EIO;
	memcpy(msg, label, ll);
	msg[ll] = 0;
	for (i = 0; i < 8; i++)
		msg[ll + 1 + i] = (uint8_t)(index >> (56 - 8 * i));
	while (off < len) {
		for (i = 0; i < 4; i++)
			msg[ll + 9 + i] = (uint8_t)(block >> (24 - 8 * i));
		maclen = sizeof(mac);
		if (!HMAC(EVP_sha512(), fw->master, sizeof(fw->master), msg,
			  ll + 13, mac, &maclen) || maclen != sizeof(mac))
			return -EIO;
		n = len - off < sizeof(mac) ? len - off : sizeof(mac);
		memcpy(out + off, mac, n);
		off += n;
		block++;
	}
	OPENSSL_cleanse(mac, sizeof(mac));
	return 0;
}

/* ------------------------------------------------------------ keys -- */

/*
 * A 2048-bit prime with its two top bits set (so p * q has 4096 bits) and
 * gcd(p - 1, 65537) = 1, searched upwards from a seeded odd start.
 */
static BIGNUM *det_prime(const struct snpfw *fw, const char *label,
			 BN_CTX *ctx)
{
	uint8_t start[PRIME_BYTES];
	BIGNUM *p = BN_new();
	unsigned int attempt, step;
	int r;

	if (!p)
		return NULL;
	for (attempt = 0; attempt < 16; attempt++) {
		if (snpfw_derive(fw, label, attempt, start, sizeof(start)))
			break;
		start[0] |= 0xc0;
		start[sizeof(start) - 1] |= 1;
		if (!BN_bin2bn(start, sizeof(start), p))
			break;
		for (step = 0; step < 1u << 16; step++) {
			if (BN_num_bits(p) != RSA_BITS / 2)
				break;
			if (BN_mod_word(p, RSA_F4) != 1) {
				r = BN_check_prime(p, ctx, NULL);
				if (r == 1) {
					OPENSSL_cleanse(start, sizeof(start));
					return p;
				}
				if (r < 0)
					goto fail;
			}
			if (!BN_add_word(p, 2))
				goto fail;
		}
	}
fail:
	OPENSSL_cleanse(start, sizeof(start));
	BN_clear_free(p);
	return NULL;
}

/* An RSA-4096 key pair, e = 65537, from two seeded primes. */
static EVP_PKEY *det_rsa(const struct snpfw *fw, const char *which)
{
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *p = NULL, *q = NULL, *n = BN_new(), *e = BN_new();
	BIGNUM *d = BN_new(), *p1 = BN_new(), *q1 = BN_new();
	BIGNUM *g = BN_new(), *lcm = BN_new(), *dp = BN_new();
	BIGNUM *dq = BN_new(), *qinv = BN_new(), *tmp;
	OSSL_PARAM_BLD *bld = NULL;
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *kctx = NULL;
	EVP_PKEY *pkey = NULL;
	char label[32];

	if (!ctx || !n || !e || !d || !p1 || !q1 || !g || !lcm || !dp ||
	    !dq || !qinv)
		goto out;
	snprintf(label, sizeof(label), "%s-rsa-p", which);
	p = det_prime(fw, label, ctx);
	snprintf(label, sizeof(label), "%s-rsa-q", which);
	q = det_prime(fw, label, ctx);
	if (!p || !q || !BN_cmp(p, q))
		goto out;
	if (BN_cmp(p, q) < 0) {
		tmp = p;
		p = q;
		q = tmp;
	}
	if (!BN_set_word(e, RSA_F4) || !BN_mul(n, p, q, ctx) ||
	    BN_num_bits(n) != RSA_BITS ||
	    !BN_sub(p1, p, BN_value_one()) || !BN_sub(q1, q, BN_value_one()) ||
	    !BN_gcd(g, p1, q1, ctx) || !BN_mul(lcm, p1, q1, ctx) ||
	    !BN_div(lcm, NULL, lcm, g, ctx) ||
	    !BN_mod_inverse(d, e, lcm, ctx) ||
	    !BN_mod(dp, d, p1, ctx) || !BN_mod(dq, d, q1, ctx) ||
	    !BN_mod_inverse(qinv, q, p, ctx))
		goto out;

	bld = OSSL_PARAM_BLD_new();
	if (!bld ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_N, n) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_E, e) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_D, d) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_FACTOR1, p) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_FACTOR2, q) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_EXPONENT1, dp) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_EXPONENT2, dq) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_RSA_COEFFICIENT1,
				    qinv))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	kctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
	if (!params || !kctx || EVP_PKEY_fromdata_init(kctx) <= 0 ||
	    EVP_PKEY_fromdata(kctx, &pkey, EVP_PKEY_KEYPAIR, params) <= 0)
		goto out;
	EVP_PKEY_CTX_free(kctx);
	kctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
	if (!kctx || EVP_PKEY_pairwise_check(kctx) != 1) {
		EVP_PKEY_free(pkey);
		pkey = NULL;
	}
out:
	EVP_PKEY_CTX_free(kctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	BN_clear_free(p);
	BN_clear_free(q);
	BN_free(n);
	BN_free(e);
	BN_clear_free(d);
	BN_clear_free(p1);
	BN_clear_free(q1);
	BN_clear_free(g);
	BN_clear_free(lcm);
	BN_clear_free(dp);
	BN_clear_free(dq);
	BN_clear_free(qinv);
	BN_CTX_free(ctx);
	return pkey;
}

/*
 * The VCEK: a P-384 key derived from the chip and the reported TCB (AMD
 * derives it from the chip's secret and the TCB the same way: a new TCB,
 * a new VCEK).
 */
static EVP_PKEY *det_vcek(const struct snpfw *fw)
{
	EC_GROUP *grp = EC_GROUP_new_by_curve_name(NID_secp384r1);
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *k = BN_new(), *nm1 = BN_new();
	EC_POINT *pt = NULL;
	OSSL_PARAM_BLD *bld = NULL;
	OSSL_PARAM *params = NULL;
	EVP_PKEY_CTX *kctx = NULL;
	EVP_PKEY *pkey = NULL;
	uint8_t buf[64], pub[97];
	size_t publen;

	if (!grp || !ctx || !k || !nm1 ||
	    snpfw_derive(fw, "vcek-p384", fw->tcb.reported, buf, sizeof(buf)))
		goto out;
	/* k = (seeded 512 bits mod (n - 1)) + 1, in [1, n - 1] */
	if (!BN_bin2bn(buf, sizeof(buf), k) ||
	    !BN_sub(nm1, EC_GROUP_get0_order(grp), BN_value_one()) ||
	    !BN_mod(k, k, nm1, ctx) || !BN_add_word(k, 1))
		goto out;
	pt = EC_POINT_new(grp);
	if (!pt || !EC_POINT_mul(grp, pt, k, NULL, NULL, ctx))
		goto out;
	publen = EC_POINT_point2oct(grp, pt, POINT_CONVERSION_UNCOMPRESSED,
				    pub, sizeof(pub), ctx);
	if (publen != sizeof(pub))
		goto out;
	bld = OSSL_PARAM_BLD_new();
	if (!bld ||
	    !OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME,
					     "secp384r1", 0) ||
	    !OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_PRIV_KEY, k) ||
	    !OSSL_PARAM_BLD_push_octet_string(bld, OSSL_PKEY_PARAM_PUB_KEY,
					      pub, publen))
		goto out;
	params = OSSL_PARAM_BLD_to_param(bld);
	kctx = EVP_PKEY_CTX_new_from_name(NULL, "EC", NULL);
	if (!params || !kctx || EVP_PKEY_fromdata_init(kctx) <= 0 ||
	    EVP_PKEY_fromdata(kctx, &pkey, EVP_PKEY_KEYPAIR, params) <= 0)
		pkey = NULL;
out:
	OPENSSL_cleanse(buf, sizeof(buf));
	EVP_PKEY_CTX_free(kctx);
	OSSL_PARAM_free(params);
	OSSL_PARAM_BLD_free(bld);
	EC_POINT_free(pt);
	BN_clear_free(k);
	BN_free(nm1);
	BN_CTX_free(ctx);
	EC_GROUP_free(grp);
	return pkey;
}

/* ---------------------------------------------------- certificates -- */

/* OU, C, L, ST, O, CN: AMD's order; C is a PrintableString, the rest UTF8. */
static X509_NAME *amd_name(const char *cn)
{
	static const struct {
		int nid;
		const char *val;
	} rdn[] = {
		{ NID_organizationalUnitName, "Engineering" },
		{ NID_countryName, "US" },
		{ NID_localityName, "Santa Clara" },
		{ NID_stateOrProvinceName, "CA" },
		{ NID_organizationName, "Advanced Micro Devices (simulated)" },
	};
	X509_NAME *name = X509_NAME_new();
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; i < ARRAY_SIZE(rdn); i++)
		if (!X509_NAME_add_entry_by_NID(name, rdn[i].nid,
						rdn[i].nid == NID_countryName ?
						V_ASN1_PRINTABLESTRING :
						V_ASN1_UTF8STRING,
						(const unsigned char *)rdn[i].val,
						-1, -1, 0))
			goto fail;
	if (!X509_NAME_add_entry_by_NID(name, NID_commonName, V_ASN1_UTF8STRING,
					(const unsigned char *)cn, -1, -1, 0))
		goto fail;
	return name;
fail:
	X509_NAME_free(name);
	return NULL;
}

static int add_conf_ext(X509 *x, X509V3_CTX *v3, int nid, const char *value)
{
	X509_EXTENSION *ext = X509V3_EXT_nconf_nid(NULL, v3, nid, value);
	int ok;

	if (!ext)
		return 0;
	ok = X509_add_ext(x, ext, -1);
	X509_EXTENSION_free(ext);
	return ok;
}

/* An extension whose extnValue holds @der (@len bytes) as it is. */
static int add_raw_ext(X509 *x, const char *oid, const uint8_t *der, int len)
{
	ASN1_OBJECT *obj = OBJ_txt2obj(oid, 1);
	ASN1_OCTET_STRING *os = ASN1_OCTET_STRING_new();
	X509_EXTENSION *ext = NULL;
	int ok = 0;

	if (obj && os && ASN1_OCTET_STRING_set(os, der, len)) {
		ext = X509_EXTENSION_create_by_OBJ(NULL, obj, 0, os);
		ok = ext && X509_add_ext(x, ext, -1);
	}
	X509_EXTENSION_free(ext);
	ASN1_OCTET_STRING_free(os);
	ASN1_OBJECT_free(obj);
	return ok;
}

/* An SPL / structVersion extension: the value is a DER INTEGER. */
static int add_int_ext(X509 *x, const char *oid, long v)
{
	ASN1_INTEGER *ai = ASN1_INTEGER_new();
	unsigned char *der = NULL;
	int len = -1, ok = 0;

	if (ai && ASN1_INTEGER_set(ai, v))
		len = i2d_ASN1_INTEGER(ai, &der);
	if (len > 0)
		ok = add_raw_ext(x, oid, der, len);
	OPENSSL_free(der);
	ASN1_INTEGER_free(ai);
	return ok;
}

/* productName1: the value is a DER IA5String. */
static int add_ia5_ext(X509 *x, const char *oid, const char *s)
{
	ASN1_IA5STRING *ia5 = ASN1_IA5STRING_new();
	unsigned char *der = NULL;
	int len = -1, ok = 0;

	if (ia5 && ASN1_STRING_set(ia5, s, -1))
		len = i2d_ASN1_IA5STRING(ia5, &der);
	if (len > 0)
		ok = add_raw_ext(x, oid, der, len);
	OPENSSL_free(der);
	ASN1_IA5STRING_free(ia5);
	return ok;
}

/*
 * The VCEK extensions in the order AMD's KDS issues them: structVersion,
 * productName1, blSPL, teeSPL, the reserved SPLs 4..7, snpSPL, ucodeSPL,
 * hwID.  Milan TCB bytes: 0 BL, 1 TEE, 2..5 reserved, 6 SNP, 7 ucode.
 */
static int add_vcek_exts(X509 *x, const struct snpfw *fw)
{
	static const struct {
		const char *oid;
		unsigned int byte;
	} spl[] = {
		{ AMD_OID("3.1"), 0 }, { AMD_OID("3.2"), 1 },
		{ AMD_OID("3.4"), 2 }, { AMD_OID("3.5"), 3 },
		{ AMD_OID("3.6"), 4 }, { AMD_OID("3.7"), 5 },
		{ AMD_OID("3.3"), 6 }, { AMD_OID("3.8"), 7 },
	};
	size_t i;

	if (!add_int_ext(x, AMD_OID("1"), 0) ||
	    !add_ia5_ext(x, AMD_OID("2"), PRODUCT_NAME))
		return 0;
	for (i = 0; i < ARRAY_SIZE(spl); i++)
		if (!add_int_ext(x, spl[i].oid,
				 (long)(uint8_t)(fw->tcb.reported >>
						 (8 * spl[i].byte))))
			return 0;
	/* hwID: the 64 raw bytes of the chip id, no DER tag (as AMD does). */
	return add_raw_ext(x, AMD_OID("4"), fw->chip_id, sizeof(fw->chip_id));
}

/*
 * Sign @x with @key the way AMD's ARK and ASK do: RSASSA-PSS, SHA-384,
 * MGF1-SHA-384, 48-byte salt, with AMD's AlgorithmIdentifier encoding in
 * both the TBS and the outer signatureAlgorithm.  X509_sign_ctx() would
 * pick OpenSSL's shorter (equally valid) encoding, so the algorithms are
 * set here and the TBS bytes signed directly.
 */
static int sign_pss(X509 *x, EVP_PKEY *key)
{
	const unsigned char *p = amd_pss_algid;
	X509_ALGOR *want = d2i_X509_ALGOR(NULL, &p, sizeof(amd_pss_algid));
	const ASN1_BIT_STRING *csig;
	const X509_ALGOR *calg;
	ASN1_BIT_STRING *sig;
	EVP_MD_CTX *mctx = NULL;
	EVP_PKEY_CTX *pctx = NULL;
	unsigned char *tbs = NULL, *s = NULL;
	size_t slen = 0;
	int tbslen, ok = 0;

	if (!want || p != amd_pss_algid + sizeof(amd_pss_algid))
		goto out;
	X509_get0_signature(&csig, &calg, x);
	/* The X509 owns both; OpenSSL has no setter for them. */
	if (!X509_ALGOR_copy((X509_ALGOR *)X509_get0_tbs_sigalg(x), want) ||
	    !X509_ALGOR_copy((X509_ALGOR *)calg, want))
		goto out;
	tbslen = i2d_re_X509_tbs(x, &tbs);
	if (tbslen <= 0)
		goto out;
	mctx = EVP_MD_CTX_new();
	if (!mctx ||
	    EVP_DigestSignInit_ex(mctx, &pctx, "SHA384", NULL, NULL, key,
				  NULL) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_mgf1_md_name(pctx, "SHA384", NULL) <= 0 ||
	    EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, 48) <= 0 ||
	    EVP_DigestSign(mctx, NULL, &slen, tbs, (size_t)tbslen) <= 0)
		goto out;
	s = OPENSSL_malloc(slen);
	if (!s || EVP_DigestSign(mctx, s, &slen, tbs, (size_t)tbslen) <= 0)
		goto out;
	sig = (ASN1_BIT_STRING *)csig;
	if (!ASN1_BIT_STRING_set(sig, s, (int)slen))
		goto out;
	/* No unused bits, whatever the last byte is. */
	sig->flags &= ~0x07L;
	sig->flags |= ASN1_STRING_FLAG_BITS_LEFT;
	ok = 1;
out:
	OPENSSL_free(s);
	OPENSSL_free(tbs);
	EVP_MD_CTX_free(mctx);
	X509_ALGOR_free(want);
	return ok;
}

/* Re-read @x from its DER so the result carries no stale caches. */
static X509 *reparse(X509 *x)
{
	unsigned char *der = NULL;
	const unsigned char *p;
	int len = i2d_X509(x, &der);
	X509 *y = NULL;

	if (len > 0) {
		p = der;
		y = d2i_X509(NULL, &p, len);
		if (y && p != der + len) {
			X509_free(y);
			y = NULL;
		}
	}
	OPENSSL_free(der);
	return y;
}

/**
 * make_cert() - issue one certificate of the chain
 * @fw: the instance
 * @which: ARK, ASK or VCEK
 * @subject_key: the certified key
 * @issuer: the issuer's certificate (NULL for the self-signed ARK)
 * @issuer_key: the signing key
 *
 * Return: the certificate, or NULL.
 */
static X509 *make_cert(const struct snpfw *fw, enum snpfw_cert which,
		       EVP_PKEY *subject_key, X509 *issuer,
		       EVP_PKEY *issuer_key)
{
	static const char *const not_before[SNPFW_CERT_COUNT] = {
		"20210104093000Z", "20210104101500Z", "20250102000000Z"
	};
	static const char *const not_after[SNPFW_CERT_COUNT] = {
		"20460104093000Z", "20460104101500Z", "20320102000000Z"
	};
	static const long serial[SNPFW_CERT_COUNT] = { 0x10000, 0x10001, 0 };
	X509 *x = X509_new(), *out = NULL;
	X509_NAME *subj = amd_name(cert_name[which]);
	X509_NAME *iss = amd_name(cert_name[which == SNPFW_CERT_VCEK ?
					     SNPFW_CERT_ASK : SNPFW_CERT_ARK]);
	X509V3_CTX v3;

	if (!x || !subj || !iss || !X509_set_version(x, X509_VERSION_3) ||
	    !ASN1_INTEGER_set(X509_get_serialNumber(x), serial[which]) ||
	    !X509_set_issuer_name(x, iss) || !X509_set_subject_name(x, subj) ||
	    !ASN1_TIME_set_string_X509(X509_getm_notBefore(x),
				       not_before[which]) ||
	    !ASN1_TIME_set_string_X509(X509_getm_notAfter(x),
				       not_after[which]) ||
	    !X509_set_pubkey(x, subject_key))
		goto out;

	X509V3_set_ctx(&v3, issuer ? issuer : x, x, NULL, NULL, 0);
	switch (which) {
	case SNPFW_CERT_ARK:
		if (!add_conf_ext(x, &v3, NID_key_usage,
				  "critical,keyCertSign,cRLSign") ||
		    !add_conf_ext(x, &v3, NID_subject_key_identifier, "hash") ||
		    !add_conf_ext(x, &v3, NID_basic_constraints,
				  "critical,CA:TRUE") ||
		    !add_conf_ext(x, &v3, NID_crl_distribution_points,
				  CRL_URI))
			goto out;
		break;
	case SNPFW_CERT_ASK:
		if (!add_conf_ext(x, &v3, NID_subject_key_identifier, "hash") ||
		    !add_conf_ext(x, &v3, NID_authority_key_identifier,
				  "keyid:always") ||
		    !add_conf_ext(x, &v3, NID_basic_constraints,
				  "critical,CA:TRUE,pathlen:0") ||
		    !add_conf_ext(x, &v3, NID_key_usage,
				  "critical,keyCertSign") ||
		    !add_conf_ext(x, &v3, NID_crl_distribution_points,
				  CRL_URI))
			goto out;
		break;
	case SNPFW_CERT_VCEK:
		if (!add_vcek_exts(x, fw))
			goto out;
		break;
	default:
		goto out;
	}
	if (!sign_pss(x, issuer_key))
		goto out;
	out = reparse(x);
	if (out && X509_verify(out, issuer_key) != 1) {
		X509_free(out);
		out = NULL;
	}
out:
	X509_NAME_free(subj);
	X509_NAME_free(iss);
	X509_free(x);
	return out;
}

static int set_cert(struct snpfw *fw, enum snpfw_cert which, X509 *x)
{
	unsigned char *der = NULL;
	int len = i2d_X509(x, &der);

	if (len <= 0) {
		X509_free(x);
		return -EIO;
	}
	X509_free(fw->cert[which]);
	OPENSSL_free(fw->der[which]);
	fw->cert[which] = x;
	fw->der[which] = der;
	fw->der_len[which] = (size_t)len;
	return 0;
}

/* ----------------------------------------------------------- cache -- */

static int mkdir_p(const char *path)
{
	char buf[4096];
	size_t i, len = strlen(path);

	if (!len || len >= sizeof(buf))
		return -ENAMETOOLONG;
	memcpy(buf, path, len + 1);
	for (i = 1; i <= len; i++) {
		if (buf[i] != '/' && buf[i] != '\0')
			continue;
		buf[i] = '\0';
		if (mkdir(buf, 0700) && errno != EEXIST)
			return -errno;
		buf[i] = path[i];
	}
	return 0;
}

/* The cache file for @seed, or "" when caching is off. */
static void cache_path(uint64_t seed, char *buf, size_t len, char *dir,
		       size_t dirlen)
{
	const char *env = getenv("SIMFW_CACHE");
	const char *home = getenv("HOME");

	buf[0] = dir[0] = '\0';
	if (env)
		snprintf(dir, dirlen, "%s", env);
	else if (home && *home)
		snprintf(dir, dirlen, "%s/.cache/coco-guest/simfw", home);
	if (dir[0])
		snprintf(buf, len, "%s/snp-v1-%016llx.pem", dir,
			 (unsigned long long)seed);
}

/* Load the ARK/ASK keys and certificates; every consistency check holds. */
static int cache_load(struct snpfw *fw, const char *path)
{
	EVP_PKEY *key[2] = { NULL, NULL };
	X509 *crt[2] = { NULL, NULL };
	char magic[128], line[128];
	BIO *bio = BIO_new_file(path, "r");
	int i, ret = -ENOENT;

	if (!bio)
		return -ENOENT;
	snprintf(magic, sizeof(magic), CACHE_MAGIC,
		 (unsigned long long)fw->seed);
	if (BIO_gets(bio, line, sizeof(line)) <= 0 || strcmp(line, magic))
		goto out;
	for (i = 0; i < 2; i++) {
		key[i] = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
		crt[i] = PEM_read_bio_X509(bio, NULL, NULL, NULL);
		if (!key[i] || !crt[i] ||
		    EVP_PKEY_get_base_id(key[i]) != EVP_PKEY_RSA ||
		    EVP_PKEY_get_bits(key[i]) != RSA_BITS ||
		    X509_check_private_key(crt[i], key[i]) != 1)
			goto out;
	}
	if (X509_verify(crt[0], key[0]) != 1 ||
	    X509_verify(crt[1], key[0]) != 1 ||
	    X509_check_issued(crt[0], crt[1]) != X509_V_OK)
		goto out;
	fw->ark_key = key[0];
	fw->ask_key = key[1];
	key[0] = key[1] = NULL;
	ret = set_cert(fw, SNPFW_CERT_ARK, crt[0]);
	crt[0] = NULL;
	if (!ret)
		ret = set_cert(fw, SNPFW_CERT_ASK, crt[1]);
	crt[1] = NULL;
out:
	for (i = 0; i < 2; i++) {
		EVP_PKEY_free(key[i]);
		X509_free(crt[i]);
	}
	BIO_free(bio);
	ERR_clear_error();
	return ret;
}

/* Write atomically: a private temporary file, then rename. */
static void cache_store(const struct snpfw *fw, const char *path,
			const char *dir)
{
	char tmp[4200];
	BIO *bio;
	int fd, ok;
	FILE *f;

	if (mkdir_p(dir))
		return;
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return;
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		return;
	}
	bio = BIO_new_fp(f, BIO_NOCLOSE);
	ok = bio && BIO_printf(bio, CACHE_MAGIC,
			       (unsigned long long)fw->seed) > 0 &&
	     PEM_write_bio_PrivateKey(bio, fw->ark_key, NULL, NULL, 0, NULL,
				      NULL) &&
	     PEM_write_bio_X509(bio, fw->cert[SNPFW_CERT_ARK]) &&
	     PEM_write_bio_PrivateKey(bio, fw->ask_key, NULL, NULL, 0, NULL,
				      NULL) &&
	     PEM_write_bio_X509(bio, fw->cert[SNPFW_CERT_ASK]) &&
	     BIO_flush(bio) == 1;
	BIO_free(bio);
	if (fclose(f))
		ok = 0;
	if (!ok || rename(tmp, path))
		unlink(tmp);
}

/* ----------------------------------------------------------- table -- */

/* GUID text to its 16 bytes in RFC 4122 (text) order. */
static void guid_bytes(const char *s, uint8_t out[16])
{
	unsigned int i = 0, hi = 1, v;
	char c;

	memset(out, 0, 16);
	for (; (c = *s) && i < 16; s++) {
		if (c == '-')
			continue;
		v = (unsigned int)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
		if (hi)
			out[i] = (uint8_t)(v << 4);
		else
			out[i++] |= (uint8_t)v;
		hi = !hi;
	}
}

static int build_table(struct snpfw *fw)
{
	static const struct {
		enum snpfw_cert which;
		const char *guid;
	} ent[] = {
		{ SNPFW_CERT_VCEK, "63da758d-e664-4564-adc5-f4b93be8accd" },
		{ SNPFW_CERT_ASK, "4ab7b379-bbac-4fe4-a02f-05aef327c782" },
		{ SNPFW_CERT_ARK, "c0b406a4-a803-4952-9743-3fb6014cd0ae" },
	};
	const size_t n = ARRAY_SIZE(ent);
	size_t i, off = (n + 1) * SNPFW_CERT_ENTRY_SIZE, total = off;
	uint8_t *t;

	for (i = 0; i < n; i++)
		total += fw->der_len[ent[i].which];
	t = calloc(1, total);
	if (!t)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		uint8_t *e = t + i * SNPFW_CERT_ENTRY_SIZE;
		size_t len = fw->der_len[ent[i].which];

		guid_bytes(ent[i].guid, e);
		snpfw_put_le32(e + 16, (uint32_t)off);
		snpfw_put_le32(e + 20, (uint32_t)len);
		memcpy(t + off, fw->der[ent[i].which], len);
		off += len;
	}
	free(fw->table);
	fw->table = t;
	fw->table_len = total;
	return 0;
}

/* ------------------------------------------------------------- API -- */

/**
 * snpfw_pki_vcek() - derive the VCEK for the reported TCB and certify it
 * @fw: the instance (ASK already present)
 *
 * Return: 0, -ENOMEM or -EIO; on failure the previous VCEK stays.
 */
int snpfw_pki_vcek(struct snpfw *fw)
{
	EVP_PKEY *key = det_vcek(fw);
	X509 *x = NULL;
	int ret;

	if (key)
		x = make_cert(fw, SNPFW_CERT_VCEK, key,
			      fw->cert[SNPFW_CERT_ASK], fw->ask_key);
	if (!x) {
		EVP_PKEY_free(key);
		return -EIO;
	}
	ret = set_cert(fw, SNPFW_CERT_VCEK, x);
	if (ret) {
		EVP_PKEY_free(key);
		return ret;
	}
	EVP_PKEY_free(fw->vcek_key);
	fw->vcek_key = key;
	return build_table(fw);
}

/**
 * snpfw_pki_init() - ARK and ASK (cached or generated), then the VCEK
 * @fw: the instance, seed and TCB set
 *
 * Return: 0, -ENOMEM or -EIO.
 */
int snpfw_pki_init(struct snpfw *fw)
{
	char path[4096], dir[4000];
	X509 *x;
	int ret;

	cache_path(fw->seed, path, sizeof(path), dir, sizeof(dir));
	if (!path[0] || cache_load(fw, path)) {
		EVP_PKEY_free(fw->ark_key);
		EVP_PKEY_free(fw->ask_key);
		fw->ark_key = det_rsa(fw, "ark");
		fw->ask_key = det_rsa(fw, "ask");
		if (!fw->ark_key || !fw->ask_key)
			return -EIO;
		x = make_cert(fw, SNPFW_CERT_ARK, fw->ark_key, NULL,
			      fw->ark_key);
		if (!x)
			return -EIO;
		ret = set_cert(fw, SNPFW_CERT_ARK, x);
		if (ret)
			return ret;
		x = make_cert(fw, SNPFW_CERT_ASK, fw->ask_key,
			      fw->cert[SNPFW_CERT_ARK], fw->ark_key);
		if (!x)
			return -EIO;
		ret = set_cert(fw, SNPFW_CERT_ASK, x);
		if (ret)
			return ret;
		if (path[0])
			cache_store(fw, path, dir);
	}
	return snpfw_pki_vcek(fw);
}

void snpfw_pki_free(struct snpfw *fw)
{
	int i;

	for (i = 0; i < SNPFW_CERT_COUNT; i++) {
		X509_free(fw->cert[i]);
		OPENSSL_free(fw->der[i]);
	}
	EVP_PKEY_free(fw->ark_key);
	EVP_PKEY_free(fw->ask_key);
	EVP_PKEY_free(fw->vcek_key);
	free(fw->table);
}

int snpfw_cert_der(const struct snpfw *fw, enum snpfw_cert which,
		   const uint8_t **der, size_t *len)
{
	if ((unsigned int)which >= SNPFW_CERT_COUNT || !fw->der[which])
		return -EINVAL;
	*der = fw->der[which];
	*len = fw->der_len[which];
	return 0;
}

int snpfw_ext_certs(const struct snpfw *fw, uint8_t *buf, size_t len,
		    size_t *needed)
{
	if (needed)
		*needed = fw->table_len;
	if (len < fw->table_len || !buf)
		return -ENOSPC;
	memcpy(buf, fw->table, fw->table_len);
	memset(buf + fw->table_len, 0, len - fw->table_len);
	return 0;
}

int snpfw_hook_certs(void *ctx, uint8_t *buf, size_t len, size_t *needed)
{
	return snpfw_ext_certs(ctx, buf, len, needed);
}

static int write_pem(const char *dir, const char *name, X509 *const *x,
		     int n)
{
	char path[4200];
	BIO *bio;
	int i, ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	bio = BIO_new_file(path, "w");
	if (!bio)
		return errno ? -errno : -EIO;
	ok = 1;
	for (i = 0; i < n && ok; i++)
		ok = PEM_write_bio_X509(bio, x[i]);
	if (BIO_free(bio) != 1)
		ok = 0;
	return ok ? 0 : -EIO;
}

int snpfw_write_certs(const struct snpfw *fw, const char *dir)
{
	X509 *chain[2] = { fw->cert[SNPFW_CERT_ASK], fw->cert[SNPFW_CERT_ARK] };
	char path[4200];
	FILE *f;
	int ret;

	ret = mkdir_p(dir);
	if (!ret)
		ret = write_pem(dir, "ark.pem", &fw->cert[SNPFW_CERT_ARK], 1);
	if (!ret)
		ret = write_pem(dir, "ask.pem", &fw->cert[SNPFW_CERT_ASK], 1);
	if (!ret)
		ret = write_pem(dir, "vcek.pem", &fw->cert[SNPFW_CERT_VCEK], 1);
	if (!ret)
		ret = write_pem(dir, "cert_chain.pem", chain, 2);
	if (ret)
		return ret;
	snprintf(path, sizeof(path), "%s/vcek.der", dir);
	f = fopen(path, "wb");
	if (!f)
		return -errno;
	if (fwrite(fw->der[SNPFW_CERT_VCEK], 1, fw->der_len[SNPFW_CERT_VCEK],
		   f) != fw->der_len[SNPFW_CERT_VCEK])
		ret = -EIO;
	if (fclose(f) && !ret)
		ret = -EIO;
	return ret;
}

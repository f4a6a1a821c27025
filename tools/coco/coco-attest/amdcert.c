// SPDX-License-Identifier: GPL-2.0-only
/*
 * AMD certificates.  Every byte here comes from outside (a file, or the
 * certificate table a hypervisor handed the guest), so parsing is strict
 * and bounded: whole-input consumption for DER, no duplicate extensions,
 * table offsets checked against the table's own size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/asn1.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include "amdcert.h"
#include "util.h"

static X509 *from_pem(const uint8_t *buf, size_t len, char *err,
		      size_t errlen)
{
	BIO *bio = BIO_new_mem_buf(buf, (int)len);
	X509 *x = NULL;

	if (bio)
		x = PEM_read_bio_X509(bio, NULL, NULL, NULL);
	BIO_free(bio);
	if (!x)
		snprintf(err, errlen, "not a PEM certificate");
	return x;
}

static X509 *from_der(const uint8_t *buf, size_t len, char *err,
		      size_t errlen)
{
	const unsigned char *p = buf;
	X509 *x = d2i_X509(NULL, &p, (long)len);

	if (!x) {
		snprintf(err, errlen, "not a DER certificate");
		return NULL;
	}
	if ((size_t)(p - buf) != len) {
		snprintf(err, errlen,
			 "%zu trailing bytes after the DER certificate",
			 len - (size_t)(p - buf));
		X509_free(x);
		return NULL;
	}
	return x;
}

/**
 * amdcert_from_buf() - a certificate from PEM or DER bytes
 * @buf: the bytes
 * @len: their number
 * @err: message on failure
 * @errlen: size of @err
 *
 * PEM is recognised by its "-----BEGIN" armour; anything else must be one
 * DER certificate and nothing after it.
 *
 * Return: the certificate (X509_free()), or NULL with @err set.
 */
X509 *amdcert_from_buf(const uint8_t *buf, size_t len, char *err,
		       size_t errlen)
{
	static const char armour[] = "-----BEGIN";
	size_t i = 0;

	if (!len || len > INPUT_FILE_MAX) {
		snprintf(err, errlen, "certificate of %zu bytes", len);
		return NULL;
	}
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' ||
			   buf[i] == '\r' || buf[i] == '\n'))
		i++;
	if (len - i >= sizeof(armour) - 1 &&
	    !memcmp(buf + i, armour, sizeof(armour) - 1))
		return from_pem(buf, len, err, errlen);
	return from_der(buf, len, err, errlen);
}

/**
 * amdcert_load_file() - a certificate from a PEM or DER file
 * @path: the file
 * @err: message on failure
 * @errlen: size of @err
 *
 * Return: the certificate (X509_free()), or NULL with @err set.
 */
X509 *amdcert_load_file(const char *path, char *err, size_t errlen)
{
	char why[160];
	uint8_t *buf;
	size_t len;
	X509 *x;

	if (read_file(path, INPUT_FILE_MAX, &buf, &len, err, errlen))
		return NULL;
	x = amdcert_from_buf(buf, len, why, sizeof(why));
	if (!x)
		snprintf(err, errlen, "%s: %s", path, why);
	free(buf);
	return x;
}

/* Common name of the subject or issuer, "?" if there is none. */
void amdcert_cn(X509 *cert, bool subject, char *buf, size_t len)
{
	X509_NAME *n = subject ? X509_get_subject_name(cert) :
				 X509_get_issuer_name(cert);

	if (!n || X509_NAME_get_text_by_NID(n, NID_commonName, buf,
					    (int)len) < 0)
		snprintf(buf, len, "?");
}

/* ----------------------------------------------- KDS extensions -- */

static const char *const spl_names[AMD_SPL_MAX + 1] = {
	[1] = "blSPL", [2] = "teeSPL", [3] = "snpSPL", [4] = "spl_4",
	[5] = "spl_5", [6] = "spl_6", [7] = "spl_7", [8] = "ucodeSPL",
	[9] = "fmcSPL",
};

const char *amdcert_spl_name(int arc)
{
	if (arc < 1 || arc > AMD_SPL_MAX)
		return "?";
	return spl_names[arc];
}

/* An SPL extension is a DER INTEGER 0..255, nothing more. */
static int parse_spl(const ASN1_OCTET_STRING *v, uint8_t *out)
{
	const unsigned char *p = ASN1_STRING_get0_data(v);
	int len = ASN1_STRING_length(v);
	ASN1_INTEGER *ai = d2i_ASN1_INTEGER(NULL, &p, len);
	int64_t val;
	int ok;

	if (!ai)
		return -1;
	ok = p == ASN1_STRING_get0_data(v) + len &&
	     ASN1_INTEGER_get_int64(&val, ai) == 1 && val >= 0 && val <= 255;
	ASN1_INTEGER_free(ai);
	if (!ok)
		return -1;
	*out = (uint8_t)val;
	return 0;
}

/* productName1 is a DER IA5String such as "Milan-B0". */
static int parse_product(const ASN1_OCTET_STRING *v, char *out, size_t n)
{
	const unsigned char *p = ASN1_STRING_get0_data(v);
	int len = ASN1_STRING_length(v);
	ASN1_IA5STRING *s = d2i_ASN1_IA5STRING(NULL, &p, len);
	const unsigned char *d;
	int i, sl, ok;

	if (!s)
		return -1;
	d = ASN1_STRING_get0_data(s);
	sl = ASN1_STRING_length(s);
	ok = p == ASN1_STRING_get0_data(v) + len && sl > 0 &&
	     (size_t)sl < n;
	for (i = 0; ok && i < sl; i++)
		ok = d[i] >= 0x20 && d[i] < 0x7f;
	if (ok) {
		memcpy(out, d, (size_t)sl);
		out[sl] = '\0';
	}
	ASN1_IA5STRING_free(s);
	return ok ? 0 : -1;
}

static bool hwid_len_ok(long n)
{
	return n == 64 || n == 8;
}

/*
 * hwID: AMD's KDS puts the raw 64 (Turin: 8) bytes in the extension value
 * without a DER tag; a DER OCTET STRING around them is accepted too.
 */
static int parse_hwid(const ASN1_OCTET_STRING *v, struct amd_ext *ext)
{
	const unsigned char *d = ASN1_STRING_get0_data(v);
	const unsigned char *p = d;
	int len = ASN1_STRING_length(v);
	ASN1_OCTET_STRING *inner;
	int ok;

	if (hwid_len_ok(len)) {
		memcpy(ext->hwid, d, (size_t)len);
		ext->hwid_len = (size_t)len;
		return 0;
	}
	inner = d2i_ASN1_OCTET_STRING(NULL, &p, len);
	if (!inner)
		return -1;
	ok = p == d + len && hwid_len_ok(ASN1_STRING_length(inner));
	if (ok) {
		ext->hwid_len = (size_t)ASN1_STRING_length(inner);
		memcpy(ext->hwid, ASN1_STRING_get0_data(inner),
		       ext->hwid_len);
	}
	ASN1_OCTET_STRING_free(inner);
	return ok ? 0 : -1;
}

static int parse_struct_version(const ASN1_OCTET_STRING *v,
				struct amd_ext *ext)
{
	uint8_t val;

	if (parse_spl(v, &val))
		return -1;
	ext->struct_version = val;
	ext->has_struct_version = true;
	return 0;
}

/* One extension under 1.3.6.1.4.1.3704.1.; @rest is what follows that. */
static int parse_one(const char *rest, const ASN1_OCTET_STRING *v,
		     struct amd_ext *ext, bool *dup)
{
	int arc;

	if (!strcmp(rest, "1")) {
		*dup = ext->has_struct_version;
		return parse_struct_version(v, ext);
	}
	if (!strcmp(rest, "2")) {
		*dup = ext->has_product;
		ext->has_product = true;
		return parse_product(v, ext->product, sizeof(ext->product));
	}
	if (!strcmp(rest, "4")) {
		*dup = ext->hwid_len != 0;
		return parse_hwid(v, ext);
	}
	if (!strcmp(rest, "5")) {
		*dup = ext->has_csp_id;
		ext->has_csp_id = true;
		return 0;
	}
	if (rest[0] == '3' && rest[1] == '.' && rest[2] >= '1' &&
	    rest[2] <= '9' && !rest[3]) {
		arc = rest[2] - '0';
		*dup = ext->has_spl[arc];
		ext->has_spl[arc] = true;
		return parse_spl(v, &ext->spl[arc]);
	}
	return 0;	/* an AMD extension this verifier does not use */
}

/**
 * amdcert_parse_ext() - read the KDS extensions of a VCEK/VLEK certificate
 * @cert: the certificate
 * @ext: what was found (absent extensions stay flagged absent)
 * @err: message on failure
 * @errlen: size of @err
 *
 * OIDs (AMD "VCEK Certificate and KDS Interface Specification" #57230, as
 * used by AMD's KDS certificates): .1 structVersion, .2 productName1,
 * .3.1 blSPL, .3.2 teeSPL, .3.3 snpSPL, .3.4-.3.7 reserved SPLs,
 * .3.8 ucodeSPL, .3.9 fmcSPL (Turin), .4 hwID, .5 cspID (VLEK).
 *
 * Return: 0, or -1 with @err set if an extension is malformed or repeated.
 */
int amdcert_parse_ext(X509 *cert, struct amd_ext *ext, char *err,
		      size_t errlen)
{
	int i, n = X509_get_ext_count(cert);

	memset(ext, 0, sizeof(*ext));
	for (i = 0; i < n; i++) {
		X509_EXTENSION *x = X509_get_ext(cert, i);
		char oid[80];
		bool dup = false;

		if (OBJ_obj2txt(oid, sizeof(oid), X509_EXTENSION_get_object(x),
				1) <= 0)
			continue;
		if (strncmp(oid, AMD_OID_ARC, strlen(AMD_OID_ARC)))
			continue;
		if (parse_one(oid + strlen(AMD_OID_ARC),
			      X509_EXTENSION_get_data(x), ext, &dup)) {
			snprintf(err, errlen, "extension %s is malformed", oid);
			return -1;
		}
		if (dup) {
			snprintf(err, errlen, "extension %s appears twice", oid);
			return -1;
		}
	}
	return 0;
}

/* ----------------------------------------------- certificate table -- */

/* GUIDs as AMD's own tools (libuuid) and virtee/go-sev-guest lay them out:
 * the 16 bytes in the order of the string form (RFC 4122).
 */
static const struct {
	enum snp_cert_kind kind;
	const char *name;
	const char *guid;
} cert_guids[] = {
	{ SNP_CERT_ARK, "ARK", "c0b406a4-a803-4952-9743-3fb6014cd0ae" },
	{ SNP_CERT_ASK, "ASK", "4ab7b379-bbac-4fe4-a02f-05aef327c782" },
	{ SNP_CERT_VCEK, "VCEK", "63da758d-e664-4564-adc5-f4b93be8accd" },
	{ SNP_CERT_VLEK, "VLEK", "a8074bc2-a25a-483e-aae6-39c045a0b8a1" },
	{ SNP_CERT_CRL, "CRL", "92f81bc3-5811-4d3d-97ff-d19f88dc67ea" },
};

#define N_GUIDS (sizeof(cert_guids) / sizeof(cert_guids[0]))

static void guid_bytes(const char *s, uint8_t out[16])
{
	char hex[33];
	size_t i, j = 0, n;

	for (i = 0; s[i] && j < 32; i++)
		if (s[i] != '-')
			hex[j++] = s[i];
	hex[j] = '\0';
	parse_hex(hex, out, 16, &n);
}

static enum snp_cert_kind guid_kind(const uint8_t g[16])
{
	uint8_t want[16];
	size_t i;

	for (i = 0; i < N_GUIDS; i++) {
		guid_bytes(cert_guids[i].guid, want);
		if (!memcmp(g, want, 16))
			return cert_guids[i].kind;
	}
	return SNP_CERT_OTHER;
}

const char *snp_cert_kind_name(enum snp_cert_kind kind)
{
	size_t i;

	for (i = 0; i < N_GUIDS; i++)
		if (cert_guids[i].kind == kind)
			return cert_guids[i].name;
	return "other";
}

static bool all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

static int add_entry(const uint8_t *p, size_t len, struct snp_cert_table *t,
		     char *err, size_t errlen)
{
	struct snp_cert_entry *e = &t->e[t->n];
	int i;

	memcpy(e->guid, p, 16);
	e->offset = (uint32_t)p[16] | (uint32_t)p[17] << 8 |
		    (uint32_t)p[18] << 16 | (uint32_t)p[19] << 24;
	e->length = (uint32_t)p[20] | (uint32_t)p[21] << 8 |
		    (uint32_t)p[22] << 16 | (uint32_t)p[23] << 24;
	e->kind = guid_kind(e->guid);
	/* compare without adding: offset + length may wrap */
	if (!e->length || e->offset > len || e->length > len - e->offset) {
		snprintf(err, errlen,
			 "entry %d (%s): offset 0x%x length 0x%x outside the %zu-byte table",
			 t->n, snp_cert_kind_name(e->kind), e->offset,
			 e->length, len);
		return -1;
	}
	for (i = 0; e->kind != SNP_CERT_OTHER && i < t->n; i++) {
		if (t->e[i].kind == e->kind) {
			snprintf(err, errlen, "two %s entries",
				 snp_cert_kind_name(e->kind));
			return -1;
		}
	}
	t->n++;
	return 0;
}

/**
 * snp_cert_table_parse() - split an extended-report certificate blob
 * @buf: the blob as the hypervisor supplied it (untrusted)
 * @len: its size
 * @t: the entries found
 * @err: message on failure
 * @errlen: size of @err
 *
 * 24-byte entries {GUID, u32 offset from the table start, u32 length},
 * ending with an all-zero entry.  A blob with no certificates (24 zero
 * bytes, or all zero) parses to an empty table.  Every entry must lie
 * inside the blob and each known GUID may appear once, so no certificate
 * is ambiguous.
 *
 * Return: 0, or -1 with @err set.
 */
int snp_cert_table_parse(const uint8_t *buf, size_t len,
			 struct snp_cert_table *t, char *err, size_t errlen)
{
	size_t off;

	memset(t, 0, sizeof(*t));
	for (off = 0; off + SNP_CERT_ENTRY_SIZE <= len;
	     off += SNP_CERT_ENTRY_SIZE) {
		if (all_zero(buf + off, SNP_CERT_ENTRY_SIZE))
			return 0;
		if (t->n == SNP_CERT_TABLE_MAX) {
			snprintf(err, errlen, "more than %d entries",
				 SNP_CERT_TABLE_MAX);
			return -1;
		}
		if (add_entry(buf + off, len, t, err, errlen))
			return -1;
	}
	snprintf(err, errlen, "no terminating all-zero entry in %zu bytes",
		 len);
	return -1;
}

const struct snp_cert_entry *snp_cert_table_find(const struct snp_cert_table *t,
						 enum snp_cert_kind kind)
{
	int i;

	for (i = 0; i < t->n; i++)
		if (t->e[i].kind == kind)
			return &t->e[i];
	return NULL;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * coco-attest verify: is this report genuine, fresh, and what we expect?
 *
 * Checks, in this order, stopping at the first failure:
 *   structure     size, VERSION, SIGNATURE_ALGO, reserved fields
 *   certs         the VCEK (or VLEK), ASK and pinned ARK load and parse
 *   chain         ARK self-signed, ASK signed by ARK, VCEK signed by ASK,
 *                 then an X.509 path validation over the three
 *   signature     ECDSA P-384/SHA-384 over 0x000-0x29f by the VCEK key
 *   generation    --gen, the report's CPUID and the VCEK's product agree
 *   tcb           REPORTED_TCB <= the TCB the VCEK was issued for
 *   chip-id       CHIP_ID is the chip the VCEK was issued to
 *   report-data   REPORT_DATA == the caller's nonce (zero-padded)
 *   policy        DEBUG / MIGRATE_MA not allowed, if asked
 *   min-tcb       REPORTED_TCB >= the caller's minimum, if asked
 *   measurement   MEASUREMENT == the expected digest, if asked
 * The order matters: nothing read from a certificate is trusted before the
 * chain check, and nothing read from the report before the signature.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "amdcert.h"
#include "util.h"
#include "verify.h"

static const char *const check_names[VC_COUNT] = {
	[VC_STRUCTURE] = "structure",
	[VC_CERTS] = "certs",
	[VC_CHAIN] = "chain",
	[VC_SIGNATURE] = "signature",
	[VC_GENERATION] = "generation",
	[VC_TCB] = "tcb",
	[VC_CHIP_ID] = "chip-id",
	[VC_REPORT_DATA] = "report-data",
	[VC_POLICY] = "policy",
	[VC_MIN_TCB] = "min-tcb",
	[VC_MEASUREMENT] = "measurement",
};

enum { PASS = 0, SKIP = 1, FAIL = -1 };

struct vctx {
	const struct verify_opts *o;
	struct verify_result *res;
	struct snp_report rep;
	uint8_t *table_buf;		/* --certs file */
	size_t table_len;
	struct snp_cert_table table;
	X509 *ark, *ask, *leaf;
	const char *leaf_kind;		/* "VCEK" or "VLEK" */
	struct amd_ext ext;		/* of the leaf */
	enum snp_gen gen;
};

/* The detail line of check @id; the caller's return value says which. */
static void say(struct vctx *v, int id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void say(struct vctx *v, int id, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->res->c[id].detail, VERIFY_DETAIL_LEN, fmt, ap);
	va_end(ap);
}

static bool all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

/* ------------------------------------------------------- structure -- */

static int check_structure(struct vctx *v, const uint8_t *buf, size_t len)
{
	char err[VERIFY_DETAIL_LEN];

	if (snp_report_parse(buf, len, &v->rep, err, sizeof(err)) ||
	    snp_report_check_structure(&v->rep, err, sizeof(err))) {
		say(v, VC_STRUCTURE, "%s", err);
		return FAIL;
	}
	say(v, VC_STRUCTURE, "%d bytes, version %u, SIGNATURE_ALGO 1, reserved fields zero",
	    SNP_REPORT_SIZE, v->rep.version);
	return PASS;
}

/* ----------------------------------------------------------- certs -- */

static X509 *cert_from_table(struct vctx *v, enum snp_cert_kind kind,
			     char *err, size_t errlen)
{
	const struct snp_cert_entry *e = snp_cert_table_find(&v->table, kind);
	char why[160];
	X509 *x;

	if (!e) {
		snprintf(err, errlen, "the certificate table has no %s entry",
			 snp_cert_kind_name(kind));
		return NULL;
	}
	x = amdcert_from_buf(v->table_buf + e->offset, e->length, why,
			     sizeof(why));
	if (!x)
		snprintf(err, errlen, "%s entry of the certificate table: %s",
			 snp_cert_kind_name(kind), why);
	return x;
}

static int load_table(struct vctx *v, char *err, size_t errlen)
{
	char why[200];

	if (read_file(v->o->certs_path, INPUT_FILE_MAX, &v->table_buf,
		      &v->table_len, err, errlen))
		return -1;
	if (snp_cert_table_parse(v->table_buf, v->table_len, &v->table, why,
				 sizeof(why))) {
		snprintf(err, errlen, "certificate table %s: %s",
			 v->o->certs_path, why);
		return -1;
	}
	return 0;
}

/* The leaf comes from --vcek, else from the table entry the report names. */
static X509 *load_leaf(struct vctx *v, char *err, size_t errlen)
{
	bool vlek = SNP_KEYINFO_SIGNING_KEY(v->rep.key_info) ==
		    SNP_SIGNING_KEY_VLEK;

	v->leaf_kind = vlek ? "VLEK" : "VCEK";
	if (v->o->vcek_path)
		return amdcert_load_file(v->o->vcek_path, err, errlen);
	if (v->o->certs_path)
		return cert_from_table(v, vlek ? SNP_CERT_VLEK : SNP_CERT_VCEK,
				       err, errlen);
	snprintf(err, errlen, "no %s: give --vcek or --certs", v->leaf_kind);
	return NULL;
}

/* The ASK may come from the table; the ARK is pinned by the caller only. */
static int load_issuers(struct vctx *v, char *err, size_t errlen)
{
	if (!v->o->ark_path) {
		snprintf(err, errlen,
			 "no --ark: the root must be pinned by the verifier (--no-chain checks only the signature by the given %s)",
			 v->leaf_kind);
		return -1;
	}
	v->ark = amdcert_load_file(v->o->ark_path, err, errlen);
	if (!v->ark)
		return -1;
	if (v->o->ask_path)
		v->ask = amdcert_load_file(v->o->ask_path, err, errlen);
	else if (v->o->certs_path)
		v->ask = cert_from_table(v, SNP_CERT_ASK, err, errlen);
	else
		snprintf(err, errlen, "no ASK: give --ask or --certs");
	return v->ask ? 0 : -1;
}

static int check_certs(struct vctx *v)
{
	char err[VERIFY_DETAIL_LEN], why[200];
	char cn[64];

	if (v->o->certs_path && load_table(v, err, sizeof(err)))
		goto fail;
	v->leaf = load_leaf(v, err, sizeof(err));
	if (!v->leaf)
		goto fail;
	if (!v->o->no_chain && load_issuers(v, err, sizeof(err)))
		goto fail;
	if (amdcert_parse_ext(v->leaf, &v->ext, why, sizeof(why))) {
		snprintf(err, sizeof(err), "%s certificate: %s", v->leaf_kind,
			 why);
		goto fail;
	}
	amdcert_cn(v->leaf, true, cn, sizeof(cn));
	say(v, VC_CERTS, "%s CN=%s product %s%s", v->leaf_kind, cn,
	    v->ext.has_product ? v->ext.product : "(none)",
	    v->o->no_chain ? ", no ASK/ARK (--no-chain)" : ", ASK, pinned ARK");
	return PASS;
fail:
	say(v, VC_CERTS, "%s", err);
	return FAIL;
}

/* ----------------------------------------------------------- chain -- */

/*
 * One link: @subj must name @issuer as its issuer (names, key ids, key
 * usage: X509_check_issued) and carry a signature @issuer's key verifies.
 */
static int check_link(struct vctx *v, X509 *issuer, X509 *subj,
		      const char *what)
{
	char icn[64], scn[64], sicn[64];
	int rc;

	amdcert_cn(issuer, true, icn, sizeof(icn));
	amdcert_cn(subj, true, scn, sizeof(scn));
	amdcert_cn(subj, false, sicn, sizeof(sicn));
	rc = X509_check_issued(issuer, subj);
	if (rc != X509_V_OK) {
		say(v, VC_CHAIN, "%s: CN=%s is not issued by CN=%s (its issuer is CN=%s): %s",
		    what, scn, icn, sicn, X509_verify_cert_error_string(rc));
		return FAIL;
	}
	if (X509_verify(subj, X509_get0_pubkey(issuer)) != 1) {
		say(v, VC_CHAIN, "%s: the signature on CN=%s (%s) does not verify with the key of CN=%s",
		    what, scn, OBJ_nid2ln(X509_get_signature_nid(subj)), icn);
		return FAIL;
	}
	return PASS;
}

/* Path validation adds what the links do not: validity dates, CA flags. */
static int check_path(struct vctx *v)
{
	X509_STORE *st = X509_STORE_new();
	X509_STORE_CTX *c = X509_STORE_CTX_new();
	STACK_OF(X509) *untrusted = sk_X509_new_null();
	int ok = 0, err = X509_V_ERR_UNSPECIFIED;

	if (st && c && untrusted && X509_STORE_add_cert(st, v->ark) == 1 &&
	    sk_X509_push(untrusted, v->ask) > 0 &&
	    X509_STORE_CTX_init(c, st, v->leaf, untrusted) == 1) {
		if (v->o->no_check_time)
			X509_STORE_CTX_set_flags(c, X509_V_FLAG_NO_CHECK_TIME);
		else if (v->o->have_at_time)
			X509_STORE_CTX_set_time(c, 0, (time_t)v->o->at_time);
		ok = X509_verify_cert(c) == 1;
		err = X509_STORE_CTX_get_error(c);
	}
	X509_STORE_CTX_free(c);
	sk_X509_free(untrusted);
	X509_STORE_free(st);
	if (!ok) {
		say(v, VC_CHAIN, "X.509 path validation %s -> ASK -> ARK: %s",
		    v->leaf_kind, X509_verify_cert_error_string(err));
		return FAIL;
	}
	return PASS;
}

static int check_chain(struct vctx *v)
{
	char ark[64], ask[64], leaf_link[32];

	if (v->o->no_chain) {
		say(v, VC_CHAIN, "not checked (--no-chain): the %s is trusted as given",
		    v->leaf_kind);
		return SKIP;
	}
	snprintf(leaf_link, sizeof(leaf_link), "%s signed by ASK", v->leaf_kind);
	if (check_link(v, v->ark, v->ark, "ARK self-signature") ||
	    check_link(v, v->ark, v->ask, "ASK signed by ARK") ||
	    check_link(v, v->ask, v->leaf, leaf_link) ||
	    check_path(v))
		return FAIL;
	amdcert_cn(v->ark, true, ark, sizeof(ark));
	amdcert_cn(v->ask, true, ask, sizeof(ask));
	say(v, VC_CHAIN, "%s -> %s -> %s (%s), validity %s", ark, ask,
	    v->leaf_kind, OBJ_nid2ln(X509_get_signature_nid(v->leaf)),
	    v->o->no_check_time ? "not checked" :
	    v->o->have_at_time ? "checked at --at-time" : "checked now");
	return PASS;
}

/* ------------------------------------------------------- signature -- */

static int leaf_key_is_p384(struct vctx *v, EVP_PKEY *pk)
{
	char group[32] = "";

	if (!pk || EVP_PKEY_get_base_id(pk) != EVP_PKEY_EC ||
	    EVP_PKEY_get_group_name(pk, group, sizeof(group), NULL) != 1 ||
	    strcmp(group, "secp384r1")) {
		say(v, VC_SIGNATURE, "the %s key is not an EC P-384 key (%s)",
		    v->leaf_kind, group[0] ? group : "not EC");
		return FAIL;
	}
	return PASS;
}

/*
 * R and S: 72-byte little-endian fields of which P-384 uses 48; the spec
 * says zero-padded, and a non-zero pad would be a second encoding of the
 * same signature.
 */
static unsigned char *sig_to_der(struct vctx *v, int *derlen)
{
	const struct snp_report *r = &v->rep;
	unsigned char *der = NULL;
	BIGNUM *br, *bs;
	ECDSA_SIG *sig;

	if (!all_zero(r->sig_r + SNP_SIG_P384_LEN,
		      SNP_SIG_COMP_LEN - SNP_SIG_P384_LEN) ||
	    !all_zero(r->sig_s + SNP_SIG_P384_LEN,
		      SNP_SIG_COMP_LEN - SNP_SIG_P384_LEN)) {
		say(v, VC_SIGNATURE, "R or S has non-zero bytes above the 48 a P-384 value uses");
		return NULL;
	}
	br = BN_lebin2bn(r->sig_r, SNP_SIG_P384_LEN, NULL);
	bs = BN_lebin2bn(r->sig_s, SNP_SIG_P384_LEN, NULL);
	sig = ECDSA_SIG_new();
	if (!br || !bs || !sig || ECDSA_SIG_set0(sig, br, bs) != 1) {
		BN_free(br);
		BN_free(bs);
		ECDSA_SIG_free(sig);
		say(v, VC_SIGNATURE, "out of memory");
		return NULL;
	}
	*derlen = i2d_ECDSA_SIG(sig, &der);	/* sig owns br and bs now */
	ECDSA_SIG_free(sig);
	if (*derlen <= 0) {
		say(v, VC_SIGNATURE, "cannot encode R and S");
		return NULL;
	}
	return der;
}

static int signing_key_ok(struct vctx *v)
{
	uint32_t k = SNP_KEYINFO_SIGNING_KEY(v->rep.key_info);

	if (k == SNP_SIGNING_KEY_VCEK || k == SNP_SIGNING_KEY_VLEK)
		return PASS;
	if (k == SNP_SIGNING_KEY_NONE)
		say(v, VC_SIGNATURE, "the report is unsigned (SIGNING_KEY 7)");
	else
		say(v, VC_SIGNATURE, "SIGNING_KEY %u is undefined", k);
	return FAIL;
}

static int check_signature(struct vctx *v)
{
	EVP_PKEY *pk = X509_get0_pubkey(v->leaf);
	EVP_MD_CTX *md = NULL;
	unsigned char *der;
	int derlen, ok = 0;

	if (signing_key_ok(v) || leaf_key_is_p384(v, pk))
		return FAIL;
	der = sig_to_der(v, &derlen);
	if (!der)
		return FAIL;
	md = EVP_MD_CTX_new();
	if (md && EVP_DigestVerifyInit(md, NULL, EVP_sha384(), NULL, pk) == 1)
		ok = EVP_DigestVerify(md, der, (size_t)derlen, v->rep.raw,
				      SNP_REPORT_SIGNED_LEN) == 1;
	EVP_MD_CTX_free(md);
	OPENSSL_free(der);
	if (!ok) {
		say(v, VC_SIGNATURE, "ECDSA P-384 signature over bytes 0x000-0x29f does not verify with the %s",
		    v->leaf_kind);
		return FAIL;
	}
	say(v, VC_SIGNATURE, "ECDSA P-384/SHA-384 over 0x000-0x29f by the %s",
	    v->leaf_kind);
	return PASS;
}

/* ------------------------------------------------------ generation -- */

static const char *witness(enum snp_gen g)
{
	return g == SNP_GEN_UNKNOWN ? "-" : snp_gen_name(g);
}

/*
 * Up to three witnesses: --gen, the CPUID fields (v3+), and the leaf's
 * productName (authentic once the chain passed).  All that are present
 * must agree; the TCB layout depends on the answer.
 */
static int check_generation(struct vctx *v)
{
	enum snp_gen opt = v->o->gen, cpu = snp_report_cpuid_gen(&v->rep);
	enum snp_gen prod = SNP_GEN_UNKNOWN, g = SNP_GEN_UNKNOWN;
	const enum snp_gen *w[] = { &opt, &cpu, &prod };
	size_t i;

	if (v->ext.has_product) {
		prod = snp_gen_from_name(v->ext.product);
		if (prod == SNP_GEN_UNKNOWN) {
			say(v, VC_GENERATION, "%s productName \"%s\" names no generation this verifier knows",
			    v->leaf_kind, v->ext.product);
			return FAIL;
		}
	}
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		if (*w[i] == SNP_GEN_UNKNOWN)
			continue;
		if (g != SNP_GEN_UNKNOWN && *w[i] != g)
			goto disagree;
		g = *w[i];
	}
	if (g == SNP_GEN_UNKNOWN) {
		say(v, VC_GENERATION, "unknown: no CPUID in the report, no productName in the %s; pass --gen",
		    v->leaf_kind);
		return FAIL;
	}
	v->gen = g;
	say(v, VC_GENERATION, "%s (--gen %s, CPUID %s, productName %s)",
	    snp_gen_name(g), witness(opt), witness(cpu),
	    v->ext.has_product ? v->ext.product : "-");
	return PASS;
disagree:
	say(v, VC_GENERATION, "--gen says %s, the report's CPUID %s, the %s productName %s",
	    witness(opt), witness(cpu), v->leaf_kind,
	    v->ext.has_product ? v->ext.product : "-");
	return FAIL;
}

/* ------------------------------------------------------------- tcb -- */

struct tcb_part {
	const char *name;
	int arc;		/* SPL extension 1.3.6.1.4.1.3704.1.3.<arc> */
	uint8_t reported;
};

static int tcb_parts(const struct snp_tcb *t, struct tcb_part *p)
{
	int n = 0;

	if (t->has_fmc)
		p[n++] = (struct tcb_part){ "fmc", AMD_SPL_FMC, t->fmc };
	p[n++] = (struct tcb_part){ "bl", AMD_SPL_BL, t->bl };
	p[n++] = (struct tcb_part){ "tee", AMD_SPL_TEE, t->tee };
	p[n++] = (struct tcb_part){ "snp", AMD_SPL_SNP, t->snp };
	p[n++] = (struct tcb_part){ "ucode", AMD_SPL_UCODE, t->ucode };
	return n;
}

/*
 * The VCEK is derived from REPORTED_TCB, so a report claiming more than
 * its certificate was issued for must be refused: that is exactly what a
 * key from older, vulnerable firmware would try.
 */
static int check_tcb(struct vctx *v)
{
	struct snp_tcb t;
	struct tcb_part p[5];
	int i, n;

	snp_tcb_decode(v->rep.reported_tcb, v->gen, &t);
	n = tcb_parts(&t, p);
	for (i = 0; i < n; i++) {
		const char *ext = amdcert_spl_name(p[i].arc);

		if (!v->ext.has_spl[p[i].arc]) {
			say(v, VC_TCB, "the %s has no %s extension (" AMD_OID_ARC "3.%d)",
			    v->leaf_kind, ext, p[i].arc);
			return FAIL;
		}
		if (p[i].reported > v->ext.spl[p[i].arc]) {
			say(v, VC_TCB, "REPORTED_TCB %s=%u is above the %s's %s=%u (" AMD_OID_ARC "3.%d)",
			    p[i].name, p[i].reported, v->leaf_kind, ext,
			    v->ext.spl[p[i].arc], p[i].arc);
			return FAIL;
		}
	}
	say(v, VC_TCB, "REPORTED_TCB 0x%016llx <= the %s's SPLs (%s layout)",
	    (unsigned long long)t.raw, v->leaf_kind, snp_gen_name(v->gen));
	return PASS;
}

/* --------------------------------------------------------- chip-id -- */

static int check_chip_id(struct vctx *v)
{
	const struct snp_report *r = &v->rep;
	size_t n = v->ext.hwid_len;

	if (SNP_KEYINFO_SIGNING_KEY(r->key_info) == SNP_SIGNING_KEY_VLEK) {
		say(v, VC_CHIP_ID, "not checked: a VLEK is not bound to one chip");
		return SKIP;
	}
	if (r->key_info & SNP_KEYINFO_MASK_CHIP_KEY) {
		if (!all_zero(r->chip_id, sizeof(r->chip_id))) {
			say(v, VC_CHIP_ID, "MASK_CHIP_KEY is set but CHIP_ID is not zero");
			return FAIL;
		}
		say(v, VC_CHIP_ID, "masked (MASK_CHIP_KEY), CHIP_ID is zero");
		return PASS;
	}
	if (!n) {
		say(v, VC_CHIP_ID, "the VCEK has no hwID extension (" AMD_OID_ARC "4)");
		return FAIL;
	}
	/* Turin certificates carry 8 bytes; the report pads with zeros */
	if (CRYPTO_memcmp(r->chip_id, v->ext.hwid, n) ||
	    !all_zero(r->chip_id + n, sizeof(r->chip_id) - n)) {
		say(v, VC_CHIP_ID, "CHIP_ID is not the hwID the VCEK was issued to");
		return FAIL;
	}
	say(v, VC_CHIP_ID, "CHIP_ID matches the VCEK hwID (%zu bytes)", n);
	return PASS;
}

/* -------------------------------------------- caller's expectations -- */

static int check_report_data(struct vctx *v)
{
	uint8_t want[64] = { 0 };
	size_t i;

	if (!v->o->have_nonce) {
		say(v, VC_REPORT_DATA, "not checked (no --nonce)");
		return SKIP;
	}
	memcpy(want, v->o->nonce, v->o->nonce_len);
	if (CRYPTO_memcmp(want, v->rep.report_data, sizeof(want))) {
		for (i = 0; want[i] == v->rep.report_data[i]; i++)
			;
		say(v, VC_REPORT_DATA, "REPORT_DATA differs from the nonce (%zu bytes, zero-padded to 64) first at byte %zu",
		    v->o->nonce_len, i);
		return FAIL;
	}
	say(v, VC_REPORT_DATA, "REPORT_DATA equals the %zu-byte nonce%s",
	    v->o->nonce_len, v->o->nonce_len < 64 ? " zero-padded to 64" : "");
	return PASS;
}

static int check_policy(struct vctx *v)
{
	uint64_t p = v->rep.policy;

	if (!v->o->policy_no_debug && !v->o->policy_no_migrate) {
		say(v, VC_POLICY, "not checked (no --policy-no-debug/--policy-no-migrate)");
		return SKIP;
	}
	if (v->o->policy_no_debug && (p & SNP_POLICY_DEBUG)) {
		say(v, VC_POLICY, "POLICY 0x%016llx has DEBUG (bit 19) set: the hypervisor may debug this guest",
		    (unsigned long long)p);
		return FAIL;
	}
	if (v->o->policy_no_migrate && (p & SNP_POLICY_MIGRATE_MA)) {
		say(v, VC_POLICY, "POLICY 0x%016llx has MIGRATE_MA (bit 18) set: a migration agent may be bound",
		    (unsigned long long)p);
		return FAIL;
	}
	say(v, VC_POLICY, "POLICY 0x%016llx:%s%s", (unsigned long long)p,
	    v->o->policy_no_debug ? " no DEBUG" : "",
	    v->o->policy_no_migrate ? " no MIGRATE_MA" : "");
	return PASS;
}

static int check_min_tcb(struct vctx *v)
{
	const struct snp_tcb *m = &v->o->min_tcb;
	struct snp_tcb t;
	struct tcb_part have[5];
	uint8_t want[5];
	int i, n;

	if (!v->o->have_min_tcb) {
		say(v, VC_MIN_TCB, "not checked (no --min-tcb)");
		return SKIP;
	}
	snp_tcb_decode(v->rep.reported_tcb, v->gen, &t);
	if (v->o->min_tcb_has_fmc && !t.has_fmc) {
		say(v, VC_MIN_TCB, "an FMC minimum was given, but %s TCBs have no FMC",
		    snp_gen_name(v->gen));
		return FAIL;
	}
	n = tcb_parts(&t, have);
	i = 0;
	if (t.has_fmc)
		want[i++] = v->o->min_tcb_has_fmc ? m->fmc : 0;
	want[i++] = m->bl;
	want[i++] = m->tee;
	want[i++] = m->snp;
	want[i++] = m->ucode;
	for (i = 0; i < n; i++) {
		if (have[i].reported < want[i]) {
			say(v, VC_MIN_TCB, "REPORTED_TCB %s=%u is below the minimum %u",
			    have[i].name, have[i].reported, want[i]);
			return FAIL;
		}
	}
	say(v, VC_MIN_TCB, "REPORTED_TCB bl=%u tee=%u snp=%u ucode=%u >= %u:%u:%u:%u",
	    t.bl, t.tee, t.snp, t.ucode, m->bl, m->tee, m->snp, m->ucode);
	return PASS;
}

static int check_measurement(struct vctx *v)
{
	if (!v->o->have_measurement) {
		say(v, VC_MEASUREMENT, "not checked (no --measurement)");
		return SKIP;
	}
	if (CRYPTO_memcmp(v->o->measurement, v->rep.measurement,
			  sizeof(v->rep.measurement))) {
		say(v, VC_MEASUREMENT, "MEASUREMENT differs from the expected value");
		return FAIL;
	}
	say(v, VC_MEASUREMENT, "MEASUREMENT equals the expected value");
	return PASS;
}

/* ------------------------------------------------------------ run -- */

static int run_check(struct vctx *v, int id, const uint8_t *buf, size_t len)
{
	switch (id) {
	case VC_STRUCTURE:	return check_structure(v, buf, len);
	case VC_CERTS:		return check_certs(v);
	case VC_CHAIN:		return check_chain(v);
	case VC_SIGNATURE:	return check_signature(v);
	case VC_GENERATION:	return check_generation(v);
	case VC_TCB:		return check_tcb(v);
	case VC_CHIP_ID:	return check_chip_id(v);
	case VC_REPORT_DATA:	return check_report_data(v);
	case VC_POLICY:		return check_policy(v);
	case VC_MIN_TCB:	return check_min_tcb(v);
	case VC_MEASUREMENT:	return check_measurement(v);
	}
	return FAIL;
}

/**
 * verify_report() - run every check on one report
 * @buf: the report file's bytes
 * @len: their number
 * @o: what to check against
 * @res: per-check status and detail
 *
 * Return: 0 if every check passed or was skipped on request, -1 if one
 * failed (@res->failed names it; later checks stay CHECK_NOT_RUN).
 */
int verify_report(const uint8_t *buf, size_t len,
		  const struct verify_opts *o, struct verify_result *res)
{
	struct vctx *v = calloc(1, sizeof(*v));
	int id, rc = 0;

	memset(res, 0, sizeof(*res));
	res->failed = -1;
	for (id = 0; id < VC_COUNT; id++)
		res->c[id].name = check_names[id];
	if (!v) {
		res->failed = VC_STRUCTURE;
		res->c[VC_STRUCTURE].status = CHECK_FAIL;
		snprintf(res->c[VC_STRUCTURE].detail, VERIFY_DETAIL_LEN,
			 "out of memory");
		return -1;
	}
	v->o = o;
	v->res = res;
	for (id = 0; id < VC_COUNT; id++) {
		int r = run_check(v, id, buf, len);

		res->c[id].status = r == PASS ? CHECK_PASS :
				    r == SKIP ? CHECK_SKIP : CHECK_FAIL;
		if (r == FAIL) {
			res->failed = id;
			rc = -1;
			break;
		}
	}
	X509_free(v->leaf);
	X509_free(v->ask);
	X509_free(v->ark);
	free(v->table_buf);
	free(v);
	return rc;
}

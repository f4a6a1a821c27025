// SPDX-License-Identifier: GPL-2.0-only
/*
 * coco-attest show: every field of the spec table, digests and ids in hex,
 * POLICY / PLATFORM_INFO / key info bits decoded, each TCB_VERSION split
 * per generation (Milan/Genoa and Turin lay the SPL bytes out differently).
 */
#include <inttypes.h>

#include "json.h"
#include "show.h"

struct bit_name {
	uint64_t bit;
	const char *name;	/* text output */
	const char *key;	/* JSON member */
};

static const struct bit_name policy_bits[] = {
	{ SNP_POLICY_SMT, "SMT allowed", "smt" },
	{ SNP_POLICY_RSVD1, "reserved (must be 1)", "reserved_bit17" },
	{ SNP_POLICY_MIGRATE_MA, "MIGRATE_MA (migration agent)", "migrate_ma" },
	{ SNP_POLICY_DEBUG, "DEBUG allowed", "debug" },
	{ SNP_POLICY_SINGLE_SOCKET, "SINGLE_SOCKET", "single_socket" },
	{ SNP_POLICY_CXL_ALLOW, "CXL_ALLOW", "cxl_allow" },
	{ SNP_POLICY_MEM_AES_256_XTS, "MEM_AES_256_XTS", "mem_aes_256_xts" },
	{ SNP_POLICY_RAPL_DIS, "RAPL_DIS", "rapl_dis" },
	{ SNP_POLICY_CIPHERTEXT_HIDING, "CIPHERTEXT_HIDING",
	  "ciphertext_hiding" },
	{ SNP_POLICY_PAGE_SWAP_DISABLE, "PAGE_SWAP_DISABLE",
	  "page_swap_disable" },
};

static const struct bit_name pinfo_bits[] = {
	{ SNP_PINFO_SMT_EN, "SMT_EN", "smt_en" },
	{ SNP_PINFO_TSME_EN, "TSME_EN", "tsme_en" },
	{ SNP_PINFO_ECC_EN, "ECC_EN", "ecc_en" },
	{ SNP_PINFO_RAPL_DIS, "RAPL_DIS", "rapl_dis" },
	{ SNP_PINFO_CIPHERTEXT_HIDING, "CIPHERTEXT_HIDING_EN",
	  "ciphertext_hiding_en" },
	{ SNP_PINFO_ALIAS_CHECK_COMPLETE, "ALIAS_CHECK_COMPLETE",
	  "alias_check_complete" },
	{ SNP_PINFO_SEV_TIO, "SEV_TIO_EN", "sev_tio_en" },
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/**
 * show_pick_gen() - the generation whose TCB layout show uses
 * @r: the report
 * @opt: --gen, or SNP_GEN_UNKNOWN
 *
 * An explicit --gen wins (the caller warns if CPUID disagrees); otherwise
 * the CPUID fields of a v3+ report; otherwise none, and the Milan/Genoa
 * layout is used, which is right for every v2 report seen in the field.
 *
 * Return: the generation and where it came from.
 */
struct show_gen show_pick_gen(const struct snp_report *r, enum snp_gen opt)
{
	struct show_gen g = { SNP_GEN_UNKNOWN, "none" };
	enum snp_gen cpu = snp_report_cpuid_gen(r);

	if (opt != SNP_GEN_UNKNOWN) {
		g.gen = opt;
		g.source = "--gen";
	} else if (cpu != SNP_GEN_UNKNOWN) {
		g.gen = cpu;
		g.source = "cpuid";
	}
	return g;
}

static const char *layout_name(enum snp_gen gen)
{
	return gen == SNP_GEN_TURIN ? "turin" : "milan-genoa";
}

/* ------------------------------------------------------------ text -- */

static void t_hex(FILE *f, const char *name, const uint8_t *b, size_t n)
{
	size_t i;

	fprintf(f, "  %-20s ", name);
	for (i = 0; i < n; i++)
		fprintf(f, "%02x", b[i]);
	fputc('\n', f);
}

static void t_bits(FILE *f, uint64_t v, const struct bit_name *bits,
		   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		fprintf(f, "    %-30s %s\n", bits[i].name,
			(v & bits[i].bit) ? "yes" : "no");
}

static void t_tcb(FILE *f, const char *name, uint64_t raw, enum snp_gen gen)
{
	struct snp_tcb t;

	snp_tcb_decode(raw, gen, &t);
	fprintf(f, "  %-20s 0x%016" PRIx64 "  ", name, raw);
	if (t.has_fmc)
		fprintf(f, "fmc=%u ", t.fmc);
	fprintf(f, "bl=%u tee=%u snp=%u ucode=%u\n", t.bl, t.tee, t.snp,
		t.ucode);
}

static void t_header(FILE *f, const struct snp_report *r)
{
	fprintf(f, "  %-20s %u\n", "VERSION", r->version);
	fprintf(f, "  %-20s %u\n", "GUEST_SVN", r->guest_svn);
	fprintf(f, "  %-20s 0x%016" PRIx64 "\n", "POLICY", r->policy);
	fprintf(f, "    %-30s %u.%u\n", "ABI (major.minor)",
		SNP_POLICY_ABI_MAJOR(r->policy),
		SNP_POLICY_ABI_MINOR(r->policy));
	t_bits(f, r->policy, policy_bits, N(policy_bits));
	t_hex(f, "FAMILY_ID", r->family_id, sizeof(r->family_id));
	t_hex(f, "IMAGE_ID", r->image_id, sizeof(r->image_id));
	fprintf(f, "  %-20s %u\n", "VMPL", r->vmpl);
	fprintf(f, "  %-20s %u%s\n", "SIGNATURE_ALGO", r->sig_algo,
		r->sig_algo == SNP_SIG_ALGO_ECDSA_P384_SHA384 ?
		" (ECDSA P-384 with SHA-384)" : " (undefined)");
}

static void t_platform(FILE *f, const struct snp_report *r, enum snp_gen gen)
{
	t_tcb(f, "CURRENT_TCB", r->current_tcb, gen);
	fprintf(f, "  %-20s 0x%016" PRIx64 "\n", "PLATFORM_INFO",
		r->platform_info);
	t_bits(f, r->platform_info, pinfo_bits, N(pinfo_bits));
	fprintf(f, "  %-20s 0x%08x\n", "KEY_INFO", r->key_info);
	fprintf(f, "    %-30s %s\n", "AUTHOR_KEY_EN",
		(r->key_info & SNP_KEYINFO_AUTHOR_KEY_EN) ? "yes" : "no");
	fprintf(f, "    %-30s %s\n", "MASK_CHIP_KEY",
		(r->key_info & SNP_KEYINFO_MASK_CHIP_KEY) ? "yes" : "no");
	fprintf(f, "    %-30s %u (%s)\n", "SIGNING_KEY",
		SNP_KEYINFO_SIGNING_KEY(r->key_info),
		snp_signing_key_name(r->key_info));
}

static void t_digests(FILE *f, const struct snp_report *r)
{
	t_hex(f, "REPORT_DATA", r->report_data, sizeof(r->report_data));
	t_hex(f, "MEASUREMENT", r->measurement, sizeof(r->measurement));
	t_hex(f, "HOST_DATA", r->host_data, sizeof(r->host_data));
	t_hex(f, "ID_KEY_DIGEST", r->id_key_digest, sizeof(r->id_key_digest));
	t_hex(f, "AUTHOR_KEY_DIGEST", r->author_key_digest,
	      sizeof(r->author_key_digest));
	t_hex(f, "REPORT_ID", r->report_id, sizeof(r->report_id));
	t_hex(f, "REPORT_ID_MA", r->report_id_ma, sizeof(r->report_id_ma));
}

static void t_versions(FILE *f, const struct snp_report *r, enum snp_gen gen)
{
	t_tcb(f, "REPORTED_TCB", r->reported_tcb, gen);
	if (r->has_cpuid)
		fprintf(f, "  %-20s family 0x%02x model 0x%02x stepping 0x%02x (%s)\n",
			"CPUID", r->cpuid_fam_id, r->cpuid_mod_id,
			r->cpuid_step, snp_gen_name(snp_report_cpuid_gen(r)));
	else
		fprintf(f, "  %-20s (not in a v%u report)\n", "CPUID",
			r->version);
	t_hex(f, "CHIP_ID", r->chip_id, sizeof(r->chip_id));
	t_tcb(f, "COMMITTED_TCB", r->committed_tcb, gen);
	fprintf(f, "  %-20s %u.%u build %u\n", "CURRENT_VERSION",
		r->current_major, r->current_minor, r->current_build);
	fprintf(f, "  %-20s %u.%u build %u\n", "COMMITTED_VERSION",
		r->committed_major, r->committed_minor, r->committed_build);
	t_tcb(f, "LAUNCH_TCB", r->launch_tcb, gen);
	if (r->has_mit_vector) {
		fprintf(f, "  %-20s 0x%016" PRIx64 "\n", "LAUNCH_MIT_VECTOR",
			r->launch_mit_vector);
		fprintf(f, "  %-20s 0x%016" PRIx64 "\n", "CURRENT_MIT_VECTOR",
			r->current_mit_vector);
	}
}

/**
 * show_text() - readable dump of every field
 * @f: output
 * @r: the report
 * @g: generation used to split the TCB values
 * @structure_err: NULL if the structure checks passed, else the problem
 */
void show_text(FILE *f, const struct snp_report *r, struct show_gen g,
	       const char *structure_err)
{
	fprintf(f, "SEV-SNP ATTESTATION_REPORT (%d bytes)\n", SNP_REPORT_SIZE);
	fprintf(f, "  %-20s %s (from %s), TCB layout %s\n", "generation",
		snp_gen_name(g.gen), g.source, layout_name(g.gen));
	fprintf(f, "  %-20s %s\n", "structure",
		structure_err ? structure_err : "ok");
	t_header(f, r);
	t_platform(f, r, g.gen);
	t_digests(f, r);
	t_versions(f, r, g.gen);
	t_hex(f, "SIGNATURE_R (LE)", r->sig_r, sizeof(r->sig_r));
	t_hex(f, "SIGNATURE_S (LE)", r->sig_s, sizeof(r->sig_s));
}

/* ------------------------------------------------------------ JSON -- */

static void j_bits(struct json *j, uint64_t v, const struct bit_name *bits,
		   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		json_bool(j, bits[i].key, v & bits[i].bit);
}

static void j_tcb(struct json *j, const char *key, uint64_t raw,
		  enum snp_gen gen)
{
	struct snp_tcb t;

	snp_tcb_decode(raw, gen, &t);
	json_obj_begin(j, key);
	json_hex64(j, "raw", raw);
	if (t.has_fmc)
		json_uint(j, "fmc", t.fmc);
	json_uint(j, "bl", t.bl);
	json_uint(j, "tee", t.tee);
	json_uint(j, "snp", t.snp);
	json_uint(j, "ucode", t.ucode);
	json_obj_end(j);
}

static void j_version(struct json *j, const char *key, unsigned int major,
		      unsigned int minor, unsigned int build)
{
	json_obj_begin(j, key);
	json_uint(j, "major", major);
	json_uint(j, "minor", minor);
	json_uint(j, "build", build);
	json_obj_end(j);
}

static void j_header(struct json *j, const struct snp_report *r,
		     enum snp_gen gen)
{
	json_uint(j, "version", r->version);
	json_uint(j, "guest_svn", r->guest_svn);
	json_obj_begin(j, "policy");
	json_hex64(j, "raw", r->policy);
	json_uint(j, "abi_major", SNP_POLICY_ABI_MAJOR(r->policy));
	json_uint(j, "abi_minor", SNP_POLICY_ABI_MINOR(r->policy));
	j_bits(j, r->policy, policy_bits, N(policy_bits));
	json_obj_end(j);
	json_hex(j, "family_id", r->family_id, sizeof(r->family_id));
	json_hex(j, "image_id", r->image_id, sizeof(r->image_id));
	json_uint(j, "vmpl", r->vmpl);
	json_uint(j, "signature_algo", r->sig_algo);
	j_tcb(j, "current_tcb", r->current_tcb, gen);
	json_obj_begin(j, "platform_info");
	json_hex64(j, "raw", r->platform_info);
	j_bits(j, r->platform_info, pinfo_bits, N(pinfo_bits));
	json_obj_end(j);
	json_obj_begin(j, "key_info");
	json_uint(j, "raw", r->key_info);
	json_bool(j, "author_key_en", r->key_info & SNP_KEYINFO_AUTHOR_KEY_EN);
	json_bool(j, "mask_chip_key", r->key_info & SNP_KEYINFO_MASK_CHIP_KEY);
	json_uint(j, "signing_key", SNP_KEYINFO_SIGNING_KEY(r->key_info));
	json_str(j, "signing_key_name", snp_signing_key_name(r->key_info));
	json_obj_end(j);
}

static void j_body(struct json *j, const struct snp_report *r,
		   enum snp_gen gen)
{
	json_hex(j, "report_data", r->report_data, sizeof(r->report_data));
	json_hex(j, "measurement", r->measurement, sizeof(r->measurement));
	json_hex(j, "host_data", r->host_data, sizeof(r->host_data));
	json_hex(j, "id_key_digest", r->id_key_digest,
		 sizeof(r->id_key_digest));
	json_hex(j, "author_key_digest", r->author_key_digest,
		 sizeof(r->author_key_digest));
	json_hex(j, "report_id", r->report_id, sizeof(r->report_id));
	json_hex(j, "report_id_ma", r->report_id_ma, sizeof(r->report_id_ma));
	j_tcb(j, "reported_tcb", r->reported_tcb, gen);
	if (r->has_cpuid) {
		json_obj_begin(j, "cpuid");
		json_uint(j, "family", r->cpuid_fam_id);
		json_uint(j, "model", r->cpuid_mod_id);
		json_uint(j, "stepping", r->cpuid_step);
		json_obj_end(j);
	}
	json_hex(j, "chip_id", r->chip_id, sizeof(r->chip_id));
	j_tcb(j, "committed_tcb", r->committed_tcb, gen);
	j_version(j, "current_version", r->current_major, r->current_minor,
		  r->current_build);
	j_version(j, "committed_version", r->committed_major,
		  r->committed_minor, r->committed_build);
	j_tcb(j, "launch_tcb", r->launch_tcb, gen);
	if (r->has_mit_vector) {
		json_hex64(j, "launch_mit_vector", r->launch_mit_vector);
		json_hex64(j, "current_mit_vector", r->current_mit_vector);
	}
	json_obj_begin(j, "signature");
	json_hex(j, "r_le", r->sig_r, sizeof(r->sig_r));
	json_hex(j, "s_le", r->sig_s, sizeof(r->sig_s));
	json_obj_end(j);
}

/**
 * show_json() - every field as one JSON object
 * @f: output
 * @r: the report
 * @g: generation used to split the TCB values
 * @structure_err: NULL if the structure checks passed, else the problem
 *
 * Fields a report version lacks (cpuid before v3, the MIT vectors before
 * v5) are left out rather than shown as zero.
 */
void show_json(FILE *f, const struct snp_report *r, struct show_gen g,
	       const char *structure_err)
{
	struct json j;

	json_init(&j, f);
	json_obj_begin(&j, NULL);
	json_str(&j, "generation", snp_gen_name(g.gen));
	json_str(&j, "generation_source", g.source);
	json_str(&j, "tcb_layout", layout_name(g.gen));
	json_str(&j, "structure", structure_err ? structure_err : "ok");
	j_header(&j, r, g.gen);
	j_body(&j, r, g.gen);
	json_obj_end(&j);
	json_finish(&j);
}

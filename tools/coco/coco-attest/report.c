// SPDX-License-Identifier: GPL-2.0-only
/*
 * ATTESTATION_REPORT parsing and the structural checks the spec table
 * allows (../shared/spec/x86-sev.md §7.4).  Every multi-byte field is read
 * from the byte image, never through a cast, so a big-endian host parses
 * the same report the same way.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "report.h"

/* the project's byte-image accessors want the kernel's short type names */
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
#include <coco/byteimg_le.h>

struct byte_range {
	unsigned int off;
	unsigned int len;
};

/*
 * Reserved fields, exactly as the spec table marks them.  Nothing else is
 * enforced: VMPL may be 0xffffffff in host-requested reports, CHIP_ID may
 * be all zero (VLEK, MASK_CHIP_ID) or only 8 bytes long (Turin), and the
 * unnamed bits of POLICY, PLATFORM_INFO and the key info word may gain
 * meanings in newer firmware.
 */
static const struct byte_range rsvd_all[] = {
	{ 0x04c, 4 },		/* after the key info word */
	{ 0x1eb, 1 },		/* after CURRENT_MAJOR */
	{ 0x1ef, 1 },		/* after COMMITTED_MAJOR */
	{ 0x330, 368 },		/* signature: after R[72] and S[72] */
};

static const struct byte_range rsvd_v2[] = {
	{ 0x188, 24 },		/* CPUID_* did not exist yet */
	{ 0x1f8, 168 },
};

static const struct byte_range rsvd_v3[] = {
	{ 0x18b, 21 },
	{ 0x1f8, 168 },
};

static const struct byte_range rsvd_v5[] = {
	{ 0x18b, 21 },
	{ 0x208, 152 },		/* after the two MIT vectors */
};

static void read_tcb_fields(const u8 *b, struct snp_report *r)
{
	r->current_tcb = coco_get_le64(b + 0x038);
	r->reported_tcb = coco_get_le64(b + 0x180);
	r->committed_tcb = coco_get_le64(b + 0x1e0);
	r->launch_tcb = coco_get_le64(b + 0x1f0);
	r->current_build = b[0x1e8];
	r->current_minor = b[0x1e9];
	r->current_major = b[0x1ea];
	r->committed_build = b[0x1ec];
	r->committed_minor = b[0x1ed];
	r->committed_major = b[0x1ee];
}

static void read_identity_fields(const u8 *b, struct snp_report *r)
{
	memcpy(r->family_id, b + 0x010, sizeof(r->family_id));
	memcpy(r->image_id, b + 0x020, sizeof(r->image_id));
	memcpy(r->report_data, b + 0x050, sizeof(r->report_data));
	memcpy(r->measurement, b + 0x090, sizeof(r->measurement));
	memcpy(r->host_data, b + 0x0c0, sizeof(r->host_data));
	memcpy(r->id_key_digest, b + 0x0e0, sizeof(r->id_key_digest));
	memcpy(r->author_key_digest, b + 0x110, sizeof(r->author_key_digest));
	memcpy(r->report_id, b + 0x140, sizeof(r->report_id));
	memcpy(r->report_id_ma, b + 0x160, sizeof(r->report_id_ma));
	memcpy(r->chip_id, b + 0x1a0, sizeof(r->chip_id));
}

/**
 * snp_report_parse() - parse a report image into its fields
 * @buf: the report bytes
 * @len: their number; anything but 1184 is refused
 * @r: filled on success
 * @err: message on failure
 * @errlen: size of @err
 *
 * Only the size is checked here, so show can display a report whose
 * structure is wrong; snp_report_check_structure() judges it.  Fields that
 * a report version does not have are left zero and flagged absent.
 *
 * Return: 0 on success, -1 with @err set.
 */
int snp_report_parse(const uint8_t *buf, size_t len, struct snp_report *r,
		     char *err, size_t errlen)
{
	const u8 *b = buf;

	memset(r, 0, sizeof(*r));
	if (len != SNP_REPORT_SIZE) {
		snprintf(err, errlen,
			 "report is %zu bytes, an ATTESTATION_REPORT is exactly %d",
			 len, SNP_REPORT_SIZE);
		return -1;
	}
	memcpy(r->raw, buf, SNP_REPORT_SIZE);

	r->version = coco_get_le32(b + 0x000);
	r->guest_svn = coco_get_le32(b + 0x004);
	r->policy = coco_get_le64(b + 0x008);
	r->vmpl = coco_get_le32(b + 0x030);
	r->sig_algo = coco_get_le32(b + 0x034);
	r->platform_info = coco_get_le64(b + 0x040);
	r->key_info = coco_get_le32(b + 0x048);
	r->rsvd_04c = coco_get_le32(b + 0x04c);
	read_identity_fields(b, r);
	read_tcb_fields(b, r);

	if (r->version >= 3) {
		r->has_cpuid = true;
		r->cpuid_fam_id = b[0x188];
		r->cpuid_mod_id = b[0x189];
		r->cpuid_step = b[0x18a];
	}
	if (r->version >= 5) {
		r->has_mit_vector = true;
		r->launch_mit_vector = coco_get_le64(b + 0x1f8);
		r->current_mit_vector = coco_get_le64(b + 0x200);
	}
	memcpy(r->sig_r, b + SNP_SIG_R_OFF, SNP_SIG_COMP_LEN);
	memcpy(r->sig_s, b + SNP_SIG_S_OFF, SNP_SIG_COMP_LEN);
	return 0;
}

static int check_zero(const u8 *b, const struct byte_range *rng, size_t n,
		      char *err, size_t errlen)
{
	size_t i;
	unsigned int j;

	for (i = 0; i < n; i++) {
		for (j = rng[i].off; j < rng[i].off + rng[i].len; j++) {
			if (!b[j])
				continue;
			snprintf(err, errlen,
				 "reserved byte 0x%03x (reserved field 0x%03x-0x%03x) is 0x%02x, must be zero",
				 j, rng[i].off, rng[i].off + rng[i].len - 1,
				 b[j]);
			return -1;
		}
	}
	return 0;
}

#define CHECK_ZERO(b, tbl, err, errlen) \
	check_zero(b, tbl, sizeof(tbl) / sizeof((tbl)[0]), err, errlen)

/**
 * snp_report_check_structure() - the structural rules of the spec table
 * @r: a parsed report
 * @err: message on failure
 * @errlen: size of @err
 *
 * VERSION must be 2, 3 or 5; SIGNATURE_ALGO must be 1 (ECDSA P-384 with
 * SHA-384); POLICY bit 17 is "reserved, must be 1"; the reserved fields of
 * that version must be zero, including the 368 reserved bytes after R and
 * S, which lie outside the signed area: left free they would let anyone
 * make distinct files that verify as the same report.
 *
 * Return: 0 if the structure is sound, -1 with @err set.
 */
int snp_report_check_structure(const struct snp_report *r, char *err,
			       size_t errlen)
{
	const u8 *b = r->raw;

	if (r->version != 2 && r->version != 3 && r->version != 5) {
		snprintf(err, errlen,
			 "VERSION is %u, only 2, 3 and 5 are known", r->version);
		return -1;
	}
	if (r->sig_algo != SNP_SIG_ALGO_ECDSA_P384_SHA384) {
		snprintf(err, errlen,
			 "SIGNATURE_ALGO is %u, only 1 (ECDSA P-384 with SHA-384) is defined",
			 r->sig_algo);
		return -1;
	}
	if (!(r->policy & SNP_POLICY_RSVD1)) {
		snprintf(err, errlen,
			 "POLICY 0x%016llx has bit 17 clear; it is reserved and must be 1",
			 (unsigned long long)r->policy);
		return -1;
	}
	if (CHECK_ZERO(b, rsvd_all, err, errlen))
		return -1;
	if (r->version == 2)
		return CHECK_ZERO(b, rsvd_v2, err, errlen);
	if (r->version == 3)
		return CHECK_ZERO(b, rsvd_v3, err, errlen);
	return CHECK_ZERO(b, rsvd_v5, err, errlen);
}

/**
 * snp_report_cpuid_gen() - the product generation named by CPUID_FAM/MOD
 * @r: a parsed report
 *
 * Family 19h: models 00h-0Fh are Milan; 10h-1Fh (Genoa) and A0h-AFh
 * (Bergamo, Siena) use the Genoa chain.  Family 1Ah models 00h-1Fh are
 * Turin.  Anything else, and every v2 report (no CPUID fields), is
 * unknown; the caller then needs --gen or the VCEK's product name.
 *
 * Return: the generation, or SNP_GEN_UNKNOWN.
 */
enum snp_gen snp_report_cpuid_gen(const struct snp_report *r)
{
	unsigned int mod_hi = r->cpuid_mod_id >> 4;

	if (!r->has_cpuid)
		return SNP_GEN_UNKNOWN;
	if (r->cpuid_fam_id == 0x19) {
		if (mod_hi == 0x0)
			return SNP_GEN_MILAN;
		if (mod_hi == 0x1 || mod_hi == 0xa)
			return SNP_GEN_GENOA;
	}
	if (r->cpuid_fam_id == 0x1a && mod_hi <= 0x1)
		return SNP_GEN_TURIN;
	return SNP_GEN_UNKNOWN;
}

/**
 * snp_tcb_decode() - split a TCB_VERSION into its security patch levels
 * @raw: the 64-bit value as read little-endian from the report
 * @gen: SNP_GEN_TURIN selects the Turin layout, anything else Milan/Genoa
 * @t: the result
 */
void snp_tcb_decode(uint64_t raw, enum snp_gen gen, struct snp_tcb *t)
{
	memset(t, 0, sizeof(*t));
	t->raw = raw;
	t->ucode = (raw >> 56) & 0xff;
	if (gen == SNP_GEN_TURIN) {
		t->has_fmc = true;
		t->fmc = raw & 0xff;
		t->bl = (raw >> 8) & 0xff;
		t->tee = (raw >> 16) & 0xff;
		t->snp = (raw >> 24) & 0xff;
	} else {
		t->bl = raw & 0xff;
		t->tee = (raw >> 8) & 0xff;
		t->snp = (raw >> 48) & 0xff;
	}
}

static const char *const gen_names[] = {
	[SNP_GEN_UNKNOWN] = "unknown",
	[SNP_GEN_MILAN] = "Milan",
	[SNP_GEN_GENOA] = "Genoa",
	[SNP_GEN_TURIN] = "Turin",
};

const char *snp_gen_name(enum snp_gen gen)
{
	if ((unsigned int)gen >= sizeof(gen_names) / sizeof(gen_names[0]))
		return "unknown";
	return gen_names[gen];
}

/* "milan", "Genoa", ...; also the product-name prefix, e.g. "Milan-B0" */
enum snp_gen snp_gen_from_name(const char *name)
{
	enum snp_gen g;
	size_t n = strcspn(name, "-");

	for (g = SNP_GEN_MILAN; g <= SNP_GEN_TURIN; g++) {
		if (n == strlen(gen_names[g]) &&
		    !strncasecmp(name, gen_names[g], n))
			return g;
	}
	return SNP_GEN_UNKNOWN;
}

const char *snp_signing_key_name(uint32_t key_info)
{
	switch (SNP_KEYINFO_SIGNING_KEY(key_info)) {
	case SNP_SIGNING_KEY_VCEK:
		return "VCEK";
	case SNP_SIGNING_KEY_VLEK:
		return "VLEK";
	case SNP_SIGNING_KEY_NONE:
		return "none";
	default:
		return "undefined";
	}
}

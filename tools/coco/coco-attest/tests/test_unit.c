// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests for the pieces of coco-attest that real AMD data cannot
 * reach: version-specific reserved fields, the Turin TCB layout, CPUID to
 * generation, the certificate-table parser's bounds, JSON escaping.
 * One line per check; exit status non-zero if any failed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../amdcert.h"
#include "../json.h"
#include "../report.h"
#include "../util.h"

static int passed, failed;

#define CHECK(name, cond) check(name, !!(cond))

static void check(const char *name, int ok)
{
	printf("%s unit: %s\n", ok ? "PASS" : "FAIL", name);
	if (ok)
		passed++;
	else
		failed++;
}

/* a structurally valid report of @version, signature left zero */
static void make_report(uint8_t *b, uint32_t version)
{
	memset(b, 0, SNP_REPORT_SIZE);
	b[0] = (uint8_t)version;
	b[0x0a] = 0x02;		/* POLICY bit 17 */
	b[0x34] = 1;		/* SIGNATURE_ALGO */
}

static int structure_ok(const uint8_t *b)
{
	struct snp_report r;
	char err[256];

	return !snp_report_parse(b, SNP_REPORT_SIZE, &r, err, sizeof(err)) &&
	       !snp_report_check_structure(&r, err, sizeof(err));
}

static int structure_ok_with(uint32_t version, unsigned int off, uint8_t v)
{
	uint8_t b[SNP_REPORT_SIZE];

	make_report(b, version);
	b[off] = v;
	return structure_ok(b);
}

static void test_parse(void)
{
	uint8_t b[SNP_REPORT_SIZE];
	struct snp_report r;
	char err[256];
	int i;

	make_report(b, 5);
	for (i = 0; i < 8; i++)
		b[0x180 + i] = (uint8_t)(0x10 + i);	/* REPORTED_TCB */
	b[0x1f8] = 0xaa;
	b[0x200 + 7] = 0xbb;
	CHECK("parse accepts 1184 bytes",
	      !snp_report_parse(b, sizeof(b), &r, err, sizeof(err)));
	CHECK("parse reads u64 little-endian",
	      r.reported_tcb == 0x1716151413121110ULL);
	CHECK("parse reads v5 MIT vectors",
	      r.has_mit_vector && r.launch_mit_vector == 0xaa &&
	      r.current_mit_vector == 0xbb00000000000000ULL);
	CHECK("parse rejects 1183 bytes",
	      snp_report_parse(b, sizeof(b) - 1, &r, err, sizeof(err)));
	make_report(b, 2);
	b[0x188] = 0x19;
	snp_report_parse(b, sizeof(b), &r, err, sizeof(err));
	CHECK("v2 has no CPUID or MIT fields",
	      !r.has_cpuid && !r.has_mit_vector && !r.cpuid_fam_id);
}

static void test_structure(void)
{
	CHECK("structure: v2, v3, v5 accepted",
	      structure_ok_with(2, 0, 2) && structure_ok_with(3, 0, 3) &&
	      structure_ok_with(5, 0, 5));
	CHECK("structure: v1, v4, v6 rejected",
	      !structure_ok_with(1, 0, 1) && !structure_ok_with(4, 0, 4) &&
	      !structure_ok_with(6, 0, 6));
	CHECK("structure: SIGNATURE_ALGO 2 rejected",
	      !structure_ok_with(2, 0x34, 2));
	CHECK("structure: POLICY bit 17 clear rejected",
	      !structure_ok_with(2, 0x0a, 0x01));
	CHECK("structure: VMPL 0xff accepted (host-requested reports)",
	      structure_ok_with(2, 0x30, 0xff));
	CHECK("structure: CPUID byte 0x188 reserved in v2 only",
	      !structure_ok_with(2, 0x188, 0x19) &&
	      structure_ok_with(3, 0x188, 0x19));
	CHECK("structure: 0x18b reserved in v3",
	      !structure_ok_with(3, 0x18b, 1));
	CHECK("structure: 0x1f8 reserved in v3, LAUNCH_MIT_VECTOR in v5",
	      !structure_ok_with(3, 0x1f8, 1) && structure_ok_with(5, 0x1f8, 1));
	CHECK("structure: 0x208 and 0x29f reserved in v5",
	      !structure_ok_with(5, 0x208, 1) && !structure_ok_with(5, 0x29f, 1));
	CHECK("structure: 0x04c, 0x1eb, 0x1ef reserved",
	      !structure_ok_with(2, 0x04c, 1) && !structure_ok_with(2, 0x1eb, 1) &&
	      !structure_ok_with(2, 0x1ef, 1));
	CHECK("structure: signature reserved 0x330 and 0x49f",
	      !structure_ok_with(5, 0x330, 1) && !structure_ok_with(5, 0x49f, 1));
	CHECK("structure: unnamed POLICY/PLATFORM_INFO/key info bits not enforced",
	      structure_ok_with(2, 0x0c, 0x80) && structure_ok_with(2, 0x47, 1) &&
	      structure_ok_with(2, 0x4b, 0x80));
}

static enum snp_gen gen_of(uint8_t fam, uint8_t mod)
{
	struct snp_report r;

	memset(&r, 0, sizeof(r));
	r.has_cpuid = true;
	r.cpuid_fam_id = fam;
	r.cpuid_mod_id = mod;
	return snp_report_cpuid_gen(&r);
}

static void test_generation(void)
{
	struct snp_tcb t;

	CHECK("cpuid 19h/01h is Milan", gen_of(0x19, 0x01) == SNP_GEN_MILAN);
	CHECK("cpuid 19h/11h and 19h/A0h are Genoa",
	      gen_of(0x19, 0x11) == SNP_GEN_GENOA &&
	      gen_of(0x19, 0xa0) == SNP_GEN_GENOA);
	CHECK("cpuid 1Ah/02h and 1Ah/11h are Turin",
	      gen_of(0x1a, 0x02) == SNP_GEN_TURIN &&
	      gen_of(0x1a, 0x11) == SNP_GEN_TURIN);
	CHECK("cpuid 19h/61h, 1Ah/50h, 17h/31h are unknown",
	      gen_of(0x19, 0x61) == SNP_GEN_UNKNOWN &&
	      gen_of(0x1a, 0x50) == SNP_GEN_UNKNOWN &&
	      gen_of(0x17, 0x31) == SNP_GEN_UNKNOWN);
	CHECK("names: milan, GENOA, Turin-B0; not Mil, Milano, empty",
	      snp_gen_from_name("milan") == SNP_GEN_MILAN &&
	      snp_gen_from_name("GENOA") == SNP_GEN_GENOA &&
	      snp_gen_from_name("Turin-B0") == SNP_GEN_TURIN &&
	      snp_gen_from_name("Mil") == SNP_GEN_UNKNOWN &&
	      snp_gen_from_name("Milano") == SNP_GEN_UNKNOWN &&
	      snp_gen_from_name("") == SNP_GEN_UNKNOWN);
	snp_tcb_decode(0xc800000004030201ULL, SNP_GEN_TURIN, &t);
	CHECK("Turin TCB: [0] fmc [1] bl [2] tee [3] snp [7] ucode",
	      t.has_fmc && t.fmc == 1 && t.bl == 2 && t.tee == 3 &&
	      t.snp == 4 && t.ucode == 200);
	snp_tcb_decode(0x7308000000000003ULL, SNP_GEN_MILAN, &t);
	CHECK("Milan TCB: [0] bl [1] tee [6] snp [7] ucode",
	      !t.has_fmc && t.bl == 3 && t.tee == 0 && t.snp == 8 &&
	      t.ucode == 0x73);
}

static void put_entry(uint8_t *p, const char *guid_hex, uint32_t off,
		      uint32_t len)
{
	size_t n;

	parse_hex(guid_hex, p, 16, &n);
	p[16] = off & 0xff;
	p[17] = (off >> 8) & 0xff;
	p[18] = (off >> 16) & 0xff;
	p[19] = off >> 24;
	p[20] = len & 0xff;
	p[21] = (len >> 8) & 0xff;
	p[22] = (len >> 16) & 0xff;
	p[23] = len >> 24;
}

#define VCEK_GUID "63da758de6644564adc5f4b93be8accd"
#define ASK_GUID "4ab7b379bbac4fe4a02f05aef327c782"

static int table_rc(const uint8_t *b, size_t len, struct snp_cert_table *t)
{
	char err[256];

	return snp_cert_table_parse(b, len, t, err, sizeof(err));
}

static void test_cert_table(void)
{
	static uint8_t b[4096];
	uint8_t c[SNP_CERT_ENTRY_SIZE];
	struct snp_cert_table t;
	int i;

	memset(b, 0, sizeof(b));
	CHECK("table: 24 zero bytes = no certificates",
	      !table_rc(b, 24, &t) && t.n == 0);
	CHECK("table: an all-zero page = no certificates",
	      !table_rc(b, sizeof(b), &t) && t.n == 0);
	CHECK("table: empty or 23 bytes rejected",
	      table_rc(b, 0, &t) && table_rc(b, 23, &t));
	put_entry(b, VCEK_GUID, 72, 100);
	put_entry(b + 24, ASK_GUID, 172, 100);
	CHECK("table: VCEK and ASK found",
	      !table_rc(b, 272, &t) && t.n == 2 &&
	      snp_cert_table_find(&t, SNP_CERT_VCEK)->offset == 72 &&
	      snp_cert_table_find(&t, SNP_CERT_ASK)->length == 100 &&
	      !snp_cert_table_find(&t, SNP_CERT_ARK));
	CHECK("table: entry past the end rejected", table_rc(b, 271, &t));
	put_entry(c, VCEK_GUID, 0, 24);	/* valid entry, then nothing */
	CHECK("table: no terminator rejected", table_rc(c, sizeof(c), &t));
	put_entry(b + 24, ASK_GUID, 0x10, 0xfffffff8);
	CHECK("table: offset + length wrapping 32 bits rejected",
	      table_rc(b, sizeof(b), &t));
	put_entry(b + 24, ASK_GUID, 0x10, 0);
	CHECK("table: zero length rejected", table_rc(b, sizeof(b), &t));
	put_entry(b + 24, VCEK_GUID, 72, 100);
	CHECK("table: two VCEK entries rejected", table_rc(b, sizeof(b), &t));
	put_entry(b + 24, "00112233445566778899aabbccddeeff", 72, 100);
	CHECK("table: unknown GUID kept as other",
	      !table_rc(b, sizeof(b), &t) && t.n == 2 &&
	      t.e[1].kind == SNP_CERT_OTHER);
	for (i = 0; i <= SNP_CERT_TABLE_MAX; i++)
		put_entry(b + 24 * i, "00112233445566778899aabbccddeeff",
			  0, 16);
	CHECK("table: more than 32 entries rejected",
	      table_rc(b, sizeof(b), &t));
}

static void test_hex(void)
{
	uint8_t out[4];
	size_t n = 99;

	CHECK("hex: 0x0a0B", !parse_hex("0x0a0B", out, 4, &n) && n == 2 &&
	      out[0] == 0x0a && out[1] == 0x0b);
	CHECK("hex: empty is zero bytes", !parse_hex("", out, 4, &n) && !n);
	CHECK("hex: odd, bad digit, too long rejected",
	      parse_hex("abc", out, 4, &n) && parse_hex("zz", out, 4, &n) &&
	      parse_hex("0011223344", out, 4, &n));
}

static void test_json(void)
{
	char *s = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&s, &len);
	struct json j;

	json_init(&j, f);
	json_obj_begin(&j, NULL);
	json_str(&j, "k", "a\"b\\c\n\x01\xc3");
	json_arr_begin(&j, "e");
	json_arr_end(&j);
	json_obj_end(&j);
	fclose(f);
	CHECK("json: escapes quotes, backslash, control and non-ASCII",
	      !strcmp(s, "{\n  \"k\": \"a\\\"b\\\\c\\u000a\\u0001\\u00c3\",\n  \"e\": []\n}"));
	free(s);
}

int main(void)
{
	test_parse();
	test_structure();
	test_generation();
	test_cert_table();
	test_hex();
	test_json();
	printf("unit: %d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SEV-SNP ATTESTATION_REPORT: the 1184-byte image the AMD-SP signs, parsed
 * byte by byte (little-endian), so the same bytes give the same struct on
 * any host, s390x included.  Layout: ../shared/spec/x86-sev.md §7.4.
 */
#ifndef COCO_ATTEST_REPORT_H
#define COCO_ATTEST_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SNP_REPORT_SIZE		0x4a0	/* 1184 */
#define SNP_REPORT_SIGNED_LEN	0x2a0	/* signature covers 0x000-0x29f */
#define SNP_SIG_R_OFF		0x2a0
#define SNP_SIG_S_OFF		0x2e8
#define SNP_SIG_COMP_LEN	72	/* R and S fields, little-endian */
#define SNP_SIG_P384_LEN	48	/* significant bytes of R and S */

#define SNP_SIG_ALGO_ECDSA_P384_SHA384	1

/* GUEST_POLICY bits (0x008) */
#define SNP_POLICY_ABI_MINOR(p)		((unsigned int)((p) & 0xff))
#define SNP_POLICY_ABI_MAJOR(p)		((unsigned int)(((p) >> 8) & 0xff))
#define SNP_POLICY_SMT			(1ULL << 16)
#define SNP_POLICY_RSVD1		(1ULL << 17)	/* reserved, must be 1 */
#define SNP_POLICY_MIGRATE_MA		(1ULL << 18)
#define SNP_POLICY_DEBUG		(1ULL << 19)
#define SNP_POLICY_SINGLE_SOCKET	(1ULL << 20)
#define SNP_POLICY_CXL_ALLOW		(1ULL << 21)
#define SNP_POLICY_MEM_AES_256_XTS	(1ULL << 22)
#define SNP_POLICY_RAPL_DIS		(1ULL << 23)
#define SNP_POLICY_CIPHERTEXT_HIDING	(1ULL << 24)
#define SNP_POLICY_PAGE_SWAP_DISABLE	(1ULL << 25)

/* PLATFORM_INFO bits (0x040) */
#define SNP_PINFO_SMT_EN		(1ULL << 0)
#define SNP_PINFO_TSME_EN		(1ULL << 1)
#define SNP_PINFO_ECC_EN		(1ULL << 2)
#define SNP_PINFO_RAPL_DIS		(1ULL << 3)
#define SNP_PINFO_CIPHERTEXT_HIDING	(1ULL << 4)
#define SNP_PINFO_ALIAS_CHECK_COMPLETE	(1ULL << 5)
#define SNP_PINFO_SEV_TIO		(1ULL << 7)

/* key info / flags word (0x048) */
#define SNP_KEYINFO_AUTHOR_KEY_EN	(1U << 0)
#define SNP_KEYINFO_MASK_CHIP_KEY	(1U << 1)
#define SNP_KEYINFO_SIGNING_KEY(k)	(((k) >> 2) & 7)
#define SNP_SIGNING_KEY_VCEK		0
#define SNP_SIGNING_KEY_VLEK		1
#define SNP_SIGNING_KEY_NONE		7

/* Product generation: decides the TCB_VERSION layout and the AMD chain. */
enum snp_gen {
	SNP_GEN_UNKNOWN = 0,
	SNP_GEN_MILAN,
	SNP_GEN_GENOA,
	SNP_GEN_TURIN,
};

/*
 * One TCB_VERSION decoded.  Milan/Genoa: [0] BL, [1] TEE, [2..5] reserved,
 * [6] SNP, [7] ucode.  Turin: [0] FMC, [1] BL, [2] TEE, [3] SNP,
 * [4..6] reserved, [7] ucode.  has_fmc is set only for the Turin layout.
 */
struct snp_tcb {
	uint64_t raw;
	bool has_fmc;
	uint8_t fmc;
	uint8_t bl;
	uint8_t tee;
	uint8_t snp;
	uint8_t ucode;
};

/* Every field of the report table, in table order. */
struct snp_report {
	uint32_t version;
	uint32_t guest_svn;
	uint64_t policy;
	uint8_t family_id[16];
	uint8_t image_id[16];
	uint32_t vmpl;
	uint32_t sig_algo;
	uint64_t current_tcb;
	uint64_t platform_info;
	uint32_t key_info;
	uint32_t rsvd_04c;
	uint8_t report_data[64];
	uint8_t measurement[48];
	uint8_t host_data[32];
	uint8_t id_key_digest[48];
	uint8_t author_key_digest[48];
	uint8_t report_id[32];
	uint8_t report_id_ma[32];
	uint64_t reported_tcb;
	bool has_cpuid;			/* v3 and later */
	uint8_t cpuid_fam_id;
	uint8_t cpuid_mod_id;
	uint8_t cpuid_step;
	uint8_t chip_id[64];
	uint64_t committed_tcb;
	uint8_t current_build;
	uint8_t current_minor;
	uint8_t current_major;
	uint8_t committed_build;
	uint8_t committed_minor;
	uint8_t committed_major;
	uint64_t launch_tcb;
	bool has_mit_vector;		/* v5 and later */
	uint64_t launch_mit_vector;
	uint64_t current_mit_vector;
	uint8_t sig_r[SNP_SIG_COMP_LEN];
	uint8_t sig_s[SNP_SIG_COMP_LEN];

	uint8_t raw[SNP_REPORT_SIZE];	/* the image the fields came from */
};

int snp_report_parse(const uint8_t *buf, size_t len, struct snp_report *r,
		     char *err, size_t errlen);
int snp_report_check_structure(const struct snp_report *r, char *err,
			       size_t errlen);
enum snp_gen snp_report_cpuid_gen(const struct snp_report *r);
void snp_tcb_decode(uint64_t raw, enum snp_gen gen, struct snp_tcb *t);

const char *snp_gen_name(enum snp_gen gen);
enum snp_gen snp_gen_from_name(const char *name);
const char *snp_signing_key_name(uint32_t key_info);

#endif /* COCO_ATTEST_REPORT_H */

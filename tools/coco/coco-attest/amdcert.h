/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * AMD certificates: loading (PEM or DER), the KDS extensions of a VCEK or
 * VLEK certificate (OID arc 1.3.6.1.4.1.3704.1), and the extended-report
 * certificate table (../shared/spec/x86-sev.md §7.5).
 */
#ifndef COCO_ATTEST_AMDCERT_H
#define COCO_ATTEST_AMDCERT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/x509.h>

#define AMD_OID_ARC	"1.3.6.1.4.1.3704.1."
#define AMD_SPL_MAX	9	/* 1.3.6.1.4.1.3704.1.3.1 .. .3.9 */
#define AMD_SPL_BL	1
#define AMD_SPL_TEE	2
#define AMD_SPL_SNP	3
#define AMD_SPL_UCODE	8
#define AMD_SPL_FMC	9	/* Turin only */

#define AMD_HWID_MAX	64	/* Milan/Genoa; Turin certificates carry 8 */

/* The KDS extensions found in one certificate. */
struct amd_ext {
	bool has_struct_version;
	unsigned int struct_version;
	bool has_product;
	char product[64];		/* e.g. "Milan-B0", "Genoa" */
	bool has_spl[AMD_SPL_MAX + 1];	/* index = last OID arc */
	uint8_t spl[AMD_SPL_MAX + 1];
	size_t hwid_len;		/* 0: no hwID extension */
	uint8_t hwid[AMD_HWID_MAX];
	bool has_csp_id;		/* VLEK certificates */
};

X509 *amdcert_load_file(const char *path, char *err, size_t errlen);
X509 *amdcert_from_buf(const uint8_t *buf, size_t len, char *err,
		       size_t errlen);
int amdcert_parse_ext(X509 *cert, struct amd_ext *ext, char *err,
		      size_t errlen);
const char *amdcert_spl_name(int arc);
void amdcert_cn(X509 *cert, bool subject, char *buf, size_t len);

/* ---------------------------------------- extended-report cert table -- */

enum snp_cert_kind {
	SNP_CERT_ARK,
	SNP_CERT_ASK,
	SNP_CERT_VCEK,
	SNP_CERT_VLEK,
	SNP_CERT_CRL,
	SNP_CERT_OTHER,
};

#define SNP_CERT_ENTRY_SIZE	24
#define SNP_CERT_TABLE_MAX	32	/* entries; real tables hold 3 or 4 */

struct snp_cert_entry {
	enum snp_cert_kind kind;
	uint8_t guid[16];
	uint32_t offset;
	uint32_t length;
};

struct snp_cert_table {
	int n;
	struct snp_cert_entry e[SNP_CERT_TABLE_MAX];
};

int snp_cert_table_parse(const uint8_t *buf, size_t len,
			 struct snp_cert_table *t, char *err, size_t errlen);
const struct snp_cert_entry *snp_cert_table_find(const struct snp_cert_table *t,
						 enum snp_cert_kind kind);
const char *snp_cert_kind_name(enum snp_cert_kind kind);

#endif /* COCO_ATTEST_AMDCERT_H */

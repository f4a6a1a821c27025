// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest check of coco_guest's SNP attestation channel through debugfs
 * coco_guest/snp_report_test: each read runs a report request (REPORT_DATA
 * 0x00..0x3f, VMPL 0), a derived-key request and an extended report
 * request (first with one page for the certificates, which must be too
 * small, then with what the hypervisor asked for).  Two reads in a row
 * must both work, with the sequence numbers advancing by two per message.
 * Prints the first report as "COCO-SNP-REPORT: <hex>" for the host, which
 * checks its signature against the VCEK (scripts/qemu/guest-test.sh).
 * Skips without an SNP channel (no SNP platform, or no secrets page).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coco_tap.h"

#define TEST_FILE "/sys/kernel/debug/coco_guest/snp_report_test"
#define REPORT_LEN 0x4a0
#define PLAN 14

/* The VCEK's GUID in the certificate table, 63da758d-e664-4564-... */
static const uint8_t vcek_guid[16] = {
	0x63, 0xda, 0x75, 0x8d, 0xe6, 0x64, 0x45, 0x64,
	0xad, 0xc5, 0xf4, 0xb9, 0x3b, 0xe8, 0xac, 0xcd,
};

static char out[2][16384];

static bool read_test(char *buf, size_t cap)
{
	int fd = open(TEST_FILE, O_RDONLY);
	size_t got = 0;
	ssize_t n;

	if (fd < 0)
		return false;
	while (got < cap - 1 && (n = read(fd, buf + got, cap - 1 - got)) > 0)
		got += n;
	close(fd);
	buf[got] = '\0';
	return got > 0;
}

/* The value of "name=" at the start of a word, or NULL. */
static const char *field(const char *buf, const char *name)
{
	size_t len = strlen(name);
	const char *p = buf;

	while ((p = strstr(p, name))) {
		if ((p == buf || p[-1] == ' ' || p[-1] == '\n') &&
		    p[len] == '=')
			return p + len + 1;
		p += len;
	}
	return NULL;
}

static bool num(const char *buf, const char *name, long long *v)
{
	const char *p = field(buf, name);
	char *end;

	if (!p)
		return false;
	errno = 0;
	*v = strtoll(p, &end, 0);
	return !errno && end != p;
}

static bool hex(const char *buf, const char *name, uint8_t *dst, size_t len)
{
	const char *p = field(buf, name);
	unsigned int b;
	size_t i;

	if (!p)
		return false;
	for (i = 0; i < len; i++) {
		if (sscanf(p + 2 * i, "%2x", &b) != 1)
			return false;
		dst[i] = b;
	}
	return p[2 * len] == '\n';
}

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void diag_lines(const char *buf)
{
	char line[160];
	const char *p = buf, *nl;

	/* The short lines only; the hex ones are summarised by the checks. */
	while (*p) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (nl - p < (long)sizeof(line) - 1) {
			memcpy(line, p, nl - p);
			line[nl - p] = '\0';
			tap_diag("%s", line);
		}
		p = *nl ? nl + 1 : nl;
	}
}

int main(void)
{
	uint8_t report[2][REPORT_LEN], key[2][32], ext_data[64], tab[96];
	long long res, st, sz, before[2], after[2], small[2], final[2], need;
	bool ok, rep_ok[2], key_ok[2];
	unsigned int i, r;

	if (access(TEST_FILE, R_OK))
		tap_exit_skip_all("no " TEST_FILE " (not an SNP guest of coco_guest)");
	if (!read_test(out[0], sizeof(out[0])))
		tap_exit_skip_all("snp_report_test gave nothing");
	if (num(out[0], "report_result", &res) && res == -ENODEV) {
		diag_lines(out[0]);
		tap_exit_skip_all("no SNP channel (no secrets page)");
	}
	ok = read_test(out[1], sizeof(out[1]));

	tap_header(PLAN);
	for (r = 0; r < 2; r++) {
		diag_lines(out[r]);
		rep_ok[r] = num(out[r], "report_result", &res) && !res &&
			    num(out[r], "status", &st) && !st &&
			    num(out[r], "size", &sz) && sz == REPORT_LEN &&
			    hex(out[r], "report", report[r], REPORT_LEN);
		key_ok[r] = num(out[r], "key_result", &res) && !res &&
			    num(out[r], "key_status", &st) && !st &&
			    hex(out[r], "key", key[r], 32);
		if (!num(out[r], "seqno_before", &before[r]) ||
		    !num(out[r], "seqno_after", &after[r]) ||
		    !num(out[r], "seqno_small", &small[r]) ||
		    !num(out[r], "seqno_final", &final[r]))
			before[r] = after[r] = small[r] = final[r] = -1;
	}
	tap_result(ok, "a second read of snp_report_test");
	tap_result(rep_ok[0], "report request: success, 1184-byte report");
	if (rep_ok[0]) {
		printf("COCO-SNP-REPORT: ");
		for (i = 0; i < REPORT_LEN; i++)
			printf("%02x", report[0][i]);
		printf("\n");
	}

	ok = rep_ok[0];
	for (i = 0; ok && i < 64; i++)
		ok = report[0][0x50 + i] == i;
	tap_result(ok, "REPORT_DATA is echoed");
	tap_result(rep_ok[0] && le32(report[0] + 0x30) == 0,
		   "report VMPL is 0");
	tap_result(rep_ok[0] && (le32(report[0]) == 2 || le32(report[0]) == 3) &&
		   le32(report[0] + 0x34) == 1,
		   "report version 2/3, signed with ECDSA P-384 SHA-384");
	tap_result(before[0] >= 0 && after[0] == before[0] + 2,
		   "a report request advances the sequence number by 2");
	tap_result(key_ok[0], "derived key request: success");
	tap_result(num(out[0], "ext_small_result", &res) && res == -ENOSPC &&
		   num(out[0], "certs_needed", &need) && need > 4096 &&
		   small[0] == after[0] + 4,
		   "extended report with one page: -ENOSPC, size given, sequence number spent");

	ok = num(out[0], "ext_result", &res) && !res &&
	     num(out[0], "ext_status", &st) && !st &&
	     hex(out[0], "ext_report_data", ext_data, 64) &&
	     hex(out[0], "certs_table", tab, sizeof(tab)) &&
	     final[0] == small[0] + 2;
	for (i = 0; ok && i < 64; i++)
		ok = ext_data[i] == 0xff - i;
	tap_result(ok, "extended report: success, REPORT_DATA echoed");
	tap_result(ok && !memcmp(tab, vcek_guid, 16) && le32(tab + 20) > 0,
		   "certificate table starts with the VCEK");

	tap_result(rep_ok[1] && before[1] == final[0] &&
		   after[1] == before[1] + 2,
		   "second round: report works, sequence numbers continue");
	tap_result(rep_ok[1] && !memcmp(report[0] + 0x50, report[1] + 0x50, 64) &&
		   memcmp(report[0] + 0x2a0, report[1] + 0x2a0, 144),
		   "second report: same REPORT_DATA, a fresh signature");
	tap_result(key_ok[0] && key_ok[1] && !memcmp(key[0], key[1], 32),
		   "derived key is the same both times");
	tap_result(final[1] == before[1] + 8,
		   "second round: all four exchanges spent 8 sequence numbers");
	return tap_finish();
}

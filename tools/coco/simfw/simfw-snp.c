// SPDX-License-Identifier: GPL-2.0-only
/*
 * simfw-snp: create a simulated SNP chip from a seed and write what other
 * tests need into a directory:
 *
 *   secrets.bin      the 4 KiB secrets page the guest finds at launch
 *   certs.bin        the extended-report certificate table
 *   ark.pem ask.pem vcek.pem vcek.der cert_chain.pem
 *   chip.txt         seed, chip id, measurement, policy, TCBs (key=value)
 *   report.bin       with --report-data: a signed ATTESTATION_REPORT
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "snpfw.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: simfw-snp [-s SEED] -o DIR [options]\n"
		"  -s, --seed N             chip seed (default 1)\n"
		"  -o, --out DIR            output directory (created)\n"
		"  -r, --report-data HEX    also write report.bin for this REPORT_DATA\n"
		"                           (up to 64 bytes, zero-padded)\n"
		"  -v, --vmpl N             report VMPL (default 0)\n"
		"  -m, --measurement HEX    launch measurement (48 bytes)\n"
		"  -t, --tcb HEX            TCB_VERSION for all four TCB fields\n"
		"  -V, --report-version N   2 or 3 (default 3)\n");
}

static int hex_decode(const char *s, uint8_t *out, size_t max, size_t *len)
{
	size_t n = strlen(s), i;
	unsigned int v;

	if (n % 2 || n / 2 > max)
		return -1;
	for (i = 0; i < n / 2; i++) {
		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	*len = n / 2;
	return 0;
}

static void hex_line(FILE *f, const char *key, const uint8_t *p, size_t n)
{
	size_t i;

	fprintf(f, "%s=", key);
	for (i = 0; i < n; i++)
		fprintf(f, "%02x", p[i]);
	fputc('\n', f);
}

static int write_file(const char *dir, const char *name, const void *p,
		      size_t n)
{
	char path[4096];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f) {
		perror(path);
		return -1;
	}
	ok = fwrite(p, 1, n, f) == n;
	if (fclose(f))
		ok = 0;
	if (!ok)
		fprintf(stderr, "%s: write failed\n", path);
	return ok ? 0 : -1;
}

static int write_info(const char *dir, struct snpfw *fw)
{
	char path[4096];
	struct snpfw_info in;
	FILE *f;

	snpfw_get_info(fw, &in);
	snprintf(path, sizeof(path), "%s/chip.txt", dir);
	f = fopen(path, "w");
	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f, "seed=%llu\n", (unsigned long long)in.seed);
	hex_line(f, "chip_id", in.chip_id, sizeof(in.chip_id));
	hex_line(f, "measurement", in.measurement, sizeof(in.measurement));
	hex_line(f, "host_data", in.host_data, sizeof(in.host_data));
	hex_line(f, "report_id", in.report_id, sizeof(in.report_id));
	fprintf(f, "policy=0x%llx\n", (unsigned long long)in.policy);
	fprintf(f, "guest_svn=%u\n", in.guest_svn);
	fprintf(f, "current_tcb=0x%016llx\n",
		(unsigned long long)in.tcb.current_tcb);
	fprintf(f, "reported_tcb=0x%016llx\n",
		(unsigned long long)in.tcb.reported);
	fprintf(f, "committed_tcb=0x%016llx\n",
		(unsigned long long)in.tcb.committed);
	fprintf(f, "launch_tcb=0x%016llx\n", (unsigned long long)in.tcb.launch);
	fprintf(f, "platform_info=0x%llx\n",
		(unsigned long long)in.platform_info);
	fprintf(f, "report_version=%u\n", in.report_version);
	return fclose(f) ? -1 : 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "out", required_argument, NULL, 'o' },
		{ "report-data", required_argument, NULL, 'r' },
		{ "vmpl", required_argument, NULL, 'v' },
		{ "measurement", required_argument, NULL, 'm' },
		{ "tcb", required_argument, NULL, 't' },
		{ "report-version", required_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	uint8_t page[SNPFW_PAGE_SIZE], rd[64] = { 0 }, meas[48];
	uint8_t report[SNPFW_REPORT_SIZE], *table;
	unsigned long long seed = 1, tcb = 0;
	unsigned long vmpl = 0, version = 0;
	const char *out = NULL, *rdhex = NULL, *mhex = NULL;
	size_t need = 0, n;
	struct snpfw *fw;
	char *end;
	int c, ret;

	while ((c = getopt_long(argc, argv, "s:o:r:v:m:t:V:h", opts,
				NULL)) != -1) {
		switch (c) {
		case 's':
			seed = strtoull(optarg, &end, 0);
			if (*end)
				goto bad;
			break;
		case 'o':
			out = optarg;
			break;
		case 'r':
			rdhex = optarg;
			break;
		case 'v':
			vmpl = strtoul(optarg, &end, 0);
			if (*end || vmpl > 3)
				goto bad;
			break;
		case 'm':
			mhex = optarg;
			break;
		case 't':
			tcb = strtoull(optarg, &end, 16);
			if (*end)
				goto bad;
			break;
		case 'V':
			version = strtoul(optarg, &end, 0);
			if (*end)
				goto bad;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			goto bad;
		}
	}
	if (!out || optind != argc)
		goto bad;
	if (rdhex && hex_decode(rdhex, rd, sizeof(rd), &n)) {
		fprintf(stderr, "simfw-snp: --report-data: up to 64 bytes of hex\n");
		return 2;
	}
	if (mhex && (hex_decode(mhex, meas, sizeof(meas), &n) ||
		     n != sizeof(meas))) {
		fprintf(stderr, "simfw-snp: --measurement: 48 bytes of hex\n");
		return 2;
	}

	ret = snpfw_create(seed, &fw);
	if (ret) {
		fprintf(stderr, "simfw-snp: creating the chip failed: %s\n",
			strerror(-ret));
		return 1;
	}
	ret = 0;
	if (mhex)
		snpfw_set_measurement(fw, meas);
	if (tcb && snpfw_set_tcb(fw, tcb))
		ret = -1;
	if (!ret && version && snpfw_set_report_version(fw, (uint32_t)version)) {
		fprintf(stderr, "simfw-snp: --report-version: 2 or 3\n");
		ret = -1;
	}
	if (!ret && snpfw_write_certs(fw, out)) {
		fprintf(stderr, "simfw-snp: writing certificates to %s failed\n",
			out);
		ret = -1;
	}
	if (!ret) {
		snpfw_secrets_page(fw, page);
		ret = write_file(out, "secrets.bin", page, sizeof(page));
	}
	if (!ret) {
		snpfw_ext_certs(fw, NULL, 0, &need);
		table = malloc(need);
		ret = !table || snpfw_ext_certs(fw, table, need, NULL) ||
		      write_file(out, "certs.bin", table, need);
		free(table);
	}
	if (!ret)
		ret = write_info(out, fw);
	if (!ret && rdhex) {
		ret = snpfw_guest_get_report(fw, 0, rd, (uint32_t)vmpl, report);
		if (ret)
			fprintf(stderr, "simfw-snp: report request failed (%d)\n",
				ret);
		else
			ret = write_file(out, "report.bin", report,
					 sizeof(report));
	}
	snpfw_destroy(fw);
	return ret ? 1 : 0;
bad:
	usage(stderr);
	return 2;
}

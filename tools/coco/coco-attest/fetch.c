// SPDX-License-Identifier: GPL-2.0-only
/*
 * coco-attest report | key | certs: evidence fetched inside an SEV-SNP
 * guest (snpdev.c), written to files that show and verify read.
 *
 *   report   an ATTESTATION_REPORT bound to a nonce (given, or 64 random
 *            bytes), optionally with the certificate table of the same
 *            extended request
 *   key      a key derived by the firmware, printed in hex or written raw
 *   certs    the certificate table (an extended report is made for it)
 *
 * Exit status: 0 success, 2 usage error, 3 the device or the firmware
 * failed (the message says which).
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "fetch.h"
#include "snpdev.h"
#include "util.h"

#define EXIT_USAGE	2

/**
 * fetch_usage() - the usage lines of report, key and certs
 * @f: where to print them
 */
void fetch_usage(FILE *f)
{
	fputs("in an SEV-SNP guest (through /dev/coco-guest, else /dev/sev-guest):\n"
	      "  coco-attest report -o REPORT [--nonce HEX | --random] [--vmpl N]\n"
	      "          [--certs-out TABLE] [--device PATH] [--sev-device PATH]\n"
	      "  coco-attest key [-o FILE] [--root vcek|vmrk] [--fields MASK]\n"
	      "          [--vmpl N] [--svn N] [--tcb N] [--device PATH] [--sev-device PATH]\n"
	      "  coco-attest certs -o TABLE [--report-out REPORT] [--device PATH]\n"
	      "          [--sev-device PATH]\n"
	      "report prints the nonce it used (64 random bytes unless --nonce);\n"
	      "exit 3 when the device or the firmware failed.\n",
	      f);
}

static int fetch_usage_error(const char *cmd, const char *what)
{
	fprintf(stderr, "%s: %s\n", cmd, what);
	fetch_usage(stderr);
	return EXIT_USAGE;
}

static int write_out(const char *cmd, const char *path, const uint8_t *p,
		     size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || (len && fwrite(p, 1, len, f) != len)) {
		fprintf(stderr, "%s: cannot write %s: %s\n", cmd, path,
			strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	if (fclose(f)) {
		fprintf(stderr, "%s: cannot write %s: %s\n", cmd, path,
			strerror(errno));
		return -1;
	}
	return 0;
}

static void print_hex(const char *key, const uint8_t *p, size_t len)
{
	size_t i;

	printf("%s: ", key);
	for (i = 0; i < len; i++)
		printf("%02x", p[i]);
	printf("\n");
}

static int parse_u64(const char *s, uint64_t max, uint64_t *v)
{
	unsigned long long x;
	char *end;

	errno = 0;
	x = strtoull(s, &end, 0);
	if (end == s || *end || errno || x > max || *s == '-')
		return -1;
	*v = x;
	return 0;
}

enum {
	OPT_NONCE = 256, OPT_RANDOM, OPT_VMPL, OPT_CERTS_OUT, OPT_DEVICE,
	OPT_SEV_DEVICE, OPT_ROOT, OPT_FIELDS, OPT_SVN, OPT_TCB, OPT_REPORT_OUT,
};

static const struct option fetch_lopts[] = {
	{ "out", required_argument, NULL, 'o' },
	{ "nonce", required_argument, NULL, OPT_NONCE },
	{ "random", no_argument, NULL, OPT_RANDOM },
	{ "vmpl", required_argument, NULL, OPT_VMPL },
	{ "certs-out", required_argument, NULL, OPT_CERTS_OUT },
	{ "report-out", required_argument, NULL, OPT_REPORT_OUT },
	{ "device", required_argument, NULL, OPT_DEVICE },
	{ "sev-device", required_argument, NULL, OPT_SEV_DEVICE },
	{ "root", required_argument, NULL, OPT_ROOT },
	{ "fields", required_argument, NULL, OPT_FIELDS },
	{ "svn", required_argument, NULL, OPT_SVN },
	{ "tcb", required_argument, NULL, OPT_TCB },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/**
 * struct fetch_cli - the options of report, key and certs
 * @out: -o
 * @certs_out: --certs-out
 * @report_out: --report-out
 * @coco_dev: --device
 * @sev_dev: --sev-device
 * @nonce: --nonce
 * @nonce_len: its length
 * @have_nonce: --nonce given
 * @random: --random given
 * @key: the derived-key request
 */
struct fetch_cli {
	const char *out;
	const char *certs_out;
	const char *report_out;
	const char *coco_dev;
	const char *sev_dev;
	uint8_t nonce[SNPDEV_NONCE_MAX];
	size_t nonce_len;
	bool have_nonce;
	bool random;
	struct snpdev_key_req key;
};

/* The options @allowed (a string of letters) of one command. */
static int fetch_parse(const char *cmd, int argc, char **argv,
		       const char *allowed, struct fetch_cli *cli)
{
	static const char letter[] = {
		[OPT_NONCE - 256] = 'n', [OPT_RANDOM - 256] = 'r',
		[OPT_VMPL - 256] = 'v', [OPT_CERTS_OUT - 256] = 'c',
		[OPT_DEVICE - 256] = 'd', [OPT_SEV_DEVICE - 256] = 'd',
		[OPT_ROOT - 256] = 'k', [OPT_FIELDS - 256] = 'k',
		[OPT_SVN - 256] = 'k', [OPT_TCB - 256] = 'k',
		[OPT_REPORT_OUT - 256] = 'p',
	};
	uint64_t v;
	int c;

	memset(cli, 0, sizeof(*cli));
	cli->coco_dev = SNPDEV_COCO_PATH;
	cli->sev_dev = SNPDEV_SEV_PATH;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", fetch_lopts, NULL)) != -1) {
		if (c >= 256 && !strchr(allowed, letter[c - 256]))
			return fetch_usage_error(cmd, "option not valid for this command");
		switch (c) {
		case 'o':
			cli->out = optarg;
			break;
		case OPT_NONCE:
			if (cli->have_nonce ||
			    parse_hex(optarg, cli->nonce, sizeof(cli->nonce),
				      &cli->nonce_len))
				return fetch_usage_error(cmd, "--nonce: one nonce of at most 64 bytes in hex");
			cli->have_nonce = true;
			break;
		case OPT_RANDOM:
			cli->random = true;
			break;
		case OPT_VMPL:
			if (parse_u64(optarg, 3, &v))
				return fetch_usage_error(cmd, "--vmpl: 0 to 3");
			cli->key.vmpl = (uint32_t)v;
			break;
		case OPT_CERTS_OUT:
			cli->certs_out = optarg;
			break;
		case OPT_REPORT_OUT:
			cli->report_out = optarg;
			break;
		case OPT_DEVICE:
			cli->coco_dev = optarg;
			break;
		case OPT_SEV_DEVICE:
			cli->sev_dev = optarg;
			break;
		case OPT_ROOT:
			if (!strcmp(optarg, "vcek"))
				cli->key.root_key_select = 0;
			else if (!strcmp(optarg, "vmrk"))
				cli->key.root_key_select = 1;
			else
				return fetch_usage_error(cmd, "--root: vcek or vmrk");
			break;
		case OPT_FIELDS:
			if (parse_u64(optarg, 0x3f, &cli->key.guest_field_select))
				return fetch_usage_error(cmd, "--fields: a mask of bits 0-5");
			break;
		case OPT_SVN:
			if (parse_u64(optarg, UINT32_MAX, &v))
				return fetch_usage_error(cmd, "--svn: a 32-bit number");
			cli->key.guest_svn = (uint32_t)v;
			break;
		case OPT_TCB:
			if (parse_u64(optarg, UINT64_MAX, &cli->key.tcb_version))
				return fetch_usage_error(cmd, "--tcb: a 64-bit number");
			break;
		case 'h':
			fetch_usage(stdout);
			return -1;
		default:
			fetch_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc)
		return fetch_usage_error(cmd, "unexpected arguments");
	if (cli->have_nonce && cli->random)
		return fetch_usage_error(cmd, "one of --nonce and --random");
	return 0;
}

static int fetch_open(const char *cmd, const struct fetch_cli *cli,
		      struct snpdev *d)
{
	char err[512];

	if (snpdev_open(d, cli->coco_dev, cli->sev_dev, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", cmd, err);
		return -1;
	}
	return 0;
}

/* The report with its certificates; files written by the callers. */
static int fetch_report(const char *cmd, struct fetch_cli *cli,
			uint8_t *report, uint8_t **certs, size_t *certs_len)
{
	char err[512];
	struct snpdev d;
	int ret;

	if (!cli->have_nonce) {
		if (getrandom(cli->nonce, sizeof(cli->nonce), 0) !=
		    (ssize_t)sizeof(cli->nonce)) {
			fprintf(stderr, "%s: no random nonce: %s\n", cmd,
				strerror(errno));
			return EXIT_DEVICE;
		}
		cli->nonce_len = sizeof(cli->nonce);
	}
	if (fetch_open(cmd, cli, &d))
		return EXIT_DEVICE;
	ret = snpdev_report(&d, cli->nonce, cli->nonce_len, cli->key.vmpl,
			    report, certs, certs_len, err, sizeof(err));
	snpdev_close(&d);
	if (ret) {
		fprintf(stderr, "%s: %s\n", cmd, err);
		return EXIT_DEVICE;
	}
	printf("%s: %u-byte report from %s\n", cmd, SNPDEV_REPORT_LEN,
	       d.path);
	return 0;
}

/**
 * cmd_report() - coco-attest report
 * @argc: argument count (argv[0] is "report")
 * @argv: arguments
 *
 * Return: the exit status.
 */
int cmd_report(int argc, char **argv)
{
	uint8_t report[SNPDEV_REPORT_LEN], *certs = NULL;
	struct fetch_cli cli;
	size_t certs_len = 0;
	int ret;

	ret = fetch_parse("report", argc, argv, "nrvcd", &cli);
	if (ret)
		return ret < 0 ? 0 : ret;
	if (!cli.out)
		return fetch_usage_error("report", "-o REPORT is required");
	ret = fetch_report("report", &cli, report,
			   cli.certs_out ? &certs : NULL, &certs_len);
	if (ret)
		return ret;
	ret = write_out("report", cli.out, report, sizeof(report)) ||
	      (cli.certs_out &&
	       write_out("report", cli.certs_out, certs, certs_len));
	free(certs);
	if (ret)
		return EXIT_DEVICE;
	print_hex("nonce", cli.nonce, cli.nonce_len);
	printf("report: written to %s", cli.out);
	if (cli.certs_out)
		printf(", %zu bytes of certificate table to %s", certs_len,
		       cli.certs_out);
	printf("\n");
	return 0;
}

/**
 * cmd_certs() - coco-attest certs
 * @argc: argument count (argv[0] is "certs")
 * @argv: arguments
 *
 * Return: the exit status.
 */
int cmd_certs(int argc, char **argv)
{
	uint8_t report[SNPDEV_REPORT_LEN], *certs = NULL;
	struct fetch_cli cli;
	size_t certs_len = 0;
	int ret;

	ret = fetch_parse("certs", argc, argv, "nrdp", &cli);
	if (ret)
		return ret < 0 ? 0 : ret;
	if (!cli.out)
		return fetch_usage_error("certs", "-o TABLE is required");
	ret = fetch_report("certs", &cli, report, &certs, &certs_len);
	if (ret)
		return ret;
	if (!certs_len)
		fprintf(stderr, "certs: the hypervisor offers no certificates\n");
	ret = write_out("certs", cli.out, certs, certs_len) ||
	      (cli.report_out &&
	       write_out("certs", cli.report_out, report, sizeof(report)));
	free(certs);
	if (ret)
		return EXIT_DEVICE;
	printf("certs: %zu bytes of certificate table written to %s\n",
	       certs_len, cli.out);
	return certs_len ? 0 : EXIT_DEVICE;
}

/**
 * cmd_key() - coco-attest key
 * @argc: argument count (argv[0] is "key")
 * @argv: arguments
 *
 * Return: the exit status.
 */
int cmd_key(int argc, char **argv)
{
	uint8_t key[SNPDEV_KEY_LEN];
	struct fetch_cli cli;
	char err[512];
	struct snpdev d;
	int ret;

	ret = fetch_parse("key", argc, argv, "vdk", &cli);
	if (ret)
		return ret < 0 ? 0 : ret;
	if (fetch_open("key", &cli, &d))
		return EXIT_DEVICE;
	ret = snpdev_key(&d, &cli.key, key, err, sizeof(err));
	snpdev_close(&d);
	if (ret) {
		fprintf(stderr, "key: %s\n", err);
		return EXIT_DEVICE;
	}
	if (cli.out)
		ret = write_out("key", cli.out, key, sizeof(key));
	else
		print_hex("key", key, sizeof(key));
	memset(key, 0, sizeof(key));
	return ret ? EXIT_DEVICE : 0;
}

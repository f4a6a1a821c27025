// SPDX-License-Identifier: GPL-2.0-only
/*
 * coco-attest: the inspection and verification side of the attestation
 * CLI.  show dumps an SEV-SNP ATTESTATION_REPORT; verify checks it against
 * AMD's certificate chain and the caller's expectations; attest performs
 * and verifies an s390x Secure Execution attestation (s390_attest.c).
 *
 * Exit status: 0 success, 1 the report failed (show: unreadable or
 * malformed; verify: a check failed), 2 usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "json.h"
#include "report.h"
#include "s390_attest.h"
#include "show.h"
#include "util.h"
#include "verify.h"

#define EXIT_REPORT	1
#define EXIT_USAGE	2

static void usage(FILE *f)
{
	fputs("usage:\n"
	      "  coco-attest show REPORT [--json] [--gen milan|genoa|turin]\n"
	      "  coco-attest verify REPORT (--vcek VCEK | --certs TABLE)\n"
	      "          (--ark ARK.pem [--ask ASK.pem] | --no-chain)\n"
	      "          [--nonce HEX | --nonce-file F] [--min-tcb BL:TEE:SNP:UCODE[:FMC]]\n"
	      "          [--policy-no-debug] [--policy-no-migrate] [--measurement HEX]\n"
	      "          [--gen milan|genoa|turin] [--no-check-time | --at-time EPOCH]\n"
	      "          [--json] [-v]\n"
	      "Certificates are PEM or DER.  A nonce shorter than 64 bytes is\n"
	      "compared zero-padded to 64, the way the guest pads REPORT_DATA.\n",
	      f);
	attest_usage(f);
	fetch_usage(f);
}

static int usage_error(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	usage(stderr);
	return EXIT_USAGE;
}

static int parse_gen(const char *s, enum snp_gen *g)
{
	*g = snp_gen_from_name(s);
	/* "milan-b0" is a product name, not a --gen value */
	return *g == SNP_GEN_UNKNOWN || strchr(s, '-') ? -1 : 0;
}

/* Read the report file; size and structure are judged by the caller. */
static int load_report(const char *cmd, const char *path, uint8_t **buf,
		       size_t *len)
{
	char err[256];

	if (read_file(path, INPUT_FILE_MAX, buf, len, err, sizeof(err))) {
		fprintf(stderr, "%s: %s\n", cmd, err);
		return -1;
	}
	return 0;
}

/* ----------------------------------------------------------- show -- */

static int show_report(const uint8_t *buf, size_t len, bool json,
		       enum snp_gen opt_gen)
{
	char err[256];
	struct snp_report *r = malloc(sizeof(*r));
	struct show_gen g;
	int bad;

	if (!r)
		return EXIT_REPORT;
	if (snp_report_parse(buf, len, r, err, sizeof(err))) {
		fprintf(stderr, "show: %s\n", err);
		free(r);
		return EXIT_REPORT;
	}
	bad = snp_report_check_structure(r, err, sizeof(err));
	g = show_pick_gen(r, opt_gen);
	if (opt_gen != SNP_GEN_UNKNOWN && snp_report_cpuid_gen(r) != SNP_GEN_UNKNOWN &&
	    snp_report_cpuid_gen(r) != opt_gen)
		fprintf(stderr, "show: warning: --gen %s, but the report's CPUID says %s\n",
			snp_gen_name(opt_gen),
			snp_gen_name(snp_report_cpuid_gen(r)));
	if (json)
		show_json(stdout, r, g, bad ? err : NULL);
	else
		show_text(stdout, r, g, bad ? err : NULL);
	if (bad)
		fprintf(stderr, "show: structure: %s\n", err);
	free(r);
	return bad ? EXIT_REPORT : 0;
}

static int cmd_show(int argc, char **argv)
{
	static const struct option lopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "gen", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum snp_gen gen = SNP_GEN_UNKNOWN;
	bool json = false;
	uint8_t *buf;
	size_t len;
	int c, rc;

	while ((c = getopt_long(argc, argv, "h", lopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			json = true;
			break;
		case 'g':
			if (parse_gen(optarg, &gen))
				return usage_error("show", "unknown --gen %s", optarg);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1)
		return usage_error("show", "%s", "exactly one REPORT file");
	if (load_report("show", argv[optind], &buf, &len))
		return EXIT_REPORT;
	rc = show_report(buf, len, json, gen);
	free(buf);
	return rc;
}

/* --------------------------------------------------------- verify -- */

static int parse_min_tcb(const char *s, struct verify_opts *o)
{
	unsigned long v[5];
	char *end;
	int n = 0;

	for (;;) {
		if (n == 5)
			return -1;
		v[n] = strtoul(s, &end, 0);
		if (end == s || v[n] > 255)
			return -1;
		n++;
		if (!*end)
			break;
		if (*end != ':')
			return -1;
		s = end + 1;
	}
	if (n < 4)
		return -1;
	o->min_tcb.bl = (uint8_t)v[0];
	o->min_tcb.tee = (uint8_t)v[1];
	o->min_tcb.snp = (uint8_t)v[2];
	o->min_tcb.ucode = (uint8_t)v[3];
	o->min_tcb_has_fmc = n == 5;
	o->min_tcb.fmc = n == 5 ? (uint8_t)v[4] : 0;
	o->have_min_tcb = true;
	return 0;
}

static int parse_epoch(const char *s, int64_t *t)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (end == s || *end || errno || v < 0)
		return -1;
	*t = v;
	return 0;
}

static int nonce_from_file(const char *path, struct verify_opts *o)
{
	char err[256];
	uint8_t *buf;
	size_t len;

	if (read_file(path, sizeof(o->nonce), &buf, &len, err, sizeof(err))) {
		fprintf(stderr, "verify: --nonce-file: %s\n", err);
		return -1;
	}
	if (len)
		memcpy(o->nonce, buf, len);
	free(buf);
	o->nonce_len = len;
	o->have_nonce = true;
	return 0;
}

enum {
	OPT_VCEK = 256, OPT_ASK, OPT_ARK, OPT_CERTS, OPT_NONCE, OPT_NONCE_FILE,
	OPT_MIN_TCB, OPT_NO_DEBUG, OPT_NO_MIGRATE, OPT_MEASUREMENT, OPT_GEN,
	OPT_NO_CHAIN, OPT_NO_TIME, OPT_AT_TIME, OPT_JSON,
};

static const struct option verify_lopts[] = {
	{ "vcek", required_argument, NULL, OPT_VCEK },
	{ "ask", required_argument, NULL, OPT_ASK },
	{ "ark", required_argument, NULL, OPT_ARK },
	{ "certs", required_argument, NULL, OPT_CERTS },
	{ "nonce", required_argument, NULL, OPT_NONCE },
	{ "nonce-file", required_argument, NULL, OPT_NONCE_FILE },
	{ "min-tcb", required_argument, NULL, OPT_MIN_TCB },
	{ "policy-no-debug", no_argument, NULL, OPT_NO_DEBUG },
	{ "policy-no-migrate", no_argument, NULL, OPT_NO_MIGRATE },
	{ "measurement", required_argument, NULL, OPT_MEASUREMENT },
	{ "gen", required_argument, NULL, OPT_GEN },
	{ "no-chain", no_argument, NULL, OPT_NO_CHAIN },
	{ "no-check-time", no_argument, NULL, OPT_NO_TIME },
	{ "at-time", required_argument, NULL, OPT_AT_TIME },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

struct verify_cli {
	struct verify_opts o;
	bool json;
	bool verbose;
};

/* One option; 0, or an exit status for usage errors and --help. */
static int verify_opt(int c, const char *arg, struct verify_cli *cli)
{
	struct verify_opts *o = &cli->o;
	size_t n;

	switch (c) {
	case OPT_VCEK:
		o->vcek_path = arg;
		return 0;
	case OPT_ASK:
		o->ask_path = arg;
		return 0;
	case OPT_ARK:
		o->ark_path = arg;
		return 0;
	case OPT_CERTS:
		o->certs_path = arg;
		return 0;
	case OPT_NO_DEBUG:
		o->policy_no_debug = true;
		return 0;
	case OPT_NO_MIGRATE:
		o->policy_no_migrate = true;
		return 0;
	case OPT_NO_CHAIN:
		o->no_chain = true;
		return 0;
	case OPT_NO_TIME:
		o->no_check_time = true;
		return 0;
	case OPT_JSON:
		cli->json = true;
		return 0;
	case 'v':
		cli->verbose = true;
		return 0;
	case OPT_NONCE:
		if (o->have_nonce || parse_hex(arg, o->nonce, sizeof(o->nonce), &n))
			return usage_error("verify", "--nonce %s: one nonce of at most 64 bytes in hex", arg);
		o->nonce_len = n;
		o->have_nonce = true;
		return 0;
	case OPT_NONCE_FILE:
		if (o->have_nonce)
			return usage_error("verify", "%s", "one of --nonce and --nonce-file");
		return nonce_from_file(arg, o) ? EXIT_USAGE : 0;
	case OPT_MIN_TCB:
		if (parse_min_tcb(arg, o))
			return usage_error("verify", "--min-tcb %s: want BL:TEE:SNP:UCODE[:FMC], each 0-255", arg);
		return 0;
	case OPT_MEASUREMENT:
		if (parse_hex(arg, o->measurement, sizeof(o->measurement), &n) ||
		    n != sizeof(o->measurement))
			return usage_error("verify", "--measurement %s: want 48 bytes in hex", arg);
		o->have_measurement = true;
		return 0;
	case OPT_AT_TIME:
		if (parse_epoch(arg, &o->at_time))
			return usage_error("verify", "--at-time %s: want seconds since the epoch", arg);
		o->have_at_time = true;
		return 0;
	case OPT_GEN:
		if (parse_gen(arg, &o->gen))
			return usage_error("verify", "unknown --gen %s", arg);
		return 0;
	case 'h':
		usage(stdout);
		return -1;
	}
	usage(stderr);
	return EXIT_USAGE;
}

static const char *status_name(enum check_status s)
{
	switch (s) {
	case CHECK_PASS: return "pass";
	case CHECK_FAIL: return "fail";
	case CHECK_SKIP: return "skip";
	default: return "not-run";
	}
}

static void print_json(const struct verify_result *res)
{
	struct json j;
	int i;

	json_init(&j, stdout);
	json_obj_begin(&j, NULL);
	json_str(&j, "result", res->failed < 0 ? "ok" : "fail");
	if (res->failed >= 0)
		json_str(&j, "failed_check", res->c[res->failed].name);
	json_arr_begin(&j, "checks");
	for (i = 0; i < VC_COUNT; i++) {
		json_obj_begin(&j, NULL);
		json_str(&j, "name", res->c[i].name);
		json_str(&j, "status", status_name(res->c[i].status));
		json_str(&j, "detail", res->c[i].detail);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_finish(&j);
}

static void print_ok(const struct verify_result *res)
{
	const char *sep = "";
	int i, skipped = 0;

	printf("verify: OK (");
	for (i = 0; i < VC_COUNT; i++) {
		if (res->c[i].status == CHECK_PASS) {
			printf("%s%s", sep, res->c[i].name);
			sep = ", ";
		}
		skipped += res->c[i].status == CHECK_SKIP;
	}
	sep = "; not checked: ";
	for (i = 0; skipped && i < VC_COUNT; i++) {
		if (res->c[i].status == CHECK_SKIP) {
			printf("%s%s", sep, res->c[i].name);
			sep = ", ";
		}
	}
	printf(")\n");
}

static void print_result(const struct verify_result *res,
			 const struct verify_cli *cli)
{
	int i;

	if (res->failed >= 0)
		fprintf(stderr, "verify: FAIL %s: %s\n",
			res->c[res->failed].name,
			res->c[res->failed].detail);
	if (cli->json) {
		print_json(res);
		return;
	}
	for (i = 0; cli->verbose && i < VC_COUNT; i++)
		if (res->c[i].status != CHECK_NOT_RUN &&
		    res->c[i].status != CHECK_FAIL)
			printf("verify: %s %s: %s\n",
			       status_name(res->c[i].status), res->c[i].name,
			       res->c[i].detail);
	if (res->failed < 0)
		print_ok(res);
}

static int verify_args_ok(const struct verify_opts *o)
{
	if (o->no_chain && (o->ark_path || o->ask_path))
		return usage_error("verify", "%s", "--no-chain with --ark/--ask");
	if (o->no_check_time && o->have_at_time)
		return usage_error("verify", "%s", "--no-check-time with --at-time");
	if (o->vcek_path && o->certs_path)
		return usage_error("verify", "%s", "one of --vcek and --certs");
	return 0;
}

static int cmd_verify(int argc, char **argv)
{
	struct verify_cli cli;
	struct verify_result res;
	uint8_t *buf;
	size_t len;
	int c, rc;

	memset(&cli, 0, sizeof(cli));
	while ((c = getopt_long(argc, argv, "vh", verify_lopts, NULL)) != -1) {
		rc = verify_opt(c, optarg, &cli);
		if (rc)
			return rc < 0 ? 0 : rc;
	}
	if (optind != argc - 1)
		return usage_error("verify", "%s", "exactly one REPORT file");
	rc = verify_args_ok(&cli.o);
	if (rc)
		return rc;
	if (load_report("verify", argv[optind], &buf, &len))
		return EXIT_REPORT;
	rc = verify_report(buf, len, &cli.o, &res);
	free(buf);
	print_result(&res, &cli);
	return rc ? EXIT_REPORT : 0;
}

int main(int argc, char **argv)
{
	if (argc < 2 || !strcmp(argv[1], "help") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "-h")) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : 0;
	}
	if (!strcmp(argv[1], "show"))
		return cmd_show(argc - 1, argv + 1);
	if (!strcmp(argv[1], "verify"))
		return cmd_verify(argc - 1, argv + 1);
	if (!strcmp(argv[1], "report"))
		return cmd_report(argc - 1, argv + 1);
	if (!strcmp(argv[1], "key"))
		return cmd_key(argc - 1, argv + 1);
	if (!strcmp(argv[1], "certs"))
		return cmd_certs(argc - 1, argv + 1);
	if (!strcmp(argv[1], "attest"))
		return cmd_attest(argc - 1, argv + 1);
	if (!strcmp(argv[1], "sim-host-key"))
		return cmd_sim_host_key(argc - 1, argv + 1);
	fprintf(stderr, "coco-attest: unknown command %s\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}

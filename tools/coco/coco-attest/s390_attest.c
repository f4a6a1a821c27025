// SPDX-License-Identifier: GPL-2.0-only
/*
 * coco-attest attest (s390x): build the request, perform it, verify the
 * measurement.  See s390_attest.h.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "json.h"
#include "s390_attest.h"
#include "util.h"
#include "uvdev.h"
#include "uvfw.h"

#define EXIT_FAIL	1
#define EXIT_USAGE	2
#define EXIT_DEVICE	3	/* the device or the Ultravisor failed */
#define TAGS_FILE_LEN	(64 * 3 + 16)
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct attest_cli {
	uint8_t host_keys[UVFW_ARCB_MAX_KEYSLOTS][UVFW_PUBKEY_LEN];
	unsigned int nks;
	uint64_t flags;
	uint8_t user[UVFW_USER_DATA_MAX];
	uint16_t user_len;
	bool have_tags;
	struct uvfw_se_tags tags;
	bool have_cuid;
	uint8_t cuid[UVFW_CUID_LEN];
	const char *device;
	bool use_model;
	uint64_t model_seed;
	uint8_t model_cuid[UVFW_CUID_LEN];
	const char *out_dir;
	bool json;
	bool verbose;
};

/* What came back from the UV and what the checks said. */
struct attest_out {
	uint8_t arcb[4096];
	size_t arcb_len;
	uint8_t meas[UVFW_MEAS_LEN];
	uint8_t add[UVFW_FW_STATE_LEN + 128];
	uint32_t add_len;
	uint8_t cuid[UVFW_CUID_LEN];
	uint16_t rc;
	uint16_t rrc;
	const char *failed;
	char why[256];
};

void attest_usage(FILE *f)
{
	fputs("  coco-attest attest (--host-key FILE | --host-key-seed N)...\n"
	      "          (--tags FILE | --tags-seed N)\n"
	      "          [--add image-phkh,attest-phkh,secret-store-hash,fw-state|all]\n"
	      "          [--user-data HEX | --user-file F] [--cuid HEX]\n"
	      "          [--device /dev/uv | --model SEED [--model-cuid HEX]]\n"
	      "          [--out-dir DIR] [--json] [-v]\n"
	      "  coco-attest sim-host-key SEED\n"
	      "attest: s390x Secure Execution.  A host key is a host-key document\n"
	      "(X.509), a PEM/DER public key or 160 raw bytes x|y; --tags is the\n"
	      "image's PLD|ALD|TLD|tag (208 bytes); --model performs with the\n"
	      "simulated Ultravisor instead of the device; exit 3 when the device\n"
	      "or the Ultravisor failed.  sim-host-key prints the simulated\n"
	      "Ultravisor's host public key (PEM).\n",
	      f);
}

static int attest_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static int attest_usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "attest: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	attest_usage(stderr);
	return EXIT_USAGE;
}

static int parse_seed(const char *s, uint64_t *seed)
{
	char *end;

	errno = 0;
	*seed = strtoull(s, &end, 0);
	return errno || end == s || *end || *s == '-' ? -1 : 0;
}

static int parse_add(const char *s, uint64_t *flags)
{
	static const struct {
		const char *name;
		uint64_t flag;
	} names[] = {
		{ "image-phkh", UVFW_FLAG_IMAGE_PHKH },
		{ "attest-phkh", UVFW_FLAG_ATTEST_PHKH },
		{ "secret-store-hash", UVFW_FLAG_SECRET_STORE_HASH },
		{ "fw-state", UVFW_FLAG_FW_STATE },
		{ "all", UVFW_FLAG_IMAGE_PHKH | UVFW_FLAG_ATTEST_PHKH |
			 UVFW_FLAG_SECRET_STORE_HASH | UVFW_FLAG_FW_STATE },
	};
	const char *p = s;
	size_t n, i;

	while (*p) {
		n = strcspn(p, ",");
		for (i = 0; i < ARRAY_SIZE(names); i++)
			if (strlen(names[i].name) == n &&
			    !strncmp(p, names[i].name, n))
				break;
		if (i == ARRAY_SIZE(names))
			return -1;
		*flags |= names[i].flag;
		p += n;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int add_host_key_file(struct attest_cli *cli, const char *path)
{
	enum uvfw_err e;
	uint8_t *buf;
	size_t len;
	char err[256];

	if (cli->nks >= UVFW_ARCB_MAX_KEYSLOTS)
		return attest_usage_error("more than 15 host keys (%s)", path);
	if (read_file(path, INPUT_FILE_MAX, &buf, &len, err, sizeof(err))) {
		fprintf(stderr, "attest: %s\n", err);
		return EXIT_USAGE;
	}
	e = uvfw_pubkey_from_pem(buf, len, cli->host_keys[cli->nks]);
	free(buf);
	if (e != UVFW_OK) {
		fprintf(stderr, "attest: %s: not an ECDH P-521 host key (%s)\n",
			path, uvfw_strerror(e));
		return EXIT_USAGE;
	}
	cli->nks++;
	return 0;
}

static int add_host_key_seed(struct attest_cli *cli, const char *arg)
{
	struct uvfw *fw;
	uint64_t seed;

	if (parse_seed(arg, &seed))
		return attest_usage_error("--host-key-seed %s: want a number",
					  arg);
	if (cli->nks >= UVFW_ARCB_MAX_KEYSLOTS)
		return attest_usage_error("more than 15 host keys (%s)", arg);
	fw = uvfw_new(seed);
	if (!fw) {
		fprintf(stderr, "attest: cannot create the simulated UV\n");
		return EXIT_FAIL;
	}
	uvfw_host_pubkey(fw, cli->host_keys[cli->nks++]);
	uvfw_free(fw);
	return 0;
}

static int tags_from_file(struct attest_cli *cli, const char *path)
{
	uint8_t *buf;
	size_t len;
	char err[256];

	if (read_file(path, INPUT_FILE_MAX, &buf, &len, err, sizeof(err))) {
		fprintf(stderr, "attest: %s\n", err);
		return EXIT_USAGE;
	}
	if (len != TAGS_FILE_LEN) {
		free(buf);
		return attest_usage_error("--tags %s: want 208 bytes PLD|ALD|TLD|tag",
					  path);
	}
	memcpy(cli->tags.pld, buf, 64);
	memcpy(cli->tags.ald, buf + 64, 64);
	memcpy(cli->tags.tld, buf + 128, 64);
	memcpy(cli->tags.tag, buf + 192, 16);
	free(buf);
	cli->have_tags = true;
	return 0;
}

static int tags_from_seed(struct attest_cli *cli, const char *arg)
{
	struct uvfw *fw;
	uint64_t seed;

	if (parse_seed(arg, &seed))
		return attest_usage_error("--tags-seed %s: want a number", arg);
	fw = uvfw_new(seed);
	if (!fw)
		return EXIT_FAIL;
	uvfw_tags(fw, &cli->tags);
	uvfw_free(fw);
	cli->have_tags = true;
	return 0;
}

static int user_from_file(struct attest_cli *cli, const char *path)
{
	uint8_t *buf;
	size_t len;
	char err[256];

	if (read_file(path, INPUT_FILE_MAX, &buf, &len, err, sizeof(err))) {
		fprintf(stderr, "attest: %s\n", err);
		return EXIT_USAGE;
	}
	if (len > UVFW_USER_DATA_MAX) {
		free(buf);
		return attest_usage_error("--user-file %s: at most 256 bytes",
					  path);
	}
	if (len)
		memcpy(cli->user, buf, len);
	cli->user_len = (uint16_t)len;
	free(buf);
	return 0;
}

enum {
	OPT_HOST_KEY = 0x100,
	OPT_HOST_KEY_SEED,
	OPT_TAGS,
	OPT_TAGS_SEED,
	OPT_ADD,
	OPT_USER_DATA,
	OPT_USER_FILE,
	OPT_CUID,
	OPT_DEVICE,
	OPT_MODEL,
	OPT_MODEL_CUID,
	OPT_OUT_DIR,
	OPT_JSON,
};

static const struct option attest_lopts[] = {
	{ "host-key", required_argument, NULL, OPT_HOST_KEY },
	{ "host-key-seed", required_argument, NULL, OPT_HOST_KEY_SEED },
	{ "tags", required_argument, NULL, OPT_TAGS },
	{ "tags-seed", required_argument, NULL, OPT_TAGS_SEED },
	{ "add", required_argument, NULL, OPT_ADD },
	{ "user-data", required_argument, NULL, OPT_USER_DATA },
	{ "user-file", required_argument, NULL, OPT_USER_FILE },
	{ "cuid", required_argument, NULL, OPT_CUID },
	{ "device", required_argument, NULL, OPT_DEVICE },
	{ "model", required_argument, NULL, OPT_MODEL },
	{ "model-cuid", required_argument, NULL, OPT_MODEL_CUID },
	{ "out-dir", required_argument, NULL, OPT_OUT_DIR },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "verbose", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

/* One option; 0, -1 for --help, or an exit status. */
static int attest_opt(int c, const char *arg, struct attest_cli *cli,
		      bool *have_user)
{
	size_t n;

	switch (c) {
	case OPT_HOST_KEY:
		return add_host_key_file(cli, arg);
	case OPT_HOST_KEY_SEED:
		return add_host_key_seed(cli, arg);
	case OPT_TAGS:
	case OPT_TAGS_SEED:
		if (cli->have_tags)
			return attest_usage_error("%s", "one of --tags and --tags-seed");
		return c == OPT_TAGS ? tags_from_file(cli, arg) :
				       tags_from_seed(cli, arg);
	case OPT_ADD:
		if (parse_add(arg, &cli->flags))
			return attest_usage_error("--add %s: unknown item", arg);
		return 0;
	case OPT_USER_DATA:
	case OPT_USER_FILE:
		if (*have_user)
			return attest_usage_error("%s", "one of --user-data and --user-file");
		*have_user = true;
		if (c == OPT_USER_FILE)
			return user_from_file(cli, arg);
		if (parse_hex(arg, cli->user, sizeof(cli->user), &n))
			return attest_usage_error("--user-data %s: at most 256 bytes in hex",
						  arg);
		cli->user_len = (uint16_t)n;
		return 0;
	case OPT_CUID:
		if (parse_hex(arg, cli->cuid, sizeof(cli->cuid), &n) ||
		    n != sizeof(cli->cuid))
			return attest_usage_error("--cuid %s: want 16 bytes in hex", arg);
		cli->have_cuid = true;
		return 0;
	case OPT_DEVICE:
		cli->device = arg;
		return 0;
	case OPT_MODEL:
		if (parse_seed(arg, &cli->model_seed))
			return attest_usage_error("--model %s: want a seed", arg);
		cli->use_model = true;
		return 0;
	case OPT_MODEL_CUID:
		if (parse_hex(arg, cli->model_cuid, sizeof(cli->model_cuid), &n) ||
		    n != sizeof(cli->model_cuid))
			return attest_usage_error("--model-cuid %s: want 16 bytes in hex",
						  arg);
		return 0;
	case OPT_OUT_DIR:
		cli->out_dir = arg;
		return 0;
	case OPT_JSON:
		cli->json = true;
		return 0;
	case 'v':
		cli->verbose = true;
		return 0;
	case 'h':
		attest_usage(stdout);
		return -1;
	}
	attest_usage(stderr);
	return EXIT_USAGE;
}

/* Perform the request: the device, or the simulated UV in-process. */
static int perform(const struct attest_cli *cli, struct attest_out *o)
{
	struct uvdev_attest_call call = { 0 };
	struct uvfw *fw;

	if (cli->use_model) {
		fw = uvfw_new(cli->model_seed);
		if (!fw) {
			snprintf(o->why, sizeof(o->why),
				 "cannot create the simulated UV");
			return -1;
		}
		memcpy(o->cuid, cli->model_cuid, sizeof(o->cuid));
		o->rc = uvfw_attest(fw, o->arcb, o->arcb_len, cli->user,
				    cli->user_len, o->cuid, o->meas,
				    sizeof(o->meas),
				    o->add_len ? o->add : NULL, o->add_len);
		o->rrc = 0;
		uvfw_free(fw);
		return 0;
	}
	call.arcb = o->arcb;
	call.arcb_len = (uint32_t)o->arcb_len;
	call.user_data = cli->user;
	call.user_data_len = cli->user_len;
	call.meas = o->meas;
	call.meas_len = sizeof(o->meas);
	call.add_data = o->add_len ? o->add : NULL;
	call.add_data_len = o->add_len;
	if (uvdev_attest(cli->device ? cli->device : UVIO_DEVICE_DEFAULT,
			 &call, o->why, sizeof(o->why)))
		return -1;
	memcpy(o->cuid, call.cuid, sizeof(o->cuid));
	o->rc = call.uv_rc;
	o->rrc = call.uv_rrc;
	return 0;
}

static bool phkh_of_a_host_key(const struct attest_cli *cli,
			       const uint8_t *phkh)
{
	uint8_t h[UVFW_PHKH_LEN];
	unsigned int i;

	for (i = 0; i < cli->nks; i++) {
		uvfw_phkh(cli->host_keys[i], h);
		if (!CRYPTO_memcmp(h, phkh, sizeof(h)))
			return true;
	}
	return false;
}

/* Offset of an additional-data item (flag order), or -1 when absent. */
static long add_offset(uint64_t flags, uint64_t item)
{
	static const struct {
		uint64_t flag;
		uint32_t size;
	} order[] = {
		{ UVFW_FLAG_IMAGE_PHKH, UVFW_PHKH_LEN },
		{ UVFW_FLAG_ATTEST_PHKH, UVFW_PHKH_LEN },
		{ UVFW_FLAG_SECRET_STORE_HASH, UVFW_SECRET_STORE_HASH_LEN },
		{ UVFW_FLAG_FW_STATE, UVFW_FW_STATE_LEN },
	};
	long off = 0;
	size_t i;

	if (!(flags & item))
		return -1;
	for (i = 0; i < ARRAY_SIZE(order); i++) {
		if (order[i].flag == item)
			return off;
		if (flags & order[i].flag)
			off += order[i].size;
	}
	return -1;
}

/* Build, perform, verify; fills @o, returns 0 when everything passed. */
static int run_attest(const struct attest_cli *cli,
		      const struct uvfw_arcb_params *p, struct attest_out *o)
{
	struct uvfw_meas_input in = { 0 };
	enum uvfw_err e;
	long off;
	int v;

	o->add_len = uvfw_add_data_size(p->flags);
	e = uvfw_arcb_build(p, (const uint8_t (*)[UVFW_PUBKEY_LEN])
			    cli->host_keys, cli->nks, o->arcb,
			    sizeof(o->arcb), &o->arcb_len);
	if (e != UVFW_OK) {
		o->failed = "build";
		snprintf(o->why, sizeof(o->why), "%s", uvfw_strerror(e));
		return -1;
	}
	if (perform(cli, o)) {
		o->failed = "perform";
		return -1;
	}
	if (o->rc != UVFW_RC_OK) {
		o->failed = "perform";
		snprintf(o->why, sizeof(o->why),
			 "the Ultravisor refused: rc 0x%04x rrc 0x%04x", o->rc,
			 o->rrc);
		return -1;
	}
	in.tags = &cli->tags;
	in.cuid = o->cuid;
	in.user_data = cli->user;
	in.user_data_len = cli->user_len;
	in.nonce = p->nonce;
	in.add_data = o->add;
	in.add_data_len = o->add_len;
	v = uvfw_measure_verify(p->meas_key, &in, o->meas, sizeof(o->meas));
	if (v) {
		o->failed = "measurement";
		snprintf(o->why, sizeof(o->why), "%s",
			 v < 0 ? "cannot compute the HMAC" :
			 "the HMAC does not match the expected image, CUID, user data and nonce");
		return -1;
	}
	if (cli->have_cuid &&
	    CRYPTO_memcmp(cli->cuid, o->cuid, sizeof(o->cuid))) {
		o->failed = "cuid";
		snprintf(o->why, sizeof(o->why),
			 "the configuration unique ID is not the expected one");
		return -1;
	}
	off = add_offset(p->flags, UVFW_FLAG_ATTEST_PHKH);
	if (off >= 0 && !phkh_of_a_host_key(cli, o->add + off)) {
		o->failed = "attest-phkh";
		snprintf(o->why, sizeof(o->why),
			 "the request was unsealed with a key that is not one of the host keys given");
		return -1;
	}
	return 0;
}

static void print_hex(const char *name, const uint8_t *p, size_t n)
{
	size_t i;

	printf("%s: ", name);
	for (i = 0; i < n; i++)
		printf("%02x", p[i]);
	putchar('\n');
}

static const struct {
	const char *name;
	uint64_t flag;
	uint32_t size;
} add_items[] = {
	{ "image_phkh", UVFW_FLAG_IMAGE_PHKH, UVFW_PHKH_LEN },
	{ "attest_phkh", UVFW_FLAG_ATTEST_PHKH, UVFW_PHKH_LEN },
	{ "secret_store_hash", UVFW_FLAG_SECRET_STORE_HASH,
	  UVFW_SECRET_STORE_HASH_LEN },
	{ "fw_state", UVFW_FLAG_FW_STATE, UVFW_FW_STATE_LEN },
};

static void print_result(const struct attest_cli *cli, uint64_t flags,
			 const struct attest_out *o, int ret)
{
	struct json j;
	size_t i;
	long off;

	if (ret)
		fprintf(stderr, "attest: FAIL %s: %s\n", o->failed, o->why);
	if (cli->json) {
		json_init(&j, stdout);
		json_obj_begin(&j, NULL);
		json_str(&j, "result", ret ? "fail" : "ok");
		if (ret)
			json_str(&j, "failed_check", o->failed);
		json_uint(&j, "uv_rc", o->rc);
		json_uint(&j, "uv_rrc", o->rrc);
		json_hex(&j, "cuid", o->cuid, sizeof(o->cuid));
		json_hex(&j, "measurement", o->meas, sizeof(o->meas));
		json_hex(&j, "user_data", cli->user, cli->user_len);
		json_obj_begin(&j, "additional_data");
		for (i = 0; i < ARRAY_SIZE(add_items); i++) {
			off = add_offset(flags, add_items[i].flag);
			if (off >= 0)
				json_hex(&j, add_items[i].name, o->add + off,
					 add_items[i].size);
		}
		json_obj_end(&j);
		json_obj_end(&j);
		json_finish(&j);
		return;
	}
	if (ret && !cli->verbose)
		return;
	print_hex("cuid", o->cuid, sizeof(o->cuid));
	if (cli->verbose)
		print_hex("measurement", o->meas, sizeof(o->meas));
	for (i = 0; i < ARRAY_SIZE(add_items); i++) {
		off = add_offset(flags, add_items[i].flag);
		if (off >= 0)
			print_hex(add_items[i].name, o->add + off,
				  add_items[i].size);
	}
	if (!ret)
		printf("attest: OK (measurement%s%s)\n",
		       cli->have_cuid ? ", cuid" : "",
		       flags & UVFW_FLAG_ATTEST_PHKH ? ", attest-phkh" : "");
}

static int write_one(const char *dir, const char *name, const uint8_t *p,
		     size_t n)
{
	char path[4096];
	FILE *f;
	int ok;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f) {
		fprintf(stderr, "attest: cannot write %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	ok = (!n || fwrite(p, 1, n, f) == n);
	ok &= !fclose(f);
	return ok ? 0 : -1;
}

/* The exchange files, for a verifier elsewhere (the ARPK stays here). */
static int write_outputs(const struct attest_cli *cli,
			 const struct attest_out *o)
{
	if (mkdir(cli->out_dir, 0700) && errno != EEXIST) {
		fprintf(stderr, "attest: cannot create %s: %s\n", cli->out_dir,
			strerror(errno));
		return -1;
	}
	return write_one(cli->out_dir, "arcb.bin", o->arcb, o->arcb_len) ||
	       write_one(cli->out_dir, "measurement.bin", o->meas,
			 sizeof(o->meas)) ||
	       write_one(cli->out_dir, "additional.bin", o->add, o->add_len) ||
	       write_one(cli->out_dir, "cuid.bin", o->cuid, sizeof(o->cuid)) ||
	       write_one(cli->out_dir, "user-data.bin", cli->user,
			 cli->user_len) ? -1 : 0;
}

/**
 * cmd_attest() - the attest subcommand
 * @argc: arguments, argv[0] is "attest"
 * @argv: see @argc
 *
 * Return: exit status: 0 verified, 1 a check failed, 2 usage, 3 the
 * device or the Ultravisor failed (perform).
 */
int cmd_attest(int argc, char **argv)
{
	static struct attest_cli cli;
	static struct attest_out o;
	struct uvfw_arcb_params p = { 0 };
	bool have_user = false;
	int c, rc;

	memset(&cli, 0, sizeof(cli));
	memset(&o, 0, sizeof(o));
	optind = 0;	/* a fresh scan, also when called twice */
	while ((c = getopt_long(argc, argv, "vh", attest_lopts, NULL)) != -1) {
		rc = attest_opt(c, optarg, &cli, &have_user);
		if (rc)
			return rc < 0 ? 0 : rc;
	}
	if (optind != argc)
		return attest_usage_error("unexpected argument %s", argv[optind]);
	if (!cli.nks)
		return attest_usage_error("%s", "at least one --host-key or --host-key-seed");
	if (!cli.have_tags)
		return attest_usage_error("%s", "the image's tags: --tags or --tags-seed");
	if (cli.use_model && cli.device)
		return attest_usage_error("%s", "one of --device and --model");

	/* Fresh secrets per request; the customer key is fresh as well. */
	p.flags = cli.flags | UVFW_FLAG_NONCE;
	p.mai = UVFW_MAI_HMAC_SHA512;
	if (RAND_priv_bytes(p.meas_key, sizeof(p.meas_key)) != 1 ||
	    RAND_bytes(p.nonce, sizeof(p.nonce)) != 1 ||
	    RAND_priv_bytes(p.arpk, sizeof(p.arpk)) != 1 ||
	    RAND_bytes(p.iv, sizeof(p.iv)) != 1) {
		fprintf(stderr, "attest: no random numbers\n");
		return EXIT_FAIL;
	}
	rc = run_attest(&cli, &p, &o);
	OPENSSL_cleanse(&p, sizeof(p));
	print_result(&cli, cli.flags | UVFW_FLAG_NONCE, &o, rc);
	if (cli.out_dir && o.rc == UVFW_RC_OK && write_outputs(&cli, &o))
		return EXIT_FAIL;
	if (!rc)
		return 0;
	return !strcmp(o.failed, "perform") ? EXIT_DEVICE : EXIT_FAIL;
}

/**
 * cmd_sim_host_key() - print the simulated Ultravisor's host public key
 * @argc: arguments, argv[0] is "sim-host-key"
 * @argv: see @argc
 *
 * Return: exit status.
 */
int cmd_sim_host_key(int argc, char **argv)
{
	char pem[1024];
	struct uvfw *fw;
	uint64_t seed;
	int n;

	if (argc != 2 || parse_seed(argv[1], &seed))
		return attest_usage_error("%s", "sim-host-key SEED");
	fw = uvfw_new(seed);
	if (!fw)
		return EXIT_FAIL;
	n = uvfw_host_pubkey_pem(fw, pem, sizeof(pem));
	uvfw_free(fw);
	if (n < 0)
		return EXIT_FAIL;
	fputs(pem, stdout);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * simfwd: the simulated AMD-SP as a daemon inside a test guest.  coco_sim.ko
 * relays the firmware calls of its hypervisor model to it through
 * /dev/coco_sim_fw (include/coco/sim_fw_relay.h).
 *
 * At start it creates the chip from the seed, provisions the secrets page
 * and the certificate table through the device, and only then goes to the
 * background (the parent exits 0 once the guest can use the firmware, so a
 * script may load coco_guest right after it).  It then answers one job at
 * a time until the device fails or it is killed; closing the device makes
 * the relay fail further guest requests with a firmware error.
 *
 * Two firmware models answer: the AMD-SP of an SEV-SNP guest (snpfw.h:
 * guest requests; it provisions the secrets page and the certificate
 * table) and the cryptographic part of the s390x Ultravisor (uvfw.h:
 * Retrieve Attestation Measurement and Add Secret; the secrets it accepts
 * go into the UV model's store in coco_sim, and its secret-store hash
 * follows them).
 *
 * usage: simfwd [-s SEED] [-d DEVICE] [-S] [-f] [-v]
 *   -s SEED    seed of both models (default 1; the host derives the same
 *              VCEK and UV host key from it)
 *   -d DEVICE  relay device (default /dev/coco_sim_fw)
 *   -S         no SNP firmware (an s390x guest: spares creating the chip)
 *   -f         stay in the foreground
 *   -v         log every job to stderr
 * The ARK/ASK cache of the SNP model is $SIMFW_CACHE (snpfw.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <coco/sim_fw_relay.h>
#include "snpfw.h"
#include "uvfw.h"


static int provision(int fd, struct snpfw *fw)
{
	struct coco_sim_fw_blob b = { 0 };
	uint8_t page[SNPFW_PAGE_SIZE];
	size_t need = 0;
	uint8_t *certs;
	int ret;

	snpfw_secrets_page(fw, page);
	b.addr = (uintptr_t)page;
	b.len = sizeof(page);
	if (ioctl(fd, COCO_SIM_FW_IOC_SECRETS, &b)) {
		perror("simfwd: provisioning the secrets page");
		return -1;
	}
	snpfw_ext_certs(fw, NULL, 0, &need);
	if (!need || need > COCO_SIM_FW_CERTS_MAX) {
		fprintf(stderr, "simfwd: certificate table of %zu bytes\n",
			need);
		return -1;
	}
	certs = calloc(1, need);
	if (!certs || snpfw_ext_certs(fw, certs, need, NULL)) {
		free(certs);
		fprintf(stderr, "simfwd: no certificate table\n");
		return -1;
	}
	b.addr = (uintptr_t)certs;
	b.len = (uint32_t)need;
	ret = ioctl(fd, COCO_SIM_FW_IOC_CERTS, &b);
	if (ret)
		perror("simfwd: providing the certificate table");
	free(certs);
	return ret ? -1 : 0;
}

/* Retrieve Attestation Measurement: the job's input, the UV model's answer. */
static void uv_attest(struct uvfw *uv, const struct coco_sim_fw_job *job,
		      struct coco_sim_fw_reply *rep)
{
	struct coco_sim_fw_uv_attest in;
	const uint8_t *arcb = job->data + sizeof(in);

	rep->status = UVFW_RC_UNSEAL;
	if (job->len < sizeof(in))
		return;
	memcpy(&in, job->data, sizeof(in));
	if (in.arcb_len != job->len - sizeof(in) ||
	    in.user_data_len > sizeof(in.user_data) ||
	    in.meas_len > sizeof(rep->data) ||
	    in.add_data_len > sizeof(rep->data) - in.meas_len)
		return;
	rep->status = uvfw_attest(uv, arcb, in.arcb_len, in.user_data,
				  (uint16_t)in.user_data_len, in.config_uid,
				  rep->data, in.meas_len,
				  in.add_data_len ? rep->data + in.meas_len :
						    NULL,
				  in.add_data_len);
	if (rep->status == UVFW_RC_OK)
		rep->len = in.meas_len + in.add_data_len;
}

/* Add Secret: the job's ASRCB, the secret for the UV model's store. */
static void uv_add_secret(struct uvfw *uv, const struct coco_sim_fw_job *job,
			  struct coco_sim_fw_reply *rep)
{
	struct coco_sim_fw_uv_add_secret in;
	struct coco_sim_fw_uv_secret out = { 0 };
	struct uvfw_secret secret;

	rep->status = UVFW_RC_AS_DECRYPT;
	if (job->len < sizeof(in))
		return;
	memcpy(&in, job->data, sizeof(in));
	if (in.asrcb_len != job->len - sizeof(in))
		return;
	uvfw_set_cuid(uv, in.config_uid);
	memset(&secret, 0, sizeof(secret));
	rep->status = uvfw_add_secret(uv, job->data + sizeof(in), in.asrcb_len,
				      &secret);
	if (rep->status != UVFW_RC_OK)
		return;
	if (secret.len > sizeof(secret.value) ||
	    sizeof(out) + secret.len > sizeof(rep->data)) {
		rep->status = UVFW_RC_AS_SECRET_LEN;
		return;
	}
	out.type = secret.type;
	out.len = secret.len;
	memcpy(out.id, secret.id, sizeof(out.id));
	memcpy(rep->data, &out, sizeof(out));
	memcpy(rep->data + sizeof(out), secret.value, secret.len);
	rep->len = sizeof(out) + secret.len;
}

static int serve(int fd, struct snpfw *fw, struct uvfw *uv, int verbose)
{
	static struct coco_sim_fw_job job;
	static struct coco_sim_fw_reply rep;
	ssize_t n;

	for (;;) {
		n = read(fd, &job, sizeof(job));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < COCO_SIM_FW_HDR_LEN ||
		    (size_t)n != COCO_SIM_FW_HDR_LEN + job.len) {
			perror("simfwd: read");
			return 1;
		}
		memset(&rep, 0, sizeof(rep));
		rep.kind = job.kind;
		rep.id = job.id;
		switch (job.kind) {
		case COCO_SIM_FW_SNP_GUEST_REQUEST:
			rep.status = SNPFW_STATUS_INVALID_PARAM;
			if (fw && job.len == SNPFW_PAGE_SIZE)
				rep.status = snpfw_guest_request(fw, job.data,
								 rep.data,
								 NULL);
			rep.len = rep.status ? 0 : SNPFW_PAGE_SIZE;
			break;
		case COCO_SIM_FW_UV_ATTEST:
			uv_attest(uv, &job, &rep);
			break;
		case COCO_SIM_FW_UV_ADD_SECRET:
			uv_add_secret(uv, &job, &rep);
			break;
		default:
			rep.status = UVFW_RC_AS_DECRYPT;
			break;
		}
		if (verbose)
			fprintf(stderr, "simfwd: job %u kind %u: status 0x%x\n",
				job.id, job.kind, rep.status);
		n = write(fd, &rep, COCO_SIM_FW_HDR_LEN + rep.len);
		if (n < 0) {
			perror("simfwd: write");
			return 1;
		}
	}
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/" COCO_SIM_FW_NAME;
	unsigned long long seed = 1;
	int opt, fd, fg = 0, verbose = 0, snp = 1;
	struct snpfw *fw = NULL;
	struct uvfw *uv;
	char *end;
	pid_t pid;

	while ((opt = getopt(argc, argv, "s:d:Sfv")) != -1) {
		switch (opt) {
		case 's':
			errno = 0;
			seed = strtoull(optarg, &end, 0);
			if (errno || *end) {
				fprintf(stderr, "simfwd: bad seed %s\n", optarg);
				return 2;
			}
			break;
		case 'd':
			dev = optarg;
			break;
		case 'S':
			snp = 0;
			break;
		case 'f':
			fg = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			fprintf(stderr, "usage: simfwd [-s SEED] [-d DEVICE] [-S] [-f] [-v]\n");
			return 2;
		}
	}
	if (snp && snpfw_create(seed, &fw)) {
		fprintf(stderr, "simfwd: cannot create the SNP chip\n");
		return 1;
	}
	uv = uvfw_new(seed);
	if (!uv) {
		fprintf(stderr, "simfwd: cannot create the UV model\n");
		return 1;
	}
	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror(dev);
		return 1;
	}
	if (fw && provision(fd, fw))
		return 1;
	if (!fg) {
		pid = fork();
		if (pid < 0) {
			perror("simfwd: fork");
			return 1;
		}
		if (pid > 0) {
			printf("simfwd: seed %llu%s, serving %s as pid %d\n",
			       seed, fw ? "" : " (no SNP)", dev, (int)pid);
			return 0;
		}
		setsid();
	}
	return serve(fd, fw, uv, verbose);
}

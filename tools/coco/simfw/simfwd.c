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
 * usage: simfwd [-s SEED] [-d DEVICE] [-f] [-v]
 *   -s SEED    chip seed (default 1; the host derives the same VCEK from it)
 *   -d DEVICE  relay device (default /dev/coco_sim_fw)
 *   -f         stay in the foreground
 *   -v         log every job to stderr
 * The ARK/ASK cache of the firmware model is $SIMFW_CACHE (snpfw.h).
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

static int serve(int fd, struct snpfw *fw, int verbose)
{
	static struct coco_sim_fw_job job;
	static struct coco_sim_fw_reply rep;
	ssize_t n;

	for (;;) {
		n = read(fd, &job, sizeof(job));
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof(job)) {
			perror("simfwd: read");
			return 1;
		}
		memset(&rep, 0, sizeof(rep));
		rep.kind = job.kind;
		rep.id = job.id;
		if (job.kind == COCO_SIM_FW_SNP_GUEST_REQUEST &&
		    job.len == SNPFW_PAGE_SIZE) {
			rep.status = snpfw_guest_request(fw, job.data,
							 rep.data, NULL);
		} else {
			rep.status = SNPFW_STATUS_INVALID_PARAM;
		}
		rep.len = rep.status ? 0 : SNPFW_PAGE_SIZE;
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
	int opt, fd, fg = 0, verbose = 0;
	struct snpfw *fw;
	char *end;
	pid_t pid;

	while ((opt = getopt(argc, argv, "s:d:fv")) != -1) {
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
		case 'f':
			fg = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			fprintf(stderr, "usage: simfwd [-s SEED] [-d DEVICE] [-f] [-v]\n");
			return 2;
		}
	}
	if (snpfw_create(seed, &fw)) {
		fprintf(stderr, "simfwd: cannot create the chip\n");
		return 1;
	}
	fd = open(dev, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror(dev);
		return 1;
	}
	if (provision(fd, fw))
		return 1;
	if (!fg) {
		pid = fork();
		if (pid < 0) {
			perror("simfwd: fork");
			return 1;
		}
		if (pid > 0) {
			printf("simfwd: seed %llu, serving %s as pid %d\n",
			       seed, dev, (int)pid);
			return 0;
		}
		setsid();
	}
	return serve(fd, fw, verbose);
}

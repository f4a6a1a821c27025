// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bounce pool vs the kernel's swiotlb, side by side in one guest booted
 * with swiotlb=force and coco_guest virtio_policy=pool,kernel,nobounce:
 * vda goes through the pool, vdb through swiotlb, vdc does not bounce.
 * Prints "COCO-BENCH:" lines: map+unmap rates (4 KiB, 64 KiB; 1 and 2
 * CPUs) and sequential O_DIRECT read throughput, each with its ratio.
 * Times under TCG are noisy: rates are the best of several interleaved
 * rounds, and only the ratios mean anything.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH "/sys/kernel/debug/coco_dma/bench"
#define ROUNDS 3

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Map+unmap rate (maps/s) of each role for one configuration. */
static int mapunmap(unsigned long size, unsigned int cpus, unsigned long iters,
		    double rate[3])
{
	static const char *roles[3] = { "pool", "kernel", "nobounce" };
	char cmd[64], rep[512], *l;
	int fd, n, r;

	fd = open(BENCH, O_RDWR);
	if (fd < 0)
		return -1;
	n = snprintf(cmd, sizeof(cmd), "%lu %u %lu", size, cpus, iters);
	if (write(fd, cmd, n) != n) {
		close(fd);
		return -1;
	}
	lseek(fd, 0, SEEK_SET);
	n = read(fd, rep, sizeof(rep) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	rep[n] = '\0';
	for (l = strtok(rep, "\n"); l; l = strtok(NULL, "\n")) {
		long maps;
		unsigned long long ns;
		char role[16];

		if (sscanf(l, "%15s size=%*u cpus=%*u maps=%ld ns=%llu", role,
			   &maps, &ns) != 3 || maps <= 0 || !ns)
			continue;
		for (r = 0; r < 3; r++)
			if (!strcmp(role, roles[r]) && maps / (ns / 1e9) > rate[r])
				rate[r] = maps / (ns / 1e9);
	}
	return 0;
}

/* MB/s of reading @mib MiB sequentially from @dev with O_DIRECT. */
static double seqread(const char *dev, int mib)
{
	void *buf;
	double t0, t;
	int fd, i;

	fd = open(dev, O_RDONLY | O_DIRECT);
	if (fd < 0 || posix_memalign(&buf, 4096, 1 << 20))
		return 0;
	t0 = now();
	for (i = 0; i < mib; i++)
		if (read(fd, buf, 1 << 20) != 1 << 20)
			break;
	t = now() - t0;
	free(buf);
	close(fd);
	return i == mib ? mib / t : 0;
}

int main(void)
{
	static const unsigned long sizes[2] = { 4096, 65536 };
	static const unsigned long iters[2] = { 20000, 5000 };
	static const char *devs[3] = { "/dev/vda", "/dev/vdb", "/dev/vdc" };
	double rate[3], mbs[3] = { 0 }, v;
	unsigned int s, c, r, k;

	printf("COCO-BENCH: map+unmap (maps/s, best of %d)        pool      swiotlb   pool/swiotlb\n",
	       ROUNDS);
	for (s = 0; s < 2; s++) {
		for (c = 1; c <= 2; c++) {
			memset(rate, 0, sizeof(rate));
			for (r = 0; r < ROUNDS; r++)
				if (mapunmap(sizes[s], c, iters[s], rate))
					return 1;
			printf("COCO-BENCH: %6lu B, %u CPU%s %25.0f %12.0f %10.2f\n",
			       sizes[s], c, c > 1 ? "s" : " ", rate[0], rate[1],
			       rate[1] > 0 ? rate[0] / rate[1] : 0);
		}
	}
	for (r = 0; r < ROUNDS; r++)
		for (k = 0; k < 3; k++) {
			v = seqread(devs[k], 48);
			if (v > mbs[k])
				mbs[k] = v;
		}
	printf("COCO-BENCH: sequential read, 1 MiB O_DIRECT (MB/s, best of %d)\n",
	       ROUNDS);
	printf("COCO-BENCH:   pool %.1f  swiotlb %.1f  no-bounce %.1f\n",
	       mbs[0], mbs[1], mbs[2]);
	printf("COCO-BENCH:   pool/swiotlb %.2f  pool/no-bounce %.2f\n",
	       mbs[1] > 0 ? mbs[0] / mbs[1] : 0,
	       mbs[2] > 0 ? mbs[0] / mbs[2] : 0);
	return 0;
}

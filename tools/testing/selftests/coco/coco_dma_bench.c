// SPDX-License-Identifier: GPL-2.0-only
/*
 * Bounce pool vs the kernel's swiotlb, side by side in one guest booted
 * with swiotlb=force and coco_guest virtio_policy=pool,kernel,nobounce:
 * vda goes through the pool, vdb through swiotlb, vdc does not bounce.
 * All three are the same virtio-blk-pci device on the same kind of disk
 * image; only the DMA ops differ.  Prints "COCO-BENCH:" lines: map+unmap
 * rates (4 KiB, 64 KiB; 1 and 2 CPUs) and sequential O_DIRECT read
 * throughput, each with its ratios, and the kernel's memcpy rate, which
 * bounds what bouncing can reach against no bouncing.
 *
 * Times under TCG on a shared machine are noisy, so the candidates are
 * measured interleaved in short blocks (the kernel does this for map+unmap,
 * read by read here for the disks) and a ratio is taken inside each round:
 * the ratio printed is the median of those paired ratios, with their
 * spread; the rates are the best seen.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH "/sys/kernel/debug/coco_dma/bench"
#define ROUNDS 5
#define READ_ROUNDS 7
#define DISK_MIB 64		/* the whole disk */
#define REQ (1 << 20)		/* bytes per read() */

enum { POOL, KERNEL, NOBOUNCE, MEMCPY, NR };

static const char *const roles[NR] = { "pool", "kernel", "nobounce", "memcpy" };

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median, minimum and maximum of @n values (sorts them). */
static void spread(double *v, int n, double *med, double *lo, double *hi)
{
	qsort(v, n, sizeof(*v), cmp_double);
	*med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	*lo = v[0];
	*hi = v[n - 1];
}

/* One round: map+unmap rate (maps/s) of each role, and memcpy's (copies/s). */
static int mapunmap(unsigned long size, unsigned int cpus, unsigned long iters,
		    double rate[NR])
{
	char cmd[64], rep[512], *l;
	int fd, n, r;

	memset(rate, 0, NR * sizeof(*rate));
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
		for (r = 0; r < NR; r++)
			if (!strcmp(role, roles[r]))
				rate[r] = maps / (ns / 1e9);
	}
	return rate[POOL] > 0 && rate[KERNEL] > 0 ? 0 : -1;
}

/* A number from /sys/block/@dev/@file, or -1. */
static long sysblk(const char *dev, const char *file)
{
	char path[128];
	long v = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/sys/block/%s/%s", dev, file);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/* Reads completed and sectors read so far on @dev (/sys/block/DEV/stat). */
static void readstat(const char *dev, long *ios, long *sectors)
{
	char path[128];
	FILE *f;

	*ios = *sectors = 0;
	snprintf(path, sizeof(path), "/sys/block/%s/stat", dev);
	f = fopen(path, "r");
	if (!f)
		return;
	if (fscanf(f, "%ld %*d %ld", ios, sectors) != 2)
		*ios = *sectors = 0;
	fclose(f);
}

/*
 * One round of sequential reads: the three disks read whole with O_DIRECT
 * in 1 MiB read()s, interleaved read by read (which disk goes first
 * rotates), each read timed, so that a slow phase of the shared host hits
 * all three alike.  @mbs gets MB/s per disk, @kib the average size of the
 * requests that reached each device.  Returns 0 or -1.
 */
static int seqread(const char *const devs[3], double mbs[3], double kib[3])
{
	long ios0[3], sec0[3], ios1, sec1;
	double t[3] = { 0 }, t0;
	int fd[3], nfd = 0, i, k, d, ret = -1;
	char path[64];
	void *buf;

	if (posix_memalign(&buf, 4096, REQ))
		return -1;
	for (d = 0; d < 3; d++) {
		snprintf(path, sizeof(path), "/dev/%s", devs[d]);
		fd[d] = open(path, O_RDONLY | O_DIRECT);
		if (fd[d] < 0)
			goto out;
		nfd++;
		readstat(devs[d], &ios0[d], &sec0[d]);
	}
	for (i = 0; i < DISK_MIB; i++) {
		for (k = 0; k < 3; k++) {
			d = (i + k) % 3;
			t0 = now();
			if (read(fd[d], buf, REQ) != REQ)
				goto out;
			t[d] += now() - t0;
		}
	}
	for (d = 0; d < 3; d++) {
		readstat(devs[d], &ios1, &sec1);
		mbs[d] = DISK_MIB * (REQ / 1e6) / t[d];
		kib[d] = ios1 > ios0[d] ?
			 (sec1 - sec0[d]) / 2.0 / (ios1 - ios0[d]) : 0;
	}
	ret = 0;
out:
	while (nfd-- > 0)
		close(fd[nfd]);
	free(buf);
	return ret;
}

int main(void)
{
	static const unsigned long sizes[2] = { 4096, 65536 };
	static const unsigned long iters[2] = { 20000, 5000 };
	static const char *const devs[3] = { "vda", "vdb", "vdc" };
	static const char *const names[3] = { "pool", "swiotlb", "no-bounce" };
	double best[NR], rate[NR], ratio[ROUNDS], med, lo, hi;
	double cp[2] = { 0 }, mbs[3] = { 0 }, kib[3] = { 0 }, v;
	double vs_kernel[READ_ROUNDS], vs_none[READ_ROUNDS];
	unsigned int s, c, r, d, i;

	printf("COCO-BENCH: map+unmap, %d rounds: best maps/s; pool/swiotlb as the median of per-round ratios [min-max]\n",
	       ROUNDS);
	printf("COCO-BENCH:                        pool    swiotlb   pool/swiotlb\n");
	for (s = 0; s < 2; s++) {
		for (c = 1; c <= 2; c++) {
			memset(best, 0, sizeof(best));
			for (r = 0; r < ROUNDS; r++) {
				if (mapunmap(sizes[s], c, iters[s], rate))
					return 1;
				for (i = 0; i < NR; i++)
					if (rate[i] > best[i])
						best[i] = rate[i];
				ratio[r] = rate[POOL] / rate[KERNEL];
			}
			if (best[MEMCPY] * sizes[s] / 1e6 > cp[s])
				cp[s] = best[MEMCPY] * sizes[s] / 1e6;
			spread(ratio, ROUNDS, &med, &lo, &hi);
			printf("COCO-BENCH: %6lu B, %u CPU%s %10.0f %10.0f   %5.2f [%.2f-%.2f]\n",
			       sizes[s], c, c > 1 ? "s" : " ", best[POOL],
			       best[KERNEL], med, lo, hi);
		}
	}

	printf("COCO-BENCH: sequential read of the %d MiB disks in 1 MiB O_DIRECT read()s, interleaved, %d rounds (MB/s: best; ratios: median of per-round ratios [min-max])\n",
	       DISK_MIB, READ_ROUNDS);
	for (r = 0; r < READ_ROUNDS; r++) {
		double round[3];

		if (seqread(devs, round, kib))
			return 1;
		for (d = 0; d < 3; d++)
			if (round[d] > mbs[d])
				mbs[d] = round[d];
		vs_kernel[r] = round[0] / round[1];
		vs_none[r] = round[0] / round[2];
	}
	for (d = 0; d < 3; d++)
		printf("COCO-BENCH:   %-9s %7.1f MB/s; %5.0f KiB per request (queue: max_segment_size %ld, max_segments %ld, max_sectors_kb %ld)\n",
		       names[d], mbs[d], kib[d],
		       sysblk(devs[d], "queue/max_segment_size"),
		       sysblk(devs[d], "queue/max_segments"),
		       sysblk(devs[d], "queue/max_sectors_kb"));
	spread(vs_kernel, READ_ROUNDS, &med, &lo, &hi);
	printf("COCO-BENCH:   pool/swiotlb %.2f [%.2f-%.2f]", med, lo, hi);
	spread(vs_none, READ_ROUNDS, &med, &lo, &hi);
	printf("  pool/no-bounce %.2f [%.2f-%.2f]\n", med, lo, hi);

	/*
	 * Every byte read through a bounce buffer is copied twice: into the
	 * slots when mapped (so bytes the device does not write come back
	 * unchanged) and out when unmapped.  Per MiB that adds 2/memcpy to
	 * the 1/no-bounce the device takes, whatever the pool does.
	 */
	v = cp[0] > 0 ? 1 / (1 + 2 * mbs[2] / cp[0]) : 0;
	printf("COCO-BENCH: kernel memcpy (best): 4 KiB %.0f MB/s, 64 KiB %.0f MB/s\n",
	       cp[0], cp[1]);
	printf("COCO-BENCH: two copies per byte read cap any bounce buffer at pool/no-bounce <= 1 / (1 + 2 x no-bounce / memcpy) = %.2f\n",
	       v);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest check of forced virtio DMA: the virtio disks the harness gives
 * the guest (with iommu_platform=on) are written and read back through
 * coco_guest's bounce pool, single and scatter-gather requests, both
 * directions, with checksums; afterwards no slot is held.  The one disk
 * without VIRTIO_F_ACCESS_PLATFORM must have been refused.  Skips unless
 * coco_guest bounces virtio DMA.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "coco_tap.h"

#define DMA "/sys/kernel/coco_guest/dma/"
#define AREA (1 << 20)

static bool read_ull(const char *path, unsigned long long *v)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return false;
	ok = fscanf(f, "%llu", v) == 1;
	fclose(f);
	return ok;
}

static uint64_t fnv1a(const uint8_t *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n--)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

static void fill(uint8_t *p, size_t n, uint64_t seed)
{
	while (n--) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		*p++ = seed;
	}
}

/* Write @AREA bytes at @off (one request or 16 iovecs), read back, compare. */
static bool roundtrip(const char *dev, off_t off, bool sg, uint64_t seed)
{
	struct iovec iov[16];
	uint8_t *wr, *rd;
	uint64_t sum;
	int fd, i;
	bool ok = false;

	fd = open(dev, O_RDWR | O_DIRECT);
	if (fd < 0 || posix_memalign((void **)&wr, 4096, AREA) ||
	    posix_memalign((void **)&rd, 4096, AREA))
		return false;
	fill(wr, AREA, seed);
	sum = fnv1a(wr, AREA);
	memset(rd, 0, AREA);
	for (i = 0; i < 16; i++) {
		iov[i].iov_base = wr + i * (AREA / 16);
		iov[i].iov_len = AREA / 16;
	}
	if ((sg ? pwritev(fd, iov, 16, off) : pwrite(fd, wr, AREA, off)) !=
	    AREA || fsync(fd))
		goto out;
	for (i = 0; i < 16; i++)
		iov[i].iov_base = rd + i * (AREA / 16);
	if ((sg ? preadv(fd, iov, 16, off) : pread(fd, rd, AREA, off)) != AREA)
		goto out;
	ok = fnv1a(rd, AREA) == sum;
	tap_diag("%s %s at %lld: checksum %016llx %s", dev,
		 sg ? "16-segment" : "single", (long long)off,
		 (unsigned long long)sum, ok ? "matches" : "DIFFERS");
out:
	free(wr);
	free(rd);
	close(fd);
	return ok;
}

/* Virtio devices with no driver bound whose features lack bit 33. */
static int refused_devices(void)
{
	DIR *d = opendir("/sys/bus/virtio/devices");
	struct dirent *e;
	char path[512], feat[128];
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		FILE *f;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/virtio/devices/%s/driver",
			 e->d_name);
		if (!access(path, F_OK))
			continue;
		snprintf(path, sizeof(path), "/sys/bus/virtio/devices/%s/features",
			 e->d_name);
		f = fopen(path, "r");
		if (f && fgets(feat, sizeof(feat), f) && strlen(feat) > 33 &&
		    feat[33] == '0')
			n++;
		if (f)
			fclose(f);
	}
	closedir(d);
	return n;
}

int main(void)
{
	unsigned long long before_to, before_from, to, from, used, fails;

	if (access(DMA, F_OK))
		tap_exit_skip_all("coco_guest does not bounce virtio DMA here");
	if (access("/dev/vda", F_OK) || access("/dev/vdb", F_OK))
		tap_exit_skip_all("the harness gave no virtio disks");

	tap_header(7);
	read_ull(DMA "bytes_to_device", &before_to);
	read_ull(DMA "bytes_from_device", &before_from);
	tap_result(roundtrip("/dev/vda", 0, false, 1),
		   "vda: 1 MiB single request written and read back");
	tap_result(roundtrip("/dev/vda", AREA, true, 2),
		   "vda: 1 MiB in 16 segments written and read back");
	tap_result(roundtrip("/dev/vdb", 3 * AREA, true, 3),
		   "vdb: 1 MiB in 16 segments written and read back");
	tap_result(read_ull(DMA "bytes_to_device", &to) &&
		   read_ull(DMA "bytes_from_device", &from) &&
		   to - before_to >= 3 * AREA && from - before_from >= 3 * AREA,
		   "at least 3 MiB bounced each way");
	tap_diag("bounced to device %llu, from device %llu",
		 to - before_to, from - before_from);
	tap_result(read_ull(DMA "slots_used", &used) && used == 0,
		   "no bounce slot held afterwards");
	tap_result(read_ull(DMA "map_failures", &fails) && fails == 0,
		   "no mapping failed");
	tap_result(refused_devices() == 1,
		   "the disk without ACCESS_PLATFORM was refused");
	return tap_finish();
}

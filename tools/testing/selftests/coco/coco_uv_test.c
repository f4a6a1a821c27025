// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest check of the s390x Ultravisor path: real kernel pages shared
 * and made secure again, one UV call per page each way, nothing leaked.
 * Skips unless this is a protected guest (real or simulated).
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "coco_tap.h"

#define SHARE_TEST "/sys/kernel/debug/coco_guest/uv_share_test"

static bool share_test(unsigned long pages, unsigned long *calls)
{
	char buf[128];
	unsigned long p;
	unsigned int rc;
	int result = -1, fd = open(SHARE_TEST, O_RDWR);
	ssize_t n;

	if (fd < 0)
		return false;
	n = snprintf(buf, sizeof(buf), "%lu", pages);
	if (write(fd, buf, n) != n) {
		close(fd);
		return false;
	}
	lseek(fd, 0, SEEK_SET);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = '\0';
	tap_diag("%lu pages: %s", pages, strtok(buf, "\n"));
	return sscanf(buf, "pages=%lu calls=%lu rc=0x%x result=%d", &p, calls,
		      &rc, &result) == 4 && p == pages && rc == 1 &&
	       result == 0;
}

int main(void)
{
	unsigned long calls;
	char pv[8] = "";
	FILE *f = fopen("/sys/kernel/coco_guest/uv/prot_virt_guest", "r");

	if (f) {
		if (!fgets(pv, sizeof(pv), f))
			pv[0] = '\0';
		fclose(f);
	}
	if (pv[0] != '1')
		tap_exit_skip_all("not a protected guest");

	tap_header(3);
	tap_result(share_test(1, &calls) && calls == 2,
		   "1 page: one UV call each way");
	tap_result(share_test(37, &calls) && calls == 74,
		   "37 pages: one UV call per page each way");
	tap_result(share_test(512, &calls) && calls == 1024,
		   "512 pages: one UV call per page each way");
	return tap_finish();
}

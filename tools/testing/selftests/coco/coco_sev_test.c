// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest check of SEV-ES/SNP run-time support: the negotiated GHCB
 * session, and private <-> shared conversion of real kernel pages through
 * the GHCB, costing exactly the exits the protocol requires.  Skips unless
 * coco_guest owns the GHCB (an SEV-ES/SNP platform, simulated or in a
 * kernel-integrated build).
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "coco_tap.h"

#define SEV "/sys/kernel/coco_guest/sev/"
#define SHARE_TEST "/sys/kernel/debug/coco_guest/snp_share_test"

static bool read_ul(const char *path, unsigned long *v)
{
	FILE *f = fopen(path, "r");
	bool ok;

	if (!f)
		return false;
	ok = fscanf(f, "%li", (long *)v) == 1;
	fclose(f);
	return ok;
}

/* Share and unshare @pages pages; the kernel reports entries and exits. */
static bool share_test(unsigned long pages, unsigned long *entries,
		       unsigned long *exits)
{
	char buf[128];
	unsigned long p;
	int result = -1;
	int fd = open(SHARE_TEST, O_RDWR);
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
	return sscanf(buf, "pages=%lu entries=%lu exits=%lu result=%d", &p,
		      entries, exits, &result) == 4 && p == pages &&
	       result == 0;
}

static unsigned long ceil_div(unsigned long a, unsigned long b)
{
	return (a + b - 1) / b;
}

int main(void)
{
	unsigned long version, features, leaked, entries, exits;
	char platform[32] = "";
	FILE *f = fopen("/sys/kernel/coco_guest/platform", "r");

	if (f) {
		if (!fgets(platform, sizeof(platform), f))
			platform[0] = '\0';
		fclose(f);
	}
	if (access(SEV, F_OK))
		tap_exit_skip_all("coco_guest does not own a GHCB here");

	tap_header(6);
	tap_result(read_ul(SEV "ghcb_version", &version) && version == 2,
		   "GHCB protocol version 2 negotiated");
	if (!strncmp(platform, "sev-snp", 7))
		tap_result(read_ul(SEV "hv_features", &features) &&
			   (features & 1), "hypervisor offers SNP");
	else
		tap_skip("hypervisor offers SNP", "not an SNP guest");

	/* One page: one exit each way. */
	tap_result(share_test(1, &entries, &exits) && entries == 2 &&
		   exits == 2, "1 page: 1 entry, 1 exit each way");
	/* 300 scattered-size pages: 4 KiB entries, ceil(300/253) exits. */
	tap_result(share_test(300, &entries, &exits) && entries == 600 &&
		   exits == 2 * ceil_div(300, 253),
		   "300 pages: 300 entries, 2 exits each way");
	/* An aligned 2 MiB block: a single 2 MiB entry. */
	tap_result(share_test(512, &entries, &exits) && entries == 2 &&
		   exits == 2, "512 aligned pages: one 2 MiB entry each way");
	tap_result(read_ul(SEV "leaked_pages", &leaked) && leaked == 0,
		   "no pages leaked");
	return tap_finish();
}

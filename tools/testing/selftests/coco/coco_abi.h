/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the upstream-ABI selftests: a fixed-seed random source for the
 * ioctl fuzz loops, and a count of kernel log lines that mean an oops or a
 * warning (the patterns the boot runner judges by), so that a test can
 * tell whether it added any.
 */
#ifndef _COCO_ABI_H
#define _COCO_ABI_H

#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

static unsigned long long abi_rng = 0x9e3779b97f4a7c15ULL;

/* xorshift64: the same sequence on every run, so failures reproduce. */
static inline unsigned long long rnd(void)
{
	abi_rng ^= abi_rng << 13;
	abi_rng ^= abi_rng >> 7;
	abi_rng ^= abi_rng << 17;
	return abi_rng;
}

/* Oops/BUG/WARNING lines in the kernel log, or -1 if it cannot be read. */
static inline int kernel_log_problems(void)
{
	static const char *const bad[] = {
		"Oops", "BUG:", "WARNING: CPU", "Call Trace:",
		"general protection fault", "Unable to handle kernel",
		"kernel BUG at", "UBSAN:",
	};
	int len = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0);
	unsigned int i;
	char *log, *p;
	int n = 0;

	if (len <= 0)
		return -1;
	log = calloc(1, len + 1);
	if (!log)
		return -1;
	len = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, log, len);
	if (len < 0)
		n = -1;
	for (i = 0; n >= 0 && i < sizeof(bad) / sizeof(bad[0]); i++)
		for (p = strstr(log, bad[i]); p; p = strstr(p + 1, bad[i]))
			n++;
	free(log);
	return n;
}

#endif /* _COCO_ABI_H */

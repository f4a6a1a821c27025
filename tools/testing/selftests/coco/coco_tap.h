/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Minimal kselftest-compatible TAP 13 output for the coco selftests:
 * header, plan, results, and the kselftest exit codes (0 pass, 1 fail,
 * 4 skip).
 */
#ifndef _COCO_TAP_H
#define _COCO_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#define COCO_KSFT_PASS	0
#define COCO_KSFT_FAIL	1
#define COCO_KSFT_SKIP	4

static unsigned int tap_nr, tap_failed;

static inline void tap_header(unsigned int plan)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n1..%u\n", plan);
}

static inline void tap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	printf("# ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

static inline void tap_result(int ok, const char *name)
{
	tap_nr++;
	if (!ok)
		tap_failed++;
	printf("%sok %u %s\n", ok ? "" : "not ", tap_nr, name);
}

static inline void tap_skip(const char *name, const char *why)
{
	tap_nr++;
	printf("ok %u %s # SKIP %s\n", tap_nr, name, why);
}

/* Nothing has run yet: an empty plan that says why, and exit 4. */
static inline void tap_exit_skip_all(const char *why)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("TAP version 13\n1..0 # SKIP %s\n", why);
	exit(COCO_KSFT_SKIP);
}

static inline int tap_finish(void)
{
	printf("# Totals: pass:%u fail:%u\n", tap_nr - tap_failed, tap_failed);
	return tap_failed ? COCO_KSFT_FAIL : COCO_KSFT_PASS;
}

#endif /* _COCO_TAP_H */

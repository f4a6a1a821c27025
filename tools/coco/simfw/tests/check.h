/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The small test framework of the simfw test programs: CHECK and CHECK_EQ
 * record a failure and go on, run() prints one "ok"/"not ok" line a test.
 * Each program includes it once (its state is the program's).
 */
#ifndef COCO_SIMFW_TESTS_CHECK_H
#define COCO_SIMFW_TESTS_CHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <openssl/err.h>


static int n_passed, n_failed, cur_failed;
static const char *cur_test;

static void fail_at(int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "  FAIL %s:%d: ", cur_test, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	cur_failed++;
}

#define CHECK(cond)							\
	do {								\
		if (!(cond))						\
			fail_at(__LINE__, "%s", #cond);			\
	} while (0)

#define CHECK_EQ(a, b)							\
	do {								\
		unsigned long long _a = (a), _b = (b);			\
		if (_a != _b)						\
			fail_at(__LINE__, "%s == %s (0x%llx != 0x%llx)",	\
				#a, #b, _a, _b);			\
	} while (0)

static void run(const char *name, void (*fn)(void))
{
	cur_test = name;
	cur_failed = 0;
	fn();
	if (cur_failed) {
		n_failed++;
		printf("not ok - %s\n", name);
	} else {
		n_passed++;
		printf("ok - %s\n", name);
	}
	fflush(stdout);
	ERR_clear_error();
}

#endif /* COCO_SIMFW_TESTS_CHECK_H */

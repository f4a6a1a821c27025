/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hosted shim: pr_*() and their rate-limited forms.  Messages go to
 * coco_shim_vprintk(), a weak function that writes to stderr; a test may
 * define its own to capture them.  The rate limit is the kernel's default
 * (DEFAULT_RATELIMIT_INTERVAL 5 s, DEFAULT_RATELIMIT_BURST 10, one state
 * per call site); coco_shim_ratelimit_reset() starts every call site's
 * interval afresh so tests do not depend on each other's messages.  A
 * test that wants the messages defines COCO_SHIM_PRINTK_CAPTURE before
 * including this header and defines coco_shim_vprintk() itself.
 */
#ifndef _COCO_SHIM_LINUX_PRINTK_H
#define _COCO_SHIM_LINUX_PRINTK_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

#define LOGLEVEL_ERR		3
#define LOGLEVEL_WARNING	4
#define LOGLEVEL_INFO		6
#define LOGLEVEL_DEBUG		7

#define COCO_SHIM_RATELIMIT_INTERVAL_NS	5000000000LL
#define COCO_SHIM_RATELIMIT_BURST	10

void coco_shim_vprintk(int level, const char *fmt, va_list ap);

/* A test that captures messages defines this and its own function. */
#ifndef COCO_SHIM_PRINTK_CAPTURE
__attribute__((weak)) void coco_shim_vprintk(int level, const char *fmt,
					      va_list ap)
{
	vfprintf(stderr, fmt, ap);
}
#endif

__attribute__((format(printf, 2, 3)))
static inline void coco_shim_printk(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	coco_shim_vprintk(level, fmt, ap);
	va_end(ap);
}

/* Bumped by coco_shim_ratelimit_reset(); one copy in the program. */
__attribute__((weak)) unsigned long coco_shim_ratelimit_gen;

static inline void coco_shim_ratelimit_reset(void)
{
	__atomic_add_fetch(&coco_shim_ratelimit_gen, 1, __ATOMIC_SEQ_CST);
}

struct coco_shim_ratelimit {
	pthread_mutex_t lock;
	unsigned long gen;
	long long begin_ns;
	int printed;
	int missed;
};

#define COCO_SHIM_RATELIMIT_INIT { PTHREAD_MUTEX_INITIALIZER, 0, 0, 0, 0 }

static inline bool coco_shim_ratelimit(struct coco_shim_ratelimit *rs)
{
	unsigned long gen = __atomic_load_n(&coco_shim_ratelimit_gen,
					    __ATOMIC_SEQ_CST);
	struct timespec ts;
	long long now;
	bool ok;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = ts.tv_sec * 1000000000LL + ts.tv_nsec;
	pthread_mutex_lock(&rs->lock);
	if (rs->gen != gen || !rs->begin_ns ||
	    now - rs->begin_ns >= COCO_SHIM_RATELIMIT_INTERVAL_NS) {
		/* As the kernel, say how many were dropped; not after a reset. */
		if (rs->missed && rs->gen == gen)
			coco_shim_printk(LOGLEVEL_WARNING,
					 "%d callbacks suppressed\n",
					 rs->missed);
		rs->gen = gen;
		rs->begin_ns = now;
		rs->printed = 0;
		rs->missed = 0;
	}
	ok = rs->printed < COCO_SHIM_RATELIMIT_BURST;
	if (ok)
		rs->printed++;
	else
		rs->missed++;
	pthread_mutex_unlock(&rs->lock);
	return ok;
}

#define printk_ratelimited_level(level, fmt, ...)			\
	do {								\
		static struct coco_shim_ratelimit _rs =			\
			COCO_SHIM_RATELIMIT_INIT;			\
		if (coco_shim_ratelimit(&_rs))				\
			coco_shim_printk(level, fmt, ##__VA_ARGS__);	\
	} while (0)

#define pr_err(fmt, ...) \
	coco_shim_printk(LOGLEVEL_ERR, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) \
	coco_shim_printk(LOGLEVEL_WARNING, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) \
	coco_shim_printk(LOGLEVEL_INFO, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_debug(fmt, ...) \
	do { if (0) coco_shim_printk(LOGLEVEL_DEBUG, pr_fmt(fmt), ##__VA_ARGS__); } while (0)
#define pr_err_ratelimited(fmt, ...) \
	printk_ratelimited_level(LOGLEVEL_ERR, pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_ratelimited(fmt, ...) \
	printk_ratelimited_level(LOGLEVEL_WARNING, pr_fmt(fmt), ##__VA_ARGS__)

#endif /* _COCO_SHIM_LINUX_PRINTK_H */

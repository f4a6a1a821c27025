/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hosted shim: spinlocks over pthread mutexes.  User space has no
 * interrupts, so the irqsave variants only keep the flags variable used.
 * Mutexes rather than pthread spinlocks: the hosted runs oversubscribe CPUs
 * (qemu-user, sanitizers), where spinning only burns time; both give the
 * same mutual exclusion and ThreadSanitizer and helgrind understand both.
 */
#ifndef _COCO_SHIM_LINUX_SPINLOCK_H
#define _COCO_SHIM_LINUX_SPINLOCK_H

#include <pthread.h>

typedef struct {
	pthread_mutex_t m;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name)	{ PTHREAD_MUTEX_INITIALIZER }
#define DEFINE_SPINLOCK(x)		spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

#define spin_lock_init(l)		pthread_mutex_init(&(l)->m, NULL)
#define spin_lock(l)			pthread_mutex_lock(&(l)->m)
#define spin_unlock(l)			pthread_mutex_unlock(&(l)->m)
#define spin_trylock(l)			(pthread_mutex_trylock(&(l)->m) == 0)
#define spin_lock_irqsave(l, flags)			\
	do {						\
		(flags) = 0;				\
		pthread_mutex_lock(&(l)->m);		\
	} while (0)
#define spin_unlock_irqrestore(l, flags)		\
	do {						\
		(void)(flags);				\
		pthread_mutex_unlock(&(l)->m);		\
	} while (0)

#endif /* _COCO_SHIM_LINUX_SPINLOCK_H */

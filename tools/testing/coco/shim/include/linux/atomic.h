/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hosted shim: the kernel's atomic_t and atomic_long_t over the compiler's
 * __atomic builtins, with the kernel's ordering: plain read/set and the
 * void operations are relaxed, value-returning operations are fully
 * ordered.  Also smp_load_acquire()/smp_store_release(), which the kernel's
 * <linux/atomic.h> brings in through <asm/barrier.h>.
 */
#ifndef _COCO_SHIM_LINUX_ATOMIC_H
#define _COCO_SHIM_LINUX_ATOMIC_H

#include <stdbool.h>

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

#define ATOMIC_INIT(i)		{ (i) }
#define ATOMIC_LONG_INIT(i)	{ (i) }

#define smp_load_acquire(p)	__atomic_load_n((p), __ATOMIC_ACQUIRE)
#define smp_store_release(p, v)	__atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)

#define COCO_SHIM_ATOMIC_OPS(pfx, type, ctype)				\
static inline ctype pfx##_read(const type *v)				\
{									\
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_set(type *v, ctype i)				\
{									\
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_set_release(type *v, ctype i)			\
{									\
	__atomic_store_n(&v->counter, i, __ATOMIC_RELEASE);		\
}									\
static inline void pfx##_add(ctype i, type *v)				\
{									\
	__atomic_fetch_add(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_sub(ctype i, type *v)				\
{									\
	__atomic_fetch_sub(&v->counter, i, __ATOMIC_RELAXED);		\
}									\
static inline void pfx##_inc(type *v)					\
{									\
	pfx##_add(1, v);						\
}									\
static inline void pfx##_dec(type *v)					\
{									\
	pfx##_sub(1, v);						\
}									\
static inline ctype pfx##_add_return(ctype i, type *v)			\
{									\
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline ctype pfx##_sub_return(ctype i, type *v)			\
{									\
	return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline ctype pfx##_inc_return(type *v)				\
{									\
	return pfx##_add_return(1, v);					\
}									\
static inline ctype pfx##_dec_return(type *v)				\
{									\
	return pfx##_sub_return(1, v);					\
}									\
static inline ctype pfx##_xchg(type *v, ctype i)			\
{									\
	return __atomic_exchange_n(&v->counter, i, __ATOMIC_SEQ_CST);	\
}									\
static inline bool pfx##_try_cmpxchg(type *v, ctype *old, ctype new)	\
{									\
	return __atomic_compare_exchange_n(&v->counter, old, new, false,\
					   __ATOMIC_SEQ_CST,		\
					   __ATOMIC_RELAXED);		\
}									\
static inline ctype pfx##_cmpxchg(type *v, ctype old, ctype new)	\
{									\
	pfx##_try_cmpxchg(v, &old, new);				\
	return old;							\
}

COCO_SHIM_ATOMIC_OPS(atomic, atomic_t, int)
COCO_SHIM_ATOMIC_OPS(atomic_long, atomic_long_t, long)

#undef COCO_SHIM_ATOMIC_OPS

#endif /* _COCO_SHIM_LINUX_ATOMIC_H */

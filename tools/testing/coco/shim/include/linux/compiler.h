/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hosted shim: READ_ONCE/WRITE_ONCE as relaxed atomic accesses (so
 * ThreadSanitizer sees what the kernel means by them) and branch hints.
 * Scalars only, as in the kernel.
 */
#ifndef _COCO_SHIM_LINUX_COMPILER_H
#define _COCO_SHIM_LINUX_COMPILER_H

#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, val)	__atomic_store_n(&(x), (val), __ATOMIC_RELAXED)

#ifndef likely
#define likely(x)		__builtin_expect(!!(x), 1)
#endif
#ifndef unlikely
#define unlikely(x)		__builtin_expect(!!(x), 0)
#endif

#endif /* _COCO_SHIM_LINUX_COMPILER_H */

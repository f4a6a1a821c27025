/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hosted shim: the kernel's fixed-width types and the attributes mechanism
 * code uses, mapped onto the C library so the same .c files build in user
 * space.
 */
#ifndef _COCO_SHIM_LINUX_TYPES_H
#define _COCO_SHIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;

#ifndef __aligned
#define __aligned(x) __attribute__((__aligned__(x)))
#endif
#ifndef __packed
#define __packed __attribute__((__packed__))
#endif

#endif /* _COCO_SHIM_LINUX_TYPES_H */

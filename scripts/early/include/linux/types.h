/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Early-boot shim: nothing but fixed-width types.  The compiler's own
 * freestanding <stdint.h>/<stdbool.h> are the only headers early code sees.
 */
#ifndef _COCO_EARLY_LINUX_TYPES_H
#define _COCO_EARLY_LINUX_TYPES_H

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

#define __aligned(x) __attribute__((__aligned__(x)))
#define __packed __attribute__((__packed__))

#endif /* _COCO_EARLY_LINUX_TYPES_H */

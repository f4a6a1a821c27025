/* SPDX-License-Identifier: GPL-2.0-only */
/* Hosted shim: the kernel's mem* and str* helpers are the C library's. */
#ifndef _COCO_SHIM_LINUX_STRING_H
#define _COCO_SHIM_LINUX_STRING_H

#include <string.h>

#endif /* _COCO_SHIM_LINUX_STRING_H */

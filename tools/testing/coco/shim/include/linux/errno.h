/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hosted shim: Linux errno values from the uapi headers (the C library's
 * <errno.h> itself includes <linux/errno.h>, which resolves here).
 */
#ifndef _COCO_SHIM_LINUX_ERRNO_H
#define _COCO_SHIM_LINUX_ERRNO_H

#include <asm-generic/errno.h>

#endif /* _COCO_SHIM_LINUX_ERRNO_H */

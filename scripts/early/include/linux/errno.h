/* SPDX-License-Identifier: GPL-2.0-only */
/* Early-boot shim: the few Linux errno values early code returns. */
#ifndef _COCO_EARLY_LINUX_ERRNO_H
#define _COCO_EARLY_LINUX_ERRNO_H

#define EIO	5
#define ENOMEM	12
#define EINVAL	22
#define EOPNOTSUPP 95

#endif /* _COCO_EARLY_LINUX_ERRNO_H */

/* SPDX-License-Identifier: GPL-2.0-only */
/* Early-boot shim: the Linux errno values early code returns. */
#ifndef _COCO_EARLY_LINUX_ERRNO_H
#define _COCO_EARLY_LINUX_ERRNO_H

#define ENOENT		2
#define EIO		5
#define EAGAIN		11
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define ENODATA		61
#define EPROTO		71
#define EPROTONOSUPPORT	93
#define EOPNOTSUPP	95

#endif /* _COCO_EARLY_LINUX_ERRNO_H */

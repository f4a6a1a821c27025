/* SPDX-License-Identifier: GPL-2.0-only */
/* Hosted shim for test_attest_snp: coco_guest.h only names struct kobject. */
#ifndef _COCO_SHIM_LINUX_KOBJECT_H
#define _COCO_SHIM_LINUX_KOBJECT_H

struct kobject;

#endif /* _COCO_SHIM_LINUX_KOBJECT_H */

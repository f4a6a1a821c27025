/* SPDX-License-Identifier: GPL-2.0-only */
/* Hosted shim for test_attest_snp: coco_guest.h only names struct dentry. */
#ifndef _COCO_SHIM_LINUX_DEBUGFS_H
#define _COCO_SHIM_LINUX_DEBUGFS_H

struct dentry;

#endif /* _COCO_SHIM_LINUX_DEBUGFS_H */

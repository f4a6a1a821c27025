/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Hosted shim for test_attest_snp: IS_ENABLED() over options defined as 1
 * on the command line (-DCONFIG_X86=1), as the kernel's kconfig.h does.
 */
#ifndef _COCO_SHIM_LINUX_KCONFIG_H
#define _COCO_SHIM_LINUX_KCONFIG_H

#define __COCO_SHIM_ONE_1		0,
#define __coco_shim_second(a, b, ...)	b
#define __coco_shim_pick(junk)		__coco_shim_second(junk 1, 0, 0)
#define __coco_shim_defined(val)	__coco_shim_pick(__COCO_SHIM_ONE_##val)
#define IS_ENABLED(option)		__coco_shim_defined(option)

#endif /* _COCO_SHIM_LINUX_KCONFIG_H */

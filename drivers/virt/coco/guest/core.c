// SPDX-License-Identifier: GPL-2.0-only
/*
 * coco_guest.ko: binds the platform seam, detects the confidential platform
 * and reports it in sysfs.
 *
 * The seam is the simulator's when coco_sim.ko is loaded first, the real one
 * otherwise.  The choice is made once, here; the mechanisms below only ever
 * see a struct coco_platform.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <coco/platform_real.h>
#include <coco/sim.h>
#include "attest.h"
#include "coco_guest.h"

#if IS_ENABLED(CONFIG_X86)
#include <asm/set_memory.h>
#include <coco/sev.h>
#elif IS_ENABLED(CONFIG_S390)
#include <coco/uv.h>
#else
#error "coco_guest supports x86_64 and s390x only"
#endif

static struct coco_guest coco_guest;
static const struct coco_platform *coco_sim_bound;

static int coco_arch_detect(struct coco_guest *guest)
{
#if IS_ENABLED(CONFIG_X86)
	return coco_sev_detect(guest->plat, &guest->det);
#else
	return coco_uv_detect(guest->plat, &guest->det, &guest->uv_query);
#endif
}

/**
 * coco_guest_set_shared() - share pages with the host or make them private
 * @va: first page (direct-mapped, physically contiguous)
 * @npages: number of pages
 * @shared: true to share
 *
 * Through coco_guest's own mechanisms where it owns page state (the UV on
 * s390x, the GHCB on x86 SEV-ES/SNP), through the kernel's otherwise.
 *
 * Return: 0, or a negative errno after which the pages must be leaked.
 */
int coco_guest_set_shared(void *va, unsigned long npages, bool shared)
{
#if IS_ENABLED(CONFIG_S390)
	struct coco_uv_status st;

	return coco_guest_uv_set_shared(va, npages, shared, &st);
#else
	int ret = coco_guest_sev_set_shared(va, npages, shared);

	if (ret != -ENODEV)
		return ret;
	/* The kernel owns page state here (stock kernel on real hardware). */
	return shared ? set_memory_decrypted((unsigned long)va, npages) :
			set_memory_encrypted((unsigned long)va, npages);
#endif
}

static int __init coco_guest_init(void)
{
	int ret;

	coco_sim_bound = symbol_get(coco_sim_platform);
	coco_guest.plat = coco_sim_bound ? coco_sim_bound : &coco_real_platform;

	ret = coco_arch_detect(&coco_guest);
	if (ret) {
		pr_err("platform detection through the %s seam failed (%d): refusing to run on an inconsistent platform\n",
		       coco_guest.plat->name, ret);
		goto err_put;
	}

	ret = coco_guest_sysfs_init(&coco_guest);
	if (ret)
		goto err_put;
	coco_guest_abi_dev_init(&coco_guest);
	ret = coco_guest_dev_init(&coco_guest);
	if (ret)
		goto err_sysfs;
	coco_guest_tsm_init(&coco_guest);

	pr_info("platform %s (seam %s, attributes 0x%x)\n",
		coco_platform_kind_name(coco_guest.det.kind),
		coco_guest.plat->name, coco_guest.det.attrs);
	return 0;

err_sysfs:
	coco_guest_abi_dev_exit();
	coco_guest_sysfs_exit();
err_put:
	if (coco_sim_bound)
		symbol_put(coco_sim_platform);
	return ret;
}

static void __exit coco_guest_exit(void)
{
	coco_guest_tsm_exit();
	coco_guest_dev_exit();
	coco_guest_abi_dev_exit();
	coco_guest_sysfs_exit();
	if (coco_sim_bound)
		symbol_put(coco_sim_platform);
}

module_init(coco_guest_init);
module_exit(coco_guest_exit);

MODULE_DESCRIPTION("Confidential VM guest enlightenments (SEV/SEV-ES/SEV-SNP, s390x PV)");
MODULE_LICENSE("GPL");

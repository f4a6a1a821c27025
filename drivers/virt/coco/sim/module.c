// SPDX-License-Identifier: GPL-2.0-only
/*
 * coco_sim.ko: the simulated platform inside a real kernel.  It configures
 * one model machine from its parameters and offers it to coco_guest.ko as a
 * platform seam.  What the model does not own (other CPUID leaves, other
 * facilities) comes from the real machine underneath.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/init.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <coco/sim.h>
#include "coco_sim.h"
#include "sim_fw_relay.h"
#include "sim_native_name.h"

#if IS_ENABLED(CONFIG_X86)
#include <linux/cpuhotplug.h>
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/pci.h>
#include <linux/random.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include <coco/byteimg_le.h>
#include <coco/x86_insn.h>
#elif IS_ENABLED(CONFIG_S390)
#include <linux/bitmap.h>
#include <linux/mm.h>
#include <coco/s390_insn.h>
#endif

static char *sev = "snp";
module_param(sev, charp, 0444);
MODULE_PARM_DESC(sev, "x86: SEV generation to simulate: none, sev, es, snp (default snp)");

static int cbit_lie = -1;
module_param(cbit_lie, int, 0444);
MODULE_PARM_DESC(cbit_lie, "x86: hostile hypervisor: CPUID 0x8000001F and the GHCB SEV information claim this C-bit position (0..63) instead of the model's 51 (default -1: tell the truth)");

static bool pv = true;
module_param(pv, bool, 0444);
MODULE_PARM_DESC(pv, "s390x: simulate a protected (PV) guest (default Y)");

static struct coco_sim coco_sim_machine;

const struct coco_platform coco_sim_platform = {
	.name = "coco_sim",
	.priv = &coco_sim_machine,
	COCO_SIM_PLATFORM_OPS,
};
EXPORT_SYMBOL_GPL(coco_sim_platform);

#if IS_ENABLED(CONFIG_X86)
static int sim_parse_sev(const char *s, enum coco_sim_sev_level *lvl)
{
	static const char *const names[] = { "none", "sev", "es", "snp" };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (sysfs_streq(s, names[i])) {
			*lvl = i;
			return 0;
		}
	}
	return -EINVAL;
}

/* The model sees guest memory through the kernel's direct map. */
static u64 sim_va_to_gpa(const void *va)
{
	return __pa(va);
}

static void *sim_gpa_to_va(u64 gpa)
{
	return __va(gpa);
}

static unsigned int sim_vcpu_id(void)
{
	return raw_smp_processor_id();
}

/*
 * The hypervisor's devices are QEMU's: port I/O goes to the real ports,
 * MMIO to the one device the model forwards to (QEMU's edu test device),
 * through the model's own mapping of it.
 */
static struct {
	u64 pa;
	u64 len;
	void __iomem *va;
} sim_edu;

static int sim_dev_io(void *ctx, u16 port, unsigned int size, bool in,
		      u32 *val)
{
	if (in)
		*val = coco_x86_in(port, size);
	else
		coco_x86_out(port, size, *val);
	return 0;
}

static int sim_dev_mmio(void *ctx, u64 gpa, void *buf, unsigned int len,
			bool write)
{
	void __iomem *p;

	if (!sim_edu.va || gpa < sim_edu.pa || gpa + len > sim_edu.pa + sim_edu.len)
		return -EINVAL;
	p = sim_edu.va + (gpa - sim_edu.pa);
	switch (len) {
	case 1:
		if (write)
			writeb(*(u8 *)buf, p);
		else
			*(u8 *)buf = readb(p);
		return 0;
	case 2:
		if (write)
			writew(coco_get_le16(buf), p);
		else
			coco_put_le16(buf, readw(p));
		return 0;
	case 4:
		if (write)
			writel(coco_get_le32(buf), p);
		else
			coco_put_le32(buf, readl(p));
		return 0;
	case 8:
		if (write)
			writeq(coco_get_le64(buf), p);
		else
			coco_put_le64(buf, readq(p));
		return 0;
	default:
		return -EINVAL;
	}
}

static void sim_map_edu(void)
{
	struct pci_dev *pdev = pci_get_device(0x1234, 0x11e8, NULL);

	if (!pdev)
		return;
	sim_edu.pa = pci_resource_start(pdev, 0);
	sim_edu.len = pci_resource_len(pdev, 0);
	if (sim_edu.len)
		sim_edu.va = ioremap(sim_edu.pa, sim_edu.len);
	pci_dev_put(pdev);
}

/* The CPU hotplug state that resets a vCPU going offline. */
static int sim_vcpu_hp_state;

static int sim_vcpu_offline(unsigned int cpu)
{
	coco_sim_x86_vcpu_reset(&coco_sim_machine, cpu);
	return 0;
}

static int sim_configure_arch(struct coco_sim *sim)
{
	enum coco_sim_sev_level lvl;
	int ret;
	u64 size = __pa(high_memory);
	u8 *pages;

	if (sim_parse_sev(sev, &lvl)) {
		pr_err("sev=%s: expected none, sev, es or snp\n", sev);
		return -EINVAL;
	}
	if (cbit_lie < -1 || cbit_lie > 63) {
		pr_err("cbit_lie=%d: expected -1 or 0..63\n", cbit_lie);
		return -EINVAL;
	}
	pages = vzalloc(size >> PAGE_SHIFT);
	if (!pages)
		return -ENOMEM;
	/* Set up before coco_guest's, so it runs after it on the way down. */
	ret = cpuhp_setup_state_nocalls(CPUHP_AP_ONLINE_DYN,
					"coco_sim/vcpu:offline", NULL,
					sim_vcpu_offline);
	if (ret < 0) {
		vfree(pages);
		return ret;
	}
	sim_vcpu_hp_state = ret;
	sim->passthrough_cpuid = coco_x86_cpuid;
	coco_sim_x86_configure(sim, lvl);
	sim->x86.va_to_gpa = sim_va_to_gpa;
	sim->x86.gpa_to_va = sim_gpa_to_va;
	sim->x86.vcpu_id = sim_vcpu_id;
	sim->x86.dev_io = sim_dev_io;
	sim->x86.dev_mmio = sim_dev_mmio;
	sim->x86.rdrand_source = get_random_u64;
	if (cbit_lie >= 0) {
		sim->x86.hostile |= SIM_HV_CPUID_CBIT_LIE;
		sim->x86.cbit_lie = cbit_lie;
		pr_info("hostile: CPUID claims C-bit %d, the model uses %u\n",
			cbit_lie, sim->x86.hw_cbit);
	}
	sim_map_edu();
	coco_sim_x86_set_memory(sim, 0, size, pages);
	pr_info("simulating an x86 %s guest\n", lvl ? sev : "non-SEV");
	return 0;
}

static void sim_release_arch(struct coco_sim *sim)
{
	cpuhp_remove_state_nocalls(sim_vcpu_hp_state);
	if (sim_edu.va)
		iounmap(sim_edu.va);
	vfree(sim->x86.pages);
}
#elif IS_ENABLED(CONFIG_S390)
static int sim_configure_arch(struct coco_sim *sim)
{
	/* The UV may touch all directly mapped memory, real = virtual here. */
	u64 size = __pa(high_memory);
	unsigned long *bits = bitmap_zalloc(size >> PAGE_SHIFT, GFP_KERNEL);

	if (!bits)
		return -ENOMEM;
	coco_s390_stfle(sim->s390.facilities, ARRAY_SIZE(sim->s390.facilities));
	coco_sim_s390_configure(sim, pv);
	coco_sim_uv_set_memory(sim, 0, size, bits);
	pr_info("simulating an s390x %s guest\n", pv ? "protected" : "ordinary");
	return 0;
}

static void sim_release_arch(struct coco_sim *sim)
{
	bitmap_free(sim->s390.shared);
}
#endif

static int __init coco_sim_init(void)
{
	int ret = sim_configure_arch(&coco_sim_machine);

	if (ret)
		return ret;
	ret = coco_sim_fw_relay_init(&coco_sim_machine);
	if (ret)
		goto err_arch;
	ret = coco_sim_native_name_init();
	if (ret)
		goto err_relay;
	return 0;

err_relay:
	coco_sim_fw_relay_exit(&coco_sim_machine);
err_arch:
	sim_release_arch(&coco_sim_machine);
	return ret;
}

static void __exit coco_sim_exit(void)
{
	coco_sim_native_name_exit();
	coco_sim_fw_relay_exit(&coco_sim_machine);
	sim_release_arch(&coco_sim_machine);
}

module_init(coco_sim_init);
module_exit(coco_sim_exit);

MODULE_DESCRIPTION("Simulated confidential platform for coco_guest");
MODULE_LICENSE("GPL");

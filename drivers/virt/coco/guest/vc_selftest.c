// SPDX-License-Identifier: GPL-2.0-only
/*
 * In-guest exercise of the #VC emulation, when coco_guest owns the GHCB:
 * real instruction bytes in this module's text are emulated against real
 * QEMU devices through the hypervisor model, which forwards to them.
 *
 *   MMIO  edu PCI device (1234:11e8): identification register, and the
 *         liveness register (reads back the complement of a write)
 *   PIO   isa-debugcon at 0xe9: IN, and REP OUTSB of 5000 bytes (chunked
 *         through the GHCB); the host checks the bytes on its side
 *   also  the unrolled string helper, writing the same port
 *
 * debugfs coco_guest/vc_test: write anything to run, read the report.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <coco/string_io.h>
#include <coco/vc.h>
#include "coco_guest.h"
#include "vc_selftest.h"

#define EDU_VENDOR	0x1234
#define EDU_DEVICE	0x11e8
#define EDU_ID		0x00
#define EDU_LIVENESS	0x04
#define DEBUGCON_PORT	0xe9
#define REP_LEN		5000

/* The instructions to emulate, assembled into this module (never run). */
asm(".pushsection .rodata\n"
	"coco_vc_insn_readl:	movl (%rdi), %eax\n"
	"coco_vc_insn_writel4:	movl %esi, 4(%rdi)\n"
	"coco_vc_insn_readl4:	movl 4(%rdi), %ecx\n"
	"coco_vc_insn_rep_outsb:	rep outsb\n"
	"coco_vc_insn_inb:	inb %dx, %al\n"
	"	ud2\n"
	".popsection");

static const char unrolled_msg[] = "coco-unrolled-outsb\n";

/**
 * struct vc_test - one run's state
 * @ops: memory accessors for the handler
 * @bar_va: this guest's mapping of the edu BAR
 * @bar_pa: its physical address
 * @bar_len: its length
 * @report: what the run found
 * @len: bytes in @report
 */
struct vc_test {
	struct coco_vc_ops ops;
	void __iomem *bar_va;
	u64 bar_pa;
	u64 bar_len;
	char report[512];
	int len;
};

static struct coco_guest *vc_guest;
static struct dentry *vc_debugfs;
static DEFINE_MUTEX(vc_lock);
static char vc_report[512];

static int vt_fetch(void *ctx, u64 rip, u8 *buf, unsigned int len)
{
	return copy_from_kernel_nofault(buf, (void *)rip, len) ? -EFAULT : len;
}

static int vt_read(void *ctx, u64 va, void *buf, unsigned int len)
{
	return copy_from_kernel_nofault(buf, (void *)va, len) ? -EFAULT : 0;
}

/* Only this test's own buffers are written: plain kernel memory. */
static int vt_write(void *ctx, u64 va, const void *buf, unsigned int len)
{
	memcpy((void *)va, buf, len);
	return 0;
}

static int vt_mmio_gpa(void *ctx, u64 va, u64 *gpa)
{
	struct vc_test *t = ctx;
	u64 base = (u64)(unsigned long)t->bar_va;

	if (!t->bar_va || va < base || va >= base + t->bar_len)
		return -EFAULT;
	*gpa = t->bar_pa + (va - base);
	return 0;
}

static void vt_say(struct vc_test *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	t->len += vscnprintf(t->report + t->len, sizeof(t->report) - t->len,
			     fmt, ap);
	va_end(ap);
}

/* Emulate one instruction at @insn with @ctx; RETRY until it is done. */
static enum coco_vc_result vt_emulate(struct coco_vc_env *env,
				      struct coco_vc_ctx *ctx, const u8 *insn,
				      u64 exit_code)
{
	enum coco_vc_result res;

	ctx->regs.rip = (u64)(unsigned long)insn;
	do {
		res = coco_vc_handle(env, ctx, exit_code);
	} while (res == COCO_VC_RETRY);
	return res;
}

static int vt_run(struct vc_test *t, struct coco_ghcb *ghcb, u8 *msg)
{
	struct coco_vc_env env = {
		.plat = vc_guest->plat,
		.ghcb = ghcb,
		.ops = &t->ops,
		.xcr0 = 1,
	};
	struct coco_vc_ctx ctx = { 0 };
	int fails = 0;
	u32 want;

	/* MMIO: the identification register, as a plain readl sees it. */
	want = readl(t->bar_va + EDU_ID);
	ctx.regs.gpr[COCO_INSN_RDI] = (u64)(unsigned long)t->bar_va + EDU_ID;
	if (vt_emulate(&env, &ctx, coco_vc_insn_readl, SVM_EXIT_NPF) ||
	    (u32)ctx.regs.gpr[COCO_INSN_RAX] != want || (want & 0xff) != 0xed)
		fails++;
	vt_say(t, "mmio_id emulated=0x%08x direct=0x%08x\n",
	       (u32)ctx.regs.gpr[COCO_INSN_RAX], want);

	/* MMIO: liveness reads back the complement of what was written. */
	ctx.regs.gpr[COCO_INSN_RDI] = (u64)(unsigned long)t->bar_va;
	ctx.regs.gpr[COCO_INSN_RSI] = 0x12345678;
	if (vt_emulate(&env, &ctx, coco_vc_insn_writel4, SVM_EXIT_NPF) ||
	    vt_emulate(&env, &ctx, coco_vc_insn_readl4, SVM_EXIT_NPF) ||
	    (u32)ctx.regs.gpr[COCO_INSN_RCX] != ~0x12345678U)
		fails++;
	vt_say(t, "mmio_liveness wrote=0x12345678 read=0x%08x\n",
	       (u32)ctx.regs.gpr[COCO_INSN_RCX]);

	/* Port I/O: debugcon reads back its port number. */
	ctx.regs.gpr[COCO_INSN_RDX] = DEBUGCON_PORT;
	ctx.regs.gpr[COCO_INSN_RAX] = 0;
	if (vt_emulate(&env, &ctx, coco_vc_insn_inb, SVM_EXIT_IOIO) ||
	    (u8)ctx.regs.gpr[COCO_INSN_RAX] != DEBUGCON_PORT)
		fails++;
	vt_say(t, "pio_in port=0x%x value=0x%02x\n", DEBUGCON_PORT,
	       (u8)ctx.regs.gpr[COCO_INSN_RAX]);

	/* REP OUTSB of REP_LEN bytes: ceil(REP_LEN / 2032) exits. */
	env.nr_exits = 0;
	ctx.regs.gpr[COCO_INSN_RSI] = (u64)(unsigned long)msg;
	ctx.regs.gpr[COCO_INSN_RCX] = REP_LEN;
	if (vt_emulate(&env, &ctx, coco_vc_insn_rep_outsb, SVM_EXIT_IOIO) ||
	    ctx.regs.gpr[COCO_INSN_RCX] ||
	    env.nr_exits != DIV_ROUND_UP(REP_LEN, GHCB_SHARED_BUF_SIZE))
		fails++;
	vt_say(t, "pio_rep_outsb bytes=%d exits=%lu\n", REP_LEN, env.nr_exits);
	return fails;
}

static ssize_t vc_test_write(struct file *file, const char __user *ubuf,
			     size_t len, loff_t *ppos)
{
	struct coco_ghcb *ghcb;
	struct pci_dev *pdev;
	struct vc_test *t;
	int i, fails = 0;
	u8 *msg;

	t = kzalloc(sizeof(*t), GFP_KERNEL);
	msg = kmalloc(REP_LEN + 1, GFP_KERNEL);
	if (!t || !msg) {
		kfree(t);
		kfree(msg);
		return -ENOMEM;
	}
	for (i = 0; i < REP_LEN - 1; i++)
		msg[i] = 'A' + i % 26;
	msg[REP_LEN - 1] = '\n';
	t->ops = (struct coco_vc_ops){
		.fetch = vt_fetch,
		.read = vt_read,
		.write = vt_write,
		.mmio_gpa = vt_mmio_gpa,
		.ctx = t,
	};

	pdev = pci_get_device(EDU_VENDOR, EDU_DEVICE, NULL);
	if (pdev && !pci_enable_device_mem(pdev)) {
		t->bar_pa = pci_resource_start(pdev, 0);
		t->bar_len = pci_resource_len(pdev, 0);
		t->bar_va = ioremap(t->bar_pa, t->bar_len);
	}
	if (!t->bar_va) {
		vt_say(t, "no edu device: run QEMU with -device edu\nresult=-19\n");
		goto out;
	}

	mutex_lock(&vc_lock);
	ghcb = coco_guest_sev_ghcb_get();
	if (IS_ERR(ghcb)) {
		fails = PTR_ERR(ghcb);
	} else {
		fails = vt_run(t, ghcb, msg);
		coco_guest_sev_ghcb_put(ghcb);
	}
	mutex_unlock(&vc_lock);

	/* The unrolled helper: one OUT per byte through the seam. */
	coco_outs(vc_guest->plat, true, DEBUGCON_PORT, 1, unrolled_msg,
		  sizeof(unrolled_msg) - 1);
	vt_say(t, "unrolled_outsb bytes=%zu\nresult=%d\n",
	       sizeof(unrolled_msg) - 1, fails);
out:
	mutex_lock(&vc_lock);
	strscpy(vc_report, t->report, sizeof(vc_report));
	mutex_unlock(&vc_lock);
	if (t->bar_va)
		iounmap(t->bar_va);
	pci_dev_put(pdev);
	kfree(t);
	kfree(msg);
	return len;
}

static ssize_t vc_test_read(struct file *file, char __user *ubuf, size_t len,
			    loff_t *ppos)
{
	char buf[sizeof(vc_report)];

	mutex_lock(&vc_lock);
	strscpy(buf, vc_report, sizeof(buf));
	mutex_unlock(&vc_lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, strlen(buf));
}

static const struct file_operations vc_test_fops = {
	.owner = THIS_MODULE,
	.read = vc_test_read,
	.write = vc_test_write,
	.llseek = default_llseek,
};

/**
 * coco_guest_vc_selftest_init() - offer debugfs coco_guest/vc_test
 * @guest: the module state
 * @dir: coco_guest's debugfs directory
 */
void coco_guest_vc_selftest_init(struct coco_guest *guest, struct dentry *dir)
{
	vc_guest = guest;
	vc_debugfs = debugfs_create_file("vc_test", 0600, dir, NULL,
					 &vc_test_fops);
}

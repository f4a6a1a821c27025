// SPDX-License-Identifier: GPL-2.0-only
/*
 * SEV-ES/SNP at run time, when coco_guest owns the GHCB and page state
 * (the seam offers those operations; on a stock kernel with the real seam
 * the kernel owns them and this code stays idle): protocol negotiation, one
 * registered GHCB per online CPU (set up by a CPU hotplug callback, so CPUs
 * onlined later get theirs too; a CPU going offline parks its GHCB until it
 * returns), and private <-> shared conversion.
 *
 * Before anything else it verifies the C-bit position CPUID claimed
 * (threats.md item 6), where the seam can probe it: the simulator's can; the
 * real seam on a stock kernel cannot, and there the kernel verified it at
 * its own boot.
 *
 * /sys/kernel/coco_guest/sev/ reports the session, the C-bit check
 * (cbit_verified) and the page-state counters;
 * debugfs coco_guest/snp_share_test converts freshly allocated pages back
 * and forth so the path can be exercised from user space.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpuhotplug.h>
#include <linux/cpumask.h>
#include <linux/debugfs.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/sysfs.h>
#include <coco/cbit_verify.h>
#include <coco/sev_setup.h>
#include <coco/snp_psc.h>
#include "coco_guest.h"

/**
 * struct sev_runtime - coco_guest's SEV state
 * @guest: the module state
 * @session: what negotiation settled
 * @ghcb: per-CPU GHCBs in service (nr_cpu_ids entries), NULL for CPUs
 *	without one (offline, or not yet registered)
 * @parked: the GHCBs of CPUs gone offline, kept for their return
 * @nr_ghcbs: CPUs with a GHCB in service
 * @hp_state: the CPU hotplug state that sets them up, 0 before
 * @lock: serialises page state changes (and so @mem)
 * @mem: page state change context and counters
 * @leaked_pages: pages never freed because their conversion failed
 * @last_test: result line of the last snp_share_test run
 * @kobj: /sys/kernel/coco_guest/sev
 * @debugfs: debugfs directory
 */
struct sev_runtime {
	struct coco_guest *guest;
	struct coco_sev_session session;
	struct coco_ghcb **ghcb;
	struct coco_ghcb **parked;
	unsigned int nr_ghcbs;
	int hp_state;
	struct mutex lock;	/* one page state change at a time */
	struct coco_snp_mem mem;
	unsigned long leaked_pages;
	char last_test[128];
	struct kobject *kobj;
	struct dentry *debugfs;
};

static struct sev_runtime *sev_rt;
/* The runtime the CPU hotplug callback works for (set before sev_rt). */
static struct sev_runtime *sev_hp_rt;
static struct coco_cbit_result sev_cbit;

/*
 * Page state change through the MSR protocol, for a CPU without a GHCB of
 * ours in service (while it is being set up, or on the way offline).
 * Each request and answer passes through this CPU's GHCB MSR, so nothing
 * else may run on the CPU between them: interrupts off, no migration.
 */
static int sev_convert_msr(struct sev_runtime *rt, unsigned long va,
			   unsigned long npages, bool shared)
{
	unsigned long flags;
	int ret;

	rt->mem.ghcb = NULL;
	local_irq_save(flags);
	ret = coco_snp_set_memory(&rt->mem, va, npages, shared);
	local_irq_restore(flags);
	return ret;
}

/* Under rt->lock: convert with the current CPU's GHCB, or its MSR. */
static int sev_convert(struct sev_runtime *rt, unsigned long va,
		       unsigned long npages, bool shared)
{
	const struct coco_platform *plat = rt->guest->plat;
	int cpu = get_cpu();
	int ret;

	rt->mem.ghcb = rt->ghcb[cpu];
	if (!rt->mem.ghcb) {
		ret = sev_convert_msr(rt, va, npages, shared);
	} else {
		ret = coco_ghcb_get(rt->mem.ghcb);
		if (!ret) {
			ret = coco_snp_set_memory(&rt->mem, va, npages, shared);
			coco_ghcb_put(rt->mem.ghcb);
		}
	}
	put_cpu();
	if (ret == -EIO) {
		/* The range is in an unknown state: it must never be reused. */
		rt->leaked_pages += npages;
		pr_err("page state change of %lu pages failed, terminating (set %u reason %u)\n",
		       npages, GHCB_TERM_SET_LINUX, rt->mem.term_reason);
		coco_ghcb_msr_terminate(plat, GHCB_TERM_SET_LINUX,
					rt->mem.term_reason);
	}
	return ret;
}

/**
 * coco_guest_sev_set_shared() - make guest pages shared or private again
 * @va: first page (direct-mapped, physically contiguous)
 * @npages: number of 4 KiB pages
 * @shared: true to share, false to make private
 *
 * Return: 0; -ENODEV when coco_guest does not own SEV page state (only
 * then may the caller use the kernel's own conversion instead); -EINVAL
 * for bad arguments; -EBUSY when this CPU's GHCB is in use; -EIO after a
 * failed conversion, in which case the pages must be leaked by the caller.
 */
int coco_guest_sev_set_shared(void *va, unsigned long npages, bool shared)
{
	int ret;

	if (!sev_rt)
		return -ENODEV;
	mutex_lock(&sev_rt->lock);
	ret = sev_convert(sev_rt, (unsigned long)va, npages, shared);
	mutex_unlock(&sev_rt->lock);
	return ret;
}

/**
 * coco_guest_sev_ghcb_get() - claim this CPU's GHCB for a #VC emulation
 *
 * Disables preemption until coco_guest_sev_ghcb_put().
 *
 * Return: the GHCB, or an ERR_PTR when coco_guest owns no GHCB here or
 * this CPU's is busy.
 */
struct coco_ghcb *coco_guest_sev_ghcb_get(void)
{
	struct coco_ghcb *ghcb;

	if (!sev_rt)
		return ERR_PTR(-ENODEV);
	ghcb = READ_ONCE(sev_rt->ghcb[get_cpu()]);
	if (!ghcb || coco_ghcb_get(ghcb)) {
		put_cpu();
		return ERR_PTR(-EBUSY);
	}
	return ghcb;
}

/**
 * coco_guest_sev_ghcb_put() - release a GHCB from coco_guest_sev_ghcb_get()
 * @ghcb: the GHCB
 */
void coco_guest_sev_ghcb_put(struct coco_ghcb *ghcb)
{
	coco_ghcb_put(ghcb);
	put_cpu();
}

/* Under rt->lock: a new GHCB for this CPU, its page shared. */
static struct coco_ghcb *sev_ghcb_new(struct sev_runtime *rt)
{
	struct coco_ghcb *ghcb = kzalloc(sizeof(*ghcb), GFP_KERNEL);
	u8 *page = (u8 *)get_zeroed_page(GFP_KERNEL);
	u8 reason;

	if (!ghcb || !page) {
		kfree(ghcb);
		free_page((unsigned long)page);
		return ERR_PTR(-ENOMEM);
	}
	if (sev_convert_msr(rt, (unsigned long)page, 1, true)) {
		/* In an unknown state: the page is leaked. */
		rt->leaked_pages++;
		kfree(ghcb);
		reason = rt->mem.term_reason;
		coco_ghcb_msr_terminate(rt->guest->plat, GHCB_TERM_SET_LINUX,
					reason);
		return ERR_PTR(-EIO);
	}
	ghcb->page = page;
	return ghcb;
}

/*
 * Runs on @cpu itself (the GHCB MSR is per CPU), in the hotplug thread.
 * A CPU coming back was reset meanwhile: its parked GHCB is registered
 * and the MSR pointed at it again.  A new CPU gets a new one.  Until the
 * GHCB is in service, this CPU's users take the MSR protocol.
 */
static int sev_cpu_online(unsigned int cpu)
{
	struct sev_runtime *rt = sev_hp_rt;
	struct coco_ghcb *ghcb;
	unsigned long flags;
	int ret;

	mutex_lock(&rt->lock);
	ghcb = rt->parked[cpu];
	if (!ghcb) {
		ghcb = sev_ghcb_new(rt);
		if (IS_ERR(ghcb)) {
			mutex_unlock(&rt->lock);
			return PTR_ERR(ghcb);
		}
		rt->parked[cpu] = ghcb;
	}
	/* Registration goes through this CPU's MSR: nothing in between. */
	local_irq_save(flags);
	ret = coco_ghcb_init(rt->guest->plat, ghcb, ghcb->page,
			     rt->session.version);
	local_irq_restore(flags);
	if (ret) {
		/* Refused: it stays parked (its page is shared). */
		mutex_unlock(&rt->lock);
		coco_ghcb_msr_terminate(rt->guest->plat, GHCB_TERM_SET_LINUX,
					GHCB_TERM_REGISTER);
		return ret;
	}
	rt->parked[cpu] = NULL;
	WRITE_ONCE(rt->ghcb[cpu], ghcb);
	rt->nr_ghcbs++;
	mutex_unlock(&rt->lock);
	return 0;
}

/*
 * Runs on @cpu as it goes offline: its GHCB leaves service before the CPU
 * is reset, so nothing on the way back up uses it unregistered.
 */
static int sev_cpu_offline(unsigned int cpu)
{
	struct sev_runtime *rt = sev_hp_rt;
	struct coco_ghcb *ghcb;

	mutex_lock(&rt->lock);
	ghcb = rt->ghcb[cpu];
	if (ghcb) {
		/* No holder: a holder keeps preemption off on this CPU. */
		WRITE_ONCE(rt->ghcb[cpu], NULL);
		rt->parked[cpu] = ghcb;
		rt->nr_ghcbs--;
	}
	mutex_unlock(&rt->lock);
	return 0;
}

static ssize_t sev_show(struct kobject *kobj, struct kobj_attribute *attr,
			char *buf);

static struct kobj_attribute sev_attrs[] = {
	__ATTR(ghcb_version, 0444, sev_show, NULL),
	__ATTR(hv_features, 0444, sev_show, NULL),
	__ATTR(psc_exits, 0444, sev_show, NULL),
	__ATTR(psc_entries, 0444, sev_show, NULL),
	__ATTR(pvalidates, 0444, sev_show, NULL),
	__ATTR(leaked_pages, 0444, sev_show, NULL),
	__ATTR(cbit_verified, 0444, sev_show, NULL),
	__ATTR(ghcbs, 0444, sev_show, NULL),
};

static ssize_t sev_show(struct kobject *kobj, struct kobj_attribute *attr,
			char *buf)
{
	struct sev_runtime *rt = sev_rt;
	unsigned long v;

	switch (attr - sev_attrs) {
	case 0:
		return sysfs_emit(buf, "%u\n", rt->session.version);
	case 1:
		return sysfs_emit(buf, "0x%llx\n", rt->session.hv_features);
	case 2:
		v = rt->mem.nr_psc_exits;
		break;
	case 3:
		v = rt->mem.nr_psc_entries;
		break;
	case 4:
		v = rt->mem.nr_pvalidate;
		break;
	case 6:
		return sysfs_emit(buf, "%s\n",
				  coco_cbit_state_name(sev_cbit.state));
	case 7:
		v = READ_ONCE(rt->nr_ghcbs);
		break;
	default:
		v = rt->leaked_pages;
		break;
	}
	return sysfs_emit(buf, "%lu\n", v);
}

/* Convert 2^order fresh pages to shared and back; report the cost. */
static ssize_t share_test_write(struct file *file, const char __user *ubuf,
				size_t len, loff_t *ppos)
{
	struct sev_runtime *rt = sev_rt;
	unsigned long npages, exits, entries;
	struct page *pages;
	unsigned int order;
	int ret;

	ret = kstrtoul_from_user(ubuf, len, 0, &npages);
	if (ret)
		return ret;
	if (!npages || npages > 1024)
		return -EINVAL;
	order = get_order(npages << PAGE_SHIFT);
	pages = alloc_pages(GFP_KERNEL, order);
	if (!pages)
		return -ENOMEM;

	mutex_lock(&rt->lock);
	exits = rt->mem.nr_psc_exits;
	entries = rt->mem.nr_psc_entries;
	ret = sev_convert(rt, (unsigned long)page_address(pages), npages, true);
	if (!ret)
		ret = sev_convert(rt, (unsigned long)page_address(pages), npages,
				  false);
	snprintf(rt->last_test, sizeof(rt->last_test),
		 "pages=%lu entries=%lu exits=%lu result=%d\n", npages,
		 rt->mem.nr_psc_entries - entries,
		 rt->mem.nr_psc_exits - exits, ret);
	mutex_unlock(&rt->lock);
	if (ret)
		return ret;	/* leaked on purpose: the state is unknown */
	__free_pages(pages, order);
	return len;
}

static ssize_t share_test_read(struct file *file, char __user *ubuf,
			       size_t len, loff_t *ppos)
{
	struct sev_runtime *rt = sev_rt;
	char buf[sizeof(rt->last_test)];

	mutex_lock(&rt->lock);
	strscpy(buf, rt->last_test, sizeof(buf));
	mutex_unlock(&rt->lock);
	return simple_read_from_buffer(ubuf, len, ppos, buf, strlen(buf));
}

static const struct file_operations share_test_fops = {
	.owner = THIS_MODULE,
	.read = share_test_read,
	.write = share_test_write,
	.llseek = default_llseek,
};

static void sev_runtime_free(struct sev_runtime *rt)
{
	int cpu;

	if (rt->hp_state > 0)
		cpuhp_remove_state_nocalls(rt->hp_state);
	sev_hp_rt = NULL;
	/* GHCB pages stay shared and registered: they are never freed. */
	for_each_possible_cpu(cpu) {
		if (rt->ghcb)
			kfree(rt->ghcb[cpu]);
		if (rt->parked)
			kfree(rt->parked[cpu]);
	}
	kfree(rt->ghcb);
	kfree(rt->parked);
	kfree(rt);
}

/*
 * The C-bit check at load.  Its probe word comes from kmalloc so that its
 * physical address is its direct-map address.  A failed check refuses the
 * load: on SEV-ES/SNP the hypervisor was also asked to terminate the
 * guest; on plain SEV there is no such request, and a kernel would halt
 * here (a module can only refuse).
 */
static int sev_verify_cbit(struct coco_guest *guest)
{
	u64 *word = kmalloc(sizeof(*word), GFP_KERNEL);
	int ret;

	if (!word)
		return -ENOMEM;
	ret = coco_sev_cbit_verify(guest->plat, &guest->det, word, &sev_cbit);
	kfree(word);
	switch (sev_cbit.state) {
	case COCO_CBIT_VERIFIED:
		pr_info("C-bit position %u verified (%u RDRANDs, one probe)\n",
			sev_cbit.cbit, sev_cbit.rdrand_calls);
		return 0;
	case COCO_CBIT_BY_KERNEL:
		/* The kernel ran its own sev_verify_cbit at boot. */
		return 0;
	case COCO_CBIT_NOT_APPLICABLE:
		return 0;
	case COCO_CBIT_NO_RANDOM:
		pr_err("no trusted source of randomness available (RDRAND absent or failing after %u tries): cannot verify the C-bit, refusing to load%s\n",
		       sev_cbit.rdrand_calls, sev_cbit.terminated ?
		       ", termination requested (set 0 reason 0)" : "");
		return ret;
	default:
		pr_err("C-bit position %u from CPUID 0x8000001F failed verification (probe %d): the hypervisor lies about the C-bit, refusing to load\n",
		       sev_cbit.cbit, sev_cbit.probe_err);
		if (sev_cbit.terminated)
			pr_err("termination reason set %u code %u requested\n",
			       sev_cbit.term_set, sev_cbit.term_reason);
		else
			pr_err("plain SEV: no GHCB to ask for termination through; a kernel would halt here\n");
		return ret ? ret : -EIO;
	}
}

/**
 * coco_guest_sev_init() - bring up SEV-ES/SNP run-time support
 * @guest: the module state, after detection
 * @parent: the coco_guest kobject
 *
 * Verifies the C-bit on SEV, SEV-ES and SNP where the seam can probe it.
 * Otherwise does nothing (and succeeds) when the platform is not
 * SEV-ES/SNP or when the seam leaves the GHCB to the kernel.
 *
 * Return: 0, or a negative errno after which the module must not load.
 */
int coco_guest_sev_init(struct coco_guest *guest, struct kobject *parent)
{
	const struct coco_platform *plat = guest->plat;
	struct sev_runtime *rt;
	unsigned int i;
	int ret;

	ret = sev_verify_cbit(guest);
	if (ret)
		return ret;
	if (!(guest->det.attrs & COCO_ATTR_STATE_ENCRYPT) || !plat->vmgexit ||
	    !plat->pvalidate || !plat->set_cbit)
		return 0;
	rt = kzalloc(sizeof(*rt), GFP_KERNEL);
	if (!rt)
		return -ENOMEM;
	rt->guest = guest;
	rt->ghcb = kcalloc(nr_cpu_ids, sizeof(*rt->ghcb), GFP_KERNEL);
	rt->parked = kcalloc(nr_cpu_ids, sizeof(*rt->parked), GFP_KERNEL);
	if (!rt->ghcb || !rt->parked) {
		kfree(rt->ghcb);
		kfree(rt->parked);
		kfree(rt);
		return -ENOMEM;
	}
	mutex_init(&rt->lock);
	rt->mem.plat = plat;
	rt->mem.max_entries = PSC_MAX_ENTRIES;

	ret = coco_sev_setup(plat, &guest->det, &rt->session);
	if (ret) {
		pr_err("SEV setup refused this platform (%d): termination requested, set %u reason %u\n",
		       ret, rt->session.term_set, rt->session.term_reason);
		goto err_free;
	}
	/* Every online CPU now, and each one onlined later. */
	sev_hp_rt = rt;
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "coco_guest/sev:online",
				sev_cpu_online, sev_cpu_offline);
	if (ret < 0) {
		pr_err("GHCB setup failed (%d)\n", ret);
		goto err_free;
	}
	rt->hp_state = ret;

	rt->kobj = kobject_create_and_add("sev", parent);
	if (!rt->kobj) {
		ret = -ENOMEM;
		goto err_free;
	}
	for (i = 0; i < ARRAY_SIZE(sev_attrs); i++) {
		ret = sysfs_create_file(rt->kobj, &sev_attrs[i].attr);
		if (ret)
			goto err_kobj;
	}
	rt->debugfs = debugfs_create_dir("coco_guest", NULL);
	debugfs_create_file("snp_share_test", 0600, rt->debugfs, NULL,
			    &share_test_fops);
	coco_guest_vc_selftest_init(guest, rt->debugfs);
	sev_rt = rt;
	pr_info("GHCB protocol v%u, hypervisor features 0x%llx, %u GHCBs\n",
		rt->session.version, rt->session.hv_features, rt->nr_ghcbs);
	return 0;

err_kobj:
	kobject_put(rt->kobj);
err_free:
	sev_runtime_free(rt);
	return ret;
}

/**
 * coco_guest_sev_exit() - tear down what coco_guest_sev_init() set up
 */
void coco_guest_sev_exit(void)
{
	struct sev_runtime *rt = sev_rt;

	if (!rt)
		return;
	sev_rt = NULL;
	debugfs_remove_recursive(rt->debugfs);
	kobject_put(rt->kobj);
	sev_runtime_free(rt);
}

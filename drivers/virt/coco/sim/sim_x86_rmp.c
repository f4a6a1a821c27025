// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86 memory model: the RMP state of every 4 KiB page (private or shared,
 * validated, 4 KiB or 2 MiB entry), PVALIDATE with its size-mismatch and
 * no-update results, and the C-bit of the guest's mappings.  It counts
 * state changes made out of the required order.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/sev.h>
#include "coco_sim.h"
#include "sim_x86.h"

/**
 * coco_sim_x86_set_memory() - the guest memory the model tracks
 * @sim: the model
 * @base: first guest physical address, 2 MiB aligned
 * @size: size in bytes
 * @pages: one state byte per 4 KiB page, owned by the caller
 *
 * Memory starts as a launched SNP guest's: private, validated, mapped
 * with the C-bit, in 4 KiB RMP entries.
 */
void coco_sim_x86_set_memory(struct coco_sim *sim, u64 base, u64 size,
			     u8 *pages)
{
	u64 i, n = size / SEV_PAGE_SIZE;

	sim->x86.mem_base = base;
	sim->x86.mem_size = n * SEV_PAGE_SIZE;
	sim->x86.pages = pages;
	for (i = 0; i < n; i++)
		pages[i] = SIM_PG_ASSIGNED | SIM_PG_VALIDATED | SIM_PG_ENC;
}

static u8 *sim_page(const struct coco_sim_x86 *x, u64 gpa)
{
	if (!x->pages || gpa < x->mem_base || gpa - x->mem_base >= x->mem_size)
		return NULL;
	return &x->pages[(gpa - x->mem_base) / SEV_PAGE_SIZE];
}

/**
 * coco_sim_x86_page_state() - SIM_PG_* state of one page
 * @sim: the model
 * @gpa: an address inside the page
 *
 * Return: the state, 0 outside the model.
 */
u8 coco_sim_x86_page_state(const struct coco_sim *sim, u64 gpa)
{
	u8 *pg = sim_page(&sim->x86, gpa);

	return pg ? *pg : 0;
}

/**
 * coco_sim_va_to_gpa() - the guest's address translation
 * @plat: a platform whose priv is a struct coco_sim
 * @va: guest virtual address
 *
 * Return: the guest physical address.
 */
u64 coco_sim_va_to_gpa(const struct coco_platform *plat, const void *va)
{
	struct coco_sim *sim = plat->priv;

	if (sim->x86.va_to_gpa)
		return sim->x86.va_to_gpa(va);
	return (u64)(unsigned long)va;
}

/*
 * The hypervisor's PSMASH: the 2 MiB entry holding @gpa becomes 512 entries
 * of 4 KiB, each keeping its state.
 */
static void sim_rmp_smash(struct coco_sim_x86 *x, u64 gpa)
{
	u64 base2m = gpa & ~(SEV_PAGES_PER_2M * SEV_PAGE_SIZE - 1);
	u8 *region = sim_page(x, base2m);
	unsigned long i;

	if (!region || !(region[0] & SIM_PG_RMP_2M))
		return;
	for (i = 0; i < SEV_PAGES_PER_2M; i++)
		region[i] &= ~SIM_PG_RMP_2M;
	x->nr_rmp_smash++;
}

/**
 * coco_sim_pvalidate() - PVALIDATE on the model
 * @plat: a platform whose priv is a struct coco_sim
 * @va: the page
 * @huge: 2 MiB (true) or 4 KiB
 * @validate: validate (true) or rescind
 *
 * A 4 KiB PVALIDATE inside a 2 MiB RMP entry takes a nested page fault
 * on hardware; the hypervisor smashes the entry and the instruction is
 * retried, so here it simply succeeds on the split entry.
 *
 * Return: PVALIDATE_OK, PVALIDATE_FAIL_INPUT (outside memory, misaligned,
 * or not private), PVALIDATE_FAIL_SIZEMISMATCH (2 MiB asked of 4 KiB
 * entries), or PVALIDATE_FAIL_NOUPDATE (already in that state).
 */
int coco_sim_pvalidate(const struct coco_platform *plat, unsigned long va,
		       bool huge, bool validate)
{
	struct coco_sim *sim = plat->priv;
	struct coco_sim_x86 *x = &sim->x86;
	unsigned long i, n = huge ? SEV_PAGES_PER_2M : 1;
	u64 gpa = coco_sim_va_to_gpa(plat, (void *)va);
	u8 *pg = sim_page(x, gpa);
	bool changed = false;

	x->nr_pvalidate++;
	if (!pg || gpa % (n * SEV_PAGE_SIZE) ||
	    !sim_page(x, gpa + (n - 1) * SEV_PAGE_SIZE))
		return PVALIDATE_FAIL_INPUT;
	if (!huge && (*pg & SIM_PG_RMP_2M))
		sim_rmp_smash(x, gpa);
	for (i = 0; i < n; i++) {
		if (!(pg[i] & SIM_PG_ASSIGNED))
			return PVALIDATE_FAIL_INPUT;
		if (!!(pg[i] & SIM_PG_RMP_2M) != huge)
			return PVALIDATE_FAIL_SIZEMISMATCH;
	}
	for (i = 0; i < n; i++) {
		if (!!(pg[i] & SIM_PG_VALIDATED) == validate)
			continue;
		pg[i] ^= SIM_PG_VALIDATED;
		changed = true;
	}
	return changed ? PVALIDATE_OK : PVALIDATE_FAIL_NOUPDATE;
}

/**
 * coco_sim_set_cbit() - the guest changes the C-bit of its mappings
 * @plat: a platform whose priv is a struct coco_sim
 * @va: first page
 * @npages: pages
 * @enc: set (true) or clear the C-bit
 *
 * Return: 0, or -EINVAL outside the model.
 */
int coco_sim_set_cbit(const struct coco_platform *plat, unsigned long va,
		      unsigned long npages, bool enc)
{
	struct coco_sim *sim = plat->priv;
	struct coco_sim_x86 *x = &sim->x86;
	unsigned long i;
	u8 *pg;

	for (i = 0; i < npages; i++) {
		pg = sim_page(x, coco_sim_va_to_gpa(plat, (void *)(va +
						i * SEV_PAGE_SIZE)));
		if (!pg)
			return -EINVAL;
		/* A mapping may only turn shared after the page did. */
		if (!enc && (*pg & SIM_PG_ASSIGNED))
			x->nr_order_violations++;
		if (enc)
			*pg |= SIM_PG_ENC;
		else
			*pg &= ~SIM_PG_ENC;
	}
	return 0;
}

/**
 * sim_x86_rmp_update() - the hypervisor changes one PSC entry's pages
 * @x: the model
 * @gpa: first page
 * @huge: a 2 MiB entry
 * @private: to private (true) or shared
 *
 * Return: false when the entry lies outside the model or is misaligned.
 */
bool sim_x86_rmp_update(struct coco_sim_x86 *x, u64 gpa, bool huge,
			bool private)
{
	unsigned long i, n = huge ? SEV_PAGES_PER_2M : 1;
	u8 *pg = sim_page(x, gpa);

	if (!pg || gpa % (n * SEV_PAGE_SIZE) ||
	    !sim_page(x, gpa + (n - 1) * SEV_PAGE_SIZE))
		return false;
	/* A 4 KiB change inside a 2 MiB entry splits the entry first. */
	if (!huge && (*pg & SIM_PG_RMP_2M))
		sim_rmp_smash(x, gpa);
	for (i = 0; i < n; i++) {
		if (!private && (pg[i] & SIM_PG_VALIDATED))
			x->nr_order_violations++;
		pg[i] &= SIM_PG_ENC;
		if (private)
			pg[i] |= SIM_PG_ASSIGNED;
		if (huge)
			pg[i] |= SIM_PG_RMP_2M;
	}
	return true;
}

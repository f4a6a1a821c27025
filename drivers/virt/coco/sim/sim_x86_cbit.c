// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86 hardware model: RDRAND, and what a read through a page table entry
 * with one chosen bit set returns.  The C-bit position is the hardware's
 * (@hw_cbit), whatever CPUID reports.  A mapping whose leaf has that bit
 * reads the guest's plaintext.  A mapping with another bit reads without
 * the guest's key:
 *
 * - an address bit (below @phys_bits) names another physical page, read
 *   unencrypted: the hypervisor's view of that page;
 * - a reserved bit (from @phys_bits up to 51) makes the walk fault;
 * - an ignored bit (52..62) or NX (63) reads the same page unencrypted:
 *   its ciphertext.
 *
 * The model's ciphertext is the plaintext XORed with a per-page keystream
 * that is never zero in bit 0, so it never equals the plaintext.  With
 * %SIM_HV_CBIT_PLANT the hypervisor has written its guess of the guest's
 * value into the shared view instead, which is how it would beat a check
 * made with a value it can predict.
 */
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/sev.h>
#include "coco_sim.h"

/* A 64-bit mixing function (splitmix64's finaliser). */
static u64 sim_mix(u64 z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static u64 sim_keystream(const struct coco_sim_x86 *x, u64 gpa)
{
	return sim_mix(x->mem_key ^ (gpa >> 12)) | 1;
}

/**
 * coco_sim_rdrand() - RDRAND on the model
 * @plat: a platform whose priv is a struct coco_sim
 * @val: the value (0 when CF is clear, as on hardware)
 *
 * Return: 0 (CF set) or -EAGAIN (CF clear).
 */
int coco_sim_rdrand(const struct coco_platform *plat, u64 *val)
{
	struct coco_sim *sim = plat->priv;
	struct coco_sim_x86 *x = &sim->x86;

	x->nr_rdrand++;
	*val = 0;
	if (x->rdrand_fail_next) {
		x->rdrand_fail_next--;
		return -EAGAIN;
	}
	switch (x->rdrand_fault) {
	case SIM_RDRAND_FAIL:
		return -EAGAIN;
	case SIM_RDRAND_ZERO:
		return 0;
	case SIM_RDRAND_ONES:
		*val = ~0ULL;
		return 0;
	case SIM_RDRAND_STUCK:
		*val = SIM_RDRAND_STUCK_VALUE;
		return 0;
	default:
		break;
	}
	if (x->rdrand_source) {
		*val = x->rdrand_source();
	} else {
		x->rdrand_state += 0x9e3779b97f4a7c15ULL;
		*val = sim_mix(x->rdrand_state);
	}
	return 0;
}

/**
 * coco_sim_cbit_probe() - the C-bit probe on the model
 * @plat: a platform whose priv is a struct coco_sim
 * @word: private, 8-byte-aligned guest word; NULL asks whether the model
 *	can probe (it always can)
 * @val: stored through the encrypted mapping
 * @bit: the page table entry bit of the test mapping
 * @seen: what the read through the test mapping returned
 *
 * Return: 0; -EFAULT when @bit is reserved (the walk faults); -EINVAL when
 * @word is misaligned or lies in a page the guest maps shared.
 */
int coco_sim_cbit_probe(const struct coco_platform *plat, u64 *word, u64 val,
			unsigned int bit, u64 *seen)
{
	struct coco_sim *sim = plat->priv;
	struct coco_sim_x86 *x = &sim->x86;
	u64 gpa, mask, other;
	u8 state;

	if (!word)
		return 0;
	x->nr_cbit_probe++;
	if (((unsigned long)word & 7) || bit > 63)
		return -EINVAL;
	gpa = coco_sim_va_to_gpa(plat, word);
	state = coco_sim_x86_page_state(sim, gpa);
	/* Outside the memory model counts as private and encrypted. */
	if (gpa >= x->mem_base && gpa - x->mem_base < x->mem_size &&
	    !(state & SIM_PG_ENC))
		return -EINVAL;

	/* The store through the encrypted mapping: the guest's plaintext. */
	WRITE_ONCE(*word, val);

	if (bit == x->hw_cbit) {
		*seen = READ_ONCE(*word);
		return 0;
	}
	if (bit >= x->phys_bits && bit <= 51)
		return -EFAULT;
	if (x->hostile & SIM_HV_CBIT_PLANT) {
		*seen = x->cbit_plant;
		return 0;
	}
	mask = 1ULL << bit;
	if (bit < x->phys_bits && !(gpa & mask)) {
		/* Another page, unencrypted: whatever the hypervisor sees. */
		other = (gpa | mask) & ~7ULL;
		*seen = sim_mix(sim_keystream(x, other) ^ other);
		return 0;
	}
	/* The same page without the key: its ciphertext. */
	*seen = READ_ONCE(*word) ^ sim_keystream(x, gpa);
	return 0;
}

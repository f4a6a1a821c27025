// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86 hardware model: CPUID Fn8000_0000/Fn8000_001F and the SEV_STATUS MSR
 * of an SEV, SEV-ES or SEV-SNP guest.  Leaves it does not own go to the
 * passthrough, so in a QEMU guest the rest of CPUID stays the real one.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/sev.h>
#include "coco_sim.h"
#include "sim_x86.h"

/* An EPYC-like encryption leaf: C-bit 51, one address bit lost. */
#define SIM_CBIT		51
#define SIM_PHYS_REDUCTION	1
#define SIM_PHYS_BITS		48

/**
 * coco_sim_x86_configure() - make the model an SEV guest of one generation
 * @sim: the model
 * @lvl: the generation, or COCO_SIM_SEV_NONE for an ordinary machine
 */
void coco_sim_x86_configure(struct coco_sim *sim, enum coco_sim_sev_level lvl)
{
	struct coco_sim_x86 *x = &sim->x86;
	u32 eax = SEV_CPUID_EAX_SME | SEV_CPUID_EAX_SEV;
	u64 status = SEV_STATUS_SEV;
	unsigned int i;

	x->max_ext_leaf = 0;
	x->mem_encrypt_leaf = (struct coco_cpuid_regs){ 0 };
	x->sev_status = 0;
	x->sev_status_exists = false;
	for (i = 0; i < COCO_SIM_MAX_VCPUS; i++) {
		x->ghcb_msr[i] = 0;
		x->registered_gpa[i] = 0;
	}
	x->hv_min_version = GHCB_PROTOCOL_MIN;
	x->hv_max_version = GHCB_PROTOCOL_MAX;
	x->hv_features = lvl == COCO_SIM_SEV_SNP ?
			 GHCB_HV_FT_SNP | GHCB_HV_FT_SNP_AP_CREATION : 0;
	x->terminated = false;
	x->hw_cbit = SIM_CBIT;
	x->phys_bits = SIM_PHYS_BITS;
	/* Any constants do: the model's keys and generator are no secret. */
	x->mem_key = 0x9e3779b97f4a7c15ULL;
	x->rdrand_state = 0x2545f4914f6cdd1dULL;
	if (lvl == COCO_SIM_SEV_NONE)
		return;

	if (lvl >= COCO_SIM_SEV_ES) {
		eax |= SEV_CPUID_EAX_SEV_ES;
		status |= SEV_STATUS_SEV_ES;
	}
	if (lvl >= COCO_SIM_SEV_SNP) {
		eax |= SEV_CPUID_EAX_SEV_SNP;
		status |= SEV_STATUS_SEV_SNP;
	}
	x->max_ext_leaf = SEV_CPUID_MEM_ENCRYPT_LEAF;
	x->mem_encrypt_leaf.eax = eax;
	x->mem_encrypt_leaf.ebx = SIM_CBIT |
		(SIM_PHYS_REDUCTION << SEV_CPUID_EBX_PHYS_RED_SHIFT);
	x->sev_status = status;
	x->sev_status_exists = true;
}

/**
 * coco_sim_x86_vcpu_reset() - a vCPU was reset (taken offline, brought back)
 * @sim: the model
 * @vcpu: which one
 *
 * Its GHCB MSR and its GHCB registration are gone: the guest must register
 * a GHCB again before it uses one on that vCPU.
 */
void coco_sim_x86_vcpu_reset(struct coco_sim *sim, unsigned int vcpu)
{
	if (vcpu >= COCO_SIM_MAX_VCPUS)
		return;
	sim->x86.ghcb_msr[vcpu] = 0;
	sim->x86.registered_gpa[vcpu] = 0;
}

static void sim_passthrough(struct coco_sim *sim, u32 leaf, u32 subleaf,
			    struct coco_cpuid_regs *regs)
{
	if (sim->passthrough_cpuid)
		sim->passthrough_cpuid(leaf, subleaf, regs);
	else
		*regs = (struct coco_cpuid_regs){ 0 };
}

/**
 * coco_sim_cpuid() - CPUID on the model
 * @plat: a platform whose priv is a struct coco_sim
 * @leaf: EAX input
 * @subleaf: ECX input
 * @regs: the result
 */
void coco_sim_cpuid(const struct coco_platform *plat, u32 leaf, u32 subleaf,
		    struct coco_cpuid_regs *regs)
{
	struct coco_sim *sim = plat->priv;
	struct coco_sim_x86 *x = &sim->x86;

	x->nr_cpuid++;
	sim_passthrough(sim, leaf, subleaf, regs);
	if (!x->max_ext_leaf)
		return;

	if (leaf == SEV_CPUID_EXT_MAX_LEAF && regs->eax < x->max_ext_leaf) {
		regs->eax = x->max_ext_leaf;
	} else if (leaf == SEV_CPUID_MEM_ENCRYPT_LEAF) {
		*regs = x->mem_encrypt_leaf;
		regs->ebx = (regs->ebx & ~SEV_CPUID_EBX_CBIT_MASK) |
			    sim_x86_reported_cbit(x);
	} else if (leaf == SEV_CPUID_STD_FEATURES_LEAF) {
		/* Every SEV-capable processor has RDRAND (the model's). */
		if (x->hostile & SIM_HV_CPUID_NO_RDRAND)
			regs->ecx &= ~X86_CPUID_1_ECX_RDRAND;
		else
			regs->ecx |= X86_CPUID_1_ECX_RDRAND;
	}
}

/**
 * sim_x86_reported_cbit() - the C-bit position the hypervisor reports
 * @x: the model
 *
 * Return: the hardware's position, or the lie under %SIM_HV_CPUID_CBIT_LIE.
 */
unsigned int sim_x86_reported_cbit(const struct coco_sim_x86 *x)
{
	if (x->hostile & SIM_HV_CPUID_CBIT_LIE)
		return x->cbit_lie & SEV_CPUID_EBX_CBIT_MASK;
	return x->mem_encrypt_leaf.ebx & SEV_CPUID_EBX_CBIT_MASK;
}

/**
 * coco_sim_rdmsr() - RDMSR on the model
 * @plat: a platform whose priv is a struct coco_sim
 * @msr: MSR index
 * @val: the value read
 *
 * Return: 0, or -EIO for an MSR the model does not have (a #GP on hardware).
 */
int coco_sim_rdmsr(const struct coco_platform *plat, u32 msr, u64 *val)
{
	struct coco_sim *sim = plat->priv;
	struct coco_sim_x86 *x = &sim->x86;

	x->nr_rdmsr++;
	if (msr == MSR_SEV_STATUS && x->sev_status_exists) {
		*val = x->sev_status;
		return 0;
	}
	return -EIO;
}

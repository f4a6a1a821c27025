// SPDX-License-Identifier: GPL-2.0-only
/*
 * C-bit verification (threats.md item 6): a fresh random value, stored
 * through an encrypted mapping, must read back unchanged through a mapping
 * built with the C-bit position the hypervisor claimed.  RDRAND is the
 * only source of randomness early boot has, and the hypervisor cannot
 * influence it; without it the guest refuses to run, because a value the
 * hypervisor can predict is a value it can plant in the shared view.
 *
 * A failed check on SEV-ES/SNP asks the hypervisor to terminate the guest
 * through the GHCB MSR protocol, which needs no memory and so works even
 * with the C-bit unknown.  Plain SEV has no GHCB: the function returns the
 * error and the caller must stop the CPU itself (see coco_sev_cbit_verify()).
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/cbit_verify.h>
#include <coco/ghcb.h>
#include <coco/sev.h>

static bool rdrand_plausible(u64 v)
{
	return v != 0 && v != ~0ULL;
}

static int rdrand_once(const struct coco_platform *plat, u64 *val,
		       unsigned int *calls)
{
	unsigned int i;

	for (i = 0; i < COCO_RDRAND_RETRIES; i++) {
		(*calls)++;
		/* 0 and all ones are what broken generators return. */
		if (!plat->rdrand(plat, val) && rdrand_plausible(*val))
			return 0;
	}
	return -ENODATA;
}

/**
 * coco_rdrand_u64() - a random value the hypervisor cannot predict
 * @plat: the platform seam
 * @val: the value
 * @calls: incremented for every RDRAND executed (may start non-zero)
 *
 * Requires CPUID to advertise RDRAND.  Each value takes at most
 * %COCO_RDRAND_RETRIES executions; results with CF clear, 0 and all ones
 * are discarded.  Two values are drawn and must differ: a generator that
 * repeats itself is stuck, and a stuck value is a predictable one.
 *
 * Return: 0, or -ENODATA when there is no trusted source of randomness.
 */
int coco_rdrand_u64(const struct coco_platform *plat, u64 *val,
		    unsigned int *calls)
{
	struct coco_cpuid_regs regs;
	u64 first;

	if (!plat->rdrand)
		return -ENODATA;
	plat->cpuid(plat, SEV_CPUID_STD_FEATURES_LEAF, 0, &regs);
	if (!(regs.ecx & X86_CPUID_1_ECX_RDRAND))
		return -ENODATA;
	if (rdrand_once(plat, &first, calls) || rdrand_once(plat, val, calls))
		return -ENODATA;
	return *val == first ? -ENODATA : 0;
}

/**
 * coco_cbit_state_name() - short name of a C-bit check outcome
 * @state: the outcome
 *
 * Return: a static string ("verified", "kernel", "mismatch", ...).
 */
const char *coco_cbit_state_name(enum coco_cbit_state state)
{
	switch (state) {
	case COCO_CBIT_NOT_APPLICABLE:
		return "n/a";
	case COCO_CBIT_VERIFIED:
		return "verified";
	case COCO_CBIT_BY_KERNEL:
		return "kernel";
	case COCO_CBIT_MISMATCH:
		return "mismatch";
	case COCO_CBIT_NO_RANDOM:
		return "no-random";
	default:
		return "unchecked";
	}
}

static int cbit_refuse(const struct coco_platform *plat,
		       const struct coco_detection *det,
		       struct coco_cbit_result *res, enum coco_cbit_state state,
		       unsigned int set, unsigned int reason, int err)
{
	res->state = state;
	res->term_set = set;
	res->term_reason = reason;
	/* Plain SEV has no GHCB MSR: writing it would fault. */
	if ((det->sev_status & SEV_STATUS_SEV_ES) && plat->ghcb_msr_write &&
	    plat->vmgexit) {
		res->terminated = true;
		coco_ghcb_msr_terminate(plat, set, reason);
	}
	return err;
}

/**
 * coco_sev_cbit_verify() - check the C-bit position the hypervisor claimed
 * @plat: the platform seam
 * @det: the detection result; @det->cbit is the claim under test
 * @word: an 8-byte-aligned word of private memory the probe may overwrite
 *	(early boot: a static variable; the module: a kmalloc'ed word, so
 *	that its physical address is its direct-map address)
 * @res: the outcome
 *
 * Runs on SEV, SEV-ES and SNP guests alike.  On SNP the C-bit comes from
 * the CPUID table the AMD-SP validated, so the check should never fail
 * there; it runs all the same because it costs two RDRANDs and one probe
 * and does not depend on the table having been used.  vTOM guests have no
 * C-bit and are not checked.
 *
 * On SEV-ES/SNP every failure sends a GHCB termination request: set 0
 * reason 0 (general) when there is no trusted randomness (as Linux does
 * when RDRAND is missing), %GHCB_TERM_SET_COCO %GHCB_TERM_COCO_CBIT when
 * the position is wrong.  On plain SEV there is no way to ask the
 * hypervisor to stop the guest: the caller must not return into code that
 * uses the page tables or the stack any further, but disable interrupts,
 * make the stack pointer unusable and halt for ever (so that no ROP chain
 * planted in the shared view of the stack ever runs).
 *
 * Return: 0 when the position is verified or the check does not apply;
 * -EOPNOTSUPP when the seam cannot probe (the kernel owns the page tables
 * and verified the C-bit itself; @res->state is %COCO_CBIT_BY_KERNEL);
 * -ENODATA without trusted randomness; -EIO when the position is wrong or
 * the probe failed.  After a negative return other than -EOPNOTSUPP the
 * guest must not continue.
 */
int coco_sev_cbit_verify(const struct coco_platform *plat,
			 const struct coco_detection *det, u64 *word,
			 struct coco_cbit_result *res)
{
	u64 val, seen;
	int ret;

	*res = (struct coco_cbit_result){ .cbit = det->cbit };
	if (det->kind != COCO_PLATFORM_SEV && det->kind != COCO_PLATFORM_SEV_ES &&
	    det->kind != COCO_PLATFORM_SEV_SNP) {
		res->state = COCO_CBIT_NOT_APPLICABLE;
		return 0;
	}
	if (det->sev_status & SEV_STATUS_VTOM) {
		res->state = COCO_CBIT_NOT_APPLICABLE;
		return 0;
	}
	/* Ask first: a seam that cannot probe must not cost a refusal. */
	if (!plat->cbit_probe ||
	    plat->cbit_probe(plat, NULL, 0, det->cbit, NULL) == -EOPNOTSUPP) {
		res->state = COCO_CBIT_BY_KERNEL;
		return -EOPNOTSUPP;
	}
	/* Below the page offset or past a PTE: no mapping can test it. */
	if (det->cbit < SEV_CBIT_MIN || det->cbit > 63)
		return cbit_refuse(plat, det, res, COCO_CBIT_MISMATCH,
				   GHCB_TERM_SET_COCO, GHCB_TERM_COCO_CBIT,
				   -EIO);

	if (coco_rdrand_u64(plat, &val, &res->rdrand_calls))
		return cbit_refuse(plat, det, res, COCO_CBIT_NO_RANDOM,
				   GHCB_TERM_SET_GEN, GHCB_TERM_GEN_REQ,
				   -ENODATA);

	seen = ~val;
	ret = plat->cbit_probe(plat, word, val, det->cbit, &seen);
	if (ret == -EOPNOTSUPP) {
		res->state = COCO_CBIT_BY_KERNEL;
		return ret;
	}
	if (ret)
		res->probe_err = ret;
	if (ret || seen != val)
		return cbit_refuse(plat, det, res, COCO_CBIT_MISMATCH,
				   GHCB_TERM_SET_COCO, GHCB_TERM_COCO_CBIT,
				   -EIO);
	res->state = COCO_CBIT_VERIFIED;
	return 0;
}

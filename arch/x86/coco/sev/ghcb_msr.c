// SPDX-License-Identifier: GPL-2.0-only
/*
 * The GHCB MSR protocol: requests and responses carried in the GHCB MSR
 * itself, usable before any GHCB page exists.  Every response code is
 * checked; a response that does not answer the request is an error.
 */
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/ghcb.h>

#define MSR_RESP_CODE(v)	((v) & GHCB_MSR_INFO_MASK)
#define MSR_CPUID_REG_SHIFT	30
#define MSR_PSC_OP_SHIFT	52
#define MSR_PSC_GFN_MASK	GENMASK_ULL(39, 0)
#define MSR_TERM_SET_SHIFT	12
#define MSR_TERM_REASON_SHIFT	16

/**
 * coco_ghcb_msr_call() - one MSR-protocol round trip
 * @plat: the platform seam
 * @request: the request value (GHCBInfo in bits 11:0)
 *
 * The GHCB MSR may hold a registered GHCB address: it is restored after
 * the request so a GHCB in use stays usable.
 *
 * Return: the response value the hypervisor left in the MSR.
 */
u64 coco_ghcb_msr_call(const struct coco_platform *plat, u64 request)
{
	u64 saved = plat->ghcb_msr_read(plat);
	u64 resp;

	plat->ghcb_msr_write(plat, request);
	plat->vmgexit(plat);
	resp = plat->ghcb_msr_read(plat);
	plat->ghcb_msr_write(plat, saved);
	return resp;
}

/**
 * coco_ghcb_msr_sev_info() - ask for SEV information, pick a version
 * @plat: the platform seam
 * @info: the hypervisor's answer and the chosen version
 *
 * Return: 0, -EIO for a response that is not SEV information, or
 * -EPROTO when no protocol version both sides speak exists (the caller
 * terminates with GHCB_TERM_PROT_UNSUPPORTED).
 */
int coco_ghcb_msr_sev_info(const struct coco_platform *plat,
			   struct coco_sev_info *info)
{
	u64 resp = coco_ghcb_msr_call(plat, GHCB_MSR_SEV_INFO_REQ);

	if (MSR_RESP_CODE(resp) != GHCB_MSR_SEV_INFO_RESP)
		return -EIO;
	info->max_version = (resp >> 48) & 0xffff;
	info->min_version = (resp >> 32) & 0xffff;
	info->cbit = (resp >> 24) & 0xff;
	if (info->max_version < GHCB_PROTOCOL_MIN ||
	    info->min_version > GHCB_PROTOCOL_MAX ||
	    info->min_version > info->max_version)
		return -EPROTO;
	info->version = info->max_version < GHCB_PROTOCOL_MAX ?
			info->max_version : GHCB_PROTOCOL_MAX;
	return 0;
}

/**
 * coco_ghcb_msr_cpuid() - CPUID through the MSR protocol
 * @plat: the platform seam
 * @leaf: the leaf (subleaf 0: the protocol has no subleaf)
 * @regs: the four registers, one round trip each
 *
 * Return: 0, or -EIO when a response is not the CPUID response.
 */
int coco_ghcb_msr_cpuid(const struct coco_platform *plat, u32 leaf,
			struct coco_cpuid_regs *regs)
{
	u32 *out[4] = { &regs->eax, &regs->ebx, &regs->ecx, &regs->edx };
	unsigned int reg;
	u64 resp;

	for (reg = 0; reg < 4; reg++) {
		resp = coco_ghcb_msr_call(plat, GHCB_MSR_CPUID_REQ |
					  ((u64)reg << MSR_CPUID_REG_SHIFT) |
					  ((u64)leaf << 32));
		if (MSR_RESP_CODE(resp) != GHCB_MSR_CPUID_RESP)
			return -EIO;
		*out[reg] = resp >> 32;
	}
	return 0;
}

/**
 * coco_ghcb_msr_register() - register a GHCB page's address
 * @plat: the platform seam
 * @gpa: the page's guest physical address, 4 KiB aligned
 *
 * Return: 0, -EINVAL for an unaligned address, or -EIO when the response
 * does not echo the page (the caller terminates with GHCB_TERM_REGISTER).
 */
int coco_ghcb_msr_register(const struct coco_platform *plat, u64 gpa)
{
	u64 gfn = gpa >> GHCB_MSR_DATA_SHIFT;
	u64 resp;

	if (gpa & GHCB_MSR_INFO_MASK)
		return -EINVAL;
	resp = coco_ghcb_msr_call(plat, GHCB_MSR_REG_GPA_REQ |
				  (gfn << GHCB_MSR_DATA_SHIFT));
	if (MSR_RESP_CODE(resp) != GHCB_MSR_REG_GPA_RESP ||
	    (resp >> GHCB_MSR_DATA_SHIFT) != gfn)
		return -EIO;
	return 0;
}

/**
 * coco_ghcb_msr_psc() - change the state of one 4 KiB page
 * @plat: the platform seam
 * @gfn: the page's frame number (40 bits)
 * @shared: true to make it shared, false to make it private
 *
 * Return: 0, -EINVAL for a frame number wider than the protocol field, or
 * -EIO for a wrong response code or an error (the caller terminates with
 * GHCB_TERM_PSC).
 */
int coco_ghcb_msr_psc(const struct coco_platform *plat, u64 gfn, bool shared)
{
	u64 op = shared ? PSC_OP_SHARED : PSC_OP_PRIVATE;
	u64 resp;

	if (gfn & ~MSR_PSC_GFN_MASK)
		return -EINVAL;
	resp = coco_ghcb_msr_call(plat, GHCB_MSR_PSC_REQ |
				  (gfn << GHCB_MSR_DATA_SHIFT) |
				  (op << MSR_PSC_OP_SHIFT));
	if (MSR_RESP_CODE(resp) != GHCB_MSR_PSC_RESP || (resp >> 32))
		return -EIO;
	return 0;
}

/**
 * coco_ghcb_msr_hv_features() - ask which features the hypervisor offers
 * @plat: the platform seam
 * @features: the feature bitmap (GHCB_HV_FT_*)
 *
 * Only defined from protocol version 2 on.
 *
 * Return: 0, or -EIO for a wrong response code.
 */
int coco_ghcb_msr_hv_features(const struct coco_platform *plat, u64 *features)
{
	u64 resp = coco_ghcb_msr_call(plat, GHCB_MSR_HV_FT_REQ);

	if (MSR_RESP_CODE(resp) != GHCB_MSR_HV_FT_RESP)
		return -EIO;
	*features = resp >> GHCB_MSR_DATA_SHIFT;
	return 0;
}

/**
 * coco_ghcb_msr_terminate() - ask the hypervisor to end this guest
 * @plat: the platform seam
 * @set: reason set (GHCB_TERM_SET_*)
 * @reason: reason code within the set
 *
 * On real hardware the hypervisor never resumes the vCPU; callers must not
 * rely on anything after this returns (it only returns to simulators).
 */
void coco_ghcb_msr_terminate(const struct coco_platform *plat,
			     unsigned int set, unsigned int reason)
{
	plat->ghcb_msr_write(plat, GHCB_MSR_TERM_REQ |
			     ((u64)(set & 0xf) << MSR_TERM_SET_SHIFT) |
			     ((u64)(reason & 0xff) << MSR_TERM_REASON_SHIFT));
	plat->vmgexit(plat);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * SEV-ES/SNP setup through the MSR protocol: negotiate a GHCB protocol
 * version, refuse SEV features this guest does not implement, and require
 * the hypervisor features SNP needs.  Each refusal asks the hypervisor to
 * terminate the guest with the reason the GHCB specification defines.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/sev_setup.h>

/**
 * coco_snp_unsupported_features() - SEV features on but not implemented
 * @sev_status: the SEV_STATUS MSR
 *
 * Return: the SEV_STATUS bits that require guest support this guest lacks.
 */
u64 coco_snp_unsupported_features(u64 sev_status)
{
	if (!(sev_status & SEV_STATUS_SEV_SNP))
		return 0;
	return sev_status & SEV_STATUS_SNP_IMPL_REQ & ~SEV_STATUS_SNP_PRESENT;
}

static int sev_refuse(const struct coco_platform *plat,
		      struct coco_sev_session *s, unsigned int set,
		      unsigned int reason, int err)
{
	s->term_set = set;
	s->term_reason = reason;
	coco_ghcb_msr_terminate(plat, set, reason);
	return err;
}

/**
 * coco_sev_setup() - negotiate with the hypervisor and check features
 * @plat: the platform seam
 * @det: the detection result (SEV_STATUS, C-bit)
 * @s: the negotiated session
 *
 * Plain SEV needs no GHCB and returns at once.  The hypervisor's claimed
 * C-bit must agree with CPUID's.
 *
 * Return: 0, or a negative errno after a termination request: -EPROTO (no
 * common protocol version), -EOPNOTSUPP (SNP features or hypervisor
 * features missing), -EIO (a malformed response).
 */
int coco_sev_setup(const struct coco_platform *plat,
		   const struct coco_detection *det,
		   struct coco_sev_session *s)
{
	struct coco_sev_info info;
	bool snp = det->sev_status & SEV_STATUS_SEV_SNP;
	int ret;

	*s = (struct coco_sev_session){ 0 };
	if (!(det->sev_status & SEV_STATUS_SEV_ES))
		return 0;

	ret = coco_ghcb_msr_sev_info(plat, &info);
	if (ret == -EPROTO)
		return sev_refuse(plat, s, GHCB_TERM_SET_GEN,
				  GHCB_TERM_PROT_UNSUPPORTED, ret);
	if (ret || (!(det->sev_status & SEV_STATUS_VTOM) &&
		    info.cbit != det->cbit))
		return sev_refuse(plat, s, GHCB_TERM_SET_GEN,
				  GHCB_TERM_GEN_REQ, -EIO);
	s->version = info.version;
	if (!snp)
		return 0;

	s->unsupported = coco_snp_unsupported_features(det->sev_status);
	/* SNP needs HV_FEATURES, which only exists from version 2 on. */
	if (s->unsupported || s->version < 2)
		return sev_refuse(plat, s, GHCB_TERM_SET_GEN,
				  GHCB_TERM_SNP_UNSUPPORTED, -EOPNOTSUPP);
	if (coco_ghcb_msr_hv_features(plat, &s->hv_features))
		return sev_refuse(plat, s, GHCB_TERM_SET_GEN,
				  GHCB_TERM_GEN_REQ, -EIO);
	if (!(s->hv_features & GHCB_HV_FT_SNP))
		return sev_refuse(plat, s, GHCB_TERM_SET_GEN,
				  GHCB_TERM_SNP_UNSUPPORTED, -EOPNOTSUPP);
	return 0;
}

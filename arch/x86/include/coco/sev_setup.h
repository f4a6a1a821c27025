/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bringing up an SEV-ES/SNP guest's communication with the hypervisor:
 * protocol negotiation and the feature checks that decide whether this
 * guest may run at all.
 */
#ifndef _COCO_X86_SEV_SETUP_H
#define _COCO_X86_SEV_SETUP_H

#include <linux/types.h>
#include <coco/attributes.h>
#include <coco/ghcb.h>

/**
 * struct coco_sev_session - what negotiation settled
 * @version: GHCB protocol version in use (0 for plain SEV: no GHCB)
 * @hv_features: the hypervisor's feature bitmap (SNP)
 * @unsupported: SEV_STATUS features that are on but not implemented here
 * @term_set: when setup failed, the termination reason set requested
 * @term_reason: ... and the reason code
 */
struct coco_sev_session {
	u16 version;
	u64 hv_features;
	u64 unsupported;
	unsigned int term_set;
	unsigned int term_reason;
};

u64 coco_snp_unsupported_features(u64 sev_status);
int coco_sev_setup(const struct coco_platform *plat,
		   const struct coco_detection *det,
		   struct coco_sev_session *s);

#endif /* _COCO_X86_SEV_SETUP_H */

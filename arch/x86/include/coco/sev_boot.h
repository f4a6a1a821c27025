/* SPDX-License-Identifier: GPL-2.0-only */
/* The SEV steps of early boot, in order (arch/x86/coco/sev/sev_boot.c). */
#ifndef _COCO_X86_SEV_BOOT_H
#define _COCO_X86_SEV_BOOT_H

#include <linux/types.h>
#include <coco/attributes.h>
#include <coco/cbit_verify.h>
#include <coco/sev.h>
#include <coco/sev_setup.h>

/**
 * struct coco_sev_boot - what the early SEV steps found
 * @det: detection
 * @cbit: the C-bit check
 * @session: the GHCB negotiation (SEV-ES/SNP)
 */
struct coco_sev_boot {
	struct coco_detection det;
	struct coco_cbit_result cbit;
	struct coco_sev_session session;
};

int coco_sev_boot(const struct coco_platform *plat,
		  struct coco_sev_boot *boot);

#endif /* _COCO_X86_SEV_BOOT_H */

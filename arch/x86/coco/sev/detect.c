// SPDX-License-Identifier: GPL-2.0-only
/*
 * SEV detection: CPUID Fn8000_001F says what the processor could do, the
 * SEV_STATUS MSR says what is active for this guest.  SEV_STATUS is read only
 * when CPUID advertises SEV: on other processors the MSR does not exist.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/sev.h>

static void sev_clear_detection(struct coco_detection *det)
{
	unsigned int i;

	det->kind = COCO_PLATFORM_NONE;
	det->attrs = 0;
	det->sev_status = 0;
	det->cbit = 0;
	det->phys_bits_reduction = 0;
	for (i = 0; i < 4; i++)
		det->uv_calls[i] = 0;
}

static u32 sev_attrs_from_status(u64 status)
{
	u32 attrs = COCO_ATTR_MEM_ENCRYPT | COCO_ATTR_RESTRICTED_VIRTIO;

	/* With vTOM the C-bit rules do not apply and nothing else is implied. */
	if (status & SEV_STATUS_VTOM)
		return attrs | COCO_ATTR_VTOM;
	if (status & SEV_STATUS_SEV_ES)
		attrs |= COCO_ATTR_STATE_ENCRYPT;
	else
		attrs |= COCO_ATTR_UNROLL_STRING_IO;
	if (status & SEV_STATUS_SEV_SNP)
		attrs |= COCO_ATTR_SEV_SNP;
	return attrs;
}

/**
 * coco_sev_detect() - find out whether this is an SEV, SEV-ES or SNP guest
 * @plat: the platform seam
 * @det: filled with the platform kind, attributes, SEV_STATUS and C-bit
 *
 * Return: 0 with @det->kind COCO_PLATFORM_NONE when this is not an SEV guest,
 * 0 with the SEV kind when it is, or -EINVAL when SEV_STATUS or CPUID
 * describe a machine that cannot exist (the caller must not go on as if
 * this were an ordinary guest).
 */
int coco_sev_detect(const struct coco_platform *plat,
		    struct coco_detection *det)
{
	struct coco_cpuid_regs regs;
	u64 status;

	sev_clear_detection(det);

	plat->cpuid(plat, SEV_CPUID_EXT_MAX_LEAF, 0, &regs);
	if (regs.eax < SEV_CPUID_MEM_ENCRYPT_LEAF)
		return 0;

	plat->cpuid(plat, SEV_CPUID_MEM_ENCRYPT_LEAF, 0, &regs);
	if (!(regs.eax & SEV_CPUID_EAX_SEV))
		return 0;

	/* An SEV guest can always read SEV_STATUS; a fault means no guest. */
	if (plat->rdmsr(plat, MSR_SEV_STATUS, &status))
		return 0;
	if (!(status & SEV_STATUS_SEV))
		return 0;

	/* SNP implies ES implies SEV: any other combination is not hardware. */
	if ((status & SEV_STATUS_SEV_SNP) && !(status & SEV_STATUS_SEV_ES))
		return -EINVAL;

	det->sev_status = status;
	det->cbit = regs.ebx & SEV_CPUID_EBX_CBIT_MASK;
	det->phys_bits_reduction = (regs.ebx >> SEV_CPUID_EBX_PHYS_RED_SHIFT) &
				   SEV_CPUID_EBX_PHYS_RED_MASK;
	if (!(status & SEV_STATUS_VTOM) && det->cbit < SEV_CBIT_MIN)
		return -EINVAL;

	if (status & SEV_STATUS_SEV_SNP)
		det->kind = COCO_PLATFORM_SEV_SNP;
	else if (status & SEV_STATUS_SEV_ES)
		det->kind = COCO_PLATFORM_SEV_ES;
	else
		det->kind = COCO_PLATFORM_SEV;
	det->attrs = sev_attrs_from_status(status);
	return 0;
}

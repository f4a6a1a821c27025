// SPDX-License-Identifier: GPL-2.0-only
/*
 * Names of platform kinds and attributes as they appear in sysfs and in the
 * tools.  They are ABI: change them only together with the selftests.
 */
#include <linux/types.h>
#include <coco/attributes.h>

static const char *const coco_kind_names[COCO_PLATFORM_NR] = {
	[COCO_PLATFORM_NONE] = "none",
	[COCO_PLATFORM_SEV] = "sev",
	[COCO_PLATFORM_SEV_ES] = "sev-es",
	[COCO_PLATFORM_SEV_SNP] = "sev-snp",
	[COCO_PLATFORM_S390_PV] = "s390-pv",
};

static const char *const coco_attr_names[COCO_ATTR_NR] = {
	"mem_encrypt",
	"state_encrypt",
	"sev_snp",
	"unroll_string_io",
	"restricted_virtio",
	"vtom",
	"ultravisor",
};

/**
 * coco_platform_kind_name() - sysfs name of a platform kind
 * @kind: the kind
 *
 * Return: the name, or "invalid" for a value outside the enum.
 */
const char *coco_platform_kind_name(enum coco_platform_kind kind)
{
	if ((unsigned int)kind >= COCO_PLATFORM_NR)
		return "invalid";
	return coco_kind_names[kind];
}

/**
 * coco_attr_name() - sysfs name of one attribute bit
 * @bit: bit number (not mask) of a COCO_ATTR_* value
 *
 * Return: the name, or NULL for a bit that has none.
 */
const char *coco_attr_name(unsigned int bit)
{
	if (bit >= COCO_ATTR_NR)
		return NULL;
	return coco_attr_names[bit];
}

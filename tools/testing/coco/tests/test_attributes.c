// SPDX-License-Identifier: GPL-2.0-only
/* The sysfs names of kinds and attributes are ABI: pin them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <coco/attributes.h>

static void test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(coco_platform_kind_name(COCO_PLATFORM_NONE), "none");
	assert_string_equal(coco_platform_kind_name(COCO_PLATFORM_SEV), "sev");
	assert_string_equal(coco_platform_kind_name(COCO_PLATFORM_SEV_ES),
			    "sev-es");
	assert_string_equal(coco_platform_kind_name(COCO_PLATFORM_SEV_SNP),
			    "sev-snp");
	assert_string_equal(coco_platform_kind_name(COCO_PLATFORM_S390_PV),
			    "s390-pv");
	assert_string_equal(coco_platform_kind_name(COCO_PLATFORM_NR),
			    "invalid");
	assert_string_equal(coco_platform_kind_name((enum coco_platform_kind)-1),
			    "invalid");
}

static void test_attr_names(void **state)
{
	static const struct {
		u32 mask;
		const char *name;
	} want[] = {
		{ COCO_ATTR_MEM_ENCRYPT, "mem_encrypt" },
		{ COCO_ATTR_STATE_ENCRYPT, "state_encrypt" },
		{ COCO_ATTR_SEV_SNP, "sev_snp" },
		{ COCO_ATTR_UNROLL_STRING_IO, "unroll_string_io" },
		{ COCO_ATTR_RESTRICTED_VIRTIO, "restricted_virtio" },
		{ COCO_ATTR_VTOM, "vtom" },
		{ COCO_ATTR_ULTRAVISOR, "ultravisor" },
	};
	unsigned int i;

	(void)state;
	assert_int_equal(sizeof(want) / sizeof(want[0]), COCO_ATTR_NR);
	for (i = 0; i < COCO_ATTR_NR; i++) {
		assert_int_equal(want[i].mask, 1U << i);
		assert_string_equal(coco_attr_name(i), want[i].name);
	}
	assert_null(coco_attr_name(COCO_ATTR_NR));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_attr_names),
	};

	return cmocka_run_group_tests_name("attributes", tests, NULL, NULL);
}

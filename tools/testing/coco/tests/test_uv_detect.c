// SPDX-License-Identifier: GPL-2.0-only
/*
 * s390x detection and the UV query against the Ultravisor model, and the
 * exact big-endian bytes of the query control block (run natively on x86 and
 * on s390x under qemu-user).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <coco/uv.h>
#include "coco_sim.h"

struct fixture {
	struct coco_sim sim;
	struct coco_platform plat;
	struct coco_detection det;
};

static int setup(void **state)
{
	static struct fixture f;

	f = (struct fixture){ 0 };
	f.plat = (struct coco_platform){
		.name = "test-sim",
		.priv = &f.sim,
		COCO_SIM_PLATFORM_OPS,
	};
	*state = &f;
	return 0;
}

static void test_facility_158_position(void **state)
{
	struct fixture *f = *state;

	/* Spec table: facility 158 is doubleword 2, mask 0x0000000200000000. */
	coco_sim_set_facility(&f->sim, 158, true);
	assert_true(f->sim.s390.facilities[2] == 0x0000000200000000ULL);
	assert_true(coco_s390_has_facility(&f->plat, 158));
	assert_false(coco_s390_has_facility(&f->plat, 157));
	assert_false(coco_s390_has_facility(&f->plat, 159));
	assert_false(coco_s390_has_facility(&f->plat, 4096));
}

static void test_no_facility_no_uvc(void **state)
{
	struct fixture *f = *state;

	coco_sim_s390_configure(&f->sim, false);
	assert_int_equal(coco_uv_detect(&f->plat, &f->det, NULL), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_NONE);
	assert_int_equal(f->sim.s390.nr_uvc, 0);
	assert_int_equal(f->sim.s390.nr_stfle, 1);
}

static void test_protected_guest(void **state)
{
	struct fixture *f = *state;

	coco_sim_s390_configure(&f->sim, true);
	assert_int_equal(coco_uv_detect(&f->plat, &f->det, NULL), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_S390_PV);
	assert_int_equal(f->det.attrs, COCO_ATTR_MEM_ENCRYPT |
			 COCO_ATTR_RESTRICTED_VIRTIO | COCO_ATTR_ULTRAVISOR);
	/*
	 * Spec masks: QUI 0x80.., SET/REMOVE SHARED 0x0080../0x0040..,
	 * attest 0x0000000800000000, add/list/lock secret 0x4/0x2/0x1 << 32,
	 * retrieve secret 0x0000000040000000.
	 */
	assert_true(f->det.uv_calls[0] == 0x80c0000f40000000ULL);
	assert_int_equal(f->sim.s390.nr_uvc, 1);
	assert_int_equal(f->sim.s390.nr_uvc_without_facility, 0);
}

static void test_uv_without_share_calls_is_not_a_guest(void **state)
{
	struct fixture *f = *state;

	coco_sim_s390_configure(&f->sim, true);
	f->sim.s390.uv_inst_calls[0] = 0xc000000000000000ULL; /* QUI, INIT */
	assert_int_equal(coco_uv_detect(&f->plat, &f->det, NULL), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_NONE);
	assert_int_equal(f->det.attrs, 0);
}

static void test_one_share_call_is_not_enough(void **state)
{
	struct fixture *f = *state;

	coco_sim_s390_configure(&f->sim, true);
	f->sim.s390.uv_inst_calls[0] &= ~(1ULL << (63 - 9));
	assert_int_equal(coco_uv_detect(&f->plat, &f->det, NULL), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_NONE);
}

static void test_busy_is_reissued(void **state)
{
	struct fixture *f = *state;

	coco_sim_s390_configure(&f->sim, true);
	f->sim.s390.uv_busy = 5;
	assert_int_equal(coco_uv_detect(&f->plat, &f->det, NULL), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_S390_PV);
	assert_int_equal(f->sim.s390.nr_uvc, 6);
}

static void test_more_data_is_success(void **state)
{
	struct fixture *f = *state;

	coco_sim_s390_configure(&f->sim, true);
	f->sim.s390.uv_qui_len = 0x140;	/* a newer UV with a longer block */
	assert_int_equal(coco_uv_detect(&f->plat, &f->det, NULL), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_S390_PV);
}

static void test_refused_query_fails(void **state)
{
	struct fixture *f = *state;

	coco_sim_s390_configure(&f->sim, true);
	f->sim.s390.uv_inst_calls[0] &= ~(1ULL << 63);	/* no QUI */
	assert_int_equal(coco_uv_detect(&f->plat, &f->det, NULL), -EIO);
	assert_int_equal(f->det.kind, COCO_PLATFORM_NONE);
}

static void test_model_rejects_short_query(void **state)
{
	struct fixture *f = *state;
	u8 cb[0xa0] __aligned(8) = { 0x00, 0xa0, 0x00, 0x01 };

	coco_sim_s390_configure(&f->sim, true);
	assert_int_equal(coco_sim_uvc(&f->plat, cb), 1);
	assert_int_equal(cb[4], 0x00);
	assert_int_equal(cb[5], 0x05);	/* invalid length */
}

/* A UV that records the request bytes and answers with a fixed pattern. */
static u8 seen[UV_QUI_LEN];

static unsigned int pattern_stfle(const struct coco_platform *plat, u64 *fac,
				  unsigned int ndw)
{
	unsigned int i;

	for (i = 0; i < ndw; i++)
		fac[i] = i == 2 ? 0x0000000200000000ULL : 0;
	return ndw;
}

static int pattern_uvc(const struct coco_platform *plat, void *uvcb)
{
	static const u8 calls[8] = { 0x80, 0xc0, 0, 0, 0x01, 0x02, 0x03, 0x04 };
	u8 *cb = uvcb;

	memcpy(seen, cb, sizeof(seen));
	memcpy(cb + 0x10, calls, sizeof(calls));
	cb[0x9e] = 0x01;
	cb[0x9f] = 0x23;
	cb[0x110] = 0x00;
	cb[0x111] = 0x07;
	cb[4] = 0x00;
	cb[5] = 0x01;
	return 0;
}

static void test_query_byte_image(void **state)
{
	struct coco_platform plat = {
		.name = "pattern",
		.stfle = pattern_stfle,
		.uvc = pattern_uvc,
	};
	struct coco_uv_query q;
	unsigned int i;

	(void)state;
	assert_int_equal(coco_uv_query(&plat, &q), 0);
	/* Header: length 0x0120, command 0x0001, everything else zero. */
	assert_int_equal(seen[0], 0x01);
	assert_int_equal(seen[1], 0x20);
	assert_int_equal(seen[2], 0x00);
	assert_int_equal(seen[3], 0x01);
	for (i = 4; i < UV_QUI_LEN; i++)
		assert_int_equal(seen[i], 0);
	assert_true(q.inst_calls[0] == 0x80c0000001020304ULL);
	assert_int_equal(q.max_guest_cpu_id, 0x0123);
	assert_int_equal(q.max_assoc_secrets, 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_facility_158_position, setup),
		cmocka_unit_test_setup(test_no_facility_no_uvc, setup),
		cmocka_unit_test_setup(test_protected_guest, setup),
		cmocka_unit_test_setup(test_uv_without_share_calls_is_not_a_guest,
				       setup),
		cmocka_unit_test_setup(test_one_share_call_is_not_enough, setup),
		cmocka_unit_test_setup(test_busy_is_reissued, setup),
		cmocka_unit_test_setup(test_more_data_is_success, setup),
		cmocka_unit_test_setup(test_refused_query_fails, setup),
		cmocka_unit_test_setup(test_model_rejects_short_query, setup),
		cmocka_unit_test(test_query_byte_image),
	};

	return cmocka_run_group_tests_name("uv_detect", tests, NULL, NULL);
}

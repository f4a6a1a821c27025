// SPDX-License-Identifier: GPL-2.0-only
/*
 * The GHCB MSR protocol and SEV-ES/SNP setup against the hypervisor model:
 * every request, its response checks, and every reason setup must refuse
 * to run for (with the termination reason the GHCB specification names).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/errno.h>
#include "sev_fixture.h"

static int setup_snp(void **state)
{
	static struct sev_fixture f;

	sev_fixture_init(&f, COCO_SIM_SEV_SNP);
	assert_int_equal(coco_sev_detect(&f.plat, &f.det), 0);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	sev_fixture_fini(*state);
	return 0;
}

static void test_sev_info(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_sev_info info;

	assert_int_equal(coco_ghcb_msr_sev_info(&f->plat, &info), 0);
	assert_int_equal(info.max_version, 2);
	assert_int_equal(info.min_version, 1);
	assert_int_equal(info.cbit, 51);
	assert_int_equal(info.version, 2);
	assert_int_equal(f->sim.x86.nr_vmgexit, 1);

	f->sim.x86.hv_max_version = 1;
	assert_int_equal(coco_ghcb_msr_sev_info(&f->plat, &info), 0);
	assert_int_equal(info.version, 1);
	f->sim.x86.hv_max_version = 7;	/* newer hypervisor: we stay at 2 */
	assert_int_equal(coco_ghcb_msr_sev_info(&f->plat, &info), 0);
	assert_int_equal(info.version, 2);
}

static void test_sev_info_no_common_version(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_sev_info info;

	f->sim.x86.hv_min_version = 3;
	f->sim.x86.hv_max_version = 4;
	assert_int_equal(coco_ghcb_msr_sev_info(&f->plat, &info), -EPROTO);
	f->sim.x86.hv_min_version = 0;
	f->sim.x86.hv_max_version = 0;
	assert_int_equal(coco_ghcb_msr_sev_info(&f->plat, &info), -EPROTO);
}

static void test_wrong_response_codes(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_sev_info info;
	struct coco_cpuid_regs r;
	u64 ft;

	f->sim.x86.hostile = SIM_HV_MSR_WRONG_CODE;
	assert_int_equal(coco_ghcb_msr_sev_info(&f->plat, &info), -EIO);
	assert_int_equal(coco_ghcb_msr_cpuid(&f->plat, 0x8000001f, &r), -EIO);
	assert_int_equal(coco_ghcb_msr_register(&f->plat, 0x5000), -EIO);
	assert_int_equal(coco_ghcb_msr_psc(&f->plat, FIX_MEM_BASE >> 12, true),
			 -EIO);
	assert_int_equal(coco_ghcb_msr_hv_features(&f->plat, &ft), -EIO);
}

static void test_msr_cpuid(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cpuid_regs r, want;

	coco_sim_cpuid(&f->plat, 0x8000001f, 0, &want);
	f->sim.x86.nr_vmgexit = 0;
	assert_int_equal(coco_ghcb_msr_cpuid(&f->plat, 0x8000001f, &r), 0);
	assert_int_equal(r.eax, want.eax);
	assert_int_equal(r.ebx, want.ebx);
	assert_int_equal(r.ecx, want.ecx);
	assert_int_equal(r.edx, want.edx);
	assert_int_equal(f->sim.x86.nr_vmgexit, 4);	/* one per register */
}

static void test_register_echo(void **state)
{
	struct sev_fixture *f = *state;

	assert_int_equal(coco_ghcb_msr_register(&f->plat, 0x123456000ULL), 0);
	assert_true(f->sim.x86.registered_gpa[0] == 0x123456000ULL);
	assert_int_equal(coco_ghcb_msr_register(&f->plat, 0x123456800ULL),
			 -EINVAL);
	f->sim.x86.hostile = SIM_HV_REG_WRONG_GFN;
	assert_int_equal(coco_ghcb_msr_register(&f->plat, 0x7000), -EIO);
}

static void test_msr_restored_around_request(void **state)
{
	struct sev_fixture *f = *state;
	u64 ft;

	f->sim.x86.ghcb_msr[0] = 0xabc000;	/* a registered GHCB */
	assert_int_equal(coco_ghcb_msr_hv_features(&f->plat, &ft), 0);
	assert_true(f->sim.x86.ghcb_msr[0] == 0xabc000);
	assert_true(ft == (GHCB_HV_FT_SNP | GHCB_HV_FT_SNP_AP_CREATION));
}

static void test_msr_psc(void **state)
{
	struct sev_fixture *f = *state;
	unsigned long gpa = FIX_MEM_BASE + 5 * 4096;

	assert_int_equal(coco_ghcb_msr_psc(&f->plat, gpa >> 12, true), 0);
	assert_int_equal(fix_state(f, gpa) & SIM_PG_ASSIGNED, 0);
	assert_int_equal(coco_ghcb_msr_psc(&f->plat, gpa >> 12, false), 0);
	assert_int_equal(fix_state(f, gpa) & SIM_PG_ASSIGNED, SIM_PG_ASSIGNED);
	/* Outside guest memory the hypervisor reports an error. */
	assert_int_equal(coco_ghcb_msr_psc(&f->plat, 1, true), -EIO);
	assert_int_equal(coco_ghcb_msr_psc(&f->plat, 1ULL << 40, true), -EINVAL);
	f->sim.x86.hostile = SIM_HV_PSC_MSR_ERROR;
	assert_int_equal(coco_ghcb_msr_psc(&f->plat, gpa >> 12, true), -EIO);
}

static void test_terminate(void **state)
{
	struct sev_fixture *f = *state;

	coco_ghcb_msr_terminate(&f->plat, 1, 4);
	assert_true(f->sim.x86.terminated);
	assert_int_equal(f->sim.x86.term_set, 1);
	assert_int_equal(f->sim.x86.term_reason, 4);
}

/* ---- setup ----------------------------------------------------------- */

static void expect_terminated(struct sev_fixture *f, int ret, int err,
			      unsigned int set, unsigned int reason)
{
	assert_int_equal(ret, err);
	assert_true(f->sim.x86.terminated);
	assert_int_equal(f->sim.x86.term_set, set);
	assert_int_equal(f->sim.x86.term_reason, reason);
	assert_int_equal(f->session.term_set, set);
	assert_int_equal(f->session.term_reason, reason);
}

static void test_setup_snp(void **state)
{
	struct sev_fixture *f = *state;

	assert_int_equal(coco_sev_setup(&f->plat, &f->det, &f->session), 0);
	assert_int_equal(f->session.version, 2);
	assert_true(f->session.hv_features & GHCB_HV_FT_SNP);
	assert_false(f->sim.x86.terminated);
	assert_int_equal(f->sim.x86.nr_vmgexit, 2);	/* SEV info, features */
}

static void test_setup_refuses_unimplemented_features(void **state)
{
	struct sev_fixture *f = *state;

	/* SecureTSC (bit 11) needs guest support this guest lacks. */
	f->det.sev_status |= 1ULL << 11;
	expect_terminated(f, coco_sev_setup(&f->plat, &f->det, &f->session),
			  -EOPNOTSUPP, 0, 2);
	assert_true(f->session.unsupported == 1ULL << 11);
}

static void test_setup_allows_features_needing_nothing(void **state)
{
	struct sev_fixture *f = *state;

	/* PreventHostIBS (8), BTB isolation (9), DebugSwap (7) are fine. */
	f->det.sev_status |= (1ULL << 8) | (1ULL << 9) | (1ULL << 7);
	assert_int_equal(coco_sev_setup(&f->plat, &f->det, &f->session), 0);
	assert_false(f->sim.x86.terminated);
}

static void test_unsupported_mask_matches_spec(void **state)
{
	unsigned int bit;
	/* Spec: IMPL_REQ bits 3-7,10-13,15,16,18-22,24-63; PRESENT bit 7. */
	static const u8 req[] = { 3, 4, 5, 6, 10, 11, 12, 13, 15, 16, 18, 19,
				  20, 21, 22 };
	u64 want = 0xffffffffff000000ULL;

	(void)state;
	for (bit = 0; bit < sizeof(req); bit++)
		want |= 1ULL << req[bit];
	assert_true(coco_snp_unsupported_features(~0ULL) == want);
	assert_true(coco_snp_unsupported_features(0x7) == 0);
	/* Without SNP nothing is judged. */
	assert_true(coco_snp_unsupported_features(~0ULL & ~4ULL) == 0);
}

static void test_setup_needs_hv_snp_feature(void **state)
{
	struct sev_fixture *f = *state;

	f->sim.x86.hv_features = GHCB_HV_FT_SNP_AP_CREATION;
	expect_terminated(f, coco_sev_setup(&f->plat, &f->det, &f->session),
			  -EOPNOTSUPP, 0, 2);
}

static void test_setup_snp_needs_version_2(void **state)
{
	struct sev_fixture *f = *state;

	f->sim.x86.hv_max_version = 1;
	expect_terminated(f, coco_sev_setup(&f->plat, &f->det, &f->session),
			  -EOPNOTSUPP, 0, 2);
}

static void test_setup_no_common_version(void **state)
{
	struct sev_fixture *f = *state;

	f->sim.x86.hv_min_version = 3;
	f->sim.x86.hv_max_version = 3;
	expect_terminated(f, coco_sev_setup(&f->plat, &f->det, &f->session),
			  -EPROTO, 0, 1);
}

static void test_setup_cbit_lie(void **state)
{
	struct sev_fixture *f = *state;

	f->det.cbit = 47;	/* CPUID said 47, the hypervisor says 51 */
	expect_terminated(f, coco_sev_setup(&f->plat, &f->det, &f->session),
			  -EIO, 0, 0);
}

static void test_setup_plain_sev_needs_no_ghcb(void **state)
{
	static struct sev_fixture f;

	(void)state;
	sev_fixture_init(&f, COCO_SIM_SEV);
	assert_int_equal(coco_sev_detect(&f.plat, &f.det), 0);
	assert_int_equal(coco_sev_setup(&f.plat, &f.det, &f.session), 0);
	assert_int_equal(f.session.version, 0);
	assert_int_equal(f.sim.x86.nr_vmgexit, 0);
	sev_fixture_fini(&f);
}

static void test_setup_es_needs_no_features(void **state)
{
	static struct sev_fixture f;

	(void)state;
	sev_fixture_init(&f, COCO_SIM_SEV_ES);
	assert_int_equal(coco_sev_detect(&f.plat, &f.det), 0);
	assert_int_equal(coco_sev_setup(&f.plat, &f.det, &f.session), 0);
	assert_int_equal(f.session.version, 2);
	assert_int_equal(f.sim.x86.nr_vmgexit, 1);
	sev_fixture_fini(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sev_info, setup_snp, teardown),
		cmocka_unit_test_setup_teardown(test_sev_info_no_common_version,
						setup_snp, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_response_codes,
						setup_snp, teardown),
		cmocka_unit_test_setup_teardown(test_msr_cpuid, setup_snp, teardown),
		cmocka_unit_test_setup_teardown(test_register_echo, setup_snp,
						teardown),
		cmocka_unit_test_setup_teardown(test_msr_restored_around_request,
						setup_snp, teardown),
		cmocka_unit_test_setup_teardown(test_msr_psc, setup_snp, teardown),
		cmocka_unit_test_setup_teardown(test_terminate, setup_snp, teardown),
		cmocka_unit_test_setup_teardown(test_setup_snp, setup_snp, teardown),
		cmocka_unit_test_setup_teardown(test_setup_refuses_unimplemented_features,
						setup_snp, teardown),
		cmocka_unit_test_setup_teardown(test_setup_allows_features_needing_nothing,
						setup_snp, teardown),
		cmocka_unit_test(test_unsupported_mask_matches_spec),
		cmocka_unit_test_setup_teardown(test_setup_needs_hv_snp_feature,
						setup_snp, teardown),
		cmocka_unit_test_setup_teardown(test_setup_snp_needs_version_2,
						setup_snp, teardown),
		cmocka_unit_test_setup_teardown(test_setup_no_common_version,
						setup_snp, teardown),
		cmocka_unit_test_setup_teardown(test_setup_cbit_lie, setup_snp,
						teardown),
		cmocka_unit_test(test_setup_plain_sev_needs_no_ghcb),
		cmocka_unit_test(test_setup_es_needs_no_features),
	};

	return cmocka_run_group_tests_name("ghcb_msr", tests, NULL, NULL);
}

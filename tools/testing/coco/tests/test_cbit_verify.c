// SPDX-License-Identifier: GPL-2.0-only
/*
 * C-bit verification against the hardware model (threats.md item 6): the
 * right position reads the random value back; a hypervisor that lies about
 * the position in CPUID 0x8000001F (and, consistently, in the GHCB SEV
 * information) is caught whichever bit it names, and the guest terminates
 * with the project's reason; no trusted randomness means refusal.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include <coco/cbit_verify.h>
#include <coco/sev_boot.h>
#include "sev_fixture.h"

#define HW_CBIT		51

static u64 word;

static int setup(void **state)
{
	static struct sev_fixture f;

	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	sev_fixture_fini(*state);
	return 0;
}

static void lie(struct sev_fixture *f, unsigned int bit)
{
	f->sim.x86.hostile |= SIM_HV_CPUID_CBIT_LIE;
	f->sim.x86.cbit_lie = bit;
}

static int detect_and_verify(struct sev_fixture *f,
			     enum coco_sim_sev_level lvl,
			     struct coco_cbit_result *res)
{
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(f->det.kind, lvl == COCO_SIM_SEV ?
			 COCO_PLATFORM_SEV : lvl == COCO_SIM_SEV_ES ?
			 COCO_PLATFORM_SEV_ES : COCO_PLATFORM_SEV_SNP);
	return coco_sev_cbit_verify(&f->plat, &f->det, &word, res);
}

static void check_verified(enum coco_sim_sev_level lvl, void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cbit_result res;

	sev_fixture_init(f, lvl);
	assert_int_equal(detect_and_verify(f, lvl, &res), 0);
	assert_int_equal(res.state, COCO_CBIT_VERIFIED);
	assert_int_equal(res.cbit, HW_CBIT);
	assert_int_equal(res.rdrand_calls, 2);
	assert_false(res.terminated);
	assert_false(f->sim.x86.terminated);
	assert_int_equal(f->sim.x86.nr_cbit_probe, 1);
	assert_int_equal(f->sim.x86.nr_rdrand, 2);
	assert_string_equal(coco_cbit_state_name(res.state), "verified");
}

static void test_correct_cbit_sev(void **state)
{
	check_verified(COCO_SIM_SEV, state);
}

static void test_correct_cbit_sev_es(void **state)
{
	check_verified(COCO_SIM_SEV_ES, state);
}

/*
 * On SNP the position comes from the CPUID table the AMD-SP validated; the
 * check runs there all the same (two RDRANDs and one probe).
 */
static void test_correct_cbit_snp_still_checked(void **state)
{
	check_verified(COCO_SIM_SEV_SNP, state);
}

/* Each check uses a fresh value: the hypervisor cannot predict it. */
static void test_fresh_value_each_time(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cbit_result res;
	u64 first;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	assert_int_equal(detect_and_verify(f, COCO_SIM_SEV_ES, &res), 0);
	first = word;
	assert_int_equal(coco_sev_cbit_verify(&f->plat, &f->det, &word, &res),
			 0);
	assert_true(word != first);
	assert_true(word != 0 && first != 0);
}

/*
 * A consistent liar: CPUID and the GHCB SEV information name the same
 * wrong bit, so the negotiation's cross-check cannot see it.
 */
static void test_consistent_lie_passes_negotiation(void **state)
{
	struct sev_fixture *f = *state;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	lie(f, 47);
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(f->det.cbit, 47);
	assert_int_equal(coco_sev_setup(&f->plat, &f->det, &f->session), 0);
	assert_false(f->sim.x86.terminated);
}

struct lie_case {
	unsigned int bit;
	int probe_err;	/* 0: the read returned other bytes */
	const char *what;
};

/*
 * Below the real bit: address bits (another page, unencrypted).  Above:
 * reserved bits up to 51 (the walk faults), ignored bits 52..62 and NX
 * (the same page without the key: ciphertext).
 */
static const struct lie_case lies[] = {
	{ 12, 0, "lowest address bit" },
	{ 32, 0, "address bit" },
	{ 47, 0, "highest address bit" },
	{ 48, -EFAULT, "reserved bit" },
	{ 50, -EFAULT, "reserved bit next to the C-bit" },
	{ 52, 0, "ignored bit above" },
	{ 62, 0, "ignored bit" },
	{ 63, 0, "NX" },
};

static void check_lie(struct sev_fixture *f, enum coco_sim_sev_level lvl,
		      const struct lie_case *c)
{
	struct coco_cbit_result res;
	int ret;

	sev_fixture_init(f, lvl);
	lie(f, c->bit);
	ret = detect_and_verify(f, lvl, &res);
	if (ret != -EIO || res.state != COCO_CBIT_MISMATCH)
		fail_msg("bit %u (%s): ret %d state %d", c->bit, c->what,
			 ret, res.state);
	assert_int_equal(res.cbit, c->bit);
	assert_int_equal(res.probe_err, c->probe_err);
	assert_true(res.terminated);
	assert_int_equal(res.term_set, GHCB_TERM_SET_COCO);
	assert_int_equal(res.term_reason, GHCB_TERM_COCO_CBIT);
	assert_true(f->sim.x86.terminated);
	assert_int_equal(f->sim.x86.term_set, GHCB_TERM_SET_COCO);
	assert_int_equal(f->sim.x86.term_reason, GHCB_TERM_COCO_CBIT);
	sev_fixture_fini(f);
}

static void test_lying_cpuid_sev_es(void **state)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lies); i++)
		check_lie(*state, COCO_SIM_SEV_ES, &lies[i]);
	sev_fixture_init(*state, COCO_SIM_SEV_ES);
}

static void test_lying_cpuid_snp(void **state)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(lies); i++)
		check_lie(*state, COCO_SIM_SEV_SNP, &lies[i]);
	sev_fixture_init(*state, COCO_SIM_SEV_SNP);
}

/* Plain SEV: no GHCB to ask for termination; the caller must halt. */
static void test_lying_cpuid_plain_sev(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cbit_result res;

	sev_fixture_init(f, COCO_SIM_SEV);
	lie(f, 47);
	assert_int_equal(detect_and_verify(f, COCO_SIM_SEV, &res), -EIO);
	assert_int_equal(res.state, COCO_CBIT_MISMATCH);
	assert_false(res.terminated);
	assert_int_equal(res.term_set, GHCB_TERM_SET_COCO);
	assert_int_equal(res.term_reason, GHCB_TERM_COCO_CBIT);
	assert_int_equal(f->sim.x86.nr_vmgexit, 0);
	assert_int_equal(f->sim.x86.ghcb_msr[0], 0);
}

/*
 * Position 0 (or any bit below 12) cannot be a page table entry's C-bit:
 * detection refuses it, and so does the check if handed one.
 */
static void test_position_zero(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cbit_result res;
	unsigned int bit;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	lie(f, 0);
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), -EINVAL);
	sev_fixture_fini(f);

	for (bit = 0; bit < 12; bit++) {
		sev_fixture_init(f, COCO_SIM_SEV_ES);
		assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
		f->det.cbit = bit;
		assert_int_equal(coco_sev_cbit_verify(&f->plat, &f->det, &word,
						      &res), -EIO);
		assert_int_equal(res.state, COCO_CBIT_MISMATCH);
		assert_int_equal(f->sim.x86.nr_cbit_probe, 0);
		assert_true(f->sim.x86.terminated);
		assert_int_equal(f->sim.x86.term_set, GHCB_TERM_SET_COCO);
		assert_int_equal(f->sim.x86.term_reason, GHCB_TERM_COCO_CBIT);
		sev_fixture_fini(f);
	}
	sev_fixture_init(f, COCO_SIM_SEV_ES);
}

static void check_no_random(struct sev_fixture *f, unsigned int calls)
{
	struct coco_cbit_result res;

	assert_int_equal(detect_and_verify(f, COCO_SIM_SEV_ES, &res),
			 -ENODATA);
	assert_int_equal(res.state, COCO_CBIT_NO_RANDOM);
	assert_int_equal(res.rdrand_calls, calls);
	assert_int_equal(f->sim.x86.nr_cbit_probe, 0);
	assert_true(res.terminated);
	assert_true(f->sim.x86.terminated);
	assert_int_equal(f->sim.x86.term_set, GHCB_TERM_SET_GEN);
	assert_int_equal(f->sim.x86.term_reason, GHCB_TERM_GEN_REQ);
}

static void test_rdrand_hidden_by_cpuid(void **state)
{
	struct sev_fixture *f = *state;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	f->sim.x86.hostile |= SIM_HV_CPUID_NO_RDRAND;
	check_no_random(f, 0);
	assert_int_equal(f->sim.x86.nr_rdrand, 0);
}

static void test_rdrand_missing_in_seam(void **state)
{
	struct sev_fixture *f = *state;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	f->plat.rdrand = NULL;
	check_no_random(f, 0);
}

static void test_rdrand_always_fails(void **state)
{
	struct sev_fixture *f = *state;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	f->sim.x86.rdrand_fault = SIM_RDRAND_FAIL;
	check_no_random(f, COCO_RDRAND_RETRIES);
	assert_int_equal(f->sim.x86.nr_rdrand, COCO_RDRAND_RETRIES);
}

static void test_rdrand_zero(void **state)
{
	struct sev_fixture *f = *state;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	f->sim.x86.rdrand_fault = SIM_RDRAND_ZERO;
	check_no_random(f, COCO_RDRAND_RETRIES);
}

static void test_rdrand_all_ones(void **state)
{
	struct sev_fixture *f = *state;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	f->sim.x86.rdrand_fault = SIM_RDRAND_ONES;
	check_no_random(f, COCO_RDRAND_RETRIES);
}

static void test_rdrand_stuck(void **state)
{
	struct sev_fixture *f = *state;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	f->sim.x86.rdrand_fault = SIM_RDRAND_STUCK;
	check_no_random(f, 2);
}

/* Transient failures are retried, but only a bounded number of times. */
static void test_rdrand_transient_failures(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cbit_result res;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	f->sim.x86.rdrand_fail_next = COCO_RDRAND_RETRIES - 1;
	assert_int_equal(detect_and_verify(f, COCO_SIM_SEV_ES, &res), 0);
	assert_int_equal(res.state, COCO_CBIT_VERIFIED);
	assert_int_equal(res.rdrand_calls, COCO_RDRAND_RETRIES + 1);
	sev_fixture_fini(f);

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	f->sim.x86.rdrand_fail_next = COCO_RDRAND_RETRIES;
	check_no_random(f, COCO_RDRAND_RETRIES);
}

/*
 * Why the value must be unpredictable: a hypervisor that knows it plants
 * it in the shared view, and a lie then reads back "correctly".  With a
 * stuck generator the guest refuses before probing; with a good one the
 * planted guess misses.
 */
static void test_planted_guess(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cbit_result res;
	u64 seen = 0;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	lie(f, 47);
	f->sim.x86.hostile |= SIM_HV_CBIT_PLANT;
	f->sim.x86.cbit_plant = SIM_RDRAND_STUCK_VALUE;
	/* The probe alone is fooled by a predictable value ... */
	assert_int_equal(f->plat.cbit_probe(&f->plat, &word,
					    SIM_RDRAND_STUCK_VALUE, 47, &seen),
			 0);
	assert_true(seen == SIM_RDRAND_STUCK_VALUE);
	f->sim.x86.nr_cbit_probe = 0;
	/* ... so a stuck generator is refused, not used. */
	f->sim.x86.rdrand_fault = SIM_RDRAND_STUCK;
	check_no_random(f, 2);
	sev_fixture_fini(f);

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	lie(f, 47);
	f->sim.x86.hostile |= SIM_HV_CBIT_PLANT;
	f->sim.x86.cbit_plant = SIM_RDRAND_STUCK_VALUE;
	assert_int_equal(detect_and_verify(f, COCO_SIM_SEV_ES, &res), -EIO);
	assert_int_equal(res.state, COCO_CBIT_MISMATCH);
	assert_true(f->sim.x86.terminated);
}

static int probe_unsupported(const struct coco_platform *plat, u64 *w,
			     u64 val, unsigned int bit, u64 *seen)
{
	return -EOPNOTSUPP;
}

/*
 * The module's real seam on a stock kernel: the kernel verified the C-bit
 * at its own boot.  Nothing is drawn, nothing terminates.
 */
static void test_seam_without_probe(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cbit_result res;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	f->plat.cbit_probe = probe_unsupported;
	f->sim.x86.rdrand_fault = SIM_RDRAND_FAIL;
	assert_int_equal(detect_and_verify(f, COCO_SIM_SEV_ES, &res),
			 -EOPNOTSUPP);
	assert_int_equal(res.state, COCO_CBIT_BY_KERNEL);
	assert_int_equal(f->sim.x86.nr_rdrand, 0);
	assert_false(f->sim.x86.terminated);
	assert_string_equal(coco_cbit_state_name(res.state), "kernel");
	sev_fixture_fini(f);

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	f->plat.cbit_probe = NULL;
	assert_int_equal(detect_and_verify(f, COCO_SIM_SEV_ES, &res),
			 -EOPNOTSUPP);
	assert_int_equal(res.state, COCO_CBIT_BY_KERNEL);
}

static void test_not_applicable(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cbit_result res;

	sev_fixture_init(f, COCO_SIM_SEV_NONE);
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(coco_sev_cbit_verify(&f->plat, &f->det, &word, &res),
			 0);
	assert_int_equal(res.state, COCO_CBIT_NOT_APPLICABLE);
	sev_fixture_fini(f);

	/* vTOM: no C-bit to verify, even with a nonsense position. */
	sev_fixture_init(f, COCO_SIM_SEV_SNP);
	f->sim.x86.sev_status |= SEV_STATUS_VTOM;
	lie(f, 0);
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(coco_sev_cbit_verify(&f->plat, &f->det, &word, &res),
			 0);
	assert_int_equal(res.state, COCO_CBIT_NOT_APPLICABLE);
	assert_int_equal(f->sim.x86.nr_rdrand, 0);
	assert_int_equal(f->sim.x86.nr_cbit_probe, 0);
}

/* A probe word the guest maps shared is refused: fail closed. */
static u64 word_in_shared_page(const void *va)
{
	return FIX_MEM_BASE + 0x5000 + ((unsigned long)va & 0xfff);
}

static void test_probe_word_in_shared_page(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cbit_result res;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	f->sim.x86.va_to_gpa = word_in_shared_page;
	f->states[5] &= ~SIM_PG_ENC;
	assert_int_equal(detect_and_verify(f, COCO_SIM_SEV_ES, &res), -EIO);
	assert_int_equal(res.state, COCO_CBIT_MISMATCH);
	assert_int_equal(res.probe_err, -EINVAL);
	assert_true(f->sim.x86.terminated);
}

/* The early-boot order: detection, the check, then negotiation. */
static void test_boot_flow(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_sev_boot boot;

	sev_fixture_init(f, COCO_SIM_SEV_ES);
	assert_int_equal(coco_sev_boot(&f->plat, &boot), 0);
	assert_int_equal(boot.det.kind, COCO_PLATFORM_SEV_ES);
	assert_int_equal(boot.cbit.state, COCO_CBIT_VERIFIED);
	assert_int_equal(boot.session.version, GHCB_PROTOCOL_MAX);
	sev_fixture_fini(f);

	/* A lie stops boot before any negotiation. */
	sev_fixture_init(f, COCO_SIM_SEV_SNP);
	lie(f, 47);
	assert_int_equal(coco_sev_boot(&f->plat, &boot), -EIO);
	assert_int_equal(boot.cbit.state, COCO_CBIT_MISMATCH);
	assert_int_equal(boot.session.version, 0);
	assert_int_equal(f->sim.x86.term_set, GHCB_TERM_SET_COCO);
	sev_fixture_fini(f);

	/* Early boot must be able to probe: no window, no boot. */
	sev_fixture_init(f, COCO_SIM_SEV_ES);
	f->plat.cbit_probe = probe_unsupported;
	assert_int_equal(coco_sev_boot(&f->plat, &boot), -EOPNOTSUPP);
	assert_int_equal(boot.session.version, 0);
	sev_fixture_fini(f);

	/* Not SEV: nothing to check. */
	sev_fixture_init(f, COCO_SIM_SEV_NONE);
	assert_int_equal(coco_sev_boot(&f->plat, &boot), 0);
	assert_int_equal(boot.det.kind, COCO_PLATFORM_NONE);
	assert_int_equal(f->sim.x86.nr_rdrand, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_correct_cbit_sev, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_correct_cbit_sev_es, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_correct_cbit_snp_still_checked,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_fresh_value_each_time,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_consistent_lie_passes_negotiation,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_lying_cpuid_sev_es, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_lying_cpuid_snp, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_lying_cpuid_plain_sev,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_position_zero, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rdrand_hidden_by_cpuid,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rdrand_missing_in_seam,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_rdrand_always_fails, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rdrand_zero, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rdrand_all_ones, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rdrand_stuck, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rdrand_transient_failures,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_planted_guess, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_seam_without_probe, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_not_applicable, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_probe_word_in_shared_page,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_boot_flow, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("cbit_verify", tests, NULL, NULL);
}

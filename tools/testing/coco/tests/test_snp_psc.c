// SPDX-License-Identifier: GPL-2.0-only
/*
 * SNP page state changes against the memory and hypervisor models: the
 * resulting RMP and mapping state, the order of the steps, exit accounting
 * against the protocol minimum, and hypervisors that lie about progress.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include "sev_fixture.h"

#define PG 4096UL
#define MB2 (512 * PG)

static int setup(void **state)
{
	static struct sev_fixture f;

	sev_fixture_init(&f, COCO_SIM_SEV_SNP);
	assert_int_equal(sev_fixture_ghcb(&f), 0);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	sev_fixture_fini(*state);
	return 0;
}

static unsigned long ceil_div(unsigned long a, unsigned long b)
{
	return (a + b - 1) / b;
}

static void expect_range(struct sev_fixture *f, unsigned long va,
			 unsigned long n, u8 mask, u8 want)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		assert_int_equal(fix_state(f, va + i * PG) & mask, want);
}

static void test_share_one_page(void **state)
{
	struct sev_fixture *f = *state;
	unsigned long va = FIX_MEM_BASE + 3 * PG;
	const u8 all = SIM_PG_ASSIGNED | SIM_PG_VALIDATED | SIM_PG_ENC;

	assert_int_equal(coco_snp_set_memory(&f->mem, va, 1, true), 0);
	expect_range(f, va, 1, all, 0);
	expect_range(f, va - PG, 1, all, all);	/* neighbours untouched */
	expect_range(f, va + PG, 1, all, all);
	assert_int_equal(f->mem.nr_psc_exits, 1);
	assert_int_equal(f->sim.x86.nr_psc_nae, 1);
	assert_int_equal(f->mem.nr_pvalidate, 1);

	assert_int_equal(coco_snp_set_memory(&f->mem, va, 1, false), 0);
	expect_range(f, va, 1, all, all);
	assert_int_equal(f->sim.x86.nr_order_violations, 0);
}

static void test_exits_for_4k_pages(void **state)
{
	struct sev_fixture *f = *state;
	static const unsigned long sizes[] = { 1, 252, 253, 254, 506, 1000 };
	unsigned long va = FIX_MEM_BASE + PG, before;	/* never 2 MiB aligned */
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		before = f->sim.x86.nr_psc_nae;
		assert_int_equal(coco_snp_set_memory(&f->mem, va, sizes[i],
						     true), 0);
		/* Sharing N 4 KiB pages costs ceil(N / 253) exits. */
		assert_int_equal(f->sim.x86.nr_psc_nae - before,
				 ceil_div(sizes[i], 253));
		assert_int_equal(coco_snp_set_memory(&f->mem, va, sizes[i],
						     false), 0);
	}
	assert_int_equal(f->sim.x86.nr_order_violations, 0);
}

static void test_aligned_2m_is_one_entry(void **state)
{
	struct sev_fixture *f = *state;
	unsigned long va = FIX_MEM_BASE + 4 * MB2;

	assert_int_equal(coco_snp_set_memory(&f->mem, va, 512, true), 0);
	assert_int_equal(f->mem.nr_psc_entries, 1);
	assert_int_equal(f->sim.x86.nr_psc_nae, 1);
	/* Launch memory has 4 KiB RMP entries: 2 MiB rescind falls back. */
	assert_int_equal(f->mem.nr_pvalidate, 1 + 512);
	expect_range(f, va, 512, SIM_PG_ASSIGNED | SIM_PG_RMP_2M, SIM_PG_RMP_2M);

	f->mem.nr_pvalidate = 0;
	assert_int_equal(coco_snp_set_memory(&f->mem, va, 512, false), 0);
	assert_int_equal(f->mem.nr_pvalidate, 1);	/* now a 2 MiB entry */
	expect_range(f, va, 512, 0xff, SIM_PG_ASSIGNED | SIM_PG_VALIDATED |
		     SIM_PG_ENC | SIM_PG_RMP_2M);
	assert_int_equal(f->sim.x86.nr_order_violations, 0);
}

/*
 * Memory once converted as a 2 MiB page and given back to the allocator:
 * a later 4 KiB conversion inside it must work (the hypervisor smashes the
 * entry at the guest's 4 KiB PVALIDATE), leaving its neighbours validated.
 */
static void test_4k_inside_former_2m_page(void **state)
{
	struct sev_fixture *f = *state;
	unsigned long va = FIX_MEM_BASE + 4 * MB2;
	const u8 all = SIM_PG_ASSIGNED | SIM_PG_VALIDATED | SIM_PG_ENC;

	assert_int_equal(coco_snp_set_memory(&f->mem, va, 512, true), 0);
	assert_int_equal(coco_snp_set_memory(&f->mem, va, 512, false), 0);
	expect_range(f, va, 512, SIM_PG_RMP_2M, SIM_PG_RMP_2M);
	assert_int_equal(f->sim.x86.nr_rmp_smash, 0);

	assert_int_equal(coco_snp_set_memory(&f->mem, va + 5 * PG, 64, true),
			 0);
	assert_false(f->sim.x86.terminated);
	assert_int_equal(f->sim.x86.nr_rmp_smash, 1);
	expect_range(f, va + 5 * PG, 64, all | SIM_PG_RMP_2M, 0);
	expect_range(f, va, 5, all | SIM_PG_RMP_2M, all);
	expect_range(f, va + 69 * PG, 512 - 69, all | SIM_PG_RMP_2M, all);
	assert_int_equal(coco_snp_set_memory(&f->mem, va + 5 * PG, 64, false),
			 0);
	expect_range(f, va, 512, all | SIM_PG_RMP_2M, all);
	assert_int_equal(f->sim.x86.nr_order_violations, 0);
}

static void test_mixed_range(void **state)
{
	struct sev_fixture *f = *state;
	/* 3 pages before a 2 MiB boundary, two 2 MiB pages, 5 pages after. */
	unsigned long va = FIX_MEM_BASE + 8 * MB2 - 3 * PG;
	unsigned long n = 3 + 1024 + 5;

	assert_int_equal(coco_snp_set_memory(&f->mem, va, n, true), 0);
	assert_int_equal(f->mem.nr_psc_entries, 3 + 2 + 5);
	assert_int_equal(f->sim.x86.nr_psc_nae, 1);
	expect_range(f, va, n, SIM_PG_ASSIGNED | SIM_PG_ENC, 0);
	assert_int_equal(coco_snp_set_memory(&f->mem, va, n, false), 0);
	expect_range(f, va, n, SIM_PG_ASSIGNED | SIM_PG_VALIDATED | SIM_PG_ENC,
		     SIM_PG_ASSIGNED | SIM_PG_VALIDATED | SIM_PG_ENC);
	assert_int_equal(f->sim.x86.nr_order_violations, 0);
}

static void test_upstream_batch_size(void **state)
{
	struct sev_fixture *f = *state;

	f->mem.max_entries = 64;
	assert_int_equal(coco_snp_set_memory(&f->mem, FIX_MEM_BASE + PG, 1000,
					     true), 0);
	assert_int_equal(f->sim.x86.nr_psc_nae, ceil_div(1000, 64));
}

static void test_msr_protocol_path(void **state)
{
	struct sev_fixture *f = *state;

	f->mem.ghcb = NULL;
	assert_int_equal(coco_snp_set_memory(&f->mem, FIX_MEM_BASE + PG, 10,
					     true), 0);
	assert_int_equal(f->sim.x86.nr_psc_msr, 10);
	assert_int_equal(f->sim.x86.nr_psc_nae, 0);
	expect_range(f, FIX_MEM_BASE + PG, 10, SIM_PG_ASSIGNED, 0);
}

static void test_bad_arguments(void **state)
{
	struct sev_fixture *f = *state;

	assert_int_equal(coco_snp_set_memory(&f->mem, FIX_MEM_BASE + 1, 1,
					     true), -EINVAL);
	assert_int_equal(coco_snp_set_memory(&f->mem, FIX_MEM_BASE, 0, true),
			 -EINVAL);
	f->mem.max_entries = 254;
	assert_int_equal(coco_snp_set_memory(&f->mem, FIX_MEM_BASE, 1, true),
			 -EINVAL);
	assert_int_equal(f->sim.x86.nr_vmgexit, 2 + 1);	/* setup only */
}

static void test_partial_progress_is_followed(void **state)
{
	struct sev_fixture *f = *state;

	f->sim.x86.psc_per_exit = 10;
	assert_int_equal(coco_snp_set_memory(&f->mem, FIX_MEM_BASE + PG, 100,
					     true), 0);
	assert_int_equal(f->sim.x86.nr_psc_nae, 10);
	expect_range(f, FIX_MEM_BASE + PG, 100, SIM_PG_ASSIGNED, 0);
}

static void expect_psc_failure(struct sev_fixture *f, u32 hostile)
{
	f->sim.x86.hostile = hostile;
	assert_int_equal(coco_snp_set_memory(&f->mem, FIX_MEM_BASE + PG, 20,
					     true), -EIO);
	assert_int_equal(f->mem.term_reason, GHCB_TERM_PSC);
}

static void test_hostile_psc_error(void **state)
{
	expect_psc_failure(*state, SIM_HV_PSC_ERROR);
}

static void test_hostile_psc_backwards(void **state)
{
	struct sev_fixture *f = *state;

	f->sim.x86.psc_per_exit = 5;
	expect_psc_failure(f, SIM_HV_PSC_BACKWARDS);
}

static void test_hostile_psc_end_grows(void **state)
{
	expect_psc_failure(*state, SIM_HV_PSC_END_GROW);
}

static void test_hostile_psc_reserved(void **state)
{
	expect_psc_failure(*state, SIM_HV_PSC_RESERVED);
}

static void test_hostile_psc_stall_ends(void **state)
{
	struct sev_fixture *f = *state;

	expect_psc_failure(f, SIM_HV_PSC_STALL);
	assert_true(f->sim.x86.nr_psc_nae <= 17);
}

static void test_hostile_injection_during_psc(void **state)
{
	struct sev_fixture *f = *state;

	f->sim.x86.inject_event = 13 | (3 << 8) | (1ULL << 31);
	expect_psc_failure(f, SIM_HV_INJECT);
}

static void test_hostile_skip_detected_on_validate(void **state)
{
	struct sev_fixture *f = *state;
	unsigned long va = FIX_MEM_BASE + 10 * PG;

	assert_int_equal(coco_snp_set_memory(&f->mem, va, 4, true), 0);
	/* The hypervisor claims the pages are private again but they aren't. */
	f->sim.x86.hostile = SIM_HV_PSC_SKIP;
	assert_int_equal(coco_snp_set_memory(&f->mem, va, 4, false), -EIO);
	assert_int_equal(f->mem.term_reason, GHCB_TERM_PVALIDATE);
}

static void test_double_validation_detected(void **state)
{
	struct sev_fixture *f = *state;

	/* "Unsharing" private memory whose RMP state the HV leaves alone. */
	f->sim.x86.hostile = SIM_HV_PSC_SKIP;
	assert_int_equal(coco_snp_set_memory(&f->mem, FIX_MEM_BASE + PG, 1,
					     false), -EIO);
	assert_int_equal(f->mem.term_reason, GHCB_TERM_PVALIDATE);
}

/* A non-contiguous buffer (vmalloc-like): only 4 KiB entries are possible. */
static u64 scrambled(const void *va)
{
	u64 a = (u64)(unsigned long)va;

	return a ^ PG;	/* swap neighbouring pages */
}

static void test_exit_accounting_1g(void **state)
{
	struct sev_fixture *f = *state;
	unsigned long pages = (1UL << 30) / PG;

	/* 1 GiB in 4 KiB pages (4 KiB RMP entries stay 4 KiB). */
	f->sim.x86.va_to_gpa = scrambled;
	assert_int_equal(coco_snp_set_memory(&f->mem, FIX_MEM_BASE, pages,
					     true), 0);
	assert_int_equal(f->mem.nr_psc_entries, pages);
	assert_int_equal(f->sim.x86.nr_psc_nae, ceil_div(pages, 253));
	assert_int_equal(coco_snp_set_memory(&f->mem, FIX_MEM_BASE, pages,
					     false), 0);

	/* 1 GiB in 2 MiB pages: 512 entries. */
	f->sim.x86.va_to_gpa = NULL;
	f->sim.x86.nr_psc_nae = 0;
	f->mem.nr_psc_entries = 0;
	assert_int_equal(coco_snp_set_memory(&f->mem, FIX_MEM_BASE, pages,
					     true), 0);
	assert_int_equal(f->mem.nr_psc_entries, 512);
	assert_int_equal(f->sim.x86.nr_psc_nae, ceil_div(512, 253));
	assert_int_equal(f->sim.x86.nr_order_violations, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_share_one_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_exits_for_4k_pages, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_aligned_2m_is_one_entry, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_4k_inside_former_2m_page,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_mixed_range, setup, teardown),
		cmocka_unit_test_setup_teardown(test_upstream_batch_size, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_msr_protocol_path, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_partial_progress_is_followed,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_psc_error, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_hostile_psc_backwards, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_hostile_psc_end_grows, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_hostile_psc_reserved, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_hostile_psc_stall_ends, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_hostile_injection_during_psc,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_skip_detected_on_validate,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_double_validation_detected,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_accounting_1g, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("snp_psc", tests, NULL, NULL);
}

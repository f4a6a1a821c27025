// SPDX-License-Identifier: GPL-2.0-only
/*
 * The GHCB page protocol against the hypervisor model: the request bytes,
 * valid-bitmap checks on responses, which exception injections are taken,
 * nesting through the backup, and pages the hypervisor must not be able to
 * use (unregistered, still private).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <coco/byteimg_le.h>
#include <linux/kernel.h>
#include <coco/snp_cpuid.h>
#include "sev_fixture.h"

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

static bool bit_set(const u8 *page, unsigned int off)
{
	unsigned int bit = off / 8;

	return page[0x3f0 + bit / 8] & (1U << (bit % 8));
}

static void test_init_registers_page(void **state)
{
	struct sev_fixture *f = *state;

	assert_true(f->sim.x86.registered_gpa[0] ==
		    (u64)(unsigned long)f->ghcb_page);
	assert_true(f->sim.x86.ghcb_msr[0] == (u64)(unsigned long)f->ghcb_page);
}

static void test_hv_features(void **state)
{
	struct sev_fixture *f = *state;
	u64 ft = 0;

	assert_int_equal(coco_ghcb_get(&f->ghcb), 0);
	assert_int_equal(coco_ghcb_hv_features(&f->plat, &f->ghcb, &ft), 0);
	coco_ghcb_put(&f->ghcb);
	assert_true(ft == f->sim.x86.hv_features);
}

static void test_cpuid_request_bytes(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cpuid_regs r, want;
	u8 *p = f->ghcb_page;

	coco_sim_cpuid(&f->plat, 0x8000001f, 0, &want);
	assert_int_equal(coco_ghcb_get(&f->ghcb), 0);
	assert_int_equal(coco_ghcb_cpuid(&f->plat, &f->ghcb, 0x8000001f, 0, 7,
					 &r), 0);
	assert_int_equal(r.eax, want.eax);
	assert_int_equal(r.ebx, want.ebx);
	/* The request as the hypervisor saw it (spec offsets, LE). */
	assert_true(coco_get_le64(p + 0x390) == 0x72);
	assert_true(coco_get_le64(p + 0x3e8) == 7);
	assert_true(coco_get_le64(p + 0x1f8) == want.eax);	/* answer */
	assert_int_equal(coco_get_le16(p + 0xffa), 2);
	assert_int_equal(coco_get_le32(p + 0xffc), 0);
	assert_true(bit_set(p, 0x390));	/* bit 114: sw_exit_code */
	assert_true(bit_set(p, 0x398));	/* 115 */
	assert_true(bit_set(p, 0x3a0));	/* 116 */
	assert_true(bit_set(p, 0x3e8));	/* 125: xcr0 */
	assert_true(p[0x3f0 + 14] & 0x04);	/* 114 = byte 14, bit 2 */
	coco_ghcb_put(&f->ghcb);
	/* Released: nothing left that a later reader could take as valid. */
	for (unsigned int i = 0x3f0; i < 0x400; i++)
		assert_int_equal(p[i], 0);
	assert_true(coco_get_le64(p + 0x390) == 0);
}

static void test_missing_valid_bits_rejected(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cpuid_regs r;
	u64 ft;

	f->sim.x86.hostile = SIM_HV_DROP_VALID;
	assert_int_equal(coco_ghcb_get(&f->ghcb), 0);
	assert_int_equal(coco_ghcb_cpuid(&f->plat, &f->ghcb, 0x1, 0, 1, &r),
			 -EIO);
	assert_int_equal(coco_ghcb_hv_features(&f->plat, &f->ghcb, &ft), -EIO);
	coco_ghcb_put(&f->ghcb);
}

static int inject(struct sev_fixture *f, u64 event, struct coco_ghcb_call *c)
{
	int ret;

	f->sim.x86.hostile = SIM_HV_INJECT;
	f->sim.x86.inject_event = event;
	*c = (struct coco_ghcb_call){ .exit_code = 0x72,
				      .in = { .valid = COCO_GHCB_RAX |
						       COCO_GHCB_RCX } };
	assert_int_equal(coco_ghcb_get(&f->ghcb), 0);
	ret = coco_ghcb_hv_call(&f->plat, &f->ghcb, c);
	coco_ghcb_put(&f->ghcb);
	return ret;
}

static void test_injection_gp_ud_only(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_ghcb_call c;
	/* EVENTINJ: vector | type << 8 | errvalid << 11 | valid << 31 | err << 32 */
	u64 gp = 13 | (3 << 8) | (1 << 11) | (1ULL << 31) | (0x18ULL << 32);
	u64 ud = 6 | (3 << 8) | (1ULL << 31);

	assert_int_equal(inject(f, gp, &c), COCO_GHCB_INJECT);
	assert_int_equal(c.exc_vector, 13);
	assert_true(c.exc_has_error);
	assert_int_equal(c.exc_error, 0x18);
	assert_int_equal(inject(f, ud, &c), COCO_GHCB_INJECT);
	assert_int_equal(c.exc_vector, 6);
	assert_false(c.exc_has_error);
	/* #PF, #VC, an NMI-typed #GP, an event without the valid bit. */
	assert_int_equal(inject(f, 14 | (3 << 8) | (1ULL << 31), &c), -EIO);
	assert_int_equal(inject(f, 29 | (3 << 8) | (1ULL << 31), &c), -EIO);
	assert_int_equal(inject(f, 13 | (2 << 8) | (1ULL << 31), &c), -EIO);
	assert_int_equal(inject(f, 13 | (3 << 8), &c), -EIO);
}

static void test_invalid_input_is_error(void **state)
{
	struct sev_fixture *f = *state;
	u64 ft;

	f->sim.x86.hostile = SIM_HV_INVALID_INPUT;
	assert_int_equal(coco_ghcb_get(&f->ghcb), 0);
	assert_int_equal(coco_ghcb_hv_features(&f->plat, &f->ghcb, &ft), -EIO);
	coco_ghcb_put(&f->ghcb);
}

static void test_unknown_exit_is_error(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_ghcb_call c = { .exit_code = 0x8000abcd };

	assert_int_equal(coco_ghcb_get(&f->ghcb), 0);
	assert_int_equal(coco_ghcb_hv_call(&f->plat, &f->ghcb, &c), -EIO);
	assert_true(c.out_info1 == 2);
	assert_true(c.out_info2 == 5);	/* invalid input */
	coco_ghcb_put(&f->ghcb);
}

static void test_unregistered_page_gets_no_answer(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cpuid_regs r;

	/* No answer leaves only our inputs valid: outputs are missing. */
	f->sim.x86.registered_gpa[0] += 4096;
	assert_int_equal(coco_ghcb_get(&f->ghcb), 0);
	assert_int_equal(coco_ghcb_cpuid(&f->plat, &f->ghcb, 1, 0, 1, &r), -EIO);
	coco_ghcb_put(&f->ghcb);
}

/* Place the real GHCB page at a guest physical address inside the model. */
#define PRIV_GPA (FIX_MEM_BASE + 64 * 4096UL)
static u8 *mapped_page;

static u64 map_va_to_gpa(const void *va)
{
	return va == mapped_page ? PRIV_GPA : (u64)(unsigned long)va;
}

static void *map_gpa_to_va(u64 gpa)
{
	return gpa == PRIV_GPA ? mapped_page : (void *)(unsigned long)gpa;
}

static void test_ghcb_page_must_be_shared(void **state)
{
	static struct sev_fixture f;
	struct coco_cpuid_regs r;

	(void)state;
	sev_fixture_init(&f, COCO_SIM_SEV_SNP);
	mapped_page = f.ghcb_page;
	f.sim.x86.va_to_gpa = map_va_to_gpa;
	f.sim.x86.gpa_to_va = map_gpa_to_va;
	assert_int_equal(coco_sev_detect(&f.plat, &f.det), 0);
	assert_int_equal(coco_sev_setup(&f.plat, &f.det, &f.session), 0);
	assert_int_equal(coco_ghcb_init(&f.plat, &f.ghcb, f.ghcb_page, 2), 0);
	/* Still private: the hypervisor sees ciphertext and cannot answer. */
	assert_int_equal(coco_ghcb_get(&f.ghcb), 0);
	assert_int_equal(coco_ghcb_cpuid(&f.plat, &f.ghcb, 1, 0, 1, &r), -EIO);
	coco_ghcb_put(&f.ghcb);
	/* Shared through the MSR protocol, as before any GHCB exists. */
	assert_int_equal(coco_snp_set_memory(&f.mem,
					     (unsigned long)f.ghcb_page, 1,
					     true), 0);
	assert_int_equal(fix_state(&f, PRIV_GPA), 0);
	assert_int_equal(f.sim.x86.nr_psc_msr, 1);
	assert_int_equal(coco_ghcb_get(&f.ghcb), 0);
	assert_int_equal(coco_ghcb_cpuid(&f.plat, &f.ghcb, 1, 0, 1, &r), 0);
	coco_ghcb_put(&f.ghcb);
	assert_int_equal(f.sim.x86.nr_order_violations, 0);
	sev_fixture_fini(&f);
}

static void test_nesting_uses_backup(void **state)
{
	struct sev_fixture *f = *state;
	u8 *p = f->ghcb_page;
	u64 ft;

	assert_int_equal(coco_ghcb_get(&f->ghcb), 0);
	/* The outer call has prepared its request when the nested one comes. */
	coco_put_le64(p + 0x390, 0x7b);
	p[0x800] = 0xaa;
	assert_int_equal(coco_ghcb_get(&f->ghcb), 0);
	assert_int_equal(coco_ghcb_hv_features(&f->plat, &f->ghcb, &ft), 0);
	assert_int_equal(coco_ghcb_get(&f->ghcb), -EBUSY);	/* third level */
	coco_ghcb_put(&f->ghcb);
	/* The outer call finds its request as it left it. */
	assert_true(coco_get_le64(p + 0x390) == 0x7b);
	assert_int_equal(p[0x800], 0xaa);
	assert_true(f->ghcb.active);
	coco_ghcb_put(&f->ghcb);
	assert_false(f->ghcb.active);
	assert_int_equal(coco_ghcb_get(&f->ghcb), 0);
	coco_ghcb_put(&f->ghcb);
}

static void test_response_read_once(void **state)
{
	struct sev_fixture *f = *state;
	struct coco_cpuid_regs r;
	u8 *p = f->ghcb_page;

	assert_int_equal(coco_ghcb_get(&f->ghcb), 0);
	assert_int_equal(coco_ghcb_cpuid(&f->plat, &f->ghcb, 0x8000001f, 0, 1,
					 &r), 0);
	/* A later rewrite of the shared page changes nothing already taken. */
	coco_put_le64(p + 0x1f8, 0xdead);
	assert_int_equal(r.eax & 0x1b, 0x1b);
	coco_ghcb_put(&f->ghcb);
}

/* The hypervisor side of SNP CPUID: through the GHCB, counting exits. */
static int hv_cpuid_via_ghcb(void *ctx, u32 leaf, u32 subleaf,
			     struct coco_cpuid_regs *out)
{
	struct sev_fixture *f = ctx;
	int ret;

	if (coco_ghcb_get(&f->ghcb))
		return -EBUSY;
	ret = coco_ghcb_cpuid(&f->plat, &f->ghcb, leaf, subleaf, 1, out);
	coco_ghcb_put(&f->ghcb);
	return ret;
}

static void test_snp_cpuid_from_table_costs_no_exit(void **state)
{
	struct sev_fixture *f = *state;
	static const struct coco_snp_cpuid_entry e[] = {
		{ .eax_in = 0x0, .eax = 0xd },
		{ .eax_in = 0x1, .eax = 0xa00f11, .ebx = 0x00020800 },
		{ .eax_in = 0x80000000, .eax = 0x80000021 },
		{ .eax_in = 0x8000001f, .eax = 0x1b, .ebx = 0x33 | (1 << 6) },
	};
	struct coco_snp_cpuid_env env = {
		.xcr0 = 1,
		.hv_cpuid = hv_cpuid_via_ghcb,
		.ctx = f,
	};
	static u8 page[4096];
	struct coco_snp_cpuid_table t;
	struct coco_cpuid_regs r;
	unsigned long before;

	coco_snp_cpuid_page_build(page, e, ARRAY_SIZE(e));
	assert_int_equal(coco_snp_cpuid_table_init(&t, page, sizeof(page)), 0);
	before = f->sim.x86.nr_vmgexit;
	assert_int_equal(coco_snp_cpuid(&t, &env, 0x8000001f, 0, &r), 0);
	assert_int_equal(r.eax, 0x1b);
	assert_int_equal(r.ebx & 0x3f, 0x33);
	assert_int_equal(coco_snp_cpuid(&t, &env, 0x80000000, 0, &r), 0);
	/* A leaf inside a valid range but not in the table: zeros, no exit. */
	assert_int_equal(coco_snp_cpuid(&t, &env, 0x80000008, 0, &r), 0);
	assert_int_equal(r.eax | r.ebx | r.ecx | r.edx, 0);
	assert_int_equal(f->sim.x86.nr_vmgexit - before, 0);
	/* Leaf 1 takes its APIC ID from the hypervisor: that costs exits. */
	assert_int_equal(coco_snp_cpuid(&t, &env, 0x1, 0, &r), 0);
	assert_int_equal(r.eax, 0xa00f11);
	assert_true(f->sim.x86.nr_vmgexit - before >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_init_registers_page, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_hv_features, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cpuid_request_bytes, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_missing_valid_bits_rejected,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_injection_gp_ud_only, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_invalid_input_is_error, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unknown_exit_is_error, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_unregistered_page_gets_no_answer,
						setup, teardown),
		cmocka_unit_test(test_ghcb_page_must_be_shared),
		cmocka_unit_test_setup_teardown(test_nesting_uses_backup, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_response_read_once, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_snp_cpuid_from_table_costs_no_exit,
						setup, teardown),
	};

	return cmocka_run_group_tests_name("ghcb", tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * SEV detection against the hardware model: every CPUID/SEV_STATUS shape the
 * detection must tell apart, with the expected attributes taken from the
 * cc_platform_has() table of the spec (x86-sev.md 1.3).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <coco/sev.h>
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

/* A plain machine whose extended CPUID range ends before 0x8000001F. */
static void fake_old_cpu(u32 leaf, u32 subleaf, struct coco_cpuid_regs *r)
{
	*r = (struct coco_cpuid_regs){ 0 };
	if (leaf == 0x80000000)
		r->eax = 0x80000008;
	if (leaf == 0x8000001f)
		r->eax = 0x2;	/* stale data past the max leaf must be ignored */
}

static void test_no_extended_leaf(void **state)
{
	struct fixture *f = *state;

	f->sim.passthrough_cpuid = fake_old_cpu;
	coco_sim_x86_configure(&f->sim, COCO_SIM_SEV_NONE);
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_NONE);
	assert_int_equal(f->det.attrs, 0);
	assert_int_equal(f->sim.x86.nr_rdmsr, 0);
}

static void test_leaf_without_sev_never_reads_msr(void **state)
{
	struct fixture *f = *state;

	coco_sim_x86_configure(&f->sim, COCO_SIM_SEV);
	f->sim.x86.mem_encrypt_leaf.eax = 0x1;	/* SME only */
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_NONE);
	assert_int_equal(f->sim.x86.nr_rdmsr, 0);
}

static void test_sev(void **state)
{
	struct fixture *f = *state;

	coco_sim_x86_configure(&f->sim, COCO_SIM_SEV);
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_SEV);
	assert_int_equal(f->det.attrs, COCO_ATTR_MEM_ENCRYPT |
			 COCO_ATTR_RESTRICTED_VIRTIO |
			 COCO_ATTR_UNROLL_STRING_IO);
	assert_int_equal(f->det.sev_status, 0x1);
	assert_int_equal(f->det.cbit, 51);
	assert_int_equal(f->det.phys_bits_reduction, 1);
	assert_int_equal(f->sim.x86.nr_rdmsr, 1);
}

static void test_sev_es(void **state)
{
	struct fixture *f = *state;

	coco_sim_x86_configure(&f->sim, COCO_SIM_SEV_ES);
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_SEV_ES);
	assert_int_equal(f->det.attrs, COCO_ATTR_MEM_ENCRYPT |
			 COCO_ATTR_RESTRICTED_VIRTIO |
			 COCO_ATTR_STATE_ENCRYPT);
	assert_int_equal(f->det.sev_status, 0x3);
}

static void test_sev_snp(void **state)
{
	struct fixture *f = *state;

	coco_sim_x86_configure(&f->sim, COCO_SIM_SEV_SNP);
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_SEV_SNP);
	assert_int_equal(f->det.attrs, COCO_ATTR_MEM_ENCRYPT |
			 COCO_ATTR_RESTRICTED_VIRTIO |
			 COCO_ATTR_STATE_ENCRYPT | COCO_ATTR_SEV_SNP);
	assert_int_equal(f->det.sev_status, 0x7);
}

static void test_status_msr_faults(void **state)
{
	struct fixture *f = *state;

	coco_sim_x86_configure(&f->sim, COCO_SIM_SEV_SNP);
	f->sim.x86.sev_status_exists = false;
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_NONE);
	assert_int_equal(f->det.attrs, 0);
}

static void test_sev_capable_host_is_not_a_guest(void **state)
{
	struct fixture *f = *state;

	coco_sim_x86_configure(&f->sim, COCO_SIM_SEV_SNP);
	f->sim.x86.sev_status = 0;
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_NONE);
	assert_int_equal(f->det.cbit, 0);
}

static void test_snp_without_es_is_rejected(void **state)
{
	struct fixture *f = *state;

	coco_sim_x86_configure(&f->sim, COCO_SIM_SEV_SNP);
	f->sim.x86.sev_status = 0x5;
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), -EINVAL);
	assert_int_equal(f->det.kind, COCO_PLATFORM_NONE);
}

static void test_impossible_cbit_is_rejected(void **state)
{
	struct fixture *f = *state;

	coco_sim_x86_configure(&f->sim, COCO_SIM_SEV);
	f->sim.x86.mem_encrypt_leaf.ebx = 5;
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), -EINVAL);
	assert_int_equal(f->det.kind, COCO_PLATFORM_NONE);
}

static void test_vtom(void **state)
{
	struct fixture *f = *state;

	coco_sim_x86_configure(&f->sim, COCO_SIM_SEV_SNP);
	f->sim.x86.sev_status |= 0x8;
	f->sim.x86.mem_encrypt_leaf.ebx = 0;	/* no C-bit under vTOM */
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_SEV_SNP);
	assert_int_equal(f->det.attrs, COCO_ATTR_MEM_ENCRYPT |
			 COCO_ATTR_RESTRICTED_VIRTIO | COCO_ATTR_VTOM);
}

static void test_model_passes_other_leaves_through(void **state)
{
	struct fixture *f = *state;
	struct coco_cpuid_regs r;

	f->sim.passthrough_cpuid = fake_old_cpu;
	coco_sim_x86_configure(&f->sim, COCO_SIM_SEV_SNP);
	f->plat.cpuid(&f->plat, 0x80000000, 0, &r);
	assert_int_equal(r.eax, 0x8000001f);
	f->plat.cpuid(&f->plat, 0x8000001f, 0, &r);
	assert_int_equal(r.eax & 0x1b, 0x1b);
	assert_int_equal(coco_sev_detect(&f->plat, &f->det), 0);
	assert_int_equal(f->det.kind, COCO_PLATFORM_SEV_SNP);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_no_extended_leaf, setup),
		cmocka_unit_test_setup(test_leaf_without_sev_never_reads_msr,
				       setup),
		cmocka_unit_test_setup(test_sev, setup),
		cmocka_unit_test_setup(test_sev_es, setup),
		cmocka_unit_test_setup(test_sev_snp, setup),
		cmocka_unit_test_setup(test_status_msr_faults, setup),
		cmocka_unit_test_setup(test_sev_capable_host_is_not_a_guest,
				       setup),
		cmocka_unit_test_setup(test_snp_without_es_is_rejected, setup),
		cmocka_unit_test_setup(test_impossible_cbit_is_rejected, setup),
		cmocka_unit_test_setup(test_vtom, setup),
		cmocka_unit_test_setup(test_model_passes_other_leaves_through,
				       setup),
	};

	return cmocka_run_group_tests_name("sev_detect", tests, NULL, NULL);
}

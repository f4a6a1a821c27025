// SPDX-License-Identifier: GPL-2.0-only
/*
 * The #VC handler against the hypervisor model: every exit code it
 * emulates, the opcode/exit-code match, user-mode rules, string I/O
 * chunking and its exit cost, and hostile injections.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include "vc_fixture.h"

#define RAX COCO_INSN_RAX
#define RCX COCO_INSN_RCX
#define RDX COCO_INSN_RDX
#define RBX COCO_INSN_RBX
#define RSI COCO_INSN_RSI
#define RDI COCO_INSN_RDI

static int setup(void **state)
{
	static struct vc_fixture f;

	vc_fixture_init(&f);
	assert_int_equal(vc_fixture_ghcb(&f), 0);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct vc_fixture *f = *state;

	coco_ghcb_put(&f->sev.ghcb);
	vc_fixture_fini(f);
	return 0;
}

static u64 code_addr(struct vc_fixture *f)
{
	return (u64)(unsigned long)f->code;
}

#define RUN(f, exit, ...) ({						\
	static const u8 b_[] = { __VA_ARGS__ };				\
	vc_run(f, b_, sizeof(b_), exit);				\
})

static void test_cpuid_from_hypervisor(void **state)
{
	struct vc_fixture *f = *state;
	struct coco_cpuid_regs want;

	coco_sim_cpuid(&f->sev.plat, 0x8000001f, 0, &want);
	f->ctx.regs.gpr[RAX] = 0xffffffff8000001fULL;	/* upper half ignored */
	f->ctx.regs.gpr[RBX] = ~0ULL;
	assert_int_equal(RUN(f, 0x72, 0x0f, 0xa2), COCO_VC_OK);
	assert_true(f->ctx.regs.gpr[RAX] == want.eax);
	assert_true(f->ctx.regs.gpr[RBX] == want.ebx);	/* zero-extended */
	assert_true(f->ctx.regs.rip == code_addr(f) + 2);
	assert_int_equal(f->env.nr_exits, 1);
}

static void test_cpuid_from_snp_table_no_exit(void **state)
{
	struct vc_fixture *f = *state;
	static const struct coco_snp_cpuid_entry e[] = {
		{ .eax_in = 0x80000000, .eax = 0x8000001f },
		{ .eax_in = 0x8000001f, .eax = 0x1b, .ebx = 0x73 },
	};
	struct coco_snp_cpuid_env cenv = { .xcr0 = 1 };
	static u8 page[4096];
	static struct coco_snp_cpuid_table t;

	coco_snp_cpuid_page_build(page, e, ARRAY_SIZE(e));
	assert_int_equal(coco_snp_cpuid_table_init(&t, page, sizeof(page)), 0);
	f->env.cpuid_table = &t;
	f->env.cpuid_env = &cenv;
	f->ctx.regs.gpr[RAX] = 0x8000001f;
	f->sev.sim.x86.nr_vmgexit = 0;
	assert_int_equal(RUN(f, 0x72, 0x0f, 0xa2), COCO_VC_OK);
	assert_true(f->ctx.regs.gpr[RAX] == 0x1b);
	assert_true(f->ctx.regs.gpr[RBX] == 0x73);
	assert_int_equal(f->sev.sim.x86.nr_vmgexit, 0);
}

/*
 * Before a GHCB exists (early boot) CPUID still works, through the MSR
 * protocol, one register per round trip; a subleaf the protocol cannot
 * carry, and every other #VC, is refused.
 */
static void test_cpuid_without_ghcb(void **state)
{
	struct vc_fixture *f = *state;
	struct coco_cpuid_regs want;

	coco_ghcb_put(&f->sev.ghcb);
	f->env.ghcb = NULL;
	coco_sim_cpuid(&f->sev.plat, 0x8000001f, 0, &want);
	f->sev.sim.x86.nr_vmgexit = 0;
	f->ctx.regs.gpr[RAX] = 0x8000001f;
	f->ctx.regs.gpr[RCX] = 0;
	assert_int_equal(RUN(f, 0x72, 0x0f, 0xa2), COCO_VC_OK);
	assert_true(f->ctx.regs.gpr[RAX] == want.eax);
	assert_true(f->ctx.regs.gpr[RBX] == want.ebx);
	assert_true(f->ctx.regs.gpr[RCX] == want.ecx);
	assert_true(f->ctx.regs.gpr[RDX] == want.edx);
	assert_true(f->ctx.regs.rip == code_addr(f) + 2);
	assert_int_equal(f->env.nr_exits, 4);
	assert_int_equal(f->sev.sim.x86.nr_vmgexit, 4);

	f->ctx.regs.gpr[RAX] = 7;
	f->ctx.regs.gpr[RCX] = 1;
	assert_int_equal(RUN(f, 0x72, 0x0f, 0xa2), COCO_VC_UNSUPPORTED);
	assert_int_equal(RUN(f, 0x7b, 0xe6, 0x80), COCO_VC_UNSUPPORTED);
	assert_true(f->ctx.regs.rip == code_addr(f));
	assert_int_equal(f->sev.sim.x86.nr_vmgexit, 4);
	/* The teardown puts the GHCB back. */
	f->env.ghcb = &f->sev.ghcb;
	assert_int_equal(coco_ghcb_get(&f->sev.ghcb), 0);
}

static void test_exit_code_must_match_opcode(void **state)
{
	struct vc_fixture *f = *state;

	/* WeSee: a #VC injected with a code that does not fit the bytes. */
	assert_int_equal(RUN(f, 0x7b, 0x0f, 0xa2), COCO_VC_UNSUPPORTED);
	/* An instruction #VC never emulates does not even decode. */
	assert_int_equal(RUN(f, 0x400, 0x90), COCO_VC_DECODE_FAILED);
	assert_int_equal(RUN(f, 0x72, 0xe4, 0x80), COCO_VC_UNSUPPORTED);
	assert_int_equal(RUN(f, 0x7c, 0x0f, 0x31), COCO_VC_UNSUPPORTED);
	assert_int_equal(RUN(f, 0x12345, 0x0f, 0xa2), COCO_VC_UNSUPPORTED);
	/* LOCK makes every emulated instruction a #UD: no genuine #VC. */
	assert_int_equal(RUN(f, 0x72, 0xf0, 0x0f, 0xa2), COCO_VC_UNSUPPORTED);
	assert_true(f->ctx.regs.rip == code_addr(f));	/* never advanced */
	assert_int_equal(f->env.nr_exits, 0);
}

static void test_in_out(void **state)
{
	struct vc_fixture *f = *state;

	f->sev.sim.x86.io_in_value = 0x12345678;
	f->ctx.regs.gpr[RAX] = 0xaaaaaaaaaaaaaaaaULL;
	assert_int_equal(RUN(f, 0x7b, 0xe4, 0x80), COCO_VC_OK);	/* in al, 0x80 */
	assert_true(f->ctx.regs.gpr[RAX] == 0xaaaaaaaaaaaaaa78ULL);
	assert_int_equal(RUN(f, 0x7b, 0x66, 0xed), COCO_VC_OK);	/* in ax, dx */
	assert_true(f->ctx.regs.gpr[RAX] == 0xaaaaaaaaaaaa5678ULL);
	assert_int_equal(RUN(f, 0x7b, 0xed), COCO_VC_OK);	/* in eax, dx */
	assert_true(f->ctx.regs.gpr[RAX] == 0x12345678ULL);

	f->ctx.regs.gpr[RAX] = 0x11223344;
	f->ctx.regs.gpr[RDX] = 0xe9;
	assert_int_equal(RUN(f, 0x7b, 0xef), COCO_VC_OK);	/* out dx, eax */
	assert_int_equal(RUN(f, 0x7b, 0xe6, 0xe9), COCO_VC_OK);	/* out 0xe9, al */
	assert_int_equal(f->sev.sim.x86.io_log_len, 5);
	assert_memory_equal(f->sev.sim.x86.io_log, "\x44\x33\x22\x11\x44", 5);
	assert_true(f->ctx.regs.rip == code_addr(f) + 2);
}

static void test_ioio_exitinfo(void **state)
{
	struct coco_insn insn;
	struct coco_insn_io io;
	static const u8 rep_outsw[] = { 0x66, 0xf3, 0x6f };
	static const u8 in_imm[] = { 0xe5, 0x60 };

	(void)state;
	/* rep outsw: OUT, STR, REP, 16-bit, 64-bit addresses, DS, port. */
	assert_int_equal(coco_insn_decode(&insn, rep_outsw, 3, true), 0);
	assert_int_equal(coco_insn_io(&insn, &io), 0);
	assert_true(coco_vc_ioio_exitinfo(&insn, &io, 0x3f8) ==
		    ((0x3f8ULL << 16) | (3 << 10) | (1 << 9) | (1 << 5) |
		     (1 << 3) | (1 << 2)));
	/* in eax, 0x60: IN, 32-bit, 64-bit address size, port 0x60. */
	assert_int_equal(coco_insn_decode(&insn, in_imm, 2, true), 0);
	assert_int_equal(coco_insn_io(&insn, &io), 0);
	assert_true(coco_vc_ioio_exitinfo(&insn, &io, 0x60) ==
		    ((0x60ULL << 16) | (1 << 9) | (1 << 6) | 1));
}

static void test_rep_outsb_chunks(void **state)
{
	struct vc_fixture *f = *state;
	static const unsigned int sizes[] = { 1, 2031, 2032, 2033, 5000 };
	static u8 src[5000];
	unsigned int i, j;
	unsigned long before;

	for (i = 0; i < sizeof(src); i++)
		src[i] = i * 7;
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		f->sev.sim.x86.io_log_len = 0;
		f->ctx.regs.gpr[RSI] = (u64)(unsigned long)src;
		f->ctx.regs.gpr[RCX] = sizes[i];
		f->ctx.regs.gpr[RDX] = 0xe9;
		before = f->env.nr_exits;
		assert_int_equal(RUN(f, 0x7b, 0xf3, 0x6e), COCO_VC_OK);
		/* rep outsb of B bytes costs ceil(B / 2032) exits. */
		assert_int_equal(f->env.nr_exits - before,
				 (sizes[i] + 2031) / 2032);
		assert_int_equal(f->sev.sim.x86.io_log_len, sizes[i]);
		for (j = 0; j < sizes[i]; j++)
			assert_int_equal(f->sev.sim.x86.io_log[j], src[j]);
		assert_true(f->ctx.regs.gpr[RCX] == 0);
		assert_true(f->ctx.regs.gpr[RSI] ==
			    (u64)(unsigned long)src + sizes[i]);
		assert_true(f->ctx.regs.rip == code_addr(f) + 2);
	}
}

static void test_rep_outsb_backwards(void **state)
{
	struct vc_fixture *f = *state;
	static const u8 src[] = "abcdef";

	f->ctx.rflags |= X86_RFLAGS_DF;
	f->ctx.regs.gpr[RSI] = (u64)(unsigned long)(src + 5);
	f->ctx.regs.gpr[RCX] = 6;
	assert_int_equal(RUN(f, 0x7b, 0xf3, 0x6e), COCO_VC_OK);
	assert_memory_equal(f->sev.sim.x86.io_log, "fedcba", 6);
	assert_true(f->ctx.regs.gpr[RSI] == (u64)(unsigned long)src - 1);
}

static void test_rep_insw(void **state)
{
	struct vc_fixture *f = *state;
	static u8 dst[6000];
	unsigned int i;

	f->sev.sim.x86.io_in_value = 0xbeef;
	f->ctx.regs.gpr[RDI] = (u64)(unsigned long)dst;
	f->ctx.regs.gpr[RCX] = 3000;
	assert_int_equal(RUN(f, 0x7b, 0x66, 0xf3, 0x6d), COCO_VC_OK);
	for (i = 0; i < 3000; i++) {	/* little-endian words, as on x86 */
		assert_int_equal(dst[2 * i], 0xef);
		assert_int_equal(dst[2 * i + 1], 0xbe);
	}
	assert_int_equal(f->env.nr_exits, 3);	/* 1016 words per exit */
	assert_true(f->ctx.regs.gpr[RDI] == (u64)(unsigned long)(dst + 6000));
}

static void test_user_io_rules(void **state)
{
	struct vc_fixture *f = *state;

	f->ctx.cpl = 3;
	f->ctx.regs.gpr[RDX] = 0x80;
	assert_int_equal(RUN(f, 0x7b, 0xee), COCO_VC_EXCEPTION);
	assert_int_equal(f->ctx.exc_vector, 13);
	assert_int_equal(f->env.nr_exits, 0);
	f->ctx.regs.gpr[RDX] = 0x1234;
	assert_int_equal(RUN(f, 0x7b, 0xee), COCO_VC_OK);
	/* String I/O from user space must not point into the kernel. */
	f->ctx.regs.gpr[RSI] = 0xffff888000000000ULL;
	f->ctx.regs.gpr[RCX] = 4;
	assert_int_equal(RUN(f, 0x7b, 0xf3, 0x6e), COCO_VC_EXCEPTION);
	assert_int_equal(f->ctx.exc_vector, 14);
	f->ctx.regs.gpr[RSI] = VC_USER_TOP - 2;	/* crosses the boundary */
	assert_int_equal(RUN(f, 0x7b, 0xf3, 0x6e), COCO_VC_EXCEPTION);
	assert_int_equal(f->env.nr_exits, 1);
}

static void test_msr(void **state)
{
	struct vc_fixture *f = *state;

	f->ctx.regs.gpr[RCX] = 0x10;
	assert_int_equal(RUN(f, 0x7c, 0x0f, 0x32), COCO_VC_OK);
	assert_true(f->ctx.regs.gpr[RAX] == (u32)(0x10 * 0x10001));
	assert_true(f->ctx.regs.gpr[RDX] == (0x10 ^ 0xffff));
	f->ctx.regs.gpr[RAX] = 0x55;
	f->ctx.regs.gpr[RCX] = 0xc0000080;
	assert_int_equal(RUN(f, 0x7c, 0x0f, 0x30), COCO_VC_OK);
	assert_true(f->sev.sim.x86.msr_written == ((0xc0000080ULL << 32) | 0x55));
	f->ctx.cpl = 3;
	assert_int_equal(RUN(f, 0x7c, 0x0f, 0x32), COCO_VC_EXCEPTION);
	assert_int_equal(f->ctx.exc_vector, 13);
}

static void test_tsc_pmc_dr7_misc(void **state)
{
	struct vc_fixture *f = *state;
	unsigned long exits;

	assert_int_equal(RUN(f, 0x6e, 0x0f, 0x31), COCO_VC_OK);
	assert_true(f->ctx.regs.gpr[RAX] == 1000);
	f->sev.sim.x86.tsc_aux = 3;
	assert_int_equal(RUN(f, 0x87, 0x0f, 0x01, 0xf9), COCO_VC_OK);
	assert_true(f->ctx.regs.gpr[RAX] == 2000 && f->ctx.regs.gpr[RCX] == 3);
	f->ctx.regs.gpr[RCX] = 2;
	assert_int_equal(RUN(f, 0x6f, 0x0f, 0x33), COCO_VC_OK);
	assert_true(f->ctx.regs.gpr[RAX] == 0x1002);
	f->ctx.regs.gpr[RBX] = 0x400;
	assert_int_equal(RUN(f, 0x37, 0x0f, 0x23, 0xfb), COCO_VC_OK);	/* mov dr7, rbx */
	assert_true(f->sev.sim.x86.dr7 == 0x400);
	exits = f->env.nr_exits;
	assert_int_equal(RUN(f, 0x27, 0x0f, 0x21, 0xf9), COCO_VC_OK);	/* mov rcx, dr7 */
	assert_true(f->ctx.regs.gpr[RCX] == 0x400);
	assert_int_equal(f->env.nr_exits, exits);	/* answered locally */
	assert_int_equal(RUN(f, 0x89, 0x0f, 0x09), COCO_VC_OK);
	f->ctx.regs.gpr[RAX] = 41;
	assert_int_equal(RUN(f, 0x81, 0x0f, 0x01, 0xd9), COCO_VC_OK);
	assert_true(f->ctx.regs.gpr[RAX] == 42);
	exits = f->env.nr_exits;
	assert_int_equal(RUN(f, 0x8a, 0x0f, 0x01, 0xc8), COCO_VC_OK);
	assert_int_equal(RUN(f, 0x8b, 0x0f, 0x01, 0xfb), COCO_VC_OK);
	assert_int_equal(f->env.nr_exits, exits);	/* MONITOR/MWAIT: no exit */
	/* CacheWarp: INVD is never emulated. */
	assert_int_equal(RUN(f, 0x76, 0x0f, 0x08), COCO_VC_UNSUPPORTED);
	assert_int_equal(f->env.nr_exits, exits);
	/* DR7 belongs to the kernel. */
	f->ctx.cpl = 3;
	assert_int_equal(RUN(f, 0x27, 0x0f, 0x21, 0xf9), COCO_VC_UNSUPPORTED);
}

static void test_mmio_basic(void **state)
{
	struct vc_fixture *f = *state;

	/* mov [rbx+8], eax ; mov ecx, [rbx+8] */
	f->ctx.regs.gpr[RBX] = (u64)(unsigned long)f->mmio;
	f->ctx.regs.gpr[RAX] = 0xcafef00d;
	assert_int_equal(RUN(f, 0x400, 0x89, 0x43, 0x08), COCO_VC_OK);
	assert_memory_equal(f->mmio + 8, "\x0d\xf0\xfe\xca", 4);
	f->ctx.regs.gpr[RCX] = ~0ULL;
	assert_int_equal(RUN(f, 0x400, 0x8b, 0x4b, 0x08), COCO_VC_OK);
	assert_true(f->ctx.regs.gpr[RCX] == 0xcafef00d);
	assert_true(f->ctx.regs.rip == code_addr(f) + 3);
}

static void test_mmio_refusals(void **state)
{
	struct vc_fixture *f = *state;
	static u8 ram[16];

	/* Not MMIO: ordinary RAM must never be emulated as a device. */
	f->ctx.regs.gpr[RBX] = (u64)(unsigned long)ram;
	assert_int_equal(RUN(f, 0x400, 0x8b, 0x03), COCO_VC_UNSUPPORTED);
	/* CVE-2023-46813: no MMIO emulation for user mode at all. */
	f->ctx.cpl = 3;
	f->ctx.regs.gpr[RBX] = (u64)(unsigned long)f->mmio;
	assert_int_equal(RUN(f, 0x400, 0x8b, 0x03), COCO_VC_UNSUPPORTED);
	assert_int_equal(f->env.nr_exits, 0);
}

static void test_racing_byte_swap(void **state)
{
	struct vc_fixture *f = *state;
	static const u8 cpuid[64] = { 0x0f, 0xa2, 0x90 };

	/* The #VC was for an MMIO load; the bytes now read CPUID. */
	f->swap_code = cpuid;
	f->ctx.regs.gpr[RBX] = (u64)(unsigned long)f->mmio;
	assert_int_equal(RUN(f, 0x400, 0x8b, 0x03), COCO_VC_UNSUPPORTED);
	assert_int_equal(f->fetches, 1);	/* fetched once, judged once */
	assert_int_equal(f->env.nr_exits, 0);
}

static void test_hostile_injections(void **state)
{
	struct vc_fixture *f = *state;

	f->sev.sim.x86.hostile = SIM_HV_INJECT;
	f->sev.sim.x86.inject_event = 13 | (3 << 8) | (1ULL << 31);
	assert_int_equal(RUN(f, 0x7c, 0x0f, 0x32), COCO_VC_EXCEPTION);
	assert_int_equal(f->ctx.exc_vector, 13);
	assert_true(f->ctx.regs.rip == code_addr(f));
	f->sev.sim.x86.inject_event = 14 | (3 << 8) | (1ULL << 31);
	assert_int_equal(RUN(f, 0x7c, 0x0f, 0x32), COCO_VC_VMM_ERROR);
	f->sev.sim.x86.hostile = SIM_HV_DROP_VALID;
	assert_int_equal(RUN(f, 0x7b, 0xec), COCO_VC_VMM_ERROR);	/* in al, dx */
	assert_int_equal(RUN(f, 0x6e, 0x0f, 0x31), COCO_VC_VMM_ERROR);
	f->sev.sim.x86.hostile = SIM_HV_INVALID_INPUT;
	assert_int_equal(RUN(f, 0x89, 0x0f, 0x09), COCO_VC_VMM_ERROR);
}

static void test_nested_vc_uses_backup(void **state)
{
	struct vc_fixture *f = *state;
	u8 *page = f->sev.ghcb_page;

	/* The outer #VC has filled the GHCB when a nested one arrives. */
	page[0x800] = 0x5a;
	assert_int_equal(coco_ghcb_get(&f->sev.ghcb), 0);
	assert_int_equal(RUN(f, 0x6e, 0x0f, 0x31), COCO_VC_OK);
	coco_ghcb_put(&f->sev.ghcb);
	assert_int_equal(page[0x800], 0x5a);
	/* A third level has nowhere to go. */
	assert_int_equal(coco_ghcb_get(&f->sev.ghcb), 0);
	assert_int_equal(coco_ghcb_get(&f->sev.ghcb), -EBUSY);
	coco_ghcb_put(&f->sev.ghcb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cpuid_from_hypervisor, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_cpuid_without_ghcb, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_cpuid_from_snp_table_no_exit,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_exit_code_must_match_opcode,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_in_out, setup, teardown),
		cmocka_unit_test(test_ioio_exitinfo),
		cmocka_unit_test_setup_teardown(test_rep_outsb_chunks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rep_outsb_backwards, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_rep_insw, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_io_rules, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_msr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tsc_pmc_dr7_misc, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_mmio_basic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mmio_refusals, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_racing_byte_swap, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_hostile_injections, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_nested_vc_uses_backup, setup,
						teardown),
	};

	return cmocka_run_group_tests_name("vc", tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Differential test of the #VC MMIO emulation (x86-64 hosts): every
 * generated encoding runs once natively on a data page and once through
 * coco_vc_handle() with the same page behind the hypervisor model's MMIO,
 * and both must leave identical registers, RIP and memory.
 *
 * The encodings: the compiler's own accessors of every width (taken from
 * this binary), and MOV/MOVZX/MOVSX/MOV-imm/MOVS generated over operand
 * sizes, all sixteen registers (AH..BH included), every addressing form
 * (base, disp8, disp32, SIB with every scale, no-base SIB, RIP-relative),
 * REX, 66, 67 and ignored segment prefixes, and REP with both directions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <linux/errno.h>
#include "native_exec.h"
#include "vc_fixture.h"

#define MAX_ENC		4096
#define DATA_OFF	1024	/* base registers point here */

struct enc {
	u8 b[15];
	u8 len;
	bool movs;
	bool df;
	u64 rcx;
};

static struct enc encs[MAX_ENC];
static unsigned int nr_encs;
static struct native_area area;
static u8 device[4096];	/* the emulated MMIO page */

static void add(const u8 *b, unsigned int len, bool movs, bool df, u64 rcx)
{
	unsigned int i;

	for (i = 0; i < nr_encs; i++)
		if (encs[i].len == len && !memcmp(encs[i].b, b, len) &&
		    encs[i].df == df && encs[i].rcx == rcx)
			return;
	assert_true(nr_encs < MAX_ENC);
	memcpy(encs[nr_encs].b, b, len);
	encs[nr_encs].len = len;
	encs[nr_encs].movs = movs;
	encs[nr_encs].df = df;
	encs[nr_encs].rcx = rcx;
	nr_encs++;
}

/* ---- the compiler's accessors ---------------------------------------- */

#define ACC(name, type, body) \
	__attribute__((noinline, no_sanitize_address, no_sanitize_undefined)) \
	type name(volatile type *p, type v) body

ACC(acc_r8, uint8_t, { return *p; })
ACC(acc_r16, uint16_t, { return *p; })
ACC(acc_r32, uint32_t, { return *p; })
ACC(acc_r64, uint64_t, { return *p; })
ACC(acc_w8, uint8_t, { *p = v; return 0; })
ACC(acc_w16, uint16_t, { *p = v; return 0; })
ACC(acc_w32, uint32_t, { *p = v; return 0; })
ACC(acc_w64, uint64_t, { *p = v; return 0; })

static void add_compiler_accessors(void)
{
	const void *fns[] = { acc_r8, acc_r16, acc_r32, acc_r64,
			      acc_w8, acc_w16, acc_w32, acc_w64 };
	struct coco_insn insn;
	unsigned int i;

	for (i = 0; i < 8; i++) {
		assert_int_equal(coco_insn_decode(&insn, fns[i], 15, true), 0);
		assert_int_not_equal(coco_insn_mmio_kind(&insn),
				     COCO_INSN_MMIO_DECODE_FAILED);
		add(fns[i], insn.length, false, false, 0);
	}
}

/* ---- generated encodings --------------------------------------------- */

struct form {
	int base;	/* -1: none */
	int index;	/* -1: none */
	int scale;
	int disp_bytes;	/* 0, 1, 4 */
	bool rip;
};

/* ModRM/SIB/disp for @reg and @f; returns bytes written, sets REX bits. */
static unsigned int modrm(u8 *p, int reg, const struct form *f, u8 *rex)
{
	unsigned int n = 0;
	int mod = f->disp_bytes == 1 ? 1 : f->disp_bytes == 4 ? 2 : 0;
	s32 disp = f->disp_bytes == 1 ? 0x10 : 0x40;

	*rex |= (reg & 8) ? 4 : 0;
	if (f->rip) {
		p[n++] = ((reg & 7) << 3) | 5;
		n += 4;	/* disp32 filled by the caller */
		return n;
	}
	if (f->base < 0) {	/* SIB without base: mod 00, base 101, disp32 */
		/* The data page is below 2 GiB: disp32 can be its address. */
		s32 abs = (s32)((u64)(unsigned long)area.data + DATA_OFF);

		*rex |= (f->index & 8) ? 2 : 0;
		p[n++] = ((reg & 7) << 3) | 4;
		p[n++] = (__builtin_ctz(f->scale) << 6) | ((f->index & 7) << 3) | 5;
		memcpy(p + n, &abs, 4);
		return n + 4;
	}
	*rex |= (f->base & 8) ? 1 : 0;
	if (f->index >= 0 || (f->base & 7) == 4) {
		int idx = f->index >= 0 ? f->index : 4;	/* 100: no index */

		*rex |= (idx & 8) ? 2 : 0;
		p[n++] = (mod << 6) | ((reg & 7) << 3) | 4;
		p[n++] = (__builtin_ctz(f->scale) << 6) | ((idx & 7) << 3) |
			 (f->base & 7);
	} else {
		p[n++] = (mod << 6) | ((reg & 7) << 3) | (f->base & 7);
	}
	if (f->disp_bytes == 1)
		p[n++] = (u8)disp;
	else if (f->disp_bytes == 4) {
		memcpy(p + n, &disp, 4);
		n += 4;
	}
	return n;
}

/* @pfx legacy prefixes, optional REX (W and forced), opcode, then ModRM. */
static void gen(const u8 *pfx, unsigned int npfx, bool w, bool force_rex,
		const u8 *op, unsigned int nop, int reg, const struct form *f,
		unsigned int imm_bytes)
{
	u8 b[15], body[12], rex = w ? 8 : 0;
	unsigned int n = 0, m, i;

	m = modrm(body, reg, f, &rex);
	memcpy(b, pfx, npfx);
	n = npfx;
	if (rex || force_rex)
		b[n++] = 0x40 | rex;
	memcpy(b + n, op, nop);
	n += nop;
	memcpy(b + n, body, m);
	n += m;
	for (i = 0; i < imm_bytes; i++)
		b[n++] = 0x80 + 0x11 * i;	/* sign bit set: tests extension */
	if (f->rip) {
		/* Point at DATA_OFF from the end of the instruction. */
		s32 d = (s32)(4096 + DATA_OFF - n);
		unsigned int at = n - imm_bytes - 4;

		memcpy(b + at, &d, 4);
	}
	add(b, n, false, false, 0);
}

/* Registers holding the data page address; RCX, RDX, R9 hold small indexes. */
static const int bases[] = { 3, 5, 6, 7, 8, 11, 12, 13, 15 };
static const int regs_ok[] = { 0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13,
			       14, 15 };

static void add_generated(void)
{
	static const u8 p66[] = { 0x66 }, p67[] = { 0x67 }, none[] = { 0 };
	static const u8 segs[] = { 0x2e, 0x3e, 0x26, 0x36 };
	static const u8 st8[] = { 0x88 }, st[] = { 0x89 }, ld8[] = { 0x8a },
		ld[] = { 0x8b }, im8[] = { 0xc6 }, im[] = { 0xc7 },
		zx8[] = { 0x0f, 0xb6 }, zx16[] = { 0x0f, 0xb7 },
		sx8[] = { 0x0f, 0xbe }, sx16[] = { 0x0f, 0xbf };
	struct form f;
	unsigned int i, j, s;
	int r;

	/* Every register, through [rbx + disp8], every width, store/load. */
	f = (struct form){ .base = 3, .index = -1, .scale = 1, .disp_bytes = 1 };
	for (i = 0; i < sizeof(regs_ok) / sizeof(regs_ok[0]); i++) {
		r = regs_ok[i];
		gen(none, 0, false, false, st, 1, r, &f, 0);
		gen(none, 0, true, false, st, 1, r, &f, 0);
		gen(p66, 1, false, false, st, 1, r, &f, 0);
		gen(none, 0, false, r < 8, st8, 1, r, &f, 0);	/* SPL..DIL */
		gen(none, 0, false, false, ld, 1, r, &f, 0);
		gen(none, 0, true, false, ld, 1, r, &f, 0);
		gen(p66, 1, false, false, ld, 1, r, &f, 0);
		gen(none, 0, false, r < 8, ld8, 1, r, &f, 0);
		gen(none, 0, false, false, zx8, 2, r, &f, 0);
		gen(none, 0, true, false, sx16, 2, r, &f, 0);
	}
	/* AH, CH, DH, BH (no REX): reg 4..7 with byte opcodes. */
	for (r = 4; r < 8; r++) {
		gen(none, 0, false, false, st8, 1, r, &f, 0);
		gen(none, 0, false, false, ld8, 1, r, &f, 0);
	}
	/* Every addressing form with a 32-bit load and a 64-bit store. */
	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		for (j = 0; j < 3; j++) {
			f = (struct form){ .base = bases[i], .index = -1,
					   .scale = 1,
					   .disp_bytes = j == 2 ? 4 : j };
			/* mod 00 with rbp/r13 would mean RIP or disp32 */
			if (j == 0 && (bases[i] & 7) == 5)
				continue;
			gen(none, 0, false, false, ld, 1, 1, &f, 0);
			gen(none, 0, true, false, st, 1, 2, &f, 0);
		}
		for (s = 1; s <= 8; s *= 2) {
			f = (struct form){ .base = bases[i], .index = 9,
					   .scale = s, .disp_bytes = 1 };
			gen(none, 0, false, false, ld, 1, 0, &f, 0);
		}
	}
	for (s = 1; s <= 8; s *= 2) {
		f = (struct form){ .base = -1, .index = 9, .scale = s };
		gen(none, 0, false, false, ld, 1, 2, &f, 0);
		gen(none, 0, true, false, st, 1, 2, &f, 0);
	}
	/* RIP-relative, every kind of access. */
	f = (struct form){ .rip = true };
	gen(none, 0, false, false, ld, 1, 0, &f, 0);
	gen(none, 0, true, false, ld, 1, 9, &f, 0);
	gen(none, 0, false, false, st8, 1, 5, &f, 0);
	gen(p66, 1, false, false, st, 1, 3, &f, 0);
	gen(none, 0, false, false, im, 1, 0, &f, 4);
	gen(none, 0, false, false, im8, 1, 0, &f, 1);
	gen(none, 0, false, false, zx16, 2, 7, &f, 0);
	/* Immediates: byte, word, dword, sign-extended qword. */
	f = (struct form){ .base = 7, .index = -1, .scale = 1, .disp_bytes = 4 };
	gen(none, 0, false, false, im8, 1, 0, &f, 1);
	gen(p66, 1, false, false, im, 1, 0, &f, 2);
	gen(none, 0, false, false, im, 1, 0, &f, 4);
	gen(none, 0, true, false, im, 1, 0, &f, 4);
	/* MOVZX / MOVSX to 16, 32 and 64 bits. */
	f = (struct form){ .base = 6, .index = 2, .scale = 2, .disp_bytes = 1 };
	for (r = 0; r < 16; r += 5) {
		gen(p66, 1, false, false, zx8, 2, r, &f, 0);
		gen(none, 0, false, false, zx16, 2, r, &f, 0);
		gen(none, 0, true, false, zx8, 2, r, &f, 0);
		gen(p66, 1, false, false, sx8, 2, r, &f, 0);
		gen(none, 0, false, false, sx8, 2, r, &f, 0);
		gen(none, 0, false, false, sx16, 2, r, &f, 0);
		gen(none, 0, true, false, sx8, 2, r, &f, 0);
	}
	/* Address size 32 (67): R14 has junk in its upper half. */
	f = (struct form){ .base = 14, .index = 1, .scale = 4, .disp_bytes = 1 };
	gen(p67, 1, false, false, ld, 1, 0, &f, 0);
	gen(p67, 1, true, false, st, 1, 10, &f, 0);
	f.index = -1;
	gen(p67, 1, false, false, zx8, 2, 2, &f, 0);
	/* Segment prefixes 64-bit mode ignores. */
	f = (struct form){ .base = 3, .index = 1, .scale = 4, .disp_bytes = 1 };
	for (i = 0; i < sizeof(segs); i++) {
		gen(&segs[i], 1, false, false, ld, 1, 2, &f, 0);
		gen(&segs[i], 1, true, false, st, 1, 10, &f, 0);
	}
	{
		static const u8 two[] = { 0x66, 0x67 };

		gen(two, 2, false, false, st, 1, 0, &f, 0);
	}
}

static void add_movs(void)
{
	static const u8 m[][3] = {
		{ 0xa4 }, { 0xa5 }, { 0x66, 0xa5 }, { 0x48, 0xa5 },
		{ 0xf3, 0xa4 }, { 0xf3, 0xa5 }, { 0xf3, 0x66, 0xa5 },
		{ 0xf3, 0x48, 0xa5 },
	};
	static const u8 len[] = { 1, 1, 2, 2, 2, 2, 3, 3 };
	unsigned int i;

	for (i = 0; i < 8; i++) {
		add(m[i], len[i], true, false, 5);
		add(m[i], len[i], true, true, 5);
	}
}

/* ---- running both ways ----------------------------------------------- */

static const u8 *cur_bytes;
static unsigned int cur_len;

static int diff_fetch(void *p, u64 rip, u8 *buf, unsigned int len)
{
	if (rip != (u64)(unsigned long)area.code)
		return -EFAULT;
	memset(buf, 0x90, len);
	memcpy(buf, cur_bytes, cur_len);
	return len;
}

static int diff_mmio_gpa(void *p, u64 va, u64 *gpa)
{
	u64 base = (u64)(unsigned long)area.data;

	if (va < base || va >= base + 4096)
		return -EFAULT;
	*gpa = va;
	return 0;
}

/* The data page's guest address reaches the device copy; all else is RAM. */
static void *diff_gpa_to_va(u64 gpa)
{
	u64 base = (u64)(unsigned long)area.data;

	if (gpa < base || gpa >= base + 4096)
		return (void *)(unsigned long)gpa;
	return device + (gpa - base);
}

static u64 next_rand(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void initial_state(unsigned int n, struct native_regs *r)
{
	u64 seed = 0x9e3779b97f4a7c15ULL + n, data = (u64)(unsigned long)area.data;
	unsigned int i;

	for (i = 0; i < NR_NREGS; i++)
		r->gpr[i] = next_rand(&seed);
	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++)
		r->gpr[bases[i]] = data + DATA_OFF;
	r->gpr[NR_RSI] = data + DATA_OFF + 0x100;
	/* Junk above bit 31 that 32-bit addressing must drop. */
	r->gpr[NR_R14] = (r->gpr[NR_R14] & 0xffffffff00000000ULL) |
			 (data + DATA_OFF);
	r->gpr[NR_RCX] = 3;	/* small indexes */
	r->gpr[NR_RDX] = 5;
	r->gpr[NR_R9] = 7;
	r->gpr[NR_RSP] = 0;
	r->rflags = 0x2;
	for (i = 0; i < 4096; i++)
		area.data[i] = next_rand(&seed);
}

static void test_differential(void **state)
{
	static struct vc_fixture f;
	struct coco_vc_ops ops;
	unsigned int n, i, failures = 0;

	(void)state;
	assert_int_equal(native_area_init(&area), 0);
	add_compiler_accessors();
	add_generated();
	add_movs();
	printf("# %u distinct encodings\n", nr_encs);
	assert_true(nr_encs >= 200);

	vc_fixture_init(&f);
	assert_int_equal(vc_fixture_ghcb(&f), 0);
	ops = f.ops;
	ops.fetch = diff_fetch;
	ops.mmio_gpa = diff_mmio_gpa;
	f.env.ops = &ops;
	f.sev.sim.x86.gpa_to_va = diff_gpa_to_va;

	for (n = 0; n < nr_encs; n++) {
		struct native_regs nat, emu;
		enum coco_vc_result res;

		initial_state(n, &nat);
		if (encs[n].movs) {
			nat.gpr[NR_RCX] = encs[n].rcx;
			if (encs[n].df)
				nat.rflags |= X86_RFLAGS_DF;
		}
		emu = nat;
		memcpy(device, area.data, sizeof(device));

		native_exec(&area, encs[n].b, encs[n].len, &nat);

		memcpy(f.ctx.regs.gpr, emu.gpr, sizeof(emu.gpr));
		f.ctx.regs.rip = (u64)(unsigned long)area.code;
		f.ctx.rflags = emu.rflags;
		cur_bytes = encs[n].b;
		cur_len = encs[n].len;
		do {
			res = coco_vc_handle(&f.env, &f.ctx, SVM_EXIT_NPF);
		} while (res == COCO_VC_RETRY);

		nat.gpr[NR_RSP] = 0;
		f.ctx.regs.gpr[NR_RSP] = 0;
		if (res != COCO_VC_OK ||
		    memcmp(nat.gpr, f.ctx.regs.gpr, sizeof(nat.gpr)) ||
		    f.ctx.regs.rip != (u64)(unsigned long)area.code +
				      encs[n].len ||
		    memcmp(area.data, device, sizeof(device))) {
			failures++;
			printf("# MISMATCH res=%d:", res);
			for (i = 0; i < encs[n].len; i++)
				printf(" %02x", encs[n].b[i]);
			printf("\n");
			for (i = 0; i < NR_NREGS; i++)
				if (nat.gpr[i] != f.ctx.regs.gpr[i])
					printf("#   r%u native %016llx emulated %016llx\n",
					       i, (unsigned long long)nat.gpr[i],
					       (unsigned long long)f.ctx.regs.gpr[i]);
		}
	}
	coco_ghcb_put(&f.sev.ghcb);
	vc_fixture_fini(&f);
	assert_int_equal(failures, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_differential),
	};

	return cmocka_run_group_tests_name("vc_diff", tests, NULL, NULL);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: the #VC handler with a hostile everything.  The input
 * chooses the exit code, the instruction bytes at RIP, the registers, the
 * privilege level and DF, and every GHCB response the "hypervisor" writes.
 * Properties checked (trap on violation):
 *  - the result is a known value; RIP moves only on OK, by 1..15 bytes;
 *  - INVD is never emulated; MMIO is never emulated for user mode;
 *  - user-mode emulation never touches memory at or above user_top;
 *  - an OK emulation of an exit code matches the instruction's opcode.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <coco/byteimg_le.h>
#include <coco/vc.h>

#define USER_TOP 0x0000800000000000ULL

static const uint8_t *in;
static size_t in_len, in_pos;
static u8 ghcb_page[4096] __attribute__((aligned(4096)));
static u8 code[16];
static u8 mem[8192];
static u64 ghcb_msr;
static int cpl;

static u8 take(void)
{
	return in_pos < in_len ? in[in_pos++] : 0;
}

static u64 take64(void)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < 8; i++)
		v |= (u64)take() << (8 * i);
	return v;
}

static u64 f_msr_read(const struct coco_platform *p) { return ghcb_msr; }
static void f_msr_write(const struct coco_platform *p, u64 v) { ghcb_msr = v; }
static u64 f_va_to_gpa(const struct coco_platform *p, const void *va)
{
	return (u64)(unsigned long)va;
}

/* The hypervisor: overwrite response fields and valid bits from input. */
static void f_vmgexit(const struct coco_platform *p)
{
	unsigned int i, n = take() % 8;

	for (i = 0; i < n; i++) {
		unsigned int off = (take() % 128) * 8;

		coco_put_le64(ghcb_page + off, take64());
	}
	for (i = 0; i < 16; i++)
		ghcb_page[0x3f0 + i] |= take();
	for (i = 0; i < 64; i++)
		ghcb_page[0x800 + i] = take();
	if (take() & 1) {	/* an answer in the result fields */
		coco_put_le64(ghcb_page + 0x398, take() % 4);
		coco_put_le64(ghcb_page + 0x3a0, take64());
	}
	/* An MSR-protocol answer: a CPUID response code, or anything. */
	if (take() & 1)
		ghcb_msr = (take64() & ~0xfffULL) | 0x005;
	else if (take() & 1)
		ghcb_msr = take64();
}

static int f_fetch(void *ctx, u64 rip, u8 *buf, unsigned int len)
{
	if (rip != (u64)(unsigned long)code)
		return -14;
	memcpy(buf, code, len < sizeof(code) ? len : sizeof(code));
	return len < sizeof(code) ? len : sizeof(code);
}

static void check_user(u64 va, unsigned int len)
{
	if (cpl && (va >= USER_TOP || va + len > USER_TOP || va + len < va))
		__builtin_trap();
}

static int f_read(void *ctx, u64 va, void *buf, unsigned int len)
{
	check_user(va, len);
	memset(buf, 0x5a, len);
	return 0;
}

static int f_write(void *ctx, u64 va, const void *buf, unsigned int len)
{
	check_user(va, len);
	return 0;
}

static int f_mmio_gpa(void *ctx, u64 va, u64 *gpa)
{
	u64 base = (u64)(unsigned long)mem;

	if (va < base || va >= base + sizeof(mem))
		return -14;
	*gpa = va;
	return 0;
}

static bool f_io_permitted(void *ctx, u16 port, unsigned int size)
{
	return port & 1;
}

static const u64 exits[] = { 0x27, 0x37, 0x6e, 0x6f, 0x72, 0x76, 0x7b, 0x7c,
			     0x81, 0x87, 0x89, 0x8a, 0x8b, 0x400, 0x12345 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct coco_platform plat = {
		.name = "fuzz",
		.ghcb_msr_read = f_msr_read,
		.ghcb_msr_write = f_msr_write,
		.vmgexit = f_vmgexit,
		.va_to_gpa = f_va_to_gpa,
	};
	const struct coco_vc_ops ops = {
		.fetch = f_fetch,
		.read = f_read,
		.write = f_write,
		.mmio_gpa = f_mmio_gpa,
		.io_permitted = f_io_permitted,
	};
	struct coco_ghcb ghcb = { .page = ghcb_page, .version = 2,
				  .active = true };
	struct coco_vc_env env = {
		.plat = &plat, .ghcb = &ghcb, .ops = &ops,
		.user_top = USER_TOP, .xcr0 = 1,
	};
	struct coco_vc_ctx ctx = { 0 };
	struct coco_insn insn;
	enum coco_vc_result res;
	u64 exit_code, rip;
	unsigned int i;

	in = data;
	in_len = size;
	in_pos = 0;
	/* Before a GHCB exists (early boot): only CPUID may be emulated. */
	if (take() % 8 == 0)
		env.ghcb = NULL;
	exit_code = exits[take() % (sizeof(exits) / sizeof(exits[0]))];
	cpl = take() & 1 ? 3 : 0;
	ctx.cpl = cpl;
	ctx.rflags = take() & 1 ? X86_RFLAGS_DF : 0;
	for (i = 0; i < sizeof(code); i++)
		code[i] = take();
	for (i = 0; i < 16; i++) {
		u8 sel = take();

		/* Registers: small counts, pointers into mem, or raw values. */
		ctx.regs.gpr[i] = sel < 64 ? sel :
				  sel < 160 ? (u64)(unsigned long)mem + sel * 8 :
				  take64();
	}
	rip = ctx.regs.rip = (u64)(unsigned long)code;

	res = coco_vc_handle(&env, &ctx, exit_code);
	if (res > COCO_VC_DECODE_FAILED)
		__builtin_trap();
	if (res == COCO_VC_OK) {
		if (ctx.regs.rip <= rip || ctx.regs.rip > rip + 15)
			__builtin_trap();
		if (coco_insn_decode(&insn, code, sizeof(code), true))
			__builtin_trap();
		if (insn.op == COCO_INSN_OP_INVD)
			__builtin_trap();
		if (cpl && exit_code == SVM_EXIT_NPF)
			__builtin_trap();
		if (exit_code == SVM_EXIT_CPUID && insn.op != COCO_INSN_OP_CPUID)
			__builtin_trap();
		if (!env.ghcb && exit_code != SVM_EXIT_CPUID)
			__builtin_trap();
	} else if (ctx.regs.rip != rip) {
		__builtin_trap();
	}
	return 0;
}

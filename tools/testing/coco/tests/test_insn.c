// SPDX-License-Identifier: GPL-2.0-only
/*
 * The #VC instruction decoder, table-driven.
 *
 * Expected values are written by hand from the encoding rules of the Intel
 * SDM vol. 2 (ch. 2, "Instruction Format"; the MOV, MOVZX, MOVSX, MOVS, IN,
 * OUT, INS, OUTS, MOV DR and group-7 pages) and the AMD APM vol. 3 (ch. 1,
 * ModRM/SIB special cases under REX; MONITORX/MWAITX/VMMCALL/RDTSCP), each
 * byte taken apart in the comment or the field list next to it.  They are
 * never produced by running the decoder.
 *
 * The assembler cross-check at the end holds byte strings GNU as produced
 * for the instruction text next to each one; only the lengths are asserted
 * (the decoder must agree with the assembler on where every instruction
 * ends, with and without trailing bytes after it).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include <coco/insn.h>

/* Register numbers as ModRM/SIB (+ REX) encode them. */
enum { AX, CX, DX, BX, SP, BP, SI, DI, R8, R9, R10, R11, R12, R13, R14, R15 };

#define BYTES(...)	.b = { __VA_ARGS__ }, .n = sizeof((u8[]){ __VA_ARGS__ })
/* Optional fields: 0 = absent, SOME(v) = present with value v. */
#define SOME(v)		((v) + 1)
#define OP(x)		COCO_INSN_OP_##x
#define PFX(x)		COCO_INSN_PFX_##x
#define SEG(x)		SOME(COCO_INSN_SEG_##x)
#define ALL_PFX		0x7ff

struct dec_case {
	const char *name;
	u8 b[24];
	u8 n;
	bool m32;	/* 32-bit protected mode instead of 64-bit mode */
	int ret;
	u8 len;
	u8 op;
	u8 npfx;
	u16 pfx;
	u8 rep;
	u8 seg;		/* SEG(x) or absent */
	u8 rex;
	int modrm;	/* SOME(byte) or absent */
	int sib;	/* SOME(byte) or absent */
	u8 reg;		/* ModRM.reg with REX.R */
	u8 rm;		/* ModRM.rm with REX.B */
	bool mem;
	bool rip;
	int base;	/* SOME(register) or absent */
	int index;	/* SOME(register) or absent */
	u8 scale;	/* 0 stands for 1 */
	u8 disp_bytes;
	s32 disp;
	u8 imm_bytes;
	s64 imm;
	u8 opnd;	/* 0 stands for the default, 4 */
	u8 addr;	/* 0 stands for the mode's default: 8 or 4 */
	bool hreg;
	bool hrm;
};

static const struct dec_case dec_cases[] = {
	/* ---- MOV r/m,reg (88/89) and reg,r/m (8A/8B): ModRM basics ---- */
	/* modrm 00 = mod 00, reg 000 (eax), rm 000 ([rax]) */
	{ "mov [rax],eax", BYTES(0x89, 0x00), .len = 2, .op = OP(MOV_STORE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX) },
	/* 08 = 00 001 000: reg ecx */
	{ "mov [rax],ecx", BYTES(0x89, 0x08), .len = 2, .op = OP(MOV_STORE),
	  .modrm = SOME(0x08), .reg = CX, .mem = true, .base = SOME(AX) },
	{ "mov [rax],al", BYTES(0x88, 0x00), .len = 2, .op = OP(MOV_STORE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX), .opnd = 1 },
	/* 20 = 00 100 000: reg 4 in a byte op without REX is AH */
	{ "mov [rax],ah", BYTES(0x88, 0x20), .len = 2, .op = OP(MOV_STORE),
	  .modrm = SOME(0x20), .reg = 4, .mem = true, .base = SOME(AX),
	  .opnd = 1, .hreg = true },
	{ "mov [rax],ch", BYTES(0x88, 0x28), .len = 2, .op = OP(MOV_STORE),
	  .modrm = SOME(0x28), .reg = 5, .mem = true, .base = SOME(AX),
	  .opnd = 1, .hreg = true },
	{ "mov [rax],dh", BYTES(0x88, 0x30), .len = 2, .op = OP(MOV_STORE),
	  .modrm = SOME(0x30), .reg = 6, .mem = true, .base = SOME(AX),
	  .opnd = 1, .hreg = true },
	{ "mov [rax],bh", BYTES(0x88, 0x38), .len = 2, .op = OP(MOV_STORE),
	  .modrm = SOME(0x38), .reg = 7, .mem = true, .base = SOME(AX),
	  .opnd = 1, .hreg = true },
	/* any REX turns 4..7 into SPL, BPL, SIL, DIL */
	{ "mov [rax],spl", BYTES(0x40, 0x88, 0x20), .len = 3,
	  .op = OP(MOV_STORE), .npfx = 1, .rex = 0x40, .modrm = SOME(0x20),
	  .reg = 4, .mem = true, .base = SOME(AX), .opnd = 1 },
	{ "mov [rax],dil", BYTES(0x40, 0x88, 0x38), .len = 3,
	  .op = OP(MOV_STORE), .npfx = 1, .rex = 0x40, .modrm = SOME(0x38),
	  .reg = 7, .mem = true, .base = SOME(AX), .opnd = 1 },
	{ "mov ah,[rax]", BYTES(0x8a, 0x20), .len = 2, .op = OP(MOV_LOAD),
	  .modrm = SOME(0x20), .reg = 4, .mem = true, .base = SOME(AX),
	  .opnd = 1, .hreg = true },
	/* 3b = 00 111 011: bh, [rbx] */
	{ "mov bh,[rbx]", BYTES(0x8a, 0x3b), .len = 2, .op = OP(MOV_LOAD),
	  .modrm = SOME(0x3b), .reg = 7, .rm = 3, .mem = true,
	  .base = SOME(BX), .opnd = 1, .hreg = true },
	/* 44 = REX.R: reg 4 + 8 = r12b */
	{ "mov [rax],r12b", BYTES(0x44, 0x88, 0x20), .len = 3,
	  .op = OP(MOV_STORE), .npfx = 1, .rex = 0x44, .modrm = SOME(0x20),
	  .reg = 12, .mem = true, .base = SOME(AX), .opnd = 1 },
	{ "mov [rax],rax", BYTES(0x48, 0x89, 0x00), .len = 3,
	  .op = OP(MOV_STORE), .npfx = 1, .rex = 0x48, .modrm = SOME(0x00),
	  .mem = true, .base = SOME(AX), .opnd = 8 },
	{ "mov [rax],ax", BYTES(0x66, 0x89, 0x00), .len = 3,
	  .op = OP(MOV_STORE), .npfx = 1, .pfx = PFX(OPSIZE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX), .opnd = 2 },
	/* REX.W beats 66 */
	{ "66 REX.W mov [rax],rax", BYTES(0x66, 0x48, 0x89, 0x00), .len = 4,
	  .op = OP(MOV_STORE), .npfx = 2, .pfx = PFX(OPSIZE), .rex = 0x48,
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX), .opnd = 8 },
	/* a REX that is not the last prefix is ignored */
	{ "REX.W 66 mov: REX ignored", BYTES(0x48, 0x66, 0x89, 0x00),
	  .len = 4, .op = OP(MOV_STORE), .npfx = 2, .pfx = PFX(OPSIZE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX), .opnd = 2 },
	/* 45 = 01 000 101: [rbp + disp8] */
	{ "mov eax,[rbp+8]", BYTES(0x8b, 0x45, 0x08), .len = 3,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x45), .rm = 5, .mem = true,
	  .base = SOME(BP), .disp_bytes = 1, .disp = 8 },
	{ "mov eax,[rbp-8]", BYTES(0x8b, 0x45, 0xf8), .len = 3,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x45), .rm = 5, .mem = true,
	  .base = SOME(BP), .disp_bytes = 1, .disp = -8 },
	/* 85 = 10 000 101: [rbp + disp32] */
	{ "mov eax,[rbp+0x100]", BYTES(0x8b, 0x85, 0x00, 0x01, 0x00, 0x00),
	  .len = 6, .op = OP(MOV_LOAD), .modrm = SOME(0x85), .rm = 5,
	  .mem = true, .base = SOME(BP), .disp_bytes = 4, .disp = 0x100 },
	{ "mov eax,[rax+0x12345678]",
	  BYTES(0x8b, 0x80, 0x78, 0x56, 0x34, 0x12), .len = 6,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x80), .mem = true,
	  .base = SOME(AX), .disp_bytes = 4, .disp = 0x12345678 },
	{ "disp32 = INT32_MIN", BYTES(0x8b, 0x80, 0x00, 0x00, 0x00, 0x80),
	  .len = 6, .op = OP(MOV_LOAD), .modrm = SOME(0x80), .mem = true,
	  .base = SOME(AX), .disp_bytes = 4, .disp = INT32_MIN },
	{ "disp8 = -128", BYTES(0x8b, 0x40, 0x80), .len = 3,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x40), .mem = true,
	  .base = SOME(AX), .disp_bytes = 1, .disp = -128 },
	{ "disp8 = 127", BYTES(0x8b, 0x40, 0x7f), .len = 3,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x40), .mem = true,
	  .base = SOME(AX), .disp_bytes = 1, .disp = 127 },
	/* 05 = 00 000 101: RIP + disp32 in 64-bit mode */
	{ "mov eax,[rip+0x12345678]",
	  BYTES(0x8b, 0x05, 0x78, 0x56, 0x34, 0x12), .len = 6,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x05), .rm = 5, .mem = true,
	  .rip = true, .disp_bytes = 4, .disp = 0x12345678 },
	{ "mov eax,[rip-4]", BYTES(0x8b, 0x05, 0xfc, 0xff, 0xff, 0xff),
	  .len = 6, .op = OP(MOV_LOAD), .modrm = SOME(0x05), .rm = 5,
	  .mem = true, .rip = true, .disp_bytes = 4, .disp = -4 },
	/* REX.B does not turn rm 101 / mod 00 into [r13] */
	{ "REX.B mod00 rm101 stays RIP-relative",
	  BYTES(0x41, 0x8b, 0x05, 0x00, 0x00, 0x00, 0x00), .len = 7,
	  .op = OP(MOV_LOAD), .npfx = 1, .rex = 0x41, .modrm = SOME(0x05),
	  .rm = 13, .mem = true, .rip = true, .disp_bytes = 4 },
	/* 0d = 00 001 101: rcx, [rip + disp32] */
	{ "mov rcx,[rip+0x10]",
	  BYTES(0x48, 0x8b, 0x0d, 0x10, 0x00, 0x00, 0x00), .len = 7,
	  .op = OP(MOV_LOAD), .npfx = 1, .rex = 0x48, .modrm = SOME(0x0d),
	  .reg = CX, .rm = 5, .mem = true, .rip = true, .disp_bytes = 4,
	  .disp = 0x10, .opnd = 8 },
	/* 04 = rm 100: SIB; SIB 24 = 00 100 100: base rsp, no index */
	{ "mov eax,[rsp]", BYTES(0x8b, 0x04, 0x24), .len = 3,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x04), .rm = 4, .sib = SOME(0x24),
	  .mem = true, .base = SOME(SP) },
	/* SIB 25 = 00 100 101 with mod 00: no base, no index, disp32 */
	{ "mov eax,[0x12345678] via SIB",
	  BYTES(0x8b, 0x04, 0x25, 0x78, 0x56, 0x34, 0x12), .len = 7,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x04), .rm = 4, .sib = SOME(0x25),
	  .mem = true, .disp_bytes = 4, .disp = 0x12345678 },
	/* 44 = 01 000 100: SIB + disp8 */
	{ "mov eax,[rsp+8]", BYTES(0x8b, 0x44, 0x24, 0x08), .len = 4,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x44), .rm = 4, .sib = SOME(0x24),
	  .mem = true, .base = SOME(SP), .disp_bytes = 1, .disp = 8 },
	{ "mov eax,[rsp+0x1000]",
	  BYTES(0x8b, 0x84, 0x24, 0x00, 0x10, 0x00, 0x00), .len = 7,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x84), .rm = 4, .sib = SOME(0x24),
	  .mem = true, .base = SOME(SP), .disp_bytes = 4, .disp = 0x1000 },
	/* SIB ss index base: 08 = 00 001 000, 48 = 01 .., 88 = 10 .., c8 */
	{ "mov eax,[rax+rcx*1]", BYTES(0x8b, 0x04, 0x08), .len = 3,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x04), .rm = 4, .sib = SOME(0x08),
	  .mem = true, .base = SOME(AX), .index = SOME(CX), .scale = 1 },
	{ "mov eax,[rax+rcx*2]", BYTES(0x8b, 0x04, 0x48), .len = 3,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x04), .rm = 4, .sib = SOME(0x48),
	  .mem = true, .base = SOME(AX), .index = SOME(CX), .scale = 2 },
	{ "mov eax,[rax+rcx*4]", BYTES(0x8b, 0x04, 0x88), .len = 3,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x04), .rm = 4, .sib = SOME(0x88),
	  .mem = true, .base = SOME(AX), .index = SOME(CX), .scale = 4 },
	{ "mov eax,[rax+rcx*8]", BYTES(0x8b, 0x04, 0xc8), .len = 3,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x04), .rm = 4, .sib = SOME(0xc8),
	  .mem = true, .base = SOME(AX), .index = SOME(CX), .scale = 8 },
	/* SIB 0d = 00 001 101, mod 00: index rcx, no base, disp32 */
	{ "mov eax,[rcx*1+disp32]",
	  BYTES(0x8b, 0x04, 0x0d, 0x78, 0x56, 0x34, 0x12), .len = 7,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x04), .rm = 4, .sib = SOME(0x0d),
	  .mem = true, .index = SOME(CX), .scale = 1, .disp_bytes = 4,
	  .disp = 0x12345678 },
	/* SIB cd = 11 001 101 */
	{ "mov eax,[rcx*8+0]",
	  BYTES(0x8b, 0x04, 0xcd, 0x00, 0x00, 0x00, 0x00), .len = 7,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x04), .rm = 4, .sib = SOME(0xcd),
	  .mem = true, .index = SOME(CX), .scale = 8, .disp_bytes = 4 },
	/* SIB base 101 with mod 01 / 10 is rbp */
	{ "mov eax,[rbp+rcx+0x10]", BYTES(0x8b, 0x44, 0x0d, 0x10), .len = 4,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x44), .rm = 4, .sib = SOME(0x0d),
	  .mem = true, .base = SOME(BP), .index = SOME(CX), .scale = 1,
	  .disp_bytes = 1, .disp = 0x10 },
	{ "mov eax,[rbp+rcx+disp32]",
	  BYTES(0x8b, 0x84, 0x0d, 0x10, 0x00, 0x00, 0x00), .len = 7,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x84), .rm = 4, .sib = SOME(0x0d),
	  .mem = true, .base = SOME(BP), .index = SOME(CX), .scale = 1,
	  .disp_bytes = 4, .disp = 0x10 },
	/* SIB 20 = 00 100 000: index 100 is "none" ... */
	{ "index 100 is none", BYTES(0x8b, 0x04, 0x20), .len = 3,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x04), .rm = 4, .sib = SOME(0x20),
	  .mem = true, .base = SOME(AX) },
	/* ... and the scale bits are then meaningless: e0 = 11 100 000 */
	{ "no index: scale ignored", BYTES(0x8b, 0x04, 0xe0), .len = 3,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x04), .rm = 4, .sib = SOME(0xe0),
	  .mem = true, .base = SOME(AX) },
	/* ... unless REX.X makes it r12 */
	{ "REX.X index 100 is r12", BYTES(0x42, 0x8b, 0x04, 0x20), .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 1, .rex = 0x42, .modrm = SOME(0x04),
	  .rm = 4, .sib = SOME(0x20), .mem = true, .base = SOME(AX),
	  .index = SOME(R12), .scale = 1 },
	{ "REX.B SIB base 100 is r12", BYTES(0x41, 0x8b, 0x04, 0x24), .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 1, .rex = 0x41, .modrm = SOME(0x04),
	  .rm = 12, .sib = SOME(0x24), .mem = true, .base = SOME(R12) },
	/* REX.B does not give SIB base 101 / mod 00 a base */
	{ "REX.B SIB base 101 mod 00: no base",
	  BYTES(0x41, 0x8b, 0x04, 0x25, 0x00, 0x00, 0x00, 0x00), .len = 8,
	  .op = OP(MOV_LOAD), .npfx = 1, .rex = 0x41, .modrm = SOME(0x04),
	  .rm = 12, .sib = SOME(0x25), .mem = true, .disp_bytes = 4 },
	{ "REX.B SIB base 101 mod 01: r13",
	  BYTES(0x41, 0x8b, 0x44, 0x25, 0x08), .len = 5, .op = OP(MOV_LOAD),
	  .npfx = 1, .rex = 0x41, .modrm = SOME(0x44), .rm = 12,
	  .sib = SOME(0x25), .mem = true, .base = SOME(R13), .disp_bytes = 1,
	  .disp = 8 },
	{ "mov eax,[r13+0]", BYTES(0x41, 0x8b, 0x45, 0x00), .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 1, .rex = 0x41, .modrm = SOME(0x45),
	  .rm = 13, .mem = true, .base = SOME(R13), .disp_bytes = 1 },
	{ "mov eax,[r8]", BYTES(0x41, 0x8b, 0x00), .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .rex = 0x41, .modrm = SOME(0x00),
	  .rm = 8, .mem = true, .base = SOME(R8) },
	/* 4c = W R; 3c = 00 111 100 */
	{ "mov r15,[rsp]", BYTES(0x4c, 0x8b, 0x3c, 0x24), .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 1, .rex = 0x4c, .modrm = SOME(0x3c),
	  .reg = 15, .rm = 4, .sib = SOME(0x24), .mem = true,
	  .base = SOME(SP), .opnd = 8 },
	/* 4f = W R X B; 7c = 01 111 100; fd = 11 111 101 */
	{ "mov r15,[r13+r15*8-0x80]",
	  BYTES(0x4f, 0x8b, 0x7c, 0xfd, 0x80), .len = 5, .op = OP(MOV_LOAD),
	  .npfx = 1, .rex = 0x4f, .modrm = SOME(0x7c), .reg = 15, .rm = 12,
	  .sib = SOME(0xfd), .mem = true, .base = SOME(R13),
	  .index = SOME(R15), .scale = 8, .disp_bytes = 1, .disp = -128,
	  .opnd = 8 },
	{ "mov eax,[eax]", BYTES(0x67, 0x8b, 0x00), .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX), .addr = 4 },
	{ "mov eax,[eip+0x10]",
	  BYTES(0x67, 0x8b, 0x05, 0x10, 0x00, 0x00, 0x00), .len = 7,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x05), .rm = 5, .mem = true, .rip = true,
	  .disp_bytes = 4, .disp = 0x10, .addr = 4 },
	{ "67 SIB no base",
	  BYTES(0x67, 0x8b, 0x04, 0x25, 0x00, 0x00, 0x00, 0x80), .len = 8,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x04), .rm = 4, .sib = SOME(0x25), .mem = true,
	  .disp_bytes = 4, .disp = INT32_MIN, .addr = 4 },
	/* register forms: c1 = 11 000 001 */
	{ "mov eax,ecx", BYTES(0x8b, 0xc1), .len = 2, .op = OP(MOV_LOAD),
	  .modrm = SOME(0xc1), .rm = CX },
	/* e0 = 11 100 000: mov al,ah */
	{ "mov al,ah", BYTES(0x88, 0xe0), .len = 2, .op = OP(MOV_STORE),
	  .modrm = SOME(0xe0), .reg = 4, .opnd = 1, .hreg = true },
	/* c4 = 11 000 100: mov ah,al */
	{ "mov ah,al", BYTES(0x88, 0xc4), .len = 2, .op = OP(MOV_STORE),
	  .modrm = SOME(0xc4), .rm = 4, .opnd = 1, .hrm = true },
	{ "mov spl,al", BYTES(0x40, 0x88, 0xc4), .len = 3,
	  .op = OP(MOV_STORE), .npfx = 1, .rex = 0x40, .modrm = SOME(0xc4),
	  .rm = 4, .opnd = 1 },
	{ "mov ah,ah", BYTES(0x8a, 0xe4), .len = 2, .op = OP(MOV_LOAD),
	  .modrm = SOME(0xe4), .reg = 4, .rm = 4, .opnd = 1, .hreg = true,
	  .hrm = true },
	/* fe = 11 111 110: mov bh,dh */
	{ "mov bh,dh", BYTES(0x8a, 0xfe), .len = 2, .op = OP(MOV_LOAD),
	  .modrm = SOME(0xfe), .reg = 7, .rm = 6, .opnd = 1, .hreg = true,
	  .hrm = true },
	/* 45 = REX.R REX.B */
	{ "mov r12b,r8b", BYTES(0x45, 0x88, 0xc4), .len = 3,
	  .op = OP(MOV_STORE), .npfx = 1, .rex = 0x45, .modrm = SOME(0xc4),
	  .reg = 8, .rm = 12, .opnd = 1 },
	/* ec = 11 101 100: not a byte op, so no high-byte registers */
	{ "mov rsp,rbp", BYTES(0x48, 0x89, 0xec), .len = 3,
	  .op = OP(MOV_STORE), .npfx = 1, .rex = 0x48, .modrm = SOME(0xec),
	  .reg = BP, .rm = SP, .opnd = 8 },
	{ "mov esp,ebp (no REX)", BYTES(0x89, 0xec), .len = 2,
	  .op = OP(MOV_STORE), .modrm = SOME(0xec), .reg = BP, .rm = SP },

	/* ---- MOV r/m,imm (C6 /0 ib, C7 /0 iw/id) ---- */
	{ "mov byte [rax],0x12", BYTES(0xc6, 0x00, 0x12), .len = 3,
	  .op = OP(MOV_STORE_IMM), .modrm = SOME(0x00), .mem = true,
	  .base = SOME(AX), .imm_bytes = 1, .imm = 0x12, .opnd = 1 },
	{ "mov byte [rax],0xff", BYTES(0xc6, 0x00, 0xff), .len = 3,
	  .op = OP(MOV_STORE_IMM), .modrm = SOME(0x00), .mem = true,
	  .base = SOME(AX), .imm_bytes = 1, .imm = -1, .opnd = 1 },
	{ "mov dword [rax],0x12345678",
	  BYTES(0xc7, 0x00, 0x78, 0x56, 0x34, 0x12), .len = 6,
	  .op = OP(MOV_STORE_IMM), .modrm = SOME(0x00), .mem = true,
	  .base = SOME(AX), .imm_bytes = 4, .imm = 0x12345678 },
	{ "mov dword [rax],0xdeadbeef",
	  BYTES(0xc7, 0x00, 0xef, 0xbe, 0xad, 0xde), .len = 6,
	  .op = OP(MOV_STORE_IMM), .modrm = SOME(0x00), .mem = true,
	  .base = SOME(AX), .imm_bytes = 4, .imm = (s32)0xdeadbeef },
	/* 66: iw, not id */
	{ "mov word [rax],0x1234", BYTES(0x66, 0xc7, 0x00, 0x34, 0x12),
	  .len = 5, .op = OP(MOV_STORE_IMM), .npfx = 1, .pfx = PFX(OPSIZE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX),
	  .imm_bytes = 2, .imm = 0x1234, .opnd = 2 },
	{ "mov word [rax],0xffff", BYTES(0x66, 0xc7, 0x00, 0xff, 0xff),
	  .len = 5, .op = OP(MOV_STORE_IMM), .npfx = 1, .pfx = PFX(OPSIZE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX),
	  .imm_bytes = 2, .imm = -1, .opnd = 2 },
	{ "mov word [rax],0x8000", BYTES(0x66, 0xc7, 0x00, 0x00, 0x80),
	  .len = 5, .op = OP(MOV_STORE_IMM), .npfx = 1, .pfx = PFX(OPSIZE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX),
	  .imm_bytes = 2, .imm = -0x8000, .opnd = 2 },
	/* REX.W C7: id sign-extended to 64 bits */
	{ "mov qword [rax],-1",
	  BYTES(0x48, 0xc7, 0x00, 0xff, 0xff, 0xff, 0xff), .len = 7,
	  .op = OP(MOV_STORE_IMM), .npfx = 1, .rex = 0x48,
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX),
	  .imm_bytes = 4, .imm = -1, .opnd = 8 },
	{ "mov qword [rax],0xffffffff80000000",
	  BYTES(0x48, 0xc7, 0x00, 0x00, 0x00, 0x00, 0x80), .len = 7,
	  .op = OP(MOV_STORE_IMM), .npfx = 1, .rex = 0x48,
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX),
	  .imm_bytes = 4, .imm = -0x80000000LL, .opnd = 8 },
	{ "mov qword [rax],0x7fffffff",
	  BYTES(0x48, 0xc7, 0x00, 0xff, 0xff, 0xff, 0x7f), .len = 7,
	  .op = OP(MOV_STORE_IMM), .npfx = 1, .rex = 0x48,
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX),
	  .imm_bytes = 4, .imm = 0x7fffffff, .opnd = 8 },
	/* disp32 comes before the immediate */
	{ "mov dword [rip+0x10],0x12345678",
	  BYTES(0xc7, 0x05, 0x10, 0x00, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12),
	  .len = 10, .op = OP(MOV_STORE_IMM), .modrm = SOME(0x05), .rm = 5,
	  .mem = true, .rip = true, .disp_bytes = 4, .disp = 0x10,
	  .imm_bytes = 4, .imm = 0x12345678 },
	{ "mov dword [rsp+8],1",
	  BYTES(0xc7, 0x44, 0x24, 0x08, 0x01, 0x00, 0x00, 0x00), .len = 8,
	  .op = OP(MOV_STORE_IMM), .modrm = SOME(0x44), .rm = 4,
	  .sib = SOME(0x24), .mem = true, .base = SOME(SP), .disp_bytes = 1,
	  .disp = 8, .imm_bytes = 4, .imm = 1 },
	/* 84 = 10 000 100, SIB 88 = 10 001 000 */
	{ "mov dword [rax+rcx*4+0x100],imm32",
	  BYTES(0xc7, 0x84, 0x88, 0x00, 0x01, 0x00, 0x00,
		0xef, 0xbe, 0xad, 0xde), .len = 11, .op = OP(MOV_STORE_IMM),
	  .modrm = SOME(0x84), .rm = 4, .sib = SOME(0x88), .mem = true,
	  .base = SOME(AX), .index = SOME(CX), .scale = 4, .disp_bytes = 4,
	  .disp = 0x100, .imm_bytes = 4, .imm = (s32)0xdeadbeef },
	/* c4 = 11 000 100: /0, rm ah */
	{ "mov ah,1", BYTES(0xc6, 0xc4, 0x01), .len = 3,
	  .op = OP(MOV_STORE_IMM), .modrm = SOME(0xc4), .rm = 4,
	  .imm_bytes = 1, .imm = 1, .opnd = 1, .hrm = true },
	{ "mov spl,1", BYTES(0x40, 0xc6, 0xc4, 0x01), .len = 4,
	  .op = OP(MOV_STORE_IMM), .npfx = 1, .rex = 0x40,
	  .modrm = SOME(0xc4), .rm = 4, .imm_bytes = 1, .imm = 1, .opnd = 1 },
	{ "mov ecx,0x12345678 (C7 form)",
	  BYTES(0xc7, 0xc1, 0x78, 0x56, 0x34, 0x12), .len = 6,
	  .op = OP(MOV_STORE_IMM), .modrm = SOME(0xc1), .rm = CX,
	  .imm_bytes = 4, .imm = 0x12345678 },
	/* REX.R does not change the /0 opcode extension */
	{ "REX.R C6 /0", BYTES(0x44, 0xc6, 0x00, 0x05), .len = 4,
	  .op = OP(MOV_STORE_IMM), .npfx = 1, .rex = 0x44,
	  .modrm = SOME(0x00), .reg = 8, .mem = true, .base = SOME(AX),
	  .imm_bytes = 1, .imm = 5, .opnd = 1 },
	{ "66 C6: still a byte", BYTES(0x66, 0xc6, 0x00, 0x12), .len = 4,
	  .op = OP(MOV_STORE_IMM), .npfx = 1, .pfx = PFX(OPSIZE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX),
	  .imm_bytes = 1, .imm = 0x12, .opnd = 1 },
	{ "REX.W C6: still a byte", BYTES(0x48, 0xc6, 0x00, 0x12), .len = 4,
	  .op = OP(MOV_STORE_IMM), .npfx = 1, .rex = 0x48,
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX),
	  .imm_bytes = 1, .imm = 0x12, .opnd = 1 },
	{ "C6 /1", BYTES(0xc6, 0x08, 0x12), .ret = -EOPNOTSUPP },
	{ "C7 /2", BYTES(0xc7, 0x10, 0x00, 0x00, 0x00, 0x00),
	  .ret = -EOPNOTSUPP },
	{ "C6 F8 (XABORT)", BYTES(0xc6, 0xf8, 0x01), .ret = -EOPNOTSUPP },
	{ "C7 F8 (XBEGIN)", BYTES(0xc7, 0xf8, 0x00, 0x00, 0x00, 0x00),
	  .ret = -EOPNOTSUPP },

	/* ---- MOVZX 0F B6/B7, MOVSX 0F BE/BF ---- */
	{ "movzx eax,byte [rax]", BYTES(0x0f, 0xb6, 0x00), .len = 3,
	  .op = OP(MOVZX), .modrm = SOME(0x00), .mem = true,
	  .base = SOME(AX) },
	{ "movzx eax,word [rax]", BYTES(0x0f, 0xb7, 0x00), .len = 3,
	  .op = OP(MOVZX), .modrm = SOME(0x00), .mem = true,
	  .base = SOME(AX) },
	{ "movzx rax,byte [rax]", BYTES(0x48, 0x0f, 0xb6, 0x00), .len = 4,
	  .op = OP(MOVZX), .npfx = 1, .rex = 0x48, .modrm = SOME(0x00),
	  .mem = true, .base = SOME(AX), .opnd = 8 },
	{ "movzx ax,byte [rax]", BYTES(0x66, 0x0f, 0xb6, 0x00), .len = 4,
	  .op = OP(MOVZX), .npfx = 1, .pfx = PFX(OPSIZE), .modrm = SOME(0x00),
	  .mem = true, .base = SOME(AX), .opnd = 2 },
	{ "movsx eax,byte [rax]", BYTES(0x0f, 0xbe, 0x00), .len = 3,
	  .op = OP(MOVSX), .modrm = SOME(0x00), .mem = true,
	  .base = SOME(AX) },
	{ "movsx eax,word [rax]", BYTES(0x0f, 0xbf, 0x00), .len = 3,
	  .op = OP(MOVSX), .modrm = SOME(0x00), .mem = true,
	  .base = SOME(AX) },
	/* 0c = 00 001 100 */
	{ "movsx rcx,word [rsp]", BYTES(0x48, 0x0f, 0xbf, 0x0c, 0x24),
	  .len = 5, .op = OP(MOVSX), .npfx = 1, .rex = 0x48,
	  .modrm = SOME(0x0c), .reg = CX, .rm = 4, .sib = SOME(0x24),
	  .mem = true, .base = SOME(SP), .opnd = 8 },
	{ "movzx eax,ah", BYTES(0x0f, 0xb6, 0xc4), .len = 3, .op = OP(MOVZX),
	  .modrm = SOME(0xc4), .rm = 4, .hrm = true },
	{ "movzx eax,spl", BYTES(0x40, 0x0f, 0xb6, 0xc4), .len = 4,
	  .op = OP(MOVZX), .npfx = 1, .rex = 0x40, .modrm = SOME(0xc4),
	  .rm = 4 },
	/* a word source: rm 4 is sp */
	{ "movzx eax,sp", BYTES(0x0f, 0xb7, 0xc4), .len = 3, .op = OP(MOVZX),
	  .modrm = SOME(0xc4), .rm = 4 },
	/* e0 = 11 100 000: the destination esp is not a byte register */
	{ "movzx esp,al", BYTES(0x0f, 0xb6, 0xe0), .len = 3, .op = OP(MOVZX),
	  .modrm = SOME(0xe0), .reg = SP },
	/* 4d = 01 001 101 */
	{ "movsx r9d,byte [rbp-16]", BYTES(0x44, 0x0f, 0xbe, 0x4d, 0xf0),
	  .len = 5, .op = OP(MOVSX), .npfx = 1, .rex = 0x44,
	  .modrm = SOME(0x4d), .reg = R9, .rm = 5, .mem = true,
	  .base = SOME(BP), .disp_bytes = 1, .disp = -16 },
	{ "movsx ax,byte [rax]", BYTES(0x66, 0x0f, 0xbe, 0x00), .len = 4,
	  .op = OP(MOVSX), .npfx = 1, .pfx = PFX(OPSIZE), .modrm = SOME(0x00),
	  .mem = true, .base = SOME(AX), .opnd = 2 },
	{ "movzx eax,byte [rip+0x100]",
	  BYTES(0x0f, 0xb6, 0x05, 0x00, 0x01, 0x00, 0x00), .len = 7,
	  .op = OP(MOVZX), .modrm = SOME(0x05), .rm = 5, .mem = true,
	  .rip = true, .disp_bytes = 4, .disp = 0x100 },
	{ "movsx eax,r12b", BYTES(0x41, 0x0f, 0xbe, 0xc4), .len = 4,
	  .op = OP(MOVSX), .npfx = 1, .rex = 0x41, .modrm = SOME(0xc4),
	  .rm = R12 },

	/* ---- MOVS A4/A5 ---- */
	{ "movsb", BYTES(0xa4), .len = 1, .op = OP(MOVS), .opnd = 1 },
	{ "movsd", BYTES(0xa5), .len = 1, .op = OP(MOVS) },
	{ "movsw", BYTES(0x66, 0xa5), .len = 2, .op = OP(MOVS), .npfx = 1,
	  .pfx = PFX(OPSIZE), .opnd = 2 },
	{ "movsq", BYTES(0x48, 0xa5), .len = 2, .op = OP(MOVS), .npfx = 1,
	  .rex = 0x48, .opnd = 8 },
	{ "rep movsb", BYTES(0xf3, 0xa4), .len = 2, .op = OP(MOVS), .npfx = 1,
	  .pfx = PFX(REP), .rep = 0xf3, .opnd = 1 },
	{ "rep movsq", BYTES(0xf3, 0x48, 0xa5), .len = 3, .op = OP(MOVS),
	  .npfx = 2, .pfx = PFX(REP), .rep = 0xf3, .rex = 0x48, .opnd = 8 },
	{ "repne movsd", BYTES(0xf2, 0xa5), .len = 2, .op = OP(MOVS),
	  .npfx = 1, .pfx = PFX(REPNE), .rep = 0xf2 },
	{ "F2 F3 movsb: F3 last", BYTES(0xf2, 0xf3, 0xa4), .len = 3,
	  .op = OP(MOVS), .npfx = 2, .pfx = PFX(REPNE) | PFX(REP),
	  .rep = 0xf3, .opnd = 1 },
	{ "F3 F2 movsb: F2 last", BYTES(0xf3, 0xf2, 0xa4), .len = 3,
	  .op = OP(MOVS), .npfx = 2, .pfx = PFX(REPNE) | PFX(REP),
	  .rep = 0xf2, .opnd = 1 },
	{ "addr32 movsb", BYTES(0x67, 0xa4), .len = 2, .op = OP(MOVS),
	  .npfx = 1, .pfx = PFX(ADDRSIZE), .opnd = 1, .addr = 4 },
	{ "fs movsb", BYTES(0x64, 0xa4), .len = 2, .op = OP(MOVS), .npfx = 1,
	  .pfx = PFX(FS), .seg = SEG(FS), .opnd = 1 },
	/* CS/SS/DS/ES overrides are null prefixes in 64-bit mode */
	{ "cs movsb (64-bit)", BYTES(0x2e, 0xa4), .len = 2, .op = OP(MOVS),
	  .npfx = 1, .pfx = PFX(CS), .opnd = 1 },
	{ "cs movsb (32-bit)", BYTES(0x2e, 0xa4), .m32 = true, .len = 2,
	  .op = OP(MOVS), .npfx = 1, .pfx = PFX(CS), .seg = SEG(CS),
	  .opnd = 1 },
	{ "rep addr32 data16 movsw", BYTES(0xf3, 0x67, 0x66, 0xa5), .len = 4,
	  .op = OP(MOVS), .npfx = 3,
	  .pfx = PFX(REP) | PFX(ADDRSIZE) | PFX(OPSIZE), .rep = 0xf3,
	  .opnd = 2, .addr = 4 },

	/* ---- IN/OUT/INS/OUTS ---- */
	{ "in al,0x80", BYTES(0xe4, 0x80), .len = 2, .op = OP(IN),
	  .imm_bytes = 1, .imm = 0x80, .opnd = 1 },
	{ "in eax,0xff", BYTES(0xe5, 0xff), .len = 2, .op = OP(IN),
	  .imm_bytes = 1, .imm = 0xff },
	{ "in ax,0x60", BYTES(0x66, 0xe5, 0x60), .len = 3, .op = OP(IN),
	  .npfx = 1, .pfx = PFX(OPSIZE), .imm_bytes = 1, .imm = 0x60,
	  .opnd = 2 },
	/* port I/O is at most 32 bits: REX.W has no effect */
	{ "REX.W in eax,0x60", BYTES(0x48, 0xe5, 0x60), .len = 3, .op = OP(IN),
	  .npfx = 1, .rex = 0x48, .imm_bytes = 1, .imm = 0x60 },
	{ "out 0x70,al", BYTES(0xe6, 0x70), .len = 2, .op = OP(OUT),
	  .imm_bytes = 1, .imm = 0x70, .opnd = 1 },
	{ "out 0x71,eax", BYTES(0xe7, 0x71), .len = 2, .op = OP(OUT),
	  .imm_bytes = 1, .imm = 0x71 },
	{ "in al,dx", BYTES(0xec), .len = 1, .op = OP(IN), .opnd = 1 },
	{ "in eax,dx", BYTES(0xed), .len = 1, .op = OP(IN) },
	{ "in ax,dx", BYTES(0x66, 0xed), .len = 2, .op = OP(IN), .npfx = 1,
	  .pfx = PFX(OPSIZE), .opnd = 2 },
	{ "out dx,al", BYTES(0xee), .len = 1, .op = OP(OUT), .opnd = 1 },
	{ "out dx,eax", BYTES(0xef), .len = 1, .op = OP(OUT) },
	{ "out dx,ax", BYTES(0x66, 0xef), .len = 2, .op = OP(OUT), .npfx = 1,
	  .pfx = PFX(OPSIZE), .opnd = 2 },
	{ "REX.W out dx,eax", BYTES(0x48, 0xef), .len = 2, .op = OP(OUT),
	  .npfx = 1, .rex = 0x48 },
	{ "insb", BYTES(0x6c), .len = 1, .op = OP(INS), .opnd = 1 },
	{ "insd", BYTES(0x6d), .len = 1, .op = OP(INS) },
	{ "insw", BYTES(0x66, 0x6d), .len = 2, .op = OP(INS), .npfx = 1,
	  .pfx = PFX(OPSIZE), .opnd = 2 },
	{ "REX.W insd", BYTES(0x48, 0x6d), .len = 2, .op = OP(INS), .npfx = 1,
	  .rex = 0x48 },
	{ "outsb", BYTES(0x6e), .len = 1, .op = OP(OUTS), .opnd = 1 },
	{ "outsd", BYTES(0x6f), .len = 1, .op = OP(OUTS) },
	{ "rep outsb", BYTES(0xf3, 0x6e), .len = 2, .op = OP(OUTS), .npfx = 1,
	  .pfx = PFX(REP), .rep = 0xf3, .opnd = 1 },
	{ "rep outsw", BYTES(0xf3, 0x66, 0x6f), .len = 3, .op = OP(OUTS),
	  .npfx = 2, .pfx = PFX(REP) | PFX(OPSIZE), .rep = 0xf3, .opnd = 2 },
	{ "addr32 rep insb", BYTES(0x67, 0xf3, 0x6c), .len = 3, .op = OP(INS),
	  .npfx = 2, .pfx = PFX(ADDRSIZE) | PFX(REP), .rep = 0xf3, .opnd = 1,
	  .addr = 4 },
	{ "fs outsb", BYTES(0x64, 0x6e), .len = 2, .op = OP(OUTS), .npfx = 1,
	  .pfx = PFX(FS), .seg = SEG(FS), .opnd = 1 },

	/* ---- no-operand system instructions ---- */
	{ "cpuid", BYTES(0x0f, 0xa2), .len = 2, .op = OP(CPUID) },
	{ "rdmsr", BYTES(0x0f, 0x32), .len = 2, .op = OP(RDMSR) },
	{ "wrmsr", BYTES(0x0f, 0x30), .len = 2, .op = OP(WRMSR) },
	{ "rdtsc", BYTES(0x0f, 0x31), .len = 2, .op = OP(RDTSC) },
	{ "rdpmc", BYTES(0x0f, 0x33), .len = 2, .op = OP(RDPMC) },
	{ "wbinvd", BYTES(0x0f, 0x09), .len = 2, .op = OP(WBINVD) },
	{ "invd", BYTES(0x0f, 0x08), .len = 2, .op = OP(INVD) },
	/* WBNOINVD is F3 0F 09: the F3 stays visible */
	{ "wbnoinvd", BYTES(0xf3, 0x0f, 0x09), .len = 3, .op = OP(WBINVD),
	  .npfx = 1, .pfx = PFX(REP), .rep = 0xf3 },
	{ "REX.W cpuid", BYTES(0x48, 0x0f, 0xa2), .len = 3, .op = OP(CPUID),
	  .npfx = 1, .rex = 0x48, .opnd = 8 },
	{ "rdtscp", BYTES(0x0f, 0x01, 0xf9), .len = 3, .op = OP(RDTSCP) },
	{ "vmmcall", BYTES(0x0f, 0x01, 0xd9), .len = 3, .op = OP(VMMCALL) },
	{ "monitor", BYTES(0x0f, 0x01, 0xc8), .len = 3, .op = OP(MONITOR) },
	{ "mwait", BYTES(0x0f, 0x01, 0xc9), .len = 3, .op = OP(MWAIT) },
	{ "monitorx", BYTES(0x0f, 0x01, 0xfa), .len = 3, .op = OP(MONITORX) },
	{ "mwaitx", BYTES(0x0f, 0x01, 0xfb), .len = 3, .op = OP(MWAITX) },
	{ "addr32 monitor", BYTES(0x67, 0x0f, 0x01, 0xc8), .len = 4,
	  .op = OP(MONITOR), .npfx = 1, .pfx = PFX(ADDRSIZE), .addr = 4 },
	/* mandatory prefixes select other instructions in group 7 */
	{ "vmgexit (F3 0F 01 D9)", BYTES(0xf3, 0x0f, 0x01, 0xd9),
	  .ret = -EOPNOTSUPP },
	{ "66 0F 01 C8", BYTES(0x66, 0x0f, 0x01, 0xc8), .ret = -EOPNOTSUPP },
	{ "F2 0F 01 C9", BYTES(0xf2, 0x0f, 0x01, 0xc9), .ret = -EOPNOTSUPP },
	{ "mcommit (F3 0F 01 FA)", BYTES(0xf3, 0x0f, 0x01, 0xfa),
	  .ret = -EOPNOTSUPP },
	{ "vmrun", BYTES(0x0f, 0x01, 0xd8), .ret = -EOPNOTSUPP },
	{ "sgdt [rax]", BYTES(0x0f, 0x01, 0x00), .ret = -EOPNOTSUPP },
	{ "swapgs", BYTES(0x0f, 0x01, 0xf8), .ret = -EOPNOTSUPP },
	{ "rdpru", BYTES(0x0f, 0x01, 0xfd), .ret = -EOPNOTSUPP },

	/* ---- MOV from/to DR: 0F 21 /r, 0F 23 /r; mod is ignored ---- */
	/* f8 = 11 111 000: dr7, rax */
	{ "mov rax,dr7", BYTES(0x0f, 0x21, 0xf8), .len = 3,
	  .op = OP(MOV_FROM_DR), .modrm = SOME(0xf8), .reg = 7, .opnd = 8 },
	{ "mov dr7,rax", BYTES(0x0f, 0x23, 0xf8), .len = 3,
	  .op = OP(MOV_TO_DR), .modrm = SOME(0xf8), .reg = 7, .opnd = 8 },
	/* 38 = 00 111 000: no memory operand all the same */
	{ "mov rax,dr7 mod 00", BYTES(0x0f, 0x21, 0x38), .len = 3,
	  .op = OP(MOV_FROM_DR), .modrm = SOME(0x38), .reg = 7, .opnd = 8 },
	/* 3c: rm 100 does not bring a SIB byte */
	{ "MOV DR mod 00 rm 100: no SIB", BYTES(0x0f, 0x21, 0x3c), .len = 3,
	  .op = OP(MOV_FROM_DR), .modrm = SOME(0x3c), .reg = 7, .rm = 4,
	  .opnd = 8 },
	/* 3d: rm 101 brings no disp32 */
	{ "MOV DR mod 00 rm 101: no disp", BYTES(0x0f, 0x21, 0x3d), .len = 3,
	  .op = OP(MOV_FROM_DR), .modrm = SOME(0x3d), .reg = 7, .rm = 5,
	  .opnd = 8 },
	/* 7f = 01 111 111, bf = 10 111 111 */
	{ "MOV DR mod 01: no disp8", BYTES(0x0f, 0x23, 0x7f), .len = 3,
	  .op = OP(MOV_TO_DR), .modrm = SOME(0x7f), .reg = 7, .rm = 7,
	  .opnd = 8 },
	{ "MOV DR mod 10: no disp32", BYTES(0x0f, 0x23, 0xbf), .len = 3,
	  .op = OP(MOV_TO_DR), .modrm = SOME(0xbf), .reg = 7, .rm = 7,
	  .opnd = 8 },
	{ "mov dr7,r9", BYTES(0x41, 0x0f, 0x23, 0xf9), .len = 4,
	  .op = OP(MOV_TO_DR), .npfx = 1, .rex = 0x41, .modrm = SOME(0xf9),
	  .reg = 7, .rm = R9, .opnd = 8 },
	/* REX.R names DR15 (which #UDs): reg must read 15, not 7 */
	{ "REX.R mov rax,dr15", BYTES(0x44, 0x0f, 0x21, 0xf8), .len = 4,
	  .op = OP(MOV_FROM_DR), .npfx = 1, .rex = 0x44, .modrm = SOME(0xf8),
	  .reg = 15, .opnd = 8 },
	{ "mov rax,dr0", BYTES(0x0f, 0x21, 0xc0), .len = 3,
	  .op = OP(MOV_FROM_DR), .modrm = SOME(0xc0), .opnd = 8 },
	/* f2 = 11 110 010: dr6, rdx */
	{ "mov rdx,dr6", BYTES(0x0f, 0x21, 0xf2), .len = 3,
	  .op = OP(MOV_FROM_DR), .modrm = SOME(0xf2), .reg = 6, .rm = DX,
	  .opnd = 8 },
	{ "66 mov rax,dr7: size fixed", BYTES(0x66, 0x0f, 0x21, 0xf8),
	  .len = 4, .op = OP(MOV_FROM_DR), .npfx = 1, .pfx = PFX(OPSIZE),
	  .modrm = SOME(0xf8), .reg = 7, .opnd = 8 },
	{ "REX.W mov dr7,rax", BYTES(0x48, 0x0f, 0x23, 0xf8), .len = 4,
	  .op = OP(MOV_TO_DR), .npfx = 1, .rex = 0x48, .modrm = SOME(0xf8),
	  .reg = 7, .opnd = 8 },
	{ "mov eax,dr7 (32-bit)", BYTES(0x0f, 0x21, 0xf8), .m32 = true,
	  .len = 3, .op = OP(MOV_FROM_DR), .modrm = SOME(0xf8), .reg = 7 },

	/* ---- prefix combinations ---- */
	{ "lock mov [rax],eax", BYTES(0xf0, 0x89, 0x00), .len = 3,
	  .op = OP(MOV_STORE), .npfx = 1, .pfx = PFX(LOCK),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX) },
	{ "66 66 66 mov", BYTES(0x66, 0x66, 0x66, 0x89, 0x00), .len = 5,
	  .op = OP(MOV_STORE), .npfx = 3, .pfx = PFX(OPSIZE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX), .opnd = 2 },
	{ "fs gs: gs", BYTES(0x64, 0x65, 0x8b, 0x00), .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 2, .pfx = PFX(FS) | PFX(GS),
	  .seg = SEG(GS), .modrm = SOME(0x00), .mem = true, .base = SOME(AX) },
	{ "gs fs: fs", BYTES(0x65, 0x64, 0x8b, 0x00), .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 2, .pfx = PFX(FS) | PFX(GS),
	  .seg = SEG(FS), .modrm = SOME(0x00), .mem = true, .base = SOME(AX) },
	{ "fs ds (64-bit): fs", BYTES(0x64, 0x3e, 0x8b, 0x00), .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 2, .pfx = PFX(FS) | PFX(DS),
	  .seg = SEG(FS), .modrm = SOME(0x00), .mem = true, .base = SOME(AX) },
	{ "fs ds (32-bit): ds", BYTES(0x64, 0x3e, 0x8b, 0x00), .m32 = true,
	  .len = 4, .op = OP(MOV_LOAD), .npfx = 2, .pfx = PFX(FS) | PFX(DS),
	  .seg = SEG(DS), .modrm = SOME(0x00), .mem = true, .base = SOME(AX) },
	{ "es (64-bit)", BYTES(0x26, 0x8b, 0x00), .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ES), .modrm = SOME(0x00),
	  .mem = true, .base = SOME(AX) },
	{ "es (32-bit)", BYTES(0x26, 0x8b, 0x00), .m32 = true, .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ES), .seg = SEG(ES),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX) },
	{ "ss (64-bit)", BYTES(0x36, 0x8b, 0x00), .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(SS), .modrm = SOME(0x00),
	  .mem = true, .base = SOME(AX) },
	{ "ss (32-bit)", BYTES(0x36, 0x8b, 0x00), .m32 = true, .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(SS), .seg = SEG(SS),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX) },
	{ "ds (64-bit)", BYTES(0x3e, 0x8b, 0x00), .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(DS), .modrm = SOME(0x00),
	  .mem = true, .base = SOME(AX) },
	{ "ds (32-bit)", BYTES(0x3e, 0x8b, 0x00), .m32 = true, .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(DS), .seg = SEG(DS),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX) },
	{ "mov rax,gs:[0x28]",
	  BYTES(0x65, 0x48, 0x8b, 0x04, 0x25, 0x28, 0x00, 0x00, 0x00),
	  .len = 9, .op = OP(MOV_LOAD), .npfx = 2, .pfx = PFX(GS),
	  .seg = SEG(GS), .rex = 0x48, .modrm = SOME(0x04), .rm = 4,
	  .sib = SOME(0x25), .mem = true, .disp_bytes = 4, .disp = 0x28,
	  .opnd = 8 },
	{ "mov rax,fs:[0]",
	  BYTES(0x64, 0x48, 0x8b, 0x04, 0x25, 0x00, 0x00, 0x00, 0x00),
	  .len = 9, .op = OP(MOV_LOAD), .npfx = 2, .pfx = PFX(FS),
	  .seg = SEG(FS), .rex = 0x48, .modrm = SOME(0x04), .rm = 4,
	  .sib = SOME(0x25), .mem = true, .disp_bytes = 4, .opnd = 8 },
	/* two REX: only the one next to the opcode counts */
	{ "REX.B REX.W: W", BYTES(0x41, 0x48, 0x8b, 0x00), .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 2, .rex = 0x48, .modrm = SOME(0x00),
	  .mem = true, .base = SOME(AX), .opnd = 8 },
	{ "REX.W REX.B: B", BYTES(0x48, 0x41, 0x8b, 0x00), .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 2, .rex = 0x41, .modrm = SOME(0x00),
	  .rm = R8, .mem = true, .base = SOME(R8) },
	{ "REX.B 66: REX void", BYTES(0x41, 0x66, 0x8b, 0x00), .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 2, .pfx = PFX(OPSIZE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX), .opnd = 2 },
	{ "66 REX.B", BYTES(0x66, 0x41, 0x8b, 0x00), .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 2, .pfx = PFX(OPSIZE), .rex = 0x41,
	  .modrm = SOME(0x00), .rm = R8, .mem = true, .base = SOME(R8),
	  .opnd = 2 },
	{ "REX F3 movsb: REX void", BYTES(0x40, 0xf3, 0xa4), .len = 3,
	  .op = OP(MOVS), .npfx = 2, .pfx = PFX(REP), .rep = 0xf3,
	  .opnd = 1 },
	{ "REX.W lock mov: REX void", BYTES(0x48, 0xf0, 0x89, 0x00), .len = 4,
	  .op = OP(MOV_STORE), .npfx = 2, .pfx = PFX(LOCK),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX) },
	{ "REX 88: spl ... REX 66 88: ah again",
	  BYTES(0x40, 0x66, 0x88, 0x20), .len = 4, .op = OP(MOV_STORE),
	  .npfx = 2, .pfx = PFX(OPSIZE), .modrm = SOME(0x20), .reg = 4,
	  .mem = true, .base = SOME(AX), .opnd = 1, .hreg = true },
	/* every legacy prefix once; in 64-bit mode gs is the last FS/GS */
	{ "all eleven legacy prefixes (64-bit)",
	  BYTES(0x66, 0xf2, 0xf3, 0x2e, 0x3e, 0x26, 0x64, 0x65, 0x36, 0x67,
		0xf0, 0x89, 0x00), .len = 13, .op = OP(MOV_STORE), .npfx = 11,
	  .pfx = ALL_PFX, .rep = 0xf3, .seg = SEG(GS), .modrm = SOME(0x00),
	  .mem = true, .base = SOME(AX), .opnd = 2, .addr = 4 },
	/* ... in 32-bit mode ss is the last, and 67 means [bx+si] */
	{ "all eleven legacy prefixes (32-bit)",
	  BYTES(0x66, 0xf2, 0xf3, 0x2e, 0x3e, 0x26, 0x64, 0x65, 0x36, 0x67,
		0xf0, 0x89, 0x00), .m32 = true, .len = 13, .op = OP(MOV_STORE),
	  .npfx = 11, .pfx = ALL_PFX, .rep = 0xf3, .seg = SEG(SS),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(BX),
	  .index = SOME(SI), .scale = 1, .opnd = 2, .addr = 2 },

	/* ---- 32-bit protected mode ---- */
	{ "40 is INC in 32-bit mode", BYTES(0x40, 0x89, 0x00), .m32 = true,
	  .ret = -EOPNOTSUPP },
	{ "48 is DEC in 32-bit mode", BYTES(0x48, 0x8b, 0x00), .m32 = true,
	  .ret = -EOPNOTSUPP },
	{ "mov eax,[eax] (32)", BYTES(0x8b, 0x00), .m32 = true, .len = 2,
	  .op = OP(MOV_LOAD), .modrm = SOME(0x00), .mem = true,
	  .base = SOME(AX) },
	{ "mov [eax],ecx (32)", BYTES(0x89, 0x08), .m32 = true, .len = 2,
	  .op = OP(MOV_STORE), .modrm = SOME(0x08), .reg = CX, .mem = true,
	  .base = SOME(AX) },
	/* mod 00 rm 101 is a plain disp32 outside 64-bit mode */
	{ "mov eax,[disp32] (32)", BYTES(0x8b, 0x05, 0x78, 0x56, 0x34, 0x12),
	  .m32 = true, .len = 6, .op = OP(MOV_LOAD), .modrm = SOME(0x05),
	  .rm = 5, .mem = true, .disp_bytes = 4, .disp = 0x12345678 },
	{ "SIB no base (32)",
	  BYTES(0x8b, 0x04, 0x25, 0x78, 0x56, 0x34, 0x12), .m32 = true,
	  .len = 7, .op = OP(MOV_LOAD), .modrm = SOME(0x04), .rm = 4,
	  .sib = SOME(0x25), .mem = true, .disp_bytes = 4,
	  .disp = 0x12345678 },
	{ "mov ax,[eax] (32)", BYTES(0x66, 0x8b, 0x00), .m32 = true, .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(OPSIZE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(AX), .opnd = 2 },
	/* 16-bit addressing: rm 000..111 = bx+si, bx+di, bp+si, bp+di, si,
	 * di, bp (disp16 with mod 00), bx
	 */
	{ "[bx+si]", BYTES(0x67, 0x8b, 0x00), .m32 = true, .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x00), .mem = true, .base = SOME(BX),
	  .index = SOME(SI), .scale = 1, .addr = 2 },
	{ "[bx+di]", BYTES(0x67, 0x8b, 0x01), .m32 = true, .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x01), .rm = 1, .mem = true, .base = SOME(BX),
	  .index = SOME(DI), .scale = 1, .addr = 2 },
	{ "[bp+si]", BYTES(0x67, 0x8b, 0x02), .m32 = true, .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x02), .rm = 2, .mem = true, .base = SOME(BP),
	  .index = SOME(SI), .scale = 1, .addr = 2 },
	{ "[bp+di]", BYTES(0x67, 0x8b, 0x03), .m32 = true, .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x03), .rm = 3, .mem = true, .base = SOME(BP),
	  .index = SOME(DI), .scale = 1, .addr = 2 },
	/* rm 100 is [si] here: no SIB byte */
	{ "[si]: no SIB", BYTES(0x67, 0x8b, 0x04), .m32 = true, .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x04), .rm = 4, .mem = true, .base = SOME(SI),
	  .addr = 2 },
	/* rm 101 is [di]: no disp */
	{ "[di]: no disp", BYTES(0x67, 0x8b, 0x05), .m32 = true, .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x05), .rm = 5, .mem = true, .base = SOME(DI),
	  .addr = 2 },
	{ "[disp16]", BYTES(0x67, 0x8b, 0x06, 0x34, 0x12), .m32 = true,
	  .len = 5, .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x06), .rm = 6, .mem = true, .disp_bytes = 2,
	  .disp = 0x1234, .addr = 2 },
	{ "[bx]", BYTES(0x67, 0x8b, 0x07), .m32 = true, .len = 3,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x07), .rm = 7, .mem = true, .base = SOME(BX),
	  .addr = 2 },
	/* 46 = 01 000 110: [bp + disp8] */
	{ "[bp-2]", BYTES(0x67, 0x8b, 0x46, 0xfe), .m32 = true, .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x46), .rm = 6, .mem = true, .base = SOME(BP),
	  .disp_bytes = 1, .disp = -2, .addr = 2 },
	/* 87 = 10 000 111: [bx + disp16] */
	{ "[bx+disp16 0x8000]", BYTES(0x67, 0x8b, 0x87, 0x00, 0x80),
	  .m32 = true, .len = 5, .op = OP(MOV_LOAD), .npfx = 1,
	  .pfx = PFX(ADDRSIZE), .modrm = SOME(0x87), .rm = 7, .mem = true,
	  .base = SOME(BX), .disp_bytes = 2, .disp = -0x8000, .addr = 2 },
	{ "[si+0x10]", BYTES(0x67, 0x8b, 0x44, 0x10), .m32 = true, .len = 4,
	  .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x44), .rm = 4, .mem = true, .base = SOME(SI),
	  .disp_bytes = 1, .disp = 0x10, .addr = 2 },
	{ "[bx+si+0x1234]", BYTES(0x67, 0x8b, 0x80, 0x34, 0x12), .m32 = true,
	  .len = 5, .op = OP(MOV_LOAD), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x80), .mem = true, .base = SOME(BX),
	  .index = SOME(SI), .scale = 1, .disp_bytes = 2, .disp = 0x1234,
	  .addr = 2 },
	{ "16-bit addressing, register form", BYTES(0x67, 0x8b, 0xc1),
	  .m32 = true, .len = 3, .op = OP(MOV_LOAD), .npfx = 1,
	  .pfx = PFX(ADDRSIZE), .modrm = SOME(0xc1), .rm = CX, .addr = 2 },
	{ "movsd (32)", BYTES(0xa5), .m32 = true, .len = 1, .op = OP(MOVS) },
	{ "movsw (32)", BYTES(0x66, 0xa5), .m32 = true, .len = 2,
	  .op = OP(MOVS), .npfx = 1, .pfx = PFX(OPSIZE), .opnd = 2 },
	{ "addr16 movsb (32)", BYTES(0x67, 0xa4), .m32 = true, .len = 2,
	  .op = OP(MOVS), .npfx = 1, .pfx = PFX(ADDRSIZE), .opnd = 1,
	  .addr = 2 },
	{ "insd (32)", BYTES(0x6d), .m32 = true, .len = 1, .op = OP(INS) },
	{ "cpuid (32)", BYTES(0x0f, 0xa2), .m32 = true, .len = 2,
	  .op = OP(CPUID) },
	{ "mov dword [0x1000],1 (32)",
	  BYTES(0xc7, 0x05, 0x00, 0x10, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00),
	  .m32 = true, .len = 10, .op = OP(MOV_STORE_IMM), .modrm = SOME(0x05),
	  .rm = 5, .mem = true, .disp_bytes = 4, .disp = 0x1000,
	  .imm_bytes = 4, .imm = 1 },
	{ "mov [esp+8],al (32)", BYTES(0x88, 0x44, 0x24, 0x08), .m32 = true,
	  .len = 4, .op = OP(MOV_STORE), .modrm = SOME(0x44), .rm = 4,
	  .sib = SOME(0x24), .mem = true, .base = SOME(SP), .disp_bytes = 1,
	  .disp = 8, .opnd = 1 },
	{ "movzx eax,ah (32)", BYTES(0x0f, 0xb6, 0xc4), .m32 = true, .len = 3,
	  .op = OP(MOVZX), .modrm = SOME(0xc4), .rm = 4, .hrm = true },
	{ "movzx eax,byte [disp16] (32)",
	  BYTES(0x67, 0x0f, 0xb6, 0x06, 0x00, 0x10), .m32 = true, .len = 6,
	  .op = OP(MOVZX), .npfx = 1, .pfx = PFX(ADDRSIZE),
	  .modrm = SOME(0x06), .rm = 6, .mem = true, .disp_bytes = 2,
	  .disp = 0x1000, .addr = 2 },

	/* ---- not supported ---- */
	{ "nop", BYTES(0x90), .ret = -EOPNOTSUPP },
	{ "ud2", BYTES(0x0f, 0x0b), .ret = -EOPNOTSUPP },
	{ "ret", BYTES(0xc3), .ret = -EOPNOTSUPP },
	{ "hlt", BYTES(0xf4), .ret = -EOPNOTSUPP },
	{ "int3", BYTES(0xcc), .ret = -EOPNOTSUPP },
	{ "syscall", BYTES(0x0f, 0x05), .ret = -EOPNOTSUPP },
	{ "mov [rax],es (8C)", BYTES(0x8c, 0x00), .ret = -EOPNOTSUPP },
	{ "mov es,[rax] (8E)", BYTES(0x8e, 0x00), .ret = -EOPNOTSUPP },
	{ "mov al,moffs (A0)",
	  BYTES(0xa0, 0, 0, 0, 0, 0, 0, 0, 0), .ret = -EOPNOTSUPP },
	{ "mov eax,moffs (A1)",
	  BYTES(0xa1, 0, 0, 0, 0, 0, 0, 0, 0), .ret = -EOPNOTSUPP },
	{ "mov moffs,al (A2)",
	  BYTES(0xa2, 0, 0, 0, 0, 0, 0, 0, 0), .ret = -EOPNOTSUPP },
	{ "mov moffs,eax (A3)",
	  BYTES(0xa3, 0, 0, 0, 0, 0, 0, 0, 0), .ret = -EOPNOTSUPP },
	{ "stosb", BYTES(0xaa), .ret = -EOPNOTSUPP },
	{ "rep stosd", BYTES(0xf3, 0xab), .ret = -EOPNOTSUPP },
	{ "lodsb", BYTES(0xac), .ret = -EOPNOTSUPP },
	{ "cmpsb", BYTES(0xa6), .ret = -EOPNOTSUPP },
	{ "vzeroupper (VEX)", BYTES(0xc5, 0xf8, 0x77), .ret = -EOPNOTSUPP },
	{ "VEX3 movzx-look-alike", BYTES(0xc4, 0xe1, 0x78, 0xb6, 0x00),
	  .ret = -EOPNOTSUPP },
	{ "EVEX", BYTES(0x62, 0xf1, 0x7c, 0x48, 0x10, 0x00),
	  .ret = -EOPNOTSUPP },
	{ "3DNow! escape", BYTES(0x0f, 0x0f, 0x00, 0x9e), .ret = -EOPNOTSUPP },
	{ "0F 38 map", BYTES(0x0f, 0x38, 0x00, 0xc0), .ret = -EOPNOTSUPP },
	{ "0F 3A map", BYTES(0x0f, 0x3a, 0x0f, 0xc0, 0x01),
	  .ret = -EOPNOTSUPP },
	{ "mov rax,cr0", BYTES(0x0f, 0x20, 0xc0), .ret = -EOPNOTSUPP },
	{ "mov cr0,rax", BYTES(0x0f, 0x22, 0xc0), .ret = -EOPNOTSUPP },
	{ "lea eax,[rax]", BYTES(0x8d, 0x00), .ret = -EOPNOTSUPP },
	{ "popcnt", BYTES(0xf3, 0x0f, 0xb8, 0xc0), .ret = -EOPNOTSUPP },
	{ "ud0", BYTES(0x0f, 0xff, 0xc0), .ret = -EOPNOTSUPP },
	{ "movsxd", BYTES(0x48, 0x63, 0x00), .ret = -EOPNOTSUPP },
	{ "rdpid", BYTES(0xf3, 0x0f, 0xc7, 0xf8), .ret = -EOPNOTSUPP },
	{ "xchg [rax],eax", BYTES(0x87, 0x00), .ret = -EOPNOTSUPP },
	{ "lock add [rax],eax", BYTES(0xf0, 0x01, 0x00), .ret = -EOPNOTSUPP },
	{ "mov eax,imm32 (B8)", BYTES(0xb8, 0x01, 0x00, 0x00, 0x00),
	  .ret = -EOPNOTSUPP },
	{ "movnti", BYTES(0x0f, 0xc3, 0x00), .ret = -EOPNOTSUPP },
	{ "movdqa", BYTES(0x66, 0x0f, 0x6f, 0x00), .ret = -EOPNOTSUPP },
	{ "clflush", BYTES(0x0f, 0xae, 0x38), .ret = -EOPNOTSUPP },
	{ "int1 (F1)", BYTES(0xf1), .ret = -EOPNOTSUPP },

	/* ---- truncated ---- */
	{ "empty", .b = { 0 }, .n = 0, .ret = -ENODATA },
	{ "66 only", BYTES(0x66), .ret = -ENODATA },
	{ "REX only", BYTES(0x48), .ret = -ENODATA },
	{ "F3 REX only", BYTES(0xf3, 0x48), .ret = -ENODATA },
	{ "0F only", BYTES(0x0f), .ret = -ENODATA },
	{ "0F 01 only", BYTES(0x0f, 0x01), .ret = -ENODATA },
	{ "no ModRM", BYTES(0x8b), .ret = -ENODATA },
	{ "no SIB", BYTES(0x8b, 0x04), .ret = -ENODATA },
	{ "no disp8", BYTES(0x8b, 0x45), .ret = -ENODATA },
	{ "3 of 4 disp32 bytes", BYTES(0x8b, 0x05, 0x00, 0x00, 0x00),
	  .ret = -ENODATA },
	{ "SIB without its disp32", BYTES(0x8b, 0x04, 0x25, 0x00),
	  .ret = -ENODATA },
	{ "3 of 4 imm32 bytes", BYTES(0xc7, 0x00, 0x01, 0x02, 0x03),
	  .ret = -ENODATA },
	{ "1 of 2 imm16 bytes", BYTES(0x66, 0xc7, 0x00, 0x01),
	  .ret = -ENODATA },
	{ "no port", BYTES(0xe4), .ret = -ENODATA },
	{ "no MOVZX ModRM", BYTES(0x0f, 0xb6), .ret = -ENODATA },
	{ "no MOV DR ModRM", BYTES(0x0f, 0x23), .ret = -ENODATA },
	{ "1 of 2 disp16 bytes", BYTES(0x67, 0x8b, 0x06, 0x34), .m32 = true,
	  .ret = -ENODATA },

	/* ---- the 15-byte limit ---- */
	{ "13 x 66 + cpuid = 15 bytes",
	  BYTES(0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
		0x66, 0x66, 0x66, 0x0f, 0xa2),
	  .len = 15, .op = OP(CPUID), .npfx = 13, .pfx = PFX(OPSIZE),
	  .opnd = 2 },
	{ "14 x 66 + cpuid = 16 bytes",
	  BYTES(0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
		0x66, 0x66, 0x66, 0x66, 0x0f, 0xa2), .ret = -EINVAL },
	{ "15 x 66, nothing after",
	  BYTES(0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
		0x66, 0x66, 0x66, 0x66, 0x66), .ret = -EINVAL },
	{ "16 x 66",
	  BYTES(0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
		0x66, 0x66, 0x66, 0x66, 0x66, 0x66), .ret = -EINVAL },
	{ "14 x 66 + nop: opcode is byte 15",
	  BYTES(0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
		0x66, 0x66, 0x66, 0x66, 0x90), .ret = -EOPNOTSUPP },
	{ "13 x REX + cpuid = 15 bytes",
	  BYTES(0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
		0x4a, 0x4b, 0x40, 0x0f, 0xa2),
	  .len = 15, .op = OP(CPUID), .npfx = 13, .rex = 0x40 },
	{ "14 x REX + cpuid = 16 bytes",
	  BYTES(0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49,
		0x4a, 0x4b, 0x4c, 0x4d, 0x0f, 0xa2), .ret = -EINVAL },
	/* 4 prefixes + C7, ModRM, SIB, disp32, imm32 = 15 */
	{ "longest natural MOV: 15 bytes",
	  BYTES(0x64, 0x67, 0x3e, 0x48, 0xc7, 0x84, 0x88, 0x00, 0x01, 0x00,
		0x00, 0x78, 0x56, 0x34, 0x12),
	  .len = 15, .op = OP(MOV_STORE_IMM), .npfx = 4,
	  .pfx = PFX(FS) | PFX(ADDRSIZE) | PFX(DS), .seg = SEG(FS),
	  .rex = 0x48, .modrm = SOME(0x84), .rm = 4, .sib = SOME(0x88),
	  .mem = true, .base = SOME(AX), .index = SOME(CX), .scale = 4,
	  .disp_bytes = 4, .disp = 0x100, .imm_bytes = 4, .imm = 0x12345678,
	  .opnd = 8, .addr = 4 },
	{ "one more prefix: 16 bytes",
	  BYTES(0x2e, 0x64, 0x67, 0x3e, 0x48, 0xc7, 0x84, 0x88, 0x00, 0x01,
		0x00, 0x00, 0x78, 0x56, 0x34, 0x12), .ret = -EINVAL },
	/* the limit is found before the end of a 15-byte buffer is */
	{ "16-byte insn, 15-byte buffer",
	  BYTES(0x2e, 0x64, 0x67, 0x3e, 0x48, 0xc7, 0x84, 0x88, 0x00, 0x01,
		0x00, 0x00, 0x78, 0x56, 0x34), .ret = -EINVAL },
	{ "16-byte insn, 14-byte buffer",
	  BYTES(0x2e, 0x64, 0x67, 0x3e, 0x48, 0xc7, 0x84, 0x88, 0x00, 0x01,
		0x00, 0x00, 0x78, 0x56), .ret = -ENODATA },
};

/* Opcode bytes per instruction (SDM/APM opcode tables). */
static unsigned int want_opcode_len(u8 op)
{
	switch (op) {
	case OP(MOV_STORE):
	case OP(MOV_LOAD):
	case OP(MOV_STORE_IMM):
	case OP(MOVS):
	case OP(IN):
	case OP(OUT):
	case OP(INS):
	case OP(OUTS):
		return 1;
	case OP(RDTSCP):
	case OP(VMMCALL):
	case OP(MONITOR):
	case OP(MONITORX):
	case OP(MWAIT):
	case OP(MWAITX):
		return 3;
	default:
		return 2;
	}
}

#define EXPECT(field, got, want)					\
	do {								\
		long long g__ = (long long)(got);			\
		long long w__ = (long long)(want);			\
		if (g__ != w__) {					\
			print_error("%s: %s = %#llx, want %#llx\n",	\
				    tc->name, field, g__, w__);	\
			ok = false;					\
		}							\
	} while (0)

static bool check_fields(const struct dec_case *tc, const struct coco_insn *in)
{
	unsigned int olen = want_opcode_len(tc->op), i;
	bool ok = true;

	EXPECT("length", in->length, tc->len);
	EXPECT("op", in->op, tc->op);
	EXPECT("long_mode_64", in->long_mode_64, !tc->m32);
	EXPECT("opcode_len", in->opcode_len, olen);
	for (i = 0; i < olen && i < 3; i++)
		EXPECT("opcode[i]", in->opcode[i], tc->b[tc->npfx + i]);
	EXPECT("nr_prefixes", in->nr_prefixes, tc->npfx);
	EXPECT("prefixes", in->prefixes, tc->pfx);
	EXPECT("rep", in->rep, tc->rep);
	EXPECT("seg", in->seg, tc->seg ? tc->seg - 1 : COCO_INSN_SEG_NONE);
	EXPECT("rex", in->rex, tc->rex);
	EXPECT("has_modrm", in->has_modrm, tc->modrm != 0);
	if (tc->modrm) {
		EXPECT("modrm", in->modrm, tc->modrm - 1);
		EXPECT("mod", in->mod, (tc->modrm - 1) >> 6);
	}
	EXPECT("reg", in->reg, tc->reg);
	EXPECT("rm", in->rm, tc->rm);
	EXPECT("has_sib", in->has_sib, tc->sib != 0);
	if (tc->sib)
		EXPECT("sib", in->sib, tc->sib - 1);
	EXPECT("mem", in->mem, tc->mem);
	EXPECT("rip_relative", in->rip_relative, tc->rip);
	EXPECT("ea_base", in->ea_base,
	       tc->base ? tc->base - 1 : COCO_INSN_NO_REG);
	EXPECT("ea_index", in->ea_index,
	       tc->index ? tc->index - 1 : COCO_INSN_NO_REG);
	EXPECT("ea_scale", in->ea_scale, tc->scale ? tc->scale : 1);
	EXPECT("disp_bytes", in->disp_bytes, tc->disp_bytes);
	EXPECT("disp", in->disp, tc->disp);
	EXPECT("imm_bytes", in->imm_bytes, tc->imm_bytes);
	EXPECT("imm", in->imm, tc->imm);
	EXPECT("opnd_bytes", in->opnd_bytes, tc->opnd ? tc->opnd : 4);
	EXPECT("addr_bytes", in->addr_bytes,
	       tc->addr ? tc->addr : tc->m32 ? 4 : 8);
	EXPECT("high_byte_reg", in->high_byte_reg, tc->hreg);
	EXPECT("high_byte_rm", in->high_byte_rm, tc->hrm);
	return ok;
}

/* The decoder must not look at a byte past @n: ASan sees any overrun. */
static int decode_exact(struct coco_insn *in, const u8 *b, unsigned int n,
			bool m32)
{
	u8 *copy = test_malloc(n ? n : 1);
	int ret;

	memcpy(copy, b, n);
	ret = coco_insn_decode(in, copy, n, !m32);
	test_free(copy);
	return ret;
}

static bool is_reset(const struct coco_insn *in)
{
	return in->length == 0 && in->op == OP(NONE) && !in->has_modrm &&
	       !in->mem && in->opnd_bytes == 0;
}

static void test_table(void **state)
{
	unsigned int i, good = 0;
	bool ok = true;

	for (i = 0; i < ARRAY_SIZE(dec_cases); i++) {
		const struct dec_case *tc = &dec_cases[i];
		struct coco_insn in;
		int ret;

		ret = decode_exact(&in, tc->b, tc->n, tc->m32);
		EXPECT("return", ret, tc->ret);
		if (ret)
			EXPECT("reset after error", is_reset(&in), true);
		else
			ok &= check_fields(tc, &in);
		good += !tc->ret;
	}
	print_message("%u encodings, %u decodable\n",
		      (unsigned int)ARRAY_SIZE(dec_cases), good);
	assert_true(ARRAY_SIZE(dec_cases) >= 150);
	assert_true(ok);
}

/* Every prefix of a good encoding is truncated: -ENODATA, nothing else. */
static void test_truncated(void **state)
{
	unsigned int i, k;
	bool ok = true;

	for (i = 0; i < ARRAY_SIZE(dec_cases); i++) {
		const struct dec_case *tc = &dec_cases[i];
		struct coco_insn in;

		if (tc->ret)
			continue;
		for (k = 0; k < tc->len; k++) {
			EXPECT("truncated return",
			       decode_exact(&in, tc->b, k, tc->m32), -ENODATA);
			EXPECT("reset after truncation", is_reset(&in), true);
		}
	}
	assert_true(ok);
}

/* Bytes after the instruction never change how it decodes. */
static void test_trailing_bytes(void **state)
{
	static const u8 fill[] = { 0x00, 0xff, 0x66, 0x0f, 0x48 };
	unsigned int i, f;
	bool ok = true;
	u8 buf[32];

	for (i = 0; i < ARRAY_SIZE(dec_cases); i++) {
		const struct dec_case *tc = &dec_cases[i];
		struct coco_insn in;

		if (tc->ret)
			continue;
		for (f = 0; f < ARRAY_SIZE(fill); f++) {
			memset(buf, fill[f], sizeof(buf));
			memcpy(buf, tc->b, tc->n);
			EXPECT("return with trailing bytes",
			       coco_insn_decode(&in, buf, sizeof(buf), !tc->m32),
			       0);
			ok &= check_fields(tc, &in);
		}
	}
	assert_true(ok);
}

/* ---- effective addresses ------------------------------------------- */

#define FS_BASE		0x7f00fffff000ULL
#define GS_BASE		0xffff888000000000ULL
#define RIP		0x401000ULL
#define RDX_VAL		0x1234567800000300ULL

/* rax = 0x100, rcx = 0x200, ... r15 = 0x1000; rdx has high bits set. */
static void init_regs(struct coco_insn_regs *r)
{
	unsigned int i;

	memset(r, 0, sizeof(*r));
	for (i = 0; i < COCO_INSN_NR_GPRS; i++)
		r->gpr[i] = 0x100ULL * (i + 1);
	r->gpr[DX] = RDX_VAL;
	r->rip = RIP;
	r->fs_base = FS_BASE;
	r->gs_base = GS_BASE;
}

struct ea_case {
	const char *name;
	u8 b[16];
	u8 n;
	bool m32;
	u64 rip;	/* 0: RIP */
	int ret;
	u64 addr;
};

static const struct ea_case ea_cases[] = {
	{ "[rax]", BYTES(0x8b, 0x00), .addr = 0x100 },
	{ "[rbp-8]", BYTES(0x8b, 0x45, 0xf8), .addr = 0x5f8 },
	{ "[rsp-8]", BYTES(0x48, 0x8b, 0x4c, 0x24, 0xf8), .addr = 0x4f8 },
	{ "[rax+rcx*4]", BYTES(0x8b, 0x04, 0x88), .addr = 0x900 },
	{ "[rax+rcx*8+0x10]", BYTES(0x8b, 0x44, 0xc8, 0x10), .addr = 0x1110 },
	{ "[rcx*1+0x100]", BYTES(0x8b, 0x04, 0x0d, 0x00, 0x01, 0x00, 0x00),
	  .addr = 0x300 },
	{ "[rcx*8+0x100]", BYTES(0x8b, 0x04, 0xcd, 0x00, 0x01, 0x00, 0x00),
	  .addr = 0x1100 },
	{ "[0x12345678]", BYTES(0x8b, 0x04, 0x25, 0x78, 0x56, 0x34, 0x12),
	  .addr = 0x12345678 },
	/* disp32 is sign-extended to 64 bits ... */
	{ "[-0x80000000]", BYTES(0x8b, 0x04, 0x25, 0x00, 0x00, 0x00, 0x80),
	  .addr = 0xffffffff80000000ULL },
	/* ... and the 32-bit address size cuts it again */
	{ "addr32 [-0x80000000]",
	  BYTES(0x67, 0x8b, 0x04, 0x25, 0x00, 0x00, 0x00, 0x80),
	  .addr = 0x80000000ULL },
	/* next instruction at RIP + 6 */
	{ "[rip+0x10]", BYTES(0x8b, 0x05, 0x10, 0x00, 0x00, 0x00),
	  .addr = RIP + 6 + 0x10 },
	{ "[rip-0x10]", BYTES(0x8b, 0x05, 0xf0, 0xff, 0xff, 0xff),
	  .addr = RIP + 6 - 0x10 },
	/* the immediate is part of the instruction RIP points past */
	{ "mov dword [rip+0x10],imm32",
	  BYTES(0xc7, 0x05, 0x10, 0x00, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12),
	  .addr = RIP + 10 + 0x10 },
	/* 0x100000fe9 + 7 + 0x20 = 0x100001010, as EIP-relative: 0x1010 */
	{ "[eip+0x20]", BYTES(0x67, 0x8b, 0x05, 0x20, 0x00, 0x00, 0x00),
	  .rip = 0x100000fe9ULL, .addr = 0x1010 },
	{ "fs:[rax]", BYTES(0x64, 0x8b, 0x00), .addr = FS_BASE + 0x100 },
	{ "gs:[0x28]",
	  BYTES(0x65, 0x48, 0x8b, 0x04, 0x25, 0x28, 0x00, 0x00, 0x00),
	  .addr = GS_BASE + 0x28 },
	/* 0x7f00fffff000 - 0x80000000 */
	{ "fs:[-0x80000000]",
	  BYTES(0x64, 0x8b, 0x04, 0x25, 0x00, 0x00, 0x00, 0x80),
	  .addr = 0x7f007ffff000ULL },
	/* the 32-bit offset is zero-extended before the FS base is added */
	{ "fs:addr32 [-0x80000000]",
	  BYTES(0x64, 0x67, 0x8b, 0x04, 0x25, 0x00, 0x00, 0x00, 0x80),
	  .addr = 0x7f017ffff000ULL },
	{ "ds: null in 64-bit", BYTES(0x3e, 0x8b, 0x00), .addr = 0x100 },
	{ "gs ds: gs", BYTES(0x65, 0x3e, 0x8b, 0x00),
	  .addr = GS_BASE + 0x100 },
	/* r13 = 0xe00, r15 = 0x1000: 0xe00 + 0x8000 - 0x80 */
	{ "[r13+r15*8-0x80]", BYTES(0x4f, 0x8b, 0x7c, 0xfd, 0x80),
	  .addr = 0x8d80 },
	{ "[rax+r12]", BYTES(0x42, 0x8b, 0x04, 0x20), .addr = 0xe00 },
	{ "[r12]", BYTES(0x41, 0x8b, 0x04, 0x24), .addr = 0xd00 },
	{ "REX.B, SIB without base",
	  BYTES(0x41, 0x8b, 0x04, 0x25, 0x00, 0x10, 0x00, 0x00),
	  .addr = 0x1000 },
	{ "[rdx]", BYTES(0x8b, 0x02), .addr = RDX_VAL },
	{ "[edx]", BYTES(0x67, 0x8b, 0x02), .addr = 0x300 },
	/* 5 * 0x1234567800000300 - 0x80000000 */
	{ "[rdx+rdx*4-0x80000000]",
	  BYTES(0x8b, 0x84, 0x92, 0x00, 0x00, 0x00, 0x80),
	  .addr = 0x5b05b05780000f00ULL },
	{ "[edx+edx*4-0x80000000]",
	  BYTES(0x67, 0x8b, 0x84, 0x92, 0x00, 0x00, 0x00, 0x80),
	  .addr = 0x80000f00ULL },
	{ "32: [disp32]", BYTES(0x8b, 0x05, 0x78, 0x56, 0x34, 0x12),
	  .m32 = true, .addr = 0x12345678 },
	{ "32: [edx+0xf0000000]", BYTES(0x8b, 0x82, 0x00, 0x00, 0x00, 0xf0),
	  .m32 = true, .addr = 0xf0000300 },
	{ "32: [bx+si]", BYTES(0x67, 0x8b, 0x00), .m32 = true, .addr = 0xb00 },
	{ "32: [bx+si-1]", BYTES(0x67, 0x8b, 0x40, 0xff), .m32 = true,
	  .addr = 0xaff },
	/* (0x600 - 0x1000) mod 64 KiB */
	{ "32: [bp-0x1000] wraps", BYTES(0x67, 0x8b, 0x86, 0x00, 0xf0),
	  .m32 = true, .addr = 0xf600 },
	{ "32: [disp16]", BYTES(0x67, 0x8b, 0x06, 0x34, 0x12), .m32 = true,
	  .addr = 0x1234 },
	{ "32: fs:[eax]", BYTES(0x64, 0x8b, 0x00), .m32 = true,
	  .addr = 0xfffff100 },
	/* 0xfffff000 + 0x1100 wraps at 4 GiB */
	{ "32: fs:[eax+0x1000] wraps",
	  BYTES(0x64, 0x8b, 0x80, 0x00, 0x10, 0x00, 0x00), .m32 = true,
	  .addr = 0x100 },
	{ "register operand", BYTES(0x8b, 0xc1), .ret = -EINVAL },
	{ "cpuid", BYTES(0x0f, 0xa2), .ret = -EINVAL },
	{ "movsb", BYTES(0xa4), .ret = -EINVAL },
	{ "MOV DR mod 00", BYTES(0x0f, 0x21, 0x38), .ret = -EINVAL },
	{ "in al,dx", BYTES(0xec), .ret = -EINVAL },
};

static void test_mem_addr(void **state)
{
	struct coco_insn_regs regs;
	unsigned int i;
	bool ok = true;

	init_regs(&regs);
	for (i = 0; i < ARRAY_SIZE(ea_cases); i++) {
		const struct ea_case *c = &ea_cases[i];
		const struct ea_case *tc = c;
		struct coco_insn in;
		u64 addr = 0xdeadbeef, rip = c->rip ? c->rip : RIP;

		EXPECT("decode", decode_exact(&in, c->b, c->n, c->m32), 0);
		regs.rip = rip;
		EXPECT("return", coco_insn_mem_addr(&in, &regs,
						    rip + in.length, &addr),
		       c->ret);
		if (!c->ret)
			EXPECT("address", addr, c->addr);
	}
	assert_true(ok);
}

struct str_case {
	const char *name;
	u8 b[8];
	u8 n;
	bool m32;
	u64 rsi, rdi;	/* 0: the init_regs() value */
	int src_ret;
	u64 src;
	int dst_ret;
	u64 dst;
};

static const struct str_case str_cases[] = {
	{ "movsb", BYTES(0xa4), .src = 0x700, .dst = 0x800 },
	{ "fs movsb: only the source", BYTES(0x64, 0xa4),
	  .src = FS_BASE + 0x700, .dst = 0x800 },
	{ "es movsb", BYTES(0x26, 0xa4), .src = 0x700, .dst = 0x800 },
	{ "cs movsb (64-bit: null)", BYTES(0x2e, 0xa4), .src = 0x700,
	  .dst = 0x800 },
	{ "gs outsb", BYTES(0x65, 0x6e), .src = GS_BASE + 0x700,
	  .dst_ret = -EINVAL },
	{ "insb", BYTES(0x6c), .src_ret = -EINVAL, .dst = 0x800 },
	{ "fs insb: ES all the same", BYTES(0x64, 0x6c), .src_ret = -EINVAL,
	  .dst = 0x800 },
	{ "outsd", BYTES(0x6f), .src = 0x700, .dst_ret = -EINVAL },
	{ "movsq, full rsi/rdi", BYTES(0x48, 0xa5),
	  .rsi = 0xabcd000012345678ULL, .rdi = 0xffffffff00000010ULL,
	  .src = 0xabcd000012345678ULL, .dst = 0xffffffff00000010ULL },
	{ "addr32 movsb", BYTES(0x67, 0xa4), .rsi = 0xabcd000012345678ULL,
	  .rdi = 0xffffffff00000010ULL, .src = 0x12345678, .dst = 0x10 },
	{ "32: addr16 movsb", BYTES(0x67, 0xa4), .m32 = true,
	  .rsi = 0x12345678, .rdi = 0x10, .src = 0x5678, .dst = 0x10 },
	{ "32: fs movsd", BYTES(0x64, 0xa5), .m32 = true, .src = 0xfffff700,
	  .dst = 0x800 },
	{ "mov", BYTES(0x8b, 0x00), .src_ret = -EINVAL, .dst_ret = -EINVAL },
	{ "in", BYTES(0xec), .src_ret = -EINVAL, .dst_ret = -EINVAL },
};

static void test_str_addr(void **state)
{
	unsigned int i;
	bool ok = true;

	for (i = 0; i < ARRAY_SIZE(str_cases); i++) {
		const struct str_case *tc = &str_cases[i];
		struct coco_insn_regs regs;
		struct coco_insn in;
		u64 addr;

		init_regs(&regs);
		if (tc->rsi)
			regs.gpr[SI] = tc->rsi;
		if (tc->rdi)
			regs.gpr[DI] = tc->rdi;
		EXPECT("decode", decode_exact(&in, tc->b, tc->n, tc->m32), 0);
		addr = 0;
		EXPECT("src return", coco_insn_str_addr(&in, &regs, false,
							&addr), tc->src_ret);
		if (!tc->src_ret)
			EXPECT("src", addr, tc->src);
		addr = 0;
		EXPECT("dst return", coco_insn_str_addr(&in, &regs, true,
							&addr), tc->dst_ret);
		if (!tc->dst_ret)
			EXPECT("dst", addr, tc->dst);
	}
	assert_true(ok);
}

/* ---- register operands --------------------------------------------- */

#define REG_INIT	0x8877665544332211ULL

struct reg_case {
	const char *name;
	u8 b[8];
	u8 n;
	bool m32;
	u8 which;
	u8 bytes;	/* 0: no register operand, NULL */
	u8 gpr;		/* the register written */
	u64 after;	/* its value after the write below */
};

/*
 * Through the pointer, a host-order store of bytes (1: 0xaa, 2: 0xbbaa,
 * 4: 0xddccbbaa, 8: 0x11223344ddccbbaa) must change exactly the named bits
 * of exactly one register.
 */
static const struct reg_case reg_cases[] = {
	{ "89 08 reg: ecx", BYTES(0x89, 0x08), .which = COCO_INSN_OPND_REG,
	  .bytes = 4, .gpr = CX, .after = 0x88776655ddccbbaaULL },
	{ "88 20 reg: ah", BYTES(0x88, 0x20), .which = COCO_INSN_OPND_REG,
	  .bytes = 1, .gpr = AX, .after = 0x887766554433aa11ULL },
	{ "88 28 reg: ch", BYTES(0x88, 0x28), .which = COCO_INSN_OPND_REG,
	  .bytes = 1, .gpr = CX, .after = 0x887766554433aa11ULL },
	{ "88 30 reg: dh", BYTES(0x88, 0x30), .which = COCO_INSN_OPND_REG,
	  .bytes = 1, .gpr = DX, .after = 0x887766554433aa11ULL },
	{ "88 38 reg: bh", BYTES(0x88, 0x38), .which = COCO_INSN_OPND_REG,
	  .bytes = 1, .gpr = BX, .after = 0x887766554433aa11ULL },
	{ "8a 38 reg: bh", BYTES(0x8a, 0x38), .which = COCO_INSN_OPND_REG,
	  .bytes = 1, .gpr = BX, .after = 0x887766554433aa11ULL },
	{ "88 e0 reg: ah", BYTES(0x88, 0xe0), .which = COCO_INSN_OPND_REG,
	  .bytes = 1, .gpr = AX, .after = 0x887766554433aa11ULL },
	{ "88 e0 rm: al", BYTES(0x88, 0xe0), .which = COCO_INSN_OPND_RM,
	  .bytes = 1, .gpr = AX, .after = 0x88776655443322aaULL },
	{ "88 c7 rm: bh", BYTES(0x88, 0xc7), .which = COCO_INSN_OPND_RM,
	  .bytes = 1, .gpr = BX, .after = 0x887766554433aa11ULL },
	{ "40 88 20 reg: spl", BYTES(0x40, 0x88, 0x20),
	  .which = COCO_INSN_OPND_REG, .bytes = 1, .gpr = SP,
	  .after = 0x88776655443322aaULL },
	{ "40 88 38 reg: dil", BYTES(0x40, 0x88, 0x38),
	  .which = COCO_INSN_OPND_REG, .bytes = 1, .gpr = DI,
	  .after = 0x88776655443322aaULL },
	{ "44 88 20 reg: r12b", BYTES(0x44, 0x88, 0x20),
	  .which = COCO_INSN_OPND_REG, .bytes = 1, .gpr = R12,
	  .after = 0x88776655443322aaULL },
	{ "45 88 c4 reg: r8b", BYTES(0x45, 0x88, 0xc4),
	  .which = COCO_INSN_OPND_REG, .bytes = 1, .gpr = R8,
	  .after = 0x88776655443322aaULL },
	{ "45 88 c4 rm: r12b", BYTES(0x45, 0x88, 0xc4),
	  .which = COCO_INSN_OPND_RM, .bytes = 1, .gpr = R12,
	  .after = 0x88776655443322aaULL },
	{ "48 89 00 reg: rax", BYTES(0x48, 0x89, 0x00),
	  .which = COCO_INSN_OPND_REG, .bytes = 8, .gpr = AX,
	  .after = 0x11223344ddccbbaaULL },
	{ "66 89 00 reg: ax", BYTES(0x66, 0x89, 0x00),
	  .which = COCO_INSN_OPND_REG, .bytes = 2, .gpr = AX,
	  .after = 0x887766554433bbaaULL },
	{ "4c 8b 3c 24 reg: r15", BYTES(0x4c, 0x8b, 0x3c, 0x24),
	  .which = COCO_INSN_OPND_REG, .bytes = 8, .gpr = R15,
	  .after = 0x11223344ddccbbaaULL },
	{ "8b c1 rm: ecx", BYTES(0x8b, 0xc1), .which = COCO_INSN_OPND_RM,
	  .bytes = 4, .gpr = CX, .after = 0x88776655ddccbbaaULL },
	{ "8b c1 reg: eax", BYTES(0x8b, 0xc1), .which = COCO_INSN_OPND_REG,
	  .bytes = 4, .gpr = AX, .after = 0x88776655ddccbbaaULL },
	{ "0f b6 c4 rm: ah", BYTES(0x0f, 0xb6, 0xc4),
	  .which = COCO_INSN_OPND_RM, .bytes = 1, .gpr = AX,
	  .after = 0x887766554433aa11ULL },
	{ "0f b6 c4 reg: eax", BYTES(0x0f, 0xb6, 0xc4),
	  .which = COCO_INSN_OPND_REG, .bytes = 4, .gpr = AX,
	  .after = 0x88776655ddccbbaaULL },
	{ "0f b7 c1 rm: cx", BYTES(0x0f, 0xb7, 0xc1),
	  .which = COCO_INSN_OPND_RM, .bytes = 2, .gpr = CX,
	  .after = 0x887766554433bbaaULL },
	{ "48 0f bf 0c 24 reg: rcx", BYTES(0x48, 0x0f, 0xbf, 0x0c, 0x24),
	  .which = COCO_INSN_OPND_REG, .bytes = 8, .gpr = CX,
	  .after = 0x11223344ddccbbaaULL },
	{ "66 0f be 00 reg: ax", BYTES(0x66, 0x0f, 0xbe, 0x00),
	  .which = COCO_INSN_OPND_REG, .bytes = 2, .gpr = AX,
	  .after = 0x887766554433bbaaULL },
	{ "0f be 08 rm: memory", BYTES(0x0f, 0xbe, 0x08),
	  .which = COCO_INSN_OPND_RM },
	{ "0f 23 f8 rm: rax", BYTES(0x0f, 0x23, 0xf8),
	  .which = COCO_INSN_OPND_RM, .bytes = 8, .gpr = AX,
	  .after = 0x11223344ddccbbaaULL },
	{ "0f 23 f8 reg: a debug register", BYTES(0x0f, 0x23, 0xf8),
	  .which = COCO_INSN_OPND_REG },
	{ "41 0f 23 f9 rm: r9", BYTES(0x41, 0x0f, 0x23, 0xf9),
	  .which = COCO_INSN_OPND_RM, .bytes = 8, .gpr = R9,
	  .after = 0x11223344ddccbbaaULL },
	{ "0f 21 38 rm: rax (mod ignored)", BYTES(0x0f, 0x21, 0x38),
	  .which = COCO_INSN_OPND_RM, .bytes = 8, .gpr = AX,
	  .after = 0x11223344ddccbbaaULL },
	{ "32: 0f 21 f8 rm: eax", BYTES(0x0f, 0x21, 0xf8), .m32 = true,
	  .which = COCO_INSN_OPND_RM, .bytes = 4, .gpr = AX,
	  .after = 0x88776655ddccbbaaULL },
	{ "c7 00 reg: opcode extension",
	  BYTES(0xc7, 0x00, 0x01, 0x00, 0x00, 0x00),
	  .which = COCO_INSN_OPND_REG },
	{ "c7 00 rm: memory", BYTES(0xc7, 0x00, 0x01, 0x00, 0x00, 0x00),
	  .which = COCO_INSN_OPND_RM },
	{ "c6 c4 rm: ah", BYTES(0xc6, 0xc4, 0x01), .which = COCO_INSN_OPND_RM,
	  .bytes = 1, .gpr = AX, .after = 0x887766554433aa11ULL },
	{ "c6 c4 reg: opcode extension", BYTES(0xc6, 0xc4, 0x01),
	  .which = COCO_INSN_OPND_REG },
	{ "8b 00 rm: memory", BYTES(0x8b, 0x00), .which = COCO_INSN_OPND_RM },
	{ "a4 reg", BYTES(0xa4), .which = COCO_INSN_OPND_REG },
	{ "a4 rm", BYTES(0xa4), .which = COCO_INSN_OPND_RM },
	{ "0f a2 reg", BYTES(0x0f, 0xa2), .which = COCO_INSN_OPND_REG },
	{ "e4 80 rm", BYTES(0xe4, 0x80), .which = COCO_INSN_OPND_RM },
};

static void store_host(void *p, unsigned int bytes)
{
	u8 v1 = 0xaa;
	u16 v2 = 0xbbaa;
	u32 v4 = 0xddccbbaa;
	u64 v8 = 0x11223344ddccbbaaULL;

	switch (bytes) {
	case 1:
		memcpy(p, &v1, 1);
		break;
	case 2:
		memcpy(p, &v2, 2);
		break;
	case 4:
		memcpy(p, &v4, 4);
		break;
	default:
		memcpy(p, &v8, 8);
		break;
	}
}

static void test_reg_ptr(void **state)
{
	unsigned int i, g;
	bool ok = true;

	for (i = 0; i < ARRAY_SIZE(reg_cases); i++) {
		const struct reg_case *tc = &reg_cases[i];
		struct coco_insn_regs regs;
		struct coco_insn in;
		u8 *p, *lo, *hi;

		for (g = 0; g < COCO_INSN_NR_GPRS; g++)
			regs.gpr[g] = REG_INIT;
		EXPECT("decode", decode_exact(&in, tc->b, tc->n, tc->m32), 0);
		EXPECT("reg_bytes", coco_insn_reg_bytes(&in, tc->which),
		       tc->bytes);
		p = coco_insn_reg_ptr(&in, &regs, tc->which);
		if (!tc->bytes) {
			EXPECT("NULL", p == NULL, true);
			continue;
		}
		lo = (u8 *)&regs.gpr[0];
		hi = (u8 *)&regs.gpr[COCO_INSN_NR_GPRS];
		if (!p || p < lo || p + tc->bytes > hi) {
			EXPECT("pointer inside gpr[]", false, true);
			continue;
		}
		store_host(p, tc->bytes);
		for (g = 0; g < COCO_INSN_NR_GPRS; g++)
			EXPECT("register after the store", regs.gpr[g],
			       g == tc->gpr ? tc->after : REG_INIT);
	}
	assert_true(ok);
}

/* ---- MMIO classification (x86-sev.md 3.6) ---------------------------- */

struct mmio_case {
	const char *name;
	u8 b[12];
	u8 n;
	u8 kind;
	u8 bytes;
};

#define MMIO(x)		COCO_INSN_MMIO_##x

static const struct mmio_case mmio_cases[] = {
	{ "88 m8,r8", BYTES(0x88, 0x00), MMIO(WRITE), 1 },
	{ "88 m8,ah", BYTES(0x88, 0x20), MMIO(WRITE), 1 },
	{ "89 m32,r32", BYTES(0x89, 0x00), MMIO(WRITE), 4 },
	{ "66 89 m16", BYTES(0x66, 0x89, 0x00), MMIO(WRITE), 2 },
	{ "48 89 m64", BYTES(0x48, 0x89, 0x00), MMIO(WRITE), 8 },
	{ "c6 m8,imm8", BYTES(0xc6, 0x00, 0x01), MMIO(WRITE_IMM), 1 },
	{ "c7 m32,imm32", BYTES(0xc7, 0x00, 1, 2, 3, 4), MMIO(WRITE_IMM), 4 },
	{ "66 c7 m16,imm16", BYTES(0x66, 0xc7, 0x00, 1, 2), MMIO(WRITE_IMM),
	  2 },
	{ "48 c7 m64,imm32", BYTES(0x48, 0xc7, 0x00, 1, 2, 3, 4),
	  MMIO(WRITE_IMM), 8 },
	{ "8a r8,m8", BYTES(0x8a, 0x00), MMIO(READ), 1 },
	{ "8b r32,m32", BYTES(0x8b, 0x00), MMIO(READ), 4 },
	{ "66 8b r16,m16", BYTES(0x66, 0x8b, 0x00), MMIO(READ), 2 },
	{ "48 8b r64,m64", BYTES(0x48, 0x8b, 0x00), MMIO(READ), 8 },
	{ "8b rip-relative", BYTES(0x8b, 0x05, 0, 0, 0, 0), MMIO(READ), 4 },
	{ "0f b6 m8", BYTES(0x0f, 0xb6, 0x00), MMIO(READ_ZERO_EXTEND), 1 },
	{ "0f b7 m16", BYTES(0x0f, 0xb7, 0x00), MMIO(READ_ZERO_EXTEND), 2 },
	{ "48 0f b7 m16", BYTES(0x48, 0x0f, 0xb7, 0x00),
	  MMIO(READ_ZERO_EXTEND), 2 },
	{ "0f be m8", BYTES(0x0f, 0xbe, 0x00), MMIO(READ_SIGN_EXTEND), 1 },
	{ "0f bf m16", BYTES(0x0f, 0xbf, 0x00), MMIO(READ_SIGN_EXTEND), 2 },
	{ "66 0f be m8", BYTES(0x66, 0x0f, 0xbe, 0x00),
	  MMIO(READ_SIGN_EXTEND), 1 },
	{ "a4", BYTES(0xa4), MMIO(MOVS), 1 },
	{ "a5", BYTES(0xa5), MMIO(MOVS), 4 },
	{ "66 a5", BYTES(0x66, 0xa5), MMIO(MOVS), 2 },
	{ "48 a5", BYTES(0x48, 0xa5), MMIO(MOVS), 8 },
	{ "f3 a4", BYTES(0xf3, 0xa4), MMIO(MOVS), 1 },
	{ "8b c1: registers only", BYTES(0x8b, 0xc1), MMIO(DECODE_FAILED) },
	{ "88 e0: registers only", BYTES(0x88, 0xe0), MMIO(DECODE_FAILED) },
	{ "c6 c4: register", BYTES(0xc6, 0xc4, 0x01), MMIO(DECODE_FAILED) },
	{ "0f b6 c0: register", BYTES(0x0f, 0xb6, 0xc0),
	  MMIO(DECODE_FAILED) },
	{ "lock 89 (#UD)", BYTES(0xf0, 0x89, 0x00), MMIO(DECODE_FAILED) },
	{ "lock a4 (#UD)", BYTES(0xf0, 0xa4), MMIO(DECODE_FAILED) },
	{ "cpuid", BYTES(0x0f, 0xa2), MMIO(DECODE_FAILED) },
	{ "in", BYTES(0xe4, 0x80), MMIO(DECODE_FAILED) },
	{ "insb", BYTES(0x6c), MMIO(DECODE_FAILED) },
	{ "MOV DR", BYTES(0x0f, 0x21, 0x38), MMIO(DECODE_FAILED) },
};

static void test_mmio(void **state)
{
	struct coco_insn in;
	unsigned int i;
	bool ok = true;

	for (i = 0; i < ARRAY_SIZE(mmio_cases); i++) {
		const struct mmio_case *tc = &mmio_cases[i];

		EXPECT("decode", decode_exact(&in, tc->b, tc->n, false), 0);
		EXPECT("kind", coco_insn_mmio_kind(&in), tc->kind);
		EXPECT("bytes", coco_insn_mmio_bytes(&in), tc->bytes);
	}
	/* a failed decode leaves nothing to emulate */
	assert_int_equal(coco_insn_decode(&in, (const u8 *)"\x90", 1, true),
			 -EOPNOTSUPP);
	assert_int_equal(coco_insn_mmio_kind(&in), MMIO(DECODE_FAILED));
	assert_int_equal(coco_insn_mmio_bytes(&in), 0);
	assert_true(ok);
}

/* ---- port I/O ------------------------------------------------------ */

struct io_case {
	const char *name;
	u8 b[8];
	u8 n;
	bool m32;
	int ret;
	struct coco_insn_io io;
};

#define NOSEG	COCO_INSN_SEG_NONE

static const struct io_case io_cases[] = {
	{ "in al,0x80", BYTES(0xe4, 0x80), .io = { .in = true, .port = 0x80,
	  .size = 1, .addr_bytes = 8, .seg = NOSEG } },
	{ "in eax,0xff", BYTES(0xe5, 0xff), .io = { .in = true, .port = 0xff,
	  .size = 4, .addr_bytes = 8, .seg = NOSEG } },
	{ "in ax,0x60", BYTES(0x66, 0xe5, 0x60), .io = { .in = true,
	  .port = 0x60, .size = 2, .addr_bytes = 8, .seg = NOSEG } },
	{ "out 0x71,eax", BYTES(0xe7, 0x71), .io = { .port = 0x71, .size = 4,
	  .addr_bytes = 8, .seg = NOSEG } },
	{ "out 0x70,al", BYTES(0xe6, 0x70), .io = { .port = 0x70, .size = 1,
	  .addr_bytes = 8, .seg = NOSEG } },
	{ "in al,dx", BYTES(0xec), .io = { .in = true, .port_in_dx = true,
	  .size = 1, .addr_bytes = 8, .seg = NOSEG } },
	{ "REX.W in eax,dx", BYTES(0x48, 0xed), .io = { .in = true,
	  .port_in_dx = true, .size = 4, .addr_bytes = 8, .seg = NOSEG } },
	{ "out dx,eax", BYTES(0xef), .io = { .port_in_dx = true, .size = 4,
	  .addr_bytes = 8, .seg = NOSEG } },
	{ "out dx,ax", BYTES(0x66, 0xef), .io = { .port_in_dx = true,
	  .size = 2, .addr_bytes = 8, .seg = NOSEG } },
	{ "insb", BYTES(0x6c), .io = { .in = true, .string = true,
	  .port_in_dx = true, .size = 1, .addr_bytes = 8,
	  .seg = COCO_INSN_SEG_ES } },
	{ "rep insd", BYTES(0xf3, 0x6d), .io = { .in = true, .string = true,
	  .rep = true, .port_in_dx = true, .size = 4, .addr_bytes = 8,
	  .seg = COCO_INSN_SEG_ES } },
	{ "addr32 rep insw", BYTES(0x67, 0xf3, 0x66, 0x6d), .io = {
	  .in = true, .string = true, .rep = true, .port_in_dx = true,
	  .size = 2, .addr_bytes = 4, .seg = COCO_INSN_SEG_ES } },
	{ "repne outsb", BYTES(0xf2, 0x6e), .io = { .string = true,
	  .rep = true, .port_in_dx = true, .size = 1, .addr_bytes = 8,
	  .seg = COCO_INSN_SEG_DS } },
	{ "outsb", BYTES(0x6e), .io = { .string = true, .port_in_dx = true,
	  .size = 1, .addr_bytes = 8, .seg = COCO_INSN_SEG_DS } },
	{ "fs outsb", BYTES(0x64, 0x6e), .io = { .string = true,
	  .port_in_dx = true, .size = 1, .addr_bytes = 8,
	  .seg = COCO_INSN_SEG_FS } },
	{ "cs outsb (64-bit: null)", BYTES(0x2e, 0x6e), .io = {
	  .string = true, .port_in_dx = true, .size = 1, .addr_bytes = 8,
	  .seg = COCO_INSN_SEG_DS } },
	{ "32: cs outsd", BYTES(0x2e, 0x6f), .m32 = true, .io = {
	  .string = true, .port_in_dx = true, .size = 4, .addr_bytes = 4,
	  .seg = COCO_INSN_SEG_CS } },
	{ "32: fs insb (ES regardless)", BYTES(0x64, 0x6c), .m32 = true,
	  .io = { .in = true, .string = true, .port_in_dx = true, .size = 1,
	  .addr_bytes = 4, .seg = COCO_INSN_SEG_ES } },
	{ "32: addr16 outsw", BYTES(0x67, 0x66, 0x6f), .m32 = true, .io = {
	  .string = true, .port_in_dx = true, .size = 2, .addr_bytes = 2,
	  .seg = COCO_INSN_SEG_DS } },
	{ "lock in (#UD)", BYTES(0xf0, 0xec), .ret = -EINVAL },
	{ "mov", BYTES(0x8b, 0x00), .ret = -EINVAL },
	{ "movsb", BYTES(0xa4), .ret = -EINVAL },
};

static void test_io(void **state)
{
	unsigned int i;
	bool ok = true;

	for (i = 0; i < ARRAY_SIZE(io_cases); i++) {
		const struct io_case *tc = &io_cases[i];
		struct coco_insn_io io = { 0 };
		struct coco_insn in;

		EXPECT("decode", decode_exact(&in, tc->b, tc->n, tc->m32), 0);
		EXPECT("return", coco_insn_io(&in, &io), tc->ret);
		if (tc->ret)
			continue;
		EXPECT("in", io.in, tc->io.in);
		EXPECT("string", io.string, tc->io.string);
		EXPECT("rep", io.rep, tc->io.rep);
		EXPECT("port_in_dx", io.port_in_dx, tc->io.port_in_dx);
		EXPECT("port", io.port, tc->io.port);
		EXPECT("size", io.size, tc->io.size);
		EXPECT("addr_bytes", io.addr_bytes, tc->io.addr_bytes);
		EXPECT("seg", io.seg, tc->io.seg);
	}
	assert_true(ok);
}

/* ---- assembler cross-check ----------------------------------------- */

struct asm_case {
	const char *src;
	u8 len;
	u8 b[COCO_INSN_MAX_LEN];
};

/*
 * Generated once with GNU as 2.40 (Debian binutils): every line below was
 * assembled on its own ("as --64" or "as --32", a file holding just that
 * line followed by a label "foo:"), and its bytes are the .text section as
 * "objcopy -O binary -j .text" wrote it.  The string is the exact source
 * line; the length is the assembler's, not the decoder's.  Lines GNU as
 * refused (AH with a REX-only base register) are left out.
 */
static const struct asm_case asm64_cases[] = {
	{ "mov %eax,(%rax)", 2, { 0x89, 0x00 } },
	{ "mov %eax,(%rcx)", 2, { 0x89, 0x01 } },
	{ "mov %eax,(%rdx)", 2, { 0x89, 0x02 } },
	{ "mov %eax,(%rbx)", 2, { 0x89, 0x03 } },
	{ "mov %eax,(%rsp)", 3, { 0x89, 0x04, 0x24 } },
	{ "mov %eax,(%rbp)", 3, { 0x89, 0x45, 0x00 } },
	{ "mov %eax,(%rsi)", 2, { 0x89, 0x06 } },
	{ "mov %eax,(%rdi)", 2, { 0x89, 0x07 } },
	{ "mov %eax,(%r8)", 3, { 0x41, 0x89, 0x00 } },
	{ "mov %eax,(%r9)", 3, { 0x41, 0x89, 0x01 } },
	{ "mov %eax,(%r10)", 3, { 0x41, 0x89, 0x02 } },
	{ "mov %eax,(%r11)", 3, { 0x41, 0x89, 0x03 } },
	{ "mov %eax,(%r12)", 4, { 0x41, 0x89, 0x04, 0x24 } },
	{ "mov %eax,(%r13)", 4, { 0x41, 0x89, 0x45, 0x00 } },
	{ "mov %eax,(%r14)", 3, { 0x41, 0x89, 0x06 } },
	{ "mov %eax,(%r15)", 3, { 0x41, 0x89, 0x07 } },
	{ "mov %eax,8(%rax)", 3, { 0x89, 0x40, 0x08 } },
	{ "mov %eax,-8(%rax)", 3, { 0x89, 0x40, 0xf8 } },
	{ "mov %eax,0x7f(%rax)", 3, { 0x89, 0x40, 0x7f } },
	{ "mov %eax,-0x80(%rax)", 3, { 0x89, 0x40, 0x80 } },
	{ "mov %eax,0x80(%rax)", 6, { 0x89, 0x80, 0x80, 0x00, 0x00, 0x00 } },
	{ "mov %eax,0x12345678(%rax)", 6, { 0x89, 0x80, 0x78, 0x56, 0x34, 0x12 } },
	{ "mov %eax,-0x80000000(%rax)", 6, { 0x89, 0x80, 0x00, 0x00, 0x00, 0x80 } },
	{ "mov %eax,8(%rsp)", 4, { 0x89, 0x44, 0x24, 0x08 } },
	{ "mov %eax,-8(%rsp)", 4, { 0x89, 0x44, 0x24, 0xf8 } },
	{ "mov %eax,0x7f(%rsp)", 4, { 0x89, 0x44, 0x24, 0x7f } },
	{ "mov %eax,-0x80(%rsp)", 4, { 0x89, 0x44, 0x24, 0x80 } },
	{ "mov %eax,0x80(%rsp)", 7, { 0x89, 0x84, 0x24, 0x80, 0x00, 0x00, 0x00 } },
	{ "mov %eax,0x12345678(%rsp)", 7, { 0x89, 0x84, 0x24, 0x78, 0x56, 0x34, 0x12 } },
	{ "mov %eax,-0x80000000(%rsp)", 7, { 0x89, 0x84, 0x24, 0x00, 0x00, 0x00, 0x80 } },
	{ "mov %eax,8(%rbp)", 3, { 0x89, 0x45, 0x08 } },
	{ "mov %eax,-8(%rbp)", 3, { 0x89, 0x45, 0xf8 } },
	{ "mov %eax,0x7f(%rbp)", 3, { 0x89, 0x45, 0x7f } },
	{ "mov %eax,-0x80(%rbp)", 3, { 0x89, 0x45, 0x80 } },
	{ "mov %eax,0x80(%rbp)", 6, { 0x89, 0x85, 0x80, 0x00, 0x00, 0x00 } },
	{ "mov %eax,0x12345678(%rbp)", 6, { 0x89, 0x85, 0x78, 0x56, 0x34, 0x12 } },
	{ "mov %eax,-0x80000000(%rbp)", 6, { 0x89, 0x85, 0x00, 0x00, 0x00, 0x80 } },
	{ "mov %eax,8(%r12)", 5, { 0x41, 0x89, 0x44, 0x24, 0x08 } },
	{ "mov %eax,-8(%r12)", 5, { 0x41, 0x89, 0x44, 0x24, 0xf8 } },
	{ "mov %eax,0x7f(%r12)", 5, { 0x41, 0x89, 0x44, 0x24, 0x7f } },
	{ "mov %eax,-0x80(%r12)", 5, { 0x41, 0x89, 0x44, 0x24, 0x80 } },
	{ "mov %eax,0x80(%r12)", 8, { 0x41, 0x89, 0x84, 0x24, 0x80, 0x00, 0x00, 0x00 } },
	{ "mov %eax,0x12345678(%r12)", 8, { 0x41, 0x89, 0x84, 0x24, 0x78, 0x56, 0x34, 0x12 } },
	{ "mov %eax,-0x80000000(%r12)", 8, { 0x41, 0x89, 0x84, 0x24, 0x00, 0x00, 0x00, 0x80 } },
	{ "mov %eax,8(%r13)", 4, { 0x41, 0x89, 0x45, 0x08 } },
	{ "mov %eax,-8(%r13)", 4, { 0x41, 0x89, 0x45, 0xf8 } },
	{ "mov %eax,0x7f(%r13)", 4, { 0x41, 0x89, 0x45, 0x7f } },
	{ "mov %eax,-0x80(%r13)", 4, { 0x41, 0x89, 0x45, 0x80 } },
	{ "mov %eax,0x80(%r13)", 7, { 0x41, 0x89, 0x85, 0x80, 0x00, 0x00, 0x00 } },
	{ "mov %eax,0x12345678(%r13)", 7, { 0x41, 0x89, 0x85, 0x78, 0x56, 0x34, 0x12 } },
	{ "mov %eax,-0x80000000(%r13)", 7, { 0x41, 0x89, 0x85, 0x00, 0x00, 0x00, 0x80 } },
	{ "mov %eax,(%rax,%rcx,1)", 3, { 0x89, 0x04, 0x08 } },
	{ "mov %eax,(%rax,%rcx,2)", 3, { 0x89, 0x04, 0x48 } },
	{ "mov %eax,(%rax,%rcx,4)", 3, { 0x89, 0x04, 0x88 } },
	{ "mov %eax,(%rax,%rcx,8)", 3, { 0x89, 0x04, 0xc8 } },
	{ "mov %eax,0x10(%rax,%rcx,4)", 4, { 0x89, 0x44, 0x88, 0x10 } },
	{ "mov %eax,0x1000(%rax,%rcx,8)", 7, { 0x89, 0x84, 0xc8, 0x00, 0x10, 0x00, 0x00 } },
	{ "mov %eax,(%rsp,%rbp,1)", 3, { 0x89, 0x04, 0x2c } },
	{ "mov %eax,(%rsp,%rbp,2)", 3, { 0x89, 0x04, 0x6c } },
	{ "mov %eax,(%rsp,%rbp,4)", 3, { 0x89, 0x04, 0xac } },
	{ "mov %eax,(%rsp,%rbp,8)", 3, { 0x89, 0x04, 0xec } },
	{ "mov %eax,0x10(%rsp,%rbp,4)", 4, { 0x89, 0x44, 0xac, 0x10 } },
	{ "mov %eax,0x1000(%rsp,%rbp,8)", 7, { 0x89, 0x84, 0xec, 0x00, 0x10, 0x00, 0x00 } },
	{ "mov %eax,(%rbp,%rax,1)", 4, { 0x89, 0x44, 0x05, 0x00 } },
	{ "mov %eax,(%rbp,%rax,2)", 4, { 0x89, 0x44, 0x45, 0x00 } },
	{ "mov %eax,(%rbp,%rax,4)", 4, { 0x89, 0x44, 0x85, 0x00 } },
	{ "mov %eax,(%rbp,%rax,8)", 4, { 0x89, 0x44, 0xc5, 0x00 } },
	{ "mov %eax,0x10(%rbp,%rax,4)", 4, { 0x89, 0x44, 0x85, 0x10 } },
	{ "mov %eax,0x1000(%rbp,%rax,8)", 7, { 0x89, 0x84, 0xc5, 0x00, 0x10, 0x00, 0x00 } },
	{ "mov %eax,(%r13,%r12,1)", 5, { 0x43, 0x89, 0x44, 0x25, 0x00 } },
	{ "mov %eax,(%r13,%r12,2)", 5, { 0x43, 0x89, 0x44, 0x65, 0x00 } },
	{ "mov %eax,(%r13,%r12,4)", 5, { 0x43, 0x89, 0x44, 0xa5, 0x00 } },
	{ "mov %eax,(%r13,%r12,8)", 5, { 0x43, 0x89, 0x44, 0xe5, 0x00 } },
	{ "mov %eax,0x10(%r13,%r12,4)", 5, { 0x43, 0x89, 0x44, 0xa5, 0x10 } },
	{ "mov %eax,0x1000(%r13,%r12,8)", 8, { 0x43, 0x89, 0x84, 0xe5, 0x00, 0x10, 0x00, 0x00 } },
	{ "mov %eax,(%r12,%r15,1)", 4, { 0x43, 0x89, 0x04, 0x3c } },
	{ "mov %eax,(%r12,%r15,2)", 4, { 0x43, 0x89, 0x04, 0x7c } },
	{ "mov %eax,(%r12,%r15,4)", 4, { 0x43, 0x89, 0x04, 0xbc } },
	{ "mov %eax,(%r12,%r15,8)", 4, { 0x43, 0x89, 0x04, 0xfc } },
	{ "mov %eax,0x10(%r12,%r15,4)", 5, { 0x43, 0x89, 0x44, 0xbc, 0x10 } },
	{ "mov %eax,0x1000(%r12,%r15,8)", 8, { 0x43, 0x89, 0x84, 0xfc, 0x00, 0x10, 0x00, 0x00 } },
	{ "mov %eax,(%rdi,%r8,1)", 4, { 0x42, 0x89, 0x04, 0x07 } },
	{ "mov %eax,(%rdi,%r8,2)", 4, { 0x42, 0x89, 0x04, 0x47 } },
	{ "mov %eax,(%rdi,%r8,4)", 4, { 0x42, 0x89, 0x04, 0x87 } },
	{ "mov %eax,(%rdi,%r8,8)", 4, { 0x42, 0x89, 0x04, 0xc7 } },
	{ "mov %eax,0x10(%rdi,%r8,4)", 5, { 0x42, 0x89, 0x44, 0x87, 0x10 } },
	{ "mov %eax,0x1000(%rdi,%r8,8)", 8, { 0x42, 0x89, 0x84, 0xc7, 0x00, 0x10, 0x00, 0x00 } },
	{ "mov %eax,(,%rcx,4)", 7, { 0x89, 0x04, 0x8d, 0x00, 0x00, 0x00, 0x00 } },
	{ "mov %eax,0x10(,%r12,8)", 8, { 0x42, 0x89, 0x04, 0xe5, 0x10, 0x00, 0x00, 0x00 } },
	{ "mov %eax,0x1234", 7, { 0x89, 0x04, 0x25, 0x34, 0x12, 0x00, 0x00 } },
	{ "mov %eax,0x12345678", 7, { 0x89, 0x04, 0x25, 0x78, 0x56, 0x34, 0x12 } },
	{ "mov %eax,0x7fffffff", 7, { 0x89, 0x04, 0x25, 0xff, 0xff, 0xff, 0x7f } },
	{ "mov %eax,foo(%rip)", 6, { 0x89, 0x05, 0x00, 0x00, 0x00, 0x00 } },
	{ "mov %eax,0x10(%rip)", 6, { 0x89, 0x05, 0x10, 0x00, 0x00, 0x00 } },
	{ "mov %eax,-0x10(%rip)", 6, { 0x89, 0x05, 0xf0, 0xff, 0xff, 0xff } },
	{ "mov %eax,%fs:0x28", 8, { 0x64, 0x89, 0x04, 0x25, 0x28, 0x00, 0x00, 0x00 } },
	{ "mov %eax,%gs:0x28", 8, { 0x65, 0x89, 0x04, 0x25, 0x28, 0x00, 0x00, 0x00 } },
	{ "mov %eax,%fs:(%rax)", 3, { 0x64, 0x89, 0x00 } },
	{ "mov %eax,%gs:8(%rbx,%rsi,2)", 5, { 0x65, 0x89, 0x44, 0x73, 0x08 } },
	{ "mov (%rax),%rcx", 3, { 0x48, 0x8b, 0x08 } },
	{ "mov (%rbx),%rcx", 3, { 0x48, 0x8b, 0x0b } },
	{ "mov (%rsi),%rcx", 3, { 0x48, 0x8b, 0x0e } },
	{ "mov (%r9),%rcx", 3, { 0x49, 0x8b, 0x09 } },
	{ "mov (%r12),%rcx", 4, { 0x49, 0x8b, 0x0c, 0x24 } },
	{ "mov (%r15),%rcx", 3, { 0x49, 0x8b, 0x0f } },
	{ "mov 0x7f(%rax),%rcx", 4, { 0x48, 0x8b, 0x48, 0x7f } },
	{ "mov 0x12345678(%rax),%rcx", 7, { 0x48, 0x8b, 0x88, 0x78, 0x56, 0x34, 0x12 } },
	{ "mov -8(%rsp),%rcx", 5, { 0x48, 0x8b, 0x4c, 0x24, 0xf8 } },
	{ "mov 0x80(%rsp),%rcx", 8, { 0x48, 0x8b, 0x8c, 0x24, 0x80, 0x00, 0x00, 0x00 } },
	{ "mov 8(%rbp),%rcx", 4, { 0x48, 0x8b, 0x4d, 0x08 } },
	{ "mov -0x80(%rbp),%rcx", 4, { 0x48, 0x8b, 0x4d, 0x80 } },
	{ "mov -0x80000000(%rbp),%rcx", 7, { 0x48, 0x8b, 0x8d, 0x00, 0x00, 0x00, 0x80 } },
	{ "mov 0x7f(%r12),%rcx", 5, { 0x49, 0x8b, 0x4c, 0x24, 0x7f } },
	{ "mov 0x12345678(%r12),%rcx", 8, { 0x49, 0x8b, 0x8c, 0x24, 0x78, 0x56, 0x34, 0x12 } },
	{ "mov -8(%r13),%rcx", 4, { 0x49, 0x8b, 0x4d, 0xf8 } },
	{ "mov 0x80(%r13),%rcx", 7, { 0x49, 0x8b, 0x8d, 0x80, 0x00, 0x00, 0x00 } },
	{ "mov (%rax,%rcx,1),%rcx", 4, { 0x48, 0x8b, 0x0c, 0x08 } },
	{ "mov (%rax,%rcx,8),%rcx", 4, { 0x48, 0x8b, 0x0c, 0xc8 } },
	{ "mov (%rsp,%rbp,1),%rcx", 4, { 0x48, 0x8b, 0x0c, 0x2c } },
	{ "mov (%rsp,%rbp,8),%rcx", 4, { 0x48, 0x8b, 0x0c, 0xec } },
	{ "mov (%rbp,%rax,1),%rcx", 5, { 0x48, 0x8b, 0x4c, 0x05, 0x00 } },
	{ "mov (%rbp,%rax,8),%rcx", 5, { 0x48, 0x8b, 0x4c, 0xc5, 0x00 } },
	{ "mov (%r13,%r12,1),%rcx", 5, { 0x4b, 0x8b, 0x4c, 0x25, 0x00 } },
	{ "mov (%r13,%r12,8),%rcx", 5, { 0x4b, 0x8b, 0x4c, 0xe5, 0x00 } },
	{ "mov (%r12,%r15,1),%rcx", 4, { 0x4b, 0x8b, 0x0c, 0x3c } },
	{ "mov (%r12,%r15,8),%rcx", 4, { 0x4b, 0x8b, 0x0c, 0xfc } },
	{ "mov (%rdi,%r8,1),%rcx", 4, { 0x4a, 0x8b, 0x0c, 0x07 } },
	{ "mov (%rdi,%r8,8),%rcx", 4, { 0x4a, 0x8b, 0x0c, 0xc7 } },
	{ "mov (,%rcx,4),%rcx", 8, { 0x48, 0x8b, 0x0c, 0x8d, 0x00, 0x00, 0x00, 0x00 } },
	{ "mov 0x12345678,%rcx", 8, { 0x48, 0x8b, 0x0c, 0x25, 0x78, 0x56, 0x34, 0x12 } },
	{ "mov 0x10(%rip),%rcx", 7, { 0x48, 0x8b, 0x0d, 0x10, 0x00, 0x00, 0x00 } },
	{ "mov %gs:0x28,%rcx", 9, { 0x65, 0x48, 0x8b, 0x0c, 0x25, 0x28, 0x00, 0x00, 0x00 } },
	{ "movb %ah,(%rcx)", 2, { 0x88, 0x21 } },
	{ "movb %ah,(%rbp)", 3, { 0x88, 0x65, 0x00 } },
	{ "movb %ah,-8(%rax)", 3, { 0x88, 0x60, 0xf8 } },
	{ "movb %ah,0x12345678(%rax)", 6, { 0x88, 0xa0, 0x78, 0x56, 0x34, 0x12 } },
	{ "movb %ah,0x7f(%rsp)", 4, { 0x88, 0x64, 0x24, 0x7f } },
	{ "movb %ah,-0x80000000(%rsp)", 7, { 0x88, 0xa4, 0x24, 0x00, 0x00, 0x00, 0x80 } },
	{ "movb %ah,-0x80(%rbp)", 3, { 0x88, 0x65, 0x80 } },
	{ "movb %ah,(%rax,%rcx,4)", 3, { 0x88, 0x24, 0x88 } },
	{ "movb %ah,(%rsp,%rbp,1)", 3, { 0x88, 0x24, 0x2c } },
	{ "movb %ah,0x10(%rsp,%rbp,4)", 4, { 0x88, 0x64, 0xac, 0x10 } },
	{ "movb %ah,(%rbp,%rax,4)", 4, { 0x88, 0x64, 0x85, 0x00 } },
	{ "movb %ah,0x1234", 7, { 0x88, 0x24, 0x25, 0x34, 0x12, 0x00, 0x00 } },
	{ "movb %ah,0x10(%rip)", 6, { 0x88, 0x25, 0x10, 0x00, 0x00, 0x00 } },
	{ "movb %ah,%fs:(%rax)", 3, { 0x64, 0x88, 0x20 } },
	{ "movl $0x12345678,(%rdx)", 6, { 0xc7, 0x02, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,(%rdx)", 7, { 0x48, 0xc7, 0x02, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,(%rdi)", 6, { 0xc7, 0x07, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,(%rdi)", 7, { 0x48, 0xc7, 0x07, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,(%r12)", 8, { 0x41, 0xc7, 0x04, 0x24, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,(%r12)", 8, { 0x49, 0xc7, 0x04, 0x24, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,-8(%rax)", 7, { 0xc7, 0x40, 0xf8, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,-8(%rax)", 8, { 0x48, 0xc7, 0x40, 0xf8, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,-0x80000000(%rax)", 10, { 0xc7, 0x80, 0x00, 0x00, 0x00, 0x80, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,-0x80000000(%rax)", 11, { 0x48, 0xc7, 0x80, 0x00, 0x00, 0x00, 0x80, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,0x80(%rsp)", 11, { 0xc7, 0x84, 0x24, 0x80, 0x00, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,0x80(%rsp)", 12, { 0x48, 0xc7, 0x84, 0x24, 0x80, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,0x7f(%rbp)", 7, { 0xc7, 0x45, 0x7f, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,0x7f(%rbp)", 8, { 0x48, 0xc7, 0x45, 0x7f, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,8(%r12)", 9, { 0x41, 0xc7, 0x44, 0x24, 0x08, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,8(%r12)", 9, { 0x49, 0xc7, 0x44, 0x24, 0x08, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,0x12345678(%r12)", 12, { 0x41, 0xc7, 0x84, 0x24, 0x78, 0x56, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,0x12345678(%r12)", 12, { 0x49, 0xc7, 0x84, 0x24, 0x78, 0x56, 0x34, 0x12, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,-0x80(%r13)", 8, { 0x41, 0xc7, 0x45, 0x80, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,-0x80(%r13)", 8, { 0x49, 0xc7, 0x45, 0x80, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,(%rax,%rcx,2)", 7, { 0xc7, 0x04, 0x48, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,(%rax,%rcx,2)", 8, { 0x48, 0xc7, 0x04, 0x48, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,(%rsp,%rbp,1)", 7, { 0xc7, 0x04, 0x2c, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,(%rsp,%rbp,1)", 8, { 0x48, 0xc7, 0x04, 0x2c, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,0x1000(%rsp,%rbp,8)", 11, { 0xc7, 0x84, 0xec, 0x00, 0x10, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,0x1000(%rsp,%rbp,8)", 12, { 0x48, 0xc7, 0x84, 0xec, 0x00, 0x10, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,0x10(%rbp,%rax,4)", 8, { 0xc7, 0x44, 0x85, 0x10, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,0x10(%rbp,%rax,4)", 9, { 0x48, 0xc7, 0x44, 0x85, 0x10, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,(%r13,%r12,8)", 9, { 0x43, 0xc7, 0x44, 0xe5, 0x00, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,(%r13,%r12,8)", 9, { 0x4b, 0xc7, 0x44, 0xe5, 0x00, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,(%r12,%r15,4)", 8, { 0x43, 0xc7, 0x04, 0xbc, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,(%r12,%r15,4)", 8, { 0x4b, 0xc7, 0x04, 0xbc, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,(%rdi,%r8,2)", 8, { 0x42, 0xc7, 0x04, 0x47, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,(%rdi,%r8,2)", 8, { 0x4a, 0xc7, 0x04, 0x47, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,(,%rcx,4)", 11, { 0xc7, 0x04, 0x8d, 0x00, 0x00, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,(,%rcx,4)", 12, { 0x48, 0xc7, 0x04, 0x8d, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,foo(%rip)", 10, { 0xc7, 0x05, 0x00, 0x00, 0x00, 0x00, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,foo(%rip)", 11, { 0x48, 0xc7, 0x05, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff } },
	{ "movl $0x12345678,%fs:(%rax)", 7, { 0x64, 0xc7, 0x00, 0x78, 0x56, 0x34, 0x12 } },
	{ "movq $-1,%fs:(%rax)", 8, { 0x64, 0x48, 0xc7, 0x00, 0xff, 0xff, 0xff, 0xff } },
	{ "movw $0x1234,(%rbx)", 5, { 0x66, 0xc7, 0x03, 0x34, 0x12 } },
	{ "movb $0x12,(%rbx)", 3, { 0xc6, 0x03, 0x12 } },
	{ "movzbl (%rbx),%eax", 3, { 0x0f, 0xb6, 0x03 } },
	{ "movzwq (%rbx),%r9", 4, { 0x4c, 0x0f, 0xb7, 0x0b } },
	{ "movsbw (%rbx),%dx", 4, { 0x66, 0x0f, 0xbe, 0x13 } },
	{ "movswl (%rbx),%r15d", 4, { 0x44, 0x0f, 0xbf, 0x3b } },
	{ "movsbq (%rbx),%rsi", 4, { 0x48, 0x0f, 0xbe, 0x33 } },
	{ "movw $0x1234,(%r10)", 6, { 0x66, 0x41, 0xc7, 0x02, 0x34, 0x12 } },
	{ "movb $0x12,(%r10)", 4, { 0x41, 0xc6, 0x02, 0x12 } },
	{ "movzbl (%r10),%eax", 4, { 0x41, 0x0f, 0xb6, 0x02 } },
	{ "movzwq (%r10),%r9", 4, { 0x4d, 0x0f, 0xb7, 0x0a } },
	{ "movsbw (%r10),%dx", 5, { 0x66, 0x41, 0x0f, 0xbe, 0x12 } },
	{ "movswl (%r10),%r15d", 4, { 0x45, 0x0f, 0xbf, 0x3a } },
	{ "movsbq (%r10),%rsi", 4, { 0x49, 0x0f, 0xbe, 0x32 } },
	{ "movw $0x1234,-8(%rax)", 6, { 0x66, 0xc7, 0x40, 0xf8, 0x34, 0x12 } },
	{ "movb $0x12,-8(%rax)", 4, { 0xc6, 0x40, 0xf8, 0x12 } },
	{ "movzbl -8(%rax),%eax", 4, { 0x0f, 0xb6, 0x40, 0xf8 } },
	{ "movzwq -8(%rax),%r9", 5, { 0x4c, 0x0f, 0xb7, 0x48, 0xf8 } },
	{ "movsbw -8(%rax),%dx", 5, { 0x66, 0x0f, 0xbe, 0x50, 0xf8 } },
	{ "movswl -8(%rax),%r15d", 5, { 0x44, 0x0f, 0xbf, 0x78, 0xf8 } },
	{ "movsbq -8(%rax),%rsi", 5, { 0x48, 0x0f, 0xbe, 0x70, 0xf8 } },
	{ "movw $0x1234,-8(%rsp)", 7, { 0x66, 0xc7, 0x44, 0x24, 0xf8, 0x34, 0x12 } },
	{ "movb $0x12,-8(%rsp)", 5, { 0xc6, 0x44, 0x24, 0xf8, 0x12 } },
	{ "movzbl -8(%rsp),%eax", 5, { 0x0f, 0xb6, 0x44, 0x24, 0xf8 } },
	{ "movzwq -8(%rsp),%r9", 6, { 0x4c, 0x0f, 0xb7, 0x4c, 0x24, 0xf8 } },
	{ "movsbw -8(%rsp),%dx", 6, { 0x66, 0x0f, 0xbe, 0x54, 0x24, 0xf8 } },
	{ "movswl -8(%rsp),%r15d", 6, { 0x44, 0x0f, 0xbf, 0x7c, 0x24, 0xf8 } },
	{ "movsbq -8(%rsp),%rsi", 6, { 0x48, 0x0f, 0xbe, 0x74, 0x24, 0xf8 } },
	{ "movw $0x1234,-8(%rbp)", 6, { 0x66, 0xc7, 0x45, 0xf8, 0x34, 0x12 } },
	{ "movb $0x12,-8(%rbp)", 4, { 0xc6, 0x45, 0xf8, 0x12 } },
	{ "movzbl -8(%rbp),%eax", 4, { 0x0f, 0xb6, 0x45, 0xf8 } },
	{ "movzwq -8(%rbp),%r9", 5, { 0x4c, 0x0f, 0xb7, 0x4d, 0xf8 } },
	{ "movsbw -8(%rbp),%dx", 5, { 0x66, 0x0f, 0xbe, 0x55, 0xf8 } },
	{ "movswl -8(%rbp),%r15d", 5, { 0x44, 0x0f, 0xbf, 0x7d, 0xf8 } },
	{ "movsbq -8(%rbp),%rsi", 5, { 0x48, 0x0f, 0xbe, 0x75, 0xf8 } },
	{ "movw $0x1234,-8(%r12)", 8, { 0x66, 0x41, 0xc7, 0x44, 0x24, 0xf8, 0x34, 0x12 } },
	{ "movb $0x12,-8(%r12)", 6, { 0x41, 0xc6, 0x44, 0x24, 0xf8, 0x12 } },
	{ "movzbl -8(%r12),%eax", 6, { 0x41, 0x0f, 0xb6, 0x44, 0x24, 0xf8 } },
	{ "movzwq -8(%r12),%r9", 6, { 0x4d, 0x0f, 0xb7, 0x4c, 0x24, 0xf8 } },
	{ "movsbw -8(%r12),%dx", 7, { 0x66, 0x41, 0x0f, 0xbe, 0x54, 0x24, 0xf8 } },
	{ "movswl -8(%r12),%r15d", 6, { 0x45, 0x0f, 0xbf, 0x7c, 0x24, 0xf8 } },
	{ "movsbq -8(%r12),%rsi", 6, { 0x49, 0x0f, 0xbe, 0x74, 0x24, 0xf8 } },
	{ "movw $0x1234,-8(%r13)", 7, { 0x66, 0x41, 0xc7, 0x45, 0xf8, 0x34, 0x12 } },
	{ "movb $0x12,-8(%r13)", 5, { 0x41, 0xc6, 0x45, 0xf8, 0x12 } },
	{ "movzbl -8(%r13),%eax", 5, { 0x41, 0x0f, 0xb6, 0x45, 0xf8 } },
	{ "movzwq -8(%r13),%r9", 5, { 0x4d, 0x0f, 0xb7, 0x4d, 0xf8 } },
	{ "movsbw -8(%r13),%dx", 6, { 0x66, 0x41, 0x0f, 0xbe, 0x55, 0xf8 } },
	{ "movswl -8(%r13),%r15d", 5, { 0x45, 0x0f, 0xbf, 0x7d, 0xf8 } },
	{ "movsbq -8(%r13),%rsi", 5, { 0x49, 0x0f, 0xbe, 0x75, 0xf8 } },
	{ "movw $0x1234,(%rax,%rcx,2)", 6, { 0x66, 0xc7, 0x04, 0x48, 0x34, 0x12 } },
	{ "movb $0x12,(%rax,%rcx,2)", 4, { 0xc6, 0x04, 0x48, 0x12 } },
	{ "movzbl (%rax,%rcx,2),%eax", 4, { 0x0f, 0xb6, 0x04, 0x48 } },
	{ "movzwq (%rax,%rcx,2),%r9", 5, { 0x4c, 0x0f, 0xb7, 0x0c, 0x48 } },
	{ "movsbw (%rax,%rcx,2),%dx", 5, { 0x66, 0x0f, 0xbe, 0x14, 0x48 } },
	{ "movswl (%rax,%rcx,2),%r15d", 5, { 0x44, 0x0f, 0xbf, 0x3c, 0x48 } },
	{ "movsbq (%rax,%rcx,2),%rsi", 5, { 0x48, 0x0f, 0xbe, 0x34, 0x48 } },
	{ "movw $0x1234,(%rsp,%rbp,4)", 6, { 0x66, 0xc7, 0x04, 0xac, 0x34, 0x12 } },
	{ "movb $0x12,(%rsp,%rbp,4)", 4, { 0xc6, 0x04, 0xac, 0x12 } },
	{ "movzbl (%rsp,%rbp,4),%eax", 4, { 0x0f, 0xb6, 0x04, 0xac } },
	{ "movzwq (%rsp,%rbp,4),%r9", 5, { 0x4c, 0x0f, 0xb7, 0x0c, 0xac } },
	{ "movsbw (%rsp,%rbp,4),%dx", 5, { 0x66, 0x0f, 0xbe, 0x14, 0xac } },
	{ "movswl (%rsp,%rbp,4),%r15d", 5, { 0x44, 0x0f, 0xbf, 0x3c, 0xac } },
	{ "movsbq (%rsp,%rbp,4),%rsi", 5, { 0x48, 0x0f, 0xbe, 0x34, 0xac } },
	{ "movw $0x1234,(%rbp,%rax,8)", 7, { 0x66, 0xc7, 0x44, 0xc5, 0x00, 0x34, 0x12 } },
	{ "movb $0x12,(%rbp,%rax,8)", 5, { 0xc6, 0x44, 0xc5, 0x00, 0x12 } },
	{ "movzbl (%rbp,%rax,8),%eax", 5, { 0x0f, 0xb6, 0x44, 0xc5, 0x00 } },
	{ "movzwq (%rbp,%rax,8),%r9", 6, { 0x4c, 0x0f, 0xb7, 0x4c, 0xc5, 0x00 } },
	{ "movsbw (%rbp,%rax,8),%dx", 6, { 0x66, 0x0f, 0xbe, 0x54, 0xc5, 0x00 } },
	{ "movswl (%rbp,%rax,8),%r15d", 6, { 0x44, 0x0f, 0xbf, 0x7c, 0xc5, 0x00 } },
	{ "movsbq (%rbp,%rax,8),%rsi", 6, { 0x48, 0x0f, 0xbe, 0x74, 0xc5, 0x00 } },
	{ "movw $0x1234,0x10(%r13,%r12,4)", 8, { 0x66, 0x43, 0xc7, 0x44, 0xa5, 0x10, 0x34, 0x12 } },
	{ "movb $0x12,0x10(%r13,%r12,4)", 6, { 0x43, 0xc6, 0x44, 0xa5, 0x10, 0x12 } },
	{ "movzbl 0x10(%r13,%r12,4),%eax", 6, { 0x43, 0x0f, 0xb6, 0x44, 0xa5, 0x10 } },
	{ "movzwq 0x10(%r13,%r12,4),%r9", 6, { 0x4f, 0x0f, 0xb7, 0x4c, 0xa5, 0x10 } },
	{ "movsbw 0x10(%r13,%r12,4),%dx", 7, { 0x66, 0x43, 0x0f, 0xbe, 0x54, 0xa5, 0x10 } },
	{ "movswl 0x10(%r13,%r12,4),%r15d", 6, { 0x47, 0x0f, 0xbf, 0x7c, 0xa5, 0x10 } },
	{ "movsbq 0x10(%r13,%r12,4),%rsi", 6, { 0x4b, 0x0f, 0xbe, 0x74, 0xa5, 0x10 } },
	{ "movw $0x1234,0x1000(%r12,%r15,8)", 11, { 0x66, 0x43, 0xc7, 0x84, 0xfc, 0x00, 0x10, 0x00, 0x00, 0x34, 0x12 } },
	{ "movb $0x12,0x1000(%r12,%r15,8)", 9, { 0x43, 0xc6, 0x84, 0xfc, 0x00, 0x10, 0x00, 0x00, 0x12 } },
	{ "movzbl 0x1000(%r12,%r15,8),%eax", 9, { 0x43, 0x0f, 0xb6, 0x84, 0xfc, 0x00, 0x10, 0x00, 0x00 } },
	{ "movzwq 0x1000(%r12,%r15,8),%r9", 9, { 0x4f, 0x0f, 0xb7, 0x8c, 0xfc, 0x00, 0x10, 0x00, 0x00 } },
	{ "movsbw 0x1000(%r12,%r15,8),%dx", 10, { 0x66, 0x43, 0x0f, 0xbe, 0x94, 0xfc, 0x00, 0x10, 0x00, 0x00 } },
	{ "movswl 0x1000(%r12,%r15,8),%r15d", 9, { 0x47, 0x0f, 0xbf, 0xbc, 0xfc, 0x00, 0x10, 0x00, 0x00 } },
	{ "movsbq 0x1000(%r12,%r15,8),%rsi", 9, { 0x4b, 0x0f, 0xbe, 0xb4, 0xfc, 0x00, 0x10, 0x00, 0x00 } },
	{ "movw $0x1234,(,%rcx,4)", 10, { 0x66, 0xc7, 0x04, 0x8d, 0x00, 0x00, 0x00, 0x00, 0x34, 0x12 } },
	{ "movb $0x12,(,%rcx,4)", 8, { 0xc6, 0x04, 0x8d, 0x00, 0x00, 0x00, 0x00, 0x12 } },
	{ "movzbl (,%rcx,4),%eax", 8, { 0x0f, 0xb6, 0x04, 0x8d, 0x00, 0x00, 0x00, 0x00 } },
	{ "movzwq (,%rcx,4),%r9", 9, { 0x4c, 0x0f, 0xb7, 0x0c, 0x8d, 0x00, 0x00, 0x00, 0x00 } },
	{ "movsbw (,%rcx,4),%dx", 9, { 0x66, 0x0f, 0xbe, 0x14, 0x8d, 0x00, 0x00, 0x00, 0x00 } },
	{ "movswl (,%rcx,4),%r15d", 9, { 0x44, 0x0f, 0xbf, 0x3c, 0x8d, 0x00, 0x00, 0x00, 0x00 } },
	{ "movsbq (,%rcx,4),%rsi", 9, { 0x48, 0x0f, 0xbe, 0x34, 0x8d, 0x00, 0x00, 0x00, 0x00 } },
	{ "movw $0x1234,-0x10(%rip)", 9, { 0x66, 0xc7, 0x05, 0xf0, 0xff, 0xff, 0xff, 0x34, 0x12 } },
	{ "movb $0x12,-0x10(%rip)", 7, { 0xc6, 0x05, 0xf0, 0xff, 0xff, 0xff, 0x12 } },
	{ "movzbl -0x10(%rip),%eax", 7, { 0x0f, 0xb6, 0x05, 0xf0, 0xff, 0xff, 0xff } },
	{ "movzwq -0x10(%rip),%r9", 8, { 0x4c, 0x0f, 0xb7, 0x0d, 0xf0, 0xff, 0xff, 0xff } },
	{ "movsbw -0x10(%rip),%dx", 8, { 0x66, 0x0f, 0xbe, 0x15, 0xf0, 0xff, 0xff, 0xff } },
	{ "movswl -0x10(%rip),%r15d", 8, { 0x44, 0x0f, 0xbf, 0x3d, 0xf0, 0xff, 0xff, 0xff } },
	{ "movsbq -0x10(%rip),%rsi", 8, { 0x48, 0x0f, 0xbe, 0x35, 0xf0, 0xff, 0xff, 0xff } },
	{ "mov %al,(%rax)", 2, { 0x88, 0x00 } },
	{ "mov (%rbx),%al", 2, { 0x8a, 0x03 } },
	{ "mov %cl,(%rax)", 2, { 0x88, 0x08 } },
	{ "mov (%rbx),%cl", 2, { 0x8a, 0x0b } },
	{ "mov %dl,(%rax)", 2, { 0x88, 0x10 } },
	{ "mov (%rbx),%dl", 2, { 0x8a, 0x13 } },
	{ "mov %bl,(%rax)", 2, { 0x88, 0x18 } },
	{ "mov (%rbx),%bl", 2, { 0x8a, 0x1b } },
	{ "mov %ah,(%rax)", 2, { 0x88, 0x20 } },
	{ "mov (%rbx),%ah", 2, { 0x8a, 0x23 } },
	{ "mov %ch,(%rax)", 2, { 0x88, 0x28 } },
	{ "mov (%rbx),%ch", 2, { 0x8a, 0x2b } },
	{ "mov %dh,(%rax)", 2, { 0x88, 0x30 } },
	{ "mov (%rbx),%dh", 2, { 0x8a, 0x33 } },
	{ "mov %bh,(%rax)", 2, { 0x88, 0x38 } },
	{ "mov (%rbx),%bh", 2, { 0x8a, 0x3b } },
	{ "mov %spl,(%rax)", 3, { 0x40, 0x88, 0x20 } },
	{ "mov (%rbx),%spl", 3, { 0x40, 0x8a, 0x23 } },
	{ "mov %bpl,(%rax)", 3, { 0x40, 0x88, 0x28 } },
	{ "mov (%rbx),%bpl", 3, { 0x40, 0x8a, 0x2b } },
	{ "mov %sil,(%rax)", 3, { 0x40, 0x88, 0x30 } },
	{ "mov (%rbx),%sil", 3, { 0x40, 0x8a, 0x33 } },
	{ "mov %dil,(%rax)", 3, { 0x40, 0x88, 0x38 } },
	{ "mov (%rbx),%dil", 3, { 0x40, 0x8a, 0x3b } },
	{ "mov %r8b,(%rax)", 3, { 0x44, 0x88, 0x00 } },
	{ "mov (%rbx),%r8b", 3, { 0x44, 0x8a, 0x03 } },
	{ "mov %r12b,(%rax)", 3, { 0x44, 0x88, 0x20 } },
	{ "mov (%rbx),%r12b", 3, { 0x44, 0x8a, 0x23 } },
	{ "mov %r15b,(%rax)", 3, { 0x44, 0x88, 0x38 } },
	{ "mov (%rbx),%r15b", 3, { 0x44, 0x8a, 0x3b } },
	{ "mov %ax,(%rdx)", 3, { 0x66, 0x89, 0x02 } },
	{ "mov %cx,(%rdx)", 3, { 0x66, 0x89, 0x0a } },
	{ "mov %dx,(%rdx)", 3, { 0x66, 0x89, 0x12 } },
	{ "mov %bx,(%rdx)", 3, { 0x66, 0x89, 0x1a } },
	{ "mov %sp,(%rdx)", 3, { 0x66, 0x89, 0x22 } },
	{ "mov %bp,(%rdx)", 3, { 0x66, 0x89, 0x2a } },
	{ "mov %si,(%rdx)", 3, { 0x66, 0x89, 0x32 } },
	{ "mov %di,(%rdx)", 3, { 0x66, 0x89, 0x3a } },
	{ "mov %r8w,(%rdx)", 4, { 0x66, 0x44, 0x89, 0x02 } },
	{ "mov %r15w,(%rdx)", 4, { 0x66, 0x44, 0x89, 0x3a } },
	{ "mov %al,%ah", 2, { 0x88, 0xc4 } },
	{ "mov %ah,%al", 2, { 0x88, 0xe0 } },
	{ "mov %bh,%ch", 2, { 0x88, 0xfd } },
	{ "mov %spl,%al", 3, { 0x40, 0x88, 0xe0 } },
	{ "mov %r8b,%sil", 3, { 0x44, 0x88, 0xc6 } },
	{ "mov %eax,%ecx", 2, { 0x89, 0xc1 } },
	{ "mov %r8,%r15", 3, { 0x4d, 0x89, 0xc7 } },
	{ "mov %rsp,%rbp", 3, { 0x48, 0x89, 0xe5 } },
	{ "mov %r12d,%eax", 3, { 0x44, 0x89, 0xe0 } },
	{ "movzbl %ah,%eax", 3, { 0x0f, 0xb6, 0xc4 } },
	{ "movzbl %spl,%eax", 4, { 0x40, 0x0f, 0xb6, 0xc4 } },
	{ "movzwl %cx,%r8d", 4, { 0x44, 0x0f, 0xb7, 0xc1 } },
	{ "movsbl %bh,%edx", 3, { 0x0f, 0xbe, 0xd7 } },
	{ "movswq %r9w,%rax", 4, { 0x49, 0x0f, 0xbf, 0xc1 } },
	{ "movsb", 1, { 0xa4 } },
	{ "movsw", 2, { 0x66, 0xa5 } },
	{ "movsl", 1, { 0xa5 } },
	{ "movsq", 2, { 0x48, 0xa5 } },
	{ "rep movsb", 2, { 0xf3, 0xa4 } },
	{ "rep movsq", 3, { 0xf3, 0x48, 0xa5 } },
	{ "repne movsb", 2, { 0xf2, 0xa4 } },
	{ "addr32 movsb", 2, { 0x67, 0xa4 } },
	{ "fs movsb", 2, { 0x64, 0xa4 } },
	{ "rep fs movsl", 3, { 0x64, 0xf3, 0xa5 } },
	{ "insb", 1, { 0x6c } },
	{ "insw", 2, { 0x66, 0x6d } },
	{ "insl", 1, { 0x6d } },
	{ "outsb", 1, { 0x6e } },
	{ "outsw", 2, { 0x66, 0x6f } },
	{ "outsl", 1, { 0x6f } },
	{ "rep insb", 2, { 0xf3, 0x6c } },
	{ "rep outsw", 3, { 0x66, 0xf3, 0x6f } },
	{ "addr32 rep insl", 3, { 0x67, 0xf3, 0x6d } },
	{ "fs outsb", 2, { 0x64, 0x6e } },
	{ "in $0x80,%al", 2, { 0xe4, 0x80 } },
	{ "in $0x60,%ax", 3, { 0x66, 0xe5, 0x60 } },
	{ "in $0xff,%eax", 2, { 0xe5, 0xff } },
	{ "out %al,$0x70", 2, { 0xe6, 0x70 } },
	{ "out %ax,$0x71", 3, { 0x66, 0xe7, 0x71 } },
	{ "out %eax,$0xff", 2, { 0xe7, 0xff } },
	{ "in (%dx),%al", 1, { 0xec } },
	{ "in (%dx),%ax", 2, { 0x66, 0xed } },
	{ "in (%dx),%eax", 1, { 0xed } },
	{ "out %al,(%dx)", 1, { 0xee } },
	{ "out %ax,(%dx)", 2, { 0x66, 0xef } },
	{ "out %eax,(%dx)", 1, { 0xef } },
	{ "cpuid", 2, { 0x0f, 0xa2 } },
	{ "rdmsr", 2, { 0x0f, 0x32 } },
	{ "wrmsr", 2, { 0x0f, 0x30 } },
	{ "rdtsc", 2, { 0x0f, 0x31 } },
	{ "rdtscp", 3, { 0x0f, 0x01, 0xf9 } },
	{ "rdpmc", 2, { 0x0f, 0x33 } },
	{ "wbinvd", 2, { 0x0f, 0x09 } },
	{ "invd", 2, { 0x0f, 0x08 } },
	{ "vmmcall", 3, { 0x0f, 0x01, 0xd9 } },
	{ "monitor", 3, { 0x0f, 0x01, 0xc8 } },
	{ "mwait", 3, { 0x0f, 0x01, 0xc9 } },
	{ "monitorx", 3, { 0x0f, 0x01, 0xfa } },
	{ "mwaitx", 3, { 0x0f, 0x01, 0xfb } },
	{ "monitor %rax,%ecx,%edx", 3, { 0x0f, 0x01, 0xc8 } },
	{ "mwait %eax,%ecx", 3, { 0x0f, 0x01, 0xc9 } },
	{ "mov %db7,%rax", 3, { 0x0f, 0x21, 0xf8 } },
	{ "mov %rax,%db7", 3, { 0x0f, 0x23, 0xf8 } },
	{ "mov %db7,%r9", 4, { 0x41, 0x0f, 0x21, 0xf9 } },
	{ "mov %r15,%db7", 4, { 0x41, 0x0f, 0x23, 0xff } },
	{ "mov %db0,%rcx", 3, { 0x0f, 0x21, 0xc1 } },
	{ "mov %rdx,%db6", 3, { 0x0f, 0x23, 0xf2 } },
	{ "rex.W cpuid", 3, { 0x48, 0x0f, 0xa2 } },
	{ "data16 mov %eax,(%rax)", 3, { 0x66, 0x89, 0x00 } },
	{ "addr32 mov (%eax),%eax", 3, { 0x67, 0x8b, 0x00 } },
	{ "addr32 mov (%r8d,%r9d,2),%eax", 5, { 0x67, 0x43, 0x8b, 0x04, 0x48 } },
};
static const struct asm_case asm32_cases[] = {
	{ "mov %ecx,(%eax)", 2, { 0x89, 0x08 } },
	{ "mov (%eax),%dl", 2, { 0x8a, 0x10 } },
	{ "mov %ecx,(%esp)", 3, { 0x89, 0x0c, 0x24 } },
	{ "mov (%esp),%dl", 3, { 0x8a, 0x14, 0x24 } },
	{ "mov %ecx,(%ebp)", 3, { 0x89, 0x4d, 0x00 } },
	{ "mov (%ebp),%dl", 3, { 0x8a, 0x55, 0x00 } },
	{ "mov %ecx,8(%ebp)", 3, { 0x89, 0x4d, 0x08 } },
	{ "mov 8(%ebp),%dl", 3, { 0x8a, 0x55, 0x08 } },
	{ "mov %ecx,-8(%esp)", 4, { 0x89, 0x4c, 0x24, 0xf8 } },
	{ "mov -8(%esp),%dl", 4, { 0x8a, 0x54, 0x24, 0xf8 } },
	{ "mov %ecx,0x12345678(%ecx)", 6, { 0x89, 0x89, 0x78, 0x56, 0x34, 0x12 } },
	{ "mov 0x12345678(%ecx),%dl", 6, { 0x8a, 0x91, 0x78, 0x56, 0x34, 0x12 } },
	{ "mov %ecx,(%eax,%ebx,4)", 3, { 0x89, 0x0c, 0x98 } },
	{ "mov (%eax,%ebx,4),%dl", 3, { 0x8a, 0x14, 0x98 } },
	{ "mov %ecx,0x10(,%esi,8)", 7, { 0x89, 0x0c, 0xf5, 0x10, 0x00, 0x00, 0x00 } },
	{ "mov 0x10(,%esi,8),%dl", 7, { 0x8a, 0x14, 0xf5, 0x10, 0x00, 0x00, 0x00 } },
	{ "mov %ecx,0x1000(%edi,%edx,2)", 7, { 0x89, 0x8c, 0x57, 0x00, 0x10, 0x00, 0x00 } },
	{ "mov 0x1000(%edi,%edx,2),%dl", 7, { 0x8a, 0x94, 0x57, 0x00, 0x10, 0x00, 0x00 } },
	{ "mov %ecx,%fs:(%eax)", 3, { 0x64, 0x89, 0x08 } },
	{ "mov %fs:(%eax),%dl", 3, { 0x64, 0x8a, 0x10 } },
	{ "mov %ecx,%gs:0x10(%ebx)", 4, { 0x65, 0x89, 0x4b, 0x10 } },
	{ "mov %gs:0x10(%ebx),%dl", 4, { 0x65, 0x8a, 0x53, 0x10 } },
	{ "mov %ecx,%es:(%edi)", 3, { 0x26, 0x89, 0x0f } },
	{ "mov %es:(%edi),%dl", 3, { 0x26, 0x8a, 0x17 } },
	{ "mov %ecx,%ss:(%esi)", 3, { 0x36, 0x89, 0x0e } },
	{ "mov %ss:(%esi),%dl", 3, { 0x36, 0x8a, 0x16 } },
	{ "mov %ecx,%cs:(%ebx)", 3, { 0x2e, 0x89, 0x0b } },
	{ "mov %cs:(%ebx),%dl", 3, { 0x2e, 0x8a, 0x13 } },
	{ "mov %ecx,%ds:(%ebp)", 4, { 0x3e, 0x89, 0x4d, 0x00 } },
	{ "mov %ds:(%ebp),%dl", 4, { 0x3e, 0x8a, 0x55, 0x00 } },
	{ "mov %ecx,(%bx,%si)", 3, { 0x67, 0x89, 0x08 } },
	{ "mov (%bx,%si),%dl", 3, { 0x67, 0x8a, 0x10 } },
	{ "mov %ecx,(%bx,%di)", 3, { 0x67, 0x89, 0x09 } },
	{ "mov (%bx,%di),%dl", 3, { 0x67, 0x8a, 0x11 } },
	{ "mov %ecx,(%bp,%si)", 3, { 0x67, 0x89, 0x0a } },
	{ "mov (%bp,%si),%dl", 3, { 0x67, 0x8a, 0x12 } },
	{ "mov %ecx,(%bp,%di)", 3, { 0x67, 0x89, 0x0b } },
	{ "mov (%bp,%di),%dl", 3, { 0x67, 0x8a, 0x13 } },
	{ "mov %ecx,(%si)", 3, { 0x67, 0x89, 0x0c } },
	{ "mov (%si),%dl", 3, { 0x67, 0x8a, 0x14 } },
	{ "mov %ecx,(%di)", 3, { 0x67, 0x89, 0x0d } },
	{ "mov (%di),%dl", 3, { 0x67, 0x8a, 0x15 } },
	{ "mov %ecx,0x10(%bp)", 4, { 0x67, 0x89, 0x4e, 0x10 } },
	{ "mov 0x10(%bp),%dl", 4, { 0x67, 0x8a, 0x56, 0x10 } },
	{ "mov %ecx,(%bx)", 3, { 0x67, 0x89, 0x0f } },
	{ "mov (%bx),%dl", 3, { 0x67, 0x8a, 0x17 } },
	{ "mov %ecx,-2(%bp)", 4, { 0x67, 0x89, 0x4e, 0xfe } },
	{ "mov -2(%bp),%dl", 4, { 0x67, 0x8a, 0x56, 0xfe } },
	{ "mov %ecx,0x1234(%bx,%si)", 5, { 0x67, 0x89, 0x88, 0x34, 0x12 } },
	{ "mov 0x1234(%bx,%si),%dl", 5, { 0x67, 0x8a, 0x90, 0x34, 0x12 } },
	{ "mov %ecx,0x7f(%si)", 4, { 0x67, 0x89, 0x4c, 0x7f } },
	{ "mov 0x7f(%si),%dl", 4, { 0x67, 0x8a, 0x54, 0x7f } },
	{ "movl $0x1234,(%eax)", 6, { 0xc7, 0x00, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,(%eax)", 5, { 0x66, 0xc7, 0x00, 0x34, 0x12 } },
	{ "movzwl (%eax),%eax", 3, { 0x0f, 0xb7, 0x00 } },
	{ "movsbw (%eax),%ax", 4, { 0x66, 0x0f, 0xbe, 0x00 } },
	{ "movl $0x1234,(%ebp)", 7, { 0xc7, 0x45, 0x00, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,(%ebp)", 6, { 0x66, 0xc7, 0x45, 0x00, 0x34, 0x12 } },
	{ "movzwl (%ebp),%eax", 4, { 0x0f, 0xb7, 0x45, 0x00 } },
	{ "movsbw (%ebp),%ax", 5, { 0x66, 0x0f, 0xbe, 0x45, 0x00 } },
	{ "movl $0x1234,-8(%esp)", 8, { 0xc7, 0x44, 0x24, 0xf8, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,-8(%esp)", 7, { 0x66, 0xc7, 0x44, 0x24, 0xf8, 0x34, 0x12 } },
	{ "movzwl -8(%esp),%eax", 5, { 0x0f, 0xb7, 0x44, 0x24, 0xf8 } },
	{ "movsbw -8(%esp),%ax", 6, { 0x66, 0x0f, 0xbe, 0x44, 0x24, 0xf8 } },
	{ "movl $0x1234,(%eax,%ebx,4)", 7, { 0xc7, 0x04, 0x98, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,(%eax,%ebx,4)", 6, { 0x66, 0xc7, 0x04, 0x98, 0x34, 0x12 } },
	{ "movzwl (%eax,%ebx,4),%eax", 4, { 0x0f, 0xb7, 0x04, 0x98 } },
	{ "movsbw (%eax,%ebx,4),%ax", 5, { 0x66, 0x0f, 0xbe, 0x04, 0x98 } },
	{ "movl $0x1234,0x1000(%edi,%edx,2)", 11, { 0xc7, 0x84, 0x57, 0x00, 0x10, 0x00, 0x00, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,0x1000(%edi,%edx,2)", 10, { 0x66, 0xc7, 0x84, 0x57, 0x00, 0x10, 0x00, 0x00, 0x34, 0x12 } },
	{ "movzwl 0x1000(%edi,%edx,2),%eax", 8, { 0x0f, 0xb7, 0x84, 0x57, 0x00, 0x10, 0x00, 0x00 } },
	{ "movsbw 0x1000(%edi,%edx,2),%ax", 9, { 0x66, 0x0f, 0xbe, 0x84, 0x57, 0x00, 0x10, 0x00, 0x00 } },
	{ "movl $0x1234,%gs:0x10(%ebx)", 8, { 0x65, 0xc7, 0x43, 0x10, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,%gs:0x10(%ebx)", 7, { 0x65, 0x66, 0xc7, 0x43, 0x10, 0x34, 0x12 } },
	{ "movzwl %gs:0x10(%ebx),%eax", 5, { 0x65, 0x0f, 0xb7, 0x43, 0x10 } },
	{ "movsbw %gs:0x10(%ebx),%ax", 6, { 0x65, 0x66, 0x0f, 0xbe, 0x43, 0x10 } },
	{ "movl $0x1234,%ss:(%esi)", 7, { 0x36, 0xc7, 0x06, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,%ss:(%esi)", 6, { 0x36, 0x66, 0xc7, 0x06, 0x34, 0x12 } },
	{ "movzwl %ss:(%esi),%eax", 4, { 0x36, 0x0f, 0xb7, 0x06 } },
	{ "movsbw %ss:(%esi),%ax", 5, { 0x36, 0x66, 0x0f, 0xbe, 0x06 } },
	{ "movl $0x1234,%ds:(%ebp)", 8, { 0x3e, 0xc7, 0x45, 0x00, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,%ds:(%ebp)", 7, { 0x3e, 0x66, 0xc7, 0x45, 0x00, 0x34, 0x12 } },
	{ "movzwl %ds:(%ebp),%eax", 5, { 0x3e, 0x0f, 0xb7, 0x45, 0x00 } },
	{ "movsbw %ds:(%ebp),%ax", 6, { 0x3e, 0x66, 0x0f, 0xbe, 0x45, 0x00 } },
	{ "movl $0x1234,(%bx,%di)", 7, { 0x67, 0xc7, 0x01, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,(%bx,%di)", 6, { 0x67, 0x66, 0xc7, 0x01, 0x34, 0x12 } },
	{ "movzwl (%bx,%di),%eax", 4, { 0x67, 0x0f, 0xb7, 0x01 } },
	{ "movsbw (%bx,%di),%ax", 5, { 0x67, 0x66, 0x0f, 0xbe, 0x01 } },
	{ "movl $0x1234,(%bp,%di)", 7, { 0x67, 0xc7, 0x03, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,(%bp,%di)", 6, { 0x67, 0x66, 0xc7, 0x03, 0x34, 0x12 } },
	{ "movzwl (%bp,%di),%eax", 4, { 0x67, 0x0f, 0xb7, 0x03 } },
	{ "movsbw (%bp,%di),%ax", 5, { 0x67, 0x66, 0x0f, 0xbe, 0x03 } },
	{ "movl $0x1234,(%di)", 7, { 0x67, 0xc7, 0x05, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,(%di)", 6, { 0x67, 0x66, 0xc7, 0x05, 0x34, 0x12 } },
	{ "movzwl (%di),%eax", 4, { 0x67, 0x0f, 0xb7, 0x05 } },
	{ "movsbw (%di),%ax", 5, { 0x67, 0x66, 0x0f, 0xbe, 0x05 } },
	{ "movl $0x1234,(%bx)", 7, { 0x67, 0xc7, 0x07, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,(%bx)", 6, { 0x67, 0x66, 0xc7, 0x07, 0x34, 0x12 } },
	{ "movzwl (%bx),%eax", 4, { 0x67, 0x0f, 0xb7, 0x07 } },
	{ "movsbw (%bx),%ax", 5, { 0x67, 0x66, 0x0f, 0xbe, 0x07 } },
	{ "movl $0x1234,0x1234(%bx,%si)", 9, { 0x67, 0xc7, 0x80, 0x34, 0x12, 0x34, 0x12, 0x00, 0x00 } },
	{ "movw $0x1234,0x1234(%bx,%si)", 8, { 0x67, 0x66, 0xc7, 0x80, 0x34, 0x12, 0x34, 0x12 } },
	{ "movzwl 0x1234(%bx,%si),%eax", 6, { 0x67, 0x0f, 0xb7, 0x80, 0x34, 0x12 } },
	{ "movsbw 0x1234(%bx,%si),%ax", 7, { 0x67, 0x66, 0x0f, 0xbe, 0x80, 0x34, 0x12 } },
	{ "movsb", 1, { 0xa4 } },
	{ "movsw", 2, { 0x66, 0xa5 } },
	{ "movsl", 1, { 0xa5 } },
	{ "rep movsb", 2, { 0xf3, 0xa4 } },
	{ "addr16 movsl", 2, { 0x67, 0xa5 } },
	{ "insb", 1, { 0x6c } },
	{ "outsl", 1, { 0x6f } },
	{ "rep outsw", 3, { 0x66, 0xf3, 0x6f } },
	{ "in $0x80,%al", 2, { 0xe4, 0x80 } },
	{ "out %eax,(%dx)", 1, { 0xef } },
	{ "cpuid", 2, { 0x0f, 0xa2 } },
	{ "rdmsr", 2, { 0x0f, 0x32 } },
	{ "wrmsr", 2, { 0x0f, 0x30 } },
	{ "rdtsc", 2, { 0x0f, 0x31 } },
	{ "rdtscp", 3, { 0x0f, 0x01, 0xf9 } },
	{ "rdpmc", 2, { 0x0f, 0x33 } },
	{ "wbinvd", 2, { 0x0f, 0x09 } },
	{ "vmmcall", 3, { 0x0f, 0x01, 0xd9 } },
	{ "monitor", 3, { 0x0f, 0x01, 0xc8 } },
	{ "mwaitx", 3, { 0x0f, 0x01, 0xfb } },
	{ "mov %db7,%eax", 3, { 0x0f, 0x21, 0xf8 } },
	{ "mov %ecx,%db7", 3, { 0x0f, 0x23, 0xf9 } },
	{ "data16 mov %eax,(%eax)", 3, { 0x66, 0x89, 0x00 } },
	{ "mov %ah,(%ebx)", 2, { 0x88, 0x23 } },
	{ "mov %bh,%al", 2, { 0x88, 0xf8 } },
	{ "movzbl %ch,%esi", 3, { 0x0f, 0xb6, 0xf5 } },
};

static bool check_asm(const struct asm_case *c, bool m32)
{
	struct coco_insn in;
	u8 buf[COCO_INSN_MAX_LEN];
	bool ok = true;
	int ret;

	ret = decode_exact(&in, c->b, c->len, m32);
	if (ret || in.length != c->len) {
		print_error("as: \"%s\" (%s): ret %d length %u, want %u\n",
			    c->src, m32 ? "32" : "64", ret, in.length, c->len);
		ok = false;
	}
	/* and with more bytes after it: the decoder finds the end itself */
	memset(buf, 0x0f, sizeof(buf));
	memcpy(buf, c->b, c->len);
	ret = coco_insn_decode(&in, buf, sizeof(buf), !m32);
	if (ret || in.length != c->len) {
		print_error("as+pad: \"%s\" (%s): ret %d length %u, want %u\n",
			    c->src, m32 ? "32" : "64", ret, in.length, c->len);
		ok = false;
	}
	return ok;
}

static void test_assembler_lengths(void **state)
{
	unsigned int i;
	bool ok = true;

	for (i = 0; i < ARRAY_SIZE(asm64_cases); i++)
		ok &= check_asm(&asm64_cases[i], false);
	for (i = 0; i < ARRAY_SIZE(asm32_cases); i++)
		ok &= check_asm(&asm32_cases[i], true);
	print_message("%u + %u assembler encodings\n",
		      (unsigned int)ARRAY_SIZE(asm64_cases),
		      (unsigned int)ARRAY_SIZE(asm32_cases));
	assert_true(ok);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_trailing_bytes),
		cmocka_unit_test(test_mem_addr),
		cmocka_unit_test(test_str_addr),
		cmocka_unit_test(test_reg_ptr),
		cmocka_unit_test(test_mmio),
		cmocka_unit_test(test_io),
		cmocka_unit_test(test_assembler_lengths),
	};

	return cmocka_run_group_tests_name("insn", tests, NULL, NULL);
}

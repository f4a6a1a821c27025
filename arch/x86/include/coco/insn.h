/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small x86 instruction decoder: exactly the instructions the SEV-ES/SNP
 * #VC handler has to emulate or check, nothing else.  It knows nothing of
 * the GHCB; it turns at most 15 bytes into prefixes, opcode, ModRM/SIB
 * addressing, displacement, immediate and operand/address sizes, and offers
 * the few helpers an emulator needs on top of that (effective address,
 * register operand, MMIO and port I/O classification).
 *
 * Encodings: Intel SDM vol. 2 chapter 2 and AMD APM vol. 3 chapter 1.
 */
#ifndef _COCO_X86_INSN_DECODE_H
#define _COCO_X86_INSN_DECODE_H

#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/types.h>

/* Not every errno set this builds against (early boot) carries ENODATA. */
#ifndef ENODATA
#define ENODATA			61
#endif

/* The architectural limit: a longer instruction raises #GP. */
#define COCO_INSN_MAX_LEN	15

/* Legacy prefixes seen, as bits of coco_insn.prefixes. */
#define COCO_INSN_PFX_OPSIZE	BIT(0)	/* 66 */
#define COCO_INSN_PFX_ADDRSIZE	BIT(1)	/* 67 */
#define COCO_INSN_PFX_LOCK	BIT(2)	/* F0 */
#define COCO_INSN_PFX_REPNE	BIT(3)	/* F2 */
#define COCO_INSN_PFX_REP	BIT(4)	/* F3 */
#define COCO_INSN_PFX_ES	BIT(5)	/* 26 */
#define COCO_INSN_PFX_CS	BIT(6)	/* 2E */
#define COCO_INSN_PFX_SS	BIT(7)	/* 36 */
#define COCO_INSN_PFX_DS	BIT(8)	/* 3E */
#define COCO_INSN_PFX_FS	BIT(9)	/* 64 */
#define COCO_INSN_PFX_GS	BIT(10)	/* 65 */

/* The REX prefix byte: 0100WRXB. */
#define COCO_INSN_REX_B		BIT(0)
#define COCO_INSN_REX_X		BIT(1)
#define COCO_INSN_REX_R		BIT(2)
#define COCO_INSN_REX_W		BIT(3)

/* Segment registers, numbered as in the architecture (and SVM exit info). */
#define COCO_INSN_SEG_ES	0
#define COCO_INSN_SEG_CS	1
#define COCO_INSN_SEG_SS	2
#define COCO_INSN_SEG_DS	3
#define COCO_INSN_SEG_FS	4
#define COCO_INSN_SEG_GS	5
#define COCO_INSN_SEG_NONE	7

/* General purpose registers, numbered as ModRM/SIB (+ REX) encode them. */
#define COCO_INSN_RAX		0
#define COCO_INSN_RCX		1
#define COCO_INSN_RDX		2
#define COCO_INSN_RBX		3
#define COCO_INSN_RSP		4
#define COCO_INSN_RBP		5
#define COCO_INSN_RSI		6
#define COCO_INSN_RDI		7
#define COCO_INSN_R8		8
#define COCO_INSN_R15		15
#define COCO_INSN_NR_GPRS	16
/* "No register" in coco_insn.ea_base / ea_index. */
#define COCO_INSN_NO_REG	0xff

/**
 * enum coco_insn_op - the instructions the decoder knows
 * @COCO_INSN_OP_NONE: nothing decoded
 * @COCO_INSN_OP_MOV_STORE: 88 / 89, MOV r/m, reg
 * @COCO_INSN_OP_MOV_LOAD: 8A / 8B, MOV reg, r/m
 * @COCO_INSN_OP_MOV_STORE_IMM: C6 /0 / C7 /0, MOV r/m, imm
 * @COCO_INSN_OP_MOVZX: 0F B6 / 0F B7
 * @COCO_INSN_OP_MOVSX: 0F BE / 0F BF
 * @COCO_INSN_OP_MOVS: A4 / A5
 * @COCO_INSN_OP_IN: E4 / E5 (port imm8), EC / ED (port DX)
 * @COCO_INSN_OP_OUT: E6 / E7 (port imm8), EE / EF (port DX)
 * @COCO_INSN_OP_INS: 6C / 6D
 * @COCO_INSN_OP_OUTS: 6E / 6F
 * @COCO_INSN_OP_CPUID: 0F A2
 * @COCO_INSN_OP_RDMSR: 0F 32
 * @COCO_INSN_OP_WRMSR: 0F 30
 * @COCO_INSN_OP_RDTSC: 0F 31
 * @COCO_INSN_OP_RDTSCP: 0F 01 F9
 * @COCO_INSN_OP_RDPMC: 0F 33
 * @COCO_INSN_OP_WBINVD: 0F 09 (F3 0F 09, WBNOINVD, shows as this with the
 *	F3 prefix set)
 * @COCO_INSN_OP_INVD: 0F 08
 * @COCO_INSN_OP_VMMCALL: 0F 01 D9
 * @COCO_INSN_OP_MONITOR: 0F 01 C8
 * @COCO_INSN_OP_MONITORX: 0F 01 FA
 * @COCO_INSN_OP_MWAIT: 0F 01 C9
 * @COCO_INSN_OP_MWAITX: 0F 01 FB
 * @COCO_INSN_OP_MOV_FROM_DR: 0F 21, MOV r64, DRn (n = coco_insn.reg)
 * @COCO_INSN_OP_MOV_TO_DR: 0F 23, MOV DRn, r64 (n = coco_insn.reg)
 */
enum coco_insn_op {
	COCO_INSN_OP_NONE,
	COCO_INSN_OP_MOV_STORE,
	COCO_INSN_OP_MOV_LOAD,
	COCO_INSN_OP_MOV_STORE_IMM,
	COCO_INSN_OP_MOVZX,
	COCO_INSN_OP_MOVSX,
	COCO_INSN_OP_MOVS,
	COCO_INSN_OP_IN,
	COCO_INSN_OP_OUT,
	COCO_INSN_OP_INS,
	COCO_INSN_OP_OUTS,
	COCO_INSN_OP_CPUID,
	COCO_INSN_OP_RDMSR,
	COCO_INSN_OP_WRMSR,
	COCO_INSN_OP_RDTSC,
	COCO_INSN_OP_RDTSCP,
	COCO_INSN_OP_RDPMC,
	COCO_INSN_OP_WBINVD,
	COCO_INSN_OP_INVD,
	COCO_INSN_OP_VMMCALL,
	COCO_INSN_OP_MONITOR,
	COCO_INSN_OP_MONITORX,
	COCO_INSN_OP_MWAIT,
	COCO_INSN_OP_MWAITX,
	COCO_INSN_OP_MOV_FROM_DR,
	COCO_INSN_OP_MOV_TO_DR,
};

/**
 * struct coco_insn - one decoded instruction
 * @length: total length in bytes (1..15)
 * @nr_prefixes: prefix bytes before the opcode, legacy and REX, including
 *	REX bytes the architecture ignores
 * @prefixes: COCO_INSN_PFX_* of every legacy prefix present
 * @rep: the last of F2/F3 present, or 0
 * @seg: the segment override in effect (COCO_INSN_SEG_*), or
 *	COCO_INSN_SEG_NONE; the last one wins, and in 64-bit mode only FS
 *	and GS override (26/2E/36/3E are null prefixes there)
 * @rex: the REX prefix in effect (the one right before the opcode), or 0
 * @long_mode_64: decoded for 64-bit mode (else 32-bit protected mode)
 * @op: which instruction, enum coco_insn_op
 * @opcode: the opcode bytes, 0F escape included
 * @opcode_len: number of valid bytes in @opcode (1..3); for the 0F 01 xx
 *	group the third byte is part of the opcode and no ModRM is reported
 * @has_modrm: a ModRM byte is present
 * @modrm: the ModRM byte
 * @mod: ModRM.mod
 * @reg: ModRM.reg extended by REX.R (0..15): register or DR number
 * @rm: ModRM.rm extended by REX.B (0..15): the register when @mod is 3
 *	(for MOV DR: always, the mod bits are ignored there)
 * @has_sib: a SIB byte is present
 * @sib: the SIB byte
 * @mem: the instruction has a ModRM memory operand
 * @rip_relative: @mem is RIP-relative (mod 00, rm 101 in 64-bit mode)
 * @ea_base: base register of @mem (0..15), or COCO_INSN_NO_REG
 * @ea_index: index register of @mem (0..15), or COCO_INSN_NO_REG
 * @ea_scale: scale factor of @ea_index (1, 2, 4, 8); 1 without an index
 * @disp_bytes: size of the displacement field (0, 1, 2, 4)
 * @disp: the displacement, sign-extended
 * @imm_bytes: size of the immediate field (0, 1, 2, 4)
 * @imm: the immediate operand: sign-extended for MOV (C6/C7, so
 *	REX.W C7 gives the 64-bit value the CPU stores), zero-extended for
 *	the IN/OUT port number
 * @opnd_bytes: operand size in bytes (1, 2, 4, 8): 1 for byte opcodes;
 *	16/32 for port I/O (REX.W has no effect there); 8 for MOV DR in
 *	64-bit mode; else 8 with REX.W, 2 with 66, 4 otherwise.  For MOVZX and
 *	MOVSX it is the size of the destination.
 * @addr_bytes: address size in bytes (8 or 4 with 67 in 64-bit mode, 4 or
 *	2 with 67 in 32-bit mode)
 * @high_byte_reg: the ModRM.reg operand is AH, CH, DH or BH
 * @high_byte_rm: the ModRM.rm register operand is AH, CH, DH or BH
 */
struct coco_insn {
	u8 length;
	u8 nr_prefixes;
	u16 prefixes;
	u8 rep;
	u8 seg;
	u8 rex;
	bool long_mode_64;
	u8 op;
	u8 opcode[3];
	u8 opcode_len;
	bool has_modrm;
	u8 modrm;
	u8 mod;
	u8 reg;
	u8 rm;
	bool has_sib;
	u8 sib;
	bool mem;
	bool rip_relative;
	u8 ea_base;
	u8 ea_index;
	u8 ea_scale;
	u8 disp_bytes;
	s32 disp;
	u8 imm_bytes;
	s64 imm;
	u8 opnd_bytes;
	u8 addr_bytes;
	bool high_byte_reg;
	bool high_byte_rm;
};

/**
 * struct coco_insn_regs - the register state addressing depends on
 * @gpr: RAX..R15 in encoding order (COCO_INSN_RAX..COCO_INSN_R15)
 * @rip: address of the instruction
 * @fs_base: FS segment base
 * @gs_base: GS segment base
 *
 * ES, CS, SS and DS have base 0: architecturally in 64-bit mode, and by
 * assumption (flat segments, as Linux sets them up) in 32-bit mode.
 */
struct coco_insn_regs {
	u64 gpr[COCO_INSN_NR_GPRS];
	u64 rip;
	u64 fs_base;
	u64 gs_base;
};

/**
 * enum coco_insn_operand - which ModRM operand coco_insn_reg_ptr() returns
 * @COCO_INSN_OPND_REG: the ModRM.reg operand
 * @COCO_INSN_OPND_RM: the ModRM.rm operand (register form only)
 */
enum coco_insn_operand {
	COCO_INSN_OPND_REG,
	COCO_INSN_OPND_RM,
};

/**
 * enum coco_insn_mmio - what an instruction does to an MMIO location
 * @COCO_INSN_MMIO_DECODE_FAILED: not an MMIO instruction #VC can emulate
 * @COCO_INSN_MMIO_WRITE: store the ModRM.reg register (88, 89)
 * @COCO_INSN_MMIO_WRITE_IMM: store the immediate (C6, C7)
 * @COCO_INSN_MMIO_READ: load into the ModRM.reg register (8A, 8B)
 * @COCO_INSN_MMIO_READ_ZERO_EXTEND: load and zero-extend (0F B6, 0F B7)
 * @COCO_INSN_MMIO_READ_SIGN_EXTEND: load and sign-extend (0F BE, 0F BF)
 * @COCO_INSN_MMIO_MOVS: memory to memory (A4, A5)
 */
enum coco_insn_mmio {
	COCO_INSN_MMIO_DECODE_FAILED,
	COCO_INSN_MMIO_WRITE,
	COCO_INSN_MMIO_WRITE_IMM,
	COCO_INSN_MMIO_READ,
	COCO_INSN_MMIO_READ_ZERO_EXTEND,
	COCO_INSN_MMIO_READ_SIGN_EXTEND,
	COCO_INSN_MMIO_MOVS,
};

/**
 * struct coco_insn_io - a port I/O instruction, taken apart
 * @in: IN or INS (port to register or memory)
 * @string: INS or OUTS
 * @rep: an F2 or F3 prefix is present
 * @port_in_dx: the port is DX; else @port
 * @port: the imm8 port number of E4..E7
 * @size: bytes per transfer (1, 2, 4)
 * @addr_bytes: width of rSI/rDI for INS/OUTS (2, 4, 8)
 * @seg: segment of the memory operand of INS (always ES) and OUTS (DS or
 *	the override in effect); COCO_INSN_SEG_NONE for IN/OUT
 */
struct coco_insn_io {
	bool in;
	bool string;
	bool rep;
	bool port_in_dx;
	u8 port;
	u8 size;
	u8 addr_bytes;
	u8 seg;
};

int coco_insn_decode(struct coco_insn *insn, const u8 *buf, unsigned int len,
		     bool long_mode_64);
int coco_insn_mem_addr(const struct coco_insn *insn,
		       const struct coco_insn_regs *regs, u64 rip_after,
		       u64 *addr);
int coco_insn_str_addr(const struct coco_insn *insn,
		       const struct coco_insn_regs *regs, bool dst, u64 *addr);
void *coco_insn_reg_ptr(const struct coco_insn *insn,
			struct coco_insn_regs *regs,
			enum coco_insn_operand which);
unsigned int coco_insn_reg_bytes(const struct coco_insn *insn,
				 enum coco_insn_operand which);
enum coco_insn_mmio coco_insn_mmio_kind(const struct coco_insn *insn);
unsigned int coco_insn_mmio_bytes(const struct coco_insn *insn);
int coco_insn_io(const struct coco_insn *insn, struct coco_insn_io *io);

#endif /* _COCO_X86_INSN_DECODE_H */

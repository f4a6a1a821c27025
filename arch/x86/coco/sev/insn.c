// SPDX-License-Identifier: GPL-2.0-only
/*
 * The instruction decoder of the #VC handler.
 *
 * Only the instructions #VC emulates or checks are known; everything else
 * is refused, so a hypervisor that points #VC at arbitrary bytes gets a
 * decode failure rather than a misinterpretation.  Bytes are consumed one
 * at a time and never beyond @len or the 15-byte architectural limit;
 * multi-byte fields are assembled byte by byte (little-endian), so the
 * result does not depend on the host.
 *
 * Encoding rules followed (Intel SDM vol. 2 ch. 2, AMD APM vol. 3 ch. 1):
 *  - legacy prefixes may repeat and come in any order; of F2/F3 and of the
 *    segment overrides the last one counts;
 *  - a REX prefix (64-bit mode only) counts only when it is the last byte
 *    before the opcode; one followed by anything else is ignored;
 *  - ModRM rm=100 means a SIB byte, mod=00 rm=101 is RIP-relative (64-bit)
 *    or a bare disp32 (32-bit); SIB base=101 with mod=00 has no base and a
 *    disp32; SIB index=100 without REX.X has no index.  REX.B does not
 *    change any of these special cases, REX.X does make index 100 R12;
 *  - 67 in 32-bit mode selects 16-bit addressing (BX/BP/SI/DI forms);
 *  - MOV to/from DR ignores ModRM.mod: the operand is always a register.
 */
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>
#include <coco/insn.h>

/* What an opcode needs decoded after it. */
#define ATTR_MODRM	BIT(0)	/* a ModRM byte follows */
#define ATTR_BYTE	BIT(1)	/* 8-bit operand size */
#define ATTR_IMM8	BIT(2)	/* an imm8 follows (the port of E4..E7) */
#define ATTR_IMMZ	BIT(3)	/* an imm16/imm32 by operand size */
#define ATTR_IO		BIT(4)	/* port I/O: 16 or 32 bit, REX.W ignored */
#define ATTR_DR		BIT(5)	/* MOV DR: register form, size of the mode */
#define ATTR_EXT0	BIT(6)	/* ModRM.reg is an opcode extension, /0 */

struct coco_insn_reader {
	const u8 *buf;
	unsigned int len;
	unsigned int pos;
};

/* -EINVAL past the architectural limit, -ENODATA past the buffer. */
static int peek_byte(const struct coco_insn_reader *rd, u8 *b)
{
	if (rd->pos >= COCO_INSN_MAX_LEN)
		return -EINVAL;
	if (rd->pos >= rd->len)
		return -ENODATA;
	*b = rd->buf[rd->pos];
	return 0;
}

static int get_byte(struct coco_insn_reader *rd, u8 *b)
{
	int ret = peek_byte(rd, b);

	if (!ret)
		rd->pos++;
	return ret;
}

/* A little-endian field of @bytes (1, 2 or 4), sign-extended. */
static int get_signed(struct coco_insn_reader *rd, unsigned int bytes,
		      s64 *val)
{
	u32 v = 0;
	unsigned int i;
	u8 b;
	int ret;

	for (i = 0; i < bytes; i++) {
		ret = get_byte(rd, &b);
		if (ret)
			return ret;
		v |= (u32)b << (8 * i);
	}
	if (bytes == 1)
		*val = (s8)v;
	else if (bytes == 2)
		*val = (s16)v;
	else
		*val = (s32)v;
	return 0;
}

/* Legacy prefix byte -> COCO_INSN_PFX_* bit, or 0. */
static u16 legacy_prefix(u8 b)
{
	switch (b) {
	case 0x66:
		return COCO_INSN_PFX_OPSIZE;
	case 0x67:
		return COCO_INSN_PFX_ADDRSIZE;
	case 0xf0:
		return COCO_INSN_PFX_LOCK;
	case 0xf2:
		return COCO_INSN_PFX_REPNE;
	case 0xf3:
		return COCO_INSN_PFX_REP;
	case 0x26:
		return COCO_INSN_PFX_ES;
	case 0x2e:
		return COCO_INSN_PFX_CS;
	case 0x36:
		return COCO_INSN_PFX_SS;
	case 0x3e:
		return COCO_INSN_PFX_DS;
	case 0x64:
		return COCO_INSN_PFX_FS;
	case 0x65:
		return COCO_INSN_PFX_GS;
	default:
		return 0;
	}
}

static u8 prefix_segment(u16 pfx)
{
	switch (pfx) {
	case COCO_INSN_PFX_ES:
		return COCO_INSN_SEG_ES;
	case COCO_INSN_PFX_CS:
		return COCO_INSN_SEG_CS;
	case COCO_INSN_PFX_SS:
		return COCO_INSN_SEG_SS;
	case COCO_INSN_PFX_DS:
		return COCO_INSN_SEG_DS;
	case COCO_INSN_PFX_FS:
		return COCO_INSN_SEG_FS;
	case COCO_INSN_PFX_GS:
		return COCO_INSN_SEG_GS;
	default:
		return COCO_INSN_SEG_NONE;
	}
}

static int decode_prefixes(struct coco_insn *insn,
			   struct coco_insn_reader *rd)
{
	u16 pfx;
	u8 seg;
	u8 b;
	int ret;

	for (;;) {
		ret = peek_byte(rd, &b);
		if (ret)
			return ret;
		pfx = legacy_prefix(b);
		if (pfx) {
			insn->prefixes |= pfx;
			if (b == 0xf2 || b == 0xf3)
				insn->rep = b;
			seg = prefix_segment(pfx);
			if (seg != COCO_INSN_SEG_NONE &&
			    (!insn->long_mode_64 || seg >= COCO_INSN_SEG_FS))
				insn->seg = seg;
			/* A REX followed by anything but the opcode is void. */
			insn->rex = 0;
		} else if (insn->long_mode_64 && (b & 0xf0) == 0x40) {
			insn->rex = b;
		} else {
			return 0;
		}
		rd->pos++;
		insn->nr_prefixes++;
	}
}

/* One-byte opcode map: the supported entries. */
static int lookup_one_byte(u8 b, u8 *op, u8 *attr)
{
	switch (b) {
	case 0x88:
	case 0x89:
		*op = COCO_INSN_OP_MOV_STORE;
		*attr = ATTR_MODRM;
		break;
	case 0x8a:
	case 0x8b:
		*op = COCO_INSN_OP_MOV_LOAD;
		*attr = ATTR_MODRM;
		break;
	case 0xc6:
	case 0xc7:
		*op = COCO_INSN_OP_MOV_STORE_IMM;
		*attr = ATTR_MODRM | ATTR_EXT0 |
			(b == 0xc6 ? ATTR_IMM8 : ATTR_IMMZ);
		break;
	case 0xa4:
	case 0xa5:
		*op = COCO_INSN_OP_MOVS;
		*attr = 0;
		break;
	case 0x6c:
	case 0x6d:
		*op = COCO_INSN_OP_INS;
		*attr = ATTR_IO;
		break;
	case 0x6e:
	case 0x6f:
		*op = COCO_INSN_OP_OUTS;
		*attr = ATTR_IO;
		break;
	case 0xe4:
	case 0xe5:
		*op = COCO_INSN_OP_IN;
		*attr = ATTR_IO | ATTR_IMM8;
		break;
	case 0xe6:
	case 0xe7:
		*op = COCO_INSN_OP_OUT;
		*attr = ATTR_IO | ATTR_IMM8;
		break;
	case 0xec:
	case 0xed:
		*op = COCO_INSN_OP_IN;
		*attr = ATTR_IO;
		break;
	case 0xee:
	case 0xef:
		*op = COCO_INSN_OP_OUT;
		*attr = ATTR_IO;
		break;
	default:
		return -EOPNOTSUPP;
	}
	/* In every pair above the even opcode is the byte form. */
	if (!(b & 1))
		*attr |= ATTR_BYTE;
	return 0;
}

/* Two-byte opcode map (after 0F), except the 0F 01 group. */
static int lookup_two_byte(u8 b, u8 *op, u8 *attr)
{
	*attr = 0;
	switch (b) {
	case 0xb6:
	case 0xb7:
		*op = COCO_INSN_OP_MOVZX;
		*attr = ATTR_MODRM;
		break;
	case 0xbe:
	case 0xbf:
		*op = COCO_INSN_OP_MOVSX;
		*attr = ATTR_MODRM;
		break;
	case 0xa2:
		*op = COCO_INSN_OP_CPUID;
		break;
	case 0x30:
		*op = COCO_INSN_OP_WRMSR;
		break;
	case 0x31:
		*op = COCO_INSN_OP_RDTSC;
		break;
	case 0x32:
		*op = COCO_INSN_OP_RDMSR;
		break;
	case 0x33:
		*op = COCO_INSN_OP_RDPMC;
		break;
	case 0x08:
		*op = COCO_INSN_OP_INVD;
		break;
	case 0x09:
		*op = COCO_INSN_OP_WBINVD;
		break;
	case 0x21:
		*op = COCO_INSN_OP_MOV_FROM_DR;
		*attr = ATTR_MODRM | ATTR_DR;
		break;
	case 0x23:
		*op = COCO_INSN_OP_MOV_TO_DR;
		*attr = ATTR_MODRM | ATTR_DR;
		break;
	default:
		return -EOPNOTSUPP;
	}
	return 0;
}

/* 0F 01 xx: the register forms of group 7 that are supported. */
static int lookup_group7(u8 b, u8 *op)
{
	switch (b) {
	case 0xc8:
		*op = COCO_INSN_OP_MONITOR;
		break;
	case 0xc9:
		*op = COCO_INSN_OP_MWAIT;
		break;
	case 0xd9:
		*op = COCO_INSN_OP_VMMCALL;
		break;
	case 0xf9:
		*op = COCO_INSN_OP_RDTSCP;
		break;
	case 0xfa:
		*op = COCO_INSN_OP_MONITORX;
		break;
	case 0xfb:
		*op = COCO_INSN_OP_MWAITX;
		break;
	default:
		return -EOPNOTSUPP;
	}
	return 0;
}

static int decode_opcode(struct coco_insn *insn, struct coco_insn_reader *rd,
			 u8 *attr)
{
	u8 b;
	int ret;

	ret = get_byte(rd, &b);
	if (ret)
		return ret;
	insn->opcode[0] = b;
	insn->opcode_len = 1;
	if (b != 0x0f)
		return lookup_one_byte(b, &insn->op, attr);

	ret = get_byte(rd, &b);
	if (ret)
		return ret;
	insn->opcode[1] = b;
	insn->opcode_len = 2;
	if (b != 0x01)
		return lookup_two_byte(b, &insn->op, attr);

	ret = get_byte(rd, &b);
	if (ret)
		return ret;
	insn->opcode[2] = b;
	insn->opcode_len = 3;
	*attr = 0;
	/* 66/F2/F3 select other instructions here (F3 0F 01 D9 is VMGEXIT). */
	if (insn->prefixes & (COCO_INSN_PFX_OPSIZE | COCO_INSN_PFX_REPNE |
			      COCO_INSN_PFX_REP))
		return -EOPNOTSUPP;
	return lookup_group7(b, &insn->op);
}

static void set_sizes(struct coco_insn *insn, u8 attr)
{
	bool p66 = insn->prefixes & COCO_INSN_PFX_OPSIZE;
	bool p67 = insn->prefixes & COCO_INSN_PFX_ADDRSIZE;

	if (insn->long_mode_64)
		insn->addr_bytes = p67 ? 4 : 8;
	else
		insn->addr_bytes = p67 ? 2 : 4;

	if (attr & ATTR_BYTE)
		insn->opnd_bytes = 1;
	else if (attr & ATTR_DR)
		insn->opnd_bytes = insn->long_mode_64 ? 8 : 4;
	else if (insn->rex & COCO_INSN_REX_W && !(attr & ATTR_IO))
		insn->opnd_bytes = 8;
	else
		insn->opnd_bytes = p66 ? 2 : 4;
}

/* 16-bit addressing: rm selects one of eight fixed base/index pairs. */
static void decode_modrm16(struct coco_insn *insn)
{
	static const u8 base16[8] = {
		COCO_INSN_RBX, COCO_INSN_RBX, COCO_INSN_RBP, COCO_INSN_RBP,
		COCO_INSN_RSI, COCO_INSN_RDI, COCO_INSN_RBP, COCO_INSN_RBX,
	};
	static const u8 index16[8] = {
		COCO_INSN_RSI, COCO_INSN_RDI, COCO_INSN_RSI, COCO_INSN_RDI,
		COCO_INSN_NO_REG, COCO_INSN_NO_REG, COCO_INSN_NO_REG,
		COCO_INSN_NO_REG,
	};
	u8 rm = insn->modrm & 7;

	if (insn->mod == 0 && rm == 6) {
		insn->disp_bytes = 2;
	} else {
		insn->ea_base = base16[rm];
		insn->ea_index = index16[rm];
		if (insn->mod == 2)
			insn->disp_bytes = 2;
	}
}

static int decode_modrm(struct coco_insn *insn, struct coco_insn_reader *rd,
			u8 attr)
{
	u8 rex = insn->rex;
	u8 rm, sib_index, sib_base;
	s64 disp;
	int ret;

	ret = get_byte(rd, &insn->modrm);
	if (ret)
		return ret;
	insn->has_modrm = true;
	insn->mod = insn->modrm >> 6;
	insn->reg = ((insn->modrm >> 3) & 7) | (rex & COCO_INSN_REX_R ? 8 : 0);
	rm = insn->modrm & 7;
	insn->rm = rm | (rex & COCO_INSN_REX_B ? 8 : 0);

	if ((attr & ATTR_EXT0) && ((insn->modrm >> 3) & 7) != 0)
		return -EOPNOTSUPP;
	if (insn->mod == 3 || (attr & ATTR_DR))
		return 0;

	insn->mem = true;
	if (insn->addr_bytes == 2) {
		decode_modrm16(insn);
	} else if (rm == 4) {
		ret = get_byte(rd, &insn->sib);
		if (ret)
			return ret;
		insn->has_sib = true;
		sib_index = ((insn->sib >> 3) & 7) |
			    (rex & COCO_INSN_REX_X ? 8 : 0);
		if (sib_index != COCO_INSN_RSP) {
			insn->ea_index = sib_index;
			insn->ea_scale = 1 << (insn->sib >> 6);
		}
		sib_base = insn->sib & 7;
		if (sib_base == 5 && insn->mod == 0)
			insn->disp_bytes = 4;
		else
			insn->ea_base = sib_base |
					(rex & COCO_INSN_REX_B ? 8 : 0);
	} else if (rm == 5 && insn->mod == 0) {
		insn->rip_relative = insn->long_mode_64;
		insn->disp_bytes = 4;
	} else {
		insn->ea_base = insn->rm;
	}

	if (insn->mod == 1)
		insn->disp_bytes = 1;
	else if (insn->mod == 2 && insn->addr_bytes != 2)
		insn->disp_bytes = 4;
	if (!insn->disp_bytes)
		return 0;
	ret = get_signed(rd, insn->disp_bytes, &disp);
	if (ret)
		return ret;
	insn->disp = (s32)disp;
	return 0;
}

static int decode_imm(struct coco_insn *insn, struct coco_insn_reader *rd,
		      u8 attr)
{
	int ret;

	if (attr & ATTR_IMM8)
		insn->imm_bytes = 1;
	else if (attr & ATTR_IMMZ)
		insn->imm_bytes = insn->opnd_bytes == 2 ? 2 : 4;
	else
		return 0;

	ret = get_signed(rd, insn->imm_bytes, &insn->imm);
	if (ret)
		return ret;
	/* The port number of IN/OUT is unsigned. */
	if (attr & ATTR_IO)
		insn->imm &= 0xff;
	return 0;
}

static void clear_insn(struct coco_insn *insn, bool long_mode_64)
{
	*insn = (struct coco_insn){
		.seg = COCO_INSN_SEG_NONE,
		.long_mode_64 = long_mode_64,
		.ea_base = COCO_INSN_NO_REG,
		.ea_index = COCO_INSN_NO_REG,
		.ea_scale = 1,
	};
}

/**
 * coco_insn_decode() - decode one instruction from a byte buffer
 * @insn: the result; fully written (and reset to "nothing" on error)
 * @buf: the instruction bytes
 * @len: bytes available at @buf; at most 15 are ever looked at, and never
 *	one at or beyond @len
 * @long_mode_64: decode for 64-bit mode; else for 32-bit protected mode
 *	(CS.D = 1: no REX, 67 selects 16-bit addressing)
 *
 * Context: any; no memory is touched but @buf and @insn.
 * Return: 0 on success; -ENODATA if @len ends before the instruction does;
 * -EINVAL if it would be longer than 15 bytes; -EOPNOTSUPP for an opcode
 * or form this decoder does not know.
 */
int coco_insn_decode(struct coco_insn *insn, const u8 *buf, unsigned int len,
		     bool long_mode_64)
{
	struct coco_insn_reader rd = { .buf = buf, .len = len };
	u8 attr = 0;
	int ret;

	clear_insn(insn, long_mode_64);
	ret = decode_prefixes(insn, &rd);
	if (!ret)
		ret = decode_opcode(insn, &rd, &attr);
	if (!ret) {
		set_sizes(insn, attr);
		if (attr & ATTR_MODRM)
			ret = decode_modrm(insn, &rd, attr);
	}
	if (!ret)
		ret = decode_imm(insn, &rd, attr);
	if (ret) {
		clear_insn(insn, long_mode_64);
		return ret;
	}

	insn->length = rd.pos;
	insn->high_byte_reg = !insn->rex && insn->reg >= 4 &&
			      coco_insn_reg_bytes(insn, COCO_INSN_OPND_REG) == 1;
	insn->high_byte_rm = !insn->rex && insn->rm >= 4 &&
			     coco_insn_reg_bytes(insn, COCO_INSN_OPND_RM) == 1;
	return 0;
}

/**
 * coco_insn_reg_bytes() - width of a general purpose register operand
 * @insn: a decoded instruction
 * @which: the ModRM.reg or the ModRM.rm operand
 *
 * Return: the number of bytes of the register the operand names (1, 2, 4
 * or 8), or 0 when that operand is not a general purpose register (no
 * ModRM, an opcode extension, a debug register, a memory operand).
 */
unsigned int coco_insn_reg_bytes(const struct coco_insn *insn,
				 enum coco_insn_operand which)
{
	if (!insn->has_modrm)
		return 0;
	if (which == COCO_INSN_OPND_REG) {
		switch (insn->op) {
		case COCO_INSN_OP_MOV_STORE:
		case COCO_INSN_OP_MOV_LOAD:
		case COCO_INSN_OP_MOVZX:
		case COCO_INSN_OP_MOVSX:
			return insn->opnd_bytes;
		default:
			return 0;
		}
	}
	if (insn->mem)
		return 0;
	switch (insn->op) {
	case COCO_INSN_OP_MOV_STORE:
	case COCO_INSN_OP_MOV_LOAD:
	case COCO_INSN_OP_MOV_STORE_IMM:
	case COCO_INSN_OP_MOV_FROM_DR:
	case COCO_INSN_OP_MOV_TO_DR:
		return insn->opnd_bytes;
	case COCO_INSN_OP_MOVZX:
	case COCO_INSN_OP_MOVSX:
		/* 0F B6 / 0F BE read a byte, 0F B7 / 0F BF a word. */
		return insn->opcode[1] & 1 ? 2 : 1;
	default:
		return 0;
	}
}

/**
 * coco_insn_reg_ptr() - where a register operand lives in a register file
 * @insn: a decoded instruction
 * @regs: the register file
 * @which: the ModRM.reg or the ModRM.rm operand
 *
 * The pointer addresses the operand as an object of coco_insn_reg_bytes()
 * bytes: on x86 the start of the register, or one byte further for AH, CH,
 * DH and BH (bits 15:8 of RAX, RCX, RDX, RBX).  On a big-endian host it
 * points at the same bits, so the result is right for host-order access.
 *
 * Return: the operand's bytes inside @regs->gpr, or NULL when @which is not
 * a general purpose register operand of @insn.
 */
void *coco_insn_reg_ptr(const struct coco_insn *insn,
			struct coco_insn_regs *regs,
			enum coco_insn_operand which)
{
	unsigned int bytes = coco_insn_reg_bytes(insn, which);
	bool high;
	u8 *p;
	u8 n;

	if (!bytes)
		return NULL;
	if (which == COCO_INSN_OPND_REG) {
		n = insn->reg;
		high = insn->high_byte_reg;
	} else {
		n = insn->rm;
		high = insn->high_byte_rm;
	}
	if (high)
		n -= 4;
	p = (u8 *)&regs->gpr[n];
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return high ? p + 6 : p + 8 - bytes;
#else
	return high ? p + 1 : p;
#endif
}

static u64 truncate_addr(u64 addr, unsigned int bytes)
{
	if (bytes == 2)
		return addr & 0xffff;
	if (bytes == 4)
		return addr & 0xffffffff;
	return addr;
}

/* Effective address in @seg -> linear address. */
static u64 linear_addr(const struct coco_insn *insn,
		       const struct coco_insn_regs *regs, u8 seg, u64 ea)
{
	u64 base = 0;

	if (seg == COCO_INSN_SEG_FS)
		base = regs->fs_base;
	else if (seg == COCO_INSN_SEG_GS)
		base = regs->gs_base;
	if (insn->long_mode_64)
		return base + ea;
	return (base + ea) & 0xffffffff;
}

/**
 * coco_insn_mem_addr() - linear address of the ModRM memory operand
 * @insn: a decoded instruction
 * @regs: the register file at the instruction
 * @rip_after: address of the next instruction (normally @regs->rip +
 *	@insn->length): what RIP-relative operands are relative to
 * @addr: the linear address
 *
 * Base + index * scale + displacement, wrapped to the address size, plus
 * the FS or GS base when that segment is in effect (the other segments have
 * base 0, see struct coco_insn_regs).  In 32-bit mode the linear address
 * wraps at 4 GiB.  No canonical or limit checks are made.
 *
 * Return: 0, or -EINVAL when @insn has no ModRM memory operand.
 */
int coco_insn_mem_addr(const struct coco_insn *insn,
		       const struct coco_insn_regs *regs, u64 rip_after,
		       u64 *addr)
{
	u8 seg = COCO_INSN_SEG_DS;
	u64 ea;

	if (!insn->mem)
		return -EINVAL;
	ea = (u64)(s64)insn->disp;
	if (insn->rip_relative)
		ea += rip_after;
	if (insn->ea_base != COCO_INSN_NO_REG) {
		ea += regs->gpr[insn->ea_base];
		if (insn->ea_base == COCO_INSN_RSP ||
		    insn->ea_base == COCO_INSN_RBP)
			seg = COCO_INSN_SEG_SS;
	}
	if (insn->ea_index != COCO_INSN_NO_REG)
		ea += regs->gpr[insn->ea_index] * insn->ea_scale;
	if (insn->seg != COCO_INSN_SEG_NONE)
		seg = insn->seg;
	ea = truncate_addr(ea, insn->addr_bytes);
	*addr = linear_addr(insn, regs, seg, ea);
	return 0;
}

/**
 * coco_insn_str_addr() - linear address of a string instruction operand
 * @insn: a decoded MOVS, INS or OUTS
 * @regs: the register file at the instruction
 * @dst: the destination (ES:rDI) rather than the source (DS:rSI, or the
 *	segment override in effect)
 * @addr: the linear address
 *
 * rSI and rDI are taken at the address size.
 *
 * Return: 0, or -EINVAL when @insn has no such operand (the source of INS,
 * the destination of OUTS, anything that is not a string instruction).
 */
int coco_insn_str_addr(const struct coco_insn *insn,
		       const struct coco_insn_regs *regs, bool dst, u64 *addr)
{
	u8 seg;
	u64 ea;

	switch (insn->op) {
	case COCO_INSN_OP_MOVS:
		break;
	case COCO_INSN_OP_INS:
		if (!dst)
			return -EINVAL;
		break;
	case COCO_INSN_OP_OUTS:
		if (dst)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	if (dst) {
		seg = COCO_INSN_SEG_ES;
		ea = regs->gpr[COCO_INSN_RDI];
	} else {
		seg = insn->seg != COCO_INSN_SEG_NONE ? insn->seg :
			COCO_INSN_SEG_DS;
		ea = regs->gpr[COCO_INSN_RSI];
	}
	ea = truncate_addr(ea, insn->addr_bytes);
	*addr = linear_addr(insn, regs, seg, ea);
	return 0;
}

/**
 * coco_insn_mmio_kind() - how an instruction accesses MMIO
 * @insn: a decoded instruction
 *
 * Only the MOV forms with a memory operand and MOVS qualify; with a LOCK
 * prefix every one of them raises #UD, so such bytes cannot have faulted
 * on MMIO and are refused too.
 *
 * Return: the access kind, or COCO_INSN_MMIO_DECODE_FAILED.
 */
enum coco_insn_mmio coco_insn_mmio_kind(const struct coco_insn *insn)
{
	if (insn->prefixes & COCO_INSN_PFX_LOCK)
		return COCO_INSN_MMIO_DECODE_FAILED;
	if (insn->op == COCO_INSN_OP_MOVS)
		return COCO_INSN_MMIO_MOVS;
	if (!insn->mem)
		return COCO_INSN_MMIO_DECODE_FAILED;
	switch (insn->op) {
	case COCO_INSN_OP_MOV_STORE:
		return COCO_INSN_MMIO_WRITE;
	case COCO_INSN_OP_MOV_STORE_IMM:
		return COCO_INSN_MMIO_WRITE_IMM;
	case COCO_INSN_OP_MOV_LOAD:
		return COCO_INSN_MMIO_READ;
	case COCO_INSN_OP_MOVZX:
		return COCO_INSN_MMIO_READ_ZERO_EXTEND;
	case COCO_INSN_OP_MOVSX:
		return COCO_INSN_MMIO_READ_SIGN_EXTEND;
	default:
		return COCO_INSN_MMIO_DECODE_FAILED;
	}
}

/**
 * coco_insn_mmio_bytes() - size of the MMIO access of an instruction
 * @insn: a decoded instruction
 *
 * The memory operand size: the operand size for MOV and MOVS, 1 or 2 for
 * the source of MOVZX/MOVSX (whose destination is coco_insn.opnd_bytes).
 *
 * Return: 1, 2, 4 or 8; 0 when coco_insn_mmio_kind() refuses @insn.
 */
unsigned int coco_insn_mmio_bytes(const struct coco_insn *insn)
{
	switch (coco_insn_mmio_kind(insn)) {
	case COCO_INSN_MMIO_DECODE_FAILED:
		return 0;
	case COCO_INSN_MMIO_READ_ZERO_EXTEND:
	case COCO_INSN_MMIO_READ_SIGN_EXTEND:
		return insn->opcode[1] & 1 ? 2 : 1;
	default:
		return insn->opnd_bytes;
	}
}

/**
 * coco_insn_io() - take a port I/O instruction apart
 * @insn: a decoded instruction
 * @io: the result
 *
 * Return: 0, or -EINVAL when @insn is not IN, OUT, INS or OUTS, or carries
 * a LOCK prefix (which makes it #UD).
 */
int coco_insn_io(const struct coco_insn *insn, struct coco_insn_io *io)
{
	bool string, in;

	switch (insn->op) {
	case COCO_INSN_OP_IN:
	case COCO_INSN_OP_INS:
		in = true;
		break;
	case COCO_INSN_OP_OUT:
	case COCO_INSN_OP_OUTS:
		in = false;
		break;
	default:
		return -EINVAL;
	}
	string = insn->op == COCO_INSN_OP_INS || insn->op == COCO_INSN_OP_OUTS;
	if (insn->prefixes & COCO_INSN_PFX_LOCK)
		return -EINVAL;

	*io = (struct coco_insn_io){
		.in = in,
		.string = string,
		.rep = insn->rep != 0,
		.port_in_dx = !insn->imm_bytes,
		.port = (u8)insn->imm,
		.size = insn->opnd_bytes,
		.addr_bytes = insn->addr_bytes,
		.seg = COCO_INSN_SEG_NONE,
	};
	if (string && in)
		io->seg = COCO_INSN_SEG_ES;
	else if (string)
		io->seg = insn->seg != COCO_INSN_SEG_NONE ? insn->seg :
			  COCO_INSN_SEG_DS;
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the #VC instruction decoder.
 *
 * Input: byte 0 selects the mode (bit 0 set: 32-bit protected mode), the
 * rest is the instruction, copied into a heap buffer of exactly its length
 * so ASan sees any read past it.  Besides "no crash, no overrun" it checks:
 *   - the result is 0, -ENODATA, -EINVAL or -EOPNOTSUPP; on error the
 *     decoded instruction is reset; -ENODATA only with fewer than 15 bytes,
 *     -EINVAL only with at least 15;
 *   - on success 1 <= length <= 15 and length <= len, and the length is the
 *     sum of its parts (prefixes, opcode, ModRM, SIB, disp, imm);
 *   - decoding exactly the first length bytes gives the same result, so
 *     does decoding them followed by different bytes, and every shorter
 *     prefix of them is -ENODATA;
 *   - fields are in range (sizes, registers, segment, high-byte rules);
 *   - the helpers agree with the fields and never point outside the
 *     register file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/errno.h>
#include <coco/insn.h>

#define CHECK(c)	do { if (!(c)) __builtin_trap(); } while (0)

static int decode_copy(struct coco_insn *insn, const u8 *data, size_t len,
		       bool lm)
{
	u8 *buf = malloc(len ? len : 1);
	int ret;

	CHECK(buf);
	if (len)
		memcpy(buf, data, len);
	ret = coco_insn_decode(insn, buf, len, lm);
	free(buf);
	return ret;
}

static bool same(const struct coco_insn *a, const struct coco_insn *b)
{
	return a->length == b->length && a->nr_prefixes == b->nr_prefixes &&
	       a->prefixes == b->prefixes && a->rep == b->rep &&
	       a->seg == b->seg && a->rex == b->rex &&
	       a->long_mode_64 == b->long_mode_64 && a->op == b->op &&
	       a->opcode_len == b->opcode_len &&
	       !memcmp(a->opcode, b->opcode, sizeof(a->opcode)) &&
	       a->has_modrm == b->has_modrm && a->modrm == b->modrm &&
	       a->mod == b->mod && a->reg == b->reg && a->rm == b->rm &&
	       a->has_sib == b->has_sib && a->sib == b->sib &&
	       a->mem == b->mem && a->rip_relative == b->rip_relative &&
	       a->ea_base == b->ea_base && a->ea_index == b->ea_index &&
	       a->ea_scale == b->ea_scale && a->disp_bytes == b->disp_bytes &&
	       a->disp == b->disp && a->imm_bytes == b->imm_bytes &&
	       a->imm == b->imm && a->opnd_bytes == b->opnd_bytes &&
	       a->addr_bytes == b->addr_bytes &&
	       a->high_byte_reg == b->high_byte_reg &&
	       a->high_byte_rm == b->high_byte_rm;
}

static bool is_reset(const struct coco_insn *in)
{
	return in->length == 0 && in->op == COCO_INSN_OP_NONE &&
	       !in->has_modrm && !in->has_sib && !in->mem &&
	       !in->disp_bytes && !in->imm_bytes && in->opnd_bytes == 0;
}

static void check_fields(const struct coco_insn *in, bool lm)
{
	unsigned int parts = in->nr_prefixes + in->opcode_len +
			     in->has_modrm + in->has_sib + in->disp_bytes +
			     in->imm_bytes;

	CHECK(in->length == parts);
	CHECK(in->op != COCO_INSN_OP_NONE);
	CHECK(in->long_mode_64 == lm);
	CHECK(in->opcode_len >= 1 && in->opcode_len <= 3);
	CHECK(in->opnd_bytes == 1 || in->opnd_bytes == 2 ||
	      in->opnd_bytes == 4 || in->opnd_bytes == 8);
	CHECK(lm ? in->addr_bytes == 8 || in->addr_bytes == 4 :
		   in->addr_bytes == 4 || in->addr_bytes == 2);
	CHECK(!(in->prefixes & ~0x7ffu));
	CHECK(in->rep == 0 || in->rep == 0xf2 || in->rep == 0xf3);
	CHECK(in->seg <= COCO_INSN_SEG_GS || in->seg == COCO_INSN_SEG_NONE);
	CHECK(!lm || in->seg == COCO_INSN_SEG_NONE ||
	      in->seg == COCO_INSN_SEG_FS || in->seg == COCO_INSN_SEG_GS);
	CHECK(in->rex == 0 || (lm && (in->rex & 0xf0) == 0x40));
	CHECK(in->reg < 16 && in->rm < 16);
	CHECK(!in->has_sib || in->mem);
	CHECK(!in->mem || in->has_modrm);
	CHECK(!in->rip_relative || (in->mem && lm));
	CHECK(in->ea_base < 16 || in->ea_base == COCO_INSN_NO_REG);
	CHECK(in->ea_index < 16 || in->ea_index == COCO_INSN_NO_REG);
	CHECK(in->ea_index != COCO_INSN_RSP);
	CHECK(in->ea_scale == 1 || in->ea_scale == 2 || in->ea_scale == 4 ||
	      in->ea_scale == 8);
	CHECK(in->ea_index != COCO_INSN_NO_REG || in->ea_scale == 1);
	CHECK(in->mem || (in->ea_base == COCO_INSN_NO_REG &&
			  in->ea_index == COCO_INSN_NO_REG && !in->disp_bytes));
	CHECK(!in->high_byte_reg || (!in->rex && in->reg >= 4 && in->reg < 8));
	CHECK(!in->high_byte_rm || (!in->rex && in->rm >= 4 && in->rm < 8 &&
				    !in->mem));
	if (in->op == COCO_INSN_OP_MOV_FROM_DR ||
	    in->op == COCO_INSN_OP_MOV_TO_DR)
		CHECK(!in->mem && in->opnd_bytes == (lm ? 8 : 4));
	if (in->op == COCO_INSN_OP_IN || in->op == COCO_INSN_OP_OUT)
		CHECK(in->imm_bytes == 0 || (in->imm_bytes == 1 &&
					     in->imm >= 0 && in->imm <= 0xff));
}

static void check_reg_ptr(const struct coco_insn *in,
			  struct coco_insn_regs *regs,
			  enum coco_insn_operand which)
{
	unsigned int bytes = coco_insn_reg_bytes(in, which);
	u8 *p = coco_insn_reg_ptr(in, regs, which);
	u8 *lo = (u8 *)&regs->gpr[0];
	u8 *hi = (u8 *)&regs->gpr[COCO_INSN_NR_GPRS];

	CHECK(bytes == 0 || bytes == 1 || bytes == 2 || bytes == 4 ||
	      bytes == 8);
	CHECK(!bytes == !p);
	if (p)
		CHECK(p >= lo && p + bytes <= hi);
}

static void check_helpers(const struct coco_insn *in)
{
	struct coco_insn_regs regs;
	enum coco_insn_mmio kind;
	struct coco_insn_io io;
	unsigned int i, bytes;
	u64 addr;
	int ret;

	for (i = 0; i < COCO_INSN_NR_GPRS; i++)
		regs.gpr[i] = 0x0101010101010101ULL * (i + 1);
	regs.rip = 0xffffffff81000000ULL;
	regs.fs_base = 0x7f0000000000ULL;
	regs.gs_base = 0xffff888000000000ULL;

	ret = coco_insn_mem_addr(in, &regs, regs.rip + in->length, &addr);
	CHECK(ret == (in->mem ? 0 : -EINVAL));
	if (!ret && !in->long_mode_64)
		CHECK(addr <= 0xffffffffULL);

	check_reg_ptr(in, &regs, COCO_INSN_OPND_REG);
	check_reg_ptr(in, &regs, COCO_INSN_OPND_RM);

	kind = coco_insn_mmio_kind(in);
	bytes = coco_insn_mmio_bytes(in);
	CHECK((kind == COCO_INSN_MMIO_DECODE_FAILED) == (bytes == 0));
	CHECK(bytes == 0 || bytes == 1 || bytes == 2 || bytes == 4 ||
	      bytes == 8);
	if (kind != COCO_INSN_MMIO_DECODE_FAILED &&
	    kind != COCO_INSN_MMIO_MOVS)
		CHECK(in->mem);
	if (kind == COCO_INSN_MMIO_WRITE || kind == COCO_INSN_MMIO_READ ||
	    kind == COCO_INSN_MMIO_READ_ZERO_EXTEND ||
	    kind == COCO_INSN_MMIO_READ_SIGN_EXTEND)
		CHECK(coco_insn_reg_ptr(in, &regs, COCO_INSN_OPND_REG));
	if (kind == COCO_INSN_MMIO_WRITE_IMM)
		CHECK(in->imm_bytes && in->imm_bytes <= bytes);

	ret = coco_insn_io(in, &io);
	if (!ret) {
		CHECK(io.size == 1 || io.size == 2 || io.size == 4);
		CHECK(io.port_in_dx == !in->imm_bytes);
		CHECK(!io.string || io.port_in_dx);
	}

	for (i = 0; i < 2; i++) {
		ret = coco_insn_str_addr(in, &regs, i, &addr);
		CHECK(!ret || ret == -EINVAL);
		if (ret == 0)
			CHECK(in->op == COCO_INSN_OP_MOVS ||
			      in->op == COCO_INSN_OP_INS ||
			      in->op == COCO_INSN_OP_OUTS);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct coco_insn in, again;
	u8 padded[COCO_INSN_MAX_LEN + 8];
	const u8 *bytes;
	size_t len, k;
	bool lm;
	int ret;

	if (size < 1)
		return 0;
	lm = !(data[0] & 1);
	bytes = data + 1;
	len = size - 1;

	ret = decode_copy(&in, bytes, len, lm);
	CHECK(ret == 0 || ret == -ENODATA || ret == -EINVAL ||
	      ret == -EOPNOTSUPP);
	if (ret) {
		CHECK(is_reset(&in));
		if (ret == -ENODATA)
			CHECK(len < COCO_INSN_MAX_LEN);
		if (ret == -EINVAL)
			CHECK(len >= COCO_INSN_MAX_LEN);
		return 0;
	}

	CHECK(in.length >= 1 && in.length <= COCO_INSN_MAX_LEN);
	CHECK(in.length <= len);
	check_fields(&in, lm);
	check_helpers(&in);

	/* exactly the instruction's own bytes */
	CHECK(decode_copy(&again, bytes, in.length, lm) == 0);
	CHECK(same(&in, &again));

	/* the same bytes followed by something else */
	memset(padded, 0x66, sizeof(padded));
	memcpy(padded, bytes, in.length);
	CHECK(coco_insn_decode(&again, padded, sizeof(padded), lm) == 0);
	CHECK(same(&in, &again));

	/* any shorter prefix is incomplete */
	for (k = 0; k < in.length; k++) {
		CHECK(decode_copy(&again, bytes, k, lm) == -ENODATA);
		CHECK(is_reset(&again));
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * #VC emulation of MMIO (exit NPF on a shared, non-RAM mapping): MOV to and
 * from memory, MOVZX/MOVSX, and MOVS one element per exception.  Kernel
 * mode only: from user space the instruction bytes and mappings could be
 * changed under the emulation (CVE-2023-46813).
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/vc.h>

static enum coco_vc_result vc_mmio_exit(struct coco_vc_env *env,
					struct coco_vc_ctx *ctx, u64 gpa,
					unsigned int bytes, bool write)
{
	struct coco_ghcb_call call = {
		.exit_code = write ? SVM_VMGEXIT_MMIO_WRITE :
				     SVM_VMGEXIT_MMIO_READ,
		.info1 = gpa,
		.info2 = bytes,
		.in = {
			.valid = COCO_GHCB_SCRATCH,
			.scratch = coco_ghcb_shared_buf_gpa(env->ghcb),
		},
	};

	return coco_vc_hv_call(env, ctx, &call);
}

static u64 vc_load_le(const u8 *p, unsigned int bytes)
{
	u64 v = 0;
	unsigned int i;

	for (i = 0; i < bytes; i++)
		v |= (u64)p[i] << (8 * i);
	return v;
}

static void vc_store_le(u8 *p, u64 v, unsigned int bytes)
{
	unsigned int i;

	for (i = 0; i < bytes; i++)
		p[i] = v >> (8 * i);
}

static u64 vc_mask(unsigned int bytes)
{
	return bytes >= 8 ? ~0ULL : (1ULL << (8 * bytes)) - 1;
}

/* The ModRM.reg operand's value (AH..BH are bits 15:8 of RAX..RBX). */
static u64 vc_get_reg(const struct coco_vc_ctx *ctx,
		      const struct coco_insn *insn, unsigned int bytes)
{
	if (insn->high_byte_reg)
		return (ctx->regs.gpr[insn->reg - 4] >> 8) & 0xff;
	return ctx->regs.gpr[insn->reg] & vc_mask(bytes);
}

/* Write @val as a @bytes-wide destination register, with x86's rules. */
static void vc_set_reg(struct coco_vc_ctx *ctx, const struct coco_insn *insn,
		       u64 val, unsigned int bytes)
{
	u64 *r;

	if (insn->high_byte_reg) {
		r = &ctx->regs.gpr[insn->reg - 4];
		*r = (*r & ~0xff00ULL) | ((val & 0xff) << 8);
		return;
	}
	r = &ctx->regs.gpr[insn->reg];
	if (bytes == 4)
		*r = (u32)val;	/* a 32-bit write zero-extends to 64 bits */
	else
		*r = (*r & ~vc_mask(bytes)) | (val & vc_mask(bytes));
}

static u64 vc_sign_extend(u64 v, unsigned int bytes)
{
	unsigned int shift = 64 - 8 * bytes;

	return (u64)((s64)(v << shift) >> shift);
}

static enum coco_vc_result vc_mmio_movs(struct coco_vc_env *env,
					struct coco_vc_ctx *ctx,
					const struct coco_insn *insn)
{
	unsigned int bytes = insn->opnd_bytes, amask_bytes = insn->addr_bytes;
	u64 amask = amask_bytes == 8 ? ~0ULL : (1ULL << (8 * amask_bytes)) - 1;
	u64 *rcx = &ctx->regs.gpr[COCO_INSN_RCX];
	u64 *rsi = &ctx->regs.gpr[COCO_INSN_RSI];
	u64 *rdi = &ctx->regs.gpr[COCO_INSN_RDI];
	u8 *buf = coco_ghcb_shared_buf(env->ghcb);
	bool rep = insn->rep, down = ctx->rflags & X86_RFLAGS_DF;
	u64 src, dst, gpa, step;
	enum coco_vc_result res;
	u8 data[8];

	if (rep && !(*rcx & amask))
		return COCO_VC_OK;
	if (coco_insn_str_addr(insn, &ctx->regs, false, &src) ||
	    coco_insn_str_addr(insn, &ctx->regs, true, &dst))
		return COCO_VC_DECODE_FAILED;

	/* One element per #VC: each side is MMIO or ordinary memory. */
	if (!env->ops->mmio_gpa(env->ops->ctx, src, &gpa)) {
		res = vc_mmio_exit(env, ctx, gpa, bytes, false);
		if (res != COCO_VC_OK)
			return res;
		vc_store_le(data, vc_load_le(buf, bytes), bytes);
	} else if (env->ops->read(env->ops->ctx, src, data, bytes)) {
		return COCO_VC_UNSUPPORTED;
	}
	if (!env->ops->mmio_gpa(env->ops->ctx, dst, &gpa)) {
		vc_store_le(buf, vc_load_le(data, bytes), bytes);
		res = vc_mmio_exit(env, ctx, gpa, bytes, true);
		if (res != COCO_VC_OK)
			return res;
	} else if (env->ops->write(env->ops->ctx, dst, data, bytes)) {
		return COCO_VC_UNSUPPORTED;
	}

	step = down ? -(u64)bytes : bytes;
	*rsi = (*rsi & ~amask) | ((*rsi + step) & amask);
	*rdi = (*rdi & ~amask) | ((*rdi + step) & amask);
	if (rep) {
		*rcx = (*rcx & ~amask) | ((*rcx - 1) & amask);
		if (*rcx & amask)
			return COCO_VC_RETRY;
	}
	return COCO_VC_OK;
}

/**
 * coco_vc_mmio() - emulate an MMIO access
 * @env: the handler's environment
 * @ctx: the interrupted context (kernel mode)
 * @insn: the decoded instruction (already checked to be an MMIO kind)
 *
 * Return: COCO_VC_OK, COCO_VC_RETRY (REP MOVS not finished),
 * COCO_VC_EXCEPTION, COCO_VC_UNSUPPORTED (user mode, or an address that is
 * not MMIO), COCO_VC_VMM_ERROR.
 */
enum coco_vc_result coco_vc_mmio(struct coco_vc_env *env,
				 struct coco_vc_ctx *ctx,
				 const struct coco_insn *insn)
{
	enum coco_insn_mmio kind = coco_insn_mmio_kind(insn);
	unsigned int bytes = coco_insn_mmio_bytes(insn);
	u8 *buf = coco_ghcb_shared_buf(env->ghcb);
	enum coco_vc_result res;
	u64 va, gpa, val;

	if (ctx->cpl)
		return COCO_VC_UNSUPPORTED;
	if (kind == COCO_INSN_MMIO_MOVS)
		return vc_mmio_movs(env, ctx, insn);
	if (coco_insn_mem_addr(insn, &ctx->regs, ctx->regs.rip + insn->length,
			       &va))
		return COCO_VC_DECODE_FAILED;
	if (env->ops->mmio_gpa(env->ops->ctx, va, &gpa))
		return COCO_VC_UNSUPPORTED;

	switch (kind) {
	case COCO_INSN_MMIO_WRITE:
		vc_store_le(buf, vc_get_reg(ctx, insn, bytes), bytes);
		return vc_mmio_exit(env, ctx, gpa, bytes, true);
	case COCO_INSN_MMIO_WRITE_IMM:
		vc_store_le(buf, insn->imm, bytes);
		return vc_mmio_exit(env, ctx, gpa, bytes, true);
	case COCO_INSN_MMIO_READ:
	case COCO_INSN_MMIO_READ_ZERO_EXTEND:
	case COCO_INSN_MMIO_READ_SIGN_EXTEND:
		res = vc_mmio_exit(env, ctx, gpa, bytes, false);
		if (res != COCO_VC_OK)
			return res;
		/* One read of the shared buffer; the register gets the copy. */
		val = vc_load_le(buf, bytes);
		if (kind == COCO_INSN_MMIO_READ) {
			vc_set_reg(ctx, insn, val, bytes);
			return COCO_VC_OK;
		}
		if (kind == COCO_INSN_MMIO_READ_SIGN_EXTEND)
			val = vc_sign_extend(val, bytes);
		vc_set_reg(ctx, insn, val, insn->opnd_bytes);
		return COCO_VC_OK;
	default:
		return COCO_VC_DECODE_FAILED;
	}
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * #VC emulation of port I/O: IN/OUT through the GHCB's RAX, INS/OUTS
 * through its shared buffer in chunks of up to 2032 bytes per exit.  A REP
 * string instruction is done chunk by chunk with RETRY in between, so the
 * interrupted context can take interrupts.  User-mode rules: the I/O
 * permission check, and string pointers that must stay in user space.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/vc.h>

static u64 vc_addr_mask(unsigned int bytes)
{
	return bytes == 8 ? ~0ULL : (1ULL << (8 * bytes)) - 1;
}

/**
 * coco_vc_ioio_exitinfo() - SW_EXITINFO1 of an IOIO exit
 * @insn: the decoded instruction
 * @io: its port I/O description
 * @port: the port (DX or the immediate)
 *
 * Return: the exit information word (type, string, rep, sizes, segment,
 * port) as the GHCB specification encodes it.
 */
u64 coco_vc_ioio_exitinfo(const struct coco_insn *insn,
			  const struct coco_insn_io *io, u16 port)
{
	u64 info = (u64)port << SVM_IOIO_PORT_SHIFT;

	if (io->in)
		info |= SVM_IOIO_TYPE_IN;
	if (io->string) {
		info |= SVM_IOIO_STR;
		/* INS writes ES:rDI; OUTS reads DS:rSI or its override. */
		info |= (u64)(io->in ? COCO_INSN_SEG_ES :
			      io->seg == COCO_INSN_SEG_NONE ? COCO_INSN_SEG_DS :
			      io->seg) << SVM_IOIO_SEG_SHIFT;
	}
	if (io->rep)
		info |= SVM_IOIO_REP;
	info |= (u64)io->size << SVM_IOIO_SIZE_SHIFT;
	/* Address size one-hot: bit 7 = 16, bit 8 = 32, bit 9 = 64. */
	info |= (u64)(io->addr_bytes / 2) << SVM_IOIO_ASIZE_SHIFT;
	return info;
}

static enum coco_vc_result vc_io_plain(struct coco_vc_env *env,
				       struct coco_vc_ctx *ctx,
				       const struct coco_insn_io *io, u64 info)
{
	u64 mask = vc_addr_mask(io->size), *rax = &ctx->regs.gpr[COCO_INSN_RAX];
	struct coco_ghcb_call call = {
		.exit_code = SVM_EXIT_IOIO,
		.info1 = info,
		.in = { .valid = COCO_GHCB_RAX },
	};
	enum coco_vc_result res;

	if (!io->in)
		call.in.rax = *rax & mask;
	res = coco_vc_hv_call(env, ctx, &call);
	if (res != COCO_VC_OK || !io->in)
		return res;
	if (!(call.out.valid & COCO_GHCB_RAX))
		return COCO_VC_VMM_ERROR;
	/* IN to EAX clears the upper half; AL/AX keep the rest of RAX. */
	if (io->size == 4)
		*rax = (u32)call.out.rax;
	else
		*rax = (*rax & ~mask) | (call.out.rax & mask);
	return COCO_VC_OK;
}

static enum coco_vc_result vc_page_fault(struct coco_vc_ctx *ctx, u64 addr,
					 bool write)
{
	ctx->exc_vector = X86_VECTOR_PF;
	ctx->exc_error = (write ? 2 : 0) | (ctx->cpl ? 4 : 0);
	ctx->exc_has_error = true;
	ctx->exc_addr = addr;
	return COCO_VC_EXCEPTION;
}

static enum coco_vc_result vc_io_string(struct coco_vc_env *env,
					struct coco_vc_ctx *ctx,
					const struct coco_insn *insn,
					const struct coco_insn_io *io, u64 info)
{
	u64 amask = vc_addr_mask(io->addr_bytes);
	u8 ptr_reg = io->in ? COCO_INSN_RDI : COCO_INSN_RSI;
	u64 *ptr = &ctx->regs.gpr[ptr_reg], *rcx = &ctx->regs.gpr[COCO_INSN_RCX];
	u64 count = io->rep ? *rcx & amask : 1, chunk, i, addr, span, lo, hi;
	bool down = ctx->rflags & X86_RFLAGS_DF;
	u8 *buf = coco_ghcb_shared_buf(env->ghcb);
	struct coco_ghcb_call call;
	enum coco_vc_result res;

	if (!count)
		return COCO_VC_OK;
	chunk = GHCB_SHARED_BUF_SIZE / io->size;
	if (chunk > count)
		chunk = count;
	if (coco_insn_str_addr(insn, &ctx->regs, io->in, &addr))
		return COCO_VC_DECODE_FAILED;

	/* User space may only move data to and from user space. */
	span = chunk * io->size;
	lo = down ? addr - (span - io->size) : addr;
	hi = lo + span;
	if (ctx->cpl && (lo > addr || hi < lo || hi > env->user_top))
		return vc_page_fault(ctx, addr, io->in);

	if (!io->in) {
		for (i = 0; i < chunk; i++) {
			u64 a = down ? addr - i * io->size : addr + i * io->size;

			if (env->ops->read(env->ops->ctx, a, buf + i * io->size,
					   io->size))
				return vc_page_fault(ctx, a, false);
		}
	}
	call = (struct coco_ghcb_call){
		.exit_code = SVM_EXIT_IOIO,
		.info1 = info,
		.info2 = chunk,
		.in = {
			.valid = COCO_GHCB_SCRATCH,
			.scratch = coco_ghcb_shared_buf_gpa(env->ghcb),
		},
	};
	res = coco_vc_hv_call(env, ctx, &call);
	if (res != COCO_VC_OK)
		return res;
	if (io->in) {
		for (i = 0; i < chunk; i++) {
			u64 a = down ? addr - i * io->size : addr + i * io->size;

			/* One copy out of the shared buffer per element. */
			if (env->ops->write(env->ops->ctx, a, buf + i * io->size,
					    io->size))
				return vc_page_fault(ctx, a, true);
		}
	}

	span = chunk * io->size;
	*ptr = (*ptr & ~amask) | ((down ? *ptr - span : *ptr + span) & amask);
	if (io->rep) {
		*rcx = (*rcx & ~amask) | ((*rcx - chunk) & amask);
		if (*rcx & amask)
			return COCO_VC_RETRY;
	}
	return COCO_VC_OK;
}

/**
 * coco_vc_ioio() - emulate an IN, OUT, INS or OUTS
 * @env: the handler's environment
 * @ctx: the interrupted context
 * @insn: the decoded instruction (already checked to be port I/O)
 *
 * Return: COCO_VC_OK, COCO_VC_RETRY (REP string not finished),
 * COCO_VC_EXCEPTION (#GP for a forbidden user port, #PF for a bad user
 * pointer, or an injected #GP/#UD), COCO_VC_VMM_ERROR.
 */
enum coco_vc_result coco_vc_ioio(struct coco_vc_env *env,
				 struct coco_vc_ctx *ctx,
				 const struct coco_insn *insn)
{
	struct coco_insn_io io;
	u16 port;
	u64 info;

	if (coco_insn_io(insn, &io))
		return COCO_VC_DECODE_FAILED;
	port = io.port_in_dx ? (u16)ctx->regs.gpr[COCO_INSN_RDX] : io.port;
	if (ctx->cpl && (!env->ops->io_permitted ||
			 !env->ops->io_permitted(env->ops->ctx, port, io.size))) {
		ctx->exc_vector = X86_VECTOR_GP;
		ctx->exc_error = 0;
		ctx->exc_has_error = true;
		return COCO_VC_EXCEPTION;
	}
	info = coco_vc_ioio_exitinfo(insn, &io, port);
	if (io.string)
		return vc_io_string(env, ctx, insn, &io, info);
	return vc_io_plain(env, ctx, &io, info);
}

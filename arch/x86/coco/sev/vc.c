// SPDX-License-Identifier: GPL-2.0-only
/*
 * #VC dispatch: fetch and decode the instruction at RIP, check that it is
 * the instruction the exit code claims (a hypervisor can inject #VC with
 * any code at any time), then emulate it through the GHCB.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/vc.h>

/* Does the decoded instruction belong to this exit code? */
static bool vc_opcode_matches(const struct coco_insn *insn, u64 exit_code)
{
	/* Every instruction #VC emulates raises #UD with LOCK instead. */
	if (insn->prefixes & COCO_INSN_PFX_LOCK)
		return false;
	switch (exit_code) {
	case SVM_EXIT_CPUID:
		return insn->op == COCO_INSN_OP_CPUID;
	case SVM_EXIT_IOIO:
		return insn->op == COCO_INSN_OP_IN ||
		       insn->op == COCO_INSN_OP_OUT ||
		       insn->op == COCO_INSN_OP_INS ||
		       insn->op == COCO_INSN_OP_OUTS;
	case SVM_EXIT_MSR:
		return insn->op == COCO_INSN_OP_RDMSR ||
		       insn->op == COCO_INSN_OP_WRMSR;
	case SVM_EXIT_NPF:
		return coco_insn_mmio_kind(insn) != COCO_INSN_MMIO_DECODE_FAILED;
	case SVM_EXIT_RDTSC:
		return insn->op == COCO_INSN_OP_RDTSC;
	case SVM_EXIT_RDTSCP:
		return insn->op == COCO_INSN_OP_RDTSCP;
	case SVM_EXIT_RDPMC:
		return insn->op == COCO_INSN_OP_RDPMC;
	case SVM_EXIT_READ_DR7:
		return insn->op == COCO_INSN_OP_MOV_FROM_DR && insn->reg == 7;
	case SVM_EXIT_WRITE_DR7:
		return insn->op == COCO_INSN_OP_MOV_TO_DR && insn->reg == 7;
	case SVM_EXIT_WBINVD:
		return insn->op == COCO_INSN_OP_WBINVD;
	case SVM_EXIT_VMMCALL:
		return insn->op == COCO_INSN_OP_VMMCALL;
	case SVM_EXIT_MONITOR:
		return insn->op == COCO_INSN_OP_MONITOR ||
		       insn->op == COCO_INSN_OP_MONITORX;
	case SVM_EXIT_MWAIT:
		return insn->op == COCO_INSN_OP_MWAIT ||
		       insn->op == COCO_INSN_OP_MWAITX;
	case SVM_EXIT_INVD:
		return insn->op == COCO_INSN_OP_INVD;
	default:
		return false;
	}
}

/**
 * coco_vc_hv_call() - one GHCB exit on behalf of the handler
 * @env: the handler's environment
 * @ctx: the interrupted context (receives an injected exception)
 * @call: the request; the response lands in it
 *
 * Return: COCO_VC_OK, COCO_VC_EXCEPTION for a #GP/#UD the hypervisor asked
 * for, or COCO_VC_VMM_ERROR.
 */
enum coco_vc_result coco_vc_hv_call(struct coco_vc_env *env,
				    struct coco_vc_ctx *ctx,
				    struct coco_ghcb_call *call)
{
	int ret;

	env->nr_exits++;
	ret = coco_ghcb_hv_call(env->plat, env->ghcb, call);
	if (ret == COCO_GHCB_INJECT) {
		ctx->exc_vector = call->exc_vector;
		ctx->exc_error = call->exc_error;
		ctx->exc_has_error = call->exc_has_error;
		return COCO_VC_EXCEPTION;
	}
	return ret ? COCO_VC_VMM_ERROR : COCO_VC_OK;
}

/* The exit's outputs, all required to be valid. */
static bool vc_out_valid(const struct coco_ghcb_call *call, u32 need)
{
	return (call->out.valid & need) == need;
}

static void vc_set_edx_eax(struct coco_vc_ctx *ctx, u64 rax, u64 rdx)
{
	/* 32-bit results: the upper halves of RAX and RDX are cleared. */
	ctx->regs.gpr[COCO_INSN_RAX] = (u32)rax;
	ctx->regs.gpr[COCO_INSN_RDX] = (u32)rdx;
}

/*
 * CPUID from the hypervisor: one GHCB exit, or before a GHCB exists four
 * MSR-protocol round trips.  The MSR protocol carries neither a subleaf
 * nor XCR0, so a non-zero subleaf is refused rather than answered for
 * subleaf 0.
 */
static int vc_cpuid_hv(struct coco_vc_env *env, u32 leaf, u32 subleaf,
		       struct coco_cpuid_regs *out)
{
	if (env->ghcb) {
		env->nr_exits++;
		return coco_ghcb_cpuid(env->plat, env->ghcb, leaf, subleaf,
				       env->xcr0, out);
	}
	if (subleaf)
		return -EPROTONOSUPPORT;
	env->nr_exits += 4;
	return coco_ghcb_msr_cpuid(env->plat, leaf, out);
}

struct vc_cpuid_hv {
	struct coco_vc_env *env;
	struct coco_vc_ctx *ctx;
};

static int vc_cpuid_from_hv(void *arg, u32 leaf, u32 subleaf,
			    struct coco_cpuid_regs *out)
{
	struct vc_cpuid_hv *hv = arg;

	return vc_cpuid_hv(hv->env, leaf, subleaf, out);
}

static enum coco_vc_result vc_cpuid(struct coco_vc_env *env,
				    struct coco_vc_ctx *ctx)
{
	u32 leaf = ctx->regs.gpr[COCO_INSN_RAX];
	u32 subleaf = ctx->regs.gpr[COCO_INSN_RCX];
	struct coco_cpuid_regs r;
	int ret;

	if (env->cpuid_table) {
		struct vc_cpuid_hv hv = { env, ctx };
		struct coco_snp_cpuid_env cenv = *env->cpuid_env;

		/* Only the fields the table leaves to the hypervisor exit. */
		cenv.hv_cpuid = vc_cpuid_from_hv;
		cenv.ctx = &hv;
		ret = coco_snp_cpuid(env->cpuid_table, &cenv, leaf, subleaf, &r);
	} else {
		ret = vc_cpuid_hv(env, leaf, subleaf, &r);
	}
	if (ret == -EPROTONOSUPPORT)
		return COCO_VC_UNSUPPORTED;
	if (ret)
		return COCO_VC_VMM_ERROR;
	ctx->regs.gpr[COCO_INSN_RAX] = r.eax;
	ctx->regs.gpr[COCO_INSN_RBX] = r.ebx;
	ctx->regs.gpr[COCO_INSN_RCX] = r.ecx;
	ctx->regs.gpr[COCO_INSN_RDX] = r.edx;
	return COCO_VC_OK;
}

static enum coco_vc_result vc_msr(struct coco_vc_env *env,
				  struct coco_vc_ctx *ctx,
				  const struct coco_insn *insn)
{
	bool write = insn->op == COCO_INSN_OP_WRMSR;
	struct coco_ghcb_call call = {
		.exit_code = SVM_EXIT_MSR,
		.info1 = write,
		.in = {
			.valid = COCO_GHCB_RCX,
			.rcx = ctx->regs.gpr[COCO_INSN_RCX] & 0xffffffff,
		},
	};
	enum coco_vc_result res;

	if (write) {
		call.in.valid |= COCO_GHCB_RAX | COCO_GHCB_RDX;
		call.in.rax = (u32)ctx->regs.gpr[COCO_INSN_RAX];
		call.in.rdx = (u32)ctx->regs.gpr[COCO_INSN_RDX];
	}
	res = coco_vc_hv_call(env, ctx, &call);
	if (res != COCO_VC_OK || write)
		return res;
	if (!vc_out_valid(&call, COCO_GHCB_RAX | COCO_GHCB_RDX))
		return COCO_VC_VMM_ERROR;
	vc_set_edx_eax(ctx, call.out.rax, call.out.rdx);
	return COCO_VC_OK;
}

static enum coco_vc_result vc_simple(struct coco_vc_env *env,
				     struct coco_vc_ctx *ctx, u64 exit_code)
{
	struct coco_ghcb_call call = { .exit_code = exit_code };
	u32 need = 0;
	enum coco_vc_result res;

	switch (exit_code) {
	case SVM_EXIT_RDTSC:
		need = COCO_GHCB_RAX | COCO_GHCB_RDX;
		break;
	case SVM_EXIT_RDTSCP:
		need = COCO_GHCB_RAX | COCO_GHCB_RDX | COCO_GHCB_RCX;
		break;
	case SVM_EXIT_RDPMC:
		call.in.valid = COCO_GHCB_RCX;
		call.in.rcx = ctx->regs.gpr[COCO_INSN_RCX];
		need = COCO_GHCB_RAX | COCO_GHCB_RDX;
		break;
	case SVM_EXIT_VMMCALL:
		call.in.valid = COCO_GHCB_RAX | COCO_GHCB_CPL;
		call.in.rax = ctx->regs.gpr[COCO_INSN_RAX];
		call.in.cpl = ctx->cpl;
		need = COCO_GHCB_RAX;
		break;
	case SVM_EXIT_WRITE_DR7:
		call.in.valid = COCO_GHCB_RAX;
		call.in.rax = env->dr7;
		break;
	default:	/* WBINVD */
		break;
	}
	res = coco_vc_hv_call(env, ctx, &call);
	if (res != COCO_VC_OK)
		return res;
	if (!vc_out_valid(&call, need))
		return COCO_VC_VMM_ERROR;
	if (exit_code == SVM_EXIT_VMMCALL) {
		ctx->regs.gpr[COCO_INSN_RAX] = call.out.rax;
	} else if (need & COCO_GHCB_RDX) {
		vc_set_edx_eax(ctx, call.out.rax, call.out.rdx);
		if (exit_code == SVM_EXIT_RDTSCP)
			ctx->regs.gpr[COCO_INSN_RCX] = (u32)call.out.rcx;
	}
	return COCO_VC_OK;
}

static enum coco_vc_result vc_dr7(struct coco_vc_env *env,
				  struct coco_vc_ctx *ctx,
				  const struct coco_insn *insn, u64 exit_code)
{
	/* DR7 access is a kernel matter; the hypervisor only keeps a copy. */
	if (ctx->cpl)
		return COCO_VC_UNSUPPORTED;
	if (exit_code == SVM_EXIT_READ_DR7) {
		ctx->regs.gpr[insn->rm] = env->dr7;
		return COCO_VC_OK;
	}
	env->dr7 = ctx->regs.gpr[insn->rm];
	return vc_simple(env, ctx, exit_code);
}

static enum coco_vc_result vc_dispatch(struct coco_vc_env *env,
				       struct coco_vc_ctx *ctx,
				       const struct coco_insn *insn,
				       u64 exit_code)
{
	switch (exit_code) {
	case SVM_EXIT_CPUID:
		return vc_cpuid(env, ctx);
	case SVM_EXIT_IOIO:
		return coco_vc_ioio(env, ctx, insn);
	case SVM_EXIT_MSR:
		/* MSRs are the kernel's; user space gets a #GP as on hardware. */
		if (ctx->cpl) {
			ctx->exc_vector = X86_VECTOR_GP;
			ctx->exc_error = 0;
			ctx->exc_has_error = true;
			return COCO_VC_EXCEPTION;
		}
		return vc_msr(env, ctx, insn);
	case SVM_EXIT_NPF:
		return coco_vc_mmio(env, ctx, insn);
	case SVM_EXIT_READ_DR7:
	case SVM_EXIT_WRITE_DR7:
		return vc_dr7(env, ctx, insn, exit_code);
	case SVM_EXIT_MONITOR:
	case SVM_EXIT_MWAIT:
		/* Treated as no-ops: an exit would hand the hypervisor an address. */
		return COCO_VC_OK;
	case SVM_EXIT_RDTSC:
	case SVM_EXIT_RDTSCP:
	case SVM_EXIT_RDPMC:
	case SVM_EXIT_WBINVD:
	case SVM_EXIT_VMMCALL:
		return vc_simple(env, ctx, exit_code);
	default:
		/* INVD would drop dirty cache lines (CacheWarp): never. */
		return COCO_VC_UNSUPPORTED;
	}
}

/**
 * coco_vc_handle() - handle one #VC exception
 * @env: the handler's environment, with this CPU's GHCB claimed, or with
 *	none before one exists (early boot): then only CPUID is emulated

 * @ctx: the interrupted context; registers and RIP are updated
 * @exit_code: the #VC error code
 *
 * Return: what the caller must do next (enum coco_vc_result).  In kernel
 * mode anything but OK, RETRY and EXCEPTION means termination.
 */
enum coco_vc_result coco_vc_handle(struct coco_vc_env *env,
				   struct coco_vc_ctx *ctx, u64 exit_code)
{
	u8 buf[COCO_INSN_MAX_LEN];
	struct coco_insn insn;
	enum coco_vc_result res;
	int n;

	n = env->ops->fetch(env->ops->ctx, ctx->regs.rip, buf, sizeof(buf));
	if (n <= 0 || coco_insn_decode(&insn, buf, n, true))
		return COCO_VC_DECODE_FAILED;
	if (!vc_opcode_matches(&insn, exit_code))
		return COCO_VC_UNSUPPORTED;
	/* Without a GHCB only the MSR protocol is there: CPUID alone. */
	if (!env->ghcb && exit_code != SVM_EXIT_CPUID)
		return COCO_VC_UNSUPPORTED;

	res = vc_dispatch(env, ctx, &insn, exit_code);
	if (res == COCO_VC_OK)
		ctx->regs.rip += insn.length;
	return res;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The #VC handler: emulation of the instructions an SEV-ES/SNP guest's
 * hypervisor can no longer see, asking the hypervisor through the GHCB for
 * exactly what each needs.  The instruction at RIP is fetched and decoded
 * again and must match the exit code, because the hypervisor can inject a
 * #VC anywhere.
 */
#ifndef _COCO_X86_VC_H
#define _COCO_X86_VC_H

#include <linux/types.h>
#include <coco/ghcb.h>
#include <coco/insn.h>
#include <coco/snp_cpuid.h>

/* Exit codes the handler knows (#VC error code = SVM exit code). */
#define SVM_EXIT_READ_DR7		0x027ULL
#define SVM_EXIT_WRITE_DR7		0x037ULL
#define SVM_EXIT_RDTSC			0x06eULL
#define SVM_EXIT_RDPMC			0x06fULL
#define SVM_EXIT_INVD			0x076ULL
#define SVM_EXIT_IOIO			0x07bULL
#define SVM_EXIT_MSR			0x07cULL
#define SVM_EXIT_VMMCALL		0x081ULL
#define SVM_EXIT_RDTSCP			0x087ULL
#define SVM_EXIT_WBINVD			0x089ULL
#define SVM_EXIT_MONITOR		0x08aULL
#define SVM_EXIT_MWAIT			0x08bULL
#define SVM_EXIT_NPF			0x400ULL
#define SVM_VMGEXIT_MMIO_READ		0x80000001ULL
#define SVM_VMGEXIT_MMIO_WRITE		0x80000002ULL

/* IOIO exit_info_1. */
#define SVM_IOIO_TYPE_IN		BIT(0)
#define SVM_IOIO_STR			BIT(2)
#define SVM_IOIO_REP			BIT(3)
#define SVM_IOIO_SIZE_SHIFT		4
#define SVM_IOIO_ASIZE_SHIFT		7
#define SVM_IOIO_SEG_SHIFT		10
#define SVM_IOIO_PORT_SHIFT		16

#define X86_VECTOR_PF			14
#define X86_RFLAGS_DF			BIT(10)

/**
 * enum coco_vc_result - what the caller of coco_vc_handle() must do
 * @COCO_VC_OK: emulated; RIP has been advanced
 * @COCO_VC_RETRY: part of a REP string done; RIP stays, return and let
 *	the instruction fault again
 * @COCO_VC_EXCEPTION: raise ctx->exc_* in the interrupted context
 * @COCO_VC_UNSUPPORTED: refused (mismatching opcode, INVD, MMIO from user
 *	mode, unknown exit): SIGBUS for user mode, termination for the kernel
 * @COCO_VC_VMM_ERROR: the hypervisor answered wrongly: terminate
 * @COCO_VC_DECODE_FAILED: the instruction could not be fetched or decoded
 */
enum coco_vc_result {
	COCO_VC_OK,
	COCO_VC_RETRY,
	COCO_VC_EXCEPTION,
	COCO_VC_UNSUPPORTED,
	COCO_VC_VMM_ERROR,
	COCO_VC_DECODE_FAILED,
};

/**
 * struct coco_vc_ctx - the interrupted context
 * @regs: general registers and RIP (updated by emulation)
 * @rflags: RFLAGS (DF steers string instructions)
 * @cpl: 0 for the kernel, 3 for user space
 * @exc_vector: with COCO_VC_EXCEPTION: the vector to raise
 * @exc_error: its error code
 * @exc_has_error: whether it has one
 * @exc_addr: for #PF, the faulting address
 */
struct coco_vc_ctx {
	struct coco_insn_regs regs;
	u64 rflags;
	u8 cpl;
	u8 exc_vector;
	u32 exc_error;
	bool exc_has_error;
	u64 exc_addr;
};

/**
 * struct coco_vc_ops - how to reach the interrupted context's memory
 * @fetch: copy up to @len instruction bytes at @rip; returns the number
 *	copied (at least 1) or a negative errno
 * @read: copy @len bytes at guest virtual @va; 0 or a negative errno
 * @write: store @len bytes at @va; 0 or a negative errno
 * @mmio_gpa: translate @va; returns 0 and the address only when @va is
 *	mapped as MMIO (shared, not RAM), a negative errno otherwise
 * @io_permitted: for user mode: may the context access @size bytes at
 *	@port (IOPL and the I/O permission bitmap)
 * @ctx: passed to every operation
 */
struct coco_vc_ops {
	int (*fetch)(void *ctx, u64 rip, u8 *buf, unsigned int len);
	int (*read)(void *ctx, u64 va, void *buf, unsigned int len);
	int (*write)(void *ctx, u64 va, const void *buf, unsigned int len);
	int (*mmio_gpa)(void *ctx, u64 va, u64 *gpa);
	bool (*io_permitted)(void *ctx, u16 port, unsigned int size);
	void *ctx;
};

/**
 * struct coco_vc_env - the handler's environment
 * @plat: the platform seam
 * @ghcb: this CPU's GHCB, claimed by the caller (coco_ghcb_get()); NULL
 *	before one exists (early boot): CPUID through the MSR protocol only
 * @cpuid_table: the SNP CPUID table, or NULL to ask the hypervisor
 * @cpuid_env: environment for @cpuid_table lookups
 * @ops: memory and permission accessors
 * @user_top: the lowest address that is not user space
 * @xcr0: the current XCR0, sent with CPUID requests
 * @dr7: the DR7 value the guest last wrote (reads are answered from it)
 * @nr_exits: GHCB exits this handler made
 */
struct coco_vc_env {
	const struct coco_platform *plat;
	struct coco_ghcb *ghcb;
	const struct coco_snp_cpuid_table *cpuid_table;
	const struct coco_snp_cpuid_env *cpuid_env;
	const struct coco_vc_ops *ops;
	u64 user_top;
	u64 xcr0;
	u64 dr7;
	unsigned long nr_exits;
};

enum coco_vc_result coco_vc_handle(struct coco_vc_env *env,
				   struct coco_vc_ctx *ctx, u64 exit_code);
u64 coco_vc_ioio_exitinfo(const struct coco_insn *insn,
			  const struct coco_insn_io *io, u16 port);

/* Internal: the exit handlers of vc_ioio.c and vc_mmio.c. */
enum coco_vc_result coco_vc_hv_call(struct coco_vc_env *env,
				    struct coco_vc_ctx *ctx,
				    struct coco_ghcb_call *call);
enum coco_vc_result coco_vc_ioio(struct coco_vc_env *env,
				 struct coco_vc_ctx *ctx,
				 const struct coco_insn *insn);
enum coco_vc_result coco_vc_mmio(struct coco_vc_env *env,
				 struct coco_vc_ctx *ctx,
				 const struct coco_insn *insn);

#endif /* _COCO_X86_VC_H */

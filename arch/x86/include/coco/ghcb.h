/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The guest side of the GHCB protocols: the MSR protocol and the GHCB page
 * protocol (version 2).  Everything the hypervisor writes is copied out of
 * the shared page once and then checked; nothing is read from it twice.
 */
#ifndef _COCO_X86_GHCB_H
#define _COCO_X86_GHCB_H

#include <linux/types.h>
#include <coco/platform.h>
#include <coco/sev.h>

/* ---- MSR protocol ---------------------------------------------------- */

/**
 * struct coco_sev_info - the hypervisor's SEV information response
 * @max_version: highest GHCB protocol version it speaks
 * @min_version: lowest GHCB protocol version it speaks
 * @cbit: the C-bit position it claims
 * @version: the version this guest will use
 */
struct coco_sev_info {
	u16 max_version;
	u16 min_version;
	u8 cbit;
	u16 version;
};

u64 coco_ghcb_msr_call(const struct coco_platform *plat, u64 request);
int coco_ghcb_msr_sev_info(const struct coco_platform *plat,
			   struct coco_sev_info *info);
int coco_ghcb_msr_cpuid(const struct coco_platform *plat, u32 leaf,
			struct coco_cpuid_regs *regs);
int coco_ghcb_msr_register(const struct coco_platform *plat, u64 gpa);
int coco_ghcb_msr_psc(const struct coco_platform *plat, u64 gfn, bool shared);
int coco_ghcb_msr_hv_features(const struct coco_platform *plat, u64 *features);
void coco_ghcb_msr_terminate(const struct coco_platform *plat,
			     unsigned int set, unsigned int reason);

/* ---- GHCB page protocol ---------------------------------------------- */

/* Registers a GHCB call can carry, as bits of a valid mask. */
#define COCO_GHCB_RAX		BIT(0)
#define COCO_GHCB_RBX		BIT(1)
#define COCO_GHCB_RCX		BIT(2)
#define COCO_GHCB_RDX		BIT(3)
#define COCO_GHCB_XCR0		BIT(4)
#define COCO_GHCB_CPL		BIT(5)
#define COCO_GHCB_SCRATCH	BIT(6)

/**
 * struct coco_ghcb_regs - register values of one direction of a call
 * @valid: COCO_GHCB_* bits: which of the values are present
 * @rax: RAX
 * @rbx: RBX
 * @rcx: RCX
 * @rdx: RDX
 * @xcr0: XCR0
 * @cpl: CPL
 * @scratch: SW_SCRATCH
 */
struct coco_ghcb_regs {
	u32 valid;
	u64 rax;
	u64 rbx;
	u64 rcx;
	u64 rdx;
	u64 xcr0;
	u8 cpl;
	u64 scratch;
};

/**
 * struct coco_ghcb_call - one non-automatic exit through the GHCB page
 * @exit_code: SW_EXITCODE
 * @info1: SW_EXITINFO1 of the request
 * @info2: SW_EXITINFO2 of the request
 * @in: registers sent
 * @out: registers the hypervisor returned with their valid bits (a private
 *	snapshot)
 * @out_info1: SW_EXITINFO1 of the response
 * @out_info2: SW_EXITINFO2 of the response
 * @exc_vector: with COCO_GHCB_INJECT: the exception to raise (#GP or #UD)
 * @exc_error: its error code, when it has one
 * @exc_has_error: whether it has one
 */
struct coco_ghcb_call {
	u64 exit_code;
	u64 info1;
	u64 info2;
	struct coco_ghcb_regs in;
	struct coco_ghcb_regs out;
	u64 out_info1;
	u64 out_info2;
	u8 exc_vector;
	u32 exc_error;
	bool exc_has_error;
};

/*
 * The largest certificate buffer of an extended guest request, in pages:
 * 256 KiB, room for the ARK, ASK and VCEK/VLEK certificates (a few KiB)
 * and a CRL.  Linux's sev-guest offers at most 16 KiB.
 */
#define COCO_GHCB_CERTS_MAX_PAGES	64

/* coco_ghcb_hv_call() result: the hypervisor asks to raise an exception. */
#define COCO_GHCB_INJECT	1

/**
 * struct coco_ghcb - one vCPU's GHCB
 * @page: the GHCB page, shared with the hypervisor
 * @gpa: its guest physical address, registered with the hypervisor
 * @version: the negotiated protocol version
 * @active: a call is using the GHCB
 * @backup_active: a nested call is using it; @backup holds the outer
 *	call's contents
 * @backup: private copy of the page while a nested call runs
 */
struct coco_ghcb {
	u8 *page;
	u64 gpa;
	u16 version;
	bool active;
	bool backup_active;
	u8 backup[GHCB_PAGE_SIZE];
};

int coco_ghcb_init(const struct coco_platform *plat, struct coco_ghcb *ghcb,
		   u8 *page, u16 version);
int coco_ghcb_get(struct coco_ghcb *ghcb);
void coco_ghcb_put(struct coco_ghcb *ghcb);
int coco_ghcb_hv_call(const struct coco_platform *plat, struct coco_ghcb *ghcb,
		      struct coco_ghcb_call *call);
u8 *coco_ghcb_shared_buf(struct coco_ghcb *ghcb);
u64 coco_ghcb_shared_buf_gpa(const struct coco_ghcb *ghcb);
int coco_ghcb_hv_features(const struct coco_platform *plat,
			  struct coco_ghcb *ghcb, u64 *features);
int coco_ghcb_cpuid(const struct coco_platform *plat, struct coco_ghcb *ghcb,
		    u32 leaf, u32 subleaf, u64 xcr0,
		    struct coco_cpuid_regs *regs);
int coco_ghcb_guest_request(const struct coco_platform *plat,
			    struct coco_ghcb *ghcb, u64 req_gpa, u64 resp_gpa,
			    bool ext, u64 certs_gpa, u32 *certs_pages,
			    u64 *exitinfo2);

#endif /* _COCO_X86_GHCB_H */

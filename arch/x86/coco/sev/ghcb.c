// SPDX-License-Identifier: GPL-2.0-only
/*
 * The GHCB page protocol, version 2.  A call writes its inputs into the
 * shared page with their valid bits, exits, then copies the response out
 * once into private memory and judges only that copy: the hypervisor can
 * rewrite the page at any time.
 */
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/types.h>
#include <coco/byteimg_le.h>
#include <coco/ghcb.h>

/* Where each carried register lives, and its valid-bitmap bit (off / 8). */
static const struct {
	u32 flag;
	u16 off;
} ghcb_reg_slots[] = {
	{ COCO_GHCB_RAX, GHCB_OFF_RAX },
	{ COCO_GHCB_RBX, GHCB_OFF_RBX },
	{ COCO_GHCB_RCX, GHCB_OFF_RCX },
	{ COCO_GHCB_RDX, GHCB_OFF_RDX },
	{ COCO_GHCB_XCR0, GHCB_OFF_XCR0 },
	{ COCO_GHCB_SCRATCH, GHCB_OFF_SW_SCRATCH },
};

static u64 *ghcb_reg_ptr(struct coco_ghcb_regs *r, u32 flag)
{
	switch (flag) {
	case COCO_GHCB_RAX:
		return &r->rax;
	case COCO_GHCB_RBX:
		return &r->rbx;
	case COCO_GHCB_RCX:
		return &r->rcx;
	case COCO_GHCB_RDX:
		return &r->rdx;
	case COCO_GHCB_XCR0:
		return &r->xcr0;
	default:
		return &r->scratch;
	}
}

static void ghcb_mark_valid(u8 *page, unsigned int off)
{
	unsigned int bit = off / 8;

	page[GHCB_OFF_VALID_BITMAP + bit / 8] |= 1U << (bit % 8);
}

static bool ghcb_is_valid(const u8 *bitmap, unsigned int off)
{
	unsigned int bit = off / 8;

	return bitmap[bit / 8] & (1U << (bit % 8));
}

static void ghcb_set_field(u8 *page, unsigned int off, u64 val)
{
	coco_put_le64(page + off, val);
	ghcb_mark_valid(page, off);
}

/*
 * Leave nothing a later reader (or a user-space VMGEXIT) could take as
 * valid: with the bitmap and exit code cleared, stale fields mean nothing.
 */
static void ghcb_invalidate(u8 *page)
{
	unsigned int i;

	for (i = 0; i < 16; i++)
		page[GHCB_OFF_VALID_BITMAP + i] = 0;
	coco_put_le64(page + GHCB_OFF_SW_EXIT_CODE, 0);
}

/**
 * coco_ghcb_init() - set up a vCPU's GHCB
 * @plat: the platform seam
 * @ghcb: the GHCB state to initialise
 * @page: the GHCB page, already shared with the hypervisor
 * @version: the negotiated protocol version (2 for SNP)
 *
 * Registers the page's address with the hypervisor (mandatory for SNP)
 * and points the GHCB MSR at it.
 *
 * Return: 0, or -EIO when registration was not echoed (the caller
 * terminates with GHCB_TERM_REGISTER).
 */
int coco_ghcb_init(const struct coco_platform *plat, struct coco_ghcb *ghcb,
		   u8 *page, u16 version)
{
	int ret;

	ghcb->page = page;
	ghcb->gpa = plat->va_to_gpa(plat, page);
	ghcb->version = version;
	ghcb->active = false;
	ghcb->backup_active = false;
	ret = coco_ghcb_msr_register(plat, ghcb->gpa);
	if (ret)
		return ret;
	ghcb_invalidate(page);
	plat->ghcb_msr_write(plat, ghcb->gpa);
	return 0;
}

/**
 * coco_ghcb_get() - claim the GHCB for one call
 * @ghcb: the vCPU's GHCB
 *
 * A call that arrives while another is using the GHCB (a #VC inside a #VC
 * handler) saves the outer call's page contents privately and reuses the
 * page: SNP allows only the registered page.  A third level is refused.
 *
 * Return: 0, or -EBUSY when both levels are in use.
 */
int coco_ghcb_get(struct coco_ghcb *ghcb)
{
	unsigned int i;

	if (!ghcb->active) {
		ghcb->active = true;
		return 0;
	}
	if (ghcb->backup_active)
		return -EBUSY;
	for (i = 0; i < GHCB_PAGE_SIZE; i++)
		ghcb->backup[i] = ghcb->page[i];
	ghcb->backup_active = true;
	return 0;
}

/**
 * coco_ghcb_put() - release the GHCB after a call
 * @ghcb: the vCPU's GHCB
 *
 * Restores the outer call's contents after a nested call; otherwise clears
 * the exit code and valid bitmap.
 */
void coco_ghcb_put(struct coco_ghcb *ghcb)
{
	unsigned int i;

	if (ghcb->backup_active) {
		for (i = 0; i < GHCB_PAGE_SIZE; i++)
			ghcb->page[i] = ghcb->backup[i];
		ghcb->backup_active = false;
		return;
	}
	ghcb_invalidate(ghcb->page);
	ghcb->active = false;
}

/**
 * coco_ghcb_shared_buf() - the GHCB's shared buffer
 * @ghcb: the GHCB
 *
 * Return: the 2032-byte buffer inside the GHCB page.
 */
u8 *coco_ghcb_shared_buf(struct coco_ghcb *ghcb)
{
	return ghcb->page + GHCB_OFF_SHARED_BUF;
}

/**
 * coco_ghcb_shared_buf_gpa() - guest physical address of the shared buffer
 * @ghcb: the GHCB
 *
 * Return: the address SW_SCRATCH takes for data in the shared buffer.
 */
u64 coco_ghcb_shared_buf_gpa(const struct coco_ghcb *ghcb)
{
	return ghcb->gpa + GHCB_OFF_SHARED_BUF;
}

static void ghcb_snapshot(const u8 *page, struct coco_ghcb_call *call)
{
	u8 bitmap[16];
	unsigned int i;
	struct coco_ghcb_regs *out = &call->out;

	/* One copy of everything the response may carry, then only the copy. */
	for (i = 0; i < sizeof(bitmap); i++)
		bitmap[i] = page[GHCB_OFF_VALID_BITMAP + i];
	call->out_info1 = coco_get_le64(page + GHCB_OFF_SW_EXIT_INFO_1);
	call->out_info2 = coco_get_le64(page + GHCB_OFF_SW_EXIT_INFO_2);
	*out = (struct coco_ghcb_regs){ 0 };
	for (i = 0; i < ARRAY_SIZE(ghcb_reg_slots); i++) {
		if (!ghcb_is_valid(bitmap, ghcb_reg_slots[i].off))
			continue;
		out->valid |= ghcb_reg_slots[i].flag;
		*ghcb_reg_ptr(out, ghcb_reg_slots[i].flag) =
			coco_get_le64(page + ghcb_reg_slots[i].off);
	}
	if (!ghcb_is_valid(bitmap, GHCB_OFF_SW_EXIT_INFO_1))
		call->out_info1 = GHCB_RESULT_INVALID;
	if (!ghcb_is_valid(bitmap, GHCB_OFF_SW_EXIT_INFO_2))
		call->out_info2 = 0;
}

/* Only #GP and #UD may be injected back into the guest this way. */
static int ghcb_check_injection(struct coco_ghcb_call *call)
{
	u64 ev = call->out_info2;
	u8 vector = ev & GHCB_EVENT_VECTOR_MASK;

	if (!(ev & GHCB_EVENT_VALID) ||
	    ((ev >> GHCB_EVENT_TYPE_SHIFT) & GHCB_EVENT_TYPE_MASK) !=
	    GHCB_EVENT_TYPE_EXCEPTION ||
	    (vector != X86_VECTOR_GP && vector != X86_VECTOR_UD))
		return -EIO;
	call->exc_vector = vector;
	call->exc_has_error = ev & GHCB_EVENT_ERR_VALID;
	call->exc_error = ev >> 32;
	return COCO_GHCB_INJECT;
}

/**
 * coco_ghcb_hv_call() - one exit through the GHCB page
 * @plat: the platform seam
 * @ghcb: the vCPU's GHCB, claimed with coco_ghcb_get()
 * @call: request in, response out
 *
 * Return: 0 when the hypervisor handled the event (the caller must still
 * check that every register it reads is in @call->out.valid);
 * COCO_GHCB_INJECT when it asks for a #GP or #UD (@call->exc_*); -EIO for
 * any other answer, including invalid-input errors and injections of
 * other exceptions.
 */
int coco_ghcb_hv_call(const struct coco_platform *plat, struct coco_ghcb *ghcb,
		      struct coco_ghcb_call *call)
{
	u8 *page = ghcb->page;
	unsigned int i;

	ghcb_invalidate(page);
	coco_put_le16(page + GHCB_OFF_PROTOCOL_VERSION, ghcb->version);
	coco_put_le32(page + GHCB_OFF_USAGE, 0);
	ghcb_set_field(page, GHCB_OFF_SW_EXIT_CODE, call->exit_code);
	ghcb_set_field(page, GHCB_OFF_SW_EXIT_INFO_1, call->info1);
	ghcb_set_field(page, GHCB_OFF_SW_EXIT_INFO_2, call->info2);
	for (i = 0; i < ARRAY_SIZE(ghcb_reg_slots); i++) {
		if (call->in.valid & ghcb_reg_slots[i].flag)
			ghcb_set_field(page, ghcb_reg_slots[i].off,
				       *ghcb_reg_ptr(&call->in,
						     ghcb_reg_slots[i].flag));
	}
	if (call->in.valid & COCO_GHCB_CPL) {
		page[GHCB_OFF_CPL] = call->in.cpl;
		ghcb_mark_valid(page, GHCB_OFF_CPL);
	}

	plat->ghcb_msr_write(plat, ghcb->gpa);
	plat->vmgexit(plat);
	ghcb_snapshot(page, call);

	switch (call->out_info1 & 0xffffffff) {
	case GHCB_RESULT_OK:
		return 0;
	case GHCB_RESULT_EXCEPTION:
		return ghcb_check_injection(call);
	default:
		return -EIO;
	}
}

/**
 * coco_ghcb_hv_features() - the HV_FEATURES event
 * @plat: the platform seam
 * @ghcb: the vCPU's GHCB, claimed
 * @features: the hypervisor's feature bitmap
 *
 * Return: 0 or -EIO.
 */
int coco_ghcb_hv_features(const struct coco_platform *plat,
			  struct coco_ghcb *ghcb, u64 *features)
{
	struct coco_ghcb_call call = { .exit_code = SVM_VMGEXIT_HV_FEATURES };

	if (coco_ghcb_hv_call(plat, ghcb, &call))
		return -EIO;
	*features = call.out_info2;
	return 0;
}

/**
 * coco_ghcb_cpuid() - CPUID through the GHCB page
 * @plat: the platform seam
 * @ghcb: the vCPU's GHCB, claimed
 * @leaf: EAX input
 * @subleaf: ECX input
 * @xcr0: the guest's XCR0 (the hypervisor needs it for leaf 0xD)
 * @regs: the result
 *
 * Return: 0, COCO_GHCB_INJECT, or -EIO (also when the hypervisor did not
 * return all four registers as valid).
 */
int coco_ghcb_cpuid(const struct coco_platform *plat, struct coco_ghcb *ghcb,
		    u32 leaf, u32 subleaf, u64 xcr0,
		    struct coco_cpuid_regs *regs)
{
	const u32 need = COCO_GHCB_RAX | COCO_GHCB_RBX | COCO_GHCB_RCX |
			 COCO_GHCB_RDX;
	struct coco_ghcb_call call = {
		.exit_code = SVM_EXIT_CPUID,
		.in = {
			.valid = COCO_GHCB_RAX | COCO_GHCB_RCX | COCO_GHCB_XCR0,
			.rax = leaf,
			.rcx = subleaf,
			.xcr0 = xcr0,
		},
	};
	int ret = coco_ghcb_hv_call(plat, ghcb, &call);

	if (ret)
		return ret;
	if ((call.out.valid & need) != need)
		return -EIO;
	regs->eax = call.out.rax;
	regs->ebx = call.out.rbx;
	regs->ecx = call.out.rcx;
	regs->edx = call.out.rdx;
	return 0;
}

/**
 * coco_ghcb_guest_request() - hand a guest message to the AMD-SP
 * @plat: the platform seam
 * @ghcb: the vCPU's GHCB, claimed
 * @req_gpa: the shared request page
 * @resp_gpa: the shared response page (distinct, page aligned)
 * @ext: an extended request, with a certificate buffer
 * @certs_gpa: with @ext: the shared certificate buffer, page aligned and
 *	overlapping neither message page
 * @certs_pages: with @ext: its pages in (1..COCO_GHCB_CERTS_MAX_PAGES);
 *	the pages needed out when the hypervisor says INVALID_LEN
 * @exitinfo2: SW_EXITINFO2: VMM error (63:32) and firmware status (31:0)
 *
 * The page count the hypervisor returns in RBX is taken only when it is
 * larger than what was offered and fits in 32 bits; it may still exceed
 * COCO_GHCB_CERTS_MAX_PAGES, which the caller then cannot offer.
 *
 * Return: 0 when the hypervisor answered (the errors are in @exitinfo2),
 * -EINVAL for bad pages, -EIO for any other answer (also an INVALID_LEN
 * without a believable page count).
 */
int coco_ghcb_guest_request(const struct coco_platform *plat,
			    struct coco_ghcb *ghcb, u64 req_gpa, u64 resp_gpa,
			    bool ext, u64 certs_gpa, u32 *certs_pages,
			    u64 *exitinfo2)
{
	struct coco_ghcb_call call = {
		.exit_code = ext ? SVM_VMGEXIT_EXT_GUEST_REQUEST :
				   SVM_VMGEXIT_GUEST_REQUEST,
		.info1 = req_gpa,
		.info2 = resp_gpa,
	};
	u64 certs_len;

	if ((req_gpa | resp_gpa) & (GHCB_PAGE_SIZE - 1) || req_gpa == resp_gpa)
		return -EINVAL;
	if (ext) {
		if (!*certs_pages || *certs_pages > COCO_GHCB_CERTS_MAX_PAGES ||
		    certs_gpa & (GHCB_PAGE_SIZE - 1))
			return -EINVAL;
		certs_len = (u64)*certs_pages * GHCB_PAGE_SIZE;
		if (certs_gpa + certs_len < certs_gpa ||
		    req_gpa - certs_gpa < certs_len ||
		    resp_gpa - certs_gpa < certs_len)
			return -EINVAL;
		call.in.valid = COCO_GHCB_RAX | COCO_GHCB_RBX;
		call.in.rax = certs_gpa;
		call.in.rbx = *certs_pages;
	}
	if (coco_ghcb_hv_call(plat, ghcb, &call))
		return -EIO;
	*exitinfo2 = call.out_info2;
	if (ext && (*exitinfo2 >> 32) == 1) {
		/* INVALID_LEN: how many pages the certificates need. */
		if (!(call.out.valid & COCO_GHCB_RBX) ||
		    call.out.rbx <= *certs_pages ||
		    call.out.rbx != (u32)call.out.rbx)
			return -EIO;
		*certs_pages = call.out.rbx;
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the GHCB page protocol (ghcb.c).  The fake VMGEXIT
 * plays a hostile hypervisor: it checks the request the guest left in the
 * shared page, then overwrites the page with input bytes (fields with or
 * without their valid bits, raw patches anywhere); every call does so
 * again.  Checked, besides "no crash":
 *   - the request: exactly the fields of the call with their valid bits
 *     (no other valid bit), version and usage set, the GHCB MSR pointing
 *     at the page;
 *   - the response is judged on one snapshot: call->out, out_info1/2 and
 *     the result equal what the page held when VMGEXIT returned, decoded
 *     independently here; a register counts only with its valid bit;
 *   - COCO_GHCB_INJECT only for a valid exception event with vector 6 or 13;
 *   - coco_ghcb_cpuid() succeeds only when all four registers had valid
 *     bits at snapshot time, and returns exactly those values;
 *   - outputs stay equal to their snapshot after the page is rewritten by
 *     later calls or scribbled on;
 *   - coco_ghcb_get()/put(): a nested call restores the outer call's page
 *     exactly, a third level is -EBUSY, put() leaves nothing valid;
 *   - coco_ghcb_init(): registered only when the hypervisor echoed the GFN.
 * Double-fetch mode (flag bits, for the first calls of an input): between VMGEXIT returning and
 * the call returning, the page is PROT_NONE; every load faults, is
 * single-stepped, and the byte read is then changed as a hypervisor on
 * another vCPU would.  A byte read twice traps, and the outputs must equal
 * the first value of every byte read.  ghcb.c is built at -O0 for this
 * target so that each load is one byte.
 *
 * Input: a flags byte, then operations (opcode byte, arguments), the fake
 * VMGEXIT consuming its response from the same stream.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include <coco/byteimg_le.h>
#include <coco/ghcb.h>
#include <coco/sev.h>
#include "fuzz_tape.h"

#define MAX_OPS		16
#define PAGE		GHCB_PAGE_SIZE
#define GHCB_GPA	0x7fff000ULL

#define F_DF_MASK	0x03	/* double-fetch mode: low bits 01 */
#define F_DOUBLE_FETCH	0x01
#define F_VERSION1	0x04
/* Each faulting load costs two signals: watch only the first calls. */
#define DF_CALLS	2

/* What the guest must have put into the page for the current call. */
struct expect {
	u64 exit_code;
	u64 info1;
	u64 info2;
	struct coco_ghcb_regs in;
};

static struct {
	struct tape t;
	u8 *page;		/* the shared GHCB page */
	u64 msr;
	u64 reg_req, reg_resp;
	u16 version;
	unsigned int exits;
	struct expect exp;
	u8 snap[PAGE];		/* the page when VMGEXIT returned */
	unsigned int double_fetch;	/* calls still to watch */
	/* double-fetch mode */
	volatile bool armed;
	u8 reads[PAGE];
	u8 first[PAGE];
	long fault_off;
	u32 rng;
	struct sigaction old_segv, old_trap;
} hv;

static u64 fake_msr_read(const struct coco_platform *plat)
{
	return hv.msr;
}

static void fake_msr_write(const struct coco_platform *plat, u64 val)
{
	hv.msr = val;
}

static u64 fake_va_to_gpa(const struct coco_platform *plat, const void *va)
{
	CHECK(va == hv.page);
	return GHCB_GPA;
}

static bool valid_bit(const u8 *page, unsigned int off)
{
	unsigned int bit = off / 8;

	return page[GHCB_OFF_VALID_BITMAP + bit / 8] & (1U << (bit % 8));
}

static void set_valid(u8 *page, unsigned int off, bool on)
{
	unsigned int bit = off / 8;
	u8 m = 1U << (bit % 8);

	if (on)
		page[GHCB_OFF_VALID_BITMAP + bit / 8] |= m;
	else
		page[GHCB_OFF_VALID_BITMAP + bit / 8] &= ~m;
}

static const struct {
	u32 flag;
	u16 off;
} slots[] = {
	{ COCO_GHCB_RAX, GHCB_OFF_RAX },
	{ COCO_GHCB_RBX, GHCB_OFF_RBX },
	{ COCO_GHCB_RCX, GHCB_OFF_RCX },
	{ COCO_GHCB_RDX, GHCB_OFF_RDX },
	{ COCO_GHCB_XCR0, GHCB_OFF_XCR0 },
	{ COCO_GHCB_SCRATCH, GHCB_OFF_SW_SCRATCH },
};

static u64 reg_of(const struct coco_ghcb_regs *r, u32 flag)
{
	switch (flag) {
	case COCO_GHCB_RAX:
		return r->rax;
	case COCO_GHCB_RBX:
		return r->rbx;
	case COCO_GHCB_RCX:
		return r->rcx;
	case COCO_GHCB_RDX:
		return r->rdx;
	case COCO_GHCB_XCR0:
		return r->xcr0;
	default:
		return r->scratch;
	}
}

/*
 * The request: exactly the expected fields are valid, with the expected
 * values.  Bytes without a valid bit may be stale: they mean nothing.
 */
static void check_request(const u8 *page)
{
	const struct expect *e = &hv.exp;
	u8 want[GHCB_SAVE_AREA_END] = { 0 };
	unsigned int i;

	CHECK(hv.msr == GHCB_GPA);
	CHECK(coco_get_le16(page + GHCB_OFF_PROTOCOL_VERSION) == hv.version);
	CHECK(coco_get_le32(page + GHCB_OFF_USAGE) == 0);

	coco_put_le64(want + GHCB_OFF_SW_EXIT_CODE, e->exit_code);
	set_valid(want, GHCB_OFF_SW_EXIT_CODE, true);
	coco_put_le64(want + GHCB_OFF_SW_EXIT_INFO_1, e->info1);
	set_valid(want, GHCB_OFF_SW_EXIT_INFO_1, true);
	coco_put_le64(want + GHCB_OFF_SW_EXIT_INFO_2, e->info2);
	set_valid(want, GHCB_OFF_SW_EXIT_INFO_2, true);
	for (i = 0; i < ARRAY_SIZE(slots); i++) {
		if (!(e->in.valid & slots[i].flag))
			continue;
		coco_put_le64(want + slots[i].off, reg_of(&e->in, slots[i].flag));
		set_valid(want, slots[i].off, true);
	}
	if (e->in.valid & COCO_GHCB_CPL) {
		want[GHCB_OFF_CPL] = e->in.cpl;
		set_valid(want, GHCB_OFF_CPL, true);
	}
	CHECK(!memcmp(page + GHCB_OFF_VALID_BITMAP, want + GHCB_OFF_VALID_BITMAP,
		      16));
	/* Every valid field holds its value (CPL is one byte of its qword). */
	for (i = 0; i < GHCB_OFF_VALID_BITMAP; i++)
		if (valid_bit(want, i) && ((i & ~7U) != (GHCB_OFF_CPL & ~7U) ||
					   i == GHCB_OFF_CPL))
			CHECK(page[i] == want[i]);
}

/* Invalidated: no valid bit, no exit code. */
static void check_invalidated(const u8 *page)
{
	unsigned int i;

	for (i = 0; i < 16; i++)
		CHECK(page[GHCB_OFF_VALID_BITMAP + i] == 0);
	CHECK(coco_get_le64(page + GHCB_OFF_SW_EXIT_CODE) == 0);
}

/* The hypervisor's answer: fields with or without valid bits, raw bytes. */
static void write_response(u8 *page)
{
	struct tape *t = &hv.t;
	u8 f = t_u8(t);
	unsigned int i, n, off, len;

	if (f & 0x01)		/* forget everything the guest marked valid */
		memset(page + GHCB_OFF_VALID_BITMAP, 0, 16);
	if (f & 0x02) {		/* result code: mostly small */
		coco_put_le64(page + GHCB_OFF_SW_EXIT_INFO_1,
			      f & 0x04 ? t_bytes(t, 8) : t_u8(t) % 4);
		set_valid(page, GHCB_OFF_SW_EXIT_INFO_1, !(f & 0x08));
	}
	if (f & 0x10) {		/* info2: often an exception event */
		u64 v = t_bytes(t, 8);

		if (f & 0x04)
			v = (v & ~0xfffULL) | GHCB_EVENT_VALID |
			    ((u64)GHCB_EVENT_TYPE_EXCEPTION << 8) |
			    (v & GHCB_EVENT_ERR_VALID) |
			    ((v >> 12) & 1 ? X86_VECTOR_GP : X86_VECTOR_UD);
		coco_put_le64(page + GHCB_OFF_SW_EXIT_INFO_2, v);
		set_valid(page, GHCB_OFF_SW_EXIT_INFO_2, !(f & 0x08));
	}
	if (f & 0x20) {		/* registers, each with a valid bit or not */
		u8 m = t_u8(t);

		for (i = 0; i < ARRAY_SIZE(slots); i++) {
			if (!(m & (1U << i)))
				continue;
			coco_put_le64(page + slots[i].off, t_bytes(t, 8));
			set_valid(page, slots[i].off, !(m & 0x80));
		}
	}
	if (f & 0x40) {		/* raw patches anywhere in the page */
		n = t_u8(t) % 8;
		for (i = 0; i < n; i++) {
			off = t_bytes(t, 2) % PAGE;
			len = t_u8(t) % 32;
			for (; len && off < PAGE; len--, off++)
				page[off] = t_u8(t);
		}
	}
	if (f & 0x80)		/* an entirely new bitmap */
		for (i = 0; i < 16; i++)
			page[GHCB_OFF_VALID_BITMAP + i] = t_u8(t);
}

/* ---- double fetch: every load of the page faults and is single-stepped */

#define X86_EFLAGS_TF	0x100

static void df_segv(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	long off = (u8 *)si->si_addr - hv.page;

	if (!hv.armed || off < 0 || off >= PAGE) {
		/* Not ours: let the previous handler see it again. */
		sigaction(SIGSEGV, &hv.old_segv, NULL);
		return;
	}
	/* A store to the shared page during the snapshot is not expected. */
	CHECK(!(uc->uc_mcontext.gregs[REG_ERR] & 2));
	mprotect(hv.page, PAGE, PROT_READ | PROT_WRITE);
	if (hv.reads[off]++ == 0)
		hv.first[off] = hv.page[off];
	hv.fault_off = off;
	uc->uc_mcontext.gregs[REG_EFL] |= X86_EFLAGS_TF;
}

static void df_trap(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	uc->uc_mcontext.gregs[REG_EFL] &= ~X86_EFLAGS_TF;
	if (hv.fault_off >= 0) {
		/* The other vCPU: the byte just read changes at once. */
		hv.rng = hv.rng * 1103515245u + 12345u;
		hv.page[hv.fault_off] ^= (hv.rng >> 16) | 1;
		hv.fault_off = -1;
	}
	if (hv.armed)
		mprotect(hv.page, PAGE, PROT_NONE);
}

static void df_arm(void)
{
	struct sigaction sa = { 0 };

	memset(hv.reads, 0, sizeof(hv.reads));
	hv.fault_off = -1;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sa.sa_sigaction = df_segv;
	sigaction(SIGSEGV, &sa, &hv.old_segv);
	sa.sa_sigaction = df_trap;
	sigaction(SIGTRAP, &sa, &hv.old_trap);
	hv.armed = true;
	mprotect(hv.page, PAGE, PROT_NONE);
}

/* Disarm; the snapshot becomes the first value of every byte read. */
static void df_disarm(void)
{
	unsigned int i;

	if (!hv.armed)
		return;
	hv.armed = false;
	mprotect(hv.page, PAGE, PROT_READ | PROT_WRITE);
	sigaction(SIGSEGV, &hv.old_segv, NULL);
	sigaction(SIGTRAP, &hv.old_trap, NULL);
	for (i = 0; i < PAGE; i++) {
		/* Nothing of the response is read twice. */
		CHECK(hv.reads[i] <= 1);
		if (hv.reads[i])
			hv.snap[i] = hv.first[i];
	}
}

static void fake_vmgexit(const struct coco_platform *plat)
{
	u8 *page = hv.page;

	hv.exits++;
	if ((hv.msr & GHCB_MSR_INFO_MASK) == GHCB_MSR_REG_GPA_REQ) {
		/* Registration: echo the GFN, or answer anything at all. */
		u8 mode = t_u8(&hv.t);

		hv.reg_req = hv.msr;
		hv.msr = mode & 1 ? t_bytes(&hv.t, 8) :
			 (hv.msr & ~GHCB_MSR_INFO_MASK) | GHCB_MSR_REG_GPA_RESP;
		hv.reg_resp = hv.msr;
		return;
	}
	CHECK(hv.msr == GHCB_GPA);
	check_request(page);
	write_response(page);
	memcpy(hv.snap, page, PAGE);
	if (hv.double_fetch) {
		hv.double_fetch--;
		df_arm();
	}
}

static const struct coco_platform fake_plat = {
	.name = "fuzz",
	.ghcb_msr_read = fake_msr_read,
	.ghcb_msr_write = fake_msr_write,
	.vmgexit = fake_vmgexit,
	.va_to_gpa = fake_va_to_gpa,
};

/* What a correct guest makes of the snapshot. */
struct result {
	int ret;
	struct coco_ghcb_call call;
};

static void decode_snapshot(const u8 *snap, struct result *r)
{
	struct coco_ghcb_call *c = &r->call;
	unsigned int i;
	u64 ev;
	u8 vec;

	c->out = (struct coco_ghcb_regs){ 0 };
	for (i = 0; i < ARRAY_SIZE(slots); i++) {
		if (!valid_bit(snap, slots[i].off))
			continue;
		c->out.valid |= slots[i].flag;
		switch (slots[i].flag) {
		case COCO_GHCB_RAX:
			c->out.rax = coco_get_le64(snap + slots[i].off);
			break;
		case COCO_GHCB_RBX:
			c->out.rbx = coco_get_le64(snap + slots[i].off);
			break;
		case COCO_GHCB_RCX:
			c->out.rcx = coco_get_le64(snap + slots[i].off);
			break;
		case COCO_GHCB_RDX:
			c->out.rdx = coco_get_le64(snap + slots[i].off);
			break;
		case COCO_GHCB_XCR0:
			c->out.xcr0 = coco_get_le64(snap + slots[i].off);
			break;
		default:
			c->out.scratch = coco_get_le64(snap + slots[i].off);
		}
	}
	c->out_info1 = valid_bit(snap, GHCB_OFF_SW_EXIT_INFO_1) ?
		       coco_get_le64(snap + GHCB_OFF_SW_EXIT_INFO_1) :
		       GHCB_RESULT_INVALID;
	c->out_info2 = valid_bit(snap, GHCB_OFF_SW_EXIT_INFO_2) ?
		       coco_get_le64(snap + GHCB_OFF_SW_EXIT_INFO_2) : 0;
	switch ((u32)c->out_info1) {
	case GHCB_RESULT_OK:
		r->ret = 0;
		return;
	case GHCB_RESULT_EXCEPTION:
		ev = c->out_info2;
		vec = ev & 0xff;
		if (!(ev & GHCB_EVENT_VALID) || ((ev >> 8) & 7) != 3 ||
		    (vec != 6 && vec != 13)) {
			r->ret = -EIO;
			return;
		}
		r->ret = COCO_GHCB_INJECT;
		c->exc_vector = vec;
		c->exc_has_error = ev & GHCB_EVENT_ERR_VALID;
		c->exc_error = ev >> 32;
		return;
	default:
		r->ret = -EIO;
	}
}

static void check_call(int ret, const struct coco_ghcb_call *c,
		       const struct result *want)
{
	const struct coco_ghcb_call *w = &want->call;

	CHECK(ret == 0 || ret == COCO_GHCB_INJECT || ret == -EIO);
	CHECK(ret == want->ret);
	CHECK(c->out.valid == w->out.valid);
	CHECK(c->out.rax == w->out.rax && c->out.rbx == w->out.rbx &&
	      c->out.rcx == w->out.rcx && c->out.rdx == w->out.rdx &&
	      c->out.xcr0 == w->out.xcr0 && c->out.scratch == w->out.scratch);
	CHECK(c->out_info1 == w->out_info1 && c->out_info2 == w->out_info2);
	if (ret == COCO_GHCB_INJECT) {
		/* Only #UD and #GP may come back into the guest. */
		CHECK(c->exc_vector == X86_VECTOR_UD ||
		      c->exc_vector == X86_VECTOR_GP);
		CHECK(c->exc_vector == w->exc_vector &&
		      c->exc_has_error == w->exc_has_error &&
		      (!c->exc_has_error || c->exc_error == w->exc_error));
	}
}

/* The outputs of every finished operation, re-checked after each later one. */
#define MAX_KEEP 8
static struct kept {
	int ret;
	struct coco_ghcb_call call;
	struct result want;
	struct coco_cpuid_regs regs, want_regs;
	u64 features, want_features;
} kept[MAX_KEEP];
static unsigned int nkept;

static struct kept *keep(void)
{
	static struct kept spare;
	struct kept *k = nkept < MAX_KEEP ? &kept[nkept++] : &spare;

	memset(k, 0, sizeof(*k));
	return k;
}

static void recheck_kept(void)
{
	unsigned int i;

	for (i = 0; i < nkept; i++) {
		check_call(kept[i].ret, &kept[i].call, &kept[i].want);
		CHECK(!memcmp(&kept[i].regs, &kept[i].want_regs,
			      sizeof(kept[i].regs)));
		CHECK(kept[i].features == kept[i].want_features);
	}
}

static void op_hv_call(const struct coco_platform *plat, struct coco_ghcb *g)
{
	struct tape *t = &hv.t;
	struct coco_ghcb_call call;
	struct result want;
	struct kept *k;
	unsigned int i;
	int ret;

	memset(&call, 0, sizeof(call));
	call.exit_code = t_bytes(t, 8);
	call.info1 = t_bytes(t, 8);
	call.info2 = t_bytes(t, 8);
	call.in.valid = t_u8(t) & 0x7f;
	for (i = 0; i < ARRAY_SIZE(slots); i++)
		if (call.in.valid & slots[i].flag) {
			u64 v = t_bytes(t, 8);

			switch (slots[i].flag) {
			case COCO_GHCB_RAX:
				call.in.rax = v;
				break;
			case COCO_GHCB_RBX:
				call.in.rbx = v;
				break;
			case COCO_GHCB_RCX:
				call.in.rcx = v;
				break;
			case COCO_GHCB_RDX:
				call.in.rdx = v;
				break;
			case COCO_GHCB_XCR0:
				call.in.xcr0 = v;
				break;
			default:
				call.in.scratch = v;
			}
		}
	if (call.in.valid & COCO_GHCB_CPL)
		call.in.cpl = t_u8(t);
	hv.exp = (struct expect){ call.exit_code, call.info1, call.info2,
				  call.in };

	ret = coco_ghcb_hv_call(plat, g, &call);
	df_disarm();
	want.call = call;
	decode_snapshot(hv.snap, &want);
	check_call(ret, &call, &want);
	k = keep();
	k->ret = ret;
	k->call = call;
	k->want = want;
}

static void op_cpuid(const struct coco_platform *plat, struct coco_ghcb *g)
{
	struct tape *t = &hv.t;
	u32 leaf = t_bytes(t, 4), subleaf = t_bytes(t, 4);
	u64 xcr0 = t_bytes(t, 8);
	struct coco_cpuid_regs regs = { 1, 2, 3, 4 }, want_regs = regs;
	const u32 need = COCO_GHCB_RAX | COCO_GHCB_RBX | COCO_GHCB_RCX |
			 COCO_GHCB_RDX;
	struct result want;
	struct kept *k;
	int ret;

	hv.exp = (struct expect){
		.exit_code = SVM_EXIT_CPUID,
		.in = { .valid = COCO_GHCB_RAX | COCO_GHCB_RCX | COCO_GHCB_XCR0,
			.rax = leaf, .rcx = subleaf, .xcr0 = xcr0 },
	};
	ret = coco_ghcb_cpuid(plat, g, leaf, subleaf, xcr0, &regs);
	df_disarm();
	decode_snapshot(hv.snap, &want);
	CHECK(ret == 0 || ret == COCO_GHCB_INJECT || ret == -EIO);
	if (want.ret == 0 && (want.call.out.valid & need) != need)
		want.ret = -EIO;
	CHECK(ret == want.ret);
	if (ret == 0) {
		/* All four were valid in the snapshot, and are its values. */
		CHECK(valid_bit(hv.snap, GHCB_OFF_RAX) &&
		      valid_bit(hv.snap, GHCB_OFF_RBX) &&
		      valid_bit(hv.snap, GHCB_OFF_RCX) &&
		      valid_bit(hv.snap, GHCB_OFF_RDX));
		want_regs.eax = coco_get_le64(hv.snap + GHCB_OFF_RAX);
		want_regs.ebx = coco_get_le64(hv.snap + GHCB_OFF_RBX);
		want_regs.ecx = coco_get_le64(hv.snap + GHCB_OFF_RCX);
		want_regs.edx = coco_get_le64(hv.snap + GHCB_OFF_RDX);
	}
	/* On failure the registers are left alone. */
	CHECK(!memcmp(&regs, &want_regs, sizeof(regs)));
	k = keep();
	k->regs = regs;
	k->want_regs = want_regs;
}

static void op_hv_features(const struct coco_platform *plat,
			   struct coco_ghcb *g)
{
	struct kept *k;
	u64 features = 0xfeedULL, want_features = features;
	struct result want;
	int ret;

	hv.exp = (struct expect){ .exit_code = SVM_VMGEXIT_HV_FEATURES };
	ret = coco_ghcb_hv_features(plat, g, &features);
	df_disarm();
	decode_snapshot(hv.snap, &want);
	CHECK(ret == 0 || ret == -EIO);
	CHECK((ret == 0) == (want.ret == 0));
	if (ret == 0)
		want_features = want.call.out_info2;
	CHECK(features == want_features);
	k = keep();
	k->features = features;
	k->want_features = want_features;
}

static void one_op(const struct coco_platform *plat, struct coco_ghcb *g,
		   u8 op)
{
	switch (op % 3) {
	case 0:
		op_hv_call(plat, g);
		break;
	case 1:
		op_cpuid(plat, g);
		break;
	default:
		op_hv_features(plat, g);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tape *t = &hv.t;
	struct coco_ghcb *g;
	u8 flags, op, before[PAGE];
	unsigned int ops, i;
	int ret;

	if (!size)
		return 0;
	t->p = data;
	t->n = size;
	flags = t_u8(t);
	hv.double_fetch = (flags & F_DF_MASK) == F_DOUBLE_FETCH ? DF_CALLS : 0;
	hv.version = flags & F_VERSION1 ? 1 : 2;
	hv.rng = size;
	hv.exits = 0;
	nkept = 0;

	/* A page of its own (ASan sees any access past it); stale content. */
	hv.page = aligned_alloc(PAGE, PAGE);
	g = calloc(1, sizeof(*g));
	if (!hv.page || !g)
		abort();
	memset(hv.page, 0xcc, PAGE);

	hv.msr = 0;
	ret = coco_ghcb_init(&fake_plat, g, hv.page, hv.version);
	CHECK(ret == 0 || ret == -EIO);
	CHECK(hv.exits == 1);
	CHECK(hv.reg_req == (GHCB_MSR_REG_GPA_REQ | GHCB_GPA));
	/* Registered only when the hypervisor echoed this page's GFN. */
	CHECK((ret == 0) ==
	      ((hv.reg_resp & GHCB_MSR_INFO_MASK) == GHCB_MSR_REG_GPA_RESP &&
	       (hv.reg_resp >> 12) == (GHCB_GPA >> 12)));
	if (ret)
		goto out;
	/* Registered: the MSR points at the page, nothing in it is valid. */
	CHECK(hv.msr == GHCB_GPA);
	check_invalidated(hv.page);

	for (ops = 0; ops < MAX_OPS && t->n; ops++) {
		op = t_u8(t);
		CHECK(coco_ghcb_get(g) == 0);
		one_op(&fake_plat, g, op);
		if (op & 0x80) {
			/* A #VC inside the handler: a nested call. */
			memcpy(before, hv.page, PAGE);
			CHECK(coco_ghcb_get(g) == 0);
			CHECK(coco_ghcb_get(g) == -EBUSY);
			one_op(&fake_plat, g, op >> 2);
			coco_ghcb_put(g);
			CHECK(!memcmp(before, hv.page, PAGE));
		}
		coco_ghcb_put(g);
		check_invalidated(hv.page);
		CHECK(!g->active && !g->backup_active);

		/* The hypervisor scribbles at will: outputs do not move. */
		if (op & 0x40)
			for (i = 0; i < PAGE; i++)
				hv.page[i] ^= 0x5a + i;
		recheck_kept();
	}
out:
	free(g);
	free(hv.page);
	return 0;
}

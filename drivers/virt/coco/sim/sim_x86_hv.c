// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86 hypervisor model (untrusted): answers VMGEXIT per the GHCB
 * specification, the MSR protocol and the NAE events the guest uses, and
 * misbehaves on request (SIM_HV_*) the way threats.md describes.
 */
#include <linux/atomic.h>
#include <linux/bits.h>
#include <linux/types.h>
#include <coco/byteimg_le.h>
#include <coco/ghcb.h>
#include <coco/vc.h>
#include "coco_sim.h"
#include "sim_x86.h"

#define SIM_GHCB_ERR_NOT_REGISTERED	1
#define SIM_GHCB_ERR_INVALID_USAGE	2
#define SIM_GHCB_ERR_INVALID_SCRATCH	3
#define SIM_GHCB_ERR_MISSING_INPUT	4
#define SIM_GHCB_ERR_INVALID_INPUT	5
#define SIM_PSC_ERR_INVALID_HDR		((1ULL << 32) | 1)
#define SIM_PSC_ERR_INVALID_ENTRY	((1ULL << 32) | 2)
#define SIM_PSC_ERR_GENERIC		(0x100ULL << 32)

static unsigned int sim_vcpu(const struct coco_sim_x86 *x)
{
	unsigned int id = x->vcpu_id ? x->vcpu_id() : 0;

	return id < COCO_SIM_MAX_VCPUS ? id : COCO_SIM_MAX_VCPUS - 1;
}

/**
 * coco_sim_ghcb_msr_read() - RDMSR of the GHCB MSR on the model
 * @plat: a platform whose priv is a struct coco_sim
 *
 * Return: the MSR's value.
 */
u64 coco_sim_ghcb_msr_read(const struct coco_platform *plat)
{
	struct coco_sim *sim = plat->priv;

	return sim->x86.ghcb_msr[sim_vcpu(&sim->x86)];
}

/**
 * coco_sim_ghcb_msr_write() - WRMSR of the GHCB MSR on the model
 * @plat: a platform whose priv is a struct coco_sim
 * @val: the value
 */
void coco_sim_ghcb_msr_write(const struct coco_platform *plat, u64 val)
{
	struct coco_sim *sim = plat->priv;

	sim->x86.ghcb_msr[sim_vcpu(&sim->x86)] = val;
}

static u64 sim_msr_resp(struct coco_sim_x86 *x, u64 code, u64 data)
{
	if (x->hostile & SIM_HV_MSR_WRONG_CODE)
		code ^= 0x3;
	return code | data;
}

static void sim_msr_protocol(const struct coco_platform *plat,
			     struct coco_sim_x86 *x, u64 req)
{
	struct coco_cpuid_regs r;
	u64 data = req >> GHCB_MSR_DATA_SHIFT, gfn, op;
	u32 *reg[4] = { &r.eax, &r.ebx, &r.ecx, &r.edx };
	u64 *msr = &x->ghcb_msr[sim_vcpu(x)];

	switch (req & GHCB_MSR_INFO_MASK) {
	case GHCB_MSR_SEV_INFO_REQ:
		*msr = sim_msr_resp(x, GHCB_MSR_SEV_INFO_RESP,
				    ((u64)x->hv_max_version << 48) |
				    ((u64)x->hv_min_version << 32) |
				    ((u64)sim_x86_reported_cbit(x) << 24));
		break;
	case GHCB_MSR_CPUID_REQ:
		coco_sim_cpuid(plat, req >> 32, 0, &r);
		*msr = sim_msr_resp(x, GHCB_MSR_CPUID_RESP,
				    (u64)*reg[(req >> 30) & 3] << 32);
		break;
	case GHCB_MSR_REG_GPA_REQ:
		if (x->hostile & SIM_HV_REG_WRONG_GFN)
			data++;
		x->registered_gpa[sim_vcpu(x)] = data << GHCB_MSR_DATA_SHIFT;
		*msr = sim_msr_resp(x, GHCB_MSR_REG_GPA_RESP,
				    data << GHCB_MSR_DATA_SHIFT);
		break;
	case GHCB_MSR_PSC_REQ:
		x->nr_psc_msr++;
		gfn = data & GENMASK_ULL(39, 0);
		op = (req >> 52) & 0xf;
		if ((x->hostile & SIM_HV_PSC_MSR_ERROR) ||
		    (op != PSC_OP_PRIVATE && op != PSC_OP_SHARED) ||
		    !sim_x86_rmp_update(x, gfn * SEV_PAGE_SIZE, false,
					op == PSC_OP_PRIVATE))
			*msr = sim_msr_resp(x, GHCB_MSR_PSC_RESP, 1ULL << 32);
		else
			*msr = sim_msr_resp(x, GHCB_MSR_PSC_RESP, 0);
		break;
	case GHCB_MSR_HV_FT_REQ:
		*msr = sim_msr_resp(x, GHCB_MSR_HV_FT_RESP,
				    x->hv_features << GHCB_MSR_DATA_SHIFT);
		break;
	case GHCB_MSR_TERM_REQ:
		x->terminated = true;
		x->term_set = (req >> 12) & 0xf;
		x->term_reason = (req >> 16) & 0xff;
		break;
	default:
		/* An unknown request gets no answer: the MSR stays as written. */
		break;
	}
}

static bool sim_valid(const u8 *page, unsigned int off)
{
	unsigned int bit = off / 8;

	return page[GHCB_OFF_VALID_BITMAP + bit / 8] & (1U << (bit % 8));
}

static void sim_set(u8 *page, unsigned int off, u64 val)
{
	unsigned int bit = off / 8;

	coco_put_le64(page + off, val);
	page[GHCB_OFF_VALID_BITMAP + bit / 8] |= 1U << (bit % 8);
}

static u64 sim_psc(struct coco_sim_x86 *x, u8 *page)
{
	u64 scratch = coco_get_le64(page + GHCB_OFF_SW_SCRATCH);
	u64 buf_gpa = x->registered_gpa[sim_vcpu(x)] + GHCB_OFF_SHARED_BUF;
	u8 *buf = page + GHCB_OFF_SHARED_BUF;
	unsigned int cur, end, done = 0;
	u64 e;

	x->nr_psc_nae++;
	if (!sim_valid(page, GHCB_OFF_SW_SCRATCH) || scratch != buf_gpa)
		return SIM_PSC_ERR_INVALID_HDR;
	cur = coco_get_le16(buf + PSC_OFF_CUR_ENTRY);
	end = coco_get_le16(buf + PSC_OFF_END_ENTRY);
	if (end >= PSC_MAX_ENTRIES || cur > end + 1)
		return SIM_PSC_ERR_INVALID_HDR;
	if (x->hostile & SIM_HV_PSC_ERROR)
		return SIM_PSC_ERR_GENERIC;

	while (cur <= end && !(x->hostile & SIM_HV_PSC_STALL)) {
		if (x->psc_per_exit && done == x->psc_per_exit)
			break;
		e = coco_get_le64(buf + PSC_OFF_ENTRIES + cur * PSC_ENTRY_SIZE);
		if (!(x->hostile & SIM_HV_PSC_SKIP)) {
			u64 op = (e >> PSC_ENTRY_OP_SHIFT) & PSC_ENTRY_OP_MASK;

			if ((op != PSC_OP_PRIVATE && op != PSC_OP_SHARED) ||
			    !sim_x86_rmp_update(x, e & PSC_ENTRY_GFN_MASK,
						e & PSC_ENTRY_2M,
						op == PSC_OP_PRIVATE))
				return SIM_PSC_ERR_INVALID_ENTRY;
		}
		e = (e & ~PSC_ENTRY_CUR_PAGE_MASK) |
		    ((e & PSC_ENTRY_2M) ? SEV_PAGES_PER_2M : 1);
		coco_put_le64(buf + PSC_OFF_ENTRIES + cur * PSC_ENTRY_SIZE, e);
		cur++;
		done++;
	}
	if (x->hostile & SIM_HV_PSC_BACKWARDS)
		cur = 0;
	if (x->hostile & SIM_HV_PSC_END_GROW)
		end++;
	coco_put_le16(buf + PSC_OFF_CUR_ENTRY, cur);
	coco_put_le16(buf + PSC_OFF_END_ENTRY, end);
	if (x->hostile & SIM_HV_PSC_RESERVED)
		coco_put_le32(buf + PSC_OFF_RESERVED, 1);
	return 0;
}

static int sim_port(struct coco_sim_x86 *x, u16 port, unsigned int size,
		    bool in, u32 *val)
{
	unsigned int i;

	if (x->dev_io)
		return x->dev_io(x->dev_ctx, port, size, in, val);
	if (in) {
		*val = x->io_in_value;
		return 0;
	}
	for (i = 0; i < size && x->io_log_len < sizeof(x->io_log); i++)
		x->io_log[x->io_log_len++] = *val >> (8 * i);
	return 0;
}

/**
 * coco_sim_io_in() - a directly intercepted IN (no GHCB: plain SEV)
 * @plat: a platform whose priv is a struct coco_sim
 * @port: the port
 * @size: 1, 2 or 4 bytes
 *
 * Return: the value the port device gives.
 */
u32 coco_sim_io_in(const struct coco_platform *plat, u16 port,
		   unsigned int size)
{
	struct coco_sim *sim = plat->priv;
	u32 v = 0;

	sim->x86.nr_io_single++;
	sim_port(&sim->x86, port, size, true, &v);
	return v;
}

/**
 * coco_sim_io_out() - a directly intercepted OUT
 * @plat: a platform whose priv is a struct coco_sim
 * @port: the port
 * @size: 1, 2 or 4 bytes
 * @val: the value
 */
void coco_sim_io_out(const struct coco_platform *plat, u16 port,
		     unsigned int size, u32 val)
{
	struct coco_sim *sim = plat->priv;

	sim->x86.nr_io_single++;
	sim_port(&sim->x86, port, size, false, &val);
}

/**
 * coco_sim_io_ins() - a directly intercepted REP INS
 * @plat: a platform whose priv is a struct coco_sim
 * @port: the port
 * @size: element size
 * @buf: receives the elements (little-endian)
 * @count: elements
 */
void coco_sim_io_ins(const struct coco_platform *plat, u16 port,
		     unsigned int size, void *buf, unsigned long count)
{
	struct coco_sim *sim = plat->priv;
	unsigned long i;
	unsigned int j;
	u8 *p = buf;
	u32 v;

	sim->x86.nr_io_string++;
	for (i = 0; i < count; i++) {
		v = 0;
		sim_port(&sim->x86, port, size, true, &v);
		for (j = 0; j < size; j++)
			p[i * size + j] = v >> (8 * j);
	}
}

/**
 * coco_sim_io_outs() - a directly intercepted REP OUTS
 * @plat: a platform whose priv is a struct coco_sim
 * @port: the port
 * @size: element size
 * @buf: the elements (little-endian)
 * @count: elements
 */
void coco_sim_io_outs(const struct coco_platform *plat, u16 port,
		      unsigned int size, const void *buf, unsigned long count)
{
	struct coco_sim *sim = plat->priv;
	const u8 *p = buf;
	unsigned long i;
	unsigned int j;
	u32 v;

	sim->x86.nr_io_string++;
	for (i = 0; i < count; i++) {
		v = 0;
		for (j = 0; j < size; j++)
			v |= (u32)p[i * size + j] << (8 * j);
		sim_port(&sim->x86, port, size, false, &v);
	}
}

static bool sim_scratch_ok(struct coco_sim_x86 *x, const u8 *page, u64 len)
{
	u64 scratch = coco_get_le64(page + GHCB_OFF_SW_SCRATCH);
	u64 buf = x->registered_gpa[sim_vcpu(x)] + GHCB_OFF_SHARED_BUF;

	/* Version 2: the scratch area must lie inside the shared buffer. */
	return sim_valid(page, GHCB_OFF_SW_SCRATCH) && scratch >= buf &&
	       len <= GHCB_SHARED_BUF_SIZE && scratch - buf <= GHCB_SHARED_BUF_SIZE - len;
}

static u64 sim_ioio(struct coco_sim_x86 *x, u8 *page, u64 *info2)
{
	u64 info = coco_get_le64(page + GHCB_OFF_SW_EXIT_INFO_1);
	u64 count = coco_get_le64(page + GHCB_OFF_SW_EXIT_INFO_2);
	unsigned int size = (info >> SVM_IOIO_SIZE_SHIFT) & 7;
	u16 port = info >> SVM_IOIO_PORT_SHIFT;
	bool in = info & SVM_IOIO_TYPE_IN;
	u8 *buf = page + GHCB_OFF_SHARED_BUF;
	u64 i, j;
	u32 v;

	if (size != 1 && size != 2 && size != 4)
		goto invalid;
	if (!(info & SVM_IOIO_STR)) {
		if (!in && !sim_valid(page, GHCB_OFF_RAX))
			goto invalid;
		v = coco_get_le64(page + GHCB_OFF_RAX);
		if (sim_port(x, port, size, in, &v))
			goto invalid;
		if (in)
			sim_set(page, GHCB_OFF_RAX, v);
		return GHCB_RESULT_OK;
	}
	if (!count || !sim_scratch_ok(x, page, count * size))
		goto invalid;
	for (i = 0; i < count; i++) {
		v = 0;
		for (j = 0; !in && j < size; j++)
			v |= (u32)buf[i * size + j] << (8 * j);
		if (sim_port(x, port, size, in, &v))
			goto invalid;
		for (j = 0; in && j < size; j++)
			buf[i * size + j] = v >> (8 * j);
	}
	return GHCB_RESULT_OK;
invalid:
	*info2 = SIM_GHCB_ERR_INVALID_INPUT;
	return GHCB_RESULT_INVALID;
}

static u64 sim_mmio(struct coco_sim_x86 *x, u8 *page, bool write, u64 *info2)
{
	u64 gpa = coco_get_le64(page + GHCB_OFF_SW_EXIT_INFO_1);
	u64 len = coco_get_le64(page + GHCB_OFF_SW_EXIT_INFO_2);
	u8 *buf = page + GHCB_OFF_SHARED_BUF, *mem;
	unsigned int i;

	if (!len || len > 8 || !sim_scratch_ok(x, page, len)) {
		*info2 = SIM_GHCB_ERR_INVALID_INPUT;
		return GHCB_RESULT_INVALID;
	}
	if (x->dev_mmio) {
		if (x->dev_mmio(x->dev_ctx, gpa, buf, len, write)) {
			*info2 = SIM_GHCB_ERR_INVALID_INPUT;
			return GHCB_RESULT_INVALID;
		}
		return GHCB_RESULT_OK;
	}
	mem = x->gpa_to_va ? x->gpa_to_va(gpa) : (u8 *)(unsigned long)gpa;
	for (i = 0; i < len; i++) {
		if (write)
			mem[i] = buf[i];
		else
			buf[i] = mem[i];
	}
	return GHCB_RESULT_OK;
}

/* Relay a guest request to the firmware, as a hypervisor does. */
static u64 sim_guest_request(struct coco_sim_x86 *x, u8 *page, bool ext,
			     u64 *info2)
{
	u64 req = coco_get_le64(page + GHCB_OFF_SW_EXIT_INFO_1);
	u64 resp = coco_get_le64(page + GHCB_OFF_SW_EXIT_INFO_2);
	u8 *rq, *rs;
	size_t need = 0;
	unsigned int i;
	u32 st;

	if ((req | resp) & 0xfff || req == resp) {
		*info2 = SIM_GHCB_ERR_INVALID_INPUT;
		return GHCB_RESULT_INVALID;
	}
	if (x->greq_busy) {
		x->greq_busy--;
		*info2 = 2ULL << 32;	/* BUSY */
		return GHCB_RESULT_OK;
	}
	if (ext && x->snp_fw && x->snp_fw->certs) {
		u64 certs = coco_get_le64(page + GHCB_OFF_RAX);
		u64 npages = coco_get_le64(page + GHCB_OFF_RBX);
		u8 *buf = x->gpa_to_va ? x->gpa_to_va(certs) :
					 (u8 *)(unsigned long)certs;

		if (x->snp_fw->certs(x->snp_fw->ctx, buf, npages * 4096,
				     &need)) {
			sim_set(page, GHCB_OFF_RBX, (need + 4095) / 4096);
			*info2 = 1ULL << 32;	/* INVALID_LEN */
			return GHCB_RESULT_OK;
		}
	}
	rq = x->gpa_to_va ? x->gpa_to_va(req) : (u8 *)(unsigned long)req;
	rs = x->gpa_to_va ? x->gpa_to_va(resp) : (u8 *)(unsigned long)resp;
	if (!x->snp_fw || (x->hostile & SIM_HV_GREQ_DROP)) {
		*info2 = 0xffffffffULL;	/* the firmware was never called */
		return GHCB_RESULT_OK;
	}
	if (x->hostile & SIM_HV_GREQ_REPLAY) {
		x->nr_greq++;
		for (i = 0; i < 4096; i++)
			rs[i] = x->greq_last[i];
		*info2 = 0;
		return GHCB_RESULT_OK;
	}
	st = x->snp_fw->guest_request(x->snp_fw->ctx, rq, rs);
	if (st == COCO_SIM_FW_PENDING) {
		/* The firmware is still working on it: the guest retries. */
		*info2 = 2ULL << 32;	/* BUSY */
		return GHCB_RESULT_OK;
	}
	x->nr_greq++;
	for (i = 0; i < 4096; i++)
		x->greq_last[i] = rs[i];
	if (x->hostile & SIM_HV_GREQ_TAMPER)
		rs[0x70] ^= 1;
	*info2 = st;
	return GHCB_RESULT_OK;
}

/**
 * coco_sim_snp_secrets() - the secrets page of the simulated SNP guest
 * @plat: the simulator's seam
 *
 * Return: the page the firmware provisioned, or NULL before it did.
 */
void *coco_sim_snp_secrets(const struct coco_platform *plat)
{
	struct coco_sim *sim = plat->priv;

	/* Published once, after its content (smp_store_release()). */
	return smp_load_acquire(&sim->x86.snp_secrets);
}

/* MSRs read back a value derived from their index; writes are recorded. */
static u64 sim_msr(struct coco_sim_x86 *x, u8 *page, u64 *info2)
{
	u64 write = coco_get_le64(page + GHCB_OFF_SW_EXIT_INFO_1);
	u64 msr = coco_get_le64(page + GHCB_OFF_RCX);

	if (!sim_valid(page, GHCB_OFF_RCX) || write > 1 ||
	    (write && (!sim_valid(page, GHCB_OFF_RAX) ||
		       !sim_valid(page, GHCB_OFF_RDX)))) {
		*info2 = SIM_GHCB_ERR_MISSING_INPUT;
		return GHCB_RESULT_INVALID;
	}
	if (write) {
		x->msr_written = (msr << 32) |
				 (u32)coco_get_le64(page + GHCB_OFF_RAX);
		return GHCB_RESULT_OK;
	}
	sim_set(page, GHCB_OFF_RAX, (u32)(msr * 0x10001));
	sim_set(page, GHCB_OFF_RDX, (u32)msr ^ 0xffff);
	return GHCB_RESULT_OK;
}

/* Handle one NAE event; returns SW_EXITINFO1 and sets *info2. */
static u64 sim_nae(const struct coco_platform *plat, struct coco_sim_x86 *x,
		   u8 *page, u64 *info2)
{
	u64 code = coco_get_le64(page + GHCB_OFF_SW_EXIT_CODE);
	struct coco_cpuid_regs r;

	*info2 = 0;
	if (!sim_valid(page, GHCB_OFF_SW_EXIT_CODE) ||
	    !sim_valid(page, GHCB_OFF_SW_EXIT_INFO_1) ||
	    !sim_valid(page, GHCB_OFF_SW_EXIT_INFO_2)) {
		*info2 = SIM_GHCB_ERR_MISSING_INPUT;
		return GHCB_RESULT_INVALID;
	}
	if (coco_get_le32(page + GHCB_OFF_USAGE)) {
		*info2 = SIM_GHCB_ERR_INVALID_USAGE;
		return GHCB_RESULT_INVALID;
	}

	switch (code) {
	case SVM_EXIT_CPUID:
		if (!sim_valid(page, GHCB_OFF_RAX) ||
		    !sim_valid(page, GHCB_OFF_RCX)) {
			*info2 = SIM_GHCB_ERR_MISSING_INPUT;
			return GHCB_RESULT_INVALID;
		}
		coco_sim_cpuid(plat, coco_get_le64(page + GHCB_OFF_RAX),
			       coco_get_le64(page + GHCB_OFF_RCX), &r);
		sim_set(page, GHCB_OFF_RAX, r.eax);
		sim_set(page, GHCB_OFF_RBX, r.ebx);
		sim_set(page, GHCB_OFF_RCX, r.ecx);
		sim_set(page, GHCB_OFF_RDX, r.edx);
		return GHCB_RESULT_OK;
	case SVM_VMGEXIT_PSC:
		*info2 = sim_psc(x, page);
		return GHCB_RESULT_OK;
	case SVM_VMGEXIT_HV_FEATURES:
		*info2 = x->hv_features;
		return GHCB_RESULT_OK;
	case SVM_EXIT_IOIO:
		return sim_ioio(x, page, info2);
	case SVM_EXIT_MSR:
		return sim_msr(x, page, info2);
	case SVM_VMGEXIT_GUEST_REQUEST:
	case SVM_VMGEXIT_EXT_GUEST_REQUEST:
		return sim_guest_request(x, page,
					 code == SVM_VMGEXIT_EXT_GUEST_REQUEST,
					 info2);
	case SVM_EXIT_RDTSC:
	case SVM_EXIT_RDTSCP:
		x->tsc += 1000;
		sim_set(page, GHCB_OFF_RAX, (u32)x->tsc);
		sim_set(page, GHCB_OFF_RDX, x->tsc >> 32);
		if (code == SVM_EXIT_RDTSCP)
			sim_set(page, GHCB_OFF_RCX, x->tsc_aux);
		return GHCB_RESULT_OK;
	case SVM_EXIT_RDPMC:
		if (!sim_valid(page, GHCB_OFF_RCX))
			goto missing;
		/* A counter value derived from its index, to be recognisable. */
		sim_set(page, GHCB_OFF_RAX,
			0x1000 + coco_get_le64(page + GHCB_OFF_RCX));
		sim_set(page, GHCB_OFF_RDX, 0x42);
		return GHCB_RESULT_OK;
	case SVM_EXIT_WRITE_DR7:
		if (!sim_valid(page, GHCB_OFF_RAX))
			goto missing;
		x->dr7 = coco_get_le64(page + GHCB_OFF_RAX);
		return GHCB_RESULT_OK;
	case SVM_EXIT_WBINVD:
		return GHCB_RESULT_OK;
	case SVM_EXIT_VMMCALL:
		if (!sim_valid(page, GHCB_OFF_RAX) || !sim_valid(page, GHCB_OFF_CPL))
			goto missing;
		/* A toy hypercall: returns its argument plus one. */
		sim_set(page, GHCB_OFF_RAX, coco_get_le64(page + GHCB_OFF_RAX) + 1);
		return GHCB_RESULT_OK;
	case SVM_VMGEXIT_MMIO_READ:
	case SVM_VMGEXIT_MMIO_WRITE:
		return sim_mmio(x, page, code == SVM_VMGEXIT_MMIO_WRITE, info2);
	case SVM_VMGEXIT_TERM_REQUEST:
		x->terminated = true;
		x->term_set = coco_get_le64(page + GHCB_OFF_SW_EXIT_INFO_1) & 0xf;
		x->term_reason = (coco_get_le64(page + GHCB_OFF_SW_EXIT_INFO_1)
				  >> 4) & 0xff;
		return GHCB_RESULT_OK;
	default:
		*info2 = SIM_GHCB_ERR_INVALID_INPUT;
		return GHCB_RESULT_INVALID;
	}
missing:
	*info2 = SIM_GHCB_ERR_MISSING_INPUT;
	return GHCB_RESULT_INVALID;
}

static void sim_ghcb_protocol(const struct coco_platform *plat,
			      struct coco_sim_x86 *x, u64 gpa)
{
	u8 state = 0, *page;
	u64 info1, info2;
	unsigned int i;

	/* Only a registered, shared page can be read by the hypervisor. */
	if (x->pages)
		state = coco_sim_x86_page_state(plat->priv, gpa);
	if (gpa != x->registered_gpa[sim_vcpu(x)] ||
	    (x->pages && (state & SIM_PG_ASSIGNED)))
		return;
	page = x->gpa_to_va ? x->gpa_to_va(gpa) : (u8 *)(unsigned long)gpa;

	info1 = sim_nae(plat, x, page, &info2);
	if (x->hostile & SIM_HV_INJECT) {
		info1 = GHCB_RESULT_EXCEPTION;
		info2 = x->inject_event;
	} else if (x->hostile & SIM_HV_INVALID_INPUT) {
		info1 = GHCB_RESULT_INVALID;
		info2 = SIM_GHCB_ERR_INVALID_INPUT;
	}
	sim_set(page, GHCB_OFF_SW_EXIT_INFO_1, info1);
	sim_set(page, GHCB_OFF_SW_EXIT_INFO_2, info2);
	if (x->hostile & SIM_HV_DROP_VALID)
		for (i = 0; i < 16; i++)
			page[GHCB_OFF_VALID_BITMAP + i] = 0;
}

/**
 * coco_sim_vmgexit() - VMGEXIT on the model: the hypervisor runs
 * @plat: a platform whose priv is a struct coco_sim
 *
 * The GHCB MSR holds either an MSR-protocol request or the GHCB page's
 * address; the answer goes where the protocol puts it.
 */
void coco_sim_vmgexit(const struct coco_platform *plat)
{
	struct coco_sim *sim = plat->priv;
	struct coco_sim_x86 *x = &sim->x86;
	u64 msr = x->ghcb_msr[sim_vcpu(x)];

	x->nr_vmgexit++;
	if (x->terminated)
		return;
	if (msr & GHCB_MSR_INFO_MASK)
		sim_msr_protocol(plat, x, msr);
	else
		sim_ghcb_protocol(plat, x, msr);
}

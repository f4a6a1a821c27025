// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the GHCB MSR protocol (ghcb_msr.c) and SEV-ES/SNP
 * setup (sev_setup.c).  The input is a fully hostile hypervisor: every value
 * the GHCB MSR holds after a VMGEXIT comes from it.  Checked, besides "no
 * crash":
 *   - every request has exactly the documented encoding, one exit per
 *     round trip (four for CPUID), no exit for a request refused locally;
 *   - results are only 0 or the documented errnos, and each success is
 *     backed by a response that says so: the right response code, the GFN
 *     echoed for a registration, error bits clear for a page state change;
 *   - coco_ghcb_msr_sev_info success: 1 <= version <= 2, min <= version
 *     <= max, and the version is the highest one both sides speak;
 *   - the GHCB MSR value from before a call is restored after it;
 *   - coco_sev_setup: a failure always ends in a termination request whose
 *     reason matches the errno; a success honours the C-bit, the protocol
 *     version, the SNP feature policy and the SNP hypervisor feature.
 *
 * Input: a sequence of operations, each an opcode byte, its arguments and,
 * consumed by the fake VMGEXIT, the hypervisor's responses (a mode byte and
 * up to 8 bytes each).  Bytes past the end read as zero.
 */
#include <stdint.h>
#include <string.h>

#include <linux/errno.h>
#include <coco/ghcb.h>
#include <coco/sev.h>
#include <coco/sev_setup.h>
#include "fuzz_tape.h"

#define MAX_OPS		64
#define MAX_EXITS	8

/* The fake machine: one GHCB MSR and a hostile hypervisor behind VMGEXIT. */
static struct {
	struct tape t;
	u64 msr;
	unsigned int exits;
	u64 req[MAX_EXITS];
	u64 resp[MAX_EXITS];
} hv;

static u64 fake_msr_read(const struct coco_platform *plat)
{
	return hv.msr;
}

static void fake_msr_write(const struct coco_platform *plat, u64 val)
{
	hv.msr = val;
}

/* The response code a well-behaved hypervisor would use for @req. */
static u64 resp_code_for(u64 req)
{
	switch (req & GHCB_MSR_INFO_MASK) {
	case GHCB_MSR_SEV_INFO_REQ:
		return GHCB_MSR_SEV_INFO_RESP;
	case GHCB_MSR_CPUID_REQ:
		return GHCB_MSR_CPUID_RESP;
	case GHCB_MSR_REG_GPA_REQ:
		return GHCB_MSR_REG_GPA_RESP;
	case GHCB_MSR_PSC_REQ:
		return GHCB_MSR_PSC_RESP;
	case GHCB_MSR_HV_FT_REQ:
		return GHCB_MSR_HV_FT_RESP;
	default:
		return 0;
	}
}

static void fake_vmgexit(const struct coco_platform *plat)
{
	u64 req = hv.msr, resp;
	u8 mode;

	/* No call of this protocol makes more than four exits. */
	CHECK(hv.exits < MAX_EXITS);
	mode = t_u8(&hv.t);
	switch (mode & 3) {
	case 0:		/* anything at all */
		resp = t_bytes(&hv.t, 8);
		break;
	case 1:		/* the right code, data from the input */
		resp = (t_bytes(&hv.t, 8) & ~GHCB_MSR_INFO_MASK) |
		       resp_code_for(req);
		break;
	case 2:		/* the right code, the request's data, bits flipped */
		resp = ((req & ~GHCB_MSR_INFO_MASK) | resp_code_for(req)) ^
		       (t_bytes(&hv.t, 1) << (mode >> 2));
		break;
	default:	/* the request left untouched */
		resp = req;
		break;
	}
	hv.req[hv.exits] = req;
	hv.resp[hv.exits] = resp;
	hv.exits++;
	hv.msr = resp;
}

static const struct coco_platform fake_plat = {
	.name = "fuzz",
	.ghcb_msr_read = fake_msr_read,
	.ghcb_msr_write = fake_msr_write,
	.vmgexit = fake_vmgexit,
};

#define RESP_CODE(v)	((v) & GHCB_MSR_INFO_MASK)

/* The highest of versions 1..2 inside [min, max], 0 when there is none. */
static u16 best_version(u16 min, u16 max)
{
	u16 v;

	for (v = GHCB_PROTOCOL_MAX; v >= GHCB_PROTOCOL_MIN; v--)
		if (v >= min && v <= max)
			return v;
	return 0;
}

static void op_sev_info(void)
{
	struct coco_sev_info info;
	u64 r;
	int ret;

	ret = coco_ghcb_msr_sev_info(&fake_plat, &info);
	CHECK(ret == 0 || ret == -EIO || ret == -EPROTO);
	CHECK(hv.exits == 1 && hv.req[0] == GHCB_MSR_SEV_INFO_REQ);
	r = hv.resp[0];
	if (RESP_CODE(r) != GHCB_MSR_SEV_INFO_RESP) {
		CHECK(ret == -EIO);
		return;
	}
	CHECK(ret != -EIO);
	CHECK(info.max_version == r >> 48);
	CHECK(info.min_version == ((r >> 32) & 0xffff));
	CHECK(info.cbit == ((r >> 24) & 0xff));
	if (ret == 0) {
		CHECK(info.version >= 1 && info.version <= 2);
		CHECK(info.version <= info.max_version);
		CHECK(info.version >= info.min_version);
	}
	CHECK((ret == 0) == !!best_version(info.min_version, info.max_version));
	if (ret == 0)
		CHECK(info.version ==
		      best_version(info.min_version, info.max_version));
}

static void op_cpuid(u32 leaf)
{
	struct coco_cpuid_regs regs = { 0 };
	u32 out[4];
	unsigned int i;
	int ret;

	ret = coco_ghcb_msr_cpuid(&fake_plat, leaf, &regs);
	CHECK(ret == 0 || ret == -EIO);
	CHECK(hv.exits >= 1 && hv.exits <= 4);
	for (i = 0; i < hv.exits; i++) {
		CHECK(hv.req[i] == (GHCB_MSR_CPUID_REQ | ((u64)i << 30) |
				    ((u64)leaf << 32)));
		/* Only the last response may be the wrong one. */
		CHECK((RESP_CODE(hv.resp[i]) == GHCB_MSR_CPUID_RESP) ==
		      (ret == 0 || i + 1 < hv.exits));
	}
	if (ret)
		return;
	CHECK(hv.exits == 4);
	out[0] = regs.eax;
	out[1] = regs.ebx;
	out[2] = regs.ecx;
	out[3] = regs.edx;
	for (i = 0; i < 4; i++)
		CHECK(out[i] == hv.resp[i] >> 32);
}

static void op_register(u64 gpa)
{
	int ret = coco_ghcb_msr_register(&fake_plat, gpa);
	u64 r;

	CHECK(ret == 0 || ret == -EINVAL || ret == -EIO);
	if (gpa & GHCB_MSR_INFO_MASK) {
		CHECK(ret == -EINVAL && hv.exits == 0);
		return;
	}
	CHECK(ret != -EINVAL);
	CHECK(hv.exits == 1 && hv.req[0] == (GHCB_MSR_REG_GPA_REQ | gpa));
	r = hv.resp[0];
	/* Success only when the response is the registration of this GFN. */
	CHECK((ret == 0) == (RESP_CODE(r) == GHCB_MSR_REG_GPA_RESP &&
			     (r >> GHCB_MSR_DATA_SHIFT) ==
			     (gpa >> GHCB_MSR_DATA_SHIFT)));
}

static void op_psc(u64 gfn, bool shared)
{
	int ret = coco_ghcb_msr_psc(&fake_plat, gfn, shared);
	u64 op = shared ? PSC_OP_SHARED : PSC_OP_PRIVATE;
	u64 r;

	CHECK(ret == 0 || ret == -EINVAL || ret == -EIO);
	if (gfn >> 40) {
		CHECK(ret == -EINVAL && hv.exits == 0);
		return;
	}
	CHECK(ret != -EINVAL);
	CHECK(hv.exits == 1 && hv.req[0] == (GHCB_MSR_PSC_REQ |
					     (gfn << GHCB_MSR_DATA_SHIFT) |
					     (op << 52)));
	r = hv.resp[0];
	CHECK((ret == 0) == (RESP_CODE(r) == GHCB_MSR_PSC_RESP && !(r >> 32)));
}

static void op_hv_features(void)
{
	u64 features = 0x5a5a;
	int ret = coco_ghcb_msr_hv_features(&fake_plat, &features);

	CHECK(ret == 0 || ret == -EIO);
	CHECK(hv.exits == 1 && hv.req[0] == GHCB_MSR_HV_FT_REQ);
	CHECK((ret == 0) == (RESP_CODE(hv.resp[0]) == GHCB_MSR_HV_FT_RESP));
	if (ret == 0)
		CHECK(features == hv.resp[0] >> GHCB_MSR_DATA_SHIFT);
	else
		CHECK(features == 0x5a5a);
}

static void op_terminate(unsigned int set, unsigned int reason)
{
	coco_ghcb_msr_terminate(&fake_plat, set, reason);
	CHECK(hv.exits == 1);
	CHECK(hv.req[0] == (GHCB_MSR_TERM_REQ | ((u64)(set & 0xf) << 12) |
			    ((u64)(reason & 0xff) << 16)));
}

static void check_term(const struct coco_sev_session *s, unsigned int reason)
{
	CHECK(hv.exits >= 1);
	CHECK(s->term_set == GHCB_TERM_SET_GEN && s->term_reason == reason);
	CHECK(hv.req[hv.exits - 1] ==
	      (GHCB_MSR_TERM_REQ | ((u64)GHCB_TERM_SET_GEN << 12) |
	       ((u64)reason << 16)));
}

static void op_sev_setup(struct tape *t)
{
	struct coco_detection det = { 0 };
	struct coco_sev_session s;
	u8 sel = t_u8(t);
	u64 r;
	int ret;

	/* Mostly realistic SEV_STATUS values, sometimes anything. */
	if (sel & 0x80)
		det.sev_status = t_bytes(t, 8);
	else
		det.sev_status = (sel & 0xf) |
				 (sel & 0x10 ? SEV_STATUS_SNP_PRESENT : 0) |
				 (sel & 0x20 ? BIT_ULL(t_u8(t) & 63) : 0);
	det.cbit = t_u8(t);

	memset(&s, 0xa5, sizeof(s));
	ret = coco_sev_setup(&fake_plat, &det, &s);
	CHECK(ret == 0 || ret == -EPROTO || ret == -EOPNOTSUPP ||
	      ret == -EIO);

	if (!(det.sev_status & SEV_STATUS_SEV_ES)) {
		/* Plain SEV: no GHCB, no exit, nothing negotiated. */
		CHECK(ret == 0 && hv.exits == 0);
		CHECK(!s.version && !s.hv_features && !s.unsupported &&
		      !s.term_set && !s.term_reason);
		return;
	}
	CHECK(hv.req[0] == GHCB_MSR_SEV_INFO_REQ);

	r = hv.resp[0];
	switch (ret) {
	case -EPROTO:
		check_term(&s, GHCB_TERM_PROT_UNSUPPORTED);
		CHECK(hv.exits == 2);
		CHECK(RESP_CODE(r) == GHCB_MSR_SEV_INFO_RESP &&
		      !best_version((r >> 32) & 0xffff, r >> 48));
		return;
	case -EOPNOTSUPP:
		check_term(&s, GHCB_TERM_SNP_UNSUPPORTED);
		CHECK(det.sev_status & SEV_STATUS_SEV_SNP);
		/* Refused only for a reason: features, version, or the HV. */
		CHECK(s.unsupported || best_version((r >> 32) & 0xffff,
						    r >> 48) < 2 ||
		      (hv.exits == 3 && !((hv.resp[1] >> 12) &
					  GHCB_HV_FT_SNP)));
		return;
	case -EIO:
		check_term(&s, GHCB_TERM_GEN_REQ);
		CHECK(RESP_CODE(r) != GHCB_MSR_SEV_INFO_RESP ||
		      (!(det.sev_status & SEV_STATUS_VTOM) &&
		       ((r >> 24) & 0xff) != det.cbit) ||
		      (hv.exits == 3 &&
		       RESP_CODE(hv.resp[1]) != GHCB_MSR_HV_FT_RESP));
		return;
	}

	/* Success: every decision backed by what the hypervisor said. */
	CHECK(!s.term_set && !s.term_reason);
	CHECK(RESP_CODE(r) == GHCB_MSR_SEV_INFO_RESP);
	CHECK(s.version >= 1 && s.version <= 2 && s.version <= (r >> 48) &&
	      s.version >= ((r >> 32) & 0xffff));
	if (!(det.sev_status & SEV_STATUS_VTOM))
		CHECK(((r >> 24) & 0xff) == det.cbit);
	if (!(det.sev_status & SEV_STATUS_SEV_SNP)) {
		CHECK(hv.exits == 1 && !s.hv_features && !s.unsupported);
		return;
	}
	CHECK(s.version == 2);
	CHECK(!s.unsupported && !coco_snp_unsupported_features(det.sev_status));
	CHECK(!(det.sev_status & SEV_STATUS_SNP_IMPL_REQ &
		~SEV_STATUS_SNP_PRESENT));
	CHECK(hv.exits == 2 && hv.req[1] == GHCB_MSR_HV_FT_REQ);
	CHECK(RESP_CODE(hv.resp[1]) == GHCB_MSR_HV_FT_RESP);
	CHECK(s.hv_features == hv.resp[1] >> GHCB_MSR_DATA_SHIFT);
	CHECK(s.hv_features & GHCB_HV_FT_SNP);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tape *t = &hv.t;
	unsigned int ops;
	u64 saved, arg;
	u8 op;

	t->p = data;
	t->n = size;
	for (ops = 0; ops < MAX_OPS && t->n; ops++) {
		op = t_u8(t);
		/* Whatever the MSR held (a registered GHCB, say) before. */
		saved = t_bytes(t, op & 0x80 ? 8 : 1) << 12;
		hv.msr = saved;
		hv.exits = 0;
		switch (op & 0x7) {
		case 0:
			op_sev_info();
			break;
		case 1:
			op_cpuid(t_bytes(t, 4));
			break;
		case 2:
			arg = t_bytes(t, 8);
			/* Mostly aligned addresses, sometimes not. */
			if (!(op & 0x40))
				arg &= ~GHCB_MSR_INFO_MASK;
			op_register(arg);
			break;
		case 3:
			arg = t_bytes(t, op & 0x40 ? 8 : 5);
			op_psc(arg, op & 0x20);
			break;
		case 4:
			op_hv_features();
			break;
		case 5:
		case 6:
			op_sev_setup(t);
			/* A refusal leaves the termination request in it. */
			if (hv.exits && (hv.req[hv.exits - 1] &
					 GHCB_MSR_INFO_MASK) == GHCB_MSR_TERM_REQ)
				continue;
			break;
		default:
			arg = t_bytes(t, 2);
			op_terminate(arg & 0xff, arg >> 8);
			continue;
		}
		/* The MSR protocol must not clobber a registered GHCB. */
		CHECK(hv.msr == saved);
	}
	return 0;
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A simulated SEV-SNP guest for #VC tests: the SEV fixture plus a code
 * buffer the handler fetches from, an MMIO window (a buffer the memory
 * accessors treat as device memory), and a user/kernel split.
 */
#ifndef _COCO_TEST_VC_FIXTURE_H
#define _COCO_TEST_VC_FIXTURE_H

#include <string.h>

#include <coco/vc.h>
#include "sev_fixture.h"

#define VC_USER_TOP	0x0000800000000000ULL

struct vc_fixture {
	struct sev_fixture sev;
	struct coco_vc_env env;
	struct coco_vc_ops ops;
	struct coco_vc_ctx ctx;
	u8 code[64];
	u8 mmio[4096];
	const u8 *swap_code;	/* 64 bytes a racing thread wrote */
	unsigned int fetches;
	u32 io_allowed_port;	/* user mode may touch only this port */
};

static int vcf_fetch(void *p, u64 rip, u8 *buf, unsigned int len)
{
	struct vc_fixture *f = p;
	const u8 *src = f->code;

	/* A racing thread replaced the bytes between the #VC and the fetch. */
	if (f->swap_code)
		src = f->swap_code;
	f->fetches++;
	if (rip != (u64)(unsigned long)f->code)
		return -EFAULT;
	if (len > sizeof(f->code))
		len = sizeof(f->code);
	memcpy(buf, src, len);
	return len;
}

static int vcf_read(void *p, u64 va, void *buf, unsigned int len)
{
	memcpy(buf, (void *)(unsigned long)va, len);
	return 0;
}

static int vcf_write(void *p, u64 va, const void *buf, unsigned int len)
{
	memcpy((void *)(unsigned long)va, buf, len);
	return 0;
}

static int vcf_mmio_gpa(void *p, u64 va, u64 *gpa)
{
	struct vc_fixture *f = p;
	u64 base = (u64)(unsigned long)f->mmio;

	if (va < base || va >= base + sizeof(f->mmio))
		return -EFAULT;
	*gpa = va;
	return 0;
}

static bool vcf_io_permitted(void *p, u16 port, unsigned int size)
{
	struct vc_fixture *f = p;

	return port == f->io_allowed_port;
}

static inline void vc_fixture_init(struct vc_fixture *f)
{
	memset(f, 0, sizeof(*f));
	sev_fixture_init(&f->sev, COCO_SIM_SEV_SNP);
	f->ops = (struct coco_vc_ops){
		.fetch = vcf_fetch,
		.read = vcf_read,
		.write = vcf_write,
		.mmio_gpa = vcf_mmio_gpa,
		.io_permitted = vcf_io_permitted,
		.ctx = f,
	};
	f->env.plat = &f->sev.plat;
	f->env.ops = &f->ops;
	f->env.user_top = VC_USER_TOP;
	f->env.xcr0 = 1;
	memset(f->code, 0x90, sizeof(f->code));
	f->io_allowed_port = 0x1234;
}

/* Negotiate and claim the GHCB: the state a #VC handler runs in. */
static inline int vc_fixture_ghcb(struct vc_fixture *f)
{
	int ret = sev_fixture_ghcb(&f->sev);

	if (ret)
		return ret;
	f->env.ghcb = &f->sev.ghcb;
	return coco_ghcb_get(&f->sev.ghcb);
}

/* Place @bytes at RIP and handle the #VC (repeating while it says RETRY). */
static inline enum coco_vc_result vc_run(struct vc_fixture *f,
					 const u8 *bytes, unsigned int len,
					 u64 exit_code)
{
	enum coco_vc_result res;

	memcpy(f->code, bytes, len);
	f->ctx.regs.rip = (u64)(unsigned long)f->code;
	do {
		res = coco_vc_handle(&f->env, &f->ctx, exit_code);
	} while (res == COCO_VC_RETRY);
	return res;
}

static inline void vc_fixture_fini(struct vc_fixture *f)
{
	sev_fixture_fini(&f->sev);
}

#endif /* _COCO_TEST_VC_FIXTURE_H */

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware that is not ready yet (coco_sim's relay to its daemon): a hook
 * answering "pending" must become a BUSY guest request on x86 and a busy
 * UV call (condition code 2) on s390, which the guest reissues with the
 * same input until the answer is there; nothing may be written or counted
 * as a firmware answer before.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/sched/signal.h>
#include <coco/byteimg.h>
#include <coco/uv.h>
#include "coco_sim.h"
#include "sev_fixture.h"

#define PAGE		4096
#define ARENA_PAGES	8
#define PENDING_TIMES	3

static u8 arena[ARENA_PAGES * PAGE] __aligned(PAGE);
static unsigned long shared_bits[1];

/* A firmware that says "pending" PENDING_TIMES times, then answers. */
struct slow_fw {
	unsigned int calls;
	unsigned int changed;	/* calls whose input differed from the first */
	u8 first[PAGE];
};

static u32 slow_guest_request(void *ctx, const u8 *req, u8 *resp)
{
	struct slow_fw *s = ctx;

	if (!s->calls++)
		memcpy(s->first, req, PAGE);
	else if (memcmp(s->first, req, PAGE))
		s->changed++;
	if (s->calls <= PENDING_TIMES)
		return COCO_SIM_FW_PENDING;
	memset(resp, 0xa5, PAGE);
	return 0;
}

static void test_snp_pending_is_busy(void **state)
{
	static u8 req[PAGE] __aligned(PAGE), resp[PAGE] __aligned(PAGE);
	struct coco_sim_snp_fw hooks = { 0 };
	struct sev_fixture f;
	struct slow_fw s = { 0 };
	unsigned int i;
	u32 pages = 0;
	u64 ei2;

	sev_fixture_init(&f, COCO_SIM_SEV_SNP);
	assert_int_equal(sev_fixture_ghcb(&f), 0);
	hooks.ctx = &s;
	hooks.guest_request = slow_guest_request;
	f.sim.x86.snp_fw = &hooks;
	memset(req, 0x3c, sizeof(req));

	for (i = 0; i < PENDING_TIMES; i++) {
		memset(resp, 0, sizeof(resp));
		assert_int_equal(coco_ghcb_guest_request(&f.plat, &f.ghcb,
							 (u64)(unsigned long)req,
							 (u64)(unsigned long)resp,
							 false, 0, &pages, &ei2),
				 0);
		assert_int_equal(ei2, 2ULL << 32);	/* VMM BUSY */
		assert_int_equal(resp[0], 0);		/* nothing written */
		assert_int_equal(f.sim.x86.nr_greq, 0);
	}
	assert_int_equal(coco_ghcb_guest_request(&f.plat, &f.ghcb,
						 (u64)(unsigned long)req,
						 (u64)(unsigned long)resp,
						 false, 0, &pages, &ei2), 0);
	assert_int_equal(ei2, 0);
	assert_int_equal(resp[0], 0xa5);
	assert_int_equal(resp[PAGE - 1], 0xa5);
	assert_int_equal(f.sim.x86.nr_greq, 1);
	assert_int_equal(f.sim.x86.greq_last[0], 0xa5);
	assert_int_equal(s.calls, PENDING_TIMES + 1);
	assert_int_equal(s.changed, 0);
	sev_fixture_fini(&f);
}

/* ------------------------------------------------------------ s390 -- */

struct slow_uv {
	unsigned int stuck_until_killed_at;	/* 0: answers in time */
	unsigned int attest_calls;
	unsigned int add_calls;
	const u8 *arcb;
	unsigned int arcb_moved;
};

static u16 slow_attest(void *ctx, const u8 *arcb, const u8 *user_data,
		       u16 user_data_len, const u8 *cuid, u8 *meas,
		       u32 meas_len, u8 *add_data, u32 add_data_len)
{
	struct slow_uv *s = ctx;

	if (!s->attest_calls++)
		s->arcb = arcb;
	else if (s->arcb != arcb)
		s->arcb_moved++;
	/* A firmware that never answers; the caller is killed meanwhile. */
	if (s->stuck_until_killed_at) {
		if (s->attest_calls == s->stuck_until_killed_at)
			coco_shim_fatal_signal = true;
		/* A caller that ignored the signal ends here, not never. */
		if (s->attest_calls > s->stuck_until_killed_at + 10)
			return UVC_RC_EXECUTED;
		return COCO_SIM_UV_RC_PENDING;
	}
	if (s->attest_calls <= PENDING_TIMES)
		return COCO_SIM_UV_RC_PENDING;
	memset(meas, 0x5a, meas_len);
	return UVC_RC_EXECUTED;
}

static u16 slow_add_secret(void *ctx, const u8 *asrcb,
			   struct coco_sim_uv_secret *secret)
{
	struct slow_uv *s = ctx;

	if (++s->add_calls <= PENDING_TIMES)
		return COCO_SIM_UV_RC_PENDING;
	secret->type = 3;
	secret->len = 4;
	memset(secret->id, 0x11, sizeof(secret->id));
	memcpy(secret->value, "abcd", 4);
	return UVC_RC_EXECUTED;
}

struct uv_fx {
	struct coco_sim sim;
	struct coco_platform plat;
	struct coco_uv_status st;
	struct coco_sim_uv_firmware hooks;
	struct slow_uv s;
};

static struct uv_fx *uv_setup(void)
{
	static struct uv_fx f;

	f = (struct uv_fx){ 0 };
	memset(arena, 0, sizeof(arena));
	coco_shim_fatal_signal = false;
	f.plat = (struct coco_platform){
		.name = "test-sim",
		.priv = &f.sim,
		COCO_SIM_PLATFORM_OPS,
	};
	coco_sim_s390_configure(&f.sim, true);
	coco_sim_uv_set_memory(&f.sim, (u64)(unsigned long)arena,
			       sizeof(arena), shared_bits);
	f.hooks.ctx = &f.s;
	f.hooks.attest = slow_attest;
	f.hooks.add_secret = slow_add_secret;
	f.sim.s390.fw = &f.hooks;
	return &f;
}

static void test_uv_attest_pending_is_busy(void **state)
{
	struct uv_fx *f = uv_setup();
	struct coco_uv_attest req = { 0 };
	u8 *arcb = arena, *meas = arena + 2 * PAGE;

	coco_put_be32(arcb + 0x0c, 0x100);	/* the ARCB's own length */
	req.arcb = arcb;
	req.arcb_len = 0x100;
	req.meas = meas;
	req.meas_len = 64;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), 0);
	assert_int_equal(f->st.cc, UVC_CC_OK);
	assert_int_equal(f->st.rc, UVC_RC_EXECUTED);
	assert_int_equal(meas[0], 0x5a);
	assert_int_equal(meas[63], 0x5a);
	assert_int_equal(f->s.attest_calls, PENDING_TIMES + 1);
	assert_int_equal(f->s.arcb_moved, 0);
	/* Every pending answer was one more (busy) UV call. */
	assert_int_equal(f->sim.s390.nr_uvc, PENDING_TIMES + 1);
}

static void test_uv_attest_killed_while_pending(void **state)
{
	struct uv_fx *f = uv_setup();
	struct coco_uv_attest req = { 0 };
	u8 *arcb = arena, *meas = arena + 2 * PAGE;

	(void)state;
	coco_put_be32(arcb + 0x0c, 0x100);
	req.arcb = arcb;
	req.arcb_len = 0x100;
	req.meas = meas;
	req.meas_len = 64;
	f->s.stuck_until_killed_at = 1000;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EINTR);
	coco_shim_fatal_signal = false;
	/* It stopped at the first busy answer after the signal. */
	assert_int_equal(f->s.attest_calls, 1000);
	assert_int_equal(f->sim.s390.nr_uvc, 1000);
	assert_int_equal(f->st.cc, UVC_CC_BUSY);
	assert_int_equal(f->st.rc, 0);
	assert_int_equal(meas[0], 0);
}

static void test_uv_add_secret_pending_is_busy(void **state)
{
	struct uv_fx *f = uv_setup();
	u8 *asrcb = arena;

	coco_put_be32(asrcb + 0x0c, 0x200);
	assert_int_equal(coco_uv_add_secret(&f->plat, asrcb, 0x200, &f->st),
			 0);
	assert_int_equal(f->st.rc, UVC_RC_EXECUTED);
	assert_int_equal(f->s.add_calls, PENDING_TIMES + 1);
	assert_int_equal(f->sim.s390.nr_secrets, 1);
	assert_memory_equal(f->sim.s390.secrets[0].value, "abcd", 4);
}

static void test_uv_add_secret_header_beyond_memory(void **state)
{
	struct uv_fx *f = uv_setup();
	u8 *asrcb = arena + sizeof(arena) - 0x40;

	/* Its header claims more than the memory the UV may touch. */
	coco_put_be32(asrcb + 0x0c, 0x1000);
	/* The guest refuses a header claiming more than its buffer... */
	assert_int_equal(coco_uv_add_secret(&f->plat, asrcb, 0x40, &f->st),
			 -EINVAL);
	assert_int_equal(f->sim.s390.nr_uvc, 0);
	/* ...and the model refuses memory beyond the guest's. */
	assert_int_equal(coco_uv_add_secret(&f->plat, asrcb, 0x1000, &f->st),
			 -EIO);
	assert_int_equal(f->st.rc, 0x0103);
	assert_int_equal(f->s.add_calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_snp_pending_is_busy),
		cmocka_unit_test(test_uv_attest_pending_is_busy),
		cmocka_unit_test(test_uv_attest_killed_while_pending),
		cmocka_unit_test(test_uv_add_secret_pending_is_busy),
		cmocka_unit_test(test_uv_add_secret_header_beyond_memory),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

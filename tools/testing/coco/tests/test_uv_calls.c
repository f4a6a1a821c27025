// SPDX-License-Identifier: GPL-2.0-only
/*
 * The guest's UV calls (share/unshare, attestation, secrets) against the
 * Ultravisor model: every rc path, the exact control-block bytes, and a UV
 * that misbehaves (busy storms, impossible list pages, lists that never end).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <coco/byteimg.h>
#include <coco/uv.h>
#include "coco_sim.h"

#define ARENA_PAGES 64
#define PAGE 4096

static u8 arena[ARENA_PAGES * PAGE] __aligned(PAGE);
static unsigned long shared_bits[ARENA_PAGES / (8 * sizeof(unsigned long)) + 1];

struct fixture {
	struct coco_sim sim;
	struct coco_platform plat;
	struct coco_uv_status st;
};

static u64 page_addr(unsigned int n)
{
	return (u64)(unsigned long)(arena + (unsigned long)n * PAGE);
}

static int setup(void **state)
{
	static struct fixture f;

	f = (struct fixture){ 0 };
	memset(arena, 0, sizeof(arena));
	memset(shared_bits, 0, sizeof(shared_bits));
	f.plat = (struct coco_platform){
		.name = "test-sim",
		.priv = &f.sim,
		COCO_SIM_PLATFORM_OPS,
	};
	coco_sim_s390_configure(&f.sim, true);
	coco_sim_uv_set_memory(&f.sim, page_addr(0), sizeof(arena), shared_bits);
	*state = &f;
	return 0;
}

/* ---- share / unshare ------------------------------------------------ */

static void test_share_unshare_page(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(coco_uv_set_shared(&f->plat, page_addr(3), &f->st), 0);
	assert_int_equal(f->st.rc, UVC_RC_EXECUTED);
	assert_true(coco_sim_uv_page_shared(&f->sim, page_addr(3)));
	assert_false(coco_sim_uv_page_shared(&f->sim, page_addr(2)));
	assert_false(coco_sim_uv_page_shared(&f->sim, page_addr(4)));
	assert_int_equal(coco_uv_remove_shared(&f->plat, page_addr(3), &f->st), 0);
	assert_false(coco_sim_uv_page_shared(&f->sim, page_addr(3)));
	assert_int_equal(f->sim.s390.nr_double_share, 0);
	assert_int_equal(f->sim.s390.nr_double_unshare, 0);
}

static void test_share_unaligned_makes_no_call(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(coco_uv_set_shared(&f->plat, page_addr(1) + 8, &f->st),
			 -EINVAL);
	assert_int_equal(coco_uv_remove_shared(&f->plat, page_addr(1) + 1,
					       &f->st), -EINVAL);
	assert_int_equal(f->sim.s390.nr_uvc, 0);
}

static void test_share_outside_memory(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(coco_uv_set_shared(&f->plat, page_addr(ARENA_PAGES),
					    &f->st), -EIO);
	assert_int_equal(f->st.cc, UVC_CC_ERROR);
	assert_int_equal(f->st.rc, 0x0101);
}

static void test_share_range(void **state)
{
	struct fixture *f = *state;
	unsigned long done;
	unsigned int i;

	assert_int_equal(coco_uv_share_range(&f->plat, page_addr(10), 5, true,
					     &done, &f->st), 0);
	assert_int_equal(done, 5);
	for (i = 9; i <= 15; i++)
		assert_int_equal(coco_sim_uv_page_shared(&f->sim, page_addr(i)),
				 i >= 10 && i < 15);
	assert_int_equal(coco_uv_share_range(&f->plat, page_addr(10), 5, false,
					     &done, &f->st), 0);
	for (i = 10; i < 15; i++)
		assert_false(coco_sim_uv_page_shared(&f->sim, page_addr(i)));
}

static void test_share_range_stops_at_failure(void **state)
{
	struct fixture *f = *state;
	unsigned long done;

	assert_int_equal(coco_uv_share_range(&f->plat,
					     page_addr(ARENA_PAGES - 2), 4,
					     true, &done, &f->st), -EIO);
	assert_int_equal(done, 2);
	assert_int_equal(f->st.rc, 0x0101);
	/* Two pages done, one refused, the fourth never asked for. */
	assert_int_equal(f->sim.s390.nr_uvc, 3);
}

static void test_share_busy_storm(void **state)
{
	struct fixture *f = *state;

	f->sim.s390.uv_busy = 1000;
	assert_int_equal(coco_uv_set_shared(&f->plat, page_addr(0), &f->st), 0);
	assert_int_equal(f->sim.s390.nr_uvc, 1001);
	assert_true(coco_sim_uv_page_shared(&f->sim, page_addr(0)));
}

static void test_share_not_installed(void **state)
{
	struct fixture *f = *state;

	f->sim.s390.uv_inst_calls[0] &= ~(1ULL << (63 - 8));
	assert_int_equal(coco_uv_set_shared(&f->plat, page_addr(0), &f->st),
			 -EIO);
	assert_int_equal(f->st.rc, UVC_RC_INV_CMD);
	assert_false(coco_sim_uv_page_shared(&f->sim, page_addr(0)));
}

static void test_model_share_lengths(void **state)
{
	struct fixture *f = *state;
	u8 cb[UV_SHARE_LEN] __aligned(8) = { 0 };

	/* kvm-unit-tests: share with len 0x28 gives rc 5. */
	coco_put_be16(cb, 0x28);
	coco_put_be16(cb + 2, UVC_CMD_SET_SHARED_ACCESS);
	coco_put_be64(cb + 0x20, page_addr(0));
	assert_int_equal(coco_sim_uvc(&f->plat, cb), UVC_CC_ERROR);
	assert_int_equal(coco_get_be16(cb + 4), UVC_RC_INV_LEN);
	assert_false(coco_sim_uv_page_shared(&f->sim, page_addr(0)));
}

static void test_model_counts_double_share(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(coco_uv_set_shared(&f->plat, page_addr(5), &f->st), 0);
	assert_int_equal(coco_uv_set_shared(&f->plat, page_addr(5), &f->st), 0);
	assert_int_equal(f->sim.s390.nr_double_share, 1);
}

/* ---- control-block bytes --------------------------------------------- */

static u8 seen[UV_ATTEST_LEN];

static int record_uvc(const struct coco_platform *plat, void *uvcb)
{
	u8 *cb = uvcb;

	memcpy(seen, cb, coco_get_be16(cb) <= sizeof(seen) ?
	       coco_get_be16(cb) : sizeof(seen));
	coco_put_be16(cb + 4, UVC_RC_EXECUTED);
	return UVC_CC_OK;
}

static void test_share_bytes(void **state)
{
	struct coco_platform plat = { .name = "record", .uvc = record_uvc };
	static const u8 want[16] = { 0x00, 0x30, 0x10, 0x01 };
	struct coco_uv_status st;

	(void)state;
	assert_int_equal(coco_uv_remove_shared(&plat, 0x0123456789abc000ULL,
					       &st), 0);
	assert_memory_equal(seen, want, 16);
	assert_int_equal(seen[0x20], 0x01);
	assert_int_equal(seen[0x21], 0x23);
	assert_int_equal(seen[0x26], 0xc0);
	assert_int_equal(seen[0x27], 0x00);
}

static void test_attest_bytes(void **state)
{
	struct coco_platform plat = { .name = "record", .uvc = record_uvc };
	struct coco_uv_attest req = { 0 };
	struct coco_uv_status st;
	u8 meas[64], add[32];
	u64 a;

	(void)state;
	coco_put_be32(arena + 0x0c, 0x190);
	req.arcb = arena;
	req.arcb_len = 0x190;
	req.meas = meas;
	req.meas_len = sizeof(meas);
	req.add_data = add;
	req.add_data_len = sizeof(add);
	req.user_data_len = 3;
	memcpy(req.user_data, "abc", 3);
	assert_int_equal(coco_uv_attest(&plat, &req, &st), 0);
	assert_int_equal(coco_get_be16(seen), 0x0188);
	assert_int_equal(coco_get_be16(seen + 2), 0x1020);
	a = coco_get_be64(seen + 0x18);
	assert_true(a == (u64)(unsigned long)arena);
	assert_true(coco_get_be64(seen + 0x20) == 0);	/* continuation */
	assert_int_equal(coco_get_be16(seen + 0x2e), 3);
	assert_memory_equal(seen + 0x30, "abc", 3);
	assert_int_equal(seen[0x33], 0);
	assert_int_equal(coco_get_be32(seen + 0x13c), 64);
	assert_true(coco_get_be64(seen + 0x140) == (u64)(unsigned long)meas);
	assert_int_equal(coco_get_be32(seen + 0x15c), 32);
	assert_true(coco_get_be64(seen + 0x160) == (u64)(unsigned long)add);
}

/* ---- attestation ----------------------------------------------------- */

static void fill_arcb(u8 *arcb, u32 len)
{
	coco_put_be32(arcb + 0x08, 0x0100);
	coco_put_be32(arcb + 0x0c, len);
}

static void attest_req(struct coco_uv_attest *req)
{
	*req = (struct coco_uv_attest){ 0 };
	fill_arcb(arena, 0x190);
	req->arcb = arena;
	req->arcb_len = 0x190;
	req->meas = arena + PAGE;
	req->meas_len = 64;
	req->user_data_len = 4;
	memcpy(req->user_data, "nonc", 4);
}

static void test_attest_bounds_make_no_call(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_attest req;

	attest_req(&req);
	req.meas_len = 0;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EINVAL);
	attest_req(&req);
	req.meas_len = 0x8001;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EINVAL);
	attest_req(&req);
	req.user_data_len = 257;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EINVAL);
	attest_req(&req);
	req.add_data_len = 16;	/* but no buffer */
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EINVAL);
	attest_req(&req);
	req.add_data = arena + 2 * PAGE;
	req.add_data_len = 0x8001;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EINVAL);
	attest_req(&req);
	req.arcb = NULL;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EINVAL);
	/* The ARCB claims one byte more than the caller's buffer. */
	attest_req(&req);
	req.arcb_len = 0x18f;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EINVAL);
	/* A buffer too short for the header the UV reads first. */
	attest_req(&req);
	fill_arcb(arena, 0x20);
	req.arcb_len = 0x2f;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EINVAL);
	attest_req(&req);
	req.arcb_len = UV_ATTEST_ARCB_MAX + 1;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EINVAL);
	assert_int_equal(f->sim.s390.nr_uvc, 0);
}

static void test_attest_without_firmware_key(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_attest req;
	unsigned int i;

	attest_req(&req);
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EIO);
	assert_int_equal(f->st.rc, 0x010c);	/* unable to unseal */
	for (i = 0; i < 16; i++)
		assert_int_equal(req.config_uid[i], f->sim.s390.config_uid[i]);
}

static void test_attest_address_errors(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_attest req;
	u8 outside[64];

	attest_req(&req);
	fill_arcb(outside, 0x190);
	req.arcb = outside;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EIO);
	assert_int_equal(f->st.rc, 0x0103);

	attest_req(&req);
	fill_arcb(arena + sizeof(arena) - PAGE, 2 * PAGE);	/* runs off */
	req.arcb = arena + sizeof(arena) - PAGE;
	req.arcb_len = 2 * PAGE;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EIO);
	assert_int_equal(f->st.rc, 0x0103);

	attest_req(&req);
	req.meas = outside;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EIO);
	assert_int_equal(f->st.rc, 0x0104);

	attest_req(&req);
	req.add_data = outside;
	req.add_data_len = 32;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EIO);
	assert_int_equal(f->st.rc, 0x0105);
}

struct fw_seen {
	u16 user_len;
	u8 user[8];
	u32 meas_len;
	u8 cuid[16];
};

static u16 fake_attest(void *ctx, const u8 *arcb, const u8 *user_data,
		       u16 user_data_len, const u8 *cuid, u8 *meas,
		       u32 meas_len, u8 *add_data, u32 add_data_len)
{
	struct fw_seen *s = ctx;

	s->user_len = user_data_len;
	memcpy(s->user, user_data, user_data_len < 8 ? user_data_len : 8);
	s->meas_len = meas_len;
	memcpy(s->cuid, cuid, 16);
	memset(meas, 0x5a, meas_len);
	return UVC_RC_EXECUTED;
}

static void test_attest_reaches_firmware(void **state)
{
	struct fixture *f = *state;
	struct fw_seen seen_fw = { 0 };
	const struct coco_sim_uv_firmware fw = {
		.ctx = &seen_fw,
		.attest = fake_attest,
	};
	struct coco_uv_attest req;
	u8 want[64];

	f->sim.s390.fw = &fw;
	f->sim.s390.uv_busy = 3;
	attest_req(&req);
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), 0);
	assert_int_equal(seen_fw.user_len, 4);
	assert_memory_equal(seen_fw.user, "nonc", 4);
	assert_int_equal(seen_fw.meas_len, 64);
	assert_memory_equal(seen_fw.cuid, req.config_uid, 16);
	memset(want, 0x5a, sizeof(want));
	assert_memory_equal(arena + PAGE, want, 64);
	assert_int_equal(f->sim.s390.nr_uvc, 4);
}

/* ---- secrets --------------------------------------------------------- */

static void make_id(u8 *id, unsigned int n)
{
	memset(id, 0, 32);
	id[0] = 'S';
	id[30] = n >> 8;
	id[31] = n;
}

static void store_secrets(struct fixture *f, unsigned int n)
{
	u8 id[32], val[16];
	unsigned int i;

	for (i = 0; i < n; i++) {
		make_id(id, i);
		memset(val, i, sizeof(val));
		assert_int_equal(coco_sim_uv_store_secret(&f->sim,
				 i == 1 ? UV_SECRET_TYPE_ASSOCIATION : 0x03,
				 id, val, 4 + i % 8), (int)i);
	}
}

static void test_list_secrets(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_secret_list_hdr hdr;
	struct coco_uv_secret_entry e;
	u8 id[32];

	store_secrets(f, 3);
	assert_int_equal(coco_uv_list_secrets(&f->plat, arena, 0, &hdr,
					      &f->st), 0);
	assert_int_equal(f->st.rc, UVC_RC_EXECUTED);
	assert_int_equal(hdr.num, 3);
	assert_int_equal(hdr.total, 3);
	/* Entry 2 sits at 0x10 + 2 * 48 in the page, big-endian. */
	assert_int_equal(arena[0x10 + 96 + 1], 2);
	coco_uv_secret_entry_read(arena, 2, &e);
	make_id(id, 2);
	assert_int_equal(e.index, 2);
	assert_int_equal(e.type, 3);
	assert_int_equal(e.len, 6);
	assert_memory_equal(e.id, id, 32);
}

static void test_find_secret_across_pages(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_secret_entry e;
	u8 id[32];
	unsigned int before;

	store_secrets(f, 95);
	make_id(id, 90);
	assert_int_equal(coco_uv_find_secret(&f->plat, id, arena, &e, &f->st), 0);
	assert_int_equal(e.index, 90);
	before = f->sim.s390.nr_uvc;
	make_id(id, 200);
	assert_int_equal(coco_uv_find_secret(&f->plat, id, arena, &e, &f->st),
			 -ENOENT);
	assert_int_equal(f->sim.s390.nr_uvc - before, 2);	/* 85 + 10 */
}

static void test_hostile_list_extra_entries(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_secret_list_hdr hdr;
	struct coco_uv_secret_entry e;
	u8 id[32];

	store_secrets(f, 3);
	f->sim.s390.hostile_list_extra = 1;
	assert_int_equal(coco_uv_list_secrets(&f->plat, arena, 0, &hdr,
					      &f->st), -EIO);
	f->sim.s390.hostile_list_extra = 200;
	assert_int_equal(coco_uv_list_secrets(&f->plat, arena, 0, &hdr,
					      &f->st), -EIO);
	make_id(id, 0);
	assert_int_equal(coco_uv_find_secret(&f->plat, id, arena, &e, &f->st),
			 -EIO);
}

static void test_hostile_list_never_ends(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_secret_entry e;
	u8 id[32];

	store_secrets(f, 2);
	f->sim.s390.hostile_list_stuck = true;
	make_id(id, 7);
	assert_int_equal(coco_uv_find_secret(&f->plat, id, arena, &e, &f->st),
			 -EIO);
	assert_int_equal(f->sim.s390.nr_uvc, 1);
}

static void test_list_not_installed(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_secret_entry e;
	u8 id[32] = { 0 };

	f->sim.s390.uv_inst_calls[0] &= ~(1ULL << (63 - 30));
	assert_int_equal(coco_uv_find_secret(&f->plat, id, arena, &e, &f->st),
			 -ENODEV);
}

static void test_retrieve_secret(void **state)
{
	struct fixture *f = *state;
	u8 want[16], *buf = arena + 4 * PAGE;

	store_secrets(f, 3);
	assert_int_equal(coco_uv_retrieve_secret(&f->plat, 2, buf, 64, &f->st),
			 0);
	memset(want, 2, sizeof(want));
	assert_memory_equal(buf, want, 6);
	assert_int_equal(buf[6], 0);
}

static void test_retrieve_secret_errors(void **state)
{
	struct fixture *f = *state;
	u8 *buf = arena + 4 * PAGE;

	assert_int_equal(coco_uv_retrieve_secret(&f->plat, 0, buf, 64, &f->st),
			 -ENOENT);
	assert_int_equal(f->st.rc, 0x010f);	/* store empty */
	store_secrets(f, 3);
	assert_int_equal(coco_uv_retrieve_secret(&f->plat, 9, buf, 64, &f->st),
			 -ENOENT);
	assert_int_equal(f->st.rc, 0x0110);	/* invalid index */
	assert_int_equal(coco_uv_retrieve_secret(&f->plat, 1, buf, 64, &f->st),
			 -ENOENT);
	assert_int_equal(f->st.rc, 0x0111);	/* association: not retrievable */
	assert_int_equal(coco_uv_retrieve_secret(&f->plat, 2, buf, 5, &f->st),
			 -EINVAL);
	assert_int_equal(f->st.rc, 0x0109);	/* buffer too small */
	f->st.rc = 0;
	assert_int_equal(coco_uv_retrieve_secret(&f->plat, 2, buf, 0, &f->st),
			 -EINVAL);
	assert_int_equal(coco_uv_retrieve_secret(&f->plat, 2, buf, 0x2001,
						 &f->st), -EINVAL);
	assert_int_equal(f->st.rc, 0);	/* no call was made */
}

static void test_lock_and_add(void **state)
{
	struct fixture *f = *state;

	assert_int_equal(coco_uv_add_secret(&f->plat, arena, 0, &f->st),
			 -EINVAL);
	assert_int_equal(coco_uv_add_secret(&f->plat, arena, 0x100001, &f->st),
			 -EINVAL);
	assert_int_equal(f->sim.s390.nr_uvc, 0);
	assert_int_equal(coco_uv_add_secret(&f->plat, arena, 256, &f->st), -EIO);
	assert_int_equal(f->st.rc, 0x0108);	/* no key to decrypt it */
	assert_int_equal(coco_uv_lock_secrets(&f->plat, &f->st), 0);
	assert_int_equal(coco_uv_lock_secrets(&f->plat, &f->st), -EIO);
	assert_int_equal(f->st.rc, 0x0102);
	assert_int_equal(coco_uv_add_secret(&f->plat, arena, 256, &f->st), -EIO);
	assert_int_equal(f->st.rc, 0x0102);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_share_unshare_page, setup),
		cmocka_unit_test_setup(test_share_unaligned_makes_no_call, setup),
		cmocka_unit_test_setup(test_share_outside_memory, setup),
		cmocka_unit_test_setup(test_share_range, setup),
		cmocka_unit_test_setup(test_share_range_stops_at_failure, setup),
		cmocka_unit_test_setup(test_share_busy_storm, setup),
		cmocka_unit_test_setup(test_share_not_installed, setup),
		cmocka_unit_test_setup(test_model_share_lengths, setup),
		cmocka_unit_test_setup(test_model_counts_double_share, setup),
		cmocka_unit_test(test_share_bytes),
		cmocka_unit_test(test_attest_bytes),
		cmocka_unit_test_setup(test_attest_bounds_make_no_call, setup),
		cmocka_unit_test_setup(test_attest_without_firmware_key, setup),
		cmocka_unit_test_setup(test_attest_address_errors, setup),
		cmocka_unit_test_setup(test_attest_reaches_firmware, setup),
		cmocka_unit_test_setup(test_list_secrets, setup),
		cmocka_unit_test_setup(test_find_secret_across_pages, setup),
		cmocka_unit_test_setup(test_hostile_list_extra_entries, setup),
		cmocka_unit_test_setup(test_hostile_list_never_ends, setup),
		cmocka_unit_test_setup(test_list_not_installed, setup),
		cmocka_unit_test_setup(test_retrieve_secret, setup),
		cmocka_unit_test_setup(test_retrieve_secret_errors, setup),
		cmocka_unit_test_setup(test_lock_and_add, setup),
	};

	return cmocka_run_group_tests_name("uv_calls", tests, NULL, NULL);
}

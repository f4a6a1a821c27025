// SPDX-License-Identifier: GPL-2.0-only
/*
 * Retrieve Attestation Measurement end to end: the guest's real call
 * (coco_uv_attest(), arch/s390/kernel/uv_attest.c) against the UV model
 * (sim_uv_attest.c) with the Ultravisor firmware model of
 * tools/coco/simfw (uvfw) linked in as its cryptographic hooks.  The
 * request is built the way pvattest builds it, for the model's host key;
 * the measurement is verified on the customer's side with the measurement
 * key the customer put into the request, never with the firmware's state.
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
#include "uvfw.h"

#define ARENA_PAGES	16
#define PAGE		4096
#define SEED		0x5390aULL
#define FLAGS_ALL	UVFW_FLAGS_SUPPORTED

/* uvfw fills the model's store entries with this layout. */
_Static_assert(sizeof(struct coco_sim_uv_secret) == UVFW_SIM_SECRET_SIZE,
	       "store entry size");
_Static_assert(offsetof(struct coco_sim_uv_secret, len) ==
	       UVFW_SIM_SECRET_OFF_LEN, "store entry len");
_Static_assert(offsetof(struct coco_sim_uv_secret, id) ==
	       UVFW_SIM_SECRET_OFF_ID, "store entry id");
_Static_assert(offsetof(struct coco_sim_uv_secret, value) ==
	       UVFW_SIM_SECRET_OFF_VALUE, "store entry value");
_Static_assert(sizeof(((struct coco_sim_uv_secret *)0)->value) ==
	       UVFW_SECRET_VALUE_MAX, "store entry value size");

static u8 arena[ARENA_PAGES * PAGE] __aligned(PAGE);
static unsigned long shared_bits[ARENA_PAGES / (8 * sizeof(unsigned long)) + 1];

static const u8 cuid[UV_ATTEST_CUID_LEN] = {
	0x5e, 0xc0, 0x00, 0x01, 0xca, 0xfe, 0xba, 0xbe,
	0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80,
};

struct fixture {
	struct coco_sim sim;
	struct coco_platform plat;
	struct coco_uv_status st;
	struct coco_sim_uv_firmware hooks;
	struct uvfw *fw;
	struct uvfw *other;
	struct uvfw_arcb_params p;
};

static u8 *arcb_at(void)
{
	return arena;
}

static u8 *meas_at(void)
{
	return arena + 2 * PAGE;
}

static u8 *add_at(void)
{
	return arena + 3 * PAGE;
}

static int setup(void **state)
{
	static struct fixture f;
	unsigned int i;

	f = (struct fixture){ 0 };
	memset(arena, 0, sizeof(arena));
	memset(shared_bits, 0, sizeof(shared_bits));
	f.plat = (struct coco_platform){
		.name = "test-sim",
		.priv = &f.sim,
		COCO_SIM_PLATFORM_OPS,
	};
	coco_sim_s390_configure(&f.sim, true);
	coco_sim_uv_set_memory(&f.sim, (u64)(unsigned long)arena,
			       sizeof(arena), shared_bits);
	memcpy(f.sim.s390.config_uid, cuid, sizeof(cuid));
	f.fw = uvfw_new(SEED);
	f.other = uvfw_new(SEED + 1);
	if (!f.fw || !f.other)
		return -1;
	f.hooks.ctx = f.fw;
	f.hooks.attest = uvfw_attest_hook;
	f.hooks.add_secret = uvfw_add_secret_hook;
	uvfw_set_cuid(f.fw, cuid);
	f.sim.s390.fw = &f.hooks;

	f.p.mai = UVFW_MAI_HMAC_SHA512;
	for (i = 0; i < sizeof(f.p.meas_key); i++)
		f.p.meas_key[i] = (u8)(i * 5 + 3);
	for (i = 0; i < sizeof(f.p.nonce); i++)
		f.p.nonce[i] = (u8)(0xa0 + i);
	for (i = 0; i < sizeof(f.p.arpk); i++)
		f.p.arpk[i] = (u8)(0x11 * i);
	for (i = 0; i < sizeof(f.p.iv); i++)
		f.p.iv[i] = (u8)(0x40 + i);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	uvfw_free(f->fw);
	uvfw_free(f->other);
	return 0;
}

/* Build a request for @host's key into the arena. */
static void build(struct fixture *f, const struct uvfw *host, u64 flags)
{
	u8 pub[1][UVFW_PUBKEY_LEN];
	size_t len = 0;

	f->p.flags = flags;
	uvfw_host_pubkey(host, pub[0]);
	assert_int_equal(uvfw_arcb_build(&f->p, (const u8 (*)[UVFW_PUBKEY_LEN])
					 pub, 1, arcb_at(), 2 * PAGE, &len),
			 UVFW_OK);
	assert_int_equal(len, uvfw_arcb_size(1, flags));
}

static void request(struct coco_uv_attest *req, const char *user,
		    u32 meas_len, u32 add_len)
{
	*req = (struct coco_uv_attest){ 0 };
	req->arcb = arcb_at();
	req->arcb_len = 2 * PAGE;
	req->user_data_len = (u16)strlen(user);
	memcpy(req->user_data, user, req->user_data_len);
	req->meas = meas_at();
	req->meas_len = meas_len;
	req->add_data = add_len ? add_at() : NULL;
	req->add_data_len = add_len;
}

/* The verifier's side: what it expects, with the key it chose. */
static int verify(struct fixture *f, const struct coco_uv_attest *req,
		  const u8 *add, u32 add_len)
{
	struct uvfw_meas_input in = { 0 };
	struct uvfw_se_tags tags;

	uvfw_tags(f->fw, &tags);
	in.tags = &tags;
	in.cuid = req->config_uid;
	in.user_data = req->user_data;
	in.user_data_len = req->user_data_len;
	in.nonce = f->p.flags & UVFW_FLAG_NONCE ? f->p.nonce : NULL;
	in.add_data = add;
	in.add_data_len = add_len;
	return uvfw_measure_verify(f->p.meas_key, &in, req->meas, 64);
}

static void test_measurement_verifies(void **state)
{
	struct fixture *f = *state;
	u32 add_len = uvfw_add_data_size(FLAGS_ALL);
	u8 want_add[512] = { 0 }, pub[UVFW_PUBKEY_LEN];
	struct coco_uv_attest req;

	build(f, f->fw, FLAGS_ALL);
	request(&req, "user data bound into the measurement", 64, add_len);
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), 0);
	assert_int_equal(f->st.rc, UVC_RC_EXECUTED);
	assert_int_equal(f->st.cc, UVC_CC_OK);
	assert_memory_equal(req.config_uid, cuid, sizeof(cuid));

	/* Additional data: both host-key hashes, store hash, fw state. */
	uvfw_host_pubkey(f->fw, pub);
	uvfw_phkh(pub, want_add);
	uvfw_phkh(pub, want_add + 32);
	uvfw_secret_store_hash(f->fw, want_add + 64);
	uvfw_fw_state(f->fw, want_add + 128);
	assert_memory_equal(add_at(), want_add, add_len);
	assert_int_equal(verify(f, &req, want_add, add_len), 0);

	/* One flipped bit of the measurement, the CUID or user data. */
	meas_at()[63] ^= 0x01;
	assert_int_equal(verify(f, &req, want_add, add_len), 1);
	meas_at()[63] ^= 0x01;
	req.config_uid[0] ^= 0x80;
	assert_int_equal(verify(f, &req, want_add, add_len), 1);
	req.config_uid[0] ^= 0x80;
	req.user_data[0] ^= 0x02;
	assert_int_equal(verify(f, &req, want_add, add_len), 1);
	req.user_data[0] ^= 0x02;
	assert_int_equal(verify(f, &req, want_add, add_len), 0);
	assert_int_equal(f->sim.s390.nr_uvc, 1);
}

static void test_nonce_only_no_additional_data(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_attest req;

	build(f, f->fw, UVFW_FLAG_NONCE);
	request(&req, "", 64, 0);
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), 0);
	assert_int_equal(verify(f, &req, NULL, 0), 0);
	/* A verifier that forgets the nonce does not match. */
	f->p.flags = 0;
	assert_int_equal(verify(f, &req, NULL, 0), 1);
}

static void test_busy_uv_still_measures(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_attest req;

	build(f, f->fw, UVFW_FLAG_NONCE);
	request(&req, "busy", 128, 0);
	f->sim.s390.uv_busy = 5;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), 0);
	assert_int_equal(f->sim.s390.nr_uvc, 6);
	assert_int_equal(verify(f, &req, NULL, 0), 0);
	/* The buffer beyond the 64-byte HMAC is cleared. */
	assert_true(meas_at()[64] == 0 && meas_at()[127] == 0);
}

static void test_other_host_key_cannot_unseal(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_attest req;

	build(f, f->other, UVFW_FLAG_NONCE);
	request(&req, "x", 64, 0);
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EIO);
	assert_int_equal(f->st.rc, UVFW_RC_UNSEAL);
	/* The same request to its own UV measures. */
	f->hooks.ctx = f->other;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), 0);
}

static void test_refusals_reach_the_guest(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_attest req;
	unsigned long calls;

	build(f, f->fw, UVFW_FLAG_NONCE | UVFW_FLAG_IMAGE_PHKH);
	request(&req, "x", 63, 32);
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EIO);
	assert_int_equal(f->st.rc, UVFW_RC_MEAS_LEN);
	request(&req, "x", 64, 31);
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EIO);
	assert_int_equal(f->st.rc, UVFW_RC_ADD_LEN);
	arcb_at()[UVFW_ARCB_OFF_MAI + 3] = 2;
	request(&req, "x", 64, 32);
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EIO);
	assert_int_equal(f->st.rc, UVFW_RC_MAI);
	arcb_at()[0] = 17;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EIO);
	assert_int_equal(f->st.rc, UVFW_RC_VERSION);
	/* A request longer than guest memory: the UV model's access check. */
	build(f, f->fw, UVFW_FLAG_NONCE);
	coco_put_be32(arcb_at() + UVFW_ARCB_OFF_LEN, sizeof(arena) + 1);
	request(&req, "x", 64, 0);
	/* The guest keeps the UV inside the caller's two pages... */
	calls = f->sim.s390.nr_uvc;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EINVAL);
	assert_int_equal(f->sim.s390.nr_uvc, calls);
	/* ...and a caller whose buffer were that long reaches the model. */
	req.arcb_len = sizeof(arena) + 1;
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), -EIO);
	assert_int_equal(f->st.rc, UVC_RC_ATT_ARCB_ACCESS);
}

/* ---- add secret --------------------------------------------------- */

static const u8 plain_secret[48] = "the guest's disk key, delivered after attesting";

static u32 build_asrcb(struct fixture *f, const u8 *for_cuid)
{
	struct uvfw_asrcb_params p = { 0 };
	u8 pub[1][UVFW_PUBKEY_LEN];
	size_t len = 0;
	unsigned int i;

	uvfw_tags(f->fw, &p.tags);
	if (for_cuid)
		memcpy(p.cuid, for_cuid, sizeof(p.cuid));
	p.type = UVFW_SECRET_PLAIN;
	for (i = 0; i < sizeof(p.id); i++)
		p.id[i] = (u8)(0x80 + i);
	p.value = plain_secret;
	p.value_len = sizeof(plain_secret);
	memset(p.arpk, 0x42, sizeof(p.arpk));
	memset(p.iv, 0x24, sizeof(p.iv));
	uvfw_host_pubkey(f->fw, pub[0]);
	assert_int_equal(uvfw_asrcb_build(&p, (const u8 (*)[UVFW_PUBKEY_LEN])
					  pub, 1, add_at(), 2 * PAGE, &len),
			 UVFW_OK);
	return (u32)len;
}

static void test_add_secret_then_retrieve(void **state)
{
	struct fixture *f = *state;
	struct coco_uv_secret_entry e;
	u8 id[32], *buf = arena + 9 * PAGE, ssh[64], want[128];
	struct coco_uv_attest req;
	unsigned int i;
	u32 len;

	len = build_asrcb(f, cuid);
	assert_int_equal(coco_uv_add_secret(&f->plat, add_at(), len, &f->st),
			 0);
	assert_int_equal(f->sim.s390.nr_secrets, 1);
	for (i = 0; i < sizeof(id); i++)
		id[i] = (u8)(0x80 + i);
	assert_int_equal(coco_uv_find_secret(&f->plat, id, arena + 8 * PAGE,
					     &e, &f->st), 0);
	assert_int_equal(e.type, UVFW_SECRET_PLAIN);
	assert_int_equal(e.len, sizeof(plain_secret));
	/* The buffer must be guest memory the UV can reach. */
	assert_int_equal(coco_uv_retrieve_secret(&f->plat, e.index, buf, 64,
						 &f->st), 0);
	assert_memory_equal(buf, plain_secret, sizeof(plain_secret));

	/* Attestation now reports the store's new hash. */
	uvfw_secret_store_hash(f->fw, ssh);
	memset(want, 0, sizeof(want));
	assert_memory_not_equal(ssh, want, sizeof(ssh));
	build(f, f->fw, UVFW_FLAG_NONCE | UVFW_FLAG_SECRET_STORE_HASH);
	request(&req, "after the secret", 64, 64);
	memset(add_at(), 0, 64);
	assert_int_equal(coco_uv_attest(&f->plat, &req, &f->st), 0);
	assert_memory_equal(add_at(), ssh, 64);
	assert_int_equal(verify(f, &req, ssh, 64), 0);
}

static void test_add_secret_refused(void **state)
{
	struct fixture *f = *state;
	u8 other[UV_ATTEST_CUID_LEN];
	unsigned long calls;
	u32 len;

	/* For another configuration. */
	memcpy(other, cuid, sizeof(other));
	other[0] ^= 0xff;
	len = build_asrcb(f, other);
	assert_int_equal(coco_uv_add_secret(&f->plat, add_at(), len, &f->st),
			 -EIO);
	assert_int_equal(f->st.rc, UVFW_RC_AS_CANNOT_ADD);
	/* Tampered in flight. */
	len = build_asrcb(f, NULL);
	add_at()[len - 1] ^= 1;
	assert_int_equal(coco_uv_add_secret(&f->plat, add_at(), len, &f->st),
			 -EIO);
	assert_int_equal(f->st.rc, UVFW_RC_AS_DECRYPT);
	/* A buffer shorter than the ASRCB claims: refused, no UV call. */
	add_at()[len - 1] ^= 1;
	calls = f->sim.s390.nr_uvc;
	assert_int_equal(coco_uv_add_secret(&f->plat, add_at(), len - 1,
					    &f->st), -EINVAL);
	assert_int_equal(coco_uv_add_secret(&f->plat, add_at(),
					    UV_REQ_HDR_LEN - 1, &f->st),
			 -EINVAL);
	assert_int_equal(f->sim.s390.nr_uvc, calls);
	add_at()[len - 1] ^= 1;
	/* After Lock, the UV model refuses before the firmware is asked. */
	add_at()[len - 1] ^= 1;
	assert_int_equal(coco_uv_lock_secrets(&f->plat, &f->st), 0);
	assert_int_equal(coco_uv_add_secret(&f->plat, add_at(), len, &f->st),
			 -EIO);
	assert_int_equal(f->st.rc, UVC_RC_SECRETS_LOCKED);
	assert_int_equal(f->sim.s390.nr_secrets, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_measurement_verifies,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_nonce_only_no_additional_data,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_busy_uv_still_measures,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_host_key_cannot_unseal,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_refusals_reach_the_guest,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_secret_then_retrieve,
						setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_secret_refused,
						setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

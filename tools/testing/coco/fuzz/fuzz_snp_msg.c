// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for SNP guest messages: snp_msg.c over the real GHCB
 * guest-request exit (ghcb.c), with a hostile hypervisor behind the fake
 * VMGEXIT.  For every exit the input chooses what the hypervisor does:
 * relay to an honest firmware model, answer BUSY, INVALID_LEN with any RBX
 * (valid bit or not), any SW_EXITINFO2, a failed exit, the previous
 * response again, the honest response with bytes patched, or a response
 * whose header fields are wrong but sealed with the right key (so that only
 * the layer's header checks can catch them).  It also scribbles over the
 * certificate pages, and between requests may move the sequence number in
 * the secrets page.  The AEAD is a fake keyed construction (not AES-GCM)
 * that, like a streaming decryptor, writes its output before the tag is
 * checked.  Checked, besides "no crash":
 *   - no sequence number ever goes out under one VMPCK with two different
 *     request pages, and a new number is always above every earlier one;
 *   - 0 only when the last exit succeeded with SW_EXITINFO2 0 and the
 *     response as it was when the exit returned passes every check (an
 *     independent decoding here), with exactly its plaintext returned;
 *     -EBADMSG only when it fails one, with no plaintext left in @out;
 *   - -ENOTTY exactly when the key was already zero, -EINVAL only without
 *     an exit; INVALID_LEN keeps the key, spends the number (the same page
 *     resent plain) and reports an RBX larger than offered that fits 32
 *     bits; overflow keeps the key and makes no exit; every other failure
 *     wipes the key, and a wiped key stays wiped;
 *   - -ETIMEDOUT only after busy_retries + 1 BUSY answers in a row, and
 *     no more BUSY answers are waited for than that.
 *
 * Input: a flags byte (VMPCK id, starting count, BUSY retry limit), then
 * operations (opcode byte, arguments), the fake VMGEXIT consuming its
 * answers from the same stream.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/kernel.h>
#include <coco/byteimg_le.h>
#include <coco/ghcb.h>
#include <coco/sev.h>
#include <coco/snp_msg.h>
#include "fuzz_tape.h"

#define PAGE		4096
#define MAX_OPS		12
#define MAX_EXITS	32
#define MAX_SENT	128
#define CERTS_PAGES	4

/* ------------------------------------------------------- fake AEAD -- */

static u64 mix(u64 x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static u64 fa_base(const u8 *key, const u8 *iv)
{
	u64 h = 0x736e702d6d736721ULL;
	unsigned int i;

	for (i = 0; i < 32; i++)
		h = mix(h ^ key[i] ^ ((u64)i << 8));
	for (i = 0; i < COCO_GCM_IV_LEN; i++)
		h = mix(h ^ iv[i] ^ ((u64)(i + 32) << 8));
	return h;
}

static void fa_tag(u64 base, const u8 *aad, size_t aad_len, const u8 *ct,
		   size_t len, u8 *tag)
{
	u64 a = mix(base ^ 1), b = mix(base ^ 2);
	size_t i;

	for (i = 0; i < aad_len; i++)
		a = mix(a ^ aad[i] ^ ((u64)i << 8));
	for (i = 0; i < len; i++)
		b = mix(b ^ ct[i] ^ ((u64)i << 8));
	a = mix(a ^ aad_len ^ ((u64)len << 32));
	b = mix(b ^ a);
	coco_put_le64(tag, a);
	coco_put_le64(tag + 8, b);
}

static void fa_xor(u64 base, const u8 *in, size_t len, u8 *out)
{
	size_t i;

	for (i = 0; i < len; i++)
		out[i] = in[i] ^ (u8)(mix(base + 3 + i / 8) >> (8 * (i % 8)));
}

static int fa_encrypt(void *ctx, const u8 *key, const u8 *iv, const u8 *aad,
		      size_t aad_len, const u8 *in, size_t len, u8 *out,
		      u8 *tag)
{
	u64 base = fa_base(key, iv);

	fa_xor(base, in, len, out);
	fa_tag(base, aad, aad_len, out, len, tag);
	return 0;
}

/* Output first, tag check after: what a streaming decryptor leaves. */
static int fa_decrypt(void *ctx, const u8 *key, const u8 *iv, const u8 *aad,
		      size_t aad_len, const u8 *in, size_t len, u8 *out,
		      const u8 *tag)
{
	u64 base = fa_base(key, iv);
	u8 want[16];

	fa_tag(base, aad, aad_len, in, len, want);
	fa_xor(base, in, len, out);
	return memcmp(want, tag, 16) ? -EBADMSG : 0;
}

static const struct coco_aead_ops fake_aead = {
	.encrypt = fa_encrypt,
	.decrypt = fa_decrypt,
};

static void seal(const u8 *key, u8 *page, const u8 *pt, size_t len)
{
	u8 iv[COCO_GCM_IV_LEN] = { 0 };

	coco_put_le64(iv, coco_get_le64(page + SNP_MSG_OFF_SEQNO));
	fa_encrypt(NULL, key, iv, page + SNP_MSG_AAD_OFF, SNP_MSG_AAD_LEN, pt,
		   len, page + SNP_MSG_HDR_LEN, page + SNP_MSG_OFF_AUTHTAG);
}

/* ------------------------------------------------- the environment -- */

struct exit_rec {
	bool ext;
	bool failed;		/* the GHCB call itself fails */
	u64 info2;		/* SW_EXITINFO2 returned */
	bool rbx_valid;
	u64 rbx;
	u8 resp[PAGE];		/* the response page when the exit returned */
};

struct sent {
	u8 vmpck;
	u64 seqno;
	u8 page[PAGE];
};

static struct {
	struct tape t;
	u8 *ghcb_page, *req, *resp, *certs, *secrets;
	u64 msr;
	u8 keys[SNP_VMPCK_COUNT][32];	/* as provisioned */
	u64 fw_seqno[SNP_VMPCK_COUNT];	/* the honest firmware's counters */
	u8 last_resp[PAGE];
	struct exit_rec exits[MAX_EXITS];
	unsigned int nr_exits;
	struct sent *sent;
	unsigned int nr_sent;
	u64 top_seqno[SNP_VMPCK_COUNT];	/* highest number sent */
	bool any_sent[SNP_VMPCK_COUNT];
	bool seen;			/* the layer has taken a count */
	u32 stored;			/* the count it left */
} env;

static u64 fake_msr_read(const struct coco_platform *plat)
{
	return env.msr;
}

static void fake_msr_write(const struct coco_platform *plat, u64 val)
{
	env.msr = val;
}

static u64 fake_va_to_gpa(const struct coco_platform *plat, const void *va)
{
	return (u64)(uintptr_t)va;
}

static void set_field(u8 *page, unsigned int off, u64 v, bool valid)
{
	unsigned int bit = off / 8;
	u8 m = 1U << (bit % 8);

	coco_put_le64(page + off, v);
	if (valid)
		page[GHCB_OFF_VALID_BITMAP + bit / 8] |= m;
	else
		page[GHCB_OFF_VALID_BITMAP + bit / 8] &= ~m;
}

/* Record a request page; numbers never repeat with another page. */
static void record(const u8 *page)
{
	u8 v = page[SNP_MSG_OFF_VMPCK];
	u64 seq = coco_get_le64(page + SNP_MSG_OFF_SEQNO);
	unsigned int i;

	CHECK(v < SNP_VMPCK_COUNT);
	for (i = 0; i < env.nr_sent; i++)
		if (env.sent[i].vmpck == v && env.sent[i].seqno == seq) {
			CHECK(!memcmp(env.sent[i].page, page, PAGE));
			return;
		}
	/* A new number: above every one used before under this key. */
	CHECK(!env.any_sent[v] || seq > env.top_seqno[v]);
	env.any_sent[v] = true;
	env.top_seqno[v] = seq;
	if (env.nr_sent < MAX_SENT) {
		env.sent[env.nr_sent].vmpck = v;
		env.sent[env.nr_sent].seqno = seq;
		memcpy(env.sent[env.nr_sent].page, page, PAGE);
		env.nr_sent++;
	}
}

/* The honest AMD-SP: 0 and a response, or a status and none. */
static u32 firmware(const u8 *rq, u8 *rs)
{
	struct tape *t = &env.t;
	u8 v = rq[SNP_MSG_OFF_VMPCK], iv[COCO_GCM_IV_LEN] = { 0 }, tag[16];
	u8 pt[SNP_MSG_PAYLOAD_MAX];
	u64 seq = coco_get_le64(rq + SNP_MSG_OFF_SEQNO);
	u16 len = coco_get_le16(rq + SNP_MSG_OFF_SZ), rlen;
	unsigned int i;

	if (v >= SNP_VMPCK_COUNT || len > SNP_MSG_PAYLOAD_MAX ||
	    seq != env.fw_seqno[v] + 1)
		return 0x16;
	coco_put_le64(iv, seq);
	fa_tag(fa_base(env.keys[v], iv), rq + SNP_MSG_AAD_OFF, SNP_MSG_AAD_LEN,
	       rq + SNP_MSG_HDR_LEN, len, tag);
	if (memcmp(tag, rq + SNP_MSG_OFF_AUTHTAG, 16))
		return 0x16;
	rlen = t_u8(t) * 16;
	if (rlen > SNP_MSG_PAYLOAD_MAX)
		rlen = SNP_MSG_PAYLOAD_MAX;
	for (i = 0; i < rlen; i++)
		pt[i] = (u8)(i * 13 + seq);
	memset(rs, 0, PAGE);
	coco_put_le64(rs + SNP_MSG_OFF_SEQNO, seq + 1);
	rs[SNP_MSG_OFF_ALGO] = SNP_AEAD_AES_256_GCM;
	rs[SNP_MSG_OFF_HDR_VERSION] = 1;
	coco_put_le16(rs + SNP_MSG_OFF_HDR_SZ, SNP_MSG_HDR_LEN);
	rs[SNP_MSG_OFF_TYPE] = rq[SNP_MSG_OFF_TYPE] + 1;
	rs[SNP_MSG_OFF_VERSION] = rq[SNP_MSG_OFF_VERSION];
	coco_put_le16(rs + SNP_MSG_OFF_SZ, rlen);
	rs[SNP_MSG_OFF_VMPCK] = v;
	seal(env.keys[v], rs, pt, rlen);
	env.fw_seqno[v] = seq + 1;
	return 0;
}

/* A response with one header field wrong, sealed with the right key. */
static void bad_header(const u8 *rq, u8 *rs)
{
	struct tape *t = &env.t;
	u8 v = rq[SNP_MSG_OFF_VMPCK] & 3, pt[SNP_MSG_PAYLOAD_MAX];
	u8 which = t_u8(t);
	u16 rlen = (t_u8(t) * 16) % (SNP_MSG_PAYLOAD_MAX + 1);
	u64 x = t_bytes(t, 2);

	memset(pt, 0x41, sizeof(pt));
	memset(rs, 0, PAGE);
	coco_put_le64(rs + SNP_MSG_OFF_SEQNO,
		      coco_get_le64(rq + SNP_MSG_OFF_SEQNO) + 1);
	rs[SNP_MSG_OFF_ALGO] = SNP_AEAD_AES_256_GCM;
	rs[SNP_MSG_OFF_HDR_VERSION] = 1;
	coco_put_le16(rs + SNP_MSG_OFF_HDR_SZ, SNP_MSG_HDR_LEN);
	rs[SNP_MSG_OFF_TYPE] = rq[SNP_MSG_OFF_TYPE] + 1;
	rs[SNP_MSG_OFF_VERSION] = rq[SNP_MSG_OFF_VERSION];
	coco_put_le16(rs + SNP_MSG_OFF_SZ, rlen);
	rs[SNP_MSG_OFF_VMPCK] = v;
	switch (which % 9) {
	case 0:
		coco_put_le64(rs + SNP_MSG_OFF_SEQNO,
			      coco_get_le64(rs + SNP_MSG_OFF_SEQNO) + x -
			      0x8000);
		break;
	case 1:
		rs[SNP_MSG_OFF_TYPE] = x;
		break;
	case 2:
		rs[SNP_MSG_OFF_VERSION] = x;
		break;
	case 3:
		coco_put_le16(rs + SNP_MSG_OFF_SZ, x);
		break;
	case 4:
		rs[SNP_MSG_OFF_VMPCK] = x;
		break;
	case 5:
		rs[SNP_MSG_OFF_ALGO] = x;
		break;
	case 6:
		rs[SNP_MSG_OFF_HDR_VERSION] = x;
		break;
	case 7:
		coco_put_le16(rs + SNP_MSG_OFF_HDR_SZ, x);
		break;
	default:		/* reserved bytes, in the AAD or not */
		rs[0x28 + x % 0x38] = x >> 8;
		break;
	}
	rlen = coco_get_le16(rs + SNP_MSG_OFF_SZ);
	seal(env.keys[v], rs, pt, rlen > SNP_MSG_PAYLOAD_MAX ?
				   SNP_MSG_PAYLOAD_MAX : rlen);
}

static void fake_vmgexit(const struct coco_platform *plat)
{
	struct tape *t = &env.t;
	u8 *g = env.ghcb_page, act;
	struct exit_rec *e;
	u64 code, rq_gpa, rs_gpa, info1 = GHCB_RESULT_OK, info2 = 0;
	unsigned int i, n;
	u8 *rq, *rs;

	if ((env.msr & GHCB_MSR_INFO_MASK) == GHCB_MSR_REG_GPA_REQ) {
		env.msr = (env.msr & ~GHCB_MSR_INFO_MASK) |
			  GHCB_MSR_REG_GPA_RESP;
		return;
	}
	CHECK(env.msr == (u64)(uintptr_t)g);
	CHECK(env.nr_exits < MAX_EXITS);
	e = &env.exits[env.nr_exits++];
	memset(e, 0, sizeof(*e));
	code = coco_get_le64(g + GHCB_OFF_SW_EXIT_CODE);
	rq_gpa = coco_get_le64(g + GHCB_OFF_SW_EXIT_INFO_1);
	rs_gpa = coco_get_le64(g + GHCB_OFF_SW_EXIT_INFO_2);
	CHECK(code == SVM_VMGEXIT_GUEST_REQUEST ||
	      code == SVM_VMGEXIT_EXT_GUEST_REQUEST);
	e->ext = code == SVM_VMGEXIT_EXT_GUEST_REQUEST;
	CHECK(rq_gpa == (u64)(uintptr_t)env.req);
	CHECK(rs_gpa == (u64)(uintptr_t)env.resp);
	rq = env.req;
	rs = env.resp;
	if (e->ext) {
		u64 n_offered = coco_get_le64(g + GHCB_OFF_RBX);

		CHECK(coco_get_le64(g + GHCB_OFF_RAX) ==
		      (u64)(uintptr_t)env.certs);
		CHECK(n_offered >= 1 && n_offered <= CERTS_PAGES);
	}
	record(rq);

	act = t_u8(t);
	switch (act & 7) {
	case 0:		/* relay */
		info2 = firmware(rq, rs);
		break;
	case 1:
		info2 = (u64)SNP_GUEST_VMM_ERR_BUSY << 32;
		break;
	case 2:		/* INVALID_LEN with some page count */
		info2 = (u64)SNP_GUEST_VMM_ERR_INVALID_LEN << 32;
		e->rbx = act & 0x40 ? t_bytes(t, 8) : t_u8(t);
		e->rbx_valid = !(act & 0x80);
		set_field(g, GHCB_OFF_RBX, e->rbx, e->rbx_valid);
		break;
	case 3:		/* any SW_EXITINFO2 */
		info2 = t_bytes(t, 8);
		if (act & 0x80)
			info2 &= 0xffffffffULL;
		break;
	case 4:		/* relay, then patch bytes of the response */
		info2 = firmware(rq, rs);
		n = 1 + t_u8(t) % 4;
		for (i = 0; i < n; i++)
			rs[t_bytes(t, 2) % PAGE] ^= t_u8(t) | 1;
		break;
	case 5:		/* the previous response again */
		memcpy(rs, env.last_resp, PAGE);
		break;
	case 6:		/* the exit itself fails */
		info1 = act & 0x80 ? t_bytes(t, 8) : GHCB_RESULT_INVALID;
		if ((u32)info1 == GHCB_RESULT_OK)
			info1 = GHCB_RESULT_INVALID;
		break;
	default:	/* wrong header, right key */
		bad_header(rq, rs);
		break;
	}
	if (act & 0x20) {	/* scribble over the certificate pages */
		n = t_u8(t) % 8;
		for (i = 0; i < n; i++)
			env.certs[t_bytes(t, 2) % (CERTS_PAGES * PAGE)] =
				t_u8(t);
	}
	set_field(g, GHCB_OFF_SW_EXIT_INFO_1, info1, true);
	set_field(g, GHCB_OFF_SW_EXIT_INFO_2, info2, true);
	e->failed = (u32)info1 != GHCB_RESULT_OK;
	e->info2 = info2;
	memcpy(e->resp, rs, PAGE);
	memcpy(env.last_resp, rs, PAGE);
}

static const struct coco_platform fake_plat = {
	.name = "fuzz",
	.ghcb_msr_read = fake_msr_read,
	.ghcb_msr_write = fake_msr_write,
	.vmgexit = fake_vmgexit,
	.va_to_gpa = fake_va_to_gpa,
};

static struct coco_ghcb ghcb;

static int fz_send(void *ctx, bool ext, u64 *exitinfo2, u32 *certs_pages)
{
	int ret = coco_ghcb_get(&ghcb);

	if (ret)
		return ret;
	ret = coco_ghcb_guest_request(&fake_plat, &ghcb,
				      (u64)(uintptr_t)env.req,
				      (u64)(uintptr_t)env.resp, ext,
				      (u64)(uintptr_t)env.certs, certs_pages,
				      exitinfo2);
	coco_ghcb_put(&ghcb);
	return ret;
}

/* ------------------------------------------------------ the oracle -- */

static bool key_zero(unsigned int id)
{
	static const u8 zero[32];

	return !memcmp(env.secrets + SNP_SECRETS_OFF_VMPCK0 + 32 * id, zero,
		       32);
}

/* What a correct guest makes of a response; the plaintext into @pt. */
static bool resp_ok(const u8 *rs, const u8 *rq, unsigned int id, u16 cap,
		    u8 *pt, u16 *len)
{
	u8 iv[COCO_GCM_IV_LEN] = { 0 }, tag[16];
	u64 seq = coco_get_le64(rq + SNP_MSG_OFF_SEQNO) + 1;
	u16 sz = coco_get_le16(rs + SNP_MSG_OFF_SZ);
	u64 base;

	if (coco_get_le64(rs + SNP_MSG_OFF_SEQNO) != seq ||
	    rs[SNP_MSG_OFF_TYPE] != (u8)(rq[SNP_MSG_OFF_TYPE] + 1) ||
	    rs[SNP_MSG_OFF_VERSION] != rq[SNP_MSG_OFF_VERSION] ||
	    rs[SNP_MSG_OFF_ALGO] != 1 || rs[SNP_MSG_OFF_HDR_VERSION] != 1 ||
	    coco_get_le16(rs + SNP_MSG_OFF_HDR_SZ) != 0x60 ||
	    rs[SNP_MSG_OFF_VMPCK] != id || sz > 4000 || sz > cap)
		return false;
	coco_put_le64(iv, seq);
	base = fa_base(env.keys[id], iv);
	fa_tag(base, rs + 0x30, 0x30, rs + 0x60, sz, tag);
	if (memcmp(tag, rs, 16))
		return false;
	fa_xor(base, rs + 0x60, sz, pt);
	*len = sz;
	return true;
}

static void check_op(int ret, unsigned int id, bool was_zero, bool ext,
		     u32 offered, u32 pages_out, u32 stored_before,
		     bool moved, const u8 *out, u16 out_len, u16 cap,
		     u64 exitinfo2, unsigned int busy_retries)
{
	static u8 pt[SNP_MSG_PAYLOAD_MAX];
	const struct exit_rec *last = env.nr_exits ?
				      &env.exits[env.nr_exits - 1] : NULL;
	u32 stored = coco_get_le32(env.secrets + SNP_SECRETS_OFF_OS_SEQNO0 +
				   4 * id);
	unsigned int i, busy = 0;
	u16 len = 0;
	bool inv_len = false;

	/* Never more BUSY answers in a row than the limit allows. */
	for (i = 0; i < env.nr_exits; i++) {
		busy = (env.exits[i].info2 >> 32) == SNP_GUEST_VMM_ERR_BUSY &&
		       !env.exits[i].failed ? busy + 1 : 0;
		CHECK(busy <= busy_retries + 1);
		if (busy == busy_retries + 1)
			CHECK(i == env.nr_exits - 1);
	}
	for (i = 0; i < env.nr_exits; i++)
		if (env.exits[i].ext && !env.exits[i].failed &&
		    (env.exits[i].info2 >> 32) ==
		    SNP_GUEST_VMM_ERR_INVALID_LEN)
			inv_len = true;

	if (was_zero) {
		CHECK(ret == -ENOTTY && !env.nr_exits);
		CHECK(key_zero(id));
		return;
	}
	switch (ret) {
	case 0:
		CHECK(last && !last->failed && last->info2 == 0 && !exitinfo2);
		CHECK(!last->ext || !inv_len);
		CHECK(resp_ok(last->resp, env.req, id, cap, pt, &len));
		CHECK(len == out_len && !memcmp(pt, out, len));
		CHECK(stored == stored_before + 2 && !key_zero(id));
		if (ext)
			CHECK(pages_out == offered);
		return;
	case -EBADMSG:
		CHECK(last && !last->failed && last->info2 == 0);
		CHECK(!resp_ok(last->resp, env.req, id, cap, pt, &len));
		for (i = 0; i < cap; i++)
			CHECK(out[i] == 0 || out[i] == 0xee);
		CHECK(key_zero(id) && stored == stored_before + 2);
		return;
	case -EINVAL:
		CHECK(!env.nr_exits && ext && !offered && !key_zero(id));
		return;
	case -ETIMEDOUT:
		CHECK(busy == busy_retries + 1 && key_zero(id));
		return;
	case -EIO:
		if (!env.nr_exits) {
			/* Moved count (wiped) or overflow (kept). */
			CHECK(moved ? key_zero(id) :
			      stored_before >= 0xfffffffeU && !key_zero(id));
			return;
		}
		if (!key_zero(id)) {
			/* INVALID_LEN: consumed, the need believable. */
			CHECK(ext && inv_len && env.nr_exits >= 2);
			CHECK(exitinfo2 ==
			      (u64)SNP_GUEST_VMM_ERR_INVALID_LEN << 32);
			CHECK(pages_out > offered);
			CHECK(!last->ext && !last->failed && !last->info2);
			CHECK(stored == stored_before + 2);
			for (i = 0; i < env.nr_exits; i++)
				if (env.exits[i].ext &&
				    (env.exits[i].info2 >> 32) == 1 &&
				    !env.exits[i].failed)
					CHECK(env.exits[i].rbx_valid &&
					      env.exits[i].rbx == pages_out);
			return;
		}
		CHECK(stored == stored_before);
		return;
	default:
		CHECK(0);
	}
}

/* --------------------------------------------------------- the run -- */

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static u8 out[SNP_MSG_PAYLOAD_MAX], pl[SNP_MSG_PAYLOAD_MAX];
	struct coco_snp_msg *m;
	struct tape *t = &env.t;
	unsigned int op, i, j, id;
	u8 flags;

	if (size < 2)
		return 0;
	memset(&env, 0, sizeof(env));
	t->p = data;
	t->n = size;
	env.ghcb_page = aligned_alloc(PAGE, PAGE);
	env.req = aligned_alloc(PAGE, PAGE);
	env.resp = aligned_alloc(PAGE, PAGE);
	env.certs = aligned_alloc(PAGE, CERTS_PAGES * PAGE);
	env.secrets = aligned_alloc(PAGE, PAGE);
	env.sent = malloc(MAX_SENT * sizeof(*env.sent));
	m = calloc(1, sizeof(*m));
	CHECK(env.ghcb_page && env.req && env.resp && env.certs &&
	      env.secrets && env.sent && m);
	memset(env.ghcb_page, 0, PAGE);
	memset(env.req, 0, PAGE);
	memset(env.resp, 0, PAGE);
	memset(env.certs, 0, CERTS_PAGES * PAGE);
	memset(env.secrets, 0, PAGE);

	flags = t_u8(t);
	id = flags & 3;
	for (i = 0; i < SNP_VMPCK_COUNT; i++) {
		u32 start;

		for (j = 0; j < 32; j++)
			env.keys[i][j] = (u8)((i * 32 + j) * 37 + 1);
		switch ((flags >> 2) & 3) {
		case 0:
			start = 0;
			break;
		case 1:		/* near the end of the 32-bit count */
			start = 0xfffffff0U + (flags >> 6) * 4;
			break;
		default:
			start = (u32)t_bytes(t, 4);
			break;
		}
		env.fw_seqno[i] = start;
		coco_put_le32(env.secrets + SNP_SECRETS_OFF_OS_SEQNO0 + 4 * i,
			      start);
		memcpy(env.secrets + SNP_SECRETS_OFF_VMPCK0 + 32 * i,
		       env.keys[i], 32);
	}
	if ((flags & 0xc0) == 0xc0)	/* a slot provisioned empty */
		memset(env.secrets + SNP_SECRETS_OFF_VMPCK0 + 32 * id, 0, 32);

	CHECK(!coco_ghcb_init(&fake_plat, &ghcb, env.ghcb_page, 2));
	m->aead = &fake_aead;
	m->secrets = env.secrets;
	m->vmpck_id = id;
	m->send = fz_send;
	m->busy_retries = (flags >> 4) & 3;
	m->req_shared = env.req;
	m->resp_shared = env.resp;

	for (op = 0; op < MAX_OPS && t->n; op++) {
		u8 code = t_u8(t);
		bool ext = code & 1, was_zero, moved = false;
		u32 offered = 0, pages, stored_before;
		u16 len, cap, out_len = 0xffff;
		u64 ei2 = 0xdead;
		int ret;

		if ((code & 0x0e) == 0x0e) {
			/* Between requests, the count in the secrets page moves. */
			u8 *p = env.secrets + SNP_SECRETS_OFF_OS_SEQNO0 +
				4 * id;

			coco_put_le32(p, coco_get_le32(p) +
					 (u32)(s8)t_u8(t));
			continue;
		}
		if (ext)
			offered = (code >> 4) % (CERTS_PAGES + 1);
		pages = offered;
		len = t_u8(t) * 16;
		if (len > SNP_MSG_PAYLOAD_MAX)
			len = SNP_MSG_PAYLOAD_MAX;
		cap = code & 0x80 ? (u16)(t_bytes(t, 2) % (SNP_MSG_PAYLOAD_MAX + 1))
				  : SNP_MSG_PAYLOAD_MAX;
		memset(pl, code, len);
		memset(out, 0xee, sizeof(out));
		was_zero = key_zero(id);
		stored_before = coco_get_le32(env.secrets +
					      SNP_SECRETS_OFF_OS_SEQNO0 +
					      4 * id);
		moved = env.seen && stored_before != env.stored;
		env.nr_exits = 0;
		ret = coco_snp_msg_send(m, (code & 0x02) ? SNP_MSG_KEY_REQ :
					SNP_MSG_REPORT_REQ, 1 + (code & 0x04) / 4,
					pl, len, out, cap, &out_len, ext,
					ext ? &pages : NULL, &ei2);
		check_op(ret, id, was_zero, ext, offered, pages, stored_before,
			 moved, out, out_len, cap, ei2, m->busy_retries);
		/* A wiped key stays wiped. */
		if (was_zero)
			CHECK(key_zero(id));
		if (!was_zero && ret != -EINVAL) {
			env.seen = true;
			env.stored = coco_get_le32(env.secrets +
						   SNP_SECRETS_OFF_OS_SEQNO0 +
						   4 * id);
		}
	}

	free(env.ghcb_page);
	free(env.req);
	free(env.resp);
	free(env.certs);
	free(env.secrets);
	free(env.sent);
	free(m);
	return 0;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the s390 Ultravisor calls (uv.c, uv_sched.c,
 * uv_secrets.c, uv_attest.c, uv_share.c).  The fake UVC takes its
 * condition code, rc, rrc and the bytes it writes into the control block
 * or the secret list page from the input; so does the fake STFLE.  Checked,
 * besides "no crash":
 *   - every control block carries the right length, command and operands
 *     (a list continues exactly from the previous page's "next");
 *   - busy/partial condition codes are reissued; the status returned is the
 *     final call's cc, rc and rrc;
 *   - coco_uv_detect(): no UV call without facility 158; the query
 *     succeeds exactly for cc 0/rc 1 or rc 0x100 and its fields are the
 *     control block's bytes; the guest is protected iff both share calls
 *     are installed;
 *   - coco_uv_list_secrets(): an accepted page never claims more entries
 *     than fit or than the store holds, and "more data" always advances;
 *   - coco_uv_find_secret(): terminates (at most 65536 list calls, checked
 *     live), reads entries only inside the page (ASan: the page is exactly
 *     4096 bytes), finds the ID exactly when an accepted page has it, and
 *     otherwise maps the failure: rc 2 is -ENODEV, the end is -ENOENT;
 *   - coco_uv_retrieve_secret(): bad buffers are -EINVAL without a call;
 *     otherwise 0 only for cc 0/rc 1, and each rc maps to its errno;
 *   - coco_uv_attest() and coco_uv_share_range(): argument checks before
 *     any call, results only for an executed call, "done" counts exactly
 *     the executed calls.
 *
 * Input: operations (opcode byte, arguments); the fake UVC consumes its
 * answers from the same stream.  Bytes past the end read as zero, which
 * answers cc 0 / rc 1.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <linux/errno.h>
#include <coco/byteimg.h>
#include <coco/uv.h>
#include "fuzz_tape.h"

#define PAGE		4096
#define MAX_OPS		16
#define MAX_LIST_CALLS	65537

static const u16 rc_table[8] = {
	UVC_RC_EXECUTED, UVC_RC_MORE_DATA, UVC_RC_INV_CMD,
	UVC_RC_RETR_BUF_SMALL, UVC_RC_RETR_STORE_EMPTY, UVC_RC_RETR_INV_IDX,
	UVC_RC_RETR_INV_SECRET, UVC_RC_INV_STATE,
};

static const u8 target_id[UV_SECRET_ID_LEN] = {
	0x73, 0x65, 0x63, 0x72, 0x65, 0x74, 0x2d, 0x69, 0x64, 0x01, 0x02,
	0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d,
	0x0e, 0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
};

static struct {
	struct tape t;
	u64 fac[S390_FACILITY_DWORDS];
	unsigned int nr_stfle, nr_uvc;
	/* what the current operation must send */
	u16 cmd, len;
	u8 *page;		/* the list page */
	void *buf;		/* the retrieve / attest / share target */
	u32 buf_size;
	u16 start;		/* the list start index expected next */
	u64 paddr;		/* the share address expected next */
	/* the last answer */
	int cc;
	u16 rc, rrc;
	u8 cb[UV_QUI_LEN];	/* the control block as the fake left it */
	/* find: the list calls and the first page that holds the ID */
	unsigned int nr_list;
	long found_at;
	struct coco_uv_secret_entry found;
	bool list_accepted;
	struct coco_uv_secret_list_hdr hdr;
	bool share_ok;
	unsigned long share_executed;
} uv;

static unsigned int fake_stfle(const struct coco_platform *plat, u64 *fac,
			       unsigned int ndw)
{
	unsigned int i;

	uv.nr_stfle++;
	for (i = 0; i < ndw; i++)
		fac[i] = i < S390_FACILITY_DWORDS ? uv.fac[i] : 0;
	return S390_FACILITY_DWORDS;
}

/* Fill the list page; sometimes plant the ID the finder looks for. */
static void fill_list_page(u8 *page)
{
	struct tape *t = &uv.t;
	u8 m = t_u8(t), n, i, j;
	u16 num, total, next;

	if (m & 1) {	/* a plausible page */
		num = t_u8(t) % (UV_SECRET_LIST_MAX_ENTRIES + 3);
		total = num + t_u8(t);
		next = uv.start + t_u8(t);
	} else {	/* anything */
		num = t_be(t, 2);
		total = t_be(t, 2);
		next = t_be(t, 2);
	}
	coco_put_be16(page + UV_SECRET_LIST_OFF_NUM, num);
	coco_put_be16(page + UV_SECRET_LIST_OFF_TOTAL, total);
	coco_put_be16(page + UV_SECRET_LIST_OFF_NEXT, next);
	if (m & 2) {	/* entries with ordinary contents */
		for (i = 0; i < UV_SECRET_LIST_MAX_ENTRIES; i++) {
			u8 *e = page + UV_SECRET_LIST_OFF_ENTRIES +
				i * UV_SECRET_ENTRY_LEN;

			coco_put_be16(e + UV_SECRET_ENTRY_OFF_IDX,
				      uv.start + i);
			coco_put_be16(e + UV_SECRET_ENTRY_OFF_TYPE,
				      UV_SECRET_TYPE_ASSOCIATION);
			coco_put_be32(e + UV_SECRET_ENTRY_OFF_LEN, 32);
			for (j = 0; j < UV_SECRET_ID_LEN; j++)
				e[UV_SECRET_ENTRY_OFF_ID + j] = i ^ j;
		}
	}
	if (m & 4) {	/* the ID, at some entry, maybe past the page */
		i = t_u8(t) % (UV_SECRET_LIST_MAX_ENTRIES + 1);
		if (i < UV_SECRET_LIST_MAX_ENTRIES)
			memcpy(page + UV_SECRET_LIST_OFF_ENTRIES +
			       i * UV_SECRET_ENTRY_LEN + UV_SECRET_ENTRY_OFF_ID,
			       target_id, UV_SECRET_ID_LEN);
	}
	if (m & 8) {	/* raw patches */
		n = t_u8(t) % 4;
		for (i = 0; i < n; i++) {
			unsigned int off = t_be(t, 2) % PAGE, len = t_u8(t) % 64;

			for (; len && off < PAGE; len--, off++)
				page[off] = t_u8(t);
		}
	}
}

/* Would a correct guest accept this list page, and does it hold the ID? */
static void judge_list_page(const u8 *page)
{
	struct coco_uv_secret_list_hdr h;
	unsigned int i;

	h.num = coco_get_be16(page + UV_SECRET_LIST_OFF_NUM);
	h.total = coco_get_be16(page + UV_SECRET_LIST_OFF_TOTAL);
	h.next = coco_get_be16(page + UV_SECRET_LIST_OFF_NEXT);
	uv.hdr = h;
	uv.list_accepted = ((uv.cc == 0 && uv.rc == UVC_RC_EXECUTED) ||
			    uv.rc == UVC_RC_MORE_DATA) &&
			   h.num <= UV_SECRET_LIST_MAX_ENTRIES &&
			   h.num <= h.total &&
			   (uv.rc != UVC_RC_MORE_DATA || h.next > uv.start);
	if (!uv.list_accepted || uv.found_at >= 0)
		return;
	for (i = 0; i < h.num; i++) {
		const u8 *e = page + UV_SECRET_LIST_OFF_ENTRIES +
			      i * UV_SECRET_ENTRY_LEN;

		if (!memcmp(e + UV_SECRET_ENTRY_OFF_ID, target_id,
			    UV_SECRET_ID_LEN)) {
			uv.found_at = uv.nr_list;
			uv.found.index = coco_get_be16(e + UV_SECRET_ENTRY_OFF_IDX);
			uv.found.type = coco_get_be16(e + UV_SECRET_ENTRY_OFF_TYPE);
			uv.found.len = coco_get_be32(e + UV_SECRET_ENTRY_OFF_LEN);
			memcpy(uv.found.id, target_id, UV_SECRET_ID_LEN);
			return;
		}
	}
}

static void check_request(const u8 *cb, u16 cmd)
{
	unsigned int i;

	CHECK(coco_get_be16(cb + UVCB_OFF_LEN) == uv.len);
	CHECK(cmd == uv.cmd);
	switch (cmd) {
	case UVC_CMD_LIST_SECRETS:
		CHECK(coco_get_be16(cb + UV_LIST_OFF_START_IDX) == uv.start);
		CHECK(coco_get_be64(cb + UV_LIST_OFF_ADDR) ==
		      coco_uv_addr(uv.page));
		break;
	case UVC_CMD_RETR_SECRET:
		CHECK(coco_get_be64(cb + UV_RETR_OFF_BUF_ADDR) ==
		      coco_uv_addr(uv.buf));
		CHECK(coco_get_be32(cb + UV_RETR_OFF_BUF_SIZE) == uv.buf_size);
		break;
	case UVC_CMD_SET_SHARED_ACCESS:
	case UVC_CMD_REMOVE_SHARED_ACCESS:
		CHECK(coco_get_be64(cb + UV_SHARE_OFF_PADDR) == uv.paddr);
		break;
	case UVC_CMD_RETR_ATTEST:
		CHECK(coco_get_be64(cb + UV_ATTEST_OFF_MEAS_ADDR) ==
		      coco_uv_addr(uv.buf));
		CHECK(coco_get_be32(cb + UV_ATTEST_OFF_MEAS_LEN) == uv.buf_size);
		break;
	case UVC_CMD_QUI:
		/* The query asks with an empty body. */
		for (i = UVCB_HDR_LEN; i < UV_QUI_LEN; i++)
			CHECK(cb[i] == 0);
		break;
	}
}

static int fake_uvc(const struct coco_platform *plat, void *uvcb)
{
	struct tape *t = &uv.t;
	u8 *cb = uvcb;
	u16 cmd = coco_get_be16(cb + UVCB_OFF_CMD);
	u8 b = t_u8(t), m;
	unsigned int i;

	uv.nr_uvc++;
	/* Only a reissue after busy/partial sees the fake's own writes. */
	if (uv.cc != UVC_CC_BUSY && uv.cc != UVC_CC_PARTIAL)
		check_request(cb, cmd);
	else
		CHECK(cmd == uv.cmd);

	uv.cc = b & 3;
	uv.rc = b & 4 ? t_be(t, 2) : rc_table[(b >> 3) & 7];
	uv.rrc = b & 0x40 ? t_be(t, 2) : 0;
	coco_put_be16(cb + UVCB_OFF_RC, uv.rc);
	coco_put_be16(cb + UVCB_OFF_RRC, uv.rrc);

	if (b & 0x80) {
		m = t_u8(t);
		if (cmd == UVC_CMD_QUI && (m & 1))
			for (i = 0; i < 32; i++)
				cb[UV_QUI_OFF_INST_CALLS + i] = t_u8(t);
		if (cmd == UVC_CMD_QUI && (m & 2))
			for (i = UV_QUI_OFF_CPU_STOR_LEN; i < UV_QUI_LEN; i++)
				cb[i] = t_u8(t);
		if (cmd == UVC_CMD_RETR_ATTEST && (m & 1))
			for (i = 0; i < UV_ATTEST_CUID_LEN; i++)
				cb[UV_ATTEST_OFF_CONFIG_UID + i] = t_u8(t);
	}
	if (cmd == UVC_CMD_LIST_SECRETS && uv.cc != UVC_CC_BUSY) {
		fill_list_page(uv.page);
		if (uv.cc != UVC_CC_PARTIAL)
			judge_list_page(uv.page);
	}
	if (cmd == UVC_CMD_QUI)
		memcpy(uv.cb, cb, UV_QUI_LEN);
	if (cmd == UVC_CMD_RETR_ATTEST)
		memcpy(uv.cb, cb + UV_ATTEST_OFF_CONFIG_UID, UV_ATTEST_CUID_LEN);
	return uv.cc;
}

static const struct coco_platform fake_plat = {
	.name = "fuzz",
	.stfle = fake_stfle,
	.uvc = fake_uvc,
};

static void expect(u16 cmd, u16 len)
{
	uv.cmd = cmd;
	uv.len = len;
	uv.cc = -1;
	uv.nr_uvc = 0;
}

static void check_status(const struct coco_uv_status *st)
{
	CHECK(st->cc == uv.cc && st->rc == uv.rc && st->rrc == uv.rrc);
	CHECK(st->cc == UVC_CC_OK || st->cc == UVC_CC_ERROR);
}

static bool executed(void)
{
	return uv.cc == UVC_CC_OK && uv.rc == UVC_RC_EXECUTED;
}

static void op_detect(struct tape *t)
{
	struct coco_detection det;
	struct coco_uv_query q;
	bool fac158;
	const u8 *cb = uv.cb;
	unsigned int i;
	int ret;

	for (i = 0; i < S390_FACILITY_DWORDS; i++)
		uv.fac[i] = t_be(t, 1) << 56 | t_be(t, 1);
	if (t_u8(t) & 1)
		uv.fac[2] |= 1ULL << (63 - (158 % 64));
	fac158 = (uv.fac[158 / 64] >> (63 - 158 % 64)) & 1;
	expect(UVC_CMD_QUI, UV_QUI_LEN);
	memset(&det, 0xa5, sizeof(det));
	memset(&q, 0xa5, sizeof(q));
	ret = coco_uv_detect(&fake_plat, &det, &q);
	CHECK(ret == 0 || ret == -EIO);
	if (!fac158) {
		CHECK(ret == 0 && uv.nr_uvc == 0);
		CHECK(det.kind == COCO_PLATFORM_NONE && !det.attrs);
		for (i = 0; i < 4; i++)
			CHECK(!det.uv_calls[i] && !q.inst_calls[i]);
		return;
	}
	CHECK(uv.nr_uvc >= 1);
	CHECK((ret == 0) == (executed() || uv.rc == UVC_RC_MORE_DATA));
	if (ret)
		return;
	for (i = 0; i < 4; i++) {
		CHECK(q.inst_calls[i] ==
		      coco_get_be64(cb + UV_QUI_OFF_INST_CALLS + 8 * i));
		CHECK(det.uv_calls[i] == q.inst_calls[i]);
	}
	CHECK(q.cpu_stor_len == coco_get_be64(cb + UV_QUI_OFF_CPU_STOR_LEN));
	CHECK(q.max_num_sec_conf ==
	      coco_get_be32(cb + UV_QUI_OFF_MAX_NUM_SEC_CONF));
	CHECK(q.max_guest_stor_addr ==
	      coco_get_be64(cb + UV_QUI_OFF_MAX_GUEST_STOR_ADDR));
	CHECK(q.max_guest_cpu_id ==
	      coco_get_be16(cb + UV_QUI_OFF_MAX_GUEST_CPU_ID));
	CHECK(q.feature_indications == coco_get_be64(cb + UV_QUI_OFF_FEATURES));
	CHECK(q.supp_se_hdr_ver == coco_get_be64(cb + UV_QUI_OFF_SUPP_SE_HDR_VER));
	CHECK(q.supp_se_hdr_pcf == coco_get_be64(cb + UV_QUI_OFF_SUPP_SE_HDR_PCF));
	CHECK(q.dump_stor_state_len ==
	      coco_get_be64(cb + UV_QUI_OFF_DUMP_STOR_STATE_LEN));
	CHECK(q.dump_finalize_len ==
	      coco_get_be64(cb + UV_QUI_OFF_DUMP_FINALIZE_LEN));
	CHECK(q.supp_att_req_hdr_ver ==
	      coco_get_be64(cb + UV_QUI_OFF_SUPP_ATT_REQ_VER));
	CHECK(q.supp_att_pflags == coco_get_be64(cb + UV_QUI_OFF_SUPP_ATT_PFLAGS));
	CHECK(q.supp_add_secret_ver ==
	      coco_get_be64(cb + UV_QUI_OFF_SUPP_ADD_SECRET_VER));
	CHECK(q.supp_add_secret_pcf ==
	      coco_get_be64(cb + UV_QUI_OFF_SUPP_ADD_SECRET_PCF));
	CHECK(q.supp_secret_types ==
	      coco_get_be64(cb + UV_QUI_OFF_SUPP_SECRET_TYPES));
	CHECK(q.max_assoc_secrets ==
	      coco_get_be16(cb + UV_QUI_OFF_MAX_ASSOC_SECRETS));
	CHECK(q.max_retr_secrets ==
	      coco_get_be16(cb + UV_QUI_OFF_MAX_RETR_SECRETS));
	if (coco_uv_call_installed(q.inst_calls, UV_BIT_SET_SHARED_ACCESS) &&
	    coco_uv_call_installed(q.inst_calls, UV_BIT_REMOVE_SHARED_ACCESS)) {
		CHECK(det.kind == COCO_PLATFORM_S390_PV);
		CHECK(det.attrs == (COCO_ATTR_MEM_ENCRYPT |
				    COCO_ATTR_RESTRICTED_VIRTIO |
				    COCO_ATTR_ULTRAVISOR));
	} else {
		CHECK(det.kind == COCO_PLATFORM_NONE && !det.attrs);
	}
}

static void op_list(struct tape *t)
{
	struct coco_uv_secret_list_hdr hdr;
	struct coco_uv_status st;
	u16 start = t_be(t, 2);
	int ret;

	expect(UVC_CMD_LIST_SECRETS, UV_LIST_LEN);
	uv.start = start;
	uv.found_at = -1;
	uv.nr_list = 0;
	uv.list_accepted = false;
	ret = coco_uv_list_secrets(&fake_plat, uv.page, start, &hdr, &st);
	CHECK(ret == 0 || ret == -EIO);
	check_status(&st);
	CHECK((ret == 0) == uv.list_accepted);
	if (ret)
		return;
	CHECK(hdr.num == uv.hdr.num && hdr.total == uv.hdr.total &&
	      hdr.next == uv.hdr.next);
	CHECK(hdr.num <= UV_SECRET_LIST_MAX_ENTRIES && hdr.num <= hdr.total);
	if (st.rc == UVC_RC_MORE_DATA)
		CHECK(hdr.next > start);
}

/* The finder: a list call that learns where the next one must start. */
static int list_uvc(const struct coco_platform *plat, void *uvcb)
{
	u8 *cb = uvcb;
	int cc;

	if (coco_get_be16(cb + UVCB_OFF_CMD) == UVC_CMD_LIST_SECRETS &&
	    uv.cc != UVC_CC_BUSY && uv.cc != UVC_CC_PARTIAL) {
		/* A new list call: the last one was accepted and said more. */
		if (uv.nr_list) {
			CHECK(uv.list_accepted && uv.rc == UVC_RC_MORE_DATA);
			CHECK(uv.found_at < 0);
			uv.start = uv.hdr.next;
		}
		uv.nr_list++;
		/* start strictly grows: it cannot take longer than this. */
		CHECK(uv.nr_list <= MAX_LIST_CALLS);
		uv.list_accepted = false;
	}
	cc = fake_uvc(plat, uvcb);
	return cc;
}

static const struct coco_platform find_plat = {
	.name = "fuzz-find",
	.stfle = fake_stfle,
	.uvc = list_uvc,
};

static void op_find(void)
{
	struct coco_uv_secret_entry entry;
	struct coco_uv_status st;
	int ret;

	expect(UVC_CMD_LIST_SECRETS, UV_LIST_LEN);
	uv.start = 0;
	uv.found_at = -1;
	uv.nr_list = 0;
	uv.list_accepted = false;
	memset(&entry, 0, sizeof(entry));
	ret = coco_uv_find_secret(&find_plat, target_id, uv.page, &entry, &st);
	CHECK(ret == 0 || ret == -ENODEV || ret == -ENOENT || ret == -EIO);
	check_status(&st);
	CHECK(uv.nr_list >= 1);
	if (uv.found_at >= 0) {
		/* The first accepted page holding the ID ends the search. */
		CHECK(ret == 0);
		CHECK(uv.found_at == (long)uv.nr_list);
		CHECK(entry.index == uv.found.index &&
		      entry.type == uv.found.type &&
		      entry.len == uv.found.len &&
		      !memcmp(entry.id, target_id, UV_SECRET_ID_LEN));
		return;
	}
	CHECK(ret != 0);
	if (!uv.list_accepted)
		CHECK(ret == (uv.rc == UVC_RC_INV_CMD ? -ENODEV : -EIO));
	else
		CHECK(ret == -ENOENT && uv.rc != UVC_RC_MORE_DATA);
}

static void op_retrieve(struct tape *t)
{
	struct coco_uv_status st;
	u8 mode = t_u8(t);
	u16 index = t_be(t, 2);
	u32 size;
	int ret, want;

	size = mode & 1 ? (u32)t_be(t, 4) : 1 + t_be(t, 2) % UV_RETR_SECRET_MAX;
	uv.buf = mode & 2 ? NULL : malloc(size && size <= UV_RETR_SECRET_MAX ?
					  size : 1);
	uv.buf_size = size;
	expect(UVC_CMD_RETR_SECRET, UV_RETR_LEN);
	ret = coco_uv_retrieve_secret(&fake_plat, index, uv.buf, size, &st);
	free(uv.buf);
	if (!uv.buf || !size || size > UV_RETR_SECRET_MAX) {
		CHECK(ret == -EINVAL && uv.nr_uvc == 0);
		return;
	}
	CHECK(uv.nr_uvc >= 1);
	check_status(&st);
	if (executed())
		want = 0;
	else if (uv.rc == UVC_RC_INV_CMD)
		want = -ENODEV;
	else if (uv.rc == UVC_RC_RETR_BUF_SMALL)
		want = -EINVAL;
	else if (uv.rc == UVC_RC_RETR_STORE_EMPTY ||
		 uv.rc == UVC_RC_RETR_INV_IDX ||
		 uv.rc == UVC_RC_RETR_INV_SECRET)
		want = -ENOENT;
	else
		want = -EIO;
	CHECK(ret == want);
}

static void op_attest(struct tape *t)
{
	static u8 arcb[0x200];
	struct coco_uv_attest *req = calloc(1, sizeof(*req));
	struct coco_uv_status st;
	u8 mode = t_u8(t);
	bool bad;
	int ret;

	if (!req)
		abort();
	req->arcb = mode & 1 ? NULL : arcb;
	/* The ARCB's own length against the buffer the caller claims. */
	coco_put_be32(arcb + UV_REQ_HDR_OFF_LEN, (u32)t_be(t, 2));
	req->arcb_len = 1 + t_be(t, 2) % sizeof(arcb);
	req->meas_len = mode & 2 ? (u32)t_be(t, 4) : 1 + t_be(t, 2) % 0x8000;
	req->user_data_len = mode & 4 ? t_be(t, 2) : t_u8(t);
	req->add_data_len = mode & 8 ? (u32)t_be(t, 4) : 0;
	req->meas = mode & 16 ? NULL : malloc(1);
	req->add_data = mode & 32 ? malloc(1) : NULL;
	memset(req->config_uid, 0x5a, sizeof(req->config_uid));
	bad = !req->arcb || req->arcb_len < UV_REQ_HDR_LEN ||
	      coco_get_be32(arcb + UV_REQ_HDR_OFF_LEN) > req->arcb_len ||
	      !req->meas || !req->meas_len ||
	      req->meas_len > UV_ATTEST_MEAS_MAX ||
	      req->user_data_len > UV_ATTEST_USER_DATA_MAX ||
	      req->add_data_len > UV_ATTEST_ADD_MAX ||
	      !req->add_data != !req->add_data_len;
	uv.buf = req->meas;
	uv.buf_size = req->meas_len;
	expect(UVC_CMD_RETR_ATTEST, UV_ATTEST_LEN);
	ret = coco_uv_attest(&fake_plat, req, &st);
	if (bad) {
		CHECK(ret == -EINVAL && uv.nr_uvc == 0);
	} else {
		CHECK(ret == 0 || ret == -EIO);
		check_status(&st);
		CHECK((ret == 0) == executed());
		CHECK(!memcmp(req->config_uid, uv.cb, UV_ATTEST_CUID_LEN));
	}
	free(req->meas);
	free(req->add_data);
	free(req);
}

static int share_uvc(const struct coco_platform *plat, void *uvcb)
{
	int cc = fake_uvc(plat, uvcb);

	/* The next call of the range is for the next page. */
	if (cc != UVC_CC_BUSY && cc != UVC_CC_PARTIAL && executed()) {
		uv.share_executed++;
		uv.paddr += UV_PAGE_SIZE;
	}
	return cc;
}

static const struct coco_platform share_plat = {
	.name = "fuzz-share",
	.uvc = share_uvc,
};

static void op_share(struct tape *t)
{
	struct coco_uv_status st;
	u8 mode = t_u8(t);
	u64 paddr = t_be(t, 8) & ~(mode & 1 ? 0ULL : UV_PAGE_SIZE - 1ULL);
	unsigned long npages = t_u8(t) % 16, done = 12345;
	bool share = mode & 2;
	int ret;

	uv.paddr = paddr;
	uv.share_executed = 0;
	expect(share ? UVC_CMD_SET_SHARED_ACCESS : UVC_CMD_REMOVE_SHARED_ACCESS,
	       UV_SHARE_LEN);
	ret = coco_uv_share_range(&share_plat, paddr, npages, share, &done, &st);
	CHECK(ret == 0 || ret == -EINVAL || ret == -EIO);
	CHECK(done == uv.share_executed);
	if (npages && (paddr & (UV_PAGE_SIZE - 1))) {
		CHECK(ret == -EINVAL && uv.nr_uvc == 0);
		return;
	}
	/* Stops at the first page not executed; never goes past the range. */
	CHECK(done <= npages);
	CHECK((ret == 0) == (done == npages));
	if (ret == -EIO)
		check_status(&st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tape *t = &uv.t;
	unsigned int ops;

	t->p = data;
	t->n = size;
	/* Exactly one page: ASan sees any entry read past it. */
	uv.page = malloc(PAGE);
	if (!uv.page)
		abort();
	memset(uv.page, 0, PAGE);
	for (ops = 0; ops < MAX_OPS && t->n; ops++) {
		switch (t_u8(t) % 6) {
		case 0:
			op_detect(t);
			break;
		case 1:
			op_list(t);
			break;
		case 2:
			op_find();
			break;
		case 3:
			op_retrieve(t);
			break;
		case 4:
			op_attest(t);
			break;
		default:
			op_share(t);
		}
	}
	free(uv.page);
	return 0;
}

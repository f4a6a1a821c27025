// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SNP evidence layer of the attestation interfaces (attest_snp.c)
 * behind a scripted channel: the request bytes it builds (REPORT_DATA
 * padding, VMPL, derived-key fields in little-endian order), argument
 * checks that must not reach the channel, and what it makes of bad
 * answers: non-zero status, short or oversized responses, a wrong report
 * size, and certificate tables from a hostile hypervisor (no terminator,
 * entries overlapping the table, outside the buffer, offset+length
 * wrapping 32 bits).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <linux/errno.h>
#include <linux/types.h>

#include "../../../../drivers/virt/coco/guest/attest.h"
#include "../../../../drivers/virt/coco/guest/coco_guest.h"

#define RSP_MAX		0x1000
#define CERTS_MAX	(4 * 4096)

/* The scripted channel: what the next call answers, what it was asked. */
static struct {
	int ret;
	u64 exitinfo2;
	u8 rsp[RSP_MAX];
	u16 rsp_len;
	u8 certs[CERTS_MAX];
	u32 needed;
	unsigned int calls;
	u8 type, version;
	u8 req[128];
	u16 req_len;
	bool had_certs;
	u32 certs_len;
} ch;

bool coco_guest_snp_ready(void)
{
	return true;
}

int coco_guest_snp_request(u8 type, u8 version, const void *req, u16 len,
			   void *resp, u16 cap, u16 *resp_len, void *certs,
			   u32 *certs_len, u64 *exitinfo2)
{
	ch.calls++;
	ch.type = type;
	ch.version = version;
	assert_true(len <= sizeof(ch.req));
	memcpy(ch.req, req, len);
	ch.req_len = len;
	ch.had_certs = certs != NULL;
	ch.certs_len = certs ? *certs_len : 0;
	*exitinfo2 = ch.exitinfo2;
	if (ch.ret == -ENOSPC)
		*certs_len = ch.needed;
	if (ch.ret)
		return ch.ret;
	/* The message layer never writes more than the caller's capacity. */
	*resp_len = ch.rsp_len < cap ? ch.rsp_len : cap;
	memcpy(resp, ch.rsp, *resp_len);
	if (certs)
		memcpy(certs, ch.certs, *certs_len);
	return 0;
}

static void put32(u8 *p, u32 v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static u32 get32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

static u64 get64(const u8 *p)
{
	return get32(p) | (u64)get32(p + 4) << 32;
}

/* A good report answer: status 0, size 0x4a0, a recognisable report. */
static int setup(void **state)
{
	unsigned int i;

	(void)state;
	memset(&ch, 0, sizeof(ch));
	put32(ch.rsp + 4, COCO_ATTEST_SNP_REPORT_LEN);
	for (i = 0; i < COCO_ATTEST_SNP_REPORT_LEN; i++)
		ch.rsp[0x20 + i] = (u8)(i * 13 + 1);
	ch.rsp_len = 0x20 + COCO_ATTEST_SNP_REPORT_LEN;
	return 0;
}

static int report(const u8 *data, u32 len, u32 vmpl, u8 *rep, u8 *certs,
		  u32 *certs_len, u32 *status)
{
	u64 fw;

	return coco_attest_snp_report(data, len, vmpl, rep, certs, certs_len,
				      status, &fw);
}

static void test_report_request_and_answer(void **state)
{
	static u8 rep[COCO_ATTEST_SNP_REPORT_LEN];
	u8 data[16];
	u32 status = 7;
	unsigned int i;

	(void)state;
	memset(data, 0xab, sizeof(data));
	assert_int_equal(report(data, sizeof(data), 2, rep, NULL, NULL,
				&status), 0);
	assert_int_equal(ch.calls, 1);
	assert_int_equal(ch.type, 5);		/* MSG_REPORT_REQ */
	assert_int_equal(ch.version, 1);
	assert_int_equal(ch.req_len, 96);
	assert_memory_equal(ch.req, data, sizeof(data));
	for (i = sizeof(data); i < 64; i++)
		assert_int_equal(ch.req[i], 0);	/* REPORT_DATA zero-padded */
	assert_int_equal(get32(ch.req + 0x40), 2);
	for (i = 0x44; i < 96; i++)
		assert_int_equal(ch.req[i], 0);
	assert_false(ch.had_certs);
	assert_int_equal(status, 0);
	assert_memory_equal(rep, ch.rsp + 0x20, COCO_ATTEST_SNP_REPORT_LEN);
}

static void test_report_args_never_sent(void **state)
{
	static u8 rep[COCO_ATTEST_SNP_REPORT_LEN], certs[CERTS_MAX];
	u8 data[65] = { 0 };
	u32 status, len;

	(void)state;
	assert_int_equal(report(data, 65, 0, rep, NULL, NULL, &status),
			 -EINVAL);
	assert_int_equal(report(data, 64, 4, rep, NULL, NULL, &status),
			 -EINVAL);
	len = 0;
	assert_int_equal(report(data, 64, 0, rep, certs, &len, &status),
			 -EINVAL);
	len = 100;
	assert_int_equal(report(data, 64, 0, rep, certs, &len, &status),
			 -EINVAL);
	len = COCO_ATTEST_SNP_CERTS_MAX + 4096;
	assert_int_equal(report(data, 64, 0, rep, certs, &len, &status),
			 -EINVAL);
	assert_int_equal(ch.calls, 0);
}

static void test_report_bad_answers(void **state)
{
	static u8 rep[COCO_ATTEST_SNP_REPORT_LEN];
	u8 data[64] = { 0 };
	u32 status;
	u64 fw;

	(void)state;
	/* The firmware refuses: its status comes back, the report does not. */
	put32(ch.rsp, 0x16);
	memset(rep, 0x5a, sizeof(rep));
	assert_int_equal(report(data, 64, 0, rep, NULL, NULL, &status), -EIO);
	assert_int_equal(status, 0x16);
	assert_int_equal(rep[0], 0x5a);
	put32(ch.rsp, 0);

	/* Shorter than the header, shorter than the report, oversized. */
	ch.rsp_len = 0x10;
	assert_int_equal(report(data, 64, 0, rep, NULL, NULL, &status),
			 -EBADMSG);
	ch.rsp_len = 0x20 + 0x100;
	assert_int_equal(report(data, 64, 0, rep, NULL, NULL, &status),
			 -EBADMSG);
	ch.rsp_len = 0x20 + COCO_ATTEST_SNP_REPORT_LEN;
	put32(ch.rsp + 4, 0x400);
	assert_int_equal(report(data, 64, 0, rep, NULL, NULL, &status),
			 -EBADMSG);
	put32(ch.rsp + 4, 0xffffffff);
	assert_int_equal(report(data, 64, 0, rep, NULL, NULL, &status),
			 -EBADMSG);
	assert_int_equal(rep[0], 0x5a);

	/* Channel errors pass through with exitinfo2. */
	ch.ret = -EIO;
	ch.exitinfo2 = 0x100000000ULL;
	assert_int_equal(coco_attest_snp_report(data, 64, 0, rep, NULL, NULL,
						&status, &fw), -EIO);
	assert_int_equal(fw, 0x100000000ULL);
	assert_int_equal(status, 0);
}

/* A table of @n entries pointing at 100-byte blobs after the table. */
static u32 table_build(u8 *t, unsigned int n)
{
	u32 off = (n + 1) * 24;
	unsigned int i;

	memset(t, 0, CERTS_MAX);
	for (i = 0; i < n; i++) {
		memset(t + i * 24, 0x10 + i, 16);
		put32(t + i * 24 + 16, off + i * 100);
		put32(t + i * 24 + 20, 100);
	}
	return off + n * 100;
}

static void test_certs_table(void **state)
{
	static u8 t[CERTS_MAX];
	u32 used = 1, end;

	(void)state;
	memset(t, 0, sizeof(t));
	assert_int_equal(coco_attest_snp_certs_used(t, 4096, &used), 0);
	assert_int_equal(used, 0);		/* no certificates */

	end = table_build(t, 3);
	assert_int_equal(coco_attest_snp_certs_used(t, 4096, &used), 0);
	assert_int_equal(used, end);

	/* Shorter than one entry; no terminator inside the buffer. */
	assert_int_equal(coco_attest_snp_certs_used(t, 20, &used), -EBADMSG);
	memset(t, 0x77, sizeof(t));
	assert_int_equal(coco_attest_snp_certs_used(t, 4096, &used), -EBADMSG);

	/* An entry inside the table itself. */
	table_build(t, 3);
	put32(t + 24 + 16, 24);
	assert_int_equal(coco_attest_snp_certs_used(t, 4096, &used), -EBADMSG);

	/* An entry running past the buffer, by one byte. */
	table_build(t, 3);
	put32(t + 20, 4096 - get32(t + 16) + 1);
	assert_int_equal(coco_attest_snp_certs_used(t, 4096, &used), -EBADMSG);
	put32(t + 20, 4096 - get32(t + 16));
	assert_int_equal(coco_attest_snp_certs_used(t, 4096, &used), 0);
	assert_int_equal(used, 4096);

	/* Offset + length wrapping 32 bits. */
	table_build(t, 3);
	put32(t + 16, 0xffffff00);
	put32(t + 20, 0x200);
	assert_int_equal(coco_attest_snp_certs_used(t, 4096, &used), -EBADMSG);
}

static void test_report_with_certs(void **state)
{
	static u8 rep[COCO_ATTEST_SNP_REPORT_LEN], certs[CERTS_MAX];
	u8 data[64] = { 0 };
	u32 status, len, end;

	(void)state;
	end = table_build(ch.certs, 2);
	len = 2 * 4096;
	assert_int_equal(report(data, 64, 0, rep, certs, &len, &status), 0);
	assert_true(ch.had_certs);
	assert_int_equal(ch.certs_len, 2 * 4096);
	assert_int_equal(len, end);
	assert_memory_equal(certs, ch.certs, end);

	/* A hostile table fails the whole request. */
	put32(ch.certs + 16, 8);
	len = 2 * 4096;
	assert_int_equal(report(data, 64, 0, rep, certs, &len, &status),
			 -EBADMSG);

	/* Too small: the size the hypervisor asked for comes back. */
	ch.ret = -ENOSPC;
	ch.needed = 3 * 4096;
	len = 4096;
	assert_int_equal(report(data, 64, 0, rep, certs, &len, &status),
			 -ENOSPC);
	assert_int_equal(len, 3 * 4096);
}

static void test_key(void **state)
{
	struct coco_attest_snp_key req = {
		.root_key_select = 1,
		.vmpl = 3,
		.guest_field_select = 0x2a,
		.guest_svn = 0x01020304,
		.tcb_version = 0x1122334455667788ULL,
	};
	u8 key[32];
	u32 status;
	u64 fw;
	int i;

	(void)state;
	memset(ch.rsp, 0, sizeof(ch.rsp));
	for (i = 0; i < 32; i++)
		ch.rsp[0x20 + i] = (u8)(0xc0 + i);
	ch.rsp_len = 64;
	assert_int_equal(coco_attest_snp_key(&req, key, &status, &fw), 0);
	assert_int_equal(ch.type, 3);		/* MSG_KEY_REQ */
	assert_int_equal(ch.req_len, 32);
	assert_int_equal(get32(ch.req), 1);
	assert_int_equal(get32(ch.req + 4), 0);
	assert_int_equal(get64(ch.req + 8), 0x2a);
	assert_int_equal(get32(ch.req + 0x10), 3);
	assert_int_equal(get32(ch.req + 0x14), 0x01020304);
	assert_int_equal(get64(ch.req + 0x18), 0x1122334455667788ULL);
	assert_memory_equal(key, ch.rsp + 0x20, 32);

	put32(ch.rsp, 0x16);
	assert_int_equal(coco_attest_snp_key(&req, key, &status, &fw), -EIO);
	assert_int_equal(status, 0x16);
	put32(ch.rsp, 0);
	ch.rsp_len = 40;
	assert_int_equal(coco_attest_snp_key(&req, key, &status, &fw),
			 -EBADMSG);

	ch.calls = 0;
	req.root_key_select = 2;
	assert_int_equal(coco_attest_snp_key(&req, key, &status, &fw),
			 -EINVAL);
	req.root_key_select = 0;
	req.vmpl = 4;
	assert_int_equal(coco_attest_snp_key(&req, key, &status, &fw),
			 -EINVAL);
	assert_int_equal(ch.calls, 0);
}

static void test_available(void **state)
{
	struct coco_guest g;

	(void)state;
	memset(&g, 0, sizeof(g));
	g.det.kind = COCO_PLATFORM_SEV_SNP;
	assert_true(coco_attest_snp_available(&g));
	g.det.kind = COCO_PLATFORM_SEV_ES;
	assert_false(coco_attest_snp_available(&g));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_report_request_and_answer, setup),
		cmocka_unit_test_setup(test_report_args_never_sent, setup),
		cmocka_unit_test_setup(test_report_bad_answers, setup),
		cmocka_unit_test_setup(test_certs_table, setup),
		cmocka_unit_test_setup(test_report_with_certs, setup),
		cmocka_unit_test_setup(test_key, setup),
		cmocka_unit_test_setup(test_available, setup),
	};

	return cmocka_run_group_tests_name("attest_snp", tests, NULL, NULL);
}

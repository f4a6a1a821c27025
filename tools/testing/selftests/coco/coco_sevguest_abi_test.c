// SPDX-License-Identifier: GPL-2.0-only
/*
 * /dev/sev-guest as a client written against the distro's own uapi header
 * (linux/sev-guest.h) sees it: reports that echo their nonce, derived keys
 * that are deterministic, the extended report's certificate buffer too
 * small then right, every documented rejection (message version 0, null
 * and bad pointers, certificate lengths, reserved fields judged by the
 * firmware), then a fuzz loop of random commands, sizes and fields.
 * Afterwards a request must still work, the kernel log must show no oops
 * or warning, and the VMPCK's sequence number must have advanced by
 * exactly two for every request that reached the firmware: none reused,
 * none skipped.
 *
 * Message versions other than 1 are not fuzzed: the firmware refuses them
 * at the message level and, by the ABI, the guest then wipes its VMPCK for
 * good.  Skips unless this is an SNP guest with a working message channel.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/sev-guest.h>

#include "coco_abi.h"
#include "coco_tap.h"

#define SNP_TEST	"/sys/kernel/debug/coco_guest/snp_report_test"
#define REPORT_OFF	0x20
#define REPORT_LEN	0x4a0
#define RPT_VMPL	0x30
#define RPT_REPORT_DATA	0x50
#define KEY_OFF		0x20
#define ST_INVALID_PARAM 0x16
#define NO_FW_CALL	0xffULL
#define SENTINEL	0x5a5a5a5aULL
#define CERTS_MAX	0x4000
#define PAGE		4096
#define FUZZ_ITERATIONS	2000

static int fd;
static unsigned char *scratch;	/* 64 KiB, then a PROT_NONE page */
static void *noaccess;
static unsigned int fw_requests;	/* requests that reached the firmware */

static __u32 le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (__u32)p[3] << 24;
}

static void io_init(struct snp_guest_request_ioctl *io, const void *req,
		    void *resp)
{
	memset(io, 0, sizeof(*io));
	io->msg_version = 1;
	io->req_data = (__u64)(uintptr_t)req;
	io->resp_data = (__u64)(uintptr_t)resp;
	io->exitinfo2 = SENTINEL;
}

/*
 * One ioctl; returns 0 or the errno.  Whether the request reached the
 * firmware shows in exitinfo2: 0xff means it did not, the sentinel (not
 * written back: exitinfo2 was 0) or an error code means it did.
 */
static int sev_ioctl(unsigned long cmd, struct snp_guest_request_ioctl *io)
{
	int err = ioctl(fd, cmd, io) ? errno : 0;

	if ((cmd == SNP_GET_REPORT || cmd == SNP_GET_DERIVED_KEY ||
	     cmd == SNP_GET_EXT_REPORT) && io->msg_version &&
	    io->exitinfo2 != NO_FW_CALL)
		fw_requests++;
	return err;
}

static void fill_nonce(unsigned char *p, unsigned char seed)
{
	unsigned int i;

	for (i = 0; i < 64; i++)
		p[i] = seed ^ (i * 37);
}

/* A successful report response: status 0, the nonce echoed, VMPL 0. */
static bool report_ok(const struct snp_report_resp *resp,
		      const unsigned char *nonce)
{
	const unsigned char *r = resp->data + REPORT_OFF;
	unsigned int i;

	if (le32(resp->data) || le32(resp->data + 4) != REPORT_LEN ||
	    memcmp(r + RPT_REPORT_DATA, nonce, 64) || le32(r + RPT_VMPL))
		return false;
	for (i = REPORT_OFF + REPORT_LEN; i < sizeof(resp->data); i++)
		if (resp->data[i])
			return false;
	return true;
}

/* ------------------------------------------------------------ valid -- */

static void test_report(void)
{
	struct snp_guest_request_ioctl io;
	struct snp_report_resp resp[2];
	struct snp_report_req req;
	unsigned char nonce[2][64];
	bool ok = true;
	int i, err;

	for (i = 0; i < 2; i++) {
		memset(&req, 0, sizeof(req));
		fill_nonce(nonce[i], 0x11 * (i + 1));
		memcpy(req.user_data, nonce[i], 64);
		memset(&resp[i], 0xee, sizeof(resp[i]));
		io_init(&io, &req, &resp[i]);
		io.exitinfo2 = 0;
		err = sev_ioctl(SNP_GET_REPORT, &io);
		tap_diag("report %d: errno %d exitinfo2 0x%llx status 0x%x", i,
			 err, (unsigned long long)io.exitinfo2,
			 le32(resp[i].data));
		ok &= !err && !io.exitinfo2 && report_ok(&resp[i], nonce[i]);
	}
	/* Two reports of one guest: same measurement, other REPORT_DATA. */
	ok &= !memcmp(resp[0].data + REPORT_OFF + 0x90,
		      resp[1].data + REPORT_OFF + 0x90, 48);
	tap_result(ok, "SNP_GET_REPORT: two reports, each echoes its nonce, status 0, VMPL 0");
}

static bool derive(const struct snp_derived_key_req *req,
		   struct snp_derived_key_resp *resp)
{
	struct snp_guest_request_ioctl io;

	memset(resp, 0, sizeof(*resp));
	io_init(&io, req, resp);
	io.exitinfo2 = 0;
	return !sev_ioctl(SNP_GET_DERIVED_KEY, &io) && !io.exitinfo2 &&
	       !le32(resp->data);
}

static void test_derived_key(void)
{
	struct snp_derived_key_resp k1, k2, k3;
	struct snp_derived_key_req req;
	static const unsigned char zero[32];
	bool ok;

	memset(&req, 0, sizeof(req));
	ok = derive(&req, &k1) && derive(&req, &k2);
	req.guest_field_select = 1 << 3;	/* mix in the measurement */
	ok &= derive(&req, &k3);
	ok &= !memcmp(k1.data + KEY_OFF, k2.data + KEY_OFF, 32) &&
	      memcmp(k1.data + KEY_OFF, zero, 32) &&
	      memcmp(k1.data + KEY_OFF, k3.data + KEY_OFF, 32);
	tap_result(ok, "SNP_GET_DERIVED_KEY: deterministic, non-zero, depends on guest_field_select");
}

/* A certificate table: entries inside the buffer, a zero terminator. */
static bool certs_table_ok(const unsigned char *t, __u32 len)
{
	static const unsigned char zero[24];
	unsigned int i, n = 0;

	for (i = 0; i + 24 <= len; i += 24, n++) {
		if (!memcmp(t + i, zero, 24))
			return n > 0;
		if (!le32(t + i + 20) ||
		    (unsigned long long)le32(t + i + 16) + le32(t + i + 20) >
		    len)
			return false;
	}
	return false;
}

static void test_ext_report(void)
{
	static unsigned char certs[CERTS_MAX];
	struct snp_guest_request_ioctl io;
	struct snp_ext_report_req req;
	struct snp_report_resp resp;
	unsigned char nonce[64];
	__u32 need;
	bool ok;
	int err;

	memset(&req, 0, sizeof(req));
	fill_nonce(nonce, 0x77);
	memcpy(req.data.user_data, nonce, 64);
	req.certs_address = (__u64)(uintptr_t)certs;
	req.certs_len = PAGE;
	io_init(&io, &req, &resp);
	err = sev_ioctl(SNP_GET_EXT_REPORT, &io);
	need = req.certs_len;
	tap_diag("one page: errno %d fw_error 0x%x vmm_error 0x%x certs_len %u",
		 err, io.fw_error, io.vmm_error, need);
	ok = err == EIO && io.vmm_error == SNP_GUEST_VMM_ERR_INVALID_LEN &&
	     !io.fw_error && need > PAGE && need <= CERTS_MAX &&
	     !(need % PAGE);
	tap_result(ok, "SNP_GET_EXT_REPORT: buffer too small -> EIO, vmm_error INVALID_LEN, certs_len = size needed");

	memset(certs, 0xee, sizeof(certs));
	memset(&resp, 0, sizeof(resp));
	io_init(&io, &req, &resp);
	io.exitinfo2 = 0;
	err = sev_ioctl(SNP_GET_EXT_REPORT, &io);
	ok = !err && !io.exitinfo2 && req.certs_len == need &&
	     report_ok(&resp, nonce) && certs_table_ok(certs, need) &&
	     (need == CERTS_MAX || certs[need] == 0xee);
	tap_diag("certs_len %u: errno %d", need, err);
	tap_result(ok, "SNP_GET_EXT_REPORT: the size asked for -> report with the nonce and a certificate table");

	/* No certificates offered: upstream's zero-page request. */
	req.certs_len = 0;
	io_init(&io, &req, &resp);
	err = sev_ioctl(SNP_GET_EXT_REPORT, &io);
	ok = err == EIO && io.vmm_error == SNP_GUEST_VMM_ERR_INVALID_LEN &&
	     req.certs_len == need;
	tap_result(ok, "SNP_GET_EXT_REPORT: certs_len 0 -> EIO INVALID_LEN with the size, as a zero-page request");
}

/* Reserved fields are the firmware's to judge: status INVALID_PARAM. */
static void test_reserved(void)
{
	struct snp_guest_request_ioctl io;
	struct snp_derived_key_resp kresp;
	struct snp_derived_key_req kreq;
	struct snp_report_resp resp;
	struct snp_report_req req;
	bool ok;

	memset(&req, 0, sizeof(req));
	req.rsvd[27] = 1;
	io_init(&io, &req, &resp);
	io.exitinfo2 = 0;
	ok = !sev_ioctl(SNP_GET_REPORT, &io) && !io.exitinfo2 &&
	     le32(resp.data) == ST_INVALID_PARAM;
	memset(&req, 0, sizeof(req));
	req.vmpl = 4;
	io_init(&io, &req, &resp);
	io.exitinfo2 = 0;
	ok &= !sev_ioctl(SNP_GET_REPORT, &io) &&
	      le32(resp.data) == ST_INVALID_PARAM;
	memset(&kreq, 0, sizeof(kreq));
	kreq.rsvd = 1;
	io_init(&io, &kreq, &kresp);
	io.exitinfo2 = 0;
	ok &= !sev_ioctl(SNP_GET_DERIVED_KEY, &io) &&
	      le32(kresp.data) == ST_INVALID_PARAM;
	tap_result(ok, "reserved field set or VMPL 4 -> ioctl succeeds, response status INVALID_PARAM");
}

/* ---------------------------------------------------------- refusals -- */

/* Must fail with @err and leave exitinfo2 as @exitinfo2. */
static bool refused(unsigned long cmd, struct snp_guest_request_ioctl *io,
		    int err, __u64 exitinfo2)
{
	int got = sev_ioctl(cmd, io);

	if (got != err || io->exitinfo2 != exitinfo2) {
		tap_diag("cmd 0x%lx: errno %d (want %d), exitinfo2 0x%llx (want 0x%llx)",
			 cmd, got, err, (unsigned long long)io->exitinfo2,
			 (unsigned long long)exitinfo2);
		return false;
	}
	return true;
}

static void test_refusals(void)
{
	static const unsigned long cmds[] = {
		SNP_GET_REPORT, SNP_GET_DERIVED_KEY, SNP_GET_EXT_REPORT,
	};
	struct snp_guest_request_ioctl io;
	struct snp_ext_report_req req;
	struct snp_report_resp resp;
	unsigned int i;
	bool ok = true;

	memset(&req, 0, sizeof(req));
	for (i = 0; i < 3; i++) {
		io_init(&io, &req, &resp);
		io.msg_version = 0;
		ok &= refused(cmds[i], &io, EINVAL, SENTINEL);
	}
	tap_result(ok, "msg_version 0 -> EINVAL, nothing written back");

	ok = true;
	for (i = 0; i < 3; i++) {
		io_init(&io, NULL, &resp);
		ok &= refused(cmds[i], &io, EINVAL, NO_FW_CALL);
		io_init(&io, &req, NULL);
		ok &= refused(cmds[i], &io, EINVAL, NO_FW_CALL);
		io_init(&io, noaccess, &resp);
		ok &= refused(cmds[i], &io, EFAULT, NO_FW_CALL);
		io_init(&io, (void *)-4096L, &resp);
		ok &= refused(cmds[i], &io, EFAULT, NO_FW_CALL);
	}
	tap_result(ok, "null request or response -> EINVAL, bad request pointer -> EFAULT, exitinfo2 0xff");

	ok = true;
	for (i = 0; i < 3; i++) {
		ok &= ioctl(fd, cmds[i], NULL) == -1 && errno == EFAULT;
		ok &= ioctl(fd, cmds[i], noaccess) == -1 && errno == EFAULT;
	}
	/* A response that cannot be written: sent, then EFAULT. */
	io_init(&io, &req, noaccess);
	io.exitinfo2 = 0;
	ok &= refused(SNP_GET_REPORT, &io, EFAULT, 0);
	tap_result(ok, "ioctl argument or response at a bad address -> EFAULT");

	ok = true;
	req.certs_address = (__u64)(uintptr_t)scratch;
	for (i = 0; i < 4; i++) {
		static const __u32 bad_len[] = {
			1, PAGE - 1, PAGE + 1, CERTS_MAX + PAGE,
		};

		req.certs_len = bad_len[i];
		io_init(&io, &req, &resp);
		ok &= refused(SNP_GET_EXT_REPORT, &io, EINVAL, NO_FW_CALL);
	}
	req.certs_len = PAGE;
	req.certs_address = (__u64)-PAGE;
	io_init(&io, &req, &resp);
	ok &= refused(SNP_GET_EXT_REPORT, &io, EFAULT, NO_FW_CALL);
	tap_result(ok, "certs_len not whole pages or above 16 KiB -> EINVAL; certs outside user space -> EFAULT");

	memset(&io, 0, sizeof(io));
	ok = ioctl(fd, _IOWR('S', 3, struct snp_guest_request_ioctl), &io) ==
		-1 && errno == ENOTTY;
	ok &= ioctl(fd, _IOWR('S', 0, char[31]), &io) == -1 && errno == ENOTTY;
	ok &= ioctl(fd, _IOWR('S', 0, char[33]), &io) == -1 && errno == ENOTTY;
	ok &= ioctl(fd, _IOR('S', 0, struct snp_guest_request_ioctl), &io) ==
		-1 && errno == ENOTTY;
	ok &= ioctl(fd, _IOWR('T', 0, struct snp_guest_request_ioctl), &io) ==
		-1 && errno == ENOTTY;
	ok &= ioctl(fd, _IO('S', 0), NULL) == -1 && errno == ENOTTY;
	tap_result(ok, "unknown number, size, direction or type -> ENOTTY");
}

/* --------------------------------------------------------------- fuzz -- */

static __u64 fuzz_ptr(void)
{
	switch (rnd() % 8) {
	case 0:
		return 0;
	case 1:
		return (__u64)(uintptr_t)noaccess;
	case 2:
		return (__u64)-4096LL;
	case 3:
		return (__u64)(uintptr_t)(scratch + 0x10000 - rnd() % 64);
	default:
		return (__u64)(uintptr_t)(scratch + rnd() % 0x1000);
	}
}

static unsigned long fuzz_cmd(void)
{
	unsigned int nr = rnd() % 4 ? rnd() % 3 : rnd() % 8;

	switch (rnd() % 16) {
	case 0:
		return _IOR('S', nr, struct snp_guest_request_ioctl);
	case 1:
		return _IOC(_IOC_READ | _IOC_WRITE, 'S', nr, 31 + rnd() % 3);
	case 2:
		return _IOWR('s', nr, struct snp_guest_request_ioctl);
	default:
		return _IOWR('S', nr, struct snp_guest_request_ioctl);
	}
}

static void fuzz_request(struct snp_ext_report_req *req)
{
	unsigned char *p = (unsigned char *)req;
	unsigned int i;

	memset(req, 0, sizeof(*req));
	/* Mostly valid, sometimes random fields, sometimes all random. */
	switch (rnd() % 4) {
	case 0:
		for (i = 0; i < sizeof(*req); i++)
			p[i] = rnd();
		break;
	case 1:
		p[rnd() % sizeof(req->data)] = rnd();
		break;
	default:
		break;
	}
	switch (rnd() % 6) {
	case 0:
		req->certs_len = rnd() % (2 * CERTS_MAX);
		break;
	case 1:
		req->certs_len = PAGE * (rnd() % 6);
		break;
	default:
		req->certs_len = rnd() % 2 ? 0 : CERTS_MAX;
		break;
	}
	req->certs_address = rnd() % 4 ? (__u64)(uintptr_t)scratch :
					  fuzz_ptr();
}

static bool errno_allowed(int err)
{
	return !err || err == ENOTTY || err == EINVAL || err == EFAULT ||
	       err == EIO || err == ENOMEM;
}

static void test_fuzz(void)
{
	struct snp_ext_report_req *req =
		(struct snp_ext_report_req *)(scratch + 0x8000);
	unsigned int i, counts[4] = { 0 }, sent_before = fw_requests;
	struct snp_guest_request_ioctl io;
	unsigned char nonce[64];
	struct snp_report_resp resp;
	struct snp_report_req rreq;
	bool ok = true;
	int err;

	for (i = 0; i < FUZZ_ITERATIONS; i++) {
		unsigned long cmd = fuzz_cmd();

		fuzz_request(req);
		memset(&io, 0, sizeof(io));
		io.msg_version = rnd() % 8 ? 1 : 0;
		io.req_data = rnd() % 4 ? (__u64)(uintptr_t)req : fuzz_ptr();
		io.resp_data = rnd() % 4 ? (__u64)(uintptr_t)(scratch + 0x9000) :
					   fuzz_ptr();
		io.exitinfo2 = SENTINEL;
		if (rnd() % 64 == 0)
			err = ioctl(fd, cmd, rnd() % 2 ? noaccess : NULL) ?
			      errno : 0;
		else
			err = sev_ioctl(cmd, &io);
		if (!errno_allowed(err)) {
			tap_diag("iteration %u cmd 0x%lx: errno %d", i, cmd,
				 err);
			ok = false;
		}
		counts[!err ? 0 : err == EINVAL ? 1 : err == EFAULT ? 2 : 3]++;
	}
	tap_diag("fuzz: %u iterations: %u ok, %u EINVAL, %u EFAULT, %u other; %u reached the firmware",
		 FUZZ_ITERATIONS, counts[0], counts[1], counts[2], counts[3],
		 fw_requests - sent_before);

	/* The channel must still work: no sequence number lost. */
	memset(&rreq, 0, sizeof(rreq));
	fill_nonce(nonce, 0x99);
	memcpy(rreq.user_data, nonce, 64);
	io_init(&io, &rreq, &resp);
	io.exitinfo2 = 0;
	ok &= !sev_ioctl(SNP_GET_REPORT, &io) && report_ok(&resp, nonce);
	tap_result(ok && counts[0] && counts[1] && counts[2],
		   "fuzz: only documented errnos; a report still works afterwards");
}

/* ------------------------------------------------- sequence numbers -- */

/*
 * The message layer's debugfs test shows the VMPCK's sequence number
 * before its own exchanges ("seqno_before=") and after each ("seqno...=",
 * the last one after all of them).
 */
static bool seqno_read(unsigned int *before, unsigned int *after)
{
	char buf[16384], *p, *q;
	int f = open(SNP_TEST, O_RDONLY);
	ssize_t n, len = 0;
	bool found = false;

	if (f < 0)
		return false;
	while ((n = read(f, buf + len, sizeof(buf) - 1 - len)) > 0)
		len += n;
	close(f);
	buf[len] = '\0';
	p = strstr(buf, "seqno_before=");
	if (!p || sscanf(p, "seqno_before=%u", before) != 1)
		return false;
	for (p = strstr(buf, "seqno"); p; p = strstr(p + 1, "seqno")) {
		for (q = p + 5; *q == '_' || (*q >= 'a' && *q <= 'z'); q++)
			;
		if (*q == '=' && sscanf(q + 1, "%u", after) == 1)
			found = true;
	}
	return found;
}

int main(void)
{
	unsigned int seq0 = 0, seq1 = 0, seq2 = 0, seq3;
	char plat[32] = "";
	bool have_seqno;
	int problems, n;
	FILE *f;

	f = fopen("/sys/kernel/coco_guest/platform", "r");
	if (f) {
		if (!fgets(plat, sizeof(plat), f))
			plat[0] = '\0';
		fclose(f);
	}
	if (strncmp(plat, "sev-snp", 7))
		tap_exit_skip_all("not an SEV-SNP guest");
	have_seqno = seqno_read(&seq0, &seq1);
	fd = open("/dev/sev-guest", O_RDWR);
	if (fd < 0) {
		if (!have_seqno)
			tap_exit_skip_all("no SNP message channel");
		tap_header(1);
		tap_diag("open /dev/sev-guest: %s", strerror(errno));
		tap_result(0, "an SNP guest with a message channel offers /dev/sev-guest");
		return tap_finish();
	}
	scratch = mmap(NULL, 0x10000 + PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scratch == MAP_FAILED || mprotect(scratch + 0x10000, PAGE, PROT_NONE))
		return COCO_KSFT_FAIL;
	noaccess = scratch + 0x10000;

	problems = kernel_log_problems();
	tap_header(14);
	test_report();
	test_derived_key();
	test_ext_report();
	test_reserved();
	test_refusals();
	test_fuzz();

	n = kernel_log_problems();
	tap_diag("kernel log: %d oops/warning lines before, %d after",
		 problems, n);
	tap_result(problems >= 0 && n == problems,
		   "kernel log: no new oops, BUG or WARNING");
	if (have_seqno && seqno_read(&seq2, &seq3)) {
		tap_diag("sequence number %u -> %u over %u firmware requests",
			 seq1, seq2, fw_requests);
		tap_result(seq2 - seq1 == 2 * fw_requests,
			   "sequence number: +2 per request that reached the firmware, none reused or skipped");
	} else {
		tap_skip("sequence number accounting",
			 "no snp_report_test in debugfs");
	}
	close(fd);
	return tap_finish();
}

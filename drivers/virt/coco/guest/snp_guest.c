// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SNP attestation channel of coco_guest: guest messages to the AMD-SP
 * (attestation reports, derived keys, extended reports with certificates)
 * on one VMPCK, through this module's GHCB.  The devices built on it call
 * coco_guest_snp_request(); one mutex serialises the channel, as the
 * sequence numbers demand.
 *
 * The channel is set up at the first use, not at load: the secrets page
 * may appear later than coco_guest (the simulator's firmware daemon
 * provisions it).  Its request, response and certificate pages are shared
 * with the hypervisor; a page that cannot be made private again is leaked.
 *
 * debugfs coco_guest/snp_report_test runs one report, one derived-key and
 * one extended-report exchange per read and shows the results, so that the
 * layer can be checked from user space before the devices exist.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/dcache.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <coco/byteimg_le.h>
#include <coco/ghcb.h>
#include <coco/snp_msg.h>
#include "coco_guest.h"
#include "snp_aead.h"

static unsigned int snp_vmpck_id;
module_param(snp_vmpck_id, uint, 0444);
MODULE_PARM_DESC(snp_vmpck_id, "SNP: VMPCK used for guest messages, 0-3 (default 0)");

/* BUSY answers: sleep this long between resends, for at most ~60 s. */
#define SNP_BUSY_WAIT_MS	10
#define SNP_BUSY_RETRIES	6000
/* The largest certificate buffer offered to the hypervisor. */
#define SNP_CERTS_MAX_PAGES	COCO_GHCB_CERTS_MAX_PAGES

/**
 * struct snp_guest - the channel
 * @guest: the module state
 * @lock: serialises everything below and so the guest messages
 * @msg: the message layer's state, NULL before the first setup
 * @aead: AES-256-GCM
 * @req_page: the shared request page
 * @resp_page: the shared response page
 * @certs: the shared certificate buffer, NULL before an extended request
 * @certs_pages: its size in pages
 * @leaked_pages: shared pages that could not be made private again
 * @test: the debugfs test file
 */
struct snp_guest {
	struct coco_guest *guest;
	struct mutex lock;	/* the channel: one message at a time */
	struct coco_snp_msg *msg;
	struct coco_aead_ops aead;
	u8 *req_page;
	u8 *resp_page;
	u8 *certs;
	unsigned int certs_pages;
	unsigned long leaked_pages;
	struct dentry *test;
};

static struct snp_guest *snp;

static u8 *snp_secrets(const struct snp_guest *s)
{
	const struct coco_platform *plat = s->guest->plat;

	if (!(s->guest->det.attrs & COCO_ATTR_SEV_SNP) || !plat->snp_secrets)
		return NULL;
	return plat->snp_secrets(plat);
}

/* Allocate and share @npages pages; NULL on failure (leaked if shared). */
static u8 *snp_alloc_shared(struct snp_guest *s, unsigned int npages)
{
	void *p = alloc_pages_exact(npages * PAGE_SIZE, GFP_KERNEL | __GFP_ZERO);

	if (!p)
		return NULL;
	if (coco_guest_set_shared(p, npages, true)) {
		/* In an unknown state: never reuse it. */
		s->leaked_pages += npages;
		return NULL;
	}
	return p;
}

static void snp_free_shared(struct snp_guest *s, u8 *p, unsigned int npages)
{
	if (!p)
		return;
	if (coco_guest_set_shared(p, npages, false)) {
		s->leaked_pages += npages;
		pr_err("%u shared pages could not be made private: leaked\n",
		       npages);
		return;
	}
	free_pages_exact(p, npages * PAGE_SIZE);
}

static int snp_send(void *ctx, bool ext, u64 *exitinfo2, u32 *certs_pages)
{
	struct snp_guest *s = ctx;
	const struct coco_platform *plat = s->guest->plat;
	struct coco_ghcb *ghcb;
	int ret;

	ghcb = coco_guest_sev_ghcb_get();
	if (IS_ERR(ghcb))
		return PTR_ERR(ghcb);
	ret = coco_ghcb_guest_request(plat, ghcb,
				      plat->va_to_gpa(plat, s->req_page),
				      plat->va_to_gpa(plat, s->resp_page), ext,
				      ext ? plat->va_to_gpa(plat, s->certs) : 0,
				      certs_pages, exitinfo2);
	coco_guest_sev_ghcb_put(ghcb);
	return ret;
}

static void snp_wait(void *ctx)
{
	msleep(SNP_BUSY_WAIT_MS);
}

/* Under s->lock: set the channel up unless it is. */
static int snp_setup(struct snp_guest *s)
{
	u8 *secrets;
	int ret;

	if (s->msg)
		return 0;
	secrets = snp_secrets(s);
	if (!secrets || !s->guest->plat->va_to_gpa)
		return -ENODEV;
	if (snp_vmpck_id >= SNP_VMPCK_COUNT)
		return -EINVAL;
	ret = coco_guest_aead_init(&s->aead);
	if (ret) {
		pr_err("no AES-GCM from the crypto API (%d)\n", ret);
		return ret;
	}
	s->msg = kzalloc(sizeof(*s->msg), GFP_KERNEL);
	s->req_page = snp_alloc_shared(s, 1);
	s->resp_page = snp_alloc_shared(s, 1);
	if (!s->msg || !s->req_page || !s->resp_page) {
		snp_free_shared(s, s->req_page, 1);
		snp_free_shared(s, s->resp_page, 1);
		s->req_page = NULL;
		s->resp_page = NULL;
		kfree(s->msg);
		s->msg = NULL;
		coco_guest_aead_exit(&s->aead);
		return -ENOMEM;
	}
	s->msg->aead = &s->aead;
	s->msg->secrets = secrets;
	s->msg->vmpck_id = snp_vmpck_id;
	s->msg->send = snp_send;
	s->msg->send_ctx = s;
	s->msg->wait = snp_wait;
	s->msg->busy_retries = SNP_BUSY_RETRIES;
	s->msg->req_shared = s->req_page;
	s->msg->resp_shared = s->resp_page;
	pr_info("SNP guest messages on VMPCK%u\n", snp_vmpck_id);
	return 0;
}

/* Under s->lock: a shared certificate buffer of at least @npages pages. */
static int snp_certs_buffer(struct snp_guest *s, unsigned int npages)
{
	u8 *p;

	if (npages <= s->certs_pages)
		return 0;
	p = snp_alloc_shared(s, npages);
	if (!p)
		return -ENOMEM;
	snp_free_shared(s, s->certs, s->certs_pages);
	s->certs = p;
	s->certs_pages = npages;
	return 0;
}

/**
 * coco_guest_snp_ready() - can coco_guest_snp_request() work
 *
 * Context: process context; may sleep (takes the channel's mutex).
 *
 * Return: true on an SNP guest whose secrets page is available and whose
 * VMPCK has not been wiped.
 */
bool coco_guest_snp_ready(void)
{
	struct snp_guest *s = snp;
	bool ready;

	if (!s)
		return false;
	mutex_lock(&s->lock);
	if (s->msg)
		ready = coco_snp_vmpck_usable(s->msg);
	else
		ready = snp_secrets(s) && snp_vmpck_id < SNP_VMPCK_COUNT;
	mutex_unlock(&s->lock);
	return ready;
}

/**
 * coco_guest_snp_request() - one guest message exchange with the AMD-SP
 * @type: request message type (SNP_MSG_*_REQ)
 * @version: message version
 * @req: request payload
 * @len: its length
 * @resp: receives the response payload
 * @cap: size of @resp
 * @resp_len: bytes written to @resp
 * @certs: NULL for a plain request; else a kernel buffer for the
 *	certificate table of an extended request
 * @certs_len: with @certs: its size, a non-zero multiple of the page size
 *	(at most 64 pages); set to the bytes needed on -ENOSPC
 * @exitinfo2: SW_EXITINFO2 of the exchange
 *
 * The certificate table is copied out of shared memory once, unchecked:
 * the hypervisor wrote it, the caller validates it.
 *
 * Context: process context; sleeps (the channel's mutex, BUSY waits, the
 * crypto API, sharing pages at the first use).
 *
 * Return: 0; -ENODEV without an SNP channel; -ENOSPC when the certificates
 * need a larger buffer; -EINVAL for bad arguments; otherwise as
 * coco_snp_msg_send().
 */
int coco_guest_snp_request(u8 type, u8 version, const void *req, u16 len,
			   void *resp, u16 cap, u16 *resp_len, void *certs,
			   u32 *certs_len, u64 *exitinfo2)
{
	struct snp_guest *s = snp;
	u32 npages = 0;
	int ret;

	*exitinfo2 = 0;
	if (!s)
		return -ENODEV;
	if (certs && (!*certs_len || *certs_len % PAGE_SIZE ||
		      *certs_len / PAGE_SIZE > SNP_CERTS_MAX_PAGES))
		return -EINVAL;
	mutex_lock(&s->lock);
	ret = snp_setup(s);
	if (ret)
		goto out;
	if (certs) {
		npages = *certs_len / PAGE_SIZE;
		ret = snp_certs_buffer(s, npages);
		if (ret)
			goto out;
		memset(s->certs, 0, s->certs_pages * PAGE_SIZE);
	}
	ret = coco_snp_msg_send(s->msg, type, version, req, len, resp, cap,
				resp_len, certs, &npages, exitinfo2);
	if (certs && coco_snp_msg_wants_pages(s->msg, ret, *exitinfo2)) {
		/* npages now holds what the hypervisor says it needs. */
		if (npages > SNP_CERTS_MAX_PAGES)
			goto out;
		*certs_len = npages * PAGE_SIZE;
		ret = -ENOSPC;
	} else if (certs && !ret) {
		memcpy(certs, s->certs, *certs_len);
	}
out:
	mutex_unlock(&s->lock);
	return ret;
}

/* debugfs: fixed requests, so the results can be checked by a test. */
#define SNP_TEST_REPORT_REQ_LEN		96
#define SNP_TEST_REPORT_RSP_LEN		(0x20 + 0x4a0)
#define SNP_TEST_KEY_REQ_LEN		32
#define SNP_TEST_KEY_RSP_LEN		64

static void snp_test_hex(struct seq_file *m, const char *key, const u8 *p,
			 size_t len)
{
	size_t i;

	seq_printf(m, "%s=", key);
	for (i = 0; i < len; i += 32)
		seq_printf(m, "%*phN", (int)min_t(size_t, 32, len - i), p + i);
	seq_putc(m, '\n');
}

static u32 snp_test_seqno(struct snp_guest *s)
{
	u32 v = 0;

	mutex_lock(&s->lock);
	if (s->msg)
		v = coco_get_le32(s->msg->secrets + SNP_SECRETS_OFF_OS_SEQNO0 +
				  4 * s->msg->vmpck_id);
	mutex_unlock(&s->lock);
	return v;
}

static int snp_test_show(struct seq_file *m, void *v)
{
	struct snp_guest *s = m->private;
	u8 *req, *rsp, *certs;
	u32 certs_len;
	u16 rlen = 0;
	u64 ei2;
	int i, ret;

	req = kzalloc(SNP_TEST_REPORT_REQ_LEN, GFP_KERNEL);
	rsp = kzalloc(SNP_TEST_REPORT_RSP_LEN, GFP_KERNEL);
	certs = kzalloc(SNP_CERTS_MAX_PAGES * PAGE_SIZE, GFP_KERNEL);
	if (!req || !rsp || !certs) {
		ret = -ENOMEM;
		goto out;
	}

	/* 1. A report: REPORT_DATA 0x00..0x3f, VMPL 0. */
	for (i = 0; i < 64; i++)
		req[i] = i;
	seq_printf(m, "vmpck=%u seqno_before=%u\n", snp_vmpck_id,
		   snp_test_seqno(s));
	ret = coco_guest_snp_request(SNP_MSG_REPORT_REQ, 1, req,
				     SNP_TEST_REPORT_REQ_LEN, rsp,
				     SNP_TEST_REPORT_RSP_LEN, &rlen, NULL, NULL,
				     &ei2);
	seq_printf(m, "report_result=%d exitinfo2=0x%llx len=%u status=0x%x size=%u seqno_after=%u\n",
		   ret, ei2, rlen, coco_get_le32(rsp), coco_get_le32(rsp + 4),
		   snp_test_seqno(s));
	if (!ret && rlen == SNP_TEST_REPORT_RSP_LEN)
		snp_test_hex(m, "report", rsp + 0x20, 0x4a0);

	/* 2. A derived key from the VCEK, no guest fields mixed in. */
	memset(req, 0, SNP_TEST_REPORT_REQ_LEN);
	memset(rsp, 0, SNP_TEST_REPORT_RSP_LEN);
	ret = coco_guest_snp_request(SNP_MSG_KEY_REQ, 1, req,
				     SNP_TEST_KEY_REQ_LEN, rsp,
				     SNP_TEST_KEY_RSP_LEN, &rlen, NULL, NULL,
				     &ei2);
	seq_printf(m, "key_result=%d key_exitinfo2=0x%llx key_len=%u key_status=0x%x\n",
		   ret, ei2, rlen, coco_get_le32(rsp));
	if (!ret && rlen == SNP_TEST_KEY_RSP_LEN)
		snp_test_hex(m, "key", rsp + 0x20, 32);

	/* 3. An extended report, first with a buffer too small. */
	for (i = 0; i < 64; i++)
		req[i] = 0xff - i;
	memset(rsp, 0, SNP_TEST_REPORT_RSP_LEN);
	certs_len = PAGE_SIZE;
	ret = coco_guest_snp_request(SNP_MSG_REPORT_REQ, 1, req,
				     SNP_TEST_REPORT_REQ_LEN, rsp,
				     SNP_TEST_REPORT_RSP_LEN, &rlen, certs,
				     &certs_len, &ei2);
	seq_printf(m, "ext_small_result=%d small_exitinfo2=0x%llx certs_needed=%u seqno_small=%u\n",
		   ret, ei2, certs_len, snp_test_seqno(s));
	if (ret == -ENOSPC)
		ret = coco_guest_snp_request(SNP_MSG_REPORT_REQ, 1, req,
					     SNP_TEST_REPORT_REQ_LEN, rsp,
					     SNP_TEST_REPORT_RSP_LEN, &rlen,
					     certs, &certs_len, &ei2);
	seq_printf(m, "ext_result=%d ext_exitinfo2=0x%llx ext_len=%u ext_status=0x%x certs_len=%u seqno_final=%u\n",
		   ret, ei2, rlen, coco_get_le32(rsp), certs_len,
		   snp_test_seqno(s));
	if (!ret) {
		snp_test_hex(m, "ext_report_data", rsp + 0x20 + 0x50, 64);
		snp_test_hex(m, "certs_table", certs, 4 * 24);
	}
	ret = 0;
out:
	kfree(req);
	kfree(rsp);
	kfree(certs);
	return ret;
}

static int snp_test_open(struct inode *inode, struct file *file)
{
	/* The output is large: room for it from the start. */
	return single_open_size(file, snp_test_show, inode->i_private,
				8192);
}

static const struct file_operations snp_test_fops = {
	.owner = THIS_MODULE,
	.open = snp_test_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
};

/**
 * coco_guest_snp_init() - prepare the SNP channel (set up at first use)
 * @guest: the module state, after detection and coco_guest_sev_init()
 *
 * The test file goes into coco_guest's debugfs directory when
 * coco_guest_sev_init() made one.
 *
 * Return: 0 or -ENOMEM.  Not being an SNP guest is no error.
 */
int coco_guest_snp_init(struct coco_guest *guest)
{
	struct dentry *debugfs;
	struct snp_guest *s;

	if (!(guest->det.attrs & COCO_ATTR_SEV_SNP))
		return 0;
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->guest = guest;
	mutex_init(&s->lock);
	debugfs = debugfs_lookup("coco_guest", NULL);
	if (debugfs) {
		s->test = debugfs_create_file("snp_report_test", 0400, debugfs,
					      s, &snp_test_fops);
		dput(debugfs);
	}
	snp = s;
	return 0;
}

/**
 * coco_guest_snp_exit() - tear the channel down
 *
 * Before coco_guest_sev_exit(): making the pages private needs the GHCBs.
 */
void coco_guest_snp_exit(void)
{
	struct snp_guest *s = snp;

	if (!s)
		return;
	debugfs_remove(s->test);
	snp = NULL;
	if (s->msg) {
		snp_free_shared(s, s->req_page, 1);
		snp_free_shared(s, s->resp_page, 1);
		snp_free_shared(s, s->certs, s->certs_pages);
		kfree_sensitive(s->msg);
		coco_guest_aead_exit(&s->aead);
	}
	mutex_destroy(&s->lock);
	kfree(s);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * SNP guest messages.  The AES-GCM IV is the message sequence number, so a
 * number must never carry two different plaintexts: once a request's
 * ciphertext has been in shared memory, the only ways on are resending
 * that exact ciphertext or wiping the key.  Responses are copied out of
 * shared memory once, then checked and decrypted from the copy.
 */
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/types.h>
#include <coco/byteimg_le.h>
#include <coco/snp_msg.h>

static u8 *msg_vmpck(const struct coco_snp_msg *m)
{
	return m->secrets + SNP_SECRETS_OFF_VMPCK0 + 32 * m->vmpck_id;
}

static u8 *msg_seqno_ptr(const struct coco_snp_msg *m)
{
	return m->secrets + SNP_SECRETS_OFF_OS_SEQNO0 + 4 * m->vmpck_id;
}

/**
 * coco_snp_vmpck_usable() - is the channel's key still there
 * @m: the channel
 *
 * Return: false for an out-of-range VMPCK id or an all-zero (wiped) key.
 */
bool coco_snp_vmpck_usable(const struct coco_snp_msg *m)
{
	const u8 *k;
	unsigned int i;

	if (m->vmpck_id >= SNP_VMPCK_COUNT)
		return false;
	k = msg_vmpck(m);
	for (i = 0; i < 32; i++)
		if (k[i])
			return true;
	return false;
}

/* The key can never be used again: AES-GCM forbids guessing at the IV. */
static void msg_wipe_vmpck(struct coco_snp_msg *m)
{
	memzero_explicit(msg_vmpck(m), 32);
}

/* The last sequence number spent, in the secrets page and remembered. */
static void msg_store_seqno(struct coco_snp_msg *m, u32 seqno)
{
	coco_put_le32(msg_seqno_ptr(m), seqno);
	m->seqno_stored = seqno;
}

static void msg_iv(u8 *iv, u64 seqno)
{
	unsigned int i;

	coco_put_le64(iv, seqno);
	for (i = 8; i < COCO_GCM_IV_LEN; i++)
		iv[i] = 0;
}

static int msg_build(struct coco_snp_msg *m, u64 seqno, u8 type, u8 version,
		     const void *payload, u16 len)
{
	u8 *h = m->req, iv[COCO_GCM_IV_LEN];
	unsigned int i;

	for (i = 0; i < SNP_PAGE_SIZE; i++)
		h[i] = 0;
	coco_put_le64(h + SNP_MSG_OFF_SEQNO, seqno);
	h[SNP_MSG_OFF_ALGO] = SNP_AEAD_AES_256_GCM;
	h[SNP_MSG_OFF_HDR_VERSION] = 1;
	coco_put_le16(h + SNP_MSG_OFF_HDR_SZ, SNP_MSG_HDR_LEN);
	h[SNP_MSG_OFF_TYPE] = type;
	h[SNP_MSG_OFF_VERSION] = version;
	coco_put_le16(h + SNP_MSG_OFF_SZ, len);
	h[SNP_MSG_OFF_VMPCK] = m->vmpck_id;
	msg_iv(iv, seqno);
	return m->aead->encrypt(m->aead->ctx, msg_vmpck(m), iv,
				h + SNP_MSG_AAD_OFF, SNP_MSG_AAD_LEN, payload,
				len, h + SNP_MSG_HDR_LEN, h + SNP_MSG_OFF_AUTHTAG);
}

/* Issue the request in m->req_shared, retrying the same bytes on BUSY. */
static int msg_issue(struct coco_snp_msg *m, bool ext, u32 *certs_pages,
		     u64 *exitinfo2)
{
	unsigned int busy = 0;
	int ret;

	for (;;) {
		ret = m->send(m->send_ctx, ext, exitinfo2, certs_pages);
		if (ret || (*exitinfo2 >> SNP_GUEST_VMM_ERR_SHIFT) !=
			   SNP_GUEST_VMM_ERR_BUSY)
			return ret;
		if (++busy > m->busy_retries)
			return -ETIMEDOUT;
		if (m->wait)
			m->wait(m->send_ctx);
	}
}

static int msg_open(struct coco_snp_msg *m, u64 seqno, u8 type, u8 version,
		    void *out, u16 out_cap, u16 *out_len)
{
	u8 *h = m->resp, iv[COCO_GCM_IV_LEN];
	unsigned int i;
	u16 sz;

	/* One copy out of shared memory; everything below reads the copy. */
	for (i = 0; i < SNP_PAGE_SIZE; i++)
		h[i] = m->resp_shared[i];
	sz = coco_get_le16(h + SNP_MSG_OFF_SZ);
	if (coco_get_le64(h + SNP_MSG_OFF_SEQNO) != seqno + 1 ||
	    h[SNP_MSG_OFF_TYPE] != type + 1 ||
	    h[SNP_MSG_OFF_VERSION] != version ||
	    h[SNP_MSG_OFF_ALGO] != SNP_AEAD_AES_256_GCM ||
	    h[SNP_MSG_OFF_HDR_VERSION] != 1 ||
	    coco_get_le16(h + SNP_MSG_OFF_HDR_SZ) != SNP_MSG_HDR_LEN ||
	    h[SNP_MSG_OFF_VMPCK] != m->vmpck_id ||
	    sz > SNP_MSG_PAYLOAD_MAX || sz > out_cap)
		return -EBADMSG;
	msg_iv(iv, seqno + 1);
	if (m->aead->decrypt(m->aead->ctx, msg_vmpck(m), iv,
			     h + SNP_MSG_AAD_OFF, SNP_MSG_AAD_LEN,
			     h + SNP_MSG_HDR_LEN, sz, out,
			     h + SNP_MSG_OFF_AUTHTAG)) {
		/* Leave no unauthenticated plaintext behind. */
		memzero_explicit(out, sz);
		return -EBADMSG;
	}
	*out_len = sz;
	return 0;
}

/**
 * coco_snp_msg_wants_pages() - is a failed extended request worth a retry
 * @m: the channel
 * @ret: what coco_snp_msg_send() returned
 * @exitinfo2: its SW_EXITINFO2
 *
 * Return: true when the hypervisor asked for a larger certificate buffer
 * and the key lived through it (its plain resend went through); false
 * for every other outcome, including an INVALID_LEN to the resend too.
 */
bool coco_snp_msg_wants_pages(const struct coco_snp_msg *m, int ret,
			      u64 exitinfo2)
{
	return ret == -EIO &&
	       exitinfo2 >> SNP_GUEST_VMM_ERR_SHIFT ==
	       SNP_GUEST_VMM_ERR_INVALID_LEN &&
	       coco_snp_vmpck_usable(m);
}

/**
 * coco_snp_msg_send() - one request/response exchange with the AMD-SP
 * @m: the channel
 * @type: request message type (SNP_MSG_*_REQ)
 * @version: message version (non-zero)
 * @payload: request plaintext
 * @len: its length
 * @out: receives the response plaintext
 * @out_cap: size of @out
 * @out_len: bytes written to @out
 * @ext: an extended request (certificates wanted)
 * @certs_pages: with @ext: pages offered in (not 0), pages needed out
 * @exitinfo2: SW_EXITINFO2 of the exchange (firmware and VMM errors)
 *
 * The caller serialises calls on @m (see struct coco_snp_msg).
 *
 * Return: 0; -ENOTTY when the key was wiped; -EINVAL for bad arguments;
 * -EIO for a sequence number overflow, a firmware or VMM error, a
 * sequence number in the secrets page that is not the one this channel
 * left there (the key is wiped), or an INVALID_LEN (@certs_pages then
 * holds the pages needed; the sequence number was consumed by a plain
 * resend); -ETIMEDOUT after too many BUSY answers; -EBADMSG for a response
 * that fails a check (@out then holds no plaintext).  Every failure after
 * the request reached shared memory wipes the key, except an INVALID_LEN
 * whose plain resend went through: coco_snp_msg_wants_pages() tells the
 * two INVALID_LEN cases apart.
 */
int coco_snp_msg_send(struct coco_snp_msg *m, u8 type, u8 version,
		      const void *payload, u16 len, void *out, u16 out_cap,
		      u16 *out_len, bool ext, u32 *certs_pages, u64 *exitinfo2)
{
	u8 *seqp = msg_seqno_ptr(m);
	u32 stored;
	u64 seqno;
	unsigned int i;
	int ret;

	*exitinfo2 = 0;
	if (!coco_snp_vmpck_usable(m))
		return -ENOTTY;
	if (!version || len > SNP_MSG_PAYLOAD_MAX ||
	    (ext && (!certs_pages || !*certs_pages)))
		return -EINVAL;
	stored = coco_get_le32(seqp);
	if (m->seqno_seen && stored != m->seqno_stored) {
		/*
		 * The count moved behind the channel's back: going on could
		 * reuse a number (an IV) or skip to one someone else used.
		 */
		msg_wipe_vmpck(m);
		return -EIO;
	}
	m->seqno_stored = stored;
	m->seqno_seen = true;
	/* The GHCB stores 32 bits of sequence number: never wrap. */
	seqno = (u64)stored + 1;
	if (seqno >= 0xffffffffULL)
		return -EIO;

	ret = msg_build(m, seqno, type, version, payload, len);
	if (ret)
		return ret;
	for (i = 0; i < SNP_PAGE_SIZE; i++) {
		m->resp_shared[i] = 0;
		m->req_shared[i] = m->req[i];
	}

	ret = msg_issue(m, ext, certs_pages, exitinfo2);
	if (!ret && ext && (*exitinfo2 >> SNP_GUEST_VMM_ERR_SHIFT) ==
			   SNP_GUEST_VMM_ERR_INVALID_LEN) {
		u64 ei2 = *exitinfo2;
		u32 need = *certs_pages;

		/* Consume the sequence number with a plain request. */
		ret = msg_issue(m, false, certs_pages, exitinfo2);
		if (!ret && !*exitinfo2) {
			msg_store_seqno(m, (u32)seqno + 1);
			*exitinfo2 = ei2;
			*certs_pages = need;
			return -EIO;
		}
	}
	if (ret || *exitinfo2) {
		msg_wipe_vmpck(m);
		return ret ? ret : -EIO;
	}
	/* Request N + 1 and response N + 2 are both spent. */
	msg_store_seqno(m, (u32)seqno + 1);

	ret = msg_open(m, seqno, type, version, out, out_cap, out_len);
	if (ret)
		msg_wipe_vmpck(m);
	return ret;
}

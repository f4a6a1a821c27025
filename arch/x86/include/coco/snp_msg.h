/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SNP guest messages: requests to the AMD-SP encrypted with a VMPCK, with
 * the sequence-number rules that keep AES-GCM safe against a hypervisor
 * that fails, replays or reorders messages.
 */
#ifndef _COCO_X86_SNP_MSG_H
#define _COCO_X86_SNP_MSG_H

#include <linux/types.h>
#include <coco/aead.h>

#define SNP_PAGE_SIZE			4096
#define SNP_MSG_HDR_LEN			0x60
#define SNP_MSG_PAYLOAD_MAX		(SNP_PAGE_SIZE - SNP_MSG_HDR_LEN)

/* Header byte offsets. */
#define SNP_MSG_OFF_AUTHTAG		0x00
#define SNP_MSG_OFF_SEQNO		0x20
#define SNP_MSG_OFF_ALGO		0x30
#define SNP_MSG_OFF_HDR_VERSION		0x31
#define SNP_MSG_OFF_HDR_SZ		0x32
#define SNP_MSG_OFF_TYPE		0x34
#define SNP_MSG_OFF_VERSION		0x35
#define SNP_MSG_OFF_SZ			0x36
#define SNP_MSG_OFF_VMPCK		0x3c
#define SNP_MSG_AAD_OFF			0x30
#define SNP_MSG_AAD_LEN			0x30

#define SNP_AEAD_AES_256_GCM		1

/* Message types. */
#define SNP_MSG_KEY_REQ			3
#define SNP_MSG_KEY_RSP			4
#define SNP_MSG_REPORT_REQ		5
#define SNP_MSG_REPORT_RSP		6

/* Secrets page. */
#define SNP_SECRETS_OFF_VMPCK0		0x20
#define SNP_SECRETS_OFF_OS_SEQNO0	0xa0
#define SNP_VMPCK_COUNT			4

/* SW_EXITINFO2 of a guest request: VMM error in 63:32, firmware in 31:0. */
#define SNP_GUEST_VMM_ERR_SHIFT		32
#define SNP_GUEST_VMM_ERR_INVALID_LEN	1
#define SNP_GUEST_VMM_ERR_BUSY		2

/**
 * struct coco_snp_msg - one VMPCK's message channel
 * @aead: AES-256-GCM
 * @secrets: private mapping of the secrets page (VMPCKs, sequence numbers)
 * @vmpck_id: the VMPCK used (0..3)
 * @send: issue the guest request on @req_shared / @resp_shared (an extended
 *	one when @ext; @certs_pages in: pages offered, out: pages needed);
 *	fills SW_EXITINFO2; returns 0 when the request reached the hypervisor
 *	and it answered, a negative errno when it could not be issued
 * @send_ctx: passed to @send
 * @wait: called between BUSY retries (the kernel sleeps; may be NULL)
 * @busy_retries: how many BUSY answers are retried before giving up
 * @req_shared: the shared request page
 * @resp_shared: the shared response page
 * @seqno_seen: set by the layer: @seqno_stored is valid
 * @seqno_stored: set by the layer: the sequence number it last found in
 *	or wrote to the secrets page (any other value there later means the
 *	count moved behind its back)
 * @req: private request page
 * @resp: private copy of the response page
 *
 * The caller fills in everything up to @resp_shared and zeroes the rest.
 *
 * Locking: the layer takes no lock.  The caller must serialise every use
 * of one struct coco_snp_msg (coco_snp_msg_send(), coco_snp_vmpck_usable())
 * with its own mutex, and a VMPCK must have exactly one struct
 * coco_snp_msg: the sequence number in the secrets page is read, used as
 * the AES-GCM IV and written back without atomicity, so two concurrent
 * exchanges could encrypt two messages under one IV.
 */
struct coco_snp_msg {
	const struct coco_aead_ops *aead;
	u8 *secrets;
	unsigned int vmpck_id;
	int (*send)(void *ctx, bool ext, u64 *exitinfo2, u32 *certs_pages);
	void *send_ctx;
	void (*wait)(void *ctx);
	unsigned int busy_retries;
	u8 *req_shared;
	u8 *resp_shared;
	bool seqno_seen;
	u32 seqno_stored;
	u8 req[SNP_PAGE_SIZE];
	u8 resp[SNP_PAGE_SIZE];
};

bool coco_snp_vmpck_usable(const struct coco_snp_msg *m);
bool coco_snp_msg_wants_pages(const struct coco_snp_msg *m, int ret,
			      u64 exitinfo2);
int coco_snp_msg_send(struct coco_snp_msg *m, u8 type, u8 version,
		      const void *payload, u16 len, void *out, u16 out_cap,
		      u16 *out_len, bool ext, u32 *certs_pages, u64 *exitinfo2);

#endif /* _COCO_X86_SNP_MSG_H */

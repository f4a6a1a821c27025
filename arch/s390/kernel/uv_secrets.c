// SPDX-License-Identifier: GPL-2.0-only
/*
 * The UV secret store of a protected guest: add (an opaque, sealed request),
 * lock, list and retrieve.  Lists come back in one page per call; a list
 * that is impossible (more entries than fit, more than the store holds, or
 * "more data" that does not advance) is rejected rather than trusted.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/byteimg.h>
#include <coco/uv.h>

static void uv_secret_hdr(u8 *cb, u16 len, u16 cmd)
{
	coco_put_be16(cb + UVCB_OFF_LEN, len);
	coco_put_be16(cb + UVCB_OFF_CMD, cmd);
}

/**
 * coco_uv_add_secret() - add a secret to the store
 * @plat: the platform seam
 * @asrcb: the add-secret request control block, sealed for the UV
 * @asrcb_len: the size of its buffer, at most 1 MiB and at least the
 *	length the ASRCB claims
 * @st: the UV's answer
 *
 * Return: 0, -EINVAL for a missing or oversized request or one that claims
 * more than @asrcb_len (no call is made), -EIO when refused, -EINTR when
 * killed while the UV was busy.
 */
int coco_uv_add_secret(const struct coco_platform *plat, const void *asrcb,
		       u32 asrcb_len, struct coco_uv_status *st)
{
	u8 cb[UV_ADD_SECRET_LEN] __aligned(8) = { 0 };

	if (!coco_uv_req_fits(asrcb, asrcb_len) ||
	    asrcb_len > UV_ADD_SECRET_MAX)
		return -EINVAL;
	uv_secret_hdr(cb, UV_ADD_SECRET_LEN, UVC_CMD_ADD_SECRET);
	coco_put_be64(cb + UV_ADD_SECRET_OFF_ADDR, coco_uv_addr(asrcb));
	return coco_uv_call_sched(plat, cb, st);
}

/**
 * coco_uv_lock_secrets() - lock the store against further additions
 * @plat: the platform seam
 * @st: the UV's answer
 *
 * Return: 0, or -EIO when refused (already locked: rc 0x0102).
 */
int coco_uv_lock_secrets(const struct coco_platform *plat,
			 struct coco_uv_status *st)
{
	u8 cb[UV_LOCK_LEN] __aligned(8) = { 0 };

	uv_secret_hdr(cb, UV_LOCK_LEN, UVC_CMD_LOCK_SECRETS);
	return coco_uv_call_status(plat, cb, st);
}

/**
 * coco_uv_list_secrets() - fetch one page of the secret list
 * @plat: the platform seam
 * @page: a 4 KiB buffer the UV fills
 * @start_idx: smallest secret index to include
 * @hdr: the page's header, validated
 * @st: the UV's answer
 *
 * Return: 0 with @st->rc 0x0001 (complete) or 0x0100 (call again from
 * @hdr->next); -EIO when the UV refused or answered with an impossible page;
 * -EINTR when killed while the UV was busy.
 */
int coco_uv_list_secrets(const struct coco_platform *plat, void *page,
			 u16 start_idx, struct coco_uv_secret_list_hdr *hdr,
			 struct coco_uv_status *st)
{
	u8 cb[UV_LIST_LEN] __aligned(8) = { 0 };
	const u8 *p = page;
	int ret;

	uv_secret_hdr(cb, UV_LIST_LEN, UVC_CMD_LIST_SECRETS);
	coco_put_be16(cb + UV_LIST_OFF_START_IDX, start_idx);
	coco_put_be64(cb + UV_LIST_OFF_ADDR, coco_uv_addr(page));
	ret = coco_uv_call_sched(plat, cb, st);
	if (ret == -EINTR)
		return ret;
	if (ret && st->rc != UVC_RC_MORE_DATA)
		return -EIO;

	/* Read the header once; judge only the copy. */
	hdr->num = coco_get_be16(p + UV_SECRET_LIST_OFF_NUM);
	hdr->total = coco_get_be16(p + UV_SECRET_LIST_OFF_TOTAL);
	hdr->next = coco_get_be16(p + UV_SECRET_LIST_OFF_NEXT);
	if (hdr->num > UV_SECRET_LIST_MAX_ENTRIES || hdr->num > hdr->total)
		return -EIO;
	if (st->rc == UVC_RC_MORE_DATA && hdr->next <= start_idx)
		return -EIO;
	return 0;
}

/**
 * coco_uv_secret_entry_read() - decode entry @i of a list page
 * @page: a page filled by coco_uv_list_secrets()
 * @i: entry number, below the page's validated entry count
 * @entry: the decoded entry
 */
void coco_uv_secret_entry_read(const void *page, unsigned int i,
			       struct coco_uv_secret_entry *entry)
{
	const u8 *e = (const u8 *)page + UV_SECRET_LIST_OFF_ENTRIES +
		      i * UV_SECRET_ENTRY_LEN;
	unsigned int j;

	entry->index = coco_get_be16(e + UV_SECRET_ENTRY_OFF_IDX);
	entry->type = coco_get_be16(e + UV_SECRET_ENTRY_OFF_TYPE);
	entry->len = coco_get_be32(e + UV_SECRET_ENTRY_OFF_LEN);
	for (j = 0; j < UV_SECRET_ID_LEN; j++)
		entry->id[j] = e[UV_SECRET_ENTRY_OFF_ID + j];
}

static bool uv_id_equal(const u8 *a, const u8 *b)
{
	unsigned int i;

	for (i = 0; i < UV_SECRET_ID_LEN; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/**
 * coco_uv_find_secret() - look a secret up by its ID
 * @plat: the platform seam
 * @id: the 32-byte secret ID
 * @page: a 4 KiB scratch buffer for the list pages
 * @entry: the entry found
 * @st: the UV's answer to the last list call
 *
 * Return: 0, -ENODEV when the UV has no List Secrets call, -ENOENT when no
 * secret has @id, -EIO when listing failed, -EINTR when killed meanwhile.
 */
int coco_uv_find_secret(const struct coco_platform *plat, const u8 *id,
			void *page, struct coco_uv_secret_entry *entry,
			struct coco_uv_status *st)
{
	struct coco_uv_secret_list_hdr hdr;
	u16 start = 0;
	unsigned int i;
	int ret;

	for (;;) {
		ret = coco_uv_list_secrets(plat, page, start, &hdr, st);
		if (ret == -EINTR)
			return ret;
		if (ret)
			return st->rc == UVC_RC_INV_CMD ? -ENODEV : -EIO;
		for (i = 0; i < hdr.num; i++) {
			coco_uv_secret_entry_read(page, i, entry);
			if (uv_id_equal(entry->id, id))
				return 0;
		}
		/* Progress is guaranteed: next > start was checked. */
		if (st->rc != UVC_RC_MORE_DATA)
			return -ENOENT;
		start = hdr.next;
	}
}

/**
 * coco_uv_retrieve_secret() - copy a retrievable secret out of the store
 * @plat: the platform seam
 * @index: the secret's index from a list
 * @buf: receives the secret
 * @buf_size: size of @buf, 1..0x2000
 * @st: the UV's answer
 *
 * Return: 0; -EINVAL for a bad buffer or one too small for the secret;
 * -ENOENT for an empty store, an unknown index or a secret that cannot be
 * retrieved; -ENODEV when the UV lacks the call; -EINTR when killed while
 * the UV was busy; -EIO for anything else.
 */
int coco_uv_retrieve_secret(const struct coco_platform *plat, u16 index,
			    void *buf, u32 buf_size, struct coco_uv_status *st)
{
	u8 cb[UV_RETR_LEN] __aligned(8) = { 0 };
	int ret;

	if (!buf || !buf_size || buf_size > UV_RETR_SECRET_MAX)
		return -EINVAL;
	uv_secret_hdr(cb, UV_RETR_LEN, UVC_CMD_RETR_SECRET);
	coco_put_be16(cb + UV_RETR_OFF_IDX, index);
	coco_put_be32(cb + UV_RETR_OFF_BUF_SIZE, buf_size);
	coco_put_be64(cb + UV_RETR_OFF_BUF_ADDR, coco_uv_addr(buf));
	ret = coco_uv_call_sched(plat, cb, st);
	if (ret != -EIO)
		return ret;

	switch (st->rc) {
	case UVC_RC_INV_CMD:
		return -ENODEV;
	case UVC_RC_RETR_BUF_SMALL:
		return -EINVAL;
	case UVC_RC_RETR_STORE_EMPTY:
	case UVC_RC_RETR_INV_IDX:
	case UVC_RC_RETR_INV_SECRET:
		return -ENOENT;
	default:
		return -EIO;
	}
}

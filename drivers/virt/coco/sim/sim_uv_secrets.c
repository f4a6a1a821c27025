// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ultravisor model: the secret store (add, lock, list, retrieve).  Secrets
 * get consecutive indexes from 0; association secrets can be listed but
 * not retrieved.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/byteimg.h>
#include <coco/uv.h>
#include "coco_sim.h"
#include "sim_uv.h"

#define SIM_UV_LIST_PAGE	4096
/* rc values of s390-tools' add/retrieve tables; for List the spec has none. */
#define SIM_RC_ADD_ACCESS	0x0103
#define SIM_RC_ADD_STORE_FULL	0x010b
#define SIM_RC_RETR_ACCESS	0x0102
#define SIM_RC_LIST_ACCESS	0x0103

/**
 * coco_sim_uv_store_secret() - put a secret into the model's store
 * @sim: the model
 * @type: secret type
 * @id: 32-byte ID
 * @value: the secret
 * @len: its length
 *
 * Stands for a secret added before the test starts.
 *
 * Return: the secret's index, or -ENOSPC / -EINVAL.
 */
int coco_sim_uv_store_secret(struct coco_sim *sim, u16 type, const u8 *id,
			     const u8 *value, u32 len)
{
	struct coco_sim_s390 *s = &sim->s390;
	struct coco_sim_uv_secret *sec;
	unsigned int i;

	if (s->nr_secrets >= COCO_SIM_UV_MAX_SECRETS)
		return -ENOSPC;
	if (len > COCO_SIM_UV_SECRET_MAX_LEN)
		return -EINVAL;
	sec = &s->secrets[s->nr_secrets];
	sec->type = type;
	sec->len = len;
	for (i = 0; i < sizeof(sec->id); i++)
		sec->id[i] = id[i];
	for (i = 0; i < len; i++)
		sec->value[i] = value[i];
	return s->nr_secrets++;
}

/**
 * sim_uv_add_secret() - Add Secret
 * @s: the model
 * @cb: the control block
 * @len: its header length
 *
 * Return: the condition code.
 */
int sim_uv_add_secret(struct coco_sim_s390 *s, u8 *cb, u16 len)
{
	u64 addr;
	u16 rc;

	if (len != UV_ADD_SECRET_LEN)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_INV_LEN);
	if (s->secrets_locked)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_SECRETS_LOCKED);
	addr = coco_get_be64(cb + UV_ADD_SECRET_OFF_ADDR);
	/* The whole request, as its header gives its length. */
	if (!sim_uv_mem_ok(s, addr, UV_REQ_HDR_LEN) ||
	    !sim_uv_mem_ok(s, addr, coco_get_be32((u8 *)sim_uv_ptr(addr) +
						  UV_REQ_HDR_OFF_LEN)))
		return sim_uv_result(cb, UVC_CC_ERROR, SIM_RC_ADD_ACCESS);
	if (s->nr_secrets >= COCO_SIM_UV_MAX_SECRETS)
		return sim_uv_result(cb, UVC_CC_ERROR, SIM_RC_ADD_STORE_FULL);
	if (!s->fw || !s->fw->add_secret)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_ADD_DECRYPT);
	rc = s->fw->add_secret(s->fw->ctx, sim_uv_ptr(addr),
			       &s->secrets[s->nr_secrets]);
	if (rc == COCO_SIM_UV_RC_PENDING)
		return UVC_CC_BUSY;
	if (rc != UVC_RC_EXECUTED)
		return sim_uv_result(cb, UVC_CC_ERROR, rc);
	s->nr_secrets++;
	return sim_uv_result(cb, UVC_CC_OK, UVC_RC_EXECUTED);
}

/**
 * sim_uv_lock_secrets() - Lock Secret Store
 * @s: the model
 * @cb: the control block
 * @len: its header length
 *
 * Return: the condition code.
 */
int sim_uv_lock_secrets(struct coco_sim_s390 *s, u8 *cb, u16 len)
{
	if (len != UV_LOCK_LEN)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_INV_LEN);
	if (s->secrets_locked)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_SECRETS_LOCKED);
	s->secrets_locked = true;
	return sim_uv_result(cb, UVC_CC_OK, UVC_RC_EXECUTED);
}

/**
 * sim_uv_list_secrets() - List Secrets, one page per call
 * @s: the model
 * @cb: the control block
 * @len: its header length
 *
 * Return: the condition code.
 */
int sim_uv_list_secrets(struct coco_sim_s390 *s, u8 *cb, u16 len)
{
	u16 start, next = 0;
	unsigned int i, n = 0;
	u64 addr;
	u8 *page, *e;

	if (len != UV_LIST_LEN)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_INV_LEN);
	addr = coco_get_be64(cb + UV_LIST_OFF_ADDR);
	if (!sim_uv_mem_ok(s, addr, SIM_UV_LIST_PAGE))
		return sim_uv_result(cb, UVC_CC_ERROR, SIM_RC_LIST_ACCESS);
	start = coco_get_be16(cb + UV_LIST_OFF_START_IDX);
	page = sim_uv_ptr(addr);
	for (i = 0; i < SIM_UV_LIST_PAGE; i++)
		page[i] = 0;

	for (i = start; i < s->nr_secrets; i++) {
		const struct coco_sim_uv_secret *sec = &s->secrets[i];
		unsigned int j;

		if (n == UV_SECRET_LIST_MAX_ENTRIES) {
			next = i;
			break;
		}
		e = page + UV_SECRET_LIST_OFF_ENTRIES + n * UV_SECRET_ENTRY_LEN;
		coco_put_be16(e + UV_SECRET_ENTRY_OFF_IDX, i);
		coco_put_be16(e + UV_SECRET_ENTRY_OFF_TYPE, sec->type);
		coco_put_be32(e + UV_SECRET_ENTRY_OFF_LEN, sec->len);
		for (j = 0; j < UV_SECRET_ID_LEN; j++)
			e[UV_SECRET_ENTRY_OFF_ID + j] = sec->id[j];
		n++;
	}
	if (s->hostile_list_stuck)
		next = start;
	coco_put_be16(page + UV_SECRET_LIST_OFF_NUM,
		      n + s->hostile_list_extra);
	coco_put_be16(page + UV_SECRET_LIST_OFF_TOTAL,
		      s->nr_secrets);
	coco_put_be16(page + UV_SECRET_LIST_OFF_NEXT, next);
	if (next || s->hostile_list_stuck)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_MORE_DATA);
	return sim_uv_result(cb, UVC_CC_OK, UVC_RC_EXECUTED);
}

/**
 * sim_uv_retrieve_secret() - Retrieve Secret
 * @s: the model
 * @cb: the control block
 * @len: its header length
 *
 * Return: the condition code.
 */
int sim_uv_retrieve_secret(struct coco_sim_s390 *s, u8 *cb, u16 len)
{
	const struct coco_sim_uv_secret *sec;
	u32 size, i;
	u16 idx;
	u64 addr;
	u8 *buf;

	if (len != UV_RETR_LEN)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_INV_LEN);
	idx = coco_get_be16(cb + UV_RETR_OFF_IDX);
	size = coco_get_be32(cb + UV_RETR_OFF_BUF_SIZE);
	addr = coco_get_be64(cb + UV_RETR_OFF_BUF_ADDR);
	if (!s->nr_secrets)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_RETR_STORE_EMPTY);
	if (idx >= s->nr_secrets)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_RETR_INV_IDX);
	sec = &s->secrets[idx];
	if (sec->type == UV_SECRET_TYPE_ASSOCIATION)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_RETR_INV_SECRET);
	if (size < sec->len)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_RETR_BUF_SMALL);
	if (!sim_uv_mem_ok(s, addr, size))
		return sim_uv_result(cb, UVC_CC_ERROR, SIM_RC_RETR_ACCESS);
	buf = sim_uv_ptr(addr);
	for (i = 0; i < sec->len; i++)
		buf[i] = sec->value[i];
	return sim_uv_result(cb, UVC_CC_OK, UVC_RC_EXECUTED);
}

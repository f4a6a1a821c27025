// SPDX-License-Identifier: GPL-2.0-only
/*
 * s390x hardware and Ultravisor model: the STFLE facility list, the UV
 * call dispatcher and the query.  Control blocks are big-endian images and
 * are answered with the condition and return codes of the architecture.
 */
#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/byteimg.h>
#include <coco/uv.h>
#include "coco_sim.h"
#include "sim_uv.h"

/* Query values of the modelled UV (MSB0 masks). */
#define SIM_UV_ATT_REQ_V1	BIT_ULL(63)
#define SIM_UV_ATT_PFLAGS	0x7c00000000000000ULL
#define SIM_UV_MAX_ASSOC	8
#define SIM_UV_MAX_RETR		8

/**
 * coco_sim_set_facility() - install or remove one facility
 * @sim: the model
 * @nr: facility number (MSB0)
 * @on: installed or not
 */
void coco_sim_set_facility(struct coco_sim *sim, unsigned int nr, bool on)
{
	u64 mask;

	if (nr >= S390_FACILITY_DWORDS * 64)
		return;
	mask = 1ULL << (63 - nr % 64);
	if (on)
		sim->s390.facilities[nr / 64] |= mask;
	else
		sim->s390.facilities[nr / 64] &= ~mask;
}

static void sim_uv_install(struct coco_sim_s390 *s, unsigned int bit)
{
	s->uv_inst_calls[bit / 64] |= 1ULL << (63 - bit % 64);
}

/**
 * coco_sim_s390_configure() - make the model a protected guest or not
 * @sim: the model
 * @protected_guest: true for a PV guest (facility 158 and the guest calls)
 *
 * The installed-calls list names exactly the calls the model answers.  The
 * memory window and secret store are left alone.
 */
void coco_sim_s390_configure(struct coco_sim *sim, bool protected_guest)
{
	struct coco_sim_s390 *s = &sim->s390;
	unsigned int i;

	for (i = 0; i < 4; i++)
		s->uv_inst_calls[i] = 0;
	s->uv_qui_len = UV_QUI_LEN;
	s->uv_max_guest_cpu_id = 1;
	s->uv_max_assoc_secrets = SIM_UV_MAX_ASSOC;
	s->uv_max_retr_secrets = SIM_UV_MAX_RETR;
	s->uv_busy = 0;
	for (i = 0; i < sizeof(s->config_uid); i++)
		s->config_uid[i] = 0xc0 + i;
	coco_sim_set_facility(sim, S390_FACILITY_UV_CALL, protected_guest);
	if (!protected_guest)
		return;
	sim_uv_install(s, UV_BIT_QUI);
	sim_uv_install(s, UV_BIT_SET_SHARED_ACCESS);
	sim_uv_install(s, UV_BIT_REMOVE_SHARED_ACCESS);
	sim_uv_install(s, UV_BIT_RETR_ATTEST);
	sim_uv_install(s, UV_BIT_ADD_SECRET);
	sim_uv_install(s, UV_BIT_LIST_SECRETS);
	sim_uv_install(s, UV_BIT_LOCK_SECRETS);
	sim_uv_install(s, UV_BIT_RETR_SECRET);
}

/**
 * coco_sim_uv_set_memory() - the guest memory UV calls may address
 * @sim: the model
 * @base: first address
 * @size: size in bytes (whole 4 KiB pages are tracked)
 * @shared_bitmap: zeroed bitmap with one bit per page, owned by the caller
 */
void coco_sim_uv_set_memory(struct coco_sim *sim, u64 base, u64 size,
			    unsigned long *shared_bitmap)
{
	sim->s390.mem_base = base;
	sim->s390.mem_size = size;
	sim->s390.shared = shared_bitmap;
}

/**
 * coco_sim_stfle() - STFLE on the model
 * @plat: a platform whose priv is a struct coco_sim
 * @fac: where the list is stored
 * @ndw: doublewords to store
 *
 * Return: how many doublewords the model's list has.
 */
unsigned int coco_sim_stfle(const struct coco_platform *plat, u64 *fac,
			    unsigned int ndw)
{
	struct coco_sim *sim = plat->priv;
	unsigned int i;

	sim->s390.nr_stfle++;
	for (i = 0; i < ndw; i++)
		fac[i] = i < S390_FACILITY_DWORDS ? sim->s390.facilities[i] : 0;
	return S390_FACILITY_DWORDS;
}

/**
 * sim_uv_result() - write rc into a control block
 * @cb: the control block
 * @cc: the condition code to return
 * @rc: the return code
 *
 * Return: @cc.
 */
int sim_uv_result(u8 *cb, int cc, u16 rc)
{
	coco_put_be16(cb + UVCB_OFF_RC, rc);
	coco_put_be16(cb + UVCB_OFF_RRC, 0);
	return cc;
}

/**
 * sim_uv_mem_ok() - is a range inside the guest memory window
 * @s: the model
 * @addr: first address
 * @len: length
 *
 * Return: true when the whole range is addressable.
 */
bool sim_uv_mem_ok(const struct coco_sim_s390 *s, u64 addr, u64 len)
{
	return addr >= s->mem_base && len <= s->mem_size &&
	       addr - s->mem_base <= s->mem_size - len;
}

/**
 * sim_uv_ptr() - the model's view of a guest address
 * @addr: an address checked with sim_uv_mem_ok()
 *
 * Return: a pointer the model reads or writes through.
 */
void *sim_uv_ptr(u64 addr)
{
	return (void *)(unsigned long)addr;
}

static int sim_uv_query(struct coco_sim_s390 *s, u8 *cb, u16 len)
{
	u8 full[UV_QUI_LEN] = { 0 };
	unsigned int i, n;

	if (len < UV_QUI_MIN_LEN)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_INV_LEN);

	for (i = 0; i < 4; i++)
		coco_put_be64(full + UV_QUI_OFF_INST_CALLS + 8 * i,
			      s->uv_inst_calls[i]);
	coco_put_be16(full + UV_QUI_OFF_MAX_GUEST_CPU_ID,
		      s->uv_max_guest_cpu_id);
	coco_put_be64(full + UV_QUI_OFF_SUPP_ATT_REQ_VER, SIM_UV_ATT_REQ_V1);
	coco_put_be64(full + UV_QUI_OFF_SUPP_ATT_PFLAGS, SIM_UV_ATT_PFLAGS);
	coco_put_be16(full + UV_QUI_OFF_MAX_ASSOC_SECRETS,
		      s->uv_max_assoc_secrets);
	coco_put_be16(full + UV_QUI_OFF_MAX_RETR_SECRETS,
		      s->uv_max_retr_secrets);

	/* The UV writes what fits, from the end of the header on. */
	n = len < s->uv_qui_len ? len : s->uv_qui_len;
	if (n > UV_QUI_LEN)
		n = UV_QUI_LEN;
	for (i = UVCB_HDR_LEN; i < n; i++)
		cb[i] = full[i];
	if (len < s->uv_qui_len)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_MORE_DATA);
	return sim_uv_result(cb, UVC_CC_OK, UVC_RC_EXECUTED);
}

static int sim_uv_dispatch(struct coco_sim_s390 *s, u8 *cb, u16 len, u16 cmd)
{
	switch (cmd) {
	case UVC_CMD_QUI:
		return sim_uv_query(s, cb, len);
	case UVC_CMD_SET_SHARED_ACCESS:
		return sim_uv_share(s, cb, len, true);
	case UVC_CMD_REMOVE_SHARED_ACCESS:
		return sim_uv_share(s, cb, len, false);
	case UVC_CMD_RETR_ATTEST:
		return sim_uv_attest(s, cb, len);
	case UVC_CMD_ADD_SECRET:
		return sim_uv_add_secret(s, cb, len);
	case UVC_CMD_LIST_SECRETS:
		return sim_uv_list_secrets(s, cb, len);
	case UVC_CMD_LOCK_SECRETS:
		return sim_uv_lock_secrets(s, cb, len);
	case UVC_CMD_RETR_SECRET:
		return sim_uv_retrieve_secret(s, cb, len);
	}
	return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_INV_CMD);
}

static int sim_uv_cmd_bit(u16 cmd)
{
	switch (cmd) {
	case UVC_CMD_QUI:
		return UV_BIT_QUI;
	case UVC_CMD_SET_SHARED_ACCESS:
		return UV_BIT_SET_SHARED_ACCESS;
	case UVC_CMD_REMOVE_SHARED_ACCESS:
		return UV_BIT_REMOVE_SHARED_ACCESS;
	case UVC_CMD_RETR_ATTEST:
		return UV_BIT_RETR_ATTEST;
	case UVC_CMD_ADD_SECRET:
		return UV_BIT_ADD_SECRET;
	case UVC_CMD_LIST_SECRETS:
		return UV_BIT_LIST_SECRETS;
	case UVC_CMD_LOCK_SECRETS:
		return UV_BIT_LOCK_SECRETS;
	case UVC_CMD_RETR_SECRET:
		return UV_BIT_RETR_SECRET;
	}
	return -1;
}

/**
 * coco_sim_uvc() - a UV call on the model
 * @plat: a platform whose priv is a struct coco_sim
 * @uvcb: the control block
 *
 * Return: the condition code.
 */
int coco_sim_uvc(const struct coco_platform *plat, void *uvcb)
{
	struct coco_sim *sim = plat->priv;
	struct coco_sim_s390 *s = &sim->s390;
	u8 *cb = uvcb;
	u16 len = coco_get_be16(cb + UVCB_OFF_LEN);
	u16 cmd = coco_get_be16(cb + UVCB_OFF_CMD);
	int bit = sim_uv_cmd_bit(cmd);

	s->nr_uvc++;
	if (!((s->facilities[S390_FACILITY_UV_CALL / 64] >>
	       (63 - S390_FACILITY_UV_CALL % 64)) & 1)) {
		/* Hardware would take an operation exception: record it. */
		s->nr_uvc_without_facility++;
		return UVC_CC_ERROR;
	}
	if (s->uv_busy) {
		s->uv_busy--;
		return UVC_CC_BUSY;
	}
	if (len < UVCB_HDR_LEN)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_INV_LEN);
	/* A call the UV does not list as installed is an invalid command. */
	if (bit < 0 || !coco_uv_call_installed(s->uv_inst_calls, bit))
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_INV_CMD);
	return sim_uv_dispatch(s, cb, len, cmd);
}

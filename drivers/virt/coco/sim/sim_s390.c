// SPDX-License-Identifier: GPL-2.0-only
/*
 * s390x hardware and Ultravisor model: the STFLE facility list and the UV
 * calls a protected guest may issue, answered on big-endian control block
 * images with the condition and return codes of the architecture.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/byteimg.h>
#include <coco/uv.h>
#include "coco_sim.h"

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
 * @protected_guest: true for a PV guest (facility 158, share calls)
 *
 * The installed-calls list names only the calls the model answers.
 */
void coco_sim_s390_configure(struct coco_sim *sim, bool protected_guest)
{
	struct coco_sim_s390 *s = &sim->s390;
	unsigned int i;

	for (i = 0; i < 4; i++)
		s->uv_inst_calls[i] = 0;
	s->uv_qui_len = UV_QUI_LEN;
	s->uv_max_guest_cpu_id = 1;
	s->uv_busy = 0;
	coco_sim_set_facility(sim, S390_FACILITY_UV_CALL, protected_guest);
	if (!protected_guest)
		return;
	sim_uv_install(s, UV_BIT_QUI);
	sim_uv_install(s, UV_BIT_SET_SHARED_ACCESS);
	sim_uv_install(s, UV_BIT_REMOVE_SHARED_ACCESS);
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

static int sim_uv_result(u8 *cb, int cc, u16 rc)
{
	coco_put_be16(cb + UVCB_OFF_RC, rc);
	coco_put_be16(cb + UVCB_OFF_RRC, 0);
	return cc;
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

	/* The UV writes what fits, from the end of the header on. */
	n = len < s->uv_qui_len ? len : s->uv_qui_len;
	for (i = UVCB_HDR_LEN; i < n; i++)
		cb[i] = full[i];
	if (len < s->uv_qui_len)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_MORE_DATA);
	return sim_uv_result(cb, UVC_CC_OK, UVC_RC_EXECUTED);
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
	u64 fac158 = s->facilities[S390_FACILITY_UV_CALL / 64] >>
		     (63 - S390_FACILITY_UV_CALL % 64);

	s->nr_uvc++;
	if (!(fac158 & 1)) {
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
	if (cmd == UVC_CMD_QUI &&
	    coco_uv_call_installed(s->uv_inst_calls, UV_BIT_QUI))
		return sim_uv_query(s, cb, len);
	return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_INV_CMD);
}

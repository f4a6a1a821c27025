// SPDX-License-Identifier: GPL-2.0-only
/*
 * Ultravisor model: Set and Remove Shared Access, with the per-page
 * secure/shared state of the guest memory window.
 */
#include <linux/types.h>
#include <coco/byteimg.h>
#include <coco/uv.h>
#include "coco_sim.h"
#include "sim_uv.h"

#define BITS_PER_WORD	(8 * sizeof(unsigned long))

static unsigned long *sim_uv_word(const struct coco_sim_s390 *s, u64 paddr,
				  unsigned long *mask)
{
	u64 page = (paddr - s->mem_base) / UV_PAGE_SIZE;

	*mask = 1UL << (page % BITS_PER_WORD);
	return &s->shared[page / BITS_PER_WORD];
}

/**
 * coco_sim_uv_page_shared() - the model's state of one page
 * @sim: the model
 * @paddr: an address inside the page
 *
 * Return: true when the page is shared; false when private or outside the
 * memory window.
 */
bool coco_sim_uv_page_shared(const struct coco_sim *sim, u64 paddr)
{
	const struct coco_sim_s390 *s = &sim->s390;
	unsigned long mask;

	if (!s->shared || !sim_uv_mem_ok(s, paddr, 1))
		return false;
	return *sim_uv_word(s, paddr, &mask) & mask;
}

/**
 * sim_uv_share() - Set / Remove Shared Access
 * @s: the model
 * @cb: the control block
 * @len: its header length
 * @share: Set (true) or Remove (false)
 *
 * A second share of a shared page (or unshare of a private one) is
 * executed, and counted so tests can tell the guest never does it.
 *
 * Return: the condition code.
 */
int sim_uv_share(struct coco_sim_s390 *s, u8 *cb, u16 len, bool share)
{
	u64 paddr;
	unsigned long mask, *word;

	if (len != UV_SHARE_LEN)
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_INV_LEN);
	paddr = coco_get_be64(cb + UV_SHARE_OFF_PADDR);
	/* Unaligned addresses are refused like addresses outside memory. */
	if (!s->shared || (paddr & (UV_PAGE_SIZE - 1)) ||
	    !sim_uv_mem_ok(s, paddr, UV_PAGE_SIZE))
		return sim_uv_result(cb, UVC_CC_ERROR, UVC_RC_SHARE_BAD_ADDR);

	word = sim_uv_word(s, paddr, &mask);
	if (share) {
		if (*word & mask)
			s->nr_double_share++;
		*word |= mask;
	} else {
		if (!(*word & mask))
			s->nr_double_unshare++;
		*word &= ~mask;
	}
	return sim_uv_result(cb, UVC_CC_OK, UVC_RC_EXECUTED);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Set and Remove Shared Access: the only way a protected guest lets the
 * hypervisor see a page.  One 4 KiB page per call, by real address.  A page
 * whose conversion failed is in an unknown state: callers must leak it,
 * never hand it back to an allocator.
 */
#include <linux/errno.h>
#include <linux/types.h>
#include <coco/byteimg.h>
#include <coco/uv.h>

static int uv_share_one(const struct coco_platform *plat, u16 cmd, u64 paddr,
			struct coco_uv_status *st)
{
	u8 cb[UV_SHARE_LEN] __aligned(8) = { 0 };

	/* A partial page would expose its neighbours. */
	if (paddr & (UV_PAGE_SIZE - 1))
		return -EINVAL;
	coco_put_be16(cb + UVCB_OFF_LEN, UV_SHARE_LEN);
	coco_put_be16(cb + UVCB_OFF_CMD, cmd);
	coco_put_be64(cb + UV_SHARE_OFF_PADDR, paddr);
	return coco_uv_call_status(plat, cb, st);
}

/**
 * coco_uv_set_shared() - make one page accessible to the hypervisor
 * @plat: the platform seam
 * @paddr: real address of the page, 4 KiB aligned
 * @st: the UV's answer
 *
 * Return: 0, -EINVAL for an unaligned address (no call is made), or -EIO
 * when the UV did not execute the call (@st says why).
 */
int coco_uv_set_shared(const struct coco_platform *plat, u64 paddr,
		       struct coco_uv_status *st)
{
	return uv_share_one(plat, UVC_CMD_SET_SHARED_ACCESS, paddr, st);
}

/**
 * coco_uv_remove_shared() - make one page private to the guest again
 * @plat: the platform seam
 * @paddr: real address of the page, 4 KiB aligned
 * @st: the UV's answer
 *
 * Return: 0, -EINVAL for an unaligned address (no call is made), or -EIO
 * when the UV did not execute the call (@st says why).
 */
int coco_uv_remove_shared(const struct coco_platform *plat, u64 paddr,
			  struct coco_uv_status *st)
{
	return uv_share_one(plat, UVC_CMD_REMOVE_SHARED_ACCESS, paddr, st);
}

/**
 * coco_uv_share_range() - share or unshare consecutive pages
 * @plat: the platform seam
 * @paddr: real address of the first page, 4 KiB aligned
 * @npages: number of pages
 * @share: true to share, false to make private
 * @done: pages converted before the first failure
 * @st: the UV's answer to the last call made
 *
 * Stops at the first failure.  Nothing is undone: on failure the whole range
 * must be leaked by the caller, because at least one page is in a state the
 * guest cannot know.
 *
 * Return: 0, -EINVAL for an unaligned address, or -EIO.
 */
int coco_uv_share_range(const struct coco_platform *plat, u64 paddr,
			unsigned long npages, bool share, unsigned long *done,
			struct coco_uv_status *st)
{
	u16 cmd = share ? UVC_CMD_SET_SHARED_ACCESS :
			  UVC_CMD_REMOVE_SHARED_ACCESS;
	unsigned long i;
	int ret;

	*done = 0;
	for (i = 0; i < npages; i++) {
		ret = uv_share_one(plat, cmd, paddr + (u64)i * UV_PAGE_SIZE, st);
		if (ret)
			return ret;
		*done = i + 1;
	}
	return 0;
}

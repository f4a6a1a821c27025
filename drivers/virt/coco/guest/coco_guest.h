/* SPDX-License-Identifier: GPL-2.0-only */
/* State of coco_guest.ko shared between its files. */
#ifndef _COCO_GUEST_H
#define _COCO_GUEST_H

#include <linux/debugfs.h>
#include <linux/kobject.h>
#include <coco/ghcb.h>
#include <coco/attributes.h>
#include <coco/platform.h>
#include <coco/uv.h>

/**
 * struct coco_guest - what the module found and is bound to
 * @plat: the platform seam in use (real, or the simulator's)
 * @det: the detection result
 * @uv_query: s390x: the UV query made during detection (zero without UV)
 */
struct coco_guest {
	const struct coco_platform *plat;
	struct coco_detection det;
	struct coco_uv_query uv_query;
};

int coco_guest_sysfs_init(struct coco_guest *guest);
void coco_guest_sysfs_exit(void);
int coco_guest_uv_sysfs_init(struct coco_guest *guest, struct kobject *parent);
void coco_guest_uv_sysfs_exit(void);
int coco_guest_sev_init(struct coco_guest *guest, struct kobject *parent);
void coco_guest_sev_exit(void);
int coco_guest_sev_set_shared(void *va, unsigned long npages, bool shared);
struct coco_ghcb *coco_guest_sev_ghcb_get(void);
void coco_guest_sev_ghcb_put(struct coco_ghcb *ghcb);
void coco_guest_vc_selftest_init(struct coco_guest *guest, struct dentry *dir);
int coco_guest_set_shared(void *va, unsigned long npages, bool shared);
int coco_guest_virtio_init(struct coco_guest *guest, struct kobject *parent);
void coco_guest_virtio_exit(void);
int coco_guest_uv_init(struct coco_guest *guest);
void coco_guest_uv_exit(void);
int coco_guest_uv_set_shared(void *va, unsigned long npages, bool shared,
			     struct coco_uv_status *st);

int coco_guest_snp_init(struct coco_guest *guest);
void coco_guest_snp_exit(void);

/*
 * The SNP attestation channel (snp_guest.c): one guest message exchange
 * with the AMD-SP on the module's VMPCK, serialised inside.  @certs is NULL
 * for a plain request, else a kernel buffer of *@certs_len bytes (a whole
 * number of pages) for an extended one; -ENOSPC then sets *@certs_len to
 * the bytes needed.  Other errors as coco_snp_msg_send(); -ENODEV when
 * there is no SNP channel.
 */
bool coco_guest_snp_ready(void);
int coco_guest_snp_request(u8 type, u8 version, const void *req, u16 len,
			   void *resp, u16 cap, u16 *resp_len, void *certs,
			   u32 *certs_len, u64 *exitinfo2);

/*
 * Upstream-ABI-compatible devices (sev_guest_dev.c on x86, uv_dev.c on
 * s390x): /dev/sev-guest or /dev/uv, offered only where the platform has
 * the channel and no other driver owns the name.  Never fails the module.
 */
int coco_guest_misc_name_taken(const char *name);
void coco_guest_abi_dev_init(struct coco_guest *guest);
void coco_guest_abi_dev_exit(void);

#endif /* _COCO_GUEST_H */

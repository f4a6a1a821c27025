/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * coco-attest: SNP evidence from inside a guest, through /dev/coco-guest
 * (include/uapi/linux/coco-guest.h) or, where that does not exist, the
 * upstream /dev/sev-guest (linux/sev-guest.h).
 */
#ifndef COCO_ATTEST_SNPDEV_H
#define COCO_ATTEST_SNPDEV_H

#include <stddef.h>
#include <stdint.h>

#define SNPDEV_REPORT_LEN	0x4a0
#define SNPDEV_NONCE_MAX	64
#define SNPDEV_KEY_LEN		32
#define SNPDEV_COCO_PATH	"/dev/coco-guest"
#define SNPDEV_SEV_PATH		"/dev/sev-guest"

enum snpdev_kind { SNPDEV_COCO, SNPDEV_SEV };

/**
 * struct snpdev - an open attestation device
 * @fd: its file descriptor
 * @kind: which ABI it speaks
 * @path: its path
 */
struct snpdev {
	int fd;
	enum snpdev_kind kind;
	const char *path;
};

/**
 * struct snpdev_key_req - what a derived key is derived from
 * @root_key_select: 0 VCEK, 1 VMRK
 * @vmpl: VMPL mixed in
 * @guest_field_select: guest fields mixed in
 * @guest_svn: SVN mixed in
 * @tcb_version: TCB version mixed in
 */
struct snpdev_key_req {
	uint32_t root_key_select;
	uint32_t vmpl;
	uint64_t guest_field_select;
	uint32_t guest_svn;
	uint64_t tcb_version;
};

int snpdev_open(struct snpdev *d, const char *coco_path, const char *sev_path,
		char *err, size_t errlen);
void snpdev_close(struct snpdev *d);
int snpdev_report(struct snpdev *d, const uint8_t *nonce, size_t nonce_len,
		  uint32_t vmpl, uint8_t *report, uint8_t **certs,
		  size_t *certs_len, char *err, size_t errlen);
int snpdev_key(struct snpdev *d, const struct snpdev_key_req *req,
	       uint8_t *key, char *err, size_t errlen);

#endif /* COCO_ATTEST_SNPDEV_H */

/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * The interface between coco_sim.ko and the firmware daemon (simfwd,
 * tools/coco/simfw): the simulated platform's firmware (the AMD-SP behind
 * SNP guest requests) runs in user space inside the guest, and coco_sim
 * relays the firmware calls of its hypervisor model to it through the
 * character device /dev/coco_sim_fw.
 *
 * The daemon opens the device (one opener at a time), provisions the
 * secrets page once (COCO_SIM_FW_IOC_SECRETS, exactly 4096 bytes) and the
 * certificate table (COCO_SIM_FW_IOC_CERTS, may be replaced), then loops:
 * read() blocks until a job is waiting and returns a struct
 * coco_sim_fw_job; the daemon answers with one write() of a struct
 * coco_sim_fw_reply carrying the same kind and id.  Both transfer the
 * header plus @len bytes of @data.  A job the daemon does not answer in
 * time, or that was waiting when the device was closed, fails towards the
 * guest as a firmware error; a late reply is ignored.
 *
 * Included by kernel code and by user space (linux/types.h, linux/ioctl.h).
 */
#ifndef _COCO_SIM_FW_RELAY_H
#define _COCO_SIM_FW_RELAY_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define COCO_SIM_FW_NAME		"coco_sim_fw"
#define COCO_SIM_FW_PAGE		4096
#define COCO_SIM_FW_DATA_MAX		8192
#define COCO_SIM_FW_CERTS_MAX		(64 * 1024)

/**
 * struct coco_sim_fw_blob - a user buffer handed to an ioctl
 * @addr: its address
 * @len: its length
 * @reserved: zero
 */
struct coco_sim_fw_blob {
	__u64 addr;
	__u32 len;
	__u32 reserved;
};

/* The secrets page the firmware provisioned (once, 4096 bytes). */
#define COCO_SIM_FW_IOC_SECRETS	_IOW('C', 0x70, struct coco_sim_fw_blob)
/* The extended-report certificate table (up to COCO_SIM_FW_CERTS_MAX). */
#define COCO_SIM_FW_IOC_CERTS	_IOW('C', 0x71, struct coco_sim_fw_blob)

/*
 * Job kinds.  SNP_GUEST_REQUEST: data is the 4 KiB request page; the reply
 * is the firmware status and, on success (0), the 4 KiB response page.
 * UV_ATTEST: data is a struct coco_sim_fw_uv_attest followed by the ARCB;
 * the reply is the UV rc and, on success (0x0001), the measurement then
 * the additional data, exactly the lengths asked for.  UV_ADD_SECRET: data
 * is a struct coco_sim_fw_uv_add_secret followed by the ASRCB; the reply
 * is the UV rc and, on success, a struct coco_sim_fw_uv_secret followed by
 * the secret's value.
 */
#define COCO_SIM_FW_SNP_GUEST_REQUEST	1
#define COCO_SIM_FW_UV_ATTEST		2
#define COCO_SIM_FW_UV_ADD_SECRET	3

/**
 * struct coco_sim_fw_uv_attest - the input of Retrieve Attestation
 *	Measurement besides the ARCB
 * @arcb_len: length of the ARCB that follows
 * @user_data_len: bytes of @user_data used
 * @meas_len: measurement length wanted
 * @add_data_len: additional data length wanted (0: none)
 * @config_uid: the configuration's unique ID
 * @user_data: the user data of the call
 */
struct coco_sim_fw_uv_attest {
	__u32 arcb_len;
	__u32 user_data_len;
	__u32 meas_len;
	__u32 add_data_len;
	__u8 config_uid[16];
	__u8 user_data[256];
};

/**
 * struct coco_sim_fw_uv_add_secret - the input of Add Secret besides the
 *	ASRCB
 * @config_uid: the configuration's unique ID (an ASRCB may name one)
 * @asrcb_len: length of the ASRCB that follows
 * @reserved: zero
 */
struct coco_sim_fw_uv_add_secret {
	__u8 config_uid[16];
	__u32 asrcb_len;
	__u32 reserved;
};

/**
 * struct coco_sim_fw_uv_secret - a secret an ASRCB added
 * @type: secret type
 * @reserved: zero
 * @len: length of the value that follows (at most 512)
 * @id: the 32-byte ID
 */
struct coco_sim_fw_uv_secret {
	__u16 type;
	__u16 reserved;
	__u32 len;
	__u8 id[32];
};

/**
 * struct coco_sim_fw_job - one firmware call, as read() returns it
 * @kind: COCO_SIM_FW_*
 * @id: to be echoed in the reply
 * @len: bytes of @data used
 * @reserved: zero
 * @data: the call's input
 */
struct coco_sim_fw_job {
	__u32 kind;
	__u32 id;
	__u32 len;
	__u32 reserved;
	__u8 data[COCO_SIM_FW_DATA_MAX];
};

/**
 * struct coco_sim_fw_reply - the daemon's answer, written with write()
 * @kind: the job's kind
 * @id: the job's id
 * @status: firmware status (SNP) or UV rc, as the kind describes
 * @len: bytes of @data used
 * @data: the call's output
 */
struct coco_sim_fw_reply {
	__u32 kind;
	__u32 id;
	__u32 status;
	__u32 len;
	__u8 data[COCO_SIM_FW_DATA_MAX];
};

#define COCO_SIM_FW_HDR_LEN	16

#endif /* _COCO_SIM_FW_RELAY_H */

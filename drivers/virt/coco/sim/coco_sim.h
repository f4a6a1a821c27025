/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated platform: a model of the machine parts this project cannot
 * have here (SEV CPUID/MSR state, s390 facilities and the Ultravisor).  The
 * same code runs in coco_sim.ko and in the hosted harness.
 */
#ifndef _COCO_SIM_MODEL_H
#define _COCO_SIM_MODEL_H

#include <linux/types.h>
#include <coco/platform.h>

/**
 * enum coco_sim_sev_level - which SEV generation the model plays
 * @COCO_SIM_SEV_NONE: an ordinary (non-SEV) machine
 * @COCO_SIM_SEV: SEV guest
 * @COCO_SIM_SEV_ES: SEV-ES guest
 * @COCO_SIM_SEV_SNP: SEV-SNP guest
 */
enum coco_sim_sev_level {
	COCO_SIM_SEV_NONE,
	COCO_SIM_SEV,
	COCO_SIM_SEV_ES,
	COCO_SIM_SEV_SNP,
};

/**
 * struct coco_sim_x86 - x86 hardware state of the model
 * @max_ext_leaf: what CPUID 0x80000000 EAX reports at least; 0 leaves the
 *	extended range to the passthrough
 * @mem_encrypt_leaf: CPUID 0x8000001F
 * @sev_status: the SEV_STATUS MSR
 * @sev_status_exists: false makes RDMSR of SEV_STATUS fault
 * @nr_cpuid: CPUID executions seen
 * @nr_rdmsr: RDMSR executions seen
 */
struct coco_sim_x86 {
	u32 max_ext_leaf;
	struct coco_cpuid_regs mem_encrypt_leaf;
	u64 sev_status;
	bool sev_status_exists;
	unsigned long nr_cpuid;
	unsigned long nr_rdmsr;
};

/**
 * struct coco_sim_s390 - s390x hardware and Ultravisor state of the model
 * @facilities: the facility list STFLE stores (MSB0)
 * @uv_inst_calls: the installed-calls list the UV query reports
 * @uv_qui_len: length of the UV's own query block; a shorter request gets
 *	"more data"
 * @uv_max_guest_cpu_id: reported in the query
 * @uv_busy: the next this many UV calls end with condition code 2
 * @nr_stfle: STFLE executions seen
 * @nr_uvc: UV calls seen (busy ones included)
 * @nr_uvc_without_facility: UV calls issued while facility 158 is absent;
 *	real hardware raises an operation exception for each
 */
struct coco_sim_s390 {
	u64 facilities[4];
	u64 uv_inst_calls[4];
	u16 uv_qui_len;
	u16 uv_max_guest_cpu_id;
	unsigned int uv_busy;
	unsigned long nr_stfle;
	unsigned long nr_uvc;
	unsigned long nr_uvc_without_facility;
};

/**
 * struct coco_sim - one simulated machine
 * @passthrough_cpuid: where CPUID leaves the model does not own go; NULL
 *	answers them with zeros
 * @x86: x86 state
 * @s390: s390x state
 */
struct coco_sim {
	void (*passthrough_cpuid)(u32 leaf, u32 subleaf,
				  struct coco_cpuid_regs *regs);
	struct coco_sim_x86 x86;
	struct coco_sim_s390 s390;
};

void coco_sim_x86_configure(struct coco_sim *sim, enum coco_sim_sev_level lvl);
void coco_sim_cpuid(const struct coco_platform *plat, u32 leaf, u32 subleaf,
		    struct coco_cpuid_regs *regs);
int coco_sim_rdmsr(const struct coco_platform *plat, u32 msr, u64 *val);

void coco_sim_s390_configure(struct coco_sim *sim, bool protected_guest);
void coco_sim_set_facility(struct coco_sim *sim, unsigned int nr, bool on);
unsigned int coco_sim_stfle(const struct coco_platform *plat, u64 *fac,
			    unsigned int ndw);
int coco_sim_uvc(const struct coco_platform *plat, void *uvcb);

/* Initialiser for a struct coco_platform whose .priv is a struct coco_sim. */
#define COCO_SIM_PLATFORM_OPS			\
	.cpuid = coco_sim_cpuid,		\
	.rdmsr = coco_sim_rdmsr,		\
	.stfle = coco_sim_stfle,		\
	.uvc = coco_sim_uvc

#endif /* _COCO_SIM_MODEL_H */

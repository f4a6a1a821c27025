/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The simulated platform: a model of the machine parts this project cannot
 * have here (SEV CPUID/MSR state, s390 facilities and the Ultravisor).  The
 * same code runs in coco_sim.ko and in the hosted harness.
 */
#ifndef _COCO_SIM_MODEL_H
#define _COCO_SIM_MODEL_H

#include <linux/bits.h>
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

#define COCO_SIM_MAX_VCPUS	64

/* Per-page state of the x86 memory model. */
#define SIM_PG_ASSIGNED		0x01	/* RMP: private to the guest */
#define SIM_PG_VALIDATED	0x02	/* RMP: validated by PVALIDATE */
#define SIM_PG_ENC		0x04	/* the guest mapping has the C-bit */
#define SIM_PG_RMP_2M		0x08	/* RMP entry covers the 2 MiB page */

/* Hostile knobs of the x86 hypervisor model (bits of @hostile). */
#define SIM_HV_MSR_WRONG_CODE	BIT(0)	/* MSR responses carry a wrong code */
#define SIM_HV_REG_WRONG_GFN	BIT(1)	/* GHCB registration echoes another page */
#define SIM_HV_PSC_MSR_ERROR	BIT(2)	/* MSR-protocol PSC reports an error */
#define SIM_HV_DROP_VALID	BIT(3)	/* responses lose their valid bits */
#define SIM_HV_INJECT		BIT(4)	/* answer with an exception injection */
#define SIM_HV_INVALID_INPUT	BIT(5)	/* answer "invalid input" */
#define SIM_HV_PSC_ERROR	BIT(6)	/* PSC SW_EXITINFO2 non-zero */
#define SIM_HV_PSC_BACKWARDS	BIT(7)	/* PSC cur_entry moves backwards */
#define SIM_HV_PSC_END_GROW	BIT(8)	/* PSC end_entry grows */
#define SIM_HV_PSC_RESERVED	BIT(9)	/* PSC header reserved field set */
#define SIM_HV_PSC_STALL	BIT(10)	/* PSC never makes progress */
#define SIM_HV_PSC_SKIP		BIT(11)	/* PSC claims done, changes nothing */
#define SIM_HV_GREQ_TAMPER	BIT(12)	/* flip a byte of the response */
#define SIM_HV_GREQ_REPLAY	BIT(13)	/* answer with the previous response */
#define SIM_HV_GREQ_DROP	BIT(14)	/* never reach the firmware */
#define SIM_HV_CPUID_CBIT_LIE	BIT(15)	/* CPUID/SEV_INFO claim @cbit_lie */
#define SIM_HV_CPUID_NO_RDRAND	BIT(16)	/* CPUID 1 hides RDRAND */
#define SIM_HV_CBIT_PLANT	BIT(17)	/* shared view holds @cbit_plant */

/**
 * enum coco_sim_rdrand - how the model's RDRAND misbehaves
 * @SIM_RDRAND_OK: random values
 * @SIM_RDRAND_FAIL: CF clear every time (no value)
 * @SIM_RDRAND_ZERO: CF set, always 0
 * @SIM_RDRAND_ONES: CF set, always all ones
 * @SIM_RDRAND_STUCK: CF set, always the same plausible value
 *	(%SIM_RDRAND_STUCK_VALUE)
 */
enum coco_sim_rdrand {
	SIM_RDRAND_OK,
	SIM_RDRAND_FAIL,
	SIM_RDRAND_ZERO,
	SIM_RDRAND_ONES,
	SIM_RDRAND_STUCK,
};

#define SIM_RDRAND_STUCK_VALUE	0x5eed5eed12345678ULL

/**
 * struct coco_sim_snp_fw - the AMD-SP behind guest requests
 * @ctx: passed to the hooks
 * @guest_request: process one request page into a response page; returns
 *	the firmware status (0 success) and writes no response on failure,
 *	or %COCO_SIM_FW_PENDING when the answer is not ready yet (the
 *	hypervisor model then answers BUSY and the guest resends the same
 *	request later)
 * @certs: copy the certificate table into @buf (@len bytes); returns 0,
 *	or -ENOSPC with the bytes needed in *@needed
 *
 * Provided by the firmware model (tools/coco/simfw), directly in the hosted
 * harness, through the relay to its daemon in coco_sim.ko.  The hooks may
 * be called with preemption disabled: they must not sleep.
 */
struct coco_sim_snp_fw {
	void *ctx;
	u32 (*guest_request)(void *ctx, const u8 *req, u8 *resp);
	int (*certs)(void *ctx, u8 *buf, size_t len, size_t *needed);
};

/* A firmware status no real firmware returns: "ask again later". */
#define COCO_SIM_FW_PENDING	0xfffffffeU

/**
 * struct coco_sim_x86 - x86 hardware and hypervisor state of the model
 * @max_ext_leaf: what CPUID 0x80000000 EAX reports at least; 0 leaves the
 *	extended range to the passthrough
 * @mem_encrypt_leaf: CPUID 0x8000001F
 * @sev_status: the SEV_STATUS MSR
 * @sev_status_exists: false makes RDMSR of SEV_STATUS fault
 * @ghcb_msr: the GHCB MSR of each vCPU
 * @registered_gpa: the GHCB page each vCPU registered, 0 for none
 * @vcpu_id: which vCPU is running (NULL: always vCPU 0)
 * @hv_min_version: lowest GHCB protocol version the hypervisor speaks
 * @hv_max_version: highest GHCB protocol version the hypervisor speaks
 * @hv_features: what HV_FEATURES reports
 * @hostile: SIM_HV_* misbehaviours
 * @inject_event: the EVENTINJ value SIM_HV_INJECT answers with
 * @psc_per_exit: entries the hypervisor processes per PSC exit, 0 = all
 * @terminated: the guest asked for termination
 * @term_set: its reason set
 * @term_reason: its reason code
 * @mem_base: first guest physical address of the memory model
 * @mem_size: its size
 * @pages: SIM_PG_* state per 4 KiB page of the model, owned by the caller
 * @gpa_to_va: the model's view of guest memory (NULL: identity)
 * @va_to_gpa: the guest's address translation (NULL: identity)
 * @dev_io: the device behind port I/O: transfers @size bytes at @port
 *	into or out of *@val; NULL uses the built-in port model (@io_log)
 * @dev_mmio: the device behind MMIO: transfers @len bytes at @gpa; NULL
 *	treats the address as ordinary memory reached through @gpa_to_va
 * @dev_ctx: passed to @dev_io and @dev_mmio
 * @io_log: built-in port model: bytes written to any port, in order
 * @io_log_len: bytes in @io_log
 * @io_in_value: built-in port model: what reads return
 * @tsc: the time stamp counter RDTSC/RDTSCP report (advances per read)
 * @tsc_aux: TSC_AUX for RDTSCP
 * @msr_written: the last MSR write: index (bits 63:32) and low value
 * @dr7: the DR7 value the guest last wrote
 * @snp_fw: the firmware guest requests are relayed to (NULL: none)
 * @snp_secrets: the secrets page the firmware provisioned (NULL: none yet)
 * @greq_busy: the next this many guest requests are answered BUSY
 * @greq_last: the previous response page (for SIM_HV_GREQ_REPLAY)
 * @nr_greq: guest requests relayed to the firmware
 * @nr_io_single: IN/OUT instructions intercepted directly (no GHCB)
 * @nr_io_string: INS/OUTS instructions intercepted directly
 * @nr_cpuid: CPUID executions seen
 * @nr_rdmsr: RDMSR executions seen
 * @nr_vmgexit: VMGEXITs seen
 * @nr_psc_msr: MSR-protocol page state changes
 * @nr_psc_nae: Page State Change NAE exits
 * @nr_pvalidate: PVALIDATE executions
 * @nr_rmp_smash: 2 MiB RMP entries split because a 4 KiB PVALIDATE or
 *	page state change fell inside them
 * @nr_order_violations: page state changes out of the required order
 *	(shared while validated, C-bit cleared while private)
 * @hw_cbit: the C-bit position the hardware model really uses; CPUID
 *	reports it unless %SIM_HV_CPUID_CBIT_LIE
 * @cbit_lie: the position the lying hypervisor claims
 * @cbit_plant: with %SIM_HV_CBIT_PLANT, what the hypervisor put in the
 *	shared view of every page (its guess of the guest's value)
 * @phys_bits: physical address width: PTE bits from here up to 51 other
 *	than @hw_cbit are reserved (a probe through them faults)
 * @mem_key: per-boot secret behind the model's ciphertext
 * @rdrand_fault: how RDRAND misbehaves
 * @rdrand_fail_next: the next this many RDRANDs fail (CF clear)
 * @rdrand_state: the model's generator when @rdrand_source is NULL
 * @rdrand_source: where good RDRAND values come from (the kernel's
 *	generator in coco_sim.ko), NULL for the model's own
 * @nr_rdrand: RDRAND executions
 * @nr_cbit_probe: C-bit probes
 */
struct coco_sim_x86 {
	u32 max_ext_leaf;
	struct coco_cpuid_regs mem_encrypt_leaf;
	u64 sev_status;
	bool sev_status_exists;
	u64 ghcb_msr[COCO_SIM_MAX_VCPUS];
	u64 registered_gpa[COCO_SIM_MAX_VCPUS];
	unsigned int (*vcpu_id)(void);
	u16 hv_min_version;
	u16 hv_max_version;
	u64 hv_features;
	u32 hostile;
	u64 inject_event;
	unsigned int psc_per_exit;
	bool terminated;
	unsigned int term_set;
	unsigned int term_reason;
	u64 mem_base;
	u64 mem_size;
	u8 *pages;
	void *(*gpa_to_va)(u64 gpa);
	u64 (*va_to_gpa)(const void *va);
	int (*dev_io)(void *ctx, u16 port, unsigned int size, bool in,
		      u32 *val);
	int (*dev_mmio)(void *ctx, u64 gpa, void *buf, unsigned int len,
			bool write);
	void *dev_ctx;
	u8 io_log[8192];
	unsigned int io_log_len;
	u32 io_in_value;
	u64 tsc;
	u32 tsc_aux;
	u64 msr_written;
	u64 dr7;
	const struct coco_sim_snp_fw *snp_fw;
	u8 *snp_secrets;
	unsigned int greq_busy;
	u8 greq_last[4096];
	unsigned long nr_greq;
	unsigned long nr_io_single;
	unsigned long nr_io_string;
	unsigned long nr_cpuid;
	unsigned long nr_rdmsr;
	unsigned long nr_vmgexit;
	unsigned long nr_psc_msr;
	unsigned long nr_psc_nae;
	unsigned long nr_pvalidate;
	unsigned long nr_rmp_smash;
	unsigned long nr_order_violations;
	unsigned int hw_cbit;
	unsigned int cbit_lie;
	u64 cbit_plant;
	unsigned int phys_bits;
	u64 mem_key;
	enum coco_sim_rdrand rdrand_fault;
	unsigned int rdrand_fail_next;
	u64 rdrand_state;
	u64 (*rdrand_source)(void);
	unsigned long nr_rdrand;
	unsigned long nr_cbit_probe;
};

/* A UV rc no real UV returns: "ask again later". */
#define COCO_SIM_UV_RC_PENDING		0xfffe

#define COCO_SIM_UV_MAX_SECRETS		100
#define COCO_SIM_UV_SECRET_MAX_LEN	512

/**
 * struct coco_sim_uv_secret - one secret in the model's store
 * @type: secret type
 * @len: length of @value
 * @id: the 32-byte ID lists show
 * @value: the secret itself
 */
struct coco_sim_uv_secret {
	u16 type;
	u32 len;
	u8 id[32];
	u8 value[COCO_SIM_UV_SECRET_MAX_LEN];
};

/**
 * struct coco_sim_uv_firmware - the parts of the UV that need cryptography
 * @ctx: passed to the hooks
 * @attest: unseal @arcb and compute the measurement and additional data;
 *	returns a UV rc (0x0001 on success)
 * @add_secret: unseal an add-secret request into @secret; returns a UV rc
 *
 * Provided by the firmware model (tools/coco/simfw); without it the UV
 * model answers as a UV that holds no key able to unseal the request.
 * The hooks must not sleep; either may return %COCO_SIM_UV_RC_PENDING when
 * the answer is not ready yet (coco_sim's relay to its daemon): the model
 * then ends the call busy (condition code 2) and the guest reissues it.
 */
struct coco_sim_uv_firmware {
	void *ctx;
	u16 (*attest)(void *ctx, const u8 *arcb, const u8 *user_data,
		      u16 user_data_len, const u8 *cuid, u8 *meas, u32 meas_len,
		      u8 *add_data, u32 add_data_len);
	u16 (*add_secret)(void *ctx, const u8 *asrcb,
			  struct coco_sim_uv_secret *secret);
};

/**
 * struct coco_sim_s390 - s390x hardware and Ultravisor state of the model
 * @facilities: the facility list STFLE stores (MSB0)
 * @uv_inst_calls: the installed-calls list the UV query reports
 * @uv_qui_len: length of the UV's own query block; a shorter request gets
 *	"more data"
 * @uv_max_guest_cpu_id: reported in the query
 * @uv_max_assoc_secrets: reported in the query
 * @uv_max_retr_secrets: reported in the query
 * @uv_busy: the next this many UV calls end with condition code 2
 * @mem_base: first address of the guest memory UV calls may touch
 * @mem_size: its size; addresses outside are access exceptions / bad
 *	addresses for the UV
 * @shared: one bit per 4 KiB page of the memory window, set when shared
 * @config_uid: this configuration's unique ID
 * @secrets: the secret store
 * @nr_secrets: secrets in the store
 * @secrets_locked: the store takes no more secrets
 * @fw: cryptographic firmware hooks, may be NULL
 * @hostile_list_extra: hostile knob: List Secrets reports this many more
 *	entries in the page than it wrote (and than the store holds)
 * @hostile_list_stuck: hostile knob: List Secrets always says "more data"
 *	with a next index that does not advance
 * @nr_stfle: STFLE executions seen
 * @nr_uvc: UV calls seen (busy ones included)
 * @nr_uvc_without_facility: UV calls issued while facility 158 is absent;
 *	real hardware raises an operation exception for each
 * @nr_double_share: Set Shared Access on an already shared page
 * @nr_double_unshare: Remove Shared Access on a page that is not shared
 */
struct coco_sim_s390 {
	u64 facilities[4];
	u64 uv_inst_calls[4];
	u16 uv_qui_len;
	u16 uv_max_guest_cpu_id;
	u16 uv_max_assoc_secrets;
	u16 uv_max_retr_secrets;
	unsigned int uv_busy;
	u64 mem_base;
	u64 mem_size;
	unsigned long *shared;
	u8 config_uid[16];
	struct coco_sim_uv_secret secrets[COCO_SIM_UV_MAX_SECRETS];
	unsigned int nr_secrets;
	bool secrets_locked;
	const struct coco_sim_uv_firmware *fw;
	unsigned int hostile_list_extra;
	bool hostile_list_stuck;
	unsigned long nr_stfle;
	unsigned long nr_uvc;
	unsigned long nr_uvc_without_facility;
	unsigned long nr_double_share;
	unsigned long nr_double_unshare;
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
void coco_sim_x86_vcpu_reset(struct coco_sim *sim, unsigned int vcpu);
void coco_sim_cpuid(const struct coco_platform *plat, u32 leaf, u32 subleaf,
		    struct coco_cpuid_regs *regs);
int coco_sim_rdmsr(const struct coco_platform *plat, u32 msr, u64 *val);
u64 coco_sim_ghcb_msr_read(const struct coco_platform *plat);
void coco_sim_ghcb_msr_write(const struct coco_platform *plat, u64 val);
void coco_sim_vmgexit(const struct coco_platform *plat);
int coco_sim_pvalidate(const struct coco_platform *plat, unsigned long va,
		       bool huge, bool validate);
u64 coco_sim_va_to_gpa(const struct coco_platform *plat, const void *va);
int coco_sim_set_cbit(const struct coco_platform *plat, unsigned long va,
		      unsigned long npages, bool enc);
u32 coco_sim_io_in(const struct coco_platform *plat, u16 port,
		   unsigned int size);
void coco_sim_io_out(const struct coco_platform *plat, u16 port,
		     unsigned int size, u32 val);
void coco_sim_io_ins(const struct coco_platform *plat, u16 port,
		     unsigned int size, void *buf, unsigned long count);
void coco_sim_io_outs(const struct coco_platform *plat, u16 port,
		      unsigned int size, const void *buf, unsigned long count);
void coco_sim_x86_set_memory(struct coco_sim *sim, u64 base, u64 size,
			     u8 *pages);
u8 coco_sim_x86_page_state(const struct coco_sim *sim, u64 gpa);
void *coco_sim_snp_secrets(const struct coco_platform *plat);
int coco_sim_rdrand(const struct coco_platform *plat, u64 *val);
int coco_sim_cbit_probe(const struct coco_platform *plat, u64 *word, u64 val,
			unsigned int bit, u64 *seen);

void coco_sim_s390_configure(struct coco_sim *sim, bool protected_guest);
void coco_sim_uv_set_memory(struct coco_sim *sim, u64 base, u64 size,
			    unsigned long *shared_bitmap);
bool coco_sim_uv_page_shared(const struct coco_sim *sim, u64 paddr);
int coco_sim_uv_store_secret(struct coco_sim *sim, u16 type, const u8 *id,
			     const u8 *value, u32 len);
void coco_sim_set_facility(struct coco_sim *sim, unsigned int nr, bool on);
unsigned int coco_sim_stfle(const struct coco_platform *plat, u64 *fac,
			    unsigned int ndw);
int coco_sim_uvc(const struct coco_platform *plat, void *uvcb);

/* Initialiser for a struct coco_platform whose .priv is a struct coco_sim. */
#define COCO_SIM_PLATFORM_OPS				\
	.cpuid = coco_sim_cpuid,			\
	.rdmsr = coco_sim_rdmsr,			\
	.ghcb_msr_read = coco_sim_ghcb_msr_read,	\
	.ghcb_msr_write = coco_sim_ghcb_msr_write,	\
	.vmgexit = coco_sim_vmgexit,			\
	.pvalidate = coco_sim_pvalidate,		\
	.va_to_gpa = coco_sim_va_to_gpa,		\
	.set_cbit = coco_sim_set_cbit,			\
	.io_in = coco_sim_io_in,			\
	.io_out = coco_sim_io_out,			\
	.io_ins = coco_sim_io_ins,			\
	.io_outs = coco_sim_io_outs,			\
	.stfle = coco_sim_stfle,			\
	.uvc = coco_sim_uvc,				\
	.snp_secrets = coco_sim_snp_secrets,		\
	.rdrand = coco_sim_rdrand,			\
	.cbit_probe = coco_sim_cbit_probe

#endif /* _COCO_SIM_MODEL_H */

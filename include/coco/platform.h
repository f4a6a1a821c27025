/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The platform seam: the only way a coco-guest mechanism reaches privileged
 * hardware.  There are two implementations of it, the real one (instructions
 * and kernel services) and the simulator (drivers/virt/coco/sim/).  A
 * mechanism receives a const struct coco_platform * and never learns which
 * one it was given.
 */
#ifndef _COCO_PLATFORM_H
#define _COCO_PLATFORM_H

#include <linux/types.h>

/**
 * struct coco_cpuid_regs - the four output registers of one CPUID query
 * @eax: EAX after CPUID
 * @ebx: EBX after CPUID
 * @ecx: ECX after CPUID
 * @edx: EDX after CPUID
 */
struct coco_cpuid_regs {
	u32 eax;
	u32 ebx;
	u32 ecx;
	u32 edx;
};

/**
 * struct coco_platform - operations on privileged hardware
 * @name: short name of the implementation ("real", "coco_sim", ...)
 * @priv: implementation data (the simulator's machine state)
 * @cpuid: x86 CPUID of @leaf/@subleaf into @regs
 * @rdmsr: x86 RDMSR; returns 0 or -EIO when the read faulted
 * @ghcb_msr_read: x86 SEV-ES+: read the GHCB MSR
 * @ghcb_msr_write: x86 SEV-ES+: write the GHCB MSR
 * @vmgexit: x86 SEV-ES+: VMGEXIT; returns when the hypervisor resumes
 * @pvalidate: x86 SNP: PVALIDATE the 4 KiB (@huge false) or 2 MiB page at
 *	@va; returns the PVALIDATE result, PVALIDATE_FAIL_NOUPDATE when the
 *	instruction left CF set (the page already had that state)
 * @va_to_gpa: x86: the guest physical address of a guest virtual address
 * @set_cbit: x86 SEV: set (@enc true) or clear the C-bit in the mappings
 *	of @npages pages at @va; 0 or a negative errno.  NULL where the
 *	caller owns the page tables itself (early boot)
 * @io_in: x86 port input of @size (1, 2, 4) bytes
 * @io_out: x86 port output of @size bytes
 * @io_ins: x86 REP INS of @count elements of @size bytes into @buf
 * @io_outs: x86 REP OUTS of @count elements of @size bytes from @buf
 * @stfle: s390 STORE FACILITY LIST EXTENDED into @fac (@ndw doublewords,
 *	the rest zeroed); returns how many doublewords the machine has
 * @uvc: s390 Ultravisor call on the control block @uvcb; returns the
 *	condition code 0..3 exactly as the instruction left it
 * @snp_secrets: x86 SNP: the secrets page (VMPCKs and the OS area where
 *	message sequence numbers are kept) as a private kernel mapping of
 *	4 KiB, or NULL when it is not available to coco_guest (yet, or at
 *	all).  The page stays mapped as long as the seam exists; its user
 *	serialises all access.  NULL in the real seam of the module form:
 *	on a stock kernel the kernel's sev-guest driver owns the page
 * @rdrand: x86 RDRAND of 64 bits into *@val; returns 0 when the
 *	instruction set CF (a random value), -EAGAIN when it did not (no
 *	value this time).  Only called after CPUID said RDRAND exists
 * @cbit_probe: x86 SEV: the C-bit verification primitive; see
 *	coco_cbit_probe_fn in <coco/cbit_verify.h> for what an
 *	implementation must do.  Returns -EOPNOTSUPP (or is NULL) where the
 *	seam does not own the page tables: the real seam of the module form
 *	on a stock kernel, whose own boot code verified the C-bit
 *	(sev_verify_cbit) before it switched to its page tables
 *
 * Operations of the other architecture are NULL.  So are the GHCB and
 * page-state operations of the real seam in the module form on a stock
 * kernel: there the kernel owns the GHCB, #VC and the page tables.
 */
struct coco_platform {
	const char *name;
	void *priv;
	void (*cpuid)(const struct coco_platform *plat, u32 leaf, u32 subleaf,
		      struct coco_cpuid_regs *regs);
	int (*rdmsr)(const struct coco_platform *plat, u32 msr, u64 *val);
	u64 (*ghcb_msr_read)(const struct coco_platform *plat);
	void (*ghcb_msr_write)(const struct coco_platform *plat, u64 val);
	void (*vmgexit)(const struct coco_platform *plat);
	int (*pvalidate)(const struct coco_platform *plat, unsigned long va,
			 bool huge, bool validate);
	u64 (*va_to_gpa)(const struct coco_platform *plat, const void *va);
	int (*set_cbit)(const struct coco_platform *plat, unsigned long va,
			unsigned long npages, bool enc);
	u32 (*io_in)(const struct coco_platform *plat, u16 port,
		     unsigned int size);
	void (*io_out)(const struct coco_platform *plat, u16 port,
		       unsigned int size, u32 val);
	void (*io_ins)(const struct coco_platform *plat, u16 port,
		       unsigned int size, void *buf, unsigned long count);
	void (*io_outs)(const struct coco_platform *plat, u16 port,
			unsigned int size, const void *buf,
			unsigned long count);
	unsigned int (*stfle)(const struct coco_platform *plat, u64 *fac,
			      unsigned int ndw);
	int (*uvc)(const struct coco_platform *plat, void *uvcb);
	void *(*snp_secrets)(const struct coco_platform *plat);
	int (*rdrand)(const struct coco_platform *plat, u64 *val);
	int (*cbit_probe)(const struct coco_platform *plat, u64 *word, u64 val,
			  unsigned int bit, u64 *seen);
};

#endif /* _COCO_PLATFORM_H */

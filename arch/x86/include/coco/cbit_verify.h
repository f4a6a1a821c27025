/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * C-bit verification for SEV and SEV-ES guests (threats.md item 6).
 *
 * The C-bit position comes from CPUID Fn8000_001F, which the hypervisor
 * answers on SEV and SEV-ES.  A hypervisor that names the wrong bit makes
 * the guest build page tables whose "encrypted" mappings are in fact
 * shared, so secrets (and the stack) land in memory the hypervisor reads
 * and writes.  The guest therefore checks the claim before it trusts any
 * mapping built with it: it stores a fresh random value through a mapping
 * known to be encrypted and reads it back through a mapping built with the
 * claimed bit.  Only the right bit gives the value back; any other bit
 * reads the page without the guest's key (ciphertext, or whatever the
 * hypervisor put there, which cannot be the value it never saw).
 */
#ifndef _COCO_X86_CBIT_VERIFY_H
#define _COCO_X86_CBIT_VERIFY_H

#include <linux/types.h>
#include <coco/attributes.h>
#include <coco/platform.h>

/* RDRAND tries for one value (the vendors' advice: ten). */
#define COCO_RDRAND_RETRIES		10

/**
 * enum coco_cbit_state - outcome of coco_sev_cbit_verify()
 * @COCO_CBIT_NOT_CHECKED: not run yet
 * @COCO_CBIT_NOT_APPLICABLE: not an SEV guest, or a vTOM guest (no C-bit)
 * @COCO_CBIT_VERIFIED: the claimed position read the value back
 * @COCO_CBIT_BY_KERNEL: the seam does not own the page tables; the kernel
 *	that does verified the C-bit at its own boot (Linux sev_verify_cbit)
 * @COCO_CBIT_MISMATCH: the claimed position is wrong: a lying hypervisor
 * @COCO_CBIT_NO_RANDOM: no trusted source of randomness (RDRAND absent,
 *	failing, or returning 0, all ones or the same value twice)
 */
enum coco_cbit_state {
	COCO_CBIT_NOT_CHECKED,
	COCO_CBIT_NOT_APPLICABLE,
	COCO_CBIT_VERIFIED,
	COCO_CBIT_BY_KERNEL,
	COCO_CBIT_MISMATCH,
	COCO_CBIT_NO_RANDOM,
};

/**
 * struct coco_cbit_result - what the C-bit check did
 * @state: the outcome
 * @cbit: the position checked (the claim from detection)
 * @rdrand_calls: RDRAND executions it took
 * @probe_err: the probe's error when it failed (-EFAULT: it faulted)
 * @terminated: a GHCB termination request was sent (SEV-ES/SNP)
 * @term_set: its reason set
 * @term_reason: its reason code
 */
struct coco_cbit_result {
	enum coco_cbit_state state;
	unsigned int cbit;
	unsigned int rdrand_calls;
	int probe_err;
	bool terminated;
	unsigned int term_set;
	unsigned int term_reason;
};

/**
 * typedef coco_cbit_probe_fn - the seam's C-bit probe (struct coco_platform
 *	member @cbit_probe)
 * @plat: the platform seam
 * @word: an 8-byte-aligned word of private guest memory, or NULL to ask
 *	only whether this seam can probe at all (asked before any random
 *	value is drawn: nothing else happens then)
 * @val: the value to store
 * @bit: the page table entry bit under test
 * @seen: what the read through the test mapping returned
 *
 * An implementation that owns the page tables (early boot) must:
 *
 * 1. store @val into @word through the mapping it runs on now, one it
 *    knows to be encrypted (with paging off SEV hardware encrypts every
 *    access; otherwise the tables of the stage before, which were built
 *    with a verified C-bit), and make sure the store is not only in a
 *    write buffer (a serialising instruction or a fence);
 * 2. map the 4 KiB physical page of @word at a scratch virtual address
 *    with a leaf entry that holds the frame address, Present, and bit @bit
 *    and nothing else (no write access, no global bit), the upper levels
 *    being the current, trusted ones, so that only the leaf's bit @bit
 *    decides whether the access is encrypted;
 * 3. invalidate the scratch address (INVLPG), read the word there into
 *    *@seen, then clear the entry and invalidate again: no stale
 *    translation may survive the probe;
 * 4. keep interrupts off and the scratch address private to this CPU for
 *    the whole probe;
 * 5. survive a reserved-bit page fault: bit @bit may be reserved in a
 *    page table entry on this processor (above MAXPHYADDR, or bit 63
 *    without EFER.NXE).  With an exception handler it returns -EFAULT;
 *    without one (the first instructions of boot) the fault escalates to a
 *    shutdown, which also stops the guest and is acceptable.
 *
 * Return: 0 with *@seen set (or, for a NULL @word, when the seam can
 * probe); -EFAULT when the read faulted; -EINVAL for an unusable @word;
 * -EOPNOTSUPP when the seam does not own the page tables
 * (the real seam of the module form: on a stock kernel the kernel ran its
 * own sev_verify_cbit before it switched to its page tables, and a module
 * cannot build mappings with an arbitrary bit in them).
 */
typedef int (*coco_cbit_probe_fn)(const struct coco_platform *plat,
				  u64 *word, u64 val, unsigned int bit,
				  u64 *seen);

/**
 * struct coco_early_cbit_window - where the early seam maps its probe
 * @pte: the leaf page table entry of @va in the page tables in use; the
 *	upper levels down to it must be present and trusted, the entry
 *	itself not present (0) between probes
 * @va: a 4 KiB-aligned virtual address reserved for the probe
 *
 * Early boot owns its page tables, so it provides the window before it
 * runs the check (coco_sev_boot()).  Without one the early seam's probe
 * returns -EOPNOTSUPP and early boot refuses to go on.
 */
struct coco_early_cbit_window {
	u64 *pte;
	unsigned long va;
};

extern struct coco_early_cbit_window coco_early_cbit_window;

int coco_rdrand_u64(const struct coco_platform *plat, u64 *val,
		    unsigned int *calls);
int coco_sev_cbit_verify(const struct coco_platform *plat,
			 const struct coco_detection *det, u64 *word,
			 struct coco_cbit_result *res);
const char *coco_cbit_state_name(enum coco_cbit_state state);

#endif /* _COCO_X86_CBIT_VERIFY_H */

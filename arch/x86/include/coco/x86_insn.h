/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The x86 instructions behind the real platform seam, usable in the kernel
 * and in freestanding early code alike.
 */
#ifndef _COCO_X86_INSN_H
#define _COCO_X86_INSN_H

#include <linux/types.h>
#include <coco/platform.h>

static inline void coco_x86_cpuid(u32 leaf, u32 subleaf,
				  struct coco_cpuid_regs *regs)
{
	asm volatile("cpuid"
		     : "=a" (regs->eax), "=b" (regs->ebx),
		       "=c" (regs->ecx), "=d" (regs->edx)
		     : "0" (leaf), "2" (subleaf));
}

/* Only for code that knows the MSR exists: a fault here is not caught. */
static inline u64 coco_x86_rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr));
	return ((u64)hi << 32) | lo;
}

static inline void coco_x86_wrmsr(u32 msr, u64 val)
{
	asm volatile("wrmsr" : : "c" (msr), "a" ((u32)val),
		     "d" ((u32)(val >> 32)) : "memory");
}

/* VMGEXIT is REP VMMCALL: F3 0F 01 D9. */
static inline void coco_x86_vmgexit(void)
{
	asm volatile(".byte 0xf3, 0x0f, 0x01, 0xd9" : : : "memory");
}

/*
 * PVALIDATE (F2 0F 01 FF): RAX = address, ECX = size (1 = 2 MiB),
 * EDX = validate.  CF set means nothing changed: reported as @noupdate.
 */
static inline int coco_x86_pvalidate(unsigned long va, bool huge,
				     bool validate, int noupdate)
{
	bool cf;
	int rc;

	asm volatile(".byte 0xf2, 0x0f, 0x01, 0xff\n\t"
		     "setc %[cf]"
		     : "=a" (rc), [cf] "=qm" (cf)
		     : "a" (va), "c" ((u32)huge), "d" ((u32)validate)
		     : "memory", "cc");
	return cf ? noupdate : rc;
}

/* RDRAND of 64 bits; false when CF was clear (no value, *@val is 0). */
static inline bool coco_x86_rdrand(u64 *val)
{
	bool ok;

	asm volatile("rdrand %[v]\n\t"
		     "setc %[ok]"
		     : [v] "=r" (*val), [ok] "=qm" (ok) : : "cc");
	return ok;
}

static inline void coco_x86_invlpg(unsigned long va)
{
	asm volatile("invlpg (%0)" : : "r" (va) : "memory");
}

/* One 8-byte store or load the compiler may neither drop nor merge. */
static inline void coco_x86_store64(u64 *p, u64 v)
{
	asm volatile("movq %1, %0" : "=m" (*p) : "r" (v) : "memory");
}

static inline u64 coco_x86_load64(const u64 *p)
{
	u64 v;

	asm volatile("movq %1, %0" : "=r" (v) : "m" (*p) : "memory");
	return v;
}

static inline void coco_x86_mfence(void)
{
	asm volatile("mfence" : : : "memory");
}

static inline u32 coco_x86_in(u16 port, unsigned int size)
{
	u32 v = 0;

	if (size == 1)
		asm volatile("inb %w1, %b0" : "+a" (v) : "Nd" (port));
	else if (size == 2)
		asm volatile("inw %w1, %w0" : "+a" (v) : "Nd" (port));
	else
		asm volatile("inl %w1, %0" : "=a" (v) : "Nd" (port));
	return v;
}

static inline void coco_x86_out(u16 port, unsigned int size, u32 v)
{
	if (size == 1)
		asm volatile("outb %b0, %w1" : : "a" (v), "Nd" (port));
	else if (size == 2)
		asm volatile("outw %w0, %w1" : : "a" (v), "Nd" (port));
	else
		asm volatile("outl %0, %w1" : : "a" (v), "Nd" (port));
}

/* REP INS / REP OUTS of @count elements of @size bytes. */
static inline void coco_x86_ins(u16 port, unsigned int size, void *buf,
				unsigned long count)
{
	if (size == 1)
		asm volatile("rep insb" : "+D" (buf), "+c" (count)
			     : "d" (port) : "memory");
	else if (size == 2)
		asm volatile("rep insw" : "+D" (buf), "+c" (count)
			     : "d" (port) : "memory");
	else
		asm volatile("rep insl" : "+D" (buf), "+c" (count)
			     : "d" (port) : "memory");
}

static inline void coco_x86_outs(u16 port, unsigned int size,
				 const void *buf, unsigned long count)
{
	if (size == 1)
		asm volatile("rep outsb" : "+S" (buf), "+c" (count)
			     : "d" (port) : "memory");
	else if (size == 2)
		asm volatile("rep outsw" : "+S" (buf), "+c" (count)
			     : "d" (port) : "memory");
	else
		asm volatile("rep outsl" : "+S" (buf), "+c" (count)
			     : "d" (port) : "memory");
}

#endif /* _COCO_X86_INSN_H */

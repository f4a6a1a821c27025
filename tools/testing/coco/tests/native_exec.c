// SPDX-License-Identifier: GPL-2.0-only
/*
 * Native execution for the #VC differential tests (x86-64 hosts only).
 * A trampoline loads the register file, calls the instruction (followed by
 * RET) in an executable page, and stores every register back.
 */
#include <string.h>
#include <sys/mman.h>

#include "native_exec.h"

#define OFF(r) (8 * (r))
#define OFF_FLAGS (8 * NR_NREGS)

void native_trampoline(struct native_regs *r, void *code);

/*
 * rdi = register file, rsi = code.  Callee-saved registers are preserved;
 * the file pointer and code pointer live on the stack while the
 * instruction runs with every general register (but RSP) from the file.
 */
asm(".text\n"
    ".globl native_trampoline\n"
    "native_trampoline:\n"
    "	push %rbx\n	push %rbp\n	push %r12\n	push %r13\n"
    "	push %r14\n	push %r15\n"
    "	push %rdi\n"
    "	push %rsi\n"
    "	pushq 128(%rdi)\n	popfq\n"
    "	mov 0(%rdi), %rax\n	mov 8(%rdi), %rcx\n	mov 16(%rdi), %rdx\n"
    "	mov 24(%rdi), %rbx\n	mov 40(%rdi), %rbp\n	mov 48(%rdi), %rsi\n"
    "	mov 64(%rdi), %r8\n	mov 72(%rdi), %r9\n	mov 80(%rdi), %r10\n"
    "	mov 88(%rdi), %r11\n	mov 96(%rdi), %r12\n	mov 104(%rdi), %r13\n"
    "	mov 112(%rdi), %r14\n	mov 120(%rdi), %r15\n"
    "	mov 56(%rdi), %rdi\n"
    "	call *(%rsp)\n"
    "	push %rdi\n"
    "	mov 16(%rsp), %rdi\n"
    "	mov %rax, 0(%rdi)\n	mov %rcx, 8(%rdi)\n	mov %rdx, 16(%rdi)\n"
    "	mov %rbx, 24(%rdi)\n	mov %rbp, 40(%rdi)\n	mov %rsi, 48(%rdi)\n"
    "	mov %r8, 64(%rdi)\n	mov %r9, 72(%rdi)\n	mov %r10, 80(%rdi)\n"
    "	mov %r11, 88(%rdi)\n	mov %r12, 96(%rdi)\n	mov %r13, 104(%rdi)\n"
    "	mov %r14, 112(%rdi)\n	mov %r15, 120(%rdi)\n"
    "	pushfq\n	popq 128(%rdi)\n"
    "	popq 56(%rdi)\n"
    "	cld\n"
    "	add $16, %rsp\n"
    "	pop %r15\n	pop %r14\n	pop %r13\n	pop %r12\n"
    "	pop %rbp\n	pop %rbx\n"
    "	ret\n");

/**
 * native_area_init() - map the code and data pages
 * @a: receives the pages
 *
 * Return: 0, or -1 when the mapping failed.
 */
int native_area_init(struct native_area *a)
{
	uint8_t *p = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
			  MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);

	if (p == MAP_FAILED)
		return -1;
	a->code = p;
	a->data = p + 4096;
	return 0;
}

/**
 * native_exec() - run @insn once with @r
 * @a: the pages from native_area_init()
 * @insn: the instruction bytes
 * @len: their number (at most 15)
 * @r: registers in and out
 */
void native_exec(struct native_area *a, const uint8_t *insn, unsigned int len,
		 struct native_regs *r)
{
	memset(a->code, 0xcc, 4096);
	memcpy(a->code, insn, len);
	a->code[len] = 0xc3;	/* ret */
	native_trampoline(r, a->code);
}

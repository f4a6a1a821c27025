/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Run one x86-64 instruction natively with a chosen register file, for the
 * differential tests of the #VC emulation: same bytes, same registers,
 * once on the CPU and once through the handler.
 */
#ifndef _COCO_TEST_NATIVE_EXEC_H
#define _COCO_TEST_NATIVE_EXEC_H

#include <stdint.h>

/* Register order of the array: the ModRM/REX register numbers. */
enum native_reg {
	NR_RAX, NR_RCX, NR_RDX, NR_RBX, NR_RSP, NR_RBP, NR_RSI, NR_RDI,
	NR_R8, NR_R9, NR_R10, NR_R11, NR_R12, NR_R13, NR_R14, NR_R15,
	NR_NREGS,
};

/**
 * struct native_regs - what the instruction sees and leaves
 * @gpr: general purpose registers by number (RSP is not loaded: the
 *	instruction under test must not use it)
 * @rflags: RFLAGS in and out (only DF is loaded; all are stored)
 */
struct native_regs {
	uint64_t gpr[NR_NREGS];
	uint64_t rflags;
};

/**
 * struct native_area - an executable page followed by a data page
 * @code: where the instruction is placed (RIP at its start)
 * @data: 4 KiB right after @code, for RIP-relative and absolute operands;
 *	both below 2 GiB so 32-bit (67-prefixed) addressing reaches them
 */
struct native_area {
	uint8_t *code;
	uint8_t *data;
};

int native_area_init(struct native_area *a);
void native_exec(struct native_area *a, const uint8_t *insn, unsigned int len,
		 struct native_regs *r);

#endif /* _COCO_TEST_NATIVE_EXEC_H */

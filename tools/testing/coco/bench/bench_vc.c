// SPDX-License-Identifier: GPL-2.0-only
/*
 * Workload for the #VC instruction-count benchmark: N emulations of one
 * kind (an MMIO read, an IO read, a CPUID) on the simulated SNP guest.
 * scripts/bench.sh runs it under callgrind and divides the instructions
 * spent inside coco_vc_handle(), less those of the hypervisor model, by N.
 *
 * usage: bench_vc mmio|io|cpuid N
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tests/vc_fixture.h"

int main(int argc, char **argv)
{
	static const u8 mmio_read[] = { 0x8b, 0x43, 0x08 };	/* mov eax, [rbx+8] */
	static const u8 io_read[] = { 0xec };			/* in al, dx */
	static const u8 cpuid[] = { 0x0f, 0xa2 };
	static struct vc_fixture f;
	const u8 *insn;
	unsigned int len;
	unsigned long i, n;
	u64 exit_code;

	if (argc != 3)
		return 2;
	n = strtoul(argv[2], NULL, 0);
	if (!strcmp(argv[1], "mmio")) {
		insn = mmio_read, len = sizeof(mmio_read), exit_code = 0x400;
	} else if (!strcmp(argv[1], "io")) {
		insn = io_read, len = sizeof(io_read), exit_code = 0x7b;
	} else if (!strcmp(argv[1], "cpuid")) {
		insn = cpuid, len = sizeof(cpuid), exit_code = 0x72;
	} else {
		return 2;
	}

	vc_fixture_init(&f);
	if (vc_fixture_ghcb(&f))
		return 1;
	f.ctx.regs.gpr[COCO_INSN_RBX] = (u64)(unsigned long)f.mmio;
	f.ctx.regs.gpr[COCO_INSN_RDX] = 0x80;
	for (i = 0; i < n; i++) {
		f.ctx.regs.gpr[COCO_INSN_RAX] = 0x8000001f;
		if (vc_run(&f, insn, len, exit_code) != COCO_VC_OK) {
			fprintf(stderr, "bench_vc: %s emulation failed\n", argv[1]);
			return 1;
		}
	}
	coco_ghcb_put(&f.sev.ghcb);
	vc_fixture_fini(&f);
	return 0;
}

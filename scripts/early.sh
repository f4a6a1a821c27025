#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the early-boot subset of each architecture freestanding: no C
# library, no kernel headers, only the compiler's own <stdint.h> family and
# the fixed-width types of scripts/early/include.  The objects are linked
# into one relocatable object per architecture, which must not need any
# symbol from outside: early boot has nothing to offer it.
#
# usage: scripts/early.sh [x86_64|s390x]...
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/early
mkdir -p "$out"


archs=("$@")
[ ${#archs[@]} -gt 0 ] || archs=(x86_64 s390x)
fail=0
for arch in "${archs[@]}"; do
	case $arch in
	x86_64)
		srcs=(arch/x86/coco/sev/detect.c arch/x86/coco/early_platform.c
		      arch/x86/coco/sev/ghcb_msr.c arch/x86/coco/sev/ghcb.c
		      arch/x86/coco/sev/sev_setup.c arch/x86/coco/sev/snp_psc.c
		      arch/x86/coco/sev/snp_cpuid.c arch/x86/coco/sev/insn.c
		      arch/x86/coco/sev/vc.c arch/x86/coco/sev/vc_ioio.c
		      arch/x86/coco/sev/vc_mmio.c arch/x86/coco/sev/cbit_verify.c
		      arch/x86/coco/sev/sev_boot.c)
		cc=gcc ld_cmd=ld
		flags=(-m64 -mno-red-zone -mgeneral-regs-only -mcmodel=kernel)
		;;
	s390x)
		srcs=(arch/s390/kernel/uv.c arch/s390/kernel/platform_real.c)
		cc=s390x-linux-gnu-gcc ld_cmd=s390x-linux-gnu-ld
		flags=(-march=z10 -msoft-float)
		;;
	*) echo "early: unknown ARCH $arch; valid: x86_64 s390x"; exit 2 ;;
	esac
	command -v "$cc" >/dev/null ||
		{ echo "early: $cc missing (package gcc-s390x-linux-gnu)"; exit 1; }
	objs=()
	for src in "${srcs[@]}"; do
		obj=$out/$arch/${src%.c}.o
		mkdir -p "$(dirname "$obj")"
		"$cc" "${flags[@]}" -std=gnu11 -O2 -Wall -Wextra -Werror \
			-Wno-unused-parameter -ffreestanding -fno-builtin \
			-fno-stack-protector -fno-pic -nostdinc \
			-isystem "$("$cc" -print-file-name=include)" \
			-I"$top/scripts/early/include" -I"$top/include" \
			-I"$top/arch/x86/include" -I"$top/arch/s390/include" \
			-c -o "$obj" "$top/$src"
		objs+=("$obj")
	done
	"$ld_cmd" -r -o "$out/early-$arch.o" "${objs[@]}"
	undef=$(nm -u "$out/early-$arch.o" | awk '{print $2}' | tr '\n' ' ')
	if [ -n "$undef" ]; then
		echo "early: $arch: needs symbols early boot does not have: $undef"
		fail=1
	else
		echo "early: $arch: ok ($(basename "$out/early-$arch.o"), $(wc -c <"$out/early-$arch.o") bytes, no undefined symbols)"
	fi
done
exit $fail

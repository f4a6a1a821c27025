#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# make bench: every measurement the project reports, as counts or ratios
# measured side by side in one run (absolute times on these shared machines
# are noise).
#   1. hypervisor exits for page state changes (counted by the model)
#   2. instructions per #VC emulation (callgrind, deterministic)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
out=$top/build/hosted/native
"$top/scripts/deps.sh" host
make -s -C "$top/tools/testing/coco" VARIANT=native bench

echo
"$out/bench_psc"

# Inclusive instructions of a function in a callgrind profile.
incl() {
	callgrind_annotate --inclusive=yes "$1" 2>/dev/null |
		awk -v fn="$2" '!done && $NF ~ ":" fn "$" {
			gsub(",", "", $1); print $1; done = 1 }'
}

echo
echo "Instructions per #VC emulation (callgrind on the hosted build; the"
echo "hypervisor model's own instructions are subtracted)"
printf '%-12s %10s %14s %16s\n' kind emulations "instr/emul" "hv-model/emul"
n=2000
for kind in mmio io cpuid; do
	prof=$top/build/bench/callgrind.$kind.out
	mkdir -p "$(dirname "$prof")"
	valgrind --tool=callgrind --callgrind-out-file="$prof" \
		"$out/bench_vc" "$kind" "$n" >/dev/null 2>&1
	vc=$(incl "$prof" coco_vc_handle)
	hv=$(incl "$prof" coco_sim_vmgexit)
	hv=${hv:-0}
	printf '%-12s %10d %14d %16d\n' "$kind" "$n" \
		$(((vc - hv) / n)) $((hv / n))
done

echo
echo "Bounce pool against the kernel's swiotlb, side by side in one x86_64 guest"
echo "(Debian 6.1, TCG, swiotlb=force; vda through the pool, vdb through swiotlb,"
echo "vdc without bouncing):"
"$top/scripts/qemu/guest-test.sh" --bench x86_64 6.1

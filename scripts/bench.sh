#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# make bench: every measurement the project reports, as counts or ratios
# measured side by side in one run (absolute times on these shared machines
# are noise).
#   1. hypervisor exits for page state changes (counted by the model)
#   2. instructions per #VC emulation (callgrind, deterministic)
#   3. the bounce pool against swiotlb in one guest boot; with BOOTS=N in
#      N boots, then each row's median over the boots (under TCG a boot's
#      memory placement moves a row's ratio, which one boot cannot show)
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
boots=${BOOTS:-1}
case $boots in
''|*[!0-9]*|0) echo "bench: BOOTS must be a positive number, not '$boots'" >&2; exit 2 ;;
esac
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
res=$top/build/bench/boots
rm -rf "$res"
mkdir -p "$res"
for ((b = 1; b <= boots; b++)); do
	[ "$boots" -eq 1 ] || echo "boot $b of $boots:"
	"$top/scripts/qemu/guest-test.sh" --bench x86_64 6.1 | tee "$res/$b.txt"
done
[ "$boots" -gt 1 ] || exit 0

# "row<TAB>ratio" for every boot: the map+unmap rows' median ratio and the
# read ratios, as each boot printed them.
rows() {
	awk '/ B, [0-9]+ CPUs? / { r = $1 " B, " $3 " " $4; printf "%s\t%s\n", r, $(NF - 1) }
	     /pool\/swiotlb [0-9.]+ \[/ {
		for (i = 1; i < NF; i++)
			if ($i == "pool/swiotlb" || $i == "pool/no-bounce")
				printf "read %s\t%s\n", $i, $(i + 1)
	     }' "$res"/*.txt
}
echo
echo "across $boots boots, each boot's ratio: median [min-max]"
rows | cut -f1 | awk '!seen[$0]++' | while IFS= read -r row; do
	vals=$(rows | awk -F'\t' -v r="$row" '$1 == r { print $2 }' | sort -n)
	n=$(echo "$vals" | wc -l)
	if [ "$n" -ne "$boots" ]; then
		echo "bench: $row: $n values for $boots boots" >&2
		exit 1
	fi
	med=$(echo "$vals" | awk -v n="$n" '{ v[NR] = $1 }
		END { if (n % 2) print v[(n + 1) / 2];
		      else printf "%.3f\n", (v[n / 2] + v[n / 2 + 1]) / 2 }')
	printf '  %-22s %6s [%s-%s]  (%s)\n' "$row" "$med" "$(echo "$vals" | head -n 1)" \
		"$(echo "$vals" | tail -n 1)" "$(echo $vals)"
done

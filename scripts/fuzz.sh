#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The libFuzzer targets of tools/testing/coco/fuzz/ (what `make fuzz` runs).
#
# usage: scripts/fuzz.sh smoke           every target briefly from its seeds;
#                                        ends with "RESULT passed=P failed=F"
#        scripts/fuzz.sh long SECONDS [TARGET...]
#                                        every target (or those named) for
#                                        SECONDS, one after the other, then a
#                                        summary table
#
# Installs nothing itself: clang and its libFuzzer runtime come from
# `scripts/deps.sh host`.  Logs, learnt corpora and crashes are under
# build/fuzz/.  A crash, hang or leak fails the target and prints the
# reproducer; replay it with build/fuzz/<target> <reproducer>.
set -uo pipefail

TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
FUZZ=$TOP/tools/testing/coco/fuzz

usage() {
	echo "usage: $0 smoke | long SECONDS [TARGET...]" >&2
	exit 2
}

[ $# -ge 1 ] || usage
mode=$1
case $mode in
smoke) [ $# -eq 1 ] || usage ;;
long)
	if [ $# -lt 2 ] || ! [[ $2 =~ ^[1-9][0-9]*$ ]]; then
		usage
	fi
	secs=$2
	shift 2
	only=("$@")
	;;
*) usage ;;
esac

"$TOP/scripts/deps.sh" host || exit 1
make -s -C "$FUZZ" all || exit 1

if [ "$mode" = smoke ]; then
	exec make -s -C "$FUZZ" smoke
fi

# long: each target in turn, then one line per target.
mapfile -t targets < <(make -s -C "$FUZZ" --no-print-directory targets)
if [ "${#only[@]}" -gt 0 ]; then
	for t in "${only[@]}"; do
		[[ " ${targets[*]} " == *" $t "* ]] || {
			echo "fuzz: unknown target $t; valid: ${targets[*]}" >&2
			exit 2
		}
	done
	targets=("${only[@]}")
fi
pass=0 fail=0 rows=()
for t in "${targets[@]}"; do
	log=$(mktemp)
	make -s -C "$FUZZ" run TARGET="$t" SECONDS="$secs" 2>&1 | tee "$log"
	rc=${PIPESTATUS[0]}
	# The final status line: "#N DONE cov: C ft: F corp: N/S ... exec/s: E".
	line=$(sed -n "s/^STATS $t \(#.*\)/\1/p" "$log" | tail -n 1)
	field() { sed -n "s/.* $1 \([^ ]*\).*/\1/p" <<<"$line"; }
	execs=$(sed -n "s/^STATS $t stat::number_of_executed_units: *//p" "$log")
	rate=$(sed -n "s/^STATS $t stat::average_exec_per_sec: *//p" "$log")
	repro=$(sed -n "s/^REPRODUCER $t //p" "$log")
	if [ "$rc" -eq 0 ]; then
		pass=$((pass + 1)) status=ok
	else
		fail=$((fail + 1)) status="FAIL ${repro:-}"
	fi
	rows+=("$(printf '%-20s %10s %8s %6s %7s %12s  %s' "$t" "${execs:--}" \
		"${rate:-$(field exec/s:)}" "$(field cov:)" "$(field ft:)" \
		"$(field corp:)" "$status")")
	rm -f "$log"
done

echo
printf '%-20s %10s %8s %6s %7s %12s  %s\n' target execs exec/s cov ft corpus result
printf '%s\n' "${rows[@]}"
echo "RESULT passed=$pass failed=$fail"
[ "$fail" -eq 0 ]

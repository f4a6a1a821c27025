#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Run the simfw tests (each argument one command line, split on blanks):
# the C tests native and under ASan+UBSan, the CLI test.  Prints each run's
# output, then "RESULT passed=P failed=F" (for scripts/check.sh) and
# "N passed, N failed" over both runs.
set -uo pipefail

pass=0
fail=0
for bin in "$@"; do
	echo "== $bin"
	read -ra cmd <<<"$bin"
	out=$("${cmd[@]}" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	read -r p f < <(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' <<<"$out" | tail -n 1)
	if [ -z "${p:-}" ]; then
		p=0
		f=1
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "RESULT passed=$pass failed=$fail"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

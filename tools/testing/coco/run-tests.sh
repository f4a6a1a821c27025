#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Run hosted cmocka test programs, show their output, and end with
# "RESULT passed=P failed=F" counted from cmocka's own summary lines.
# A program that crashes or exits non-zero without a summary counts as one
# failure.
#
# usage: run-tests.sh VARIANT "RUNNER" BINARY...
set -uo pipefail

variant=$1 runner=$2
shift 2
passed=0 failed=0
for bin in "$@"; do
	name=$(basename "$bin")
	# shellcheck disable=SC2086 # RUNNER is a command line on purpose
	out=$($runner "$bin" 2>&1)
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' <<<"$out")
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s), listed below:/\1/p' <<<"$out")
	p=${p:-0} f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed, sanitizer abort, or exit without a summary
	fi
	if [ "$f" -ne 0 ] || [ "$p" -eq 0 ]; then
		printf '%s\n' "$out"
		echo "hosted/$variant: $name: FAILED (exit $rc)"
		[ "$f" -ne 0 ] || f=1
	else
		echo "hosted/$variant: $name: $p passed"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
done
echo "RESULT passed=$passed failed=$failed"
[ "$failed" -eq 0 ]

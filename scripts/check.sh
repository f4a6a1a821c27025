#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# make check: every test and check of the project, one step after another.
# A step that prints "RESULT passed=P failed=F" counts those results; any
# other step counts as one result by its exit status.  The last line is
# "N passed, N failed"; the exit status is non-zero on any failure.
set -uo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
logs=$top/build/check
mkdir -p "$logs"
cells="x86_64/6.1 x86_64/6.12 s390x/6.1"
total_pass=0
total_fail=0
t0=$(date +%s)

run_step() {
	local name=$1 log
	shift
	log=$logs/$(tr '/ ' '__' <<<"$name").log
	local start rc p f
	start=$(date +%s)
	"$@" >"$log" 2>&1
	rc=$?
	read -r p f < <(sed -n 's/^RESULT passed=\([0-9]*\) failed=\([0-9]*\)$/\1 \2/p' "$log" | tail -n 1)
	if [ -z "${p:-}" ]; then
		p=$((rc == 0 ? 1 : 0))
		f=$((rc == 0 ? 0 : 1))
	elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
	fi
	total_pass=$((total_pass + p))
	total_fail=$((total_fail + f))
	if [ "$rc" -eq 0 ] && [ "$f" -eq 0 ]; then
		printf 'PASS  %-28s %4ss  %s passed\n' "$name" "$(($(date +%s) - start))" "$p"
	else
		printf 'FAIL  %-28s %4ss  %s passed, %s failed (log: %s)\n' \
			"$name" "$(($(date +%s) - start))" "$p" "$f" "${log#"$top"/}"
		tail -n 40 "$log" | sed 's/^/    | /'
	fi
}

# Dependencies first: without them nothing else means anything.
if ! "$top/scripts/deps.sh"; then
	echo "check: dependencies could not be installed"
	echo "0 passed, 1 failed"
	exit 1
fi

for v in native asan s390x; do
	run_step "hosted/$v" make -s -C "$top/tools/testing/coco" VARIANT=$v run
done
run_step "hosted/tsan stress" make -s -C "$top/tools/testing/coco" stress
run_step "simfw (native, asan, cli)" make -s -C "$top/tools/coco/simfw" test
run_step "simfw uvfw on s390x (qemu-user)" make -s -C "$top/tools/coco/simfw" test-s390x
run_step "coco-attest" make -s -C "$top/tools/coco/coco-attest" test
run_step "fuzz smoke" "$top/scripts/fuzz.sh" smoke
run_step "early (freestanding)" "$top/scripts/early.sh"
for c in $cells; do
	run_step "modules $c" "$top/scripts/build-modules.sh" "${c%/*}" "${c#*/}"
done
for c in $cells; do
	run_step "sparse $c" "$top/scripts/build-modules.sh" --sparse "${c%/*}" "${c#*/}"
done
run_step "checkpatch --strict" "$top/scripts/checkpatch.sh"
for c in $cells; do
	run_step "qemu $c" "$top/scripts/qemu/guest-test.sh" "${c%/*}" "${c#*/}"
done

echo "check: $(($(date +%s) - t0)) s"
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]

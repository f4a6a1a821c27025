#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Boot a coco-guest test VM under QEMU/TCG and judge the run.
#
# usage: scripts/qemu/boot.sh ARCH KERNEL INITRAMFS [--timeout SECS]
#          [--append "kernel args"] [--qemu-args "qemu args"] [--log FILE]
#          [--no-tap] [--verbose] [--bzimage]
#   INITRAMFS: made by scripts/qemu/mkinitramfs.sh.
#   --timeout  kill QEMU after SECS (default 120): the run then fails.
#   --append   more kernel command line; NAME=value words (no dot) become
#              environment variables of /init and so of guest-run.sh.
#   --qemu-args  more QEMU arguments, split on white space.
#   --log      full console log (default: INITRAMFS with .console.log).
#   --no-tap   a run without any TAP output is not a failure.
#   --verbose  also stream the console to stderr while it runs.
#   --bzimage  x86_64: boot the compressed vmlinuz, not the PVH vmlinux.
#
# Fails (exit 1) on: a "not ok" result, a TAP block without plan or whose
# result count differs from its plan, "Bail out!", a kernel oops/BUG/WARNING/
# panic pattern on the console, no "COCO-GUEST-DONE" (timeout, crash) or its
# rc != 0, no TAP at all (unless --no-tap).  TAP lines are echoed to stdout;
# the last line is always "RESULT passed=P failed=F" (skips count as passed,
# each harness-level failure adds 1 to failed).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

usage() {
	sed -n 's/^# \{0,1\}//; 4,17p' "$0" >&2
	exit 2
}

[ $# -ge 3 ] || usage
arch=$1 kernel=$2 initrd=$3
shift 3
timeout=120 append="" qargs="" log="" need_tap=1 verbose=0 bzimage=0
while [ $# -gt 0 ]; do
	case $1 in
	--timeout) [ $# -ge 2 ] || usage; timeout=$2; shift 2 ;;
	--append) [ $# -ge 2 ] || usage; append=$2; shift 2 ;;
	--qemu-args) [ $# -ge 2 ] || usage; qargs=$2; shift 2 ;;
	--log) [ $# -ge 2 ] || usage; log=$2; shift 2 ;;
	--no-tap) need_tap=0; shift ;;
	--verbose | -v) verbose=1; shift ;;
	--bzimage) bzimage=1; shift ;;
	*) usage ;;
	esac
done
[[ $timeout =~ ^[0-9]+$ ]] || usage
cell=$("$here/../kcell.sh" "$arch" "$kernel") || exit $?
eval "$cell"
[ -f "$initrd" ] || { echo "boot: no initramfs $initrd" >&2; exit 2; }
if [ -z "$log" ]; then
	log=${initrd%.gz}
	log=${log%.cpio}.console.log
fi
command -v "$QEMU" >/dev/null || {
	echo "boot: $QEMU missing; run: scripts/deps.sh host" >&2
	exit 1
}

# loglevel=5: KERN_WARNING and worse (WARN, oops, BUG, panic, UBSAN, Call
# Trace) reach the console, boot chatter does not (it costs time under TCG
# and could interleave with the TAP lines).  panic=-1 + oops=panic: a
# crashed kernel "reboots" at once and -no-reboot ends QEMU, no timeout wait.
cmdline="loglevel=5 panic=-1 oops=panic"
kimg=$VMLINUZ
qcmd=("$QEMU" -accel tcg -smp 2 -m 512M -no-reboot -nographic)
case $arch in
x86_64)
	# The uncompressed vmlinux deps.sh extracted boots through its PVH
	# entry: no in-guest decompression (6.1's xz costs ~4 s under TCG).
	[ "$bzimage" -eq 1 ] || [ ! -f "${VMLINUZ%/*}/vmlinux-$KREL" ] ||
		kimg=${VMLINUZ%/*}/vmlinux-$KREL
	# qboot: the fastest firmware for direct kernel boot.  qemu64 is the
	# x86-64-v1 baseline both Debian kernels need, with no SEV/TDX CPUID
	# leaves; -cpu max boots too (--qemu-args "-cpu max": the last -cpu
	# wins) but was measured ~1.5 s slower for 6.1.
	qcmd+=(-bios /usr/share/qemu/qboot.rom -cpu qemu64 -nic none)
	cmdline="console=ttyS0 $cmdline"
	;;
s390x)
	# -nographic maps the serial console to the SCLP VT220 (ttysclp0).
	qcmd+=(-machine s390-ccw-virtio -nic none)
	cmdline="console=ttysclp0 $cmdline"
	;;
esac
[ -z "$append" ] || cmdline="$cmdline $append"
qcmd+=(-kernel "$kimg" -initrd "$initrd")
qcmd+=(-append "$cmdline")
if [ -n "$qargs" ]; then
	read -r -a extra <<<"$qargs"
	qcmd+=("${extra[@]}")
fi

mkdir -p "$(dirname "$log")"
raw=$log.raw
start=$EPOCHREALTIME
# timeout(1) runs QEMU in its own process group, out of reach of a Ctrl-C
# on the terminal: forward INT/TERM ourselves so no QEMU is left behind.
timeout -k 5 "$timeout" "${qcmd[@]}" </dev/null >"$raw" 2>&1 &
qpid=$!
trap 'kill -TERM "$qpid" 2>/dev/null; wait "$qpid"; rm -f "$raw"; exit 130' INT TERM HUP
if [ "$verbose" -eq 1 ]; then
	tail -n +1 --pid="$qpid" -f "$raw" | tr -d '\r' >&2 &
fi
qrc=0
wait "$qpid" || qrc=$?
trap - INT TERM HUP
wait # the verbose tail, if any
tr -d '\r' <"$raw" >"$log"
rm -f "$raw"
secs=$(awk -v a="$start" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')

# One pass over the console: T<tab>line = TAP line to echo, F<tab>reason =
# failure, S<tab>... = summary.  Only unindented lines count as results
# (indented ones are subtests, summarised by their parent's result).
report=$(awk -v need_tap="$need_tap" '
function fail(msg) { print "F\t" msg; nfail++ }
function open_blk() { nblk++; inblk = 1; plan = -1; cnt = 0 }
function close_blk() {
	if (!inblk) return
	if (plan < 0) fail("TAP block " nblk ": no plan (" cnt " results)")
	else if (cnt != plan) fail("TAP block " nblk ": planned " plan ", got " cnt " results")
	inblk = 0
}
/^[ \t]*(TAP version |1\.\.[0-9]|(not )?ok( |$)|# |Bail out!)/ { print "T\t" $0 }
/^TAP version / { close_blk(); open_blk(); next }
/^1\.\.[0-9]+/ {
	if (!inblk || plan >= 0) { close_blk(); open_blk() }
	plan = substr($1, 4) + 0
	next
}
/^(not )?ok( |$)/ {
	if (!inblk) open_blk()
	cnt++
	if (/^not ok/) { notok++; fail("TAP block " nblk ": " $0) }
	else { ok++; if (/#[ \t]*[Ss][Kk][Ii][Pp]/) skip++ }
	next
}
/^Bail out!/ { fail("TAP: " $0); next }
/Oops|BUG:|WARNING: CPU|Kernel panic|general protection fault|UBSAN:|KASAN:|Call Trace:|kernel BUG at|Unable to handle kernel|rcu_sched detected stall|blocked for more than/ {
	if (!oops) { oops = 1; fail("kernel problem on console, line " NR ": " $0) }
}
match($0, /COCO-GUEST-DONE rc=[0-9]+/) { done = 1; rc = substr($0, RSTART + 19, RLENGTH - 19) + 0 }
END {
	close_blk()
	if (!done) fail("no COCO-GUEST-DONE: guest did not finish")
	else if (rc != 0) fail("guest-run.sh exited with rc=" rc)
	if (need_tap && nblk == 0) fail("no TAP output")
	printf "S\t%d %d %d %d %d\n", nblk, ok, skip, notok, nfail - notok
}' "$log")

printf '%s\n' "$report" | sed -n 's/^T\t//p'
read -r nblk ok skip notok harness <<<"$(printf '%s\n' "$report" | sed -n 's/^S\t//p')"
qfail=""
if [ "$qrc" -eq 124 ] || [ "$qrc" -eq 137 ]; then
	qfail="timeout: QEMU killed after ${timeout}s"
elif [ "$qrc" -ne 0 ]; then
	qfail="QEMU exited with rc=$qrc"
fi
if [ -n "$qfail" ]; then
	report="F"$'\t'"$qfail"$'\n'"$report"
	harness=$((harness + 1))
fi
failed=$((notok + harness))
what="$arch/$kernel ($KREL) in ${secs}s"
if [ "$failed" -eq 0 ]; then
	echo "boot: PASS $what: $nblk TAP block(s), $ok passed ($skip skipped), 0 failed"
else
	echo "boot: FAIL $what:"
	printf '%s\n' "$report" | sed -n 's/^F\t/boot:   /p'
	echo "boot: --- last 40 console lines (full log: $log) ---"
	tail -n 40 "$log"
	echo "boot: ---"
fi
echo "RESULT passed=$ok failed=$failed"
[ "$failed" -eq 0 ]

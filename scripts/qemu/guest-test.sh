#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build everything a guest needs for one kernel cell, boot it under TCG,
# and judge its TAP (scripts/qemu/boot.sh).  With --summary, print what the
# guest detected for people instead of the raw TAP (`make run`).
#
# usage: scripts/qemu/guest-test.sh [--summary] ARCH KERNEL
set -euo pipefail

top=$(cd "$(dirname "$0")/../.." && pwd)
summary=0 bench=0
if [ "${1:-}" = --summary ]; then
	summary=1
	shift
elif [ "${1:-}" = --bench ]; then
	bench=1
	shift
fi
[ $# -eq 2 ] || { echo "usage: $0 [--summary|--bench] ARCH KERNEL" >&2; exit 2; }
arch=$1 kernel=$2
cell=$arch-$kernel
out=$top/build/guest/$cell
stage=$out/stage

"$top/scripts/deps.sh" host
build_out=$("$top/scripts/build-modules.sh" "$arch" "$kernel" 2>&1) || {
	printf '%s\n' "$build_out"
	exit 1
}
make -s -C "$top/tools/testing/selftests/coco" ARCH="$arch" \
	OUTPUT="$top/build/selftests/$arch"

rm -rf "$stage"
mkdir -p "$stage/modules" "$stage/selftests"
cp "$top/build/modules/$cell/"*.ko "$stage/modules/"
cp "$top/build/selftests/$arch/"* "$stage/selftests/"
cp "$top/scripts/qemu/guest-run.sh" "$stage/"
kmods="virtio_pci virtio_blk"
# The simulated firmware runs in the guest as a daemon (simfwd) behind
# coco_sim's firmware relay.  x86: the AMD-SP; the same seed gives the
# host the chip's VCEK
# (snp_report_check).  The ARK/ASK cache spares the guest generating two
# RSA-4096 keys under TCG.  The guest messages need the kernel's gcm(aes).
simfw=$top/build/simfw
if [ "$arch" = x86_64 ]; then
	make -s -C "$top/tools/coco/simfw" daemon "$simfw/simfw-snp"
	export SIMFW_CACHE=${COCO_CACHE:-$HOME/.cache/coco-guest}/simfw
	rm -rf "$out/simfw"
	"$simfw/simfw-snp" -s 1 -o "$out/simfw" >/dev/null
	mkdir -p "$stage/simfw-cache"
	cp "$SIMFW_CACHE/snp-v1-0000000000000001.pem" "$stage/simfw-cache/"
	cp "$simfw/simfwd" "$stage/"
	kmods+=" gcm ghash_generic ctr"
	# 6.12 has the TSM core as a module; coco_guest links against it.
	if [ "$kernel" = 6.12 ]; then kmods+=" tsm"; fi
	# coco-attest runs in the guest (report, then verify against the
	# simulated ARK, the one simfw-snp made above from the same seed).
	make -s -C "$top/tools/coco/coco-attest" static
	cp "$top/build/tools/static/coco-attest" "$out/simfw/ark.pem" "$stage/"
else
	# s390x: the same daemon answers the Ultravisor model's attestation.
	make -s -C "$top/tools/coco/simfw" daemon-s390x "$simfw/uv-arcb"
	cp "$simfw/s390x/simfwd" "$stage/"
	# The customer's requests (attestation, add secret): for the daemon's
	# host key (seed 1) and another machine's (seed 2); the measurement key
	# stays here.
	rm -rf "$out/uv-arcb" "$out/uv-arcb-other"
	"$simfw/uv-arcb" build -s 1 -o "$out/uv-arcb"
	"$simfw/uv-arcb" build -s 2 -o "$out/uv-arcb-other"
	for d in uv-arcb uv-arcb-other; do
		mkdir -p "$stage/$d"
		cp "$out/$d/arcb.bin" "$out/$d/asrcb.bin" "$out/$d/add_len" \
			"$stage/$d/"
	done
	# coco-attest attest runs in the guest against /dev/uv and the daemon.
	make -s -C "$top/tools/coco/coco-attest" static-s390x
	cp "$top/build/tools/s390x/coco-attest" "$stage/"
fi
KMODS="$kmods" "$top/scripts/qemu/mkinitramfs.sh" "$arch" \
	"$kernel" "$stage" "$out/initramfs.cpio.gz" >/dev/null

log=$out/console.log
# x86: QEMU's edu device for MMIO and isa-debugcon for port I/O, whose
# output the host checks byte for byte (debugcon_check).
# Three virtio disks: two with VIRTIO_F_ACCESS_PLATFORM (iommu_platform=on),
# which must go through the bounce pool, and one without, which must be
# refused.
# make bench: three identical 64 MiB disks, all with ACCESS_PLATFORM.
debugcon=$out/debugcon.log
disks=""
for d in 0 1 2; do
	rm -f "$out/disk$d.img"
	truncate -s "$([ "$bench" -eq 1 ] && echo 64M || echo 8M)" "$out/disk$d.img"
	disks+=" -drive file=$out/disk$d.img,if=none,format=raw,id=d$d,cache=unsafe"
	plat=",iommu_platform=on"
	[ "$d" -lt 2 ] || [ "$bench" -eq 1 ] || plat=""
	if [ "$arch" = x86_64 ]; then
		disks+=" -device virtio-blk-pci,drive=d$d,disable-legacy=on$plat"
	else
		disks+=" -device virtio-blk-ccw,drive=d$d$plat"
	fi
done
if [ "$arch" = x86_64 ]; then
	rm -f "$debugcon"
	qargs=(--qemu-args "-device edu -chardev file,id=dbgcon,path=$debugcon -device isa-debugcon,iobase=0xe9,chardev=dbgcon$disks")
else
	qargs=(--qemu-args "$disks")
fi

# What the guest's coco_vc_test sends to debugcon: a REP OUTSB of 5000
# bytes (A..Z repeated, newline last), then the unrolled helper's line.
debugcon_check() {
	[ "$arch" = x86_64 ] || return 0
	local want=$out/debugcon.expected
	awk 'BEGIN { for (i = 0; i < 4999; i++) printf "%c", 65 + i % 26;
		     printf "\ncoco-unrolled-outsb\n" }' >"$want"
	if cmp -s "$want" "$debugcon"; then
		echo "debugcon: $(wc -c <"$debugcon") bytes, identical to what the guest sent"
		return 0
	fi
	echo "debugcon: MISMATCH: expected $(wc -c <"$want") bytes, got $(wc -c <"$debugcon" 2>/dev/null || echo 0)"
	cmp "$want" "$debugcon" 2>&1 | head -n 3
	return 1
}

# The report coco_snp_test printed (COCO-SNP-REPORT), checked here with
# the openssl command line alone: its ECDSA P-384 signature over bytes
# 0..0x29f against the VCEK of the chip (r and s little-endian, 72 bytes
# each at 0x2a0 and 0x2e8), the chip id, REPORT_DATA; and a report with one
# bit flipped must fail the same verification.
snp_report_check() {
	[ "$arch" = x86_64 ] || return 0
	local d=$out/snp-check hex
	hex=$(sed -n 's/^.*COCO-SNP-REPORT: \([0-9a-f]*\).*$/\1/p' "$log" | tr -d '\r' | head -n 1)
	if [ "${#hex}" -ne $((0x4a0 * 2)) ]; then
		echo "snp report: no report on the console"
		return 1
	fi
	rm -rf "$d"
	mkdir -p "$d"
	local chip
	chip=$(sed -n 's/^chip_id=//p' "$out/simfw/chip.txt")
	python3 - "$d" "$hex" "$chip" <<'PY' || return 1
import sys
d, rep, chip = sys.argv[1], bytes.fromhex(sys.argv[2]), sys.argv[3]
def der_int(b):
    v = int.from_bytes(b, "little").to_bytes(72, "big").lstrip(b"\0") or b"\0"
    if v[0] & 0x80:
        v = b"\0" + v
    return b"\x02" + bytes([len(v)]) + v
sig = der_int(rep[0x2a0:0x2e8]) + der_int(rep[0x2e8:0x330])
sig = b"\x30" + bytes([len(sig)]) + sig
open(d + "/signed.bin", "wb").write(rep[:0x2a0])
open(d + "/sig.der", "wb").write(sig)
bad = bytearray(rep[:0x2a0])
bad[0x50] ^= 1
open(d + "/tampered.bin", "wb").write(bytes(bad))
if rep[0x50:0x90] != bytes(range(64)):
    sys.exit("snp report: REPORT_DATA is not 00..3f")
if rep[0x1a0:0x1e0].hex() != chip:
    sys.exit("snp report: CHIP_ID is not the simulated chip's")
PY
	openssl x509 -in "$out/simfw/vcek.pem" -pubkey -noout >"$d/vcek_pub.pem" || return 1
	if ! openssl dgst -sha384 -verify "$d/vcek_pub.pem" \
		-signature "$d/sig.der" "$d/signed.bin" >/dev/null; then
		echo "snp report: signature does NOT verify against the VCEK"
		return 1
	fi
	if openssl dgst -sha384 -verify "$d/vcek_pub.pem" \
		-signature "$d/sig.der" "$d/tampered.bin" >/dev/null 2>&1; then
		echo "snp report: a tampered report verifies too"
		return 1
	fi
	echo "snp report: ECDSA P-384 signature verified against the VCEK (openssl), chip id and REPORT_DATA match"
}

# The measurement coco_uv_attest_test printed (COCO-UV-ATTEST), verified
# with the measurement key of the request, which never left the host; the
# additional data must be the firmware's, and a changed measurement must
# fail the same check.
uv_attest_check() {
	[ "$arch" = s390x ] || return 0
	local line bad
	line=$(sed -n 's/^.*COCO-UV-ATTEST: \([0-9a-f ]*\).*$/\1/p' "$log" | tr -d '\r' | head -n 1)
	# shellcheck disable=SC2086 # four hex words
	set -- $line
	if [ $# -ne 4 ]; then
		echo "uv attestation: no measurement on the console"
		return 1
	fi
	if ! "$simfw/uv-arcb" verify -s 1 -d "$out/uv-arcb" "$@"; then
		echo "uv attestation: the measurement does NOT verify"
		return 1
	fi
	bad=$(printf '%s' "$3" | sed 's/^0/1/; t; s/^./0/')
	if "$simfw/uv-arcb" verify -s 1 -d "$out/uv-arcb" "$1" "$2" "$bad" "$4" 2>/dev/null; then
		echo "uv attestation: a changed measurement verifies too"
		return 1
	fi
	echo "uv attestation: HMAC-SHA512 measurement verified with the request's key (CUID, user data, nonce, additional data)"
}

if [ "$bench" -eq 1 ]; then
	"$top/scripts/qemu/boot.sh" "$arch" "$kernel" "$out/initramfs.cpio.gz" \
		--timeout 400 --log "$out/bench.log" --no-tap \
		--append "swiotlb=force COCO_BENCH=1" "${qargs[@]}" >"$out/bench.out" 2>&1 || {
		cat "$out/bench.out"
		exit 1
	}
	sed -n 's/^.*COCO-BENCH: //p' "$out/bench.log" | tr -d '\r'
	exit 0
fi

if [ "$summary" -eq 0 ]; then
	echo "guest: $arch/$kernel: booting under TCG"
	rc=0
	"$top/scripts/qemu/boot.sh" "$arch" "$kernel" "$out/initramfs.cpio.gz" \
		--timeout 240 --log "$log" "${qargs[@]}" | tee "$out/boot.out" |
		grep -v '^RESULT ' || true
	read -r p f < <(sed -n 's/^RESULT passed=\([0-9]*\) failed=\([0-9]*\)$/\1 \2/p' "$out/boot.out")
	if [ "${f:-1}" -ne 0 ] || ! grep -q '^boot: PASS' "$out/boot.out"; then
		rc=1
	fi
	if debugcon_check; then
		p=$((${p:-0} + 1))
	else
		f=$((${f:-0} + 1))
		rc=1
	fi
	if snp_report_check; then
		p=$((${p:-0} + 1))
	else
		f=$((${f:-0} + 1))
		rc=1
	fi
	if uv_attest_check; then
		p=$((${p:-0} + 1))
	else
		f=$((${f:-0} + 1))
		rc=1
	fi
	echo "RESULT passed=${p:-0} failed=${f:-0}"
	exit "$rc"
fi

echo "Booting a $arch guest on Debian's $kernel kernel under QEMU (TCG)..."
start=$(date +%s)
rc=0
"$top/scripts/qemu/boot.sh" "$arch" "$kernel" "$out/initramfs.cpio.gz" \
	--timeout 240 --log "$log" "${qargs[@]}" >"$out/boot.out" 2>&1 || rc=$?
debugcon_check >>"$out/boot.out" 2>&1 || rc=1
snp_report_check >>"$out/boot.out" 2>&1 || rc=1
uv_attest_check >>"$out/boot.out" 2>&1 || rc=1
echo "Guest ran for $(($(date +%s) - start)) s; console log: ${log#"$top"/}"
echo
# (the attestation lines come last, below)
sed -n 's/^.*COCO-SUMMARY: //p' "$log" | tr -d '\r' | grep -v '^\[attestation\] '
echo
if grep -q 'COCO-SUMMARY: \[real hardware\] platform=none' "$log"; then
	echo "On the real (emulated) machine no confidential platform was found:"
	echo "QEMU under TCG offers neither SEV nor Secure Execution."
fi
sim=$(sed -n 's/^.*COCO-SUMMARY: \[simulated platform\] platform=\([^ ]*\).*/\1/p' "$log" | tr -d '\r')
if [ -n "$sim" ]; then
	echo "With coco_sim loaded, coco_guest detected a simulated '$sim' platform."
fi
case $sim in
sev-es|sev-snp)
	val() { sed -n "s/^.*COCO-SUMMARY: \[simulated platform\]   sev\/$1: //p" "$log" | tr -d '\r'; }
	echo "  GHCB: protocol v$(val ghcb_version), hypervisor features $(val hv_features), one GHCB per CPU."
	echo "  Page state: $(val psc_entries) PSC entries in $(val psc_exits) exits (up to 253 entries per exit),"
	echo "  $(val pvalidates) PVALIDATEs, $(val leaked_pages) pages leaked; coco_sev_test shared and"
	echo "  unshared real kernel pages at the protocol's minimum exit count."
	echo "  C-bit: $(val cbit_verified) by an RDRAND value read back through the claimed bit."
	echo "  #VC: coco_vc_test emulated MMIO to QEMU's edu device and port IO (rep outs"
	echo "  included) to isa-debugcon through the GHCB; the host checked the bytes."
	;;
s390-pv)
	echo "  Ultravisor: query in /sys/kernel/coco_guest/uv/query (like /sys/firmware/uv);"
	echo "  pages shared and unshared through UV calls in the guest; attestation and"
	echo "  secrets through /dev/uv, /dev/coco-guest and the firmware daemon."
	;;
esac
dval() { sed -n "s/^.*COCO-SUMMARY: \[simulated platform\]   dma\/$1: //p" "$log" | tr -d '\r'; }
if [ -n "$(dval slots_total)" ]; then
	echo "  virtio DMA: bounced through coco_guest's pool of $(dval slots_total) shared 2 KiB slots:"
	echo "  $(dval bytes_to_device) bytes to the device, $(dval bytes_from_device) from it, $(dval map_failures) mapping failures."
fi
echo
# Last: the attestation report the guest fetched and verified itself.
att=$(sed -n 's/^.*COCO-SUMMARY: \[attestation\] //p' "$log" | tr -d '\r')
if [ -n "$att" ]; then
	echo "Attestation, end to end inside the guest (coco-attest, /dev/coco-guest or /dev/uv):"
	printf '%s\n' "$att" | sed 's/^/  /'
	echo
fi
if [ "$rc" -eq 0 ]; then
	echo "All in-guest checks passed ($(tail -n 1 "$out/boot.out"))."
else
	cat "$out/boot.out"
	echo "In-guest checks FAILED."
fi
exit "$rc"

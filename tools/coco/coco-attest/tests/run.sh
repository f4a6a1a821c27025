#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# SC2046: $(chain ...) expands to several arguments on purpose (no spaces in
# the paths).  SC2015: "cond && pass ... || fail ..." is safe, pass never fails.
# shellcheck disable=SC2046,SC2015
#
# coco-attest tests.  The reference is real AMD data (tools/testing/realdata/snp, a copy of shared/realdata:
# reports signed by Milan and Genoa parts, their VCEKs, AMD's ARK/ASK per
# generation, a VCEK whose chain signature must fail) and independent
# verifiers (the openssl command line, python3's json); a synthetic Turin
# chain made here with openssl covers what no real file does (Turin TCB
# layout, 8-byte hwID, VLEK, masked chip id).  Every case runs against the
# normal build and the ASan+UBSan build.  One line per check, then
# "RESULT passed=P failed=F" (for make check) and "P passed, F failed".
#
# attest (s390x) runs against the simulated Ultravisor in-process (--model)
# and takes IBM s390-tools' host-key document from tools/testing/realdata/s390.
#
# env: COCO_ATTEST, COCO_ATTEST_ASAN (binaries), COCO_ATTEST_UNIT (unit
# test binaries), COCO_REALDATA (directory of the real SNP data),
# COCO_REALDATA_S390 (the s390 test vector's directory).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../../.." && pwd)
native=${COCO_ATTEST:-$top/build/tools/coco-attest}
asan=${COCO_ATTEST_ASAN:-$top/build/tools/asan/coco-attest}
units=${COCO_ATTEST_UNIT:-}
data=${COCO_REALDATA:-$top/tools/testing/realdata/snp}
data390=${COCO_REALDATA_S390:-$top/tools/testing/realdata/s390}
snptool() { python3 "$here/snptool.py" "$@"; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# distinct exit codes: a sanitizer finding must never look like "check failed"
export ASAN_OPTIONS=exitcode=99:detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:exitcode=98:print_stacktrace=1

passed=0
failed=0
pass() { echo "PASS $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

for f in milan-v2-a.report.bin milan-v2-b.report.bin genoa-v5-a.report.bin \
	 ark_milan.pem ask_milan.pem ark_genoa.pem ask_genoa.pem \
	 ark_turin.pem ask_turin.pem negative-vcek-bad-chain-signature.der; do
	if [ ! -r "$data/$f" ]; then
		echo "run.sh: missing real data $data/$f"
		echo "RESULT passed=0 failed=1"
		echo "0 passed, 1 failed"
		exit 1
	fi
done

# ------------------------------------------------------------ helpers --

# Real certificates expire (the Milan VCEKs in 2030): check validity at a
# fixed time inside every real certificate's validity, not at "now".
pinned=1780000000	# 2026-05-28
at=(--at-time "$pinned")

B=$native	# binary under test
V=native	# its name in the output

run() { "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
clean() { ! grep -q -E 'Sanitizer|runtime error|LeakSanitizer' "$tmp/err"; }
why() { printf 'rc=%s: %s' "$rc" "$(head -c 400 "$tmp/err" | tr '\n' ' ')"; }

# expect_ok NAME VERIFY-ARGS...
expect_ok() {
	local name=$1
	shift
	run "$B" verify "$@"
	if [ "$rc" -eq 0 ] && grep -q '^verify: OK (' "$tmp/out" && clean; then
		pass "$V: $name"
	else
		fail "$V: $name: want OK, $(why)"
	fi
}

# expect_fail NAME CHECK VERIFY-ARGS...: exit 1 naming exactly CHECK
expect_fail() {
	local name=$1 check=$2
	shift 2
	run "$B" verify "$@"
	if [ "$rc" -eq 1 ] && clean &&
	   head -n 1 "$tmp/err" | grep -q "^verify: FAIL $check: "; then
		pass "$V: $name -> FAIL $check"
	else
		fail "$V: $name: want FAIL $check, $(why)"
	fi
}

# expect_rc NAME RC CMD-ARGS...: exact exit status, no sanitizer report
expect_rc() {
	local name=$1 want=$2
	shift 2
	run "$B" "$@"
	if [ "$rc" -eq "$want" ] && clean; then
		pass "$V: $name (exit $want)"
	else
		fail "$V: $name: want exit $want, $(why)"
	fi
}

# chain NAME GEN: the arguments for a real report's VCEK and a generation
chain() {
	echo "--vcek $data/$1.vcek.der --ask $data/ask_$2.pem --ark $data/ark_$2.pem ${at[*]}"
}

declare -A gen_of=([milan-v2-a]=milan [milan-v2-b]=milan [genoa-v5-a]=genoa)
declare -A wrong_of=([milan-v2-a]=genoa [milan-v2-b]=turin [genoa-v5-a]=milan)
reports="milan-v2-a milan-v2-b genoa-v5-a"

# signed-area offsets:bit outside the reserved and structural fields
flips_common="0x004:0 0x008:0 0x008:3 0x00b:0 0x010:7 0x01f:0 0x020:0 \
0x030:0 0x038:0 0x03e:4 0x040:1 0x048:0 0x048:1 0x048:2 0x050:0 0x06a:5 \
0x08f:7 0x090:0 0x0a7:3 0x0bf:7 0x0c0:0 0x0df:7 0x0e0:0 0x110:0 0x13f:7 \
0x140:0 0x160:0 0x180:0 0x187:7 0x1a0:0 0x1c4:6 0x1df:7 0x1e0:0 0x1e8:0 \
0x1ec:0 0x1f0:0"
flips_v2="0x000:0"			# VERSION 2 -> 3, still well-formed
flips_v5="0x188:0 0x189:4 0x18a:0 0x1f8:0 0x200:7"
flips_rs="0x2a0:0 0x2b7:4 0x2cf:7 0x2d0:0 0x2e8:0 0x300:2 0x317:7 0x318:0 0x32f:7"
rsvd_common="0x04c:0 0x04f:7 0x1eb:0 0x1ef:0 0x29f:7 0x330:0 0x49f:7 \
0x000:2 0x034:1 0x00a:1"
rsvd_v2="0x188:0 0x18a:0 0x1f8:0 0x207:7"
rsvd_v5="0x18b:0 0x19f:7 0x208:0"

# ----------------------------------------------------------- real data --

real_chain_tests() {
	local n g w
	for n in $reports; do
		g=${gen_of[$n]} w=${wrong_of[$n]}
		expect_ok "real $n, its VCEK, AMD $g ASK/ARK" \
			"$data/$n.report.bin" $(chain "$n" "$g")
		expect_fail "real $n against AMD $w ASK/ARK" chain \
			"$data/$n.report.bin" $(chain "$n" "$w")
	done
	expect_ok "real milan-v2-a, VCEK as PEM" "$data/milan-v2-a.report.bin" \
		--vcek "$tmp/milan-v2-a.vcek.pem" --ask "$data/ask_milan.pem" \
		--ark "$data/ark_milan.pem" "${at[@]}"
	expect_fail "Milan ASK under the Genoa ARK" chain \
		"$data/milan-v2-a.report.bin" --vcek "$data/milan-v2-a.vcek.der" \
		--ask "$data/ask_milan.pem" --ark "$data/ark_genoa.pem" "${at[@]}"
	expect_fail "ARK given as ASK (VCEK not issued by it)" chain \
		"$data/milan-v2-a.report.bin" --vcek "$data/milan-v2-a.vcek.der" \
		--ask "$data/ark_milan.pem" --ark "$data/ark_milan.pem" "${at[@]}"
	expect_fail "negative VCEK (bad chain signature)" chain \
		"$data/milan-v2-a.report.bin" \
		--vcek "$data/negative-vcek-bad-chain-signature.der" \
		--ask "$data/ask_milan.pem" --ark "$data/ark_milan.pem" "${at[@]}"
	expect_fail "another Milan chip's VCEK" signature \
		"$data/milan-v2-a.report.bin" $(chain milan-v2-b milan)
	expect_fail "real milan-v2-a checked in 2031 (VCEK expired)" chain \
		"$data/milan-v2-a.report.bin" --vcek "$data/milan-v2-a.vcek.der" \
		--ask "$data/ask_milan.pem" --ark "$data/ark_milan.pem" \
		--at-time 1950000000
	expect_fail "real genoa-v5-a checked in 2025 (VCEK not yet valid)" chain \
		"$data/genoa-v5-a.report.bin" --vcek "$data/genoa-v5-a.vcek.der" \
		--ask "$data/ask_genoa.pem" --ark "$data/ark_genoa.pem" \
		--at-time 1750000000
	expect_ok "real genoa-v5-a, 2025 but --no-check-time" \
		"$data/genoa-v5-a.report.bin" --vcek "$data/genoa-v5-a.vcek.der" \
		--ask "$data/ask_genoa.pem" --ark "$data/ark_genoa.pem" --no-check-time
	expect_fail "no --ark and no --no-chain" certs \
		"$data/milan-v2-a.report.bin" --vcek "$data/milan-v2-a.vcek.der"
	expect_ok "--no-chain checks the signature only" \
		"$data/genoa-v5-a.report.bin" --vcek "$data/genoa-v5-a.vcek.der" \
		--no-chain
}

flip_tests() {
	local n g f list m=$tmp/flip.bin
	for n in $reports; do
		g=${gen_of[$n]}
		list="$flips_common"
		[ "$n" = genoa-v5-a ] && list="$list $flips_v5" || list="$list $flips_v2"
		for f in $list; do
			snptool flip "$data/$n.report.bin" "${f%:*}" "${f#*:}" "$m"
			expect_fail "real $n, bit ${f#*:} of byte ${f%:*} flipped" \
				signature "$m" $(chain "$n" "$g")
		done
	done
	for f in $flips_rs; do
		snptool flip "$data/genoa-v5-a.report.bin" "${f%:*}" "${f#*:}" "$m"
		expect_fail "real genoa-v5-a, R/S bit ${f#*:} of byte ${f%:*} flipped" \
			signature "$m" $(chain genoa-v5-a genoa)
	done
	for n in milan-v2-a genoa-v5-a; do
		g=${gen_of[$n]}
		list="$rsvd_common"
		[ "$n" = genoa-v5-a ] && list="$list $rsvd_v5" || list="$list $rsvd_v2"
		for f in $list; do
			snptool flip "$data/$n.report.bin" "${f%:*}" "${f#*:}" "$m"
			expect_fail "real $n, reserved/structural bit ${f#*:} of byte ${f%:*}" \
				structure "$m" $(chain "$n" "$g")
		done
	done
}

expectation_tests() {
	local rd_a hello
	rd_a=$(od -An -tx1 -v -j 80 -N 64 "$data/milan-v2-a.report.bin" | tr -d ' \n')
	hello=$(printf hello-attestation | od -An -tx1 -v | tr -d ' \n')
	printf hello-attestation >"$tmp/nonce"
	expect_ok "milan-v2-a, 64-byte nonce" "$data/milan-v2-a.report.bin" \
		$(chain milan-v2-a milan) --nonce "$rd_a"
	expect_fail "milan-v2-a, nonce with its last digit changed" report-data \
		"$data/milan-v2-a.report.bin" $(chain milan-v2-a milan) \
		--nonce "${rd_a%?}$( [ "${rd_a: -1}" = 0 ] && echo 1 || echo 0)"
	expect_ok "milan-v2-b, 5-byte nonce zero-padded" \
		"$data/milan-v2-b.report.bin" $(chain milan-v2-b milan) \
		--nonce 0102030405
	expect_ok "genoa-v5-a, --nonce-file" "$data/genoa-v5-a.report.bin" \
		$(chain genoa-v5-a genoa) --nonce-file "$tmp/nonce"
	expect_ok "genoa-v5-a, --nonce hex" "$data/genoa-v5-a.report.bin" \
		$(chain genoa-v5-a genoa) --nonce "0x$hello"
	expect_fail "genoa-v5-a, nonce a prefix of REPORT_DATA" report-data \
		"$data/genoa-v5-a.report.bin" $(chain genoa-v5-a genoa) \
		--nonce 68656c6c6f
	expect_rc "65-byte nonce is a usage error" 2 verify \
		"$data/genoa-v5-a.report.bin" $(chain genoa-v5-a genoa) \
		--nonce "$(printf '%0130d' 0)"
	expect_fail "milan-v2-b has DEBUG, --policy-no-debug" policy \
		"$data/milan-v2-b.report.bin" $(chain milan-v2-b milan) \
		--policy-no-debug
	expect_ok "milan-v2-b, --policy-no-migrate only" \
		"$data/milan-v2-b.report.bin" $(chain milan-v2-b milan) \
		--policy-no-migrate
	expect_ok "milan-v2-a, no debug, no migrate" \
		"$data/milan-v2-a.report.bin" $(chain milan-v2-a milan) \
		--policy-no-debug --policy-no-migrate
	expect_ok "milan-v2-a, --min-tcb equal (3:0:8:115)" \
		"$data/milan-v2-a.report.bin" $(chain milan-v2-a milan) \
		--min-tcb 3:0:8:115
	expect_fail "milan-v2-a, --min-tcb ucode 116" min-tcb \
		"$data/milan-v2-a.report.bin" $(chain milan-v2-a milan) \
		--min-tcb 3:0:8:116
	expect_fail "milan-v2-a, --min-tcb bl 4" min-tcb \
		"$data/milan-v2-a.report.bin" $(chain milan-v2-a milan) \
		--min-tcb 4:0:0:0
	expect_ok "genoa-v5-a, --min-tcb 0x0a:0:0x1b:27" \
		"$data/genoa-v5-a.report.bin" $(chain genoa-v5-a genoa) \
		--min-tcb 0x0a:0:0x1b:27
	expect_fail "genoa-v5-a, FMC minimum on Genoa" min-tcb \
		"$data/genoa-v5-a.report.bin" $(chain genoa-v5-a genoa) \
		--min-tcb 0:0:0:0:1
	expect_rc "bad --min-tcb is a usage error" 2 verify \
		"$data/genoa-v5-a.report.bin" $(chain genoa-v5-a genoa) \
		--min-tcb 1:2:3
	expect_ok "genoa-v5-a, expected measurement" \
		"$data/genoa-v5-a.report.bin" $(chain genoa-v5-a genoa) \
		--measurement d9912ba396ce409c2947841d93a5076b6839b898c22b4aae05edb3b2b058a99927f8cf9a4f8617ee695deb14795496c8
	expect_fail "genoa-v5-a, other measurement" measurement \
		"$data/genoa-v5-a.report.bin" $(chain genoa-v5-a genoa) \
		--measurement d9912ba396ce409c2947841d93a5076b6839b898c22b4aae05edb3b2b058a99927f8cf9a4f8617ee695deb14795496c9
	expect_rc "47-byte measurement is a usage error" 2 verify \
		"$data/genoa-v5-a.report.bin" $(chain genoa-v5-a genoa) \
		--measurement d9912ba396ce409c2947841d93a5076b6839b898c22b4aae05edb3b2b058a99927f8cf9a4f8617ee695deb14795496
	expect_ok "milan-v2-a, --gen milan" "$data/milan-v2-a.report.bin" \
		$(chain milan-v2-a milan) --gen milan
	expect_fail "milan-v2-a, --gen genoa" generation \
		"$data/milan-v2-a.report.bin" $(chain milan-v2-a milan) --gen genoa
	expect_fail "genoa-v5-a, --gen turin" generation \
		"$data/genoa-v5-a.report.bin" $(chain genoa-v5-a genoa) --gen turin
}

# ------------------------------------------------------- bad input ----

bad_input_tests() {
	local f sz
	head -c 0 /dev/zero >"$tmp/empty"
	for sz in 1 1183 1185 4096; do
		head -c "$sz" /dev/urandom >"$tmp/g$sz"
		expect_fail "garbage report of $sz bytes" structure "$tmp/g$sz" \
			$(chain milan-v2-a milan)
	done
	head -c 1183 "$data/milan-v2-a.report.bin" >"$tmp/trunc"
	expect_fail "real report truncated to 1183 bytes" structure "$tmp/trunc" \
		$(chain milan-v2-a milan)
	cat "$data/milan-v2-a.report.bin" /dev/null >"$tmp/over"
	printf '\0' >>"$tmp/over"
	expect_fail "real report plus one zero byte" structure "$tmp/over" \
		$(chain milan-v2-a milan)
	cat "$data/milan-v2-a.report.bin" "$data/milan-v2-a.report.bin" >"$tmp/two"
	expect_fail "two reports concatenated" structure "$tmp/two" \
		$(chain milan-v2-a milan)
	expect_fail "empty report file" structure "$tmp/empty" \
		$(chain milan-v2-a milan)
	head -c 1184 /dev/urandom >"$tmp/g1184"
	expect_fail "random 1184 bytes" structure "$tmp/g1184" \
		$(chain milan-v2-a milan)
	head -c $((1024 * 1024 + 1)) /dev/zero >"$tmp/huge"
	expect_rc "report over 1 MiB" 1 verify "$tmp/huge" $(chain milan-v2-a milan)
	expect_rc "missing report file" 1 verify "$tmp/nonexistent" \
		$(chain milan-v2-a milan)
	expect_rc "report is a directory" 1 verify "$tmp" $(chain milan-v2-a milan)
	expect_rc "show of a 1183-byte file" 1 show "$tmp/trunc"
	expect_rc "show of random bytes" 1 show "$tmp/g4096"

	head -c 700 "$data/milan-v2-a.vcek.der" >"$tmp/vcek-trunc"
	cat "$data/milan-v2-a.vcek.der" >"$tmp/vcek-trail"
	printf 'x' >>"$tmp/vcek-trail"
	printf -- '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n' >"$tmp/vcek-badpem"
	for f in empty g1184 vcek-trunc vcek-trail vcek-badpem; do
		expect_fail "VCEK file: $f" certs "$data/milan-v2-a.report.bin" \
			--vcek "$tmp/$f" --ask "$data/ask_milan.pem" \
			--ark "$data/ark_milan.pem" "${at[@]}"
	done
	expect_fail "ARK file: random bytes" certs "$data/milan-v2-a.report.bin" \
		--vcek "$data/milan-v2-a.vcek.der" --ask "$data/ask_milan.pem" \
		--ark "$tmp/g4096"
	expect_fail "ASK file missing" certs "$data/milan-v2-a.report.bin" \
		--vcek "$data/milan-v2-a.vcek.der" --ask "$tmp/nonexistent" \
		--ark "$data/ark_milan.pem" "${at[@]}"
	expect_rc "unknown option" 2 verify "$data/milan-v2-a.report.bin" --frobnicate
	expect_rc "no report" 2 verify --vcek "$data/milan-v2-a.vcek.der"
	expect_rc "--no-chain with --ark" 2 verify "$data/milan-v2-a.report.bin" \
		--no-chain --ark "$data/ark_milan.pem" "${at[@]}" --vcek "$data/milan-v2-a.vcek.der"
	expect_rc "unknown --gen" 2 show --gen naples "$data/milan-v2-a.report.bin"
	expect_rc "unknown command" 2 frobnicate
}

# Random corruption of real reports: never a crash, never a pass.
fuzz_tests() {
	local bad=0 m n
	python3 - "$tmp/fz" "$data" <<'EOF'
import os, random, sys
out, data = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = random.Random(1184)
names = ["milan-v2-a", "milan-v2-b", "genoa-v5-a"]
for i in range(60):
    n = names[i % 3]
    b = bytearray(open(f"{data}/{n}.report.bin", "rb").read())
    for _ in range(rng.randint(1, 40)):
        b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    if i % 10 == 9:
        b = b[:rng.randrange(len(b) * 2)] if rng.random() < .5 else b + bytes(rng.randrange(9))
    open(f"{out}/{i:03d}-{n}.bin", "wb").write(b)
EOF
	for m in "$tmp"/fz/*.bin; do
		n=$(basename "$m" .bin)
		n=${n#*-}
		run "$B" verify "$m" $(chain "$n" "${gen_of[$n]}")
		if ! clean || [ "$rc" -ne 1 ]; then
			bad=$((bad + 1))
			echo "  fuzz $m: $(why)"
		fi
		run "$B" show --json "$m"
		if ! clean || { [ "$rc" -eq 0 ] && ! python3 -m json.tool "$tmp/out" >/dev/null; }; then
			bad=$((bad + 1))
			echo "  fuzz show $m: $(why)"
		fi
	done
	[ "$bad" -eq 0 ] && pass "$V: 60 randomly corrupted real reports: verify fails cleanly, show --json stays valid" \
		|| fail "$V: $bad fuzz cases crashed, passed or printed invalid JSON"
}

# --------------------------------------------------------------- JSON --

json_tests() {
	local n v
	for n in $reports; do
		run "$B" show --json "$data/$n.report.bin"
		if [ "$rc" -eq 0 ] && clean && python3 -m json.tool "$tmp/out" >/dev/null; then
			pass "$V: show --json $n is valid JSON"
		else
			fail "$V: show --json $n: $(why)"
		fi
		cp "$tmp/out" "$tmp/$n.json"
		run "$B" show "$data/$n.report.bin"
		[ "$rc" -eq 0 ] && clean && grep -q '^  REPORTED_TCB' "$tmp/out" &&
			grep -q '^  CHIP_ID' "$tmp/out" && pass "$V: show $n (text)" ||
			fail "$V: show $n (text): $(why)"
	done
	jcheck() {	# FILE PATH WANT
		v=$(snptool json-get "$1" "$2" 2>&1)
		[ "$v" = "$3" ] && pass "$V: json $(basename "$1") $2 = $3" ||
			fail "$V: json $(basename "$1") $2 = $v, want $3"
	}
	jcheck "$tmp/milan-v2-b.json" policy.debug true
	jcheck "$tmp/milan-v2-a.json" policy.debug false
	jcheck "$tmp/milan-v2-a.json" reported_tcb.ucode 115
	jcheck "$tmp/milan-v2-a.json" reported_tcb.snp 8
	jcheck "$tmp/milan-v2-a.json" generation_source none
	jcheck "$tmp/genoa-v5-a.json" generation Genoa
	jcheck "$tmp/genoa-v5-a.json" cpuid.model 160
	jcheck "$tmp/genoa-v5-a.json" launch_mit_vector 0x000000000000000b
	jcheck "$tmp/genoa-v5-a.json" current_version.minor 55
	jcheck "$tmp/genoa-v5-a.json" platform_info.alias_check_complete true
	jcheck "$tmp/genoa-v5-a.json" report_id_ma ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff

	run "$B" show --gen turin "$data/genoa-v5-a.report.bin"
	grep -q 'REPORTED_TCB .*fmc=10 bl=0 tee=0 snp=0 ucode=27' "$tmp/out" &&
		grep -q 'warning: --gen Turin' "$tmp/err" &&
		pass "$V: show --gen turin decodes the Turin layout and warns" ||
		fail "$V: show --gen turin: $(why)"
	snptool flip "$data/milan-v2-a.report.bin" 0x04c 0 "$tmp/rsvd.bin"
	run "$B" show --json "$tmp/rsvd.bin"
	[ "$rc" -eq 1 ] && python3 -m json.tool "$tmp/out" >/dev/null &&
		grep -q 'reserved byte 0x04c' "$tmp/out" &&
		pass "$V: show --json of a malformed report: exit 1, valid JSON naming the problem" ||
		fail "$V: show --json malformed: $(why)"

	run "$B" verify --json "$data/genoa-v5-a.report.bin" $(chain genoa-v5-a genoa)
	[ "$rc" -eq 0 ] && python3 -m json.tool "$tmp/out" >/dev/null &&
		[ "$(snptool json-get "$tmp/out" result)" = ok ] &&
		pass "$V: verify --json OK is valid JSON" ||
		fail "$V: verify --json OK: $(why)"
	snptool flip "$data/genoa-v5-a.report.bin" 0x90 0 "$tmp/f.bin"
	run "$B" verify --json "$tmp/f.bin" $(chain genoa-v5-a genoa)
	[ "$rc" -eq 1 ] && python3 -m json.tool "$tmp/out" >/dev/null &&
		[ "$(snptool json-get "$tmp/out" failed_check)" = signature ] &&
		pass "$V: verify --json FAIL is valid JSON naming signature" ||
		fail "$V: verify --json FAIL: $(why)"
}

# -------------------------------------------------- certificate table --

table_tests() {
	local t=$tmp/tbl
	snptool table "$t.ok" vcek="$data/milan-v2-a.vcek.der" \
		ask="$tmp/ask_milan.der" ark="$tmp/ark_milan.der"
	expect_ok "cert table (VCEK, ASK, ARK) + pinned ARK" \
		"$data/milan-v2-a.report.bin" --certs "$t.ok" --ark "$data/ark_milan.pem" "${at[@]}"
	snptool table "$t.vcek" vcek="$data/milan-v2-a.vcek.der"
	expect_ok "cert table (VCEK only) + --ask + pinned ARK" \
		"$data/milan-v2-a.report.bin" --certs "$t.vcek" \
		--ask "$data/ask_milan.pem" --ark "$data/ark_milan.pem" "${at[@]}"
	snptool table "$t.alien" vcek="$data/milan-v2-a.vcek.der" \
		ask="$tmp/ask_milan.der" ark="$tmp/ark_genoa.der"
	expect_ok "cert table's own ARK is ignored, the pinned one counts" \
		"$data/milan-v2-a.report.bin" --certs "$t.alien" --ark "$data/ark_milan.pem" "${at[@]}"
	expect_fail "cert table checked against another pinned ARK" chain \
		"$data/milan-v2-a.report.bin" --certs "$t.ok" --ark "$data/ark_genoa.pem" "${at[@]}"
	snptool table "$t.wrongask" vcek="$data/milan-v2-a.vcek.der" \
		ask="$tmp/ask_genoa.der"
	expect_fail "cert table with the Genoa ASK" chain \
		"$data/milan-v2-a.report.bin" --certs "$t.wrongask" --ark "$data/ark_milan.pem" "${at[@]}"
	snptool table "$t.neg" vcek="$data/negative-vcek-bad-chain-signature.der" \
		ask="$tmp/ask_milan.der"
	expect_fail "cert table with the negative VCEK" chain \
		"$data/milan-v2-a.report.bin" --certs "$t.neg" --ark "$data/ark_milan.pem" "${at[@]}"
	head -c 24 /dev/zero >"$t.none"
	expect_fail "cert table with no certificates" certs \
		"$data/milan-v2-a.report.bin" --certs "$t.none" --ark "$data/ark_milan.pem" "${at[@]}"
	snptool table "$t.off" --bad-offset vcek="$data/milan-v2-a.vcek.der"
	expect_fail "cert table offset past the end" certs \
		"$data/milan-v2-a.report.bin" --certs "$t.off" --ark "$data/ark_milan.pem" "${at[@]}"
	snptool table "$t.noend" --no-end vcek="$data/milan-v2-a.vcek.der"
	expect_fail "cert table without terminator" certs \
		"$data/milan-v2-a.report.bin" --certs "$t.noend" --ark "$data/ark_milan.pem" "${at[@]}"
	snptool table "$t.ask" ask="$tmp/ask_milan.der"
	expect_fail "cert table without a VCEK" certs \
		"$data/milan-v2-a.report.bin" --certs "$t.ask" --ark "$data/ark_milan.pem" "${at[@]}"
}

# ------------------------------------------- synthetic Turin chain ----

pss=(-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:48 -sigopt rsa_mgf1_md:sha384 -sha384)

# mkleaf NAME CN EXTFILE: an EC P-384 leaf signed by the synthetic ASK
mkleaf() {
	local s=$tmp/syn
	openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 \
		-out "$s/$1.key" 2>/dev/null &&
	openssl req -new -key "$s/$1.key" -subj "/O=coco-attest test/CN=$2" \
		-out "$s/$1.csr" 2>/dev/null &&
	openssl x509 -req -in "$s/$1.csr" -CA "$s/ask.pem" -CAkey "$s/ask.key" \
		-set_serial 7 "${pss[@]}" -days 3650 -extfile "$3" -out "$s/$1.pem" 2>/dev/null
}

make_synthetic_chain() {
	local s=$tmp/syn
	mkdir -p "$s"
	printf 'basicConstraints=critical,CA:true\nkeyUsage=critical,keyCertSign,cRLSign\n' >"$s/ca.ext"
	cat >"$s/vcek.ext" <<'EOF'
1.3.6.1.4.1.3704.1.1=ASN1:INTEGER:1
1.3.6.1.4.1.3704.1.2=ASN1:IA5STRING:Turin-B0
1.3.6.1.4.1.3704.1.3.9=ASN1:INTEGER:1
1.3.6.1.4.1.3704.1.3.1=ASN1:INTEGER:2
1.3.6.1.4.1.3704.1.3.2=ASN1:INTEGER:3
1.3.6.1.4.1.3704.1.3.3=ASN1:INTEGER:4
1.3.6.1.4.1.3704.1.3.5=ASN1:INTEGER:0
1.3.6.1.4.1.3704.1.3.8=ASN1:INTEGER:200
1.3.6.1.4.1.3704.1.4=DER:a1a2a3a4a5a6a7a8
EOF
	grep -v '3704.1.4=' "$s/vcek.ext" >"$s/vlek.ext"
	echo '1.3.6.1.4.1.3704.1.5=ASN1:IA5STRING:csp.example' >>"$s/vlek.ext"
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
		-out "$s/ark.key" 2>/dev/null &&
	openssl req -x509 -new -key "$s/ark.key" "${pss[@]}" -days 3650 \
		-subj "/O=coco-attest test/CN=ARK-Turin" -addext \
		basicConstraints=critical,CA:true -addext \
		keyUsage=critical,keyCertSign,cRLSign -out "$s/ark.pem" 2>/dev/null &&
	openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 \
		-out "$s/ask.key" 2>/dev/null &&
	openssl req -new -key "$s/ask.key" -subj "/O=coco-attest test/CN=SEV-Turin" \
		-out "$s/ask.csr" 2>/dev/null &&
	openssl x509 -req -in "$s/ask.csr" -CA "$s/ark.pem" -CAkey "$s/ark.key" \
		-set_serial 3 "${pss[@]}" -days 3650 -extfile "$s/ca.ext" \
		-out "$s/ask.pem" 2>/dev/null &&
	mkleaf vcek SEV-VCEK "$s/vcek.ext" && mkleaf vlek SEV-VLEK "$s/vlek.ext"
}

# synth NAME LEAF KEY=VALUE...: a report signed by the synthetic LEAF key
synth() {
	local s=$tmp/syn name=$1 leaf=$2
	shift 2
	snptool unsigned "$s/$name.u" "$@" &&
	openssl dgst -sha384 -sign "$s/$leaf.key" -out "$s/$name.sig" "$s/$name.u" &&
	snptool attach "$s/$name.u" "$s/$name.sig" "$s/$name.bin"
}

synthetic_reports() {
	synth ok vcek tcb=1:2:3:4:200 &&
	synth fmc vcek tcb=2:2:3:4:200 &&
	synth ucode vcek tcb=1:2:3:4:201 &&
	synth chip9 vcek chipid=a1a2a3a4a5a6a7a801 &&
	synth chipx vcek chipid=a1a2a3a4a5a6a7a9 &&
	synth masked vcek keyinfo=0x2 chipid= &&
	synth maskedbad vcek keyinfo=0x2 &&
	synth vlek vlek keyinfo=0x4 chipid= &&
	synth unsigned vcek keyinfo=0x1c &&
	synth genoacpu vcek family=0x19 model=0x11 tcb=2:3:4:200 &&
	synth v5 vcek version=5
}

synthetic_tests() {
	local s=$tmp/syn
	local c=(--ask "$s/ask.pem" --ark "$s/ark.pem")
	expect_ok "synthetic Turin v3 (8-byte hwID, ucode 200)" "$s/ok.bin" \
		--vcek "$s/vcek.pem" "${c[@]}"
	expect_ok "synthetic Turin v5" "$s/v5.bin" --vcek "$s/vcek.pem" "${c[@]}"
	expect_ok "synthetic Turin, --min-tcb 2:3:4:200:1 (with FMC)" "$s/ok.bin" \
		--vcek "$s/vcek.pem" "${c[@]}" --min-tcb 2:3:4:200:1
	expect_fail "synthetic Turin, --min-tcb FMC 2" min-tcb "$s/ok.bin" \
		--vcek "$s/vcek.pem" "${c[@]}" --min-tcb 2:3:4:200:2
	expect_fail "synthetic Turin, real Turin ASK/ARK" chain "$s/ok.bin" \
		--vcek "$s/vcek.pem" --ask "$data/ask_turin.pem" --ark "$data/ark_turin.pem" "${at[@]}"
	expect_fail "synthetic Turin, REPORTED_TCB fmc above the VCEK's" tcb \
		"$s/fmc.bin" --vcek "$s/vcek.pem" "${c[@]}"
	expect_fail "synthetic Turin, REPORTED_TCB ucode above the VCEK's" tcb \
		"$s/ucode.bin" --vcek "$s/vcek.pem" "${c[@]}"
	expect_fail "synthetic Turin, CHIP_ID byte 8 not zero" chip-id \
		"$s/chip9.bin" --vcek "$s/vcek.pem" "${c[@]}"
	expect_fail "synthetic Turin, another chip's CHIP_ID" chip-id \
		"$s/chipx.bin" --vcek "$s/vcek.pem" "${c[@]}"
	expect_ok "synthetic Turin, MASK_CHIP_KEY with zero CHIP_ID" \
		"$s/masked.bin" --vcek "$s/vcek.pem" "${c[@]}"
	expect_fail "synthetic Turin, MASK_CHIP_KEY but CHIP_ID set" chip-id \
		"$s/maskedbad.bin" --vcek "$s/vcek.pem" "${c[@]}"
	expect_ok "synthetic Turin, VLEK-signed" "$s/vlek.bin" \
		--vcek "$s/vlek.pem" "${c[@]}"
	grep -q 'not checked: chip-id' "$tmp/out" &&
		pass "$V: VLEK report: chip-id reported as not checked" ||
		fail "$V: VLEK report: chip-id not reported as skipped"
	expect_fail "synthetic Turin, VCEK report checked with the VLEK" signature \
		"$s/ok.bin" --vcek "$s/vlek.pem" "${c[@]}"
	expect_fail "synthetic Turin, SIGNING_KEY 7 (unsigned)" signature \
		"$s/unsigned.bin" --vcek "$s/vcek.pem" "${c[@]}"
	expect_fail "synthetic report with Genoa CPUID, Turin VCEK" generation \
		"$s/genoacpu.bin" --vcek "$s/vcek.pem" "${c[@]}"
	snptool table "$s/table" vlek="$s/vlek.der" ask="$s/ask.der"
	expect_ok "synthetic VLEK report from a cert table (VLEK GUID)" \
		"$s/vlek.bin" --certs "$s/table" --ark "$s/ark.pem"
	expect_fail "synthetic VCEK report, table has only a VLEK" certs \
		"$s/ok.bin" --certs "$s/table" --ark "$s/ark.pem"
}

# ---------------------------------------------- independent verifiers --

openssl_tests() {
	local n v g o ours theirs
	for n in $reports; do
		openssl x509 -inform der -in "$data/$n.vcek.der" -pubkey -noout \
			>"$tmp/$n.pub.pem"
		head -c 672 "$data/$n.report.bin" >"$tmp/$n.signed"
		snptool sigder "$data/$n.report.bin" "$tmp/$n.sig.der"
		o=$(openssl dgst -sha384 -verify "$tmp/$n.pub.pem" \
			-signature "$tmp/$n.sig.der" "$tmp/$n.signed" 2>&1)
		[ "$o" = "Verified OK" ] &&
			pass "openssl dgst verifies real $n (R/S -> DER by python)" ||
			fail "openssl dgst on real $n: $o"
		snptool flip "$tmp/$n.signed" 0x90 0 "$tmp/$n.signed.x"
		o=$(openssl dgst -sha384 -verify "$tmp/$n.pub.pem" \
			-signature "$tmp/$n.sig.der" "$tmp/$n.signed.x" 2>&1)
		[ "$o" != "Verified OK" ] &&
			pass "openssl dgst rejects real $n with MEASUREMENT bit flipped" ||
			fail "openssl dgst accepted a flipped $n"
	done
	# our chain verdict must equal openssl verify's for every VCEK x generation
	for v in milan-v2-a milan-v2-b genoa-v5-a negative; do
		f=$data/$v.vcek.der
		[ "$v" = negative ] && f=$data/negative-vcek-bad-chain-signature.der
		openssl x509 -inform der -in "$f" -out "$tmp/$v.pem"
		for g in milan genoa turin; do
			openssl verify -attime "$pinned" -CAfile "$data/ark_$g.pem" \
				-untrusted "$data/ask_$g.pem" "$tmp/$v.pem" \
				>/dev/null 2>&1 && theirs=ok || theirs=fail
			"$native" verify "$data/milan-v2-a.report.bin" --vcek "$f" \
				--ask "$data/ask_$g.pem" --ark "$data/ark_$g.pem" "${at[@]}" \
				>/dev/null 2>"$tmp/err"
			grep -q -E '^verify: FAIL (chain|certs):' "$tmp/err" &&
				ours=fail || ours=ok
			[ "$ours" = "$theirs" ] &&
				pass "chain verdict for $v VCEK under $g = openssl verify ($ours)" ||
				fail "chain verdict for $v VCEK under $g: ours $ours, openssl $theirs"
		done
	done
}

unit_tests() {
	local u out p f
	for u in $units; do
		out=$("$u" 2>&1)
		rc=$?
		printf '%s\n' "$out" | grep -E '^(PASS|FAIL) '
		p=$(grep -c '^PASS ' <<<"$out")
		f=$(grep -c '^FAIL ' <<<"$out")
		passed=$((passed + p))
		failed=$((failed + f))
		if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
			fail "unit test $u crashed (exit $rc)"
			printf '%s\n' "$out" | tail -n 20
		fi
	done
}

# ----------------------------------------------------- s390x attest --

# expect_attest NAME RC CHECK ARGS...: exit RC; RC 0 wants "attest: OK (",
# RC 1 or 3 wants "attest: FAIL CHECK: " as the first stderr line.
expect_attest() {
	local name=$1 want=$2 check=$3
	shift 3
	run "$B" attest "$@"
	if [ "$rc" -ne "$want" ] || ! clean; then
		fail "$V: attest $name: want exit $want, $(why)"
	elif [ "$want" -eq 0 ] && ! grep -q '^attest: OK (' "$tmp/out"; then
		fail "$V: attest $name: no OK line"
	elif [ "$want" -ne 0 ] &&
	     ! head -n 1 "$tmp/err" | grep -q "^attest: FAIL $check: "; then
		fail "$V: attest $name: want FAIL $check, $(why)"
	else
		pass "$V: attest $name (exit $want${check:+ $check})"
	fi
}

s390_tests() {
	local m=(--model 5 --tags-seed 5) cuid=00112233445566778899aabbccddeeff
	local hkd=$data390/host-key-document.pem.crt d=$tmp/s390out
	expect_attest "model, its host key and tags" 0 "" \
		"${m[@]}" --host-key-seed 5
	expect_attest "all additional data, user data" 0 "" \
		"${m[@]}" --host-key-seed 5 --add all --user-data c0ffee
	expect_attest "CUID as expected" 0 "" "${m[@]}" --host-key-seed 5 \
		--model-cuid "$cuid" --cuid "$cuid"
	expect_attest "CUID not the expected one" 1 cuid "${m[@]}" \
		--host-key-seed 5 --model-cuid "$cuid" --cuid "${cuid/00/01}"
	expect_attest "other image tags" 1 measurement --model 5 \
		--tags-seed 6 --host-key-seed 5
	head -c 208 /dev/zero >"$tmp/tags0"
	expect_attest "zero tags file" 1 measurement --model 5 \
		--tags "$tmp/tags0" --host-key-seed 5
	expect_attest "request for another host" 3 perform "${m[@]}" \
		--host-key-seed 6
	grep -q 'rc 0x010c' "$tmp/err" &&
		pass "$V: attest another host: UV rc 0x010c" ||
		fail "$V: attest another host: $(why)"
	expect_attest "IBM host-key document, not this UV's" 3 perform \
		"${m[@]}" --host-key "$hkd"
	expect_attest "host-key document plus this UV's key" 0 "" "${m[@]}" \
		--host-key "$hkd" --host-key-seed 5 --add attest-phkh
	run "$B" sim-host-key 5
	cp "$tmp/out" "$tmp/host5.pem"
	openssl pkey -pubin -in "$tmp/host5.pem" -noout -text 2>/dev/null |
		grep -q 'NIST CURVE: P-521' &&
		pass "$V: sim-host-key is a P-521 public key (openssl)" ||
		fail "$V: sim-host-key: $(why)"
	expect_attest "host key from PEM" 0 "" "${m[@]}" \
		--host-key "$tmp/host5.pem" --add image-phkh,attest-phkh
	openssl pkey -pubin -in "$tmp/host5.pem" -outform der \
		-out "$tmp/host5.der" 2>/dev/null
	expect_attest "host key from DER" 0 "" "${m[@]}" \
		--host-key "$tmp/host5.der"
	head -c 256 /dev/urandom >"$tmp/user256"
	expect_attest "256 bytes of user data" 0 "" "${m[@]}" \
		--host-key-seed 5 --user-file "$tmp/user256"
	head -c 257 /dev/urandom >"$tmp/user257"
	expect_rc "attest: 257 bytes of user data" 2 attest "${m[@]}" \
		--host-key-seed 5 --user-file "$tmp/user257"
	expect_rc "attest: no host key" 2 attest "${m[@]}"
	expect_rc "attest: no tags" 2 attest --model 5 --host-key-seed 5
	expect_rc "attest: tags of 207 bytes" 2 attest --model 5 \
		--tags <(head -c 207 /dev/zero) --host-key-seed 5
	expect_rc "attest: unknown --add item" 2 attest "${m[@]}" \
		--host-key-seed 5 --add nonce
	expect_rc "attest: --device with --model" 2 attest "${m[@]}" \
		--host-key-seed 5 --device /dev/null
	expect_rc "attest: random bytes as host key" 2 attest "${m[@]}" \
		--host-key "$tmp/user256"
	expect_attest "no device" 3 perform --device "$tmp/no-uv" \
		--tags-seed 5 --host-key-seed 5

	# JSON, read by python3; the exchange files, read by python3.
	rm -rf "$d"
	run "$B" attest "${m[@]}" --host-key-seed 5 --add all --json \
		--user-data 0102 --model-cuid "$cuid" --out-dir "$d"
	python3 - "$tmp/out" "$cuid" "$d" <<'PY' >"$tmp/py" 2>&1 &&
import json, struct, sys, os
j = json.load(open(sys.argv[1]))
assert j["result"] == "ok" and j["uv_rc"] == 1, j
assert j["cuid"] == sys.argv[2] and j["user_data"] == "0102", j
a = j["additional_data"]
assert a["image_phkh"] == a["attest_phkh"] and len(a["fw_state"]) == 640, a
d = sys.argv[3]
arcb = open(os.path.join(d, "arcb.bin"), "rb").read()
magic, ver, ln = struct.unpack(">8sII", arcb[:16])
assert magic == bytes(8) and ver == 0x100 and ln == len(arcb) == 400, arcb[:16]
assert arcb[0x27] == 1 and struct.unpack(">I", arcb[0x2c:0x30])[0] == 80
flags, mai = struct.unpack(">QI", arcb[0x30:0x3c])
assert flags == 0x7c00000000000000 and mai == 1, hex(flags)
assert open(os.path.join(d, "measurement.bin"), "rb").read().hex() == j["measurement"]
assert len(open(os.path.join(d, "additional.bin"), "rb").read()) == 32 + 32 + 64 + 320
assert open(os.path.join(d, "cuid.bin"), "rb").read().hex() == sys.argv[2]
PY
		pass "$V: attest --json and --out-dir read back by python3" ||
		fail "$V: attest --json/--out-dir: $(cat "$tmp/py") $(why)"
	# Two runs: fresh keys, nonce and customer key each time.
	run "$B" attest "${m[@]}" --host-key-seed 5 --out-dir "$d.2"
	cmp -s "$d/arcb.bin" "$d.2/arcb.bin" &&
		fail "$V: attest: two requests are identical" ||
		pass "$V: attest: every request is fresh"
}

# ------------------------------------------- report / key / certs --

# In-guest commands, run here without a device: usage errors exit 2; no
# device, or a file that is not one, exits 3 with a message naming it.
fetch_tests() {
	local none=(--device "$tmp/no-coco" --sev-device "$tmp/no-sev")
	expect_rc "report: no -o" 2 report "${none[@]}"
	expect_rc "report: bad hex nonce" 2 report -o "$tmp/r" --nonce zz
	expect_rc "report: 65-byte nonce" 2 report -o "$tmp/r" \
		--nonce "$(printf '%0130d' 0)"
	expect_rc "report: --nonce with --random" 2 report -o "$tmp/r" \
		--nonce 00 --random
	expect_rc "report: --vmpl 4" 2 report -o "$tmp/r" --vmpl 4
	expect_rc "report: a verify option" 2 report -o "$tmp/r" --ark x
	expect_rc "report: a key option" 2 report -o "$tmp/r" --root vcek
	expect_rc "key: --root foo" 2 key --root foo
	expect_rc "key: --fields 0x40" 2 key --fields 0x40
	expect_rc "certs: no -o" 2 certs "${none[@]}"
	expect_rc "report --help" 0 report --help
	rm -f "$tmp/r"
	expect_rc "report: no device" 3 report -o "$tmp/r" "${none[@]}"
	grep -q "^report: no attestation device: neither $tmp/no-coco nor $tmp/no-sev exists" "$tmp/err" &&
		[ ! -e "$tmp/r" ] &&
		pass "$V: report: no device: the message names both, no file" ||
		fail "$V: report: no device: $(why)"
	expect_rc "report: /dev/null as /dev/coco-guest" 3 report -o "$tmp/r" \
		--device /dev/null
	grep -q "^report: /dev/null is not a coco-guest device" "$tmp/err" &&
		pass "$V: report: /dev/null: not a coco-guest device" ||
		fail "$V: report: /dev/null: $(why)"
	expect_rc "report: /dev/null as /dev/sev-guest" 3 report -o "$tmp/r" \
		--device "$tmp/no-coco" --sev-device /dev/null
	grep -q "^report: /dev/null: report request failed" "$tmp/err" &&
		pass "$V: report: falls back to the sev-guest ABI" ||
		fail "$V: report: fallback: $(why)"
	expect_rc "key: no device" 3 key "${none[@]}"
	expect_rc "certs: no device" 3 certs -o "$tmp/c" "${none[@]}"
}

# --------------------------------------------------------------- main --

for g in milan genoa; do
	openssl x509 -in "$data/ask_$g.pem" -outform der -out "$tmp/ask_$g.der"
	openssl x509 -in "$data/ark_$g.pem" -outform der -out "$tmp/ark_$g.der"
done
openssl x509 -inform der -in "$data/milan-v2-a.vcek.der" -out "$tmp/milan-v2-a.vcek.pem"
if make_synthetic_chain && synthetic_reports; then
	for c in ask vlek; do
		openssl x509 -in "$tmp/syn/$c.pem" -outform der -out "$tmp/syn/$c.der"
	done
	have_syn=1
else
	fail "could not build the synthetic Turin chain with openssl"
	have_syn=0
fi

unit_tests
openssl_tests
for V in native asan; do
	B=$native
	[ "$V" = asan ] && B=$asan
	if [ ! -x "$B" ]; then
		fail "$V: no binary $B"
		continue
	fi
	real_chain_tests
	flip_tests
	expectation_tests
	bad_input_tests
	json_tests
	table_tests
	[ "$have_syn" = 1 ] && synthetic_tests
	fuzz_tests
	s390_tests
	fetch_tests
done

echo "RESULT passed=$passed failed=$failed"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

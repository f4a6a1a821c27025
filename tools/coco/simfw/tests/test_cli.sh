#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# simfw-snp as other tests use it, checked with the openssl command line (a
# verifier that shares nothing with the library): the exported chain
# verifies, the report signature verifies with the VCEK's public key, and
# a chip is the same chip in every run.
#
#   test_cli.sh path/to/simfw-snp
set -uo pipefail

cli=$1
tmp=$(mktemp -d /tmp/simfw-cli-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0

check() {
	local what=$1
	shift
	if "$@" >"$tmp/last.log" 2>&1; then
		pass=$((pass + 1))
		echo "ok - $what"
	else
		fail=$((fail + 1))
		echo "not ok - $what"
		sed 's/^/    /' "$tmp/last.log"
	fi
}

# $3 bytes of file $1 at offset $2 as hex, one byte a line
hex_bytes() {
	od -An -v -tx1 -j "$2" -N "$3" "$1" | tr -s ' \n' '\n' | sed '/^$/d'
}

# R or S (72 bytes little-endian at $2) as big-endian hex
le_hex() {
	hex_bytes "$1" "$2" 72 | tac | tr -d '\n'
}

# $3 bytes at $2 as one hex string, in file order
hex() {
	hex_bytes "$1" "$2" "$3" | tr -d '\n'
}

verify_report() {
	local d=$1
	printf 'asn1=SEQUENCE:sig\n[sig]\nr=INTEGER:0x%s\ns=INTEGER:0x%s\n' \
		"$(le_hex "$d/report.bin" $((0x2a0)))" \
		"$(le_hex "$d/report.bin" $((0x2e8)))" >"$d/sig.cnf"
	openssl asn1parse -genconf "$d/sig.cnf" -out "$d/sig.der" >/dev/null &&
	head -c 672 "$d/report.bin" >"$d/signed.bin" &&
	openssl x509 -in "$d/vcek.pem" -pubkey -noout >"$d/vcek.pub" &&
	openssl dgst -sha384 -verify "$d/vcek.pub" -signature "$d/sig.der" \
		"$d/signed.bin"
}

nonce=00112233445566778899aabbccddeeff
check "simfw-snp writes a chip" \
	"$cli" --seed 0x5eed0001 --out "$tmp/a" --report-data "$nonce" --vmpl 1
for f in secrets.bin certs.bin ark.pem ask.pem vcek.pem vcek.der \
	 cert_chain.pem chip.txt report.bin; do
	check "$f exists" test -s "$tmp/a/$f"
done
check "secrets.bin is one page" test "$(stat -c %s "$tmp/a/secrets.bin")" -eq 4096
check "report.bin is one report" test "$(stat -c %s "$tmp/a/report.bin")" -eq 1184
check "openssl verify: ARK -> ASK -> VCEK" \
	openssl verify -CAfile "$tmp/a/ark.pem" -untrusted "$tmp/a/ask.pem" \
	"$tmp/a/vcek.pem"
check "openssl verify: cert_chain.pem" \
	openssl verify -CAfile "$tmp/a/ark.pem" -untrusted \
	"$tmp/a/cert_chain.pem" "$tmp/a/vcek.pem"
check "vcek.der is vcek.pem" \
	cmp <(openssl x509 -inform der -in "$tmp/a/vcek.der" -outform der) \
	    <(openssl x509 -in "$tmp/a/vcek.pem" -outform der)
check "openssl dgst: report signature verifies with the VCEK" \
	verify_report "$tmp/a"
check "REPORT_DATA is the nonce, zero-padded" \
	test "$(hex "$tmp/a/report.bin" $((0x50)) 64)" = \
	     "${nonce}$(printf '0%.0s' $(seq 1 96))"
check "VMPL 1" test "$(hex "$tmp/a/report.bin" $((0x30)) 4)" = 01000000
check "a flipped bit fails" bash -c "
	cp '$tmp/a/report.bin' '$tmp/a/good.bin'
	printf '\\x01' | dd of='$tmp/a/report.bin' bs=1 seek=$((0x90)) conv=notrunc 2>/dev/null
	! openssl dgst -sha384 -verify '$tmp/a/vcek.pub' -signature '$tmp/a/sig.der' \
		<(head -c 672 '$tmp/a/report.bin')"
check "the same seed gives the same chip" \
	"$cli" -s 0x5eed0001 -o "$tmp/b"
check "secrets.bin, chip.txt, keys identical across runs" bash -c "
	cmp '$tmp/a/secrets.bin' '$tmp/b/secrets.bin' &&
	cmp '$tmp/a/chip.txt' '$tmp/b/chip.txt' &&
	for c in ark ask vcek; do
		cmp <(openssl x509 -in '$tmp/a/'\$c.pem -pubkey -noout) \
		    <(openssl x509 -in '$tmp/b/'\$c.pem -pubkey -noout) || exit 1
	done"
check "another seed, another chip" bash -c "
	'$cli' -s 0x5eed0002 -o '$tmp/c' && ! cmp -s '$tmp/a/secrets.bin' '$tmp/c/secrets.bin'"
check "bad arguments are refused" bash -c "
	! '$cli' -s 1 2>/dev/null && ! '$cli' -o '$tmp/d' -v 4 2>/dev/null &&
	! '$cli' -o '$tmp/d' -r 0 2>/dev/null"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

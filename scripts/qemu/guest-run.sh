#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The in-guest test plan, run by the initramfs /init from /coco.  It is one
# TAP 13 block: every setup step and every selftest run is a test point, and
# the selftests' own TAP is shown indented as diagnostics.  Lines starting
# with "COCO-SUMMARY:" are what `make run` prints for people.
cd /coco || exit 1

# make bench: the bounce pool against swiotlb instead of the tests.
if [ "${COCO_BENCH:-0}" = 1 ]; then
	modprobe virtio 2>/dev/null
	insmod modules/coco_sim.ko &&
		insmod modules/coco_guest.ko virtio_policy=pool,kernel,nobounce &&
		{ modprobe virtio_pci 2>/dev/null; modprobe virtio_blk; } &&
		sleep 2 && ./selftests/coco_dma_bench
	exit $?
fi

plan=32
nr=0
failed=0
echo "TAP version 13"
echo "1..$plan"

result() {
	nr=$((nr + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $nr $2"
	else
		failed=$((failed + 1))
		echo "not ok $nr $2"
	fi
}

# Run one step; its output becomes TAP diagnostics.
step() {
	name=$1
	shift
	out=$("$@" 2>&1)
	rc=$?
	[ -z "$out" ] || echo "$out" | sed 's/^/# /'
	result "$rc" "$name"
}

# A selftest: exit 0 passes, 4 skips, anything else fails.
selftest() {
	name=$1
	shift
	out=$("$@" 2>&1)
	rc=$?
	echo "$out" | sed 's/^/# /'
	if [ "$rc" -eq 4 ]; then
		nr=$((nr + 1))
		echo "ok $nr $name # SKIP"
	else
		result "$rc" "$name"
	fi
}

# A selftest built for one architecture only: elsewhere it is a skip.
archtest() {
	if [ -x "$2" ]; then
		selftest "$@"
	else
		nr=$((nr + 1))
		echo "ok $nr $1 # SKIP not built for $(uname -m)"
	fi
}

summary() {
	d=/sys/kernel/coco_guest
	echo "COCO-SUMMARY: [$1] platform=$(cat $d/platform) seam=$(cat $d/seam) attributes=\"$(cat $d/attributes)\""
	for f in sev_status cbit uv_calls sev/cbit_verified \
		 sev/ghcb_version sev/hv_features \
		 sev/psc_exits sev/psc_entries sev/pvalidates sev/leaked_pages \
		 dma/slots_total dma/bytes_to_device dma/bytes_from_device \
		 dma/map_failures; do
		[ -r "$d/$f" ] && echo "COCO-SUMMARY: [$1]   $f: $(cat $d/$f)"
	done
}

echo "COCO-SUMMARY: kernel $(uname -r) on $(uname -m)"

# coco_guest uses the virtio core (a module on some kernels, built in on
# others); insmod does not resolve dependencies.
modprobe virtio 2>/dev/null
# The SNP guest messages use the crypto API's gcm(aes) (x86 initramfs);
# coco_guest's configfs-tsm provider needs tsm.ko where the kernel has it.
for m in tsm gcm ghash_generic ctr; do modprobe "$m" 2>/dev/null; done

# The simulated firmware (the AMD-SP; the UV's cryptography): a daemon
# behind coco_sim's firmware relay.  It provisions the SNP secrets page, so
# it starts before coco_guest loads.
start_simfwd() {
	[ -x ./simfwd ] || { echo "no simfwd for $(uname -m)"; return 4; }
	nosnp=
	[ "$(uname -m)" = s390x ] && nosnp=-S
	SIMFW_CACHE=/coco/simfw-cache ./simfwd -s 1 $nosnp </dev/null \
		>/tmp/simfwd.log 2>&1
	rc=$?
	cat /tmp/simfwd.log
	return $rc
}

simfwd_pid() {
	sed -n 's/^simfwd: .* as pid \([0-9]*\)$/\1/p' /tmp/simfwd.log 2>/dev/null
}

# A daemon that stops answering: the request fails with a firmware error
# once the relay gives up (after 1 s here), it does not hang.  That wipes
# the VMPCK, so this runs after every other user of the SNP channel.
snp_stuck_daemon() {
	t=/sys/kernel/debug/coco_guest/snp_report_test
	pid=$(simfwd_pid)
	if [ ! -r "$t" ] || [ -z "$pid" ]; then
		echo "no SNP channel here"
		return 4
	fi
	echo 1000 >/sys/module/coco_sim/parameters/relay_timeout_ms || return 1
	kill -STOP "$pid" || return 1
	t0=$(date +%s)
	res=$(grep '_result=' "$t")
	t1=$(date +%s)
	kill -CONT "$pid"
	echo "$res"
	echo "the stuck firmware call ended after $((t1 - t0)) s"
	echo "$res" | grep -q '^report_result=-5 exitinfo2=0xffffffff ' &&
		echo "$res" | grep -q '^key_result=-25 ' && [ $((t1 - t0)) -le 5 ]
}

# s390x, a daemon that stops answering: a caller killed while the UV
# answers busy goes at once; two callers with different requests both get
# the UV's refusal once the relay gives up (1 s a job here) instead of
# replacing each other's job forever; the daemon, continued, serves again.
uv_stuck_daemon() {
	[ "$(uname -m)" = s390x ] || { echo "s390x only"; return 4; }
	pid=$(simfwd_pid)
	if [ -z "$pid" ] || [ ! -x ./coco-attest ] || [ ! -c /dev/uv ]; then
		echo "no daemon, coco-attest or /dev/uv"
		return 4
	fi
	p=/sys/module/coco_sim/parameters/relay_timeout_ms
	echo 3000 >$p || return 1
	kill -STOP "$pid" || return 1
	./coco-attest attest --host-key-seed 1 --tags-seed 1 >/dev/null 2>&1 &
	k=$!
	sleep 1
	kill -9 "$k"
	( sleep 20; kill -9 "$k" 2>/dev/null ) &
	w=$!
	t0=$(date +%s)
	wait "$k"
	t1=$(date +%s)
	kill "$w" 2>/dev/null
	echo "killed while its firmware call was pending: gone after $((t1 - t0)) s"
	[ $((t1 - t0)) -le 2 ] || { kill -CONT "$pid"; return 1; }
	sleep 3				# let the killed caller's job expire
	echo 1000 >$p || return 1
	t0=$(date +%s)
	./coco-attest attest --host-key-seed 1 --tags-seed 1 >/tmp/uvs.1 2>&1 &
	a=$!
	./coco-attest attest --host-key-seed 1 --tags-seed 1 >/tmp/uvs.2 2>&1 &
	b=$!
	( sleep 20; kill -9 "$a" "$b" 2>/dev/null ) &
	w=$!
	wait "$a"
	ra=$?
	wait "$b"
	rb=$?
	t1=$(date +%s)
	kill "$w" 2>/dev/null
	kill -CONT "$pid"
	head -n 1 /tmp/uvs.1 /tmp/uvs.2
	echo "two callers, stuck daemon: exit $ra and $rb after $((t1 - t0)) s"
	ok=$(./coco-attest attest --host-key-seed 1 --tags-seed 1 2>&1)
	rc=$?
	echo "continued daemon: $(echo "$ok" | tail -n 1)"
	[ "$ra" -eq 3 ] && [ "$rb" -eq 3 ] && [ $((t1 - t0)) -le 10 ] &&
		grep -q 'rc 0x010c' /tmp/uvs.1 && grep -q 'rc 0x010c' /tmp/uvs.2 &&
		[ "$rc" -eq 0 ]
}

# configfs-tsm, on kernels with the TSM core: one report instance; every
# write bumps generation, outblob is made on read and cached until the next
# write, REPORT_DATA echoes the inblob, privlevel becomes the VMPL.
tsm_report() {
	r=/sys/kernel/config/tsm/report
	[ -d "$r" ] || { echo "no configfs-tsm in $(uname -r)"; return 4; }
	d=$r/coco0
	mkdir "$d" || return 1
	tsm_report_checks "$d"
	rc=$?
	rmdir "$d" || rc=1
	return $rc
}

tsm_report_checks() {
	d=$1
	prov=$(cat "$d/provider")
	echo "provider: $prov"
	[ "$prov" = coco_guest_snp ] || { echo "not coco_guest's SNP provider"; return 1; }
	g0=$(cat "$d/generation")
	head -c 64 /dev/urandom >/tmp/tsm.nonce
	dd if=/tmp/tsm.nonce of="$d/inblob" bs=64 count=1 2>/dev/null || return 1
	g1=$(cat "$d/generation")
	cat "$d/outblob" >/tmp/tsm.out || return 1
	cat "$d/auxblob" >/tmp/tsm.aux || return 1
	size=$(wc -c </tmp/tsm.out)
	aux=$(wc -c </tmp/tsm.aux)
	dd if=/tmp/tsm.out of=/tmp/tsm.rd bs=1 skip=80 count=64 2>/dev/null
	echo "generation $g0 -> $g1, outblob $size bytes, auxblob $aux bytes"
	[ "$g1" -eq $((g0 + 1)) ] && [ "$size" -eq 1184 ] && [ "$aux" -gt 24 ] ||
		return 1
	cmp /tmp/tsm.rd /tmp/tsm.nonce || { echo "REPORT_DATA is not the inblob"; return 1; }
	cmp -s "$d/outblob" /tmp/tsm.out ||
		{ echo "a second read made a new report"; return 1; }
	echo 2 >"$d/privlevel" || return 1
	g2=$(cat "$d/generation")
	cat "$d/outblob" >/tmp/tsm.out2 || return 1
	vmpl=$(od -An -tu1 -j 48 -N 1 /tmp/tsm.out2 | tr -d ' ')
	echo "privlevel 2: generation $g2, report VMPL $vmpl"
	[ "$g2" -eq $((g1 + 1)) ] && [ "$vmpl" = 2 ] || return 1
	head -c 16 /dev/urandom >"$d/inblob" || return 1
	if cat "$d/outblob" >/dev/null 2>&1; then
		echo "a 16-byte inblob made a report"
		return 1
	fi
	echo "16-byte inblob: no report (64 bytes are required)"
}

# s390x: coco-attest attest in the guest, pvattest's create, perform and
# verify in one go: fresh keys for the daemon's host key (seed 1), through
# /dev/uv, verified against the simulated image's tags (seed 1) and the
# CUID the UV returned.  Another image's tags must fail the measurement,
# a request for another machine's host key (seed 2) the UV (exit 3).
attest_uv_in_guest() {
	if [ ! -x ./coco-attest ] || [ ! -c /dev/uv ]; then
		echo "no coco-attest or no /dev/uv"
		return 4
	fi
	ok=$(./coco-attest attest --host-key-seed 1 --tags-seed 1 --add all \
		--user-data c0c0a77e57 -v 2>&1)
	orc=$?
	echo "$ok"
	bad=$(./coco-attest attest --host-key-seed 1 --tags-seed 2 2>&1)
	brc=$?
	echo "$bad"
	oth=$(./coco-attest attest --host-key-seed 2 --tags-seed 1 2>&1)
	hrc=$?
	echo "$oth"
	echo "COCO-SUMMARY: [attestation] coco-attest attest in the guest through /dev/uv (fresh ARCB for the daemon's host key, HMAC-SHA512 recomputed): $(echo "$ok" | tail -n 1), cuid $(echo "$ok" | sed -n 's/^cuid: //p')"
	echo "COCO-SUMMARY: [attestation] against another image's tags: $(echo "$bad" | head -n 1)"
	echo "COCO-SUMMARY: [attestation] for another machine's host key: $(echo "$oth" | head -n 1)"
	[ "$orc" -eq 0 ] && [ "$brc" -eq 1 ] && [ "$hrc" -eq 3 ] &&
		echo "$bad" | head -n 1 | grep -q '^attest: FAIL measurement: ' &&
		echo "$oth" | grep -q 'rc 0x010c'
}

# coco-attest in the guest: a report bound to a fresh random nonce, with
# the certificate table of the same request, through /dev/coco-guest;
# verified here against the simulated ARK (simfw-snp with the daemon's
# seed, copied in at build time).  One bit flipped in MEASUREMENT must
# fail verify at the signature.  The lines end make run's summary.
attest_in_guest() {
	[ "$(uname -m)" = s390x ] && { attest_uv_in_guest; return; }
	if [ ! -x ./coco-attest ] || [ ! -c /dev/coco-guest ]; then
		echo "no coco-attest or no /dev/coco-guest for $(uname -m)"
		return 4
	fi
	out=$(./coco-attest report -o /tmp/att.bin --certs-out /tmp/att.certs) ||
		{ echo "$out"; return 1; }
	echo "$out"
	nonce=$(echo "$out" | sed -n 's/^nonce: //p')
	ver=$(./coco-attest verify /tmp/att.bin --certs /tmp/att.certs \
		--ark ./ark.pem --nonce "$nonce" 2>&1)
	vrc=$?
	echo "$ver"
	cp /tmp/att.bin /tmp/att.bad
	b=$(od -An -tu1 -j 144 -N 1 /tmp/att.bin | tr -d ' ')
	# shellcheck disable=SC2059
	printf "\\$(printf %03o $((b ^ 1)))" |
		dd of=/tmp/att.bad bs=1 seek=144 count=1 conv=notrunc 2>/dev/null
	bad=$(./coco-attest verify /tmp/att.bad --certs /tmp/att.certs \
		--ark ./ark.pem --nonce "$nonce" 2>&1)
	brc=$?
	echo "$bad"
	echo "COCO-SUMMARY: [attestation] coco-attest report in the guest: 1184-byte SNP report from /dev/coco-guest, REPORT_DATA = random nonce ${nonce%"${nonce#????????????????}"}..., $(wc -c </tmp/att.certs) bytes of certificate table"
	echo "COCO-SUMMARY: [attestation] coco-attest verify in the guest against the simulated ARK: $(echo "$ver" | tail -n 1)"
	echo "COCO-SUMMARY: [attestation] the same report with one MEASUREMENT bit flipped: $(echo "$bad" | head -n 1)"
	[ "$vrc" -eq 0 ] && [ "$brc" -eq 1 ] &&
		echo "$bad" | head -n 1 | grep -q '^verify: FAIL signature: ' ||
		return 1
	# Without /dev/coco-guest: the same through the upstream ABI device,
	# and the same derived key through both.
	[ -c /dev/sev-guest ] || return 0
	fb=$(./coco-attest report --device /nonexistent -o /tmp/att2.bin \
		--certs-out /tmp/att2.certs --nonce c0c0) || { echo "$fb"; return 1; }
	echo "$fb" | grep -q 'from /dev/sev-guest$' || { echo "$fb"; return 1; }
	./coco-attest verify /tmp/att2.bin --certs /tmp/att2.certs \
		--ark ./ark.pem --nonce c0c0 || return 1
	k1=$(./coco-attest key --fields 8) && k2=$(./coco-attest key --fields 8 \
		--device /nonexistent) || return 1
	echo "derived key (measurement mixed in): /dev/coco-guest ${k1#key: }, /dev/sev-guest ${k2#key: }"
	[ "$k1" = "$k2" ]
}

# No daemon at all (it exited): the request fails at once.  VMPCK0 was
# wiped by the stuck-daemon test, so coco_guest comes back on VMPCK1.
snp_dead_daemon() {
	t=/sys/kernel/debug/coco_guest/snp_report_test
	[ "$(uname -m)" = x86_64 ] || { echo "x86 only"; return 4; }
	insmod modules/coco_guest.ko snp_vmpck_id=1 || return 1
	t0=$(date +%s)
	res=$(grep '^report_result=' "$t")
	t1=$(date +%s)
	rmmod coco_guest || return 1
	echo "$res"
	echo "answered after $((t1 - t0)) s"
	echo "$res" | grep -q '^report_result=-5 exitinfo2=0xffffffff ' &&
		[ $((t1 - t0)) -le 2 ]
}

# It must still be alive; once it is gone coco_sim can be unloaded.
stop_simfwd() {
	pid=$(simfwd_pid)
	[ -n "$pid" ] || return 0
	kill "$pid" || return 1
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ -d "/proc/$pid" ] || return 0
		grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null && return 0
		sleep 1
	done
	echo "simfwd (pid $pid) did not exit"
	return 1
}

# A CPU onlined after coco_guest loaded gets a GHCB of its own (CPU hotplug
# callback): with CPU 1 offline at load there is one GHCB; once CPU 1 is
# online, 64 pages shared and unshared from it take one page state change
# exit each way (through its GHCB, not 64 MSR-protocol exits); offline and
# online again, the same GHCB is registered anew and serves the same way.
ghcb_hotplug() {
	[ "$(uname -m)" = x86_64 ] || { echo "x86 only"; return 4; }
	c=/sys/devices/system/cpu/cpu1/online
	[ -w "$c" ] || { echo "no CPU 1 to take offline"; return 4; }
	echo 0 >"$c" || return 1
	if ! insmod modules/coco_guest.ko; then
		echo 1 >"$c"
		return 1
	fi
	ghcb_hotplug_checks
	rc=$?
	# Whatever happened, leave CPU 1 online and coco_guest unloaded.
	echo 1 >"$c"
	rmmod coco_guest || rc=1
	return $rc
}

ghcb_hotplug_checks() {
	g=/sys/kernel/coco_guest/sev/ghcbs
	t=/sys/kernel/debug/coco_guest/snp_share_test
	before=$(cat "$g")
	echo 1 >"$c" || return 1
	after=$(cat "$g")
	taskset -c 1 sh -c "echo 64 >$t" || return 1
	first=$(cat "$t")
	echo 0 >"$c" && echo 1 >"$c" || return 1
	taskset -c 1 sh -c "echo 64 >$t" || return 1
	again=$(cat "$t")
	echo "GHCBs: $before with CPU 1 offline at load, $after once it is online"
	echo "from CPU 1: $first"
	echo "after offline/online: $again, GHCBs $(cat "$g")"
	[ "$before" = 1 ] && [ "$after" = 2 ] &&
		[ "$first" = "pages=64 entries=128 exits=2 result=0" ] &&
		[ "$again" = "$first" ]
}

# The C-bit check (threats.md 6) ran at load, on the model's SNP guest.
cbit_verified() {
	[ "$(uname -m)" = x86_64 ] || { echo "x86 only"; return 4; }
	v=$(cat /sys/kernel/coco_guest/sev/cbit_verified) || return 1
	dmesg | grep "C-bit position" | tail -n 1
	[ "$v" = verified ]
}

# A hypervisor that lies about the C-bit in CPUID 0x8000001F (and in the
# GHCB SEV information): coco_guest must refuse to load and say why.
cbit_lie_refused() {
	[ "$(uname -m)" = x86_64 ] || { echo "x86 only"; return 4; }
	insmod modules/coco_sim.ko sev=es cbit_lie=47 || return 1
	if insmod modules/coco_guest.ko; then
		echo "coco_guest loaded although CPUID lied about the C-bit"
		rmmod coco_guest
		rmmod coco_sim
		return 1
	fi
	msg=$(dmesg | grep "failed verification" | tail -n 1)
	echo "$msg"
	dmesg | grep "termination reason set" | tail -n 1
	rmmod coco_sim || return 1
	echo "$msg" | grep -q "C-bit position 47 .*lies about the C-bit"
}

# A native driver already owns the upstream-ABI device's name (coco_sim
# registers a placeholder under it): coco_guest leaves the name alone and
# says why; the placeholder stays the one behind it; /dev/coco-guest is
# still offered.
native_name_kept() {
	case "$(uname -m)" in
	x86_64) n=sev-guest ;;
	s390x) n=uv ;;
	*) echo "no upstream-ABI device here"; return 4 ;;
	esac
	insmod modules/coco_sim.ko native_name=$n || return 1
	# The SNP device is offered only with firmware behind it.
	if [ "$n" = sev-guest ] && ! start_simfwd >/dev/null; then
		rmmod coco_sim
		return 1
	fi
	if ! insmod modules/coco_guest.ko; then
		[ "$n" = sev-guest ] && stop_simfwd
		rmmod coco_sim
		return 1
	fi
	msg=$(dmesg | grep "/dev/$n not offered" | tail -n 1)
	echo "$msg"
	ok=0
	echo "$msg" | grep -q "taken by another driver" || ok=1
	[ -c /dev/coco-guest ] || { echo "no /dev/coco-guest"; ok=1; }
	if cat "/dev/$n" >/dev/null 2>&1; then
		echo "/dev/$n opened: it is not the placeholder"
		ok=1
	fi
	rmmod coco_guest || ok=1
	if [ "$n" = sev-guest ]; then
		stop_simfwd || ok=1
	fi
	rmmod coco_sim || ok=1
	return $ok
}

# 1. The real machine, through the real seam.
step "insmod coco_guest (real seam)" insmod modules/coco_guest.ko
selftest "coco_detect_test (real seam)" ./selftests/coco_detect_test
selftest "coco_sev_test (real seam)" ./selftests/coco_sev_test
selftest "coco_uv_test (real seam)" ./selftests/coco_uv_test
summary "real hardware"
step "rmmod coco_guest" rmmod coco_guest

# 2. The simulated confidential platform.
step "insmod coco_sim" insmod modules/coco_sim.ko
selftest "simfwd: firmware daemon behind coco_sim" start_simfwd
step "insmod coco_guest (coco_sim seam)" insmod modules/coco_guest.ko
selftest "C-bit verified at load (coco_sim seam)" cbit_verified
selftest "coco_detect_test (coco_sim seam)" ./selftests/coco_detect_test
selftest "coco_sev_test (coco_sim seam)" ./selftests/coco_sev_test
selftest "coco_uv_test (coco_sim seam)" ./selftests/coco_uv_test
selftest "coco_vc_test (coco_sim seam)" ./selftests/coco_vc_test
selftest "coco_snp_test (coco_sim seam)" ./selftests/coco_snp_test

# Virtio disks through the bounce pool (the transport may be built in).
load_virtio_blk() {
	modprobe virtio_pci 2>/dev/null
	modprobe virtio_blk || return 1
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ -b /dev/vdb ] && return 0
		sleep 1
	done
	echo "no /dev/vdb after loading virtio_blk"
	return 1
}
step "modprobe virtio_blk" load_virtio_blk
selftest "coco_dma_test (coco_sim seam)" ./selftests/coco_dma_test
dmesg | grep -i "refused: virtio" | sed 's/^/# /'
step "rmmod virtio_blk" rmmod virtio_blk
# s390x attestation end to end: the host's requests, the firmware daemon
# (it adds a secret: before the ABI test locks the store).
archtest "coco_uv_attest_test (coco_sim seam)" ./selftests/coco_uv_attest_test
# Upstream-ABI clients (they lock the simulated UV secret store: keep last).
archtest "coco_sevguest_abi_test (coco_sim seam)" ./selftests/coco_sevguest_abi_test
archtest "coco_uvdev_abi_test (coco_sim seam)" ./selftests/coco_uvdev_abi_test
# The unified device and configfs-tsm (both ask the same firmware daemon).
selftest "coco_guest_dev_test (coco_sim seam)" ./selftests/coco_guest_dev_test
selftest "configfs-tsm report (coco_sim seam)" tsm_report
summary "simulated platform"
selftest "coco-attest report + verify in the guest (coco_sim seam)" attest_in_guest
selftest "SNP request with a stuck firmware daemon fails, no hang" snp_stuck_daemon
selftest "UV calls with a stuck firmware daemon: killable, no livelock" uv_stuck_daemon
step "rmmod coco_guest (coco_sim seam)" rmmod coco_guest
selftest "a CPU onlined after load gets its GHCB (coco_sim seam)" ghcb_hotplug
step "stop simfwd" stop_simfwd
selftest "SNP request with no firmware daemon fails at once" snp_dead_daemon
step "rmmod coco_sim" rmmod coco_sim

# 3. A hostile hypervisor's lie about the C-bit.
selftest "coco_guest refuses a lying C-bit (coco_sim sev=es cbit_lie=47)" cbit_lie_refused
selftest "a native driver's device name is left alone (coco_sim native_name=)" native_name_kept

echo "# Totals: pass:$((nr - failed)) fail:$failed"
[ "$failed" -eq 0 ]

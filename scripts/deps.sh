#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# The one dependency installer of coco-guest.
#
# usage: scripts/deps.sh [GROUP...]     (no GROUP: all of them)
#   GROUP: host x86_64-6.1 x86_64-6.12 s390x-6.1 checkpatch
#
# Idempotent and fast when everything is there: the fast path only runs
# dpkg-query and file tests (no apt), so make targets may call it every time.
# Kernel images, s390x runtime pieces and checkpatch are unpacked into
# ${COCO_CACHE:-$HOME/.cache/coco-guest}, never installed into the system
# (installing an image would run initramfs/bootloader hooks).
set -euo pipefail

CACHE=${COCO_CACHE:-$HOME/.cache/coco-guest}
PATH=$PATH:/usr/sbin:/sbin # depmod, for non-root users too
VALID_GROUPS="host x86_64-6.1 x86_64-6.12 s390x-6.1 checkpatch"

# linux-libc-dev(-s390x-cross): the distro uapi headers (linux/sev-guest.h,
# asm/uvdevice.h) the upstream-ABI selftests are compiled against.
HOST_PKGS=(qemu-system-x86 qemu-system-misc qemu-user-static busybox-static
	gcc-s390x-linux-gnu libc6-dev-s390x-cross libssl-dev sparse
	linux-libc-dev linux-libc-dev-s390x-cross
	libcmocka-dev clang libclang-rt-14-dev cpio make gcc kmod xz-utils
	shellcheck valgrind gawk openssl python3)

say() { printf 'deps: %s\n' "$*"; }
die() { printf 'deps: error: %s\n' "$*" >&2; exit 1; }

# Downloads are unpacked next to their final place (same file system, so
# the last step is an atomic mv) and removed on exit, even after an error.
trap 'rm -rf "$CACHE"/.dl.$$.*' EXIT
newtmp() {
	local t="$CACHE/.dl.$$.$1"
	rm -rf "$t"
	mkdir -p "$t"
	printf '%s\n' "$t"
}

SUDO=()
if [ "$EUID" -ne 0 ]; then
	SUDO=(sudo)
fi

# apt-get that waits for a concurrent apt/dpkg (another engineer may be
# installing) instead of failing on the lock.  $1: "root" or "user".
apt_run() {
	local who=$1 log try
	shift
	local pre=() opts=(-q -o DPkg::Lock::Timeout=600)
	if [ "$who" = root ]; then
		pre=("${SUDO[@]}")
	elif [ "$EUID" -eq 0 ]; then
		# Downloads land under $HOME (mode 700): _apt cannot write there.
		opts+=(-o APT::Sandbox::User=root)
	fi
	log=$(mktemp)
	for try in $(seq 1 120); do
		if "${pre[@]}" env DEBIAN_FRONTEND=noninteractive \
			apt-get "${opts[@]}" "$@" >"$log" 2>&1; then
			rm -f "$log"
			return 0
		fi
		grep -q -e 'Could not get lock' -e 'Unable to acquire' "$log" || break
		[ "$try" -gt 1 ] || say "waiting for another apt/dpkg to finish ..."
		sleep 5
	done
	sed 's/^/deps:   /' "$log" | tail -n 15 >&2
	rm -f "$log"
	return 1
}

APT_UPDATED=0
apt_update_once() {
	[ "$APT_UPDATED" -eq 0 ] || return 0
	say "apt-get update ..."
	apt_run root update || die "apt-get update failed"
	APT_UPDATED=1
}

# Print the packages of "$@" that are not installed (one per line).
missing_pkgs() {
	local have p
	# dpkg-query fails for names it has never seen: those are missing too.
	have=" $({ dpkg-query -W -f='${Package} ${Status}\n' "$@" 2>/dev/null || true; } |
		awk '$3 == "ok" && $4 == "installed" { printf "%s ", $1 }')"
	for p in "$@"; do
		[[ $have == *" ${p%:*} "* ]] || printf '%s\n' "$p"
	done
}

# apt cannot provide $1 (no candidate version)?
no_candidate() {
	local cand
	cand=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }')
	[ -z "$cand" ] || [ "$cand" = "(none)" ]
}

ensure_pkgs() {
	local missing p
	mapfile -t missing < <(missing_pkgs "$@")
	[ "${#missing[@]}" -gt 0 ] || return 0
	apt_update_once
	for p in "${missing[@]}"; do
		! no_candidate "$p" || die "package $p is not available from apt"
	done
	say "installing ${missing[*]} ..."
	apt_run root install -y --no-install-recommends "${missing[@]}" ||
		die "apt-get install ${missing[*]} failed"
}

# apt-get download into directory $1 the packages "${@:2}" (pkg[:arch][=ver]).
try_download() {
	local dir=$1
	shift
	(cd "$dir" && apt_run user download "$@")
}
apt_download() {
	try_download "$@" || die "cannot download ${*:2} (not available from apt?)"
}

# Version field of .deb file $1.
deb_version() { dpkg-deb -f "$1" Version; }

ensure_s390x_arch() {
	[[ " $(dpkg --print-foreign-architectures | tr '\n' ' ') " != *" s390x "* ]] ||
		return 0
	# Only so that apt can *download* s390x packages; none get installed.
	say "adding dpkg architecture s390x (for apt-get download only)"
	"${SUDO[@]}" dpkg --add-architecture s390x
	APT_UPDATED=0
	apt_update_once
}

# Candidate version of $1, "" when none.
candidate() {
	apt-cache policy "$1" 2>/dev/null |
		awk '/Candidate:/ && $2 != "(none)" { print $2 }'
}

# Unpack s390x packages "${@:2}" into the cache dir $1 (stamp-guarded).
s390x_unpack() {
	local dest=$1 tmp d
	shift
	[ -f "$dest/.stamp" ] && return 0
	ensure_s390x_arch
	apt_update_once
	say "downloading $* ..."
	tmp=$(newtmp "${dest##*/}")
	apt_download "$tmp" "$@"
	mkdir "$tmp/x"
	for d in "$tmp"/*.deb; do
		dpkg-deb -x "$d" "$tmp/x"
		printf '%s %s\n' "$(dpkg-deb -f "$d" Package)" "$(deb_version "$d")" \
			>>"$tmp/x/.stamp"
	done
	rm -rf "$dest"
	mkdir -p "$(dirname "$dest")"
	mv "$tmp/x" "$dest"
	rm -rf "$tmp"
}

group_host() {
	ensure_pkgs "${HOST_PKGS[@]}"
	mkdir -p "$CACHE/s390x"
	s390x_unpack "$CACHE/s390x/busybox" busybox-static:s390x
	if [ ! -f "$CACHE/s390x/cmocka/.stamp" ]; then
		s390x_unpack "$CACHE/s390x/cmocka" libcmocka0:s390x libcmocka-dev:s390x
		local lib="$CACHE/s390x/cmocka/usr/lib/s390x-linux-gnu"
		if [ -f "$lib/libcmocka.a" ]; then
			say "s390x cmocka: static $lib/libcmocka.a"
		else
			say "s390x cmocka: shared only ($lib/libcmocka.so*), no .a"
		fi
	fi
	# libcrypto for the s390x guest's firmware daemon (tools/coco/simfw,
	# linked statically): headers and libcrypto.a of Debian's s390x build.
	s390x_unpack "$CACHE/s390x/openssl" libssl-dev:s390x libssl3:s390x
}

# Headers meta package $2 is installed; print "KREL VERSION" of the headers
# it pulls in (e.g. "6.1.0-56-amd64 6.1.192-2").
meta_krel() {
	local dep hdr ver
	dep=$(dpkg-query -W -f='${Depends}' "$1" 2>/dev/null) || return 1
	hdr=${dep%%[ ,]*}
	[[ $hdr == linux-headers-* ]] || return 1
	ver=$(dpkg-query -W -f='${Version}' "$hdr" 2>/dev/null) || return 1
	printf '%s %s\n' "${hdr#linux-headers-}" "$ver"
}

# Uncompressed vmlinux (ELF with a PVH entry note) out of bzImage $1 into $2:
# QEMU boots it directly, skipping the in-guest decompression, which costs
# ~4 s under TCG for 6.1's xz.  Same method as the kernel's extract-vmlinux.
extract_vmlinux() {
	local img=$1 out=$2 m magic tool p
	for m in 'xz:\xfd7zXZ' 'zstd:\x28\xb5\x2f\xfd' 'gzip:\x1f\x8b\x08'; do
		tool=${m%%:*}
		printf -v magic '%b' "${m#*:}"
		while read -r p; do
			# Bytes after the stream make the tool fail: judge the result.
			tail -c +$((p + 1)) "$img" | "$tool" -dcq >"$out" 2>/dev/null || true
			! cmp -s -n 4 "$out" <(printf '\177ELF') || return 0
		done < <(LC_ALL=C grep -abo -F "$magic" "$img" | cut -d: -f1)
	done
	rm -f "$out"
	return 1
}

# x86_64 cell $1 from headers meta package $2: headers installed in the
# system, the image of exactly the same version unpacked into the cache.
group_x86() {
	local meta=$2 dir="$CACHE/kernels/$1" kv krel ver tmp
	ensure_pkgs make gcc kmod xz-utils zstd
	if ! kv=$(meta_krel "$meta") ||
		[ -n "$(missing_pkgs "$meta" "linux-headers-${kv% *}")" ]; then
		ensure_pkgs "$meta"
		kv=$(meta_krel "$meta") || die "cannot resolve the headers of $meta"
	fi
	krel=${kv% *} ver=${kv#* }
	if [ -f "$dir/.stamp" ] && [ "$(<"$dir/.stamp")" = "$kv" ] &&
		[ -f "$dir/boot/vmlinux-$krel" ]; then
		return 0
	fi
	apt_update_once
	say "downloading x86_64 kernel $krel ($ver) ..."
	tmp=$(newtmp "$1")
	if ! try_download "$tmp" "linux-image-$krel=$ver"; then
		# The archive moved on (security updates drop old versions):
		# upgrade the headers, then take the image matching them.
		say "linux-image-$krel=$ver is gone from apt; upgrading $meta ..."
		apt_run root install -y --no-install-recommends "$meta" ||
			die "apt-get install $meta failed"
		kv=$(meta_krel "$meta") || die "cannot resolve the headers of $meta"
		krel=${kv% *} ver=${kv#* }
		say "downloading x86_64 kernel $krel ($ver) ..."
		apt_download "$tmp" "linux-image-$krel=$ver"
	fi
	mkdir "$tmp/x"
	dpkg-deb -x "$tmp"/linux-image-*.deb "$tmp/x"
	[ -f "$tmp/x/boot/vmlinuz-$krel" ] || die "no vmlinuz in linux-image-$krel"
	extract_vmlinux "$tmp/x/boot/vmlinuz-$krel" "$tmp/x/boot/vmlinux-$krel" ||
		die "cannot extract vmlinux from vmlinuz-$krel"
	# The package has no modules.dep (its postinst makes it): make it here.
	depmod -b "$tmp/x" "$krel"
	printf '%s\n' "$krel" >"$tmp/x/KREL"
	printf '%s\n' "$kv" >"$tmp/x/.stamp"
	mkdir -p "$CACHE/kernels"
	rm -rf "$dir"
	mv "$tmp/x" "$dir"
	rm -rf "$tmp"
	say "x86_64 kernel $krel ready in $dir"
}

# s390x 6.1: image + headers unpacked into the cache, made usable on amd64
# by pointing the headers at the amd64 linux-kbuild-6.1 of the same version.
group_s390x() {
	local dir="$CACHE/kernels/s390x-6.1" kv krel ver abi tmp root d kb
	# The cross compiler the s390x headers use ($(CROSS_COMPILE)gcc-12).
	ensure_pkgs gcc-s390x-linux-gnu make kmod
	[ -f "$dir/.stamp" ] && return 0
	ensure_s390x_arch
	apt_update_once
	# Prefer the ABI of the amd64 6.1 headers; Debian LTS (bookworm-security)
	# has no s390x, so fall back to the newest s390x 6.1 image in the archive.
	kv=$(meta_krel linux-headers-amd64 2>/dev/null || true)
	abi=${kv%-amd64 *}
	ver=${kv#* }
	if [ -z "$kv" ] || [ "$(candidate "linux-image-$abi-s390x:s390x")" != "$ver" ]; then
		local dep
		dep=$({ apt-cache show "linux-image-s390x:s390x=$(candidate linux-image-s390x:s390x)" 2>/dev/null || true; } |
			awk -F': ' '/^Depends:/ { print $2; exit }')
		d=${dep%%[ ,]*}
		[[ $d == linux-image-6.1.*-s390x ]] ||
			die "package linux-image-s390x:s390x (6.1) is not available from apt"
		[ -z "$kv" ] || say "note: no s390x build of ${kv% *} ($ver); using ${d#linux-image-}"
		krel=${d#linux-image-}
		ver=$(candidate "$d:s390x")
	else
		krel=$abi-s390x
	fi
	abi=${krel%-s390x}
	say "downloading s390x kernel $krel ($ver) ..."
	tmp=$(newtmp s390x-6.1)
	apt_download "$tmp" "linux-image-$krel:s390x=$ver" \
		"linux-headers-$krel:s390x=$ver" "linux-headers-$abi-common=$ver" \
		"linux-kbuild-6.1:amd64=$ver"
	root=$tmp/x/root
	mkdir -p "$root"
	for d in "$tmp"/*.deb; do
		[ "$(deb_version "$d")" = "$ver" ] ||
			die "$(basename "$d") is not version $ver"
		dpkg-deb -x "$d" "$root"
	done
	# The headers' scripts/ and tools/ are relative symlinks to
	# ../../lib/linux-kbuild-6.1: inside root/ they now reach the amd64
	# helpers (fixdep, modpost, ...) just unpacked, not s390x binaries.
	kb=$root/usr/lib/linux-kbuild-6.1
	# ELF e_machine at offset 18: 0x3e = x86-64.
	[ "$(od -An -tx1 -j18 -N2 "$kb/scripts/basic/fixdep" | tr -d ' ')" = 3e00 ] ||
		die "linux-kbuild-6.1 helpers in $kb are not amd64"
	for d in "$root/usr/src/linux-headers-$krel" "$root/usr/src/linux-headers-$abi-common"; do
		[ "$(readlink "$d/scripts")" = ../../lib/linux-kbuild-6.1/scripts ] ||
			die "unexpected $d/scripts link"
	done
	depmod -b "$root" "$krel"
	# The arch Makefile includes the common one by absolute /usr/src path:
	# make it relative so the tree works wherever the cache lives.
	printf '%s\n' "include \$(dir \$(lastword \$(MAKEFILE_LIST)))../linux-headers-$abi-common/Makefile" \
		>"$root/usr/src/linux-headers-$krel/Makefile"
	printf '%s\n' "$krel" >"$tmp/x/KREL"
	printf '%s %s\n' "$krel" "$ver" >"$tmp/x/.stamp"
	mkdir -p "$CACHE/kernels"
	rm -rf "$dir"
	mv "$tmp/x" "$dir"
	rm -rf "$tmp"
	say "s390x kernel $krel ready in $dir/root (with amd64 linux-kbuild-6.1 $ver)"
}

# checkpatch.pl and the data files it looks for next to itself.
group_checkpatch() {
	local dir="$CACHE/checkpatch" tmp deb ver
	[ -f "$dir/.stamp" ] && return 0
	ensure_pkgs perl xz-utils
	apt_update_once
	say "downloading linux-source-6.1 for checkpatch.pl ..."
	tmp=$(newtmp checkpatch)
	apt_download "$tmp" linux-source-6.1
	deb=$(echo "$tmp"/linux-source-6.1_*.deb)
	ver=$(deb_version "$deb")
	mkdir "$tmp/x"
	# Stream: deb -> inner tar.xz -> only the three files (no 140 MB on disk).
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO ./usr/src/linux-source-6.1.tar.xz |
		tar -xJ -C "$tmp/x" --strip-components=2 \
			linux-source-6.1/scripts/checkpatch.pl \
			linux-source-6.1/scripts/spelling.txt \
			linux-source-6.1/scripts/const_structs.checkpatch
	printf 'linux-source-6.1 %s\n' "$ver" >"$tmp/x/.stamp"
	rm -rf "$dir"
	mv "$tmp/x" "$dir"
	rm -rf "$tmp"
	say "checkpatch.pl ($ver) ready in $dir"
}

run_group() {
	case $1 in
	host) group_host ;;
	x86_64-6.1) group_x86 x86_64-6.1 linux-headers-amd64 ;;
	x86_64-6.12) group_x86 x86_64-6.12 linux-headers-6.12-amd64 ;;
	s390x-6.1) group_s390x ;;
	checkpatch) group_checkpatch ;;
	esac
}

main() {
	local g sel=("$@")
	[ $# -gt 0 ] || read -r -a sel <<<"$VALID_GROUPS"
	for g in "${sel[@]}"; do
		[[ " $VALID_GROUPS " == *" $g "* ]] || {
			printf 'deps: unknown group "%s"; valid: %s\n' "$g" "$VALID_GROUPS" >&2
			exit 2
		}
	done
	# One deps.sh at a time per cache (make -j may start several): the
	# others wait here, then find everything done.
	mkdir -p "$CACHE"
	exec 9>"$CACHE/.lock"
	flock 9
	for g in "${sel[@]}"; do
		run_group "$g"
	done
}

main "$@"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build the initramfs of a coco-guest test VM.
#
# usage: [KMODS="mod ..."] scripts/qemu/mkinitramfs.sh ARCH KERNEL STAGEDIR OUT.cpio.gz
#
# Content: static busybox of ARCH + applet links, /init (mounts proc, sysfs,
# devtmpfs, debugfs, configfs; runs /coco/guest-run.sh; prints
# "COCO-GUEST-DONE rc=N"; reboot -f), STAGEDIR copied to /coco/, and the
# Debian modules "configfs $KMODS" with their dependencies in
# /lib/modules/KREL (decompressed to .ko, modules.dep remade by depmod).
# Needs no root and no fakeroot: cpio -R 0:0 makes every file root-owned and
# /dev/console is written as a hand-made newc entry.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
PATH=$PATH:/usr/sbin:/sbin # depmod

die() { printf 'mkinitramfs: %s\n' "$*" >&2; exit 1; }

[ $# -eq 4 ] || {
	echo "usage: [KMODS=\"mod ...\"] $0 ARCH KERNEL STAGEDIR OUT.cpio.gz" >&2
	exit 2
}
arch=$1 kernel=$2 stagedir=$3 out=$4
cell=$("$here/../kcell.sh" "$arch" "$kernel") || exit $?
eval "$cell"
[ -f "$stagedir/guest-run.sh" ] || die "$stagedir/guest-run.sh missing"

CACHE=${COCO_CACHE:-$HOME/.cache/coco-guest}
case $arch in
x86_64) busybox=/bin/busybox ;;
s390x) busybox=$CACHE/s390x/busybox/bin/busybox ;;
esac
[ -x "$busybox" ] || die "no static busybox for $arch ($busybox); run: scripts/deps.sh host"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,tmp,run,root,etc,coco}
chmod 1777 "$root/tmp"

# busybox + one symlink per applet.  The applet list comes from the target
# busybox itself (s390x via qemu-user); both are built from the same Debian
# source, so the host list is the fallback.
cp "$busybox" "$root/bin/busybox"
case $arch in
s390x) applets=$(qemu-s390x-static "$busybox" --list-full 2>/dev/null) ||
	applets=$(/bin/busybox --list-full) ;;
*) applets=$("$busybox" --list-full) ;;
esac
for a in $applets; do
	[ "$a" = bin/busybox ] || [ -e "$root/$a" ] || ln -s /bin/busybox "$root/$a"
done

# PID 1.  Kernel command line words "NAME=value" (no dot) reach it, and so
# guest-run.sh, as environment variables.
cat >"$root/init" <<'EOF'
#!/bin/sh
# PID 1 of the coco-guest test VM (made by scripts/qemu/mkinitramfs.sh).
export PATH=/sbin:/bin:/usr/sbin:/usr/bin HOME=/root
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
# configfs is a module in Debian kernels; the initramfs always carries it.
modprobe configfs 2>/dev/null
mount -t configfs configfs /sys/kernel/config 2>/dev/null
cd /coco
# stdin from /dev/null: a test that reads stdin must not hang the run.
sh /coco/guest-run.sh </dev/null >/dev/console 2>&1
rc=$?
echo "COCO-GUEST-DONE rc=$rc"
sync
reboot -f
# PID 1 must never exit (that would panic the kernel).
while :; do sleep 60; done
EOF
chmod 755 "$root/init"

# -L: a STAGEDIR of symlinks to build outputs must not become dangling links.
cp -RL --preserve=mode,timestamps "$stagedir/." "$root/coco/"

# Kernel modules with their dependencies (modules.dep is transitive).
mods_src=$MODROOT/lib/modules/$KREL
mods_dst=$root/lib/modules/$KREL
[ -f "$mods_src/modules.dep" ] || die "no $mods_src/modules.dep; run: scripts/deps.sh $arch-$kernel"
want="configfs ${KMODS:-}"
files=$(awk -v want="$want" '
	BEGIN { n = split(want, w, " "); for (i = 1; i <= n; i++) { m = w[i]; gsub("-", "_", m); need[m] = 1 } }
	{
		key = $1; sub(":$", "", key)
		name = key; sub(".*/", "", name); sub("\\.ko(\\.[a-z]+)?$", "", name); gsub("-", "_", name)
		if (name in need) { found[name] = 1; for (i = 1; i <= NF; i++) { f = $i; sub(":$", "", f); print f } }
	}
	END { for (m in need) if (!(m in found)) print "MISSING " m }' "$mods_src/modules.dep")
for m in $(printf '%s\n' "$files" | awk '$1 == "MISSING" { print $2 }'); do
	# Built into this kernel: nothing to copy, modprobe is then a no-op.
	grep -q -E "/${m//_/[-_]}\\.ko\$" "$mods_src/modules.builtin" ||
		die "module $m is neither in $mods_src/modules.dep nor built in"
done
mkdir -p "$mods_dst"
for f in $(printf '%s\n' "$files" | grep -v '^MISSING ' | sort -u); do
	mkdir -p "$mods_dst/$(dirname "$f")"
	# busybox insmod/modprobe read plain .ko only: decompress here.
	case $f in
	*.ko.xz) xz -dc "$mods_src/$f" >"$mods_dst/${f%.xz}" ;;
	*.ko.zst) zstd -qdc "$mods_src/$f" >"$mods_dst/${f%.zst}" ;;
	*.ko.gz) gzip -dc "$mods_src/$f" >"$mods_dst/${f%.gz}" ;;
	*) cp "$mods_src/$f" "$mods_dst/$f" ;;
	esac
done
cp "$mods_src"/modules.{order,builtin,builtin.modinfo} "$mods_dst/"
depmod -b "$root" "$KREL"

# newc entry for /dev/console (char 5:1), so that PID 1 has a console
# before devtmpfs is mounted; creating the node would need root.
newc_console() {
	local name=dev/console
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		1 $((0020600)) 0 0 1 0 0 0 0 5 1 $((${#name} + 1)) 0
	printf '%s\0\0\0\0' "$name" | head -c $(((110 + ${#name} + 1 + 3) / 4 * 4 - 110))
	name=TRAILER!!!
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		0 0 0 0 1 0 0 0 0 0 0 $((${#name} + 1)) 0
	printf '%s\0\0\0\0' "$name" | head -c $(((110 + ${#name} + 1 + 3) / 4 * 4 - 110))
}

mkdir -p "$(dirname "$out")"
{
	(cd "$root" && find . -mindepth 1 | LC_ALL=C sort |
		cpio --quiet -o -H newc -R 0:0)
	newc_console
} | gzip -n -6 >"$out.tmp"
mv "$out.tmp" "$out"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Describe one kernel cell as shell assignments for eval:
#   KREL KDIR VMLINUZ MODROOT KARCH CROSS_COMPILE QEMU
#
# usage: eval "$(scripts/kcell.sh ARCH KERNEL)"
#   cells: x86_64/6.1 x86_64/6.12 s390x/6.1
# Exit 2: unknown cell; exit 1: cell not installed (names the deps.sh group).
# Reads only what scripts/deps.sh left in the cache: no apt, no network.
set -euo pipefail

CACHE=${COCO_CACHE:-$HOME/.cache/coco-guest}
CELLS="x86_64/6.1 x86_64/6.12 s390x/6.1"

if [ $# -ne 2 ] || [[ " $CELLS " != *" $1/$2 "* ]]; then
	echo "unknown cell ${1:-}/${2:-}; valid: $CELLS" >&2
	exit 2
fi
arch=$1 kernel=$2
group=$arch-$kernel
dir=$CACHE/kernels/$group

missing() {
	echo "kernel cell $arch/$kernel not installed ($1); run: scripts/deps.sh $group" >&2
	exit 1
}

[ -f "$dir/KREL" ] || missing "no $dir/KREL"
KREL=$(<"$dir/KREL")
case $arch in
x86_64)
	# Headers are installed in the system, the image only in the cache.
	MODROOT=$dir
	KDIR=/usr/src/linux-headers-$KREL
	KARCH=x86
	CROSS_COMPILE=
	QEMU=qemu-system-x86_64
	;;
s390x)
	MODROOT=$dir/root
	KDIR=$MODROOT/usr/src/linux-headers-$KREL
	KARCH=s390
	CROSS_COMPILE=s390x-linux-gnu-
	QEMU=qemu-system-s390x
	;;
esac
VMLINUZ=$MODROOT/boot/vmlinuz-$KREL

[ -f "$KDIR/Makefile" ] || missing "no $KDIR"
[ -f "$VMLINUZ" ] || missing "no $VMLINUZ"
[ -d "$MODROOT/lib/modules/$KREL" ] || missing "no $MODROOT/lib/modules/$KREL"

printf 'KREL=%q\nKDIR=%q\nVMLINUZ=%q\nMODROOT=%q\nKARCH=%q\nCROSS_COMPILE=%q\nQEMU=%q\n' \
	"$KREL" "$KDIR" "$VMLINUZ" "$MODROOT" "$KARCH" "$CROSS_COMPILE" "$QEMU"

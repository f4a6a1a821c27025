#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Build coco_guest.ko and coco_sim.ko for one kernel cell, in a copy of the
# sources per cell so that cells never share object files.  Any compiler,
# modpost or (with --sparse) sparse warning fails the build.
#
# usage: scripts/build-modules.sh [--sparse] ARCH KERNEL
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
sparse=0
if [ "${1:-}" = --sparse ]; then
	sparse=1
	shift
fi
[ $# -eq 2 ] || { echo "usage: $0 [--sparse] ARCH KERNEL" >&2; exit 2; }
arch=$1 kernel=$2

cell_info=$("$top/scripts/kcell.sh" "$arch" "$kernel") || {
	rc=$?
	[ $rc -eq 1 ] || exit $rc
	"$top/scripts/deps.sh" "$arch-$kernel"
	cell_info=$("$top/scripts/kcell.sh" "$arch" "$kernel")
}
eval "$cell_info"
[ "$sparse" -eq 0 ] || "$top/scripts/deps.sh" host

out=$top/build/modules/$arch-$kernel
src=$out/src
mkdir -p "$src"
# Copy only what Kbuild reads; -u keeps timestamps so rebuilds are incremental.
mapfile -t srcs < <(cd "$top" && find include arch drivers kernel -name '*.[ch]' 2>/dev/null)
(cd "$top" && cp -a -u --parents Makefile Kconfig "${srcs[@]}" "$src/")

log=$out/build.log
args=(-C "$KDIR" M="$src" ARCH="$KARCH" modules)
[ -z "$CROSS_COMPILE" ] || args+=(CROSS_COMPILE="$CROSS_COMPILE")
if [ "$sparse" -eq 1 ]; then
	args+=(C=2)
	log=$out/sparse.log
fi
what=build
[ "$sparse" -eq 0 ] || what="build + sparse"
echo "modules: $arch/$kernel ($KREL): $what"
if ! make -j"$(nproc)" "${args[@]}" >"$log" 2>&1; then
	tail -n 40 "$log"
	echo "modules: $arch/$kernel: build failed (log: $log)"
	exit 1
fi
if grep -E -i 'warning|error:' "$log" >/dev/null; then
	grep -E -i 'warning|error:' "$log"
	echo "modules: $arch/$kernel: warnings are errors here (log: $log)"
	exit 1
fi
cp "$src/coco_guest.ko" "$src/coco_sim.ko" "$out/"
echo "modules: $arch/$kernel: ok -> ${out#"$top"/}"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# checkpatch.pl --strict (from Debian's linux-source, see scripts/deps.sh) on
# every kernel-code file: everything under include/, arch/, drivers/ and
# kernel/.  Any error, warning or check fails.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${COCO_CACHE:-$HOME/.cache/coco-guest}
"$top/scripts/deps.sh" checkpatch
cp=$cache/checkpatch/checkpatch.pl

cd "$top"
mapfile -t files < <(find include arch drivers kernel -name '*.[ch]' 2>/dev/null | sort)
bad=0
for f in "${files[@]}"; do
	out=$(perl "$cp" --no-tree --strict --show-types --terse \
		--no-summary -f "$f" 2>&1) || true
	if grep -E -q ':[0-9]+: (ERROR|WARNING|CHECK):' <<<"$out"; then
		printf '%s\n' "$out"
		bad=$((bad + 1))
	fi
done
echo "checkpatch: ${#files[@]} files, $bad with findings"
[ "$bad" -eq 0 ]

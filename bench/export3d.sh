#!/usr/bin/env bash
# The 3D export benchmark of results/3d-export.md: a 4000x3000 metric depth map (12 megapixels) with
# its colour image and uncertainty, exported by `depthfm export3d` to binary PLY as points and as a
# mesh, whole-command wall clock and peak RSS from /usr/bin/time -v, with the default heap and with
# a 2 GB heap cap. Usage: bench/export3d.sh [WORK_DIR] [WIDTH HEIGHT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-/tmp/depthfm-export3d}"
w="${2:-4000}"
h="${3:-3000}"
mkdir -p "$work"
"$root/depthfm" --version >/dev/null   # builds the command line on first use
java -cp "$(cat "$root/plugin/cli/target/classpath.txt")" "$root/bench/Export3dInputs.java" "$work" "$w" "$h"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run() {
  local name="$1"; shift
  /usr/bin/time -v "$root/depthfm" export3d "$work/depth.tif" "$work/photo.png" "$@" 2> "$work/$name.time" \
    | sed "s|$work/||g"
  printf '%s: %s s wall, %s s CPU, peak RSS %s MB, file %s MB\n' "$name" \
    "$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s}' "$work/$name.time")" \
    "$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/$name.time")" \
    "$(awk '/Maximum resident set size/ {printf "%.0f", $6 / 1024}' "$work/$name.time")" \
    "$(du -m "${@: -1}" 2>/dev/null | cut -f1 || true)"
}
run points --uncertainty "$work/uncertainty.tif" -o "$work/points.ply"
run mesh --mesh --uncertainty "$work/uncertainty.tif" -o "$work/mesh.ply"
DEPTHFM_JAVA_OPTS="-Xmx2g" run points-2g --uncertainty "$work/uncertainty.tif" -o "$work/points-2g.ply"
DEPTHFM_JAVA_OPTS="-Xmx2g" run mesh-2g --mesh --uncertainty "$work/uncertainty.tif" -o "$work/mesh-2g.ply"
run ascii --ascii -o "$work/points-ascii.ply"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

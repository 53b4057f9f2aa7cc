#!/usr/bin/env bash
# Issue 17's memory cases on the full-size random model: a 138-byte TIFF that declares 12000x12000
# (and 46341², 100000²), and a real 12000x12000 TIFF at the original size (refused by the memory
# planner) and with the defaults (run at the processing size). Prints wall clock and peak RSS of
# each; results/hostile-inputs.md holds one run's numbers. Usage: bench/hostile.sh [MODEL_DIR] [WORK]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
model="${1:-/tmp/fullsize}"
work="${2:-$(mktemp -d)}"
mkdir -p "$work"
[ -d "$model" ] || "$root/depthfm" bench --generate "$model"
"$root/depthfm" --version >/dev/null # builds on first use
# the inputs are made by the tests' own hostile-file writer (the pipeline's test classes, compiled by that build)
cp="$(cat "$root/plugin/cli/target/classpath.txt"):$root/model-manager/pipeline/target/test-classes"
inputs() { java -Xmx2g -cp "$cp" "$root/bench/HostileInputs.java" "$@"; }

run() { # label, then the estimate arguments
  local label="$1"; shift
  local t1 rss rc=0
  /usr/bin/time -f "%e %M" -o "$work/time" "$root/depthfm" estimate "$@" --model-dir "$model" \
    >"$work/out" 2>&1 || rc=$?
  read -r t1 rss < <(tail -n 1 "$work/time") # a failing command adds a line before it
  printf '%-34s rc=%d  wall %6.1f s  peak RSS %5.2f GB  %s\n' "$label" "$rc" "$t1" "$(echo "$rss / 1048576" | bc -l)" \
    "$(grep -v '^Command exited' "$work/out" | grep -v '^\s*$' | tail -n 1 | cut -c1-160)"
}

for side in 12000 46341 100000; do
  inputs tiny "$work/h$side.tif" "$side" "$side"
  run "138-byte TIFF declaring ${side}²" "$work/h$side.tif" -o "$work/h$side-depth.tif"
done
inputs stripes "$work/big.tif" 12000
run "12000² TIFF, --processing-res 0" "$work/big.tif" -o "$work/big-res0.tif" --processing-res 0
run "12000² TIFF, defaults" "$work/big.tif" -o "$work/big-default.tif"

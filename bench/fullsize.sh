#!/usr/bin/env bash
# The full-size model on this machine's CPU, ours beside the official code (issue 9's targets):
# 256x256 2 steps ensemble 1 as ours / official / ours, ensemble 4 at 256, 512x512 ensemble 4,
# 1024x1024, and native memory over 200 small predictions. Each run waits for idle CPUs first and
# records how busy they were. Writes one JSON per run to OUT (default bench/results/cpu-fullsize).
# Needs the official-layout random model of ../shared/reference/make_fullsize.py in MODEL
# (default /tmp/fullsize) and the reference environment (../shared/reference/setup.sh).
# Usage: bench/fullsize.sh [MODEL] [OUT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
model="${1:-/tmp/fullsize}"
out="${2:-$root/bench/results/cpu-fullsize}"
ref="$root/../shared/reference"
threads="$(nproc)"
mkdir -p "$out"
[ -f "$model/info.json" ] || /usr/bin/python3 "$ref/make_fullsize.py" --out "$model"
"$root/depthfm" --version >/dev/null # build outside the timings

ours() { # NAME, then bench options
  local name="$1"; shift
  echo "$name: $(date -u +%H:%M:%S), CPUs ${busy_pct:=$(wait_idle)}% busy before" >&2
  "$root/depthfm" bench --model-dir "$model" --threads "$threads" --json "$@" >"$out/$name.json"
  busy_pct=""
}
official() { # NAME, then time_official.py options
  local name="$1"; shift
  echo "$name: $(date -u +%H:%M:%S), CPUs $(wait_idle)% busy before" >&2
  /usr/bin/python3 "$ref/time_official.py" --dir "$model" --threads "$threads" --json "$out/$name.json" "$@" >&2
}

ours ours-256-s2-e1-a --size 256x256 --steps 2 --ensemble 1 --repeat 5
official official-256-s2-e1 --height 256 --width 256 --steps 2 --ensemble 1 --repeats 5
ours ours-256-s2-e1-b --size 256x256 --steps 2 --ensemble 1 --repeat 5
ours ours-256-s2-e4 --size 256x256 --steps 2 --ensemble 4 --repeat 3
ours ours-512-s2-e4 --size 512x512 --steps 2 --ensemble 4 --warmup 0 --repeat 1
ours ours-1024-s2-e1 --size 1024x1024 --steps 2 --ensemble 1 --warmup 0 --repeat 1
echo "leak check: $(date -u +%H:%M:%S)" >&2
# a resident heap from the start, so that RSS minus the heap is native memory only
DEPTHFM_JAVA_OPTS="-Xms512m -Xmx512m -XX:+AlwaysPreTouch" "$root/depthfm" bench --model-dir "$model" --threads "$threads" --size 64x64 --steps 1 --ensemble 1 \
  --leak-check 200 >"$out/leak-check-200-pretouch.txt" 2>&1

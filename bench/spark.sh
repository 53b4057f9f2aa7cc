#!/usr/bin/env bash
# Throughput of `depthfm spark` on this machine, local[1] against local[2], with `depthfm estimate`
# beside them, on the tiny fixture model (the only one a machine without network has). Prints one
# CSV row per run, then checks that every run with the same libtorch thread count wrote the same bytes.
# The machine may be shared: each run first waits (up to a minute) for the CPUs to be idle, and the
# row records how busy they were (% over 2 s) just before it.
# Usage: bench/spark.sh [IMAGES] [REPEATS]   (default 24 images, 3 repeats; results in bench/results/spark.md)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tiny="$root/../shared/fixtures/depthfm-tiny"
images="${1:-24}"
repeats="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/in"
for i in $(seq -w 1 "$images"); do cp "$tiny/input.png" "$work/in/img$i.png"; done
source "$root/bench/lib.sh"
opts=(--model-dir "$tiny") # the official sampling: 2 steps, 4 members
"$root/depthfm" spark --version >/dev/null # builds the spark module once, outside the timings

# NAME|THREADS PER TASK|command after ./depthfm (DEPTHFM_JAVA_OPTS in front where Spark settings are needed)
configs=(
  "estimate, 1 thread|1|estimate --threads 1"
  "estimate, 2 threads|2|estimate --threads 2"
  "spark local[1]|1|spark --master local[1]"
  "spark local[2]|1|spark --master local[2]"
  "spark local[2], spark.task.cpus=2|2|spark --master local[2] -Dspark.task.cpus=2"
  "spark local[2] --threads 2 (oversubscribed)|2|spark --master local[2] --threads 2"
)
echo "run,config,threads_per_task,images,wall_s,images_per_min,job_images_per_min,cpu_busy_before_pct"
for rep in $(seq 1 "$repeats"); do
  for i in "${!configs[@]}"; do
    IFS='|' read -r name threads cmd <<<"${configs[$i]}"
    out="$work/out-$i"
    rm -rf "$out"
    read -ra words <<<"$cmd"
    java_opts=""
    args=()
    for w in "${words[@]}"; do
      if [[ "$w" == -Dspark.* ]]; then java_opts="$java_opts $w"; else args+=("$w"); fi
    done
    busy_pct="$(wait_idle)"
    start="$(date +%s.%N)"
    DEPTHFM_JAVA_OPTS="$java_opts" "$root/depthfm" "${args[@]}" "$work/in" -o "$out" "${opts[@]}" >"$work/log" 2>&1
    wall="$(echo "$(date +%s.%N) - $start" | bc)"
    job="$(sed -n 's/.* (\([0-9.]*\) images\/min.*/\1/p' "$work/log")"
    printf '%s,"%s",%s,%s,%.1f,%.1f,%s,%s\n' "$rep" "$name" "$threads" "$images" "$wall" \
      "$(echo "$images * 60 / $wall" | bc -l)" "${job:-}" "$busy_pct"
  done
done

# same thread count, same bytes: every run against the first one with its thread count
for i in "${!configs[@]}"; do
  IFS='|' read -r name threads _ <<<"${configs[$i]}"
  ref="$work/out-$((threads - 1))"
  same=yes
  for f in "$ref"/*.tif; do cmp -s "$f" "$work/out-$i/$(basename "$f")" || same=no; done
  echo "outputs of '$name' identical to '$(IFS='|' read -r n _ <<<"${configs[$((threads - 1))]}"; echo "$n")': $same"
done

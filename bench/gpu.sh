#!/usr/bin/env bash
# bench/gpu.sh: proves the CUDA path on an offline GPU machine in one short, time-boxed run, and
# runs the same steps on the CPU (--cpu) so that they are known to work before a GPU is at hand.
# See usage() below, or run `bench/gpu.sh --help`.
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# what may be copied to a lent GPU machine: the working tree and whatever it carries
copy_limit=$((64 * 1024 * 1024))
jni_jar_version="2.7.1-0.36.0"  # pytorch-jni: its JNI is built against libtorch 2.7.1
want_version="2.7.1"
fp16_tolerance="5e-2"

usage() {
  cat <<'EOF'
Usage: bench/gpu.sh [--cpu] [--kit DIR] [--budget SECONDS] [--model DIR] [--libtorch DIR] OUTDIR
       bench/gpu.sh --pack KITDIR [--jre]
       bench/gpu.sh --help

Proves DepthFM's CUDA path on a GPU machine with no network, in one time-boxed run (8 minutes by
default), from the repository root with the built jars beside it, and writes gpu.json (everything,
machine-readable) and summary.md (one table) to OUTDIR, with each step's output beside them.

Steps, each with its own time limit; when the budget runs short the remaining steps are skipped
with a note instead of overrunning:
  1. machine    nvidia-smi, driver and CUDA versions, CPU and memory; every libtorch found (a
                PyTorch installation's torch/lib, conda environments, ~/.djl.ai, libtorch folders,
                PYTORCH_LIBRARY_PATH) and whether it fits pytorch-jni 2.7.1 (its JNI library, cu128
                build, must resolve against it: ldd -r); the first that fits is used through
                PYTORCH_LIBRARY_PATH, PYTORCH_VERSION=2.7.1 and PYTORCH_FLAVOR=cu128, or the
                report says why none fits
  2. info       `depthfm info`: the device that would be used, and why
     selftest   the public fixtures (../shared/fixtures/depthfm-tiny) on CUDA in float32 at 1e-4,
                and in float16 at 5e-2 against the same float32 reference tensors
  3. generate   the full-size random model (3.6 GB, ~20 s; reused when complete)
     bench      float16 and float32 each: 512x512 ensemble 4 steps 2; 1024x1024 ensemble 1 steps
                2; frames per second over a 100-frame 512x512 stack (ensemble 1, steps 2, temporal
                alignment); guided completion once (512x512, float32 only: guidance needs it).
                Each step's GPU memory peak is sampled with nvidia-smi every 100 ms (device-wide,
                CUDA context and libtorch's cache included).

Options:
  --cpu            the same steps on the CPU, at reduced sizes, to check the script where no GPU is
                   (CI does): selftest float32 only; bench float32 only at 64x64 ensemble 2 steps 2,
                   128x128 ensemble 1, a 3-frame 64x64 stack and guided completion at 64x64 with one
                   step; the float16 steps are skipped (half precision needs CUDA). A few minutes on
                   2 cores.
  --kit DIR        the jars, fixtures and (optionally) a Java runtime made by --pack, for a machine
                   without the build (default: bench/tmp/gpu-kit when it exists)
  --budget S       the time box in seconds (default 480); above 480 it also stretches each
                   step's limit in proportion (for slow machines)
  --model DIR      where the full-size random model is generated or reused
                   (default: ~/.depthfm/bench/fullsize, as `depthfm bench`)
  --libtorch DIR   try this libtorch folder (holding libtorch.so) first
  --pack KITDIR    make a kit: the jars (without the CPU libtorch natives), the fixtures and the
                   JNI library to check libtorch folders with; --jre adds a Java runtime made with
                   jlink (xz-compressed). Prints what it holds and checks that the working tree
                   plus the kit fit the 64 MiB a lent machine receives. Put it under bench/tmp/
                   (ignored by git) so that it travels as a carried path.

Typical use on a lent GPU machine (nothing to install, no network):
  bench/gpu.sh --pack bench/tmp/gpu-kit --jre     # here, once
  bench/gpu.sh --kit bench/tmp/gpu-kit "$OUT"      # there (carry bench/tmp/gpu-kit)

Exit status: 0 when every step that ran passed, 1 when one failed or timed out, 2 for bad usage
or a missing build, 3 when no libtorch fits (GPU mode; the report says why).
EOF
}

die() { echo "gpu.sh: $*" >&2; exit 2; }

mode=gpu kit="" budget=480 model="" libtorch_first="" out="" pack="" with_jre=0
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --cpu) mode=cpu ;;
    --kit) kit="${2:?--kit needs a folder}"; shift ;;
    --budget) budget="${2:?--budget needs seconds}"; shift ;;
    --model) model="${2:?--model needs a folder}"; shift ;;
    --libtorch) libtorch_first="${2:?--libtorch needs a folder}"; shift ;;
    --pack) pack="${2:?--pack needs a folder}"; shift ;;
    --jre) with_jre=1 ;;
    -*) die "unknown option $1 (see --help)" ;;
    *) [ -z "$out" ] || die "one OUTDIR only (see --help)"; out="$1" ;;
  esac
  shift
done
case "$budget" in ''|*[!0-9]*) die "--budget takes whole seconds, not '$budget'" ;; esac

# ---------------------------------------------------------------------------------------------
# the build: the command line's jar and its class path (Maven's list of jar paths)

cli_jar() { ls "$root"/plugin/cli/target/depthfm-cli-*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -n 1; }

build_jars() { # prints the jar paths, one a line, building first if needed
  local jar
  jar="$(cli_jar)"
  if [ -z "$jar" ] || [ ! -f "$root/plugin/cli/target/classpath.txt" ]; then
    [ -x "$root/depthfm" ] || die "no build: run ./mvnw -pl plugin/cli -am package -DskipTests first"
    echo "gpu.sh: building the command line first" >&2
    "$root/depthfm" --version >/dev/null || die "the build failed"
    jar="$(cli_jar)"
  fi
  echo "$jar"
  tr ':' '\n' <"$root/plugin/cli/target/classpath.txt"
}

bytes() { du -sb "$@" 2>/dev/null | awk '{s += $1} END {print s + 0}'; }
mib() { awk -v b="$1" 'BEGIN {printf "%.1f MiB", b / 1048576}'; }

# the cu128 or cpu JNI library of the pytorch-jni jar, to check libtorch folders against
extract_jni() { # JAR FLAVOR DEST
  local entry="jnilib/linux-x86_64/$2/libdjl_torch.so"
  mkdir -p "$(dirname "$3")"
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$1" "$entry" >"$3" 2>/dev/null
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
      "$1" "$entry" >"$3" 2>/dev/null
  fi
  [ -s "$3" ] || { rm -f "$3"; return 1; }
}

# ---------------------------------------------------------------------------------------------
# --pack: what a machine without the build needs

if [ -n "$pack" ]; then
  [ -z "$out" ] || die "--pack takes no OUTDIR"
  mkdir -p "$pack" && pack="$(cd "$pack" && pwd)"
  rm -rf "$pack/lib" "$pack/fixtures" "$pack/jni" "$pack/jre.tar.xz"
  mkdir -p "$pack/lib" "$pack/jni"
  build_jars | grep -v 'pytorch-native-' | while read -r j; do cp "$j" "$pack/lib/"; done
  jni="$(ls "$pack"/lib/pytorch-jni-*.jar | head -n 1)"
  for f in cu128 cpu; do extract_jni "$jni" "$f" "$pack/jni/$f/libdjl_torch.so" || die "no $f JNI in $jni"; done
  fixtures="$root/../shared/fixtures/depthfm-tiny"
  [ -f "$fixtures/cases.json" ] || die "no fixtures at $fixtures"
  mkdir -p "$pack/fixtures/depthfm-tiny"
  cp -r "$fixtures/cases.json" "$fixtures"/case_*.safetensors "$fixtures/unet.ckpt" "$fixtures/vae" \
    "$pack/fixtures/depthfm-tiny/"
  if [ "$with_jre" = 1 ]; then
    command -v jlink >/dev/null 2>&1 || die "--jre needs jlink (a JDK 17 or newer)"
    modules="java.base,java.compiler,java.desktop,java.logging,java.management,java.net.http,java.rmi"
    modules="$modules,java.scripting,java.sql,jdk.unsupported"  # what jdeps finds in the jars, and JNA's
    tmp="$(mktemp -d)"
    jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --output "$tmp/jre" \
      || die "jlink failed"
    # the JVM's symbols are not needed to run it
    command -v strip >/dev/null 2>&1 && strip --strip-unneeded "$tmp/jre/lib/server/libjvm.so" 2>/dev/null
    tar -C "$tmp/jre" -cJf "$pack/jre.tar.xz" . || die "could not compress the runtime (xz)"
    rm -rf "$tmp"
  fi
  tree=0
  if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
    # what travels besides the kit: tracked files and untracked ones git does not ignore
    tree="$(cd "$root" && git ls-files -z --cached --others --exclude-standard | xargs -0 du -cb 2>/dev/null \
      | awk '$2 == "total" {s += $1} END {print s + 0}')"
  fi
  lib="$(bytes "$pack/lib")" fix="$(bytes "$pack/fixtures")" jnib="$(bytes "$pack/jni")"
  jre="$(bytes "$pack/jre.tar.xz")"
  total=$((tree + lib + fix + jnib + jre))
  printf '%-34s %12s\n' "jars (no CPU libtorch natives)" "$(mib "$lib")" "fixtures (selftest files)" "$(mib "$fix")" \
    "JNI libraries (cu128, cpu)" "$(mib "$jnib")" "Java runtime (jlink, xz)" "$(mib "$jre")" \
    "working tree (git)" "$(mib "$tree")" "total to copy" "$(mib "$total")" "limit" "$(mib "$copy_limit")"
  [ "$with_jre" = 1 ] || echo "(no Java runtime packed: the machine must have Java 17+; add --jre if unsure)"
  if [ "$total" -gt "$copy_limit" ]; then
    echo "gpu.sh: the kit and the working tree exceed the $(mib "$copy_limit") a lent machine receives" >&2
    exit 1
  fi
  echo "kit ready: $pack"
  exit 0
fi

[ -n "$out" ] || { usage >&2; exit 2; }
mkdir -p "$out" && out="$(cd "$out" && pwd)"
rm -f "$out/steps.tsv" "$out/libtorch.tsv" "$out/machine.env"
start=$(date +%s)
deadline=$((start + budget))
[ -n "$kit" ] || { [ -d "$root/bench/tmp/gpu-kit/lib" ] && kit="$root/bench/tmp/gpu-kit"; }
[ -z "$kit" ] || kit="$(cd "$kit" 2>/dev/null && pwd)" || die "no kit folder $kit"

env_line() { printf '%s=%s\n' "$1" "$2" >>"$out/machine.env"; }
say() { echo "gpu.sh: $*" >&2; }

env_line mode "$mode"
env_line started "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
env_line budget_s "$budget"

# ---------------------------------------------------------------------------------------------
# Java and the class path

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
java="" java_seen=""
for j in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" kit; do
  if [ "$j" = kit ]; then
    [ -n "$kit" ] && [ -f "$kit/jre.tar.xz" ] || continue
    j="${TMPDIR:-/tmp}/depthfm-gpu-jre/bin/java"
    if [ ! -x "$j" ]; then
      say "unpacking the kit's Java runtime to ${j%/bin/java}"
      rm -rf "${j%/bin/java}" && mkdir -p "${j%/bin/java}" && tar -C "${j%/bin/java}" -xJf "$kit/jre.tar.xz" \
        || die "could not unpack $kit/jre.tar.xz"
    fi
  fi
  [ -n "$j" ] && [ -x "$j" ] || continue
  v="$(java_major "$j")"
  if [ "${v%%.*}" -ge 17 ] 2>/dev/null; then java="$j"; break; fi
  java_seen="$java_seen Java ${v:-?} at $j;"
done
[ -n "$java" ] || die "no Java 17 or newer (${java_seen:- none found}): install one, set JAVA_HOME, or make the kit with --pack DIR --jre"
java_version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.version = //p')"
env_line java "$java_version ($java)"

if [ -n "$kit" ]; then
  jars="$(ls "$kit"/lib/*.jar)"
  fixtures="$kit/fixtures/depthfm-tiny"
  env_line kit "$kit ($(mib "$(bytes "$kit")"))"
else
  jars="$(build_jars)" || exit 2
  fixtures="$root/../shared/fixtures/depthfm-tiny"
fi
[ -f "$fixtures/cases.json" ] || say "no fixtures at $fixtures: the self-tests will fail"
cpu_jar="$(grep 'pytorch-native-cpu' <<<"$jars" | head -n 1)"
jni_jar="$(grep 'pytorch-jni-' <<<"$jars" | head -n 1)"
[ -n "$jni_jar" ] || die "no pytorch-jni jar among the jars"
case "$jni_jar" in *"$jni_jar_version"*) ;; *) say "expected pytorch-jni $jni_jar_version, found $(basename "$jni_jar")" ;; esac
gpu_cp="$(grep -v 'pytorch-native-' <<<"$jars" | paste -sd: -)"
env_line jars "$(bytes $(grep -v 'pytorch-native-' <<<"$jars")) bytes without the CPU libtorch natives"

# ---------------------------------------------------------------------------------------------
# 1. the machine

{
  echo "== uname"; uname -a
  echo "== cpu"; grep -m1 'model name' /proc/cpuinfo; echo "cores: $(nproc)"
  echo "== memory"; grep -E 'MemTotal|MemAvailable' /proc/meminfo
  echo "== disk ($out)"; df -h "$out" | tail -n 1
  echo "== /proc/driver/nvidia/version"; cat /proc/driver/nvidia/version 2>/dev/null || echo "(none: no NVIDIA kernel module)"
  echo "== nvidia-smi"; if command -v nvidia-smi >/dev/null 2>&1; then nvidia-smi 2>&1; else echo "(not found)"; fi
  echo "== environment"; env | grep -E '^(CUDA|NVIDIA|PYTORCH|DJL|LD_LIBRARY_PATH|CONDA)' | sort
} >"$out/machine.txt" 2>&1
env_line host "$(uname -n) $(uname -srm)"
env_line cpu "$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(nproc) cores"
env_line memory_gb "$(awk '/MemTotal/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)"
gpu_index="${CUDA_VISIBLE_DEVICES:-0}"; gpu_index="${gpu_index%%,*}"
case "$gpu_index" in ''|*[!0-9]*) gpu_index=0 ;; esac
have_smi=0
driver=""
if command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L >/dev/null 2>&1; then
  have_smi=1
  env_line gpus "$(nvidia-smi --query-gpu=index,name,memory.total --format=csv,noheader | paste -sd';' -)"
  driver="$(nvidia-smi --query-gpu=driver_version --format=csv,noheader -i "$gpu_index" | head -n 1)"
  env_line compute_capability "$(nvidia-smi --query-gpu=compute_cap --format=csv,noheader -i "$gpu_index" 2>/dev/null | head -n 1)"
  env_line driver_cuda "$(nvidia-smi | sed -n 's/.*CUDA Version: *\([0-9.]*\).*/\1/p' | head -n 1)"
fi
[ -n "$driver" ] || driver="$(sed -n 's/.*Kernel Module[^0-9]*\([0-9][0-9.]*\).*/\1/p' /proc/driver/nvidia/version 2>/dev/null | head -n 1)"
env_line driver "${driver:-none}"
env_line nvidia_smi "$([ $have_smi = 1 ] && echo yes || echo no)"

# libtorch folders: where PyTorch, conda, DJL and hand-unpacked libtorch put libtorch.so
cands=() founds=()
add() { # DIR HOW
  local d
  [ -f "$1/libtorch.so" ] || return 0
  d="$(readlink -f "$1")"
  for c in "${cands[@]:-}"; do [ "$c" = "$d" ] && return 0; done
  cands+=("$d"); founds+=("$2")
}
[ -n "$libtorch_first" ] && add "$libtorch_first" "--libtorch"
pll="${PYTORCH_LIBRARY_PATH:-}"
for d in ${pll//:/ }; do add "$d" "PYTORCH_LIBRARY_PATH"; done
for c in "${DJL_CACHE_DIR:-$HOME/.djl.ai}" "${ENGINE_CACHE_DIR:-}"; do
  for d in "$c"/pytorch/*/; do add "${d%/}" "DJL cache"; done
done
pythons=(python3 python /usr/bin/python3 /opt/*/.venv/bin/python3 /opt/*/bin/python3 /opt/conda/envs/*/bin/python3
  "$HOME"/miniconda3/bin/python3 "$HOME"/anaconda3/bin/python3 "$HOME"/miniforge3/bin/python3
  "$HOME"/miniconda3/envs/*/bin/python3 "$HOME"/anaconda3/envs/*/bin/python3 "$HOME"/miniforge3/envs/*/bin/python3
  "$HOME"/.conda/envs/*/bin/python3 "${CONDA_PREFIX:-/nonexistent}"/bin/python3 "${VIRTUAL_ENV:-/nonexistent}"/bin/python3)
for py in "${pythons[@]}"; do
  command -v "$py" >/dev/null 2>&1 || continue
  # find_spec locates torch without importing it (an import takes seconds and may touch the GPU)
  d="$(timeout 20 "$py" -c 'import importlib.util as u, os; s = u.find_spec("torch")
print(os.path.join(os.path.dirname(s.origin), "lib") if s and s.origin else "")' 2>/dev/null)"
  [ -n "$d" ] && add "$d" "PyTorch of $py"
done
for d in /usr/lib/python3*/{site,dist}-packages/torch/lib /usr/local/lib/python3*/{site,dist}-packages/torch/lib \
  "$HOME"/.local/lib/python3*/site-packages/torch/lib /opt/*/lib/python3*/site-packages/torch/lib \
  /opt/*/.venv/lib/python3*/site-packages/torch/lib /opt/conda/envs/*/lib/python3*/site-packages/torch/lib \
  "$HOME"/{miniconda3,anaconda3,miniforge3}{,/envs/*}/lib/python3*/site-packages/torch/lib; do
  add "$d" "site-packages"
done
for d in "${CONDA_PREFIX:-/nonexistent}"/lib /opt/conda/lib /opt/conda/envs/*/lib \
  "$HOME"/{miniconda3,anaconda3,miniforge3}{,/envs/*}/lib; do
  add "$d" "conda libtorch package"
done
for d in "${LIBTORCH:-/nonexistent}"/lib /opt/libtorch/lib /usr/local/libtorch/lib "$HOME"/libtorch/lib; do
  add "$d" "libtorch folder"
done
# anything else under the usual roots, briefly
while read -r f; do add "$(dirname "$f")" "search"; done < <(timeout 20 find /opt /usr/local /usr/lib /home /root \
  /srv /workspace -xdev -maxdepth 9 -name libtorch.so 2>/dev/null)

flavor_wanted=cu128
[ "$mode" = cpu ] && flavor_wanted=cpu
jni_so="${TMPDIR:-/tmp}/depthfm-gpu-jni/$flavor_wanted/libdjl_torch.so"
if [ -n "$kit" ] && [ -f "$kit/jni/$flavor_wanted/libdjl_torch.so" ]; then
  jni_so="$kit/jni/$flavor_wanted/libdjl_torch.so"
elif ! extract_jni "$jni_jar" "$flavor_wanted" "$jni_so"; then
  jni_so=""
fi

# version and CUDA of a libtorch folder, from what its distribution leaves beside it
describe() { # DIR -> "version<TAB>cuda runtime"
  local d="$1" v="" c=""
  if [ -f "$d/../version.py" ]; then
    v="$(sed -n "s/^__version__ *= *['\"]\([^'\"]*\)['\"].*/\1/p" "$d/../version.py" | head -n 1)"
    c="$(sed -n "s/^cuda[^=]*= *['\"]\([^'\"]*\)['\"].*/\1/p" "$d/../version.py" | head -n 1)"
  elif [ -f "$d/../build-version" ]; then
    v="$(head -n 1 "$d/../build-version")"
  elif [[ "$(basename "$d")" =~ ^([0-9]+\.[0-9]+\.[0-9]+)(-[0-9]+)?-(cpu|cu[0-9]+)(-precxx11)?-linux ]]; then
    v="${BASH_REMATCH[1]}"; c="${BASH_REMATCH[3]}"
  fi
  if [ -z "$c" ]; then
    [[ "$v" == *+cu* ]] && c="${v##*+}"
    [ -n "$c" ] || c="$(ls "$d" | sed -n 's/^libcudart[^.]*\.so\.\([0-9.]*\)$/\1/p' | head -n 1)"
  fi
  printf '%s\t%s' "${v:-unknown}" "${c:-none}"
}

chosen="" chosen_reason=""
printf 'dir\tfound_by\tversion\tcuda\tcuda_build\tverdict\treason\n' >"$out/libtorch.tsv"
for i in "${!cands[@]}"; do
  d="${cands[$i]}"
  IFS=$'\t' read -r v c < <(describe "$d")
  cuda_build=no
  [ -f "$d/libtorch_cuda.so" ] && cuda_build=yes
  verdict=no reason=""
  if [ "$flavor_wanted" = cu128 ] && [ "$cuda_build" = no ]; then
    reason="a CPU build (no libtorch_cuda.so)"
  elif [ "$flavor_wanted" = cpu ] && [ "$cuda_build" = yes ]; then
    reason="a CUDA build; --cpu takes a CPU build"
  elif ! command -v ldd >/dev/null 2>&1; then
    reason="cannot check: no ldd"
  elif [ -z "$jni_so" ]; then
    reason="cannot check: no unzip or python3 to read the JNI library out of $(basename "$jni_jar")"
  else
    lddout="$(LD_LIBRARY_PATH="$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ldd -r "$jni_so" 2>&1)"
    missing="$(grep -c 'not found' <<<"$lddout")"
    undefined="$(grep -c 'undefined symbol' <<<"$lddout")"
    if [ "$missing" -gt 0 ]; then
      reason="libraries missing for the JNI: $(grep 'not found' <<<"$lddout" | awk '{print $1}' | sort -u | paste -sd' ' -)"
    elif [ "$undefined" -gt 0 ]; then
      first="$(grep -m1 'undefined symbol' <<<"$lddout" | sed 's/.*undefined symbol: \([^[:space:]]*\).*/\1/')"
      reason="libtorch $v does not match the JNI of pytorch-jni $jni_jar_version, built for libtorch $want_version:"
      reason="$reason $undefined undefined symbols (first: $(c++filt "$first" 2>/dev/null || echo "$first"))"
    elif [[ "$v" != unknown && "$v" != "$want_version"* ]]; then
      reason="libtorch $v: the symbols resolve, but pytorch-jni $jni_jar_version is built for $want_version"
    else
      verdict=fits
      reason="symbols of the JNI resolve (ldd -r)"
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$d" "${founds[$i]}" "$v" "$c" "$cuda_build" "$verdict" "$reason" \
    >>"$out/libtorch.tsv"
  if [ "$verdict" = fits ] && [ -z "$chosen" ]; then chosen="$d"; fi
done

cp=""
unset PYTORCH_LIBRARY_PATH PYTORCH_VERSION PYTORCH_FLAVOR
if [ "$mode" = cpu ] && [ -n "$cpu_jar" ]; then
  cp="$gpu_cp:$cpu_jar"
  chosen_reason="the CPU libtorch jar of the build ($(basename "$cpu_jar"))"
elif [ -n "$chosen" ]; then
  cp="$gpu_cp"
  export PYTORCH_LIBRARY_PATH="$chosen" PYTORCH_VERSION="$want_version" PYTORCH_FLAVOR="$flavor_wanted"
  chosen_reason="PYTORCH_LIBRARY_PATH=$chosen PYTORCH_VERSION=$want_version PYTORCH_FLAVOR=$flavor_wanted"
else
  n=${#cands[@]}
  chosen_reason="none of the $n libtorch folders found fits pytorch-jni $jni_jar_version (which needs a"
  chosen_reason="$chosen_reason $([ "$mode" = cpu ] && echo CPU || echo CUDA) build of libtorch $want_version; see libtorch.tsv)"
  [ "$n" -gt 0 ] || chosen_reason="no libtorch found (no PyTorch installation, conda environment, ~/.djl.ai cache or libtorch folder)"
fi
env_line libtorch "$chosen_reason"
if [ "$mode" = gpu ] && [ -n "$driver" ] && [ "$driver" != none ]; then
  older="$(printf '%s\n%s\n' "$driver" 525.60.13 | sort -V | head -n 1)"
  [ "$older" = 525.60.13 ] || env_line driver_note "driver $driver is older than 525.60.13, the oldest that runs CUDA 12.8 builds"
fi
say "libtorch: $chosen_reason"

# ---------------------------------------------------------------------------------------------
# 2. and 3. the steps, each time-boxed

printf 'name\tstatus\texit\tseconds\tlimit_s\tgpu_peak_mib\tgpu_before_mib\tnote\tcommand\n' >"$out/steps.tsv"
record() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$out/steps.tsv"; }
gpu_used() { nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -i "$gpu_index" 2>/dev/null | head -n 1; }
reserve=20  # seconds kept for the report
blocked=""   # set when the remaining steps cannot run, with the reason

# the command line with the chosen libtorch (as ./depthfm starts it)
# shellcheck disable=SC2206
jvm=("$java" ${DEPTHFM_JAVA_OPTS:-} -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn
  -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error -Djava.awt.headless=true
  -cp "$cp" org.depthfm.cli.DepthFmCli)

step() { # NAME LIMIT_S ARGS... (the command line's arguments)
  local name="$1" limit="$2"; shift 2
  local cmd="depthfm $*"
  if [ -n "$blocked" ]; then record "$name" skipped "" 0 "$limit" "" "" "$blocked" "$cmd"; return; fi
  # the limits are set for the default 480 s budget; a larger budget (a slow machine) stretches them
  limit=$((limit * (budget > 480 ? budget : 480) / 480))
  local left=$((deadline - reserve - $(date +%s)))
  # a step is started only with at least half its limit left: one cut short would tell nothing
  if [ "$left" -lt $((limit / 2)) ] || [ "$left" -lt 15 ]; then
    record "$name" skipped "" 0 "$limit" "" "" "not enough of the $budget s budget left ($((left > 0 ? left : 0)) s of the $limit s it may take)" "$cmd"
    say "$name: skipped, out of time"
    return
  fi
  local t=$((limit < left ? limit : left)) sampler="" before="" peak=""
  if [ "$have_smi" = 1 ]; then
    before="$(gpu_used)"
    nvidia-smi --query-gpu=memory.used --format=csv,noheader,nounits -i "$gpu_index" -lms 100 \
      >"$out/$name.gpumem" 2>/dev/null &
    sampler=$!
  fi
  say "$name: $cmd (at most $t s)"
  local t0 t1 rc
  t0=$(date +%s.%N)
  timeout --kill-after=10 "$t" "${jvm[@]}" "$@" >"$out/$name.out" 2>"$out/$name.err"
  rc=$?
  t1=$(date +%s.%N)
  if [ -n "$sampler" ]; then
    kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null
    peak="$(sort -n "$out/$name.gpumem" | tail -n 1)"
  fi
  local status=ok note=""
  case "$rc" in
    0) ;;
    124|137) status=timeout; note="stopped at its $t s limit" ;;
    *) status=failed; note="$(grep -v '^\s*at ' "$out/$name.err" | tail -n 1 | cut -c1-300)" ;;
  esac
  record "$name" "$status" "$rc" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}')" "$t" "$peak" \
    "$before" "$note" "$cmd"
  say "$name: $status ($(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s)"
}

skip() { record "$1" skipped "" 0 "" "" "" "$2" ""; }

[ -n "$cp" ] || blocked="$chosen_reason"
model="${model:-$HOME/.depthfm/bench/fullsize}"
threads=()
[ "$mode" = cpu ] && threads=(--threads "$(nproc)")

if [ "$mode" = gpu ]; then
  step info 60 info --device auto
  if [ -z "$blocked" ] && ! grep -q '^device *cuda' "$out/info.out" 2>/dev/null; then
    blocked="libtorch sees no CUDA GPU: $(sed -n 's/^device *//p' "$out/info.out" 2>/dev/null | head -n 1)"
    [ -s "$out/info.out" ] || blocked="info failed: $(tail -n 1 "$out/info.err" 2>/dev/null)"
  fi
  step selftest-fp32 120 selftest "$fixtures" --device cuda --precision fp32 --tolerance 1e-4
  step selftest-fp16 120 selftest "$fixtures" --device cuda --precision fp16 --tolerance "$fp16_tolerance"
  step generate 150 bench --generate "$model" --generate-only
  run=(bench --model-dir "$model" --device cuda --json)
  step fp16-512-e4 90 "${run[@]}" --precision fp16 --size 512x512 --steps 2 --ensemble 4 --warmup 1 --repeat 3
  step fp16-1024-e1 90 "${run[@]}" --precision fp16 --size 1024x1024 --steps 2 --ensemble 1 --warmup 1 --repeat 2
  step fp16-stack-100 120 "${run[@]}" --precision fp16 --size 512x512 --steps 2 --ensemble 1 --warmup 1 --repeat 1 \
    --frames 100
  step fp32-512-e4 90 "${run[@]}" --precision fp32 --size 512x512 --steps 2 --ensemble 4 --warmup 1 --repeat 3
  step fp32-1024-e1 90 "${run[@]}" --precision fp32 --size 1024x1024 --steps 2 --ensemble 1 --warmup 1 --repeat 2
  step fp32-stack-100 120 "${run[@]}" --precision fp32 --size 512x512 --steps 2 --ensemble 1 --warmup 1 --repeat 1 \
    --frames 100
  step guided-fp32 120 "${run[@]}" --precision fp32 --size 512x512 --steps 2 --ensemble 1 --warmup 1 --repeat 1 \
    --complete guided
  env_line sizes "512x512 e4 s2 (3 timed); 1024x1024 e1 s2 (2 timed); 100-frame 512x512 stack e1 s2; guided completion 512x512 e1 s2"
else
  half="half precision needs CUDA (libtorch's half convolutions on a CPU are hundreds of times slower)"
  step info 60 info --device cpu
  step selftest-fp32 180 selftest "$fixtures" --device cpu --precision fp32 --tolerance 1e-4 "${threads[@]}"
  skip selftest-fp16 "$half"
  step generate 150 bench --generate "$model" --generate-only
  run=(bench --model-dir "$model" --device cpu --json "${threads[@]}")
  skip fp16-512-e4 "$half"; skip fp16-1024-e1 "$half"; skip fp16-stack-100 "$half"
  step fp32-512-e4 120 "${run[@]}" --precision fp32 --size 64x64 --steps 2 --ensemble 2 --warmup 1 --repeat 1
  step fp32-1024-e1 120 "${run[@]}" --precision fp32 --size 128x128 --steps 2 --ensemble 1 --warmup 1 --repeat 1
  step fp32-stack-100 120 "${run[@]}" --precision fp32 --size 64x64 --steps 2 --ensemble 1 --warmup 1 --repeat 1 \
    --frames 3
  step guided-fp32 150 "${run[@]}" --precision fp32 --size 64x64 --steps 1 --ensemble 1 --warmup 1 --repeat 1 \
    --complete guided
  env_line sizes "reduced for the CPU: 64x64 e2 s2 (for 512x512 e4), 128x128 e1 s2 (for 1024x1024), 3-frame 64x64 stack e1 s2 (for 100 frames at 512x512), guided completion 64x64 e1 s1"
fi
env_line fp16_tolerance "$fp16_tolerance"
env_line finished "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
env_line wall_s "$(($(date +%s) - start))"

# ---------------------------------------------------------------------------------------------
# 4. the report: gpu.json and summary.md (Java, no libtorch needed)

"$java" -cp "$gpu_cp" org.depthfm.tools.bench.GpuReport "$out" || { say "the report failed"; exit 1; }
say "wrote $out/gpu.json and $out/summary.md in $(($(date +%s) - start)) s"
[ -n "$cp" ] || exit 3
if awk -F'\t' 'NR > 1 && ($2 == "failed" || $2 == "timeout") {bad = 1} END {exit bad ? 0 : 1}' "$out/steps.tsv"; then
  exit 1
fi
exit 0

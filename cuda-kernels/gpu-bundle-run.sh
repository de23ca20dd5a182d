#!/usr/bin/env bash
# gpu-bundle-run.sh: runs jgan's GPU checks from the bundle that gpu-bundle.sh made, on a machine
# with an NVIDIA driver and CUDA 13 (cuBLAS may come from a pip wheel) and nothing else: no JDK,
# no Maven, no network. gpu-bundle.sh copies it next to the archive:
#
#   bash cuda-kernels/target/gpu-bundle-run.sh [ARCHIVE]      (ARCHIVE: gpu-bundle.tar.gz beside it)
#
# It unpacks to /tmp, finds libcuda.so.1 and libcublas.so.13 (or .12), and writes to $OUT as it
# goes, so that a run cut short still returns what it had (7 files, each far under 16 MiB):
#   1-env.txt           what it found: GPU (nvidia-smi), driver and cuBLAS libraries, JVM, python/torch
#   2-smoke.txt         open the GPU, load every kernel module, one SGEMM checked against the CPU
#   3-tests.txt         the JUnit tree of the GPU test cases (console launcher, ASCII marks)
#   4-tests-report.xml  the same as JUnit XML
#   5-bench.txt         the benchmark tables: SGEMM ladder and cuBLAS, conv, Adam, GAN steps
#   6-pytorch.txt       PyTorch on the same GPU, the same workloads
#   7-summary.txt       one line per step (ok / FAILED / TIMED OUT), test counts, every summary line
# Every step has its own timeout; together they fit in 8 minutes. Exit status: 0 when every step
# passed, 1 otherwise, and 1 in particular when no GPU test case ran (a run that tested nothing
# must not look green).
#
# JGAN_BUNDLE_DRIVER=emulator runs the same steps on the CUDA emulator at tiny sizes (the
# rehearsal, gpu-bundle-rehearse.sh, does this on machines without a GPU); its timings mean
# nothing. JGAN_BUNDLE_TESTS overrides the regular expression of test classes to run;
# JGAN_BUNDLE_STEPS=tests runs the environment, smoke and test steps only.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
archive=${1:-$here/gpu-bundle.tar.gz}
driver=${JGAN_BUNDLE_DRIVER:-gpu}
out=${OUT:-}
if [ -z "$out" ]; then
    echo "gpu-bundle-run.sh: set OUT to the folder for the results" >&2
    exit 2
fi
case $driver in
    gpu | emulator) ;;
    *) echo "gpu-bundle-run.sh: JGAN_BUNDLE_DRIVER is '$driver': expected gpu or emulator" >&2; exit 2 ;;
esac
mkdir -p "$out"
summary=$out/7-summary.txt
: >"$summary"
started=$(date +%s)
failures=0

note() {
    echo "$*" | tee -a "$summary"
}

# step NAME SECONDS FILE COMMAND...: runs COMMAND with its own timeout, appending its output to FILE.
step() {
    local name=$1 seconds=$2 file=$3
    shift 3
    local begin status
    begin=$(date +%s)
    echo "== $name (timeout ${seconds}s): $*" >>"$file"
    timeout --kill-after=10 "$seconds" "$@" >>"$file" 2>&1
    status=$?
    local took=$(($(date +%s) - begin))
    if [ "$status" -eq 0 ]; then
        note "step $name: ok (${took}s)"
    elif [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
        note "step $name: TIMED OUT after ${seconds}s; see $(basename "$file")"
        failures=$((failures + 1))
    else
        note "step $name: FAILED (exit status $status, ${took}s); see $(basename "$file")"
        failures=$((failures + 1))
    fi
    return "$status"
}

note "jgan GPU bundle run, driver $driver, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
if [ ! -f "$archive" ]; then
    note "FAILED: no bundle at $archive (build it with cuda-kernels/gpu-bundle.sh)"
    exit 1
fi
work=$(mktemp -d /tmp/jgan-gpu-bundle.XXXXXX)
tar -xzf "$archive" -C "$work" || { note "FAILED: cannot unpack $archive"; exit 1; }
bundle=$work/gpu-bundle
java=$bundle/runtime/bin/java
note "unpacked $(basename "$archive") ($(stat -c %s "$archive") bytes) to $bundle"

# --- 1. the environment ---------------------------------------------------------------------
env_file=$out/1-env.txt
ldconfig_bin=$(command -v ldconfig || echo /sbin/ldconfig)

find_libcuda() {
    "$ldconfig_bin" -p 2>/dev/null | awk '/libcuda\.so\.1 / { print $NF; exit }'
    local dir
    for dir in /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/local/nvidia/lib64 /usr/lib/wsl/lib /usr/local/cuda/compat; do
        [ -e "$dir/libcuda.so.1" ] && echo "$dir/libcuda.so.1"
    done
}

# Every libcublas.so.13 and .so.12 in the usual places, python's site-packages included (the
# nvidia-cublas wheels put it under nvidia/cu13/lib or nvidia/cublas/lib).
find_libcublas() {
    local roots=(/usr/local /usr/lib /usr/lib64 /opt)
    local python_dirs
    python_dirs=$(timeout 20 python3 -c 'import site, sys; print("\n".join(site.getsitepackages() + [site.getusersitepackages()] + sys.path))' 2>/dev/null || true)
    local dir
    while read -r dir; do
        [ -n "$dir" ] && [ -d "$dir" ] && roots+=("$dir")
    done <<<"$python_dirs"
    [ -n "${HOME:-}" ] && [ -d "$HOME/.local" ] && roots+=("$HOME/.local")
    timeout 60 find "${roots[@]}" -maxdepth 8 \( -name 'libcublas.so.13' -o -name 'libcublas.so.12' \) 2>/dev/null | sort -u
}

{
    echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "host: $(uname -a)"
    echo "cpus: $(nproc 2>/dev/null), memory: $(awk '/MemTotal/ { print $2 " kB" }' /proc/meminfo 2>/dev/null)"
    echo "bundle: $(tr '\n' ';' <"$bundle/BUNDLE-INFO.txt")"
    echo
    echo "== nvidia-smi"
    timeout 20 nvidia-smi 2>&1 || echo "(nvidia-smi failed or is missing)"
    echo
    echo "== libcuda.so.1"
    find_libcuda | sort -u || true
    echo
    echo "== libcublas.so.13 / .so.12 found"
} >>"$env_file" 2>&1
libcuda=$(find_libcuda | head -1)
cublas_found=$(find_libcublas)
echo "${cublas_found:-(none)}" >>"$env_file"

if [ "$driver" = gpu ]; then
    # cuBLAS 13 (our shim) over 12 (JCublas would take a .so.12 on the path by itself); a library
    # named by the caller wins.
    cublas=${JGAN_CUBLAS_LIBRARY:-$(grep 'libcublas\.so\.13$' <<<"$cublas_found" | head -1)}
    cublas=${cublas:-$(grep 'libcublas\.so\.12$' <<<"$cublas_found" | head -1)}
    library_path=""
    [ -n "$libcuda" ] && library_path=$(dirname "$libcuda")
    [ -n "$cublas" ] && library_path=$(dirname "$cublas")${library_path:+:$library_path}
    export LD_LIBRARY_PATH=${library_path}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    [ -n "$cublas" ] && export JGAN_CUBLAS_LIBRARY=$cublas
    sizes=1024,2048,4096,8192
    adam_sizes=1048576,16777216
    conv_args=(--batch 64 --repeats 10 --scale 1)
    gan_args=(10 1)
    targets="cuda gpu,cuda gpu + cuBLAS"
    smoke_n=1024
else
    # The caller may name a host-computing stand-in for cuBLAS (the fake of the tests).
    sizes=64,96
    adam_sizes=4096
    conv_args=(--batch 2 --repeats 1 --scale 16)
    gan_args=(1 32)
    targets="cuda emulator"
    smoke_n=64
fi
tests=${JGAN_BUNDLE_TESTS:-'^dev\.jgan\.cuda\.[A-Za-z]*(ConformanceTest|OnCudaTest|EndToEndTest)$'}

{
    echo
    echo "== chosen: libcuda ${libcuda:-(none)}, cuBLAS ${JGAN_CUBLAS_LIBRARY:-(none named; JCublas or the shim search the library path)}"
    echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
    echo
    echo "== JVM (the bundle's own runtime)"
    "$java" -version 2>&1
    "$java" --list-modules 2>&1 | tr '\n' ' '
    echo
    echo "system java on PATH: $(command -v java || echo 'none')"
    echo "mvn on PATH: $(command -v mvn || echo 'none')"
    echo
    echo "== python3 / torch"
    echo "python3: $(command -v python3 || echo none)"
    timeout 60 python3 -c 'import torch; print("torch", torch.__version__, "CUDA", torch.version.cuda, "available", torch.cuda.is_available())' 2>&1 || echo "(no torch)"
} >>"$env_file" 2>&1
note "step env: ok; libcuda ${libcuda:-NOT FOUND}; cuBLAS ${JGAN_CUBLAS_LIBRARY:-NOT FOUND}"

jvm=("$java" --add-modules jdk.incubator.vector -cp "$bundle/lib/*:$bundle/tools/junit-platform-console-standalone.jar")

# --- 2. smoke test ------------------------------------------------------------------------------
step smoke 60 "$out/2-smoke.txt" "${jvm[@]}" dev.jgan.cuda.bench.GpuSmoke --driver "$driver" --n "$smoke_n"

# --- 3. tests -----------------------------------------------------------------------------------
tests_file=$out/3-tests.txt
reports=$work/reports
step tests 150 "$tests_file" "${jvm[@]}" -Djgan.test.targets="$targets" \
    org.junit.platform.console.ConsoleLauncher execute --disable-banner --disable-ansi-colors \
    --details=tree --details-theme=ascii --select-package dev.jgan.cuda --include-classname "$tests" \
    --reports-dir "$reports"
[ -f "$reports/TEST-junit-jupiter.xml" ] && cp "$reports/TEST-junit-jupiter.xml" "$out/4-tests-report.xml"
# Cases on the device this run is for: display names say "cuda gpu" / "on the gpu" (or "emulator").
word=$([ "$driver" = gpu ] && echo gpu || echo emulator)
ran=$(grep -E '\[OK\]' "$tests_file" | grep -cw "$word")
failed=$(grep -E '\[X\]' "$tests_file" | grep -cw "$word")
# [A]: aborted by a failed assumption (the target is missing here), [S]: skipped; neither passed.
skipped=$(grep -E '\[(A|S)\]' "$tests_file" | grep -cw "$word")
note "tests on the $word: $ran passed, $failed failed, $skipped skipped"
grep -E '^\[ *[0-9]+ tests (successful|failed|skipped|aborted|found)' "$tests_file" | sed 's/^/  junit: /' | tee -a "$summary"
if [ "$ran" -eq 0 ]; then
    note "FAILED: no test case ran on the $word, so this run tested nothing there"
    failures=$((failures + 1))
fi

# --- 4. benchmarks ------------------------------------------------------------------------------
bench_file=$out/5-bench.txt
if [ "${JGAN_BUNDLE_STEPS:-all}" = tests ]; then
    note "benchmarks not run (JGAN_BUNDLE_STEPS=tests); $failures step(s) failed"
    rm -rf "$work"
    [ "$failures" -eq 0 ]
    exit
fi
step matmul 90 "$bench_file" "${jvm[@]}" dev.jgan.cuda.bench.MatmulBenchmark --driver "$driver" --sizes "$sizes" --seconds 0.5
step conv 40 "$bench_file" "${jvm[@]}" dev.jgan.cuda.bench.ConvBenchmark --driver "$driver" "${conv_args[@]}"
step adam 30 "$bench_file" "${jvm[@]}" dev.jgan.cuda.bench.AdamBenchmark --driver "$driver" --sizes "$adam_sizes"
step gan-steps 60 "$bench_file" "${jvm[@]}" -Djgan.cuda.driver="$driver" \
    dev.jgan.benchmarks.gpu.GanStepBenchmark cuda "${gan_args[@]}"
if [ "$driver" = gpu ]; then
    step pytorch 90 "$out/6-pytorch.txt" python3 "$bundle/python/gpu_compare_pytorch.py" --sizes "$sizes"
else
    echo "pytorch: not run on the emulator (no GPU to compare on)" >"$out/6-pytorch.txt"
fi

# --- 5. summary ---------------------------------------------------------------------------------
# The issue's goals, from the matmul table (columns: n | each rung | cublas) and the GAN step
# summary lines, against PyTorch's lines of the same workloads. awk: the GPU machine's python
# is for PyTorch, and the rehearsal has none.
goals() {
    awk '
        FNR == 1 { file++ }
        file == 1 && /^ +n \|/ {
            engines = split($0, header, /\|/)
            for (i = 2; i <= engines; i++) { gsub(/ /, "", header[i]); name[i] = header[i] }
            in_table = 1; next
        }
        file == 1 && in_table && /^ +[0-9]+ \|/ {
            split($0, cell, /\|/); n = cell[1] + 0; best = 0
            for (i = 2; i <= engines; i++) {
                split(cell[i], word, " "); value = word[1] + 0
                if (name[i] == "cublas") cublas[n] = value; else if (value > best) { best = value; rung[n] = name[i] }
            }
            own[n] = best; sizes[++count] = n; next
        }
        file == 1 { in_table = 0 }
        file == 1 && /^summary: .* step, batch/ {
            split($0, part, /\|/); key = part[1]; sub(/^summary: /, "", key); sub(/ \(ngf=ndf=[0-9]+\)/, "", key)
            sub(/ +$/, "", key); ours_ms[key] = part[2] + 0
        }
        file == 2 && /^pytorch: matmul n=/ { split($0, part, /\|/); m = part[1]; sub(/.*n=/, "", m); torch_mm[m + 0] = part[2] + 0 }
        file == 2 && /^pytorch: .* step, batch/ {
            split($0, part, /\|/); key = part[1]; sub(/^pytorch: /, "", key); sub(/ +$/, "", key); torch_ms[key] = part[2] + 0
        }
        END {
            for (i = 1; i <= count; i++) {
                n = sizes[i]
                if (n in cublas && cublas[n] > 0)
                    printf "  n=%d: our best rung (%s) %.2f of cuBLAS%s\n", n, rung[n], own[n] / cublas[n], n == 4096 ? " (goal >= 0.6)" : ""
                if (n in cublas && (n in torch_mm) && torch_mm[n] > 0)
                    printf "  n=%d: jgan matmul by cuBLAS %.2f of PyTorch matmul (goal >= 0.9)\n", n, cublas[n] / torch_mm[n]
            }
            for (key in ours_ms)
                if ((key in torch_ms) && torch_ms[key] > 0)
                    printf "  %s: %.2f of PyTorch eager time (goal <= 1.0)\n", key, ours_ms[key] / torch_ms[key]
        }' "$bench_file" "$out/6-pytorch.txt"
}

{
    echo
    echo "== ours ($driver$([ "$driver" = emulator ] && echo ': timings are meaningless'))"
    grep -h '^summary: ' "$bench_file" | sed 's/^summary: /  /'
    echo
    echo "== PyTorch on the same GPU"
    grep -h '^pytorch: ' "$out/6-pytorch.txt" 2>/dev/null | sed 's/^pytorch: /  /'
    echo
    echo "== the goals, as measured (ratios of the lines above)"
    goals
    echo
    echo "run took $(($(date +%s) - started))s; $failures step(s) failed"
} | tee -a "$summary"
rm -rf "$work"
[ "$failures" -eq 0 ]

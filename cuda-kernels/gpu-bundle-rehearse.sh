#!/usr/bin/env bash
# gpu-bundle-rehearse.sh: the GPU run, rehearsed on a machine without a GPU (CI runs it after
# `mvn -B test`). It builds the bundle (gpu-bundle.sh), then runs gpu-bundle-run.sh as the GPU
# machine would, with no JDK, no Maven and nothing else of this machine's environment
# (`env -i`, and a PATH of a folder holding only the basic tools the script uses), but on the
# CUDA emulator (JGAN_BUNDLE_DRIVER=emulator) and with the fake cuBLAS of the tests
# (src/test/native/fake_cublas.cpp) standing in for libcublas.so.13, so that the cuBLAS path
# of the benchmarks runs too. Then it checks what landed in the temporary $OUT: the emulator's
# test cases ran (not skipped) and passed, the smoke test passed, every benchmark wrote its
# summary line, no file is over 16 MiB and there are at most 8; and it prints the bundle's size.
#
# Without nvcc the bundle cannot be built (no fatbins): the script then says so and exits 0,
# or 1 with --require-nvcc (CI, which has nvcc, passes it, so that there it runs or fails).
#
# Usage: cuda-kernels/gpu-bundle-rehearse.sh [--require-nvcc] [--offline]
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
module=$root/cuda-kernels
require_nvcc=no
bundle_args=()
while [ $# -gt 0 ]; do
    case $1 in
        --require-nvcc) require_nvcc=yes ;;
        --offline) bundle_args+=(--offline) ;;
        *) echo "gpu-bundle-rehearse.sh: unknown argument $1 (expected --require-nvcc, --offline)" >&2; exit 2 ;;
    esac
    shift
done

say() {
    echo "[rehearsal] $*"
}

fail() {
    echo "[rehearsal] FAILED: $*" >&2
    exit 1
}

if ! command -v nvcc >/dev/null 2>&1 && [ ! -x /usr/local/cuda/bin/nvcc ] && [ ! -x "${CUDA_HOME:-/nonexistent}/bin/nvcc" ]; then
    say "NOT RUN: nvcc is not installed here, so the kernel modules (fatbins) cannot be built and there is no bundle to rehearse"
    [ "$require_nvcc" = yes ] && fail "nvcc is required (--require-nvcc)"
    exit 0
fi

start=$(date +%s)
bash "$module/gpu-bundle.sh" "${bundle_args[@]}"
archive=$module/target/gpu-bundle.tar.gz
runner=$module/target/gpu-bundle-run.sh

scratch=$(mktemp -d /tmp/jgan-rehearsal.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
say "building the fake cuBLAS (libcublas.so.13 that computes on the host)"
g++ -std=c++17 -O1 -fPIC -shared -o "$scratch/libcublas.so.13" "$module/src/test/native/fake_cublas.cpp"

# A PATH with only the tools gpu-bundle-run.sh uses, none of them java or mvn.
mkdir -p "$scratch/bin" "$scratch/home" "$scratch/out"
for tool in bash sh tar gzip find grep sed awk timeout cat tee date mkdir mktemp rm cp stat dirname basename \
    head sort tr wc uname nproc env ldconfig; do
    found=$(PATH=$PATH:/sbin:/usr/sbin command -v "$tool" || true)
    [ -n "$found" ] && ln -s "$found" "$scratch/bin/$tool"
done

say "running the bundle in a scrubbed environment (env -i, PATH=$scratch/bin) on the emulator"
set +e
env -i PATH="$scratch/bin" HOME="$scratch/home" OUT="$scratch/out" JGAN_BUNDLE_DRIVER=emulator \
    JGAN_CUBLAS_LIBRARY="$scratch/libcublas.so.13" \
    JGAN_BUNDLE_TESTS='^dev\.jgan\.cuda\.(Matmul|Copy|Softmax)ConformanceTest$' \
    "$scratch/bin/bash" "$runner" "$archive" >"$scratch/run.txt" 2>&1
status=$?
set -e
sed 's/^/  | /' "$scratch/run.txt"
out=$scratch/out

problems=()
check() {  # check DESCRIPTION COMMAND...: records DESCRIPTION when COMMAND fails
    local description=$1
    shift
    if "$@" >/dev/null 2>&1; then
        say "ok: $description"
    else
        say "NOT OK: $description"
        problems+=("$description")
    fi
}
check "the run exited with status 0 (it was $status)" test "$status" -eq 0
check "no java and no mvn on the run's PATH" grep -q '^system java on PATH: none' "$out/1-env.txt"
check "the run used the bundle's own JVM" grep -q 'java.base' "$out/1-env.txt"
check "the smoke test passed" grep -q '^smoke: PASSED' "$out/2-smoke.txt"
check "the smoke test multiplied with cuBLAS (the fake, through our shim)" grep -q 'SGEMM .* by cuBLAS' "$out/2-smoke.txt"
check "emulator test cases ran and passed (not skipped)" grep -Eq '^tests on the emulator: [1-9][0-9]* passed, 0 failed' "$out/7-summary.txt"
check "the JUnit XML report was written" grep -q '<testsuite' "$out/4-tests-report.xml"
check "the matmul table was written, with the cuBLAS column" grep -Eq '^summary: matmul.* of cuBLAS' "$out/5-bench.txt"
check "the conv table was written" grep -Eq '^summary: conv' "$out/5-bench.txt"
check "the Adam table was written" grep -Eq '^summary: Adam' "$out/5-bench.txt"
check "the GAN step table was written" grep -Eq '^summary: .*step, batch' "$out/5-bench.txt"
check "the summary holds the goals section, with the best rung's share of cuBLAS" grep -Eq '^  n=96: our best rung \(.*\) [0-9.]+ of cuBLAS' "$out/7-summary.txt"
files=$(find "$out" -type f | wc -l)
check "at most 8 files in \$OUT ($files)" test "$files" -le 8
check "no file in \$OUT of 16 MiB or more" test -z "$(find "$out" -type f -size +16383k)"

# The other way round: a run in which no test case reaches the device must fail, and say why.
set +e
env -i PATH="$scratch/bin" HOME="$scratch/home" OUT="$scratch/out-none" JGAN_BUNDLE_DRIVER=emulator \
    JGAN_BUNDLE_TESTS='^NoSuchTest$' JGAN_BUNDLE_STEPS=tests \
    "$scratch/bin/bash" "$runner" "$archive" >"$scratch/run-none.txt" 2>&1
none_status=$?
set -e
check "a run in which no test case ran fails (status $none_status)" test "$none_status" -ne 0
check "... and says that it tested nothing" grep -q 'FAILED: no test case ran on the emulator' "$scratch/out-none/7-summary.txt"

size=$(stat -c %s "$archive")
say "bundle: $archive, $size bytes ($(awk -v s="$size" 'BEGIN { printf "%.1f", s / 1048576 }') MiB; limit 50 MiB)"
say "took $(($(date +%s) - start))s"
if [ ${#problems[@]} -gt 0 ]; then
    fail "${#problems[@]} check(s) failed: ${problems[*]}"
fi
say "PASSED: the bundle runs without a JDK, Maven or a GPU (on the emulator) and writes its results to \$OUT"

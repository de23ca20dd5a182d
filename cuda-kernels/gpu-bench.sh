#!/usr/bin/env bash
# gpu-bench.sh: on a machine with an NVIDIA GPU, runs the cuda-kernels tests (whose "cuda gpu"
# cases run only there) and the GPU benchmarks in one go, and prints their tables:
#   - matmul: each rung of the SGEMM ladder (sgemm.cu) against cuBLAS, n = 1024 ... 8192;
#   - conv: the convolutions of DCGAN-64's discriminator, forward and forward + backward;
#   - Adam: the update as tensor ops against the fused adam.cu kernel;
#   - GAN steps: one training step of the MLP GAN and of DCGAN-64, batch 64;
# and closes with one table of their summary lines (tests included).
# Everything printed is also saved to cuda-kernels/target/gpu-bench.txt.
#
# Without a GPU (no nvidia-smi listing one, or no libcuda.so.1) it says so in one line and runs
# the same steps on the CUDA emulator at tiny sizes: that checks the tests and the benchmark
# programs, and its timings mean nothing. --emulator forces that mode.
#
# Usage: cuda-kernels/gpu-bench.sh [--emulator] [--dry-run] [--sizes 1024,2048,4096,8192] [--skip-tests]
#   --dry-run prints the commands it would run and runs none.
# Needs: Java 17, Maven (with the dependencies in ~/.m2 or network access), nvcc on a GPU machine
# so that the build contains the kernel modules, and cuBLAS 12 or 13 for the cuBLAS column. On a
# machine without a JDK or Maven (the lent GPU machine), use gpu-bundle.sh and gpu-bundle-run.sh.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
module=$root/cuda-kernels
report=$module/target/gpu-bench.txt
driver=gpu
sizes=1024,2048,4096,8192
adam_sizes=1048576,16777216
run_tests=yes
dry_run=no

while [ $# -gt 0 ]; do
    case $1 in
        --emulator) driver=emulator ;;
        --sizes) sizes=$2; shift ;;
        --skip-tests) run_tests=no ;;
        --dry-run) dry_run=yes ;;
        *) echo "gpu-bench.sh: unknown argument $1 (expected --emulator, --dry-run, --sizes LIST, --skip-tests)" >&2; exit 2 ;;
    esac
    shift
done

say() {
    echo "[gpu-bench] $*"
}

# Why there is no usable GPU, or nothing when there is one.
why_no_gpu() {
    if ! ldconfig -p 2>/dev/null | grep -q 'libcuda\.so\.1' && [ ! -e /usr/lib/x86_64-linux-gnu/libcuda.so.1 ]; then
        echo "no NVIDIA driver (libcuda.so.1 not found)"
    elif ! command -v nvidia-smi >/dev/null 2>&1; then
        echo "no nvidia-smi to list the GPUs"
    elif ! nvidia-smi -L 2>/dev/null | grep -q '^GPU '; then
        echo "the NVIDIA driver lists no GPU (nvidia-smi -L)"
    fi
}

if [ "$driver" = gpu ]; then
    reason=$(why_no_gpu)
    if [ -n "$reason" ]; then
        say "NO GPU: $reason. Running the emulator parts only, at tiny sizes; their timings mean nothing."
        driver=emulator
    fi
fi
if [ "$driver" = emulator ]; then
    sizes=64,96
    adam_sizes=4096
    conv_args="--batch 2 --repeats 1 --scale 16"
    gan_args="1 32"
else
    conv_args="--batch 64 --repeats 10 --scale 1"
    gan_args="10 1"

    say "GPU: $(nvidia-smi -L | head -1)"
    if ! command -v nvcc >/dev/null 2>&1 && [ ! -x /usr/local/cuda/bin/nvcc ] && [ ! -x "${CUDA_HOME:-/nonexistent}/bin/nvcc" ]; then
        say "WARNING: nvcc not found: the build will contain no kernel modules and every GPU case will fail to open"
    fi
fi

cd "$root"
if [ "$dry_run" = yes ]; then
    run() { echo "[dry-run] $*"; }
else
    run() { "$@"; }
fi
mkdir -p "$module/target"
: >"$report"

if [ "$run_tests" = yes ] && [ "$dry_run" = yes ]; then
    run mvn -q -pl core,nn,cuda-kernels test -Dtest='dev.jgan.cuda.**' -Dsurefire.failIfNoSpecifiedTests=false
elif [ "$run_tests" = yes ]; then
    say "tests: mvn -pl core,nn,cuda-kernels test (cuda-kernels tests only)"
    set +e
    mvn -q -pl core,nn,cuda-kernels test -Dtest='dev.jgan.cuda.**' -Dsurefire.failIfNoSpecifiedTests=false \
        2>&1 | tee -a "$report" | grep -E 'Tests run:|FAIL|ERROR' | tail -40
    status=${PIPESTATUS[0]}
    set -e
    reports=$module/target/surefire-reports
    summary=$(python3 - "$reports" <<'PY' 2>/dev/null || echo "(no surefire reports to count)"
import glob, sys, xml.etree.ElementTree as ET
run = fail = skip = 0
gpu_skips = set()
for f in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    s = ET.parse(f).getroot()
    run += int(s.get("tests")); fail += int(s.get("failures")) + int(s.get("errors")); skip += int(s.get("skipped"))
    for case in s.iter("testcase"):
        for sk in case.iter("skipped"):
            first = ((sk.get("message") or "") + "\n" + (sk.text or "")).strip().splitlines()[0]
            if "cuda gpu is not available" in first:
                gpu_skips.add(first.split("on this machine:", 1)[-1].strip())
print(f"{run} tests, {fail} failed, {skip} skipped" + (f"; GPU cases skipped because: {sorted(gpu_skips)[0]}" if gpu_skips else ""))
PY
)
    echo "summary: tests | $summary" >>"$report"
    say "tests: $summary"
    if [ "$status" -ne 0 ]; then
        say "the tests FAILED (mvn exit status $status); see $report and $reports"
        exit "$status"
    fi
fi

say "building the benchmark class paths"
# Two files: the second build (benchmarks needs gan, which needs cuda-kernels) writes its own list
# into every module of its reactor.
run mvn -q -pl core,nn,cuda-kernels test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >>"$report" 2>&1
run mvn -q -pl benchmarks -am compile dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/gan-bench-classpath.txt >>"$report" 2>&1
classpath=$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt" 2>/dev/null || true)
gan_classpath=$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/gan-bench-classpath.txt" 2>/dev/null || true)

failed=()
# Runs one benchmark (java arguments), keeping its output in the report and going on when it fails.
bench() {
    local name=$1
    shift
    echo
    set +e
    # --add-modules: any CPU matmul in these JVMs then uses the SIMD kernel (PackedMatmul).
    run java --add-modules jdk.incubator.vector "$@" 2>&1 | tee -a "$report"
    local status=${PIPESTATUS[0]}
    set -e
    if [ "$status" -ne 0 ]; then
        failed+=("$name")
        echo "summary: $name | FAILED (exit status $status) | see $report" >>"$report"
    fi
}

bench matmul -cp "$classpath" dev.jgan.cuda.bench.MatmulBenchmark --driver "$driver" --sizes "$sizes"
bench conv -cp "$classpath" dev.jgan.cuda.bench.ConvBenchmark --driver "$driver" $conv_args
bench adam -cp "$classpath" dev.jgan.cuda.bench.AdamBenchmark --driver "$driver" --sizes "$adam_sizes"
bench gan-step -Djgan.cuda.driver="$driver" -cp "$gan_classpath" dev.jgan.benchmarks.gpu.GanStepBenchmark cuda $gan_args

echo
say "summary ($driver$([ "$driver" = emulator ] && echo ': timings are meaningless'))"
grep '^summary: ' "$report" | sed 's/^summary: /  /' || true
echo
say "done; everything above is also in $report"
if [ ${#failed[@]} -gt 0 ]; then
    say "FAILED: ${failed[*]}"
    exit 1
fi

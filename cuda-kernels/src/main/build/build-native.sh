#!/usr/bin/env bash
# Builds the native half of cuda-kernels; Maven runs it in the process-resources phase.
#
#   1. nvcc: each src/main/cuda/*.cu becomes a fatbin (machine code for each listed GPU
#      architecture plus PTX for newer ones) under <classes>/dev/jgan/cuda/kernels/, listed in
#      modules.txt, which JCudaDriver loads. Without nvcc this step is skipped and says so: the
#      jar then runs the CUDA backend on the emulator only. With nvcc, a compile error fails
#      the build.
#   2. g++: the emulator library (src/main/emulator + every .cu, C++20) becomes
#      <classes>/dev/jgan/cuda/native/linux-<arch>/libjgan_cuda_emulator.so, which
#      EmulatedDriver loads. Without g++ this step is skipped and says so; the emulator tests
#      then report themselves as skipped. With g++, a compile error fails the build.
#   3. g++: src/main/cublas/cublas_shim.cpp becomes libjgan_cublas_shim.so next to the emulator
#      library: the JNI library that calls cuBLAS 13 (or 12) by dlopen where JCublas (CUDA 12
#      only) cannot load. It needs no CUDA headers or libraries to build. Without g++ it is
#      skipped and says so; the GPU backend then has cuBLAS only through JCublas.
#
# Outputs newer than all their inputs are kept, so an unchanged module builds in no time.
#
# Usage: build-native.sh <module dir> <classes dir> <java home> "<sm archs, e.g. 75 80 90>"
set -euo pipefail

module=$1
classes=$2
java_home=$3
archs=${4:-"75 80 90"}

cuda_src=$module/src/main/cuda
emulator_src=$module/src/main/emulator
kernel_sources=("$cuda_src"/*.cu)
headers=("$cuda_src"/*.cuh)

log() {
    echo "[jgan native] $*"
}

# up_to_date OUTPUT INPUT...: OUTPUT exists and no INPUT is newer.
up_to_date() {
    local output=$1
    shift
    [ -f "$output" ] || return 1
    local input
    for input in "$@"; do
        [ "$input" -nt "$output" ] && return 1
    done
    return 0
}

find_nvcc() {
    if command -v nvcc >/dev/null 2>&1; then
        command -v nvcc
    elif [ -n "${CUDA_HOME:-}" ] && [ -x "$CUDA_HOME/bin/nvcc" ]; then
        echo "$CUDA_HOME/bin/nvcc"
    elif [ -x /usr/local/cuda/bin/nvcc ]; then
        echo /usr/local/cuda/bin/nvcc
    fi
}

build_kernel_modules() {
    local nvcc
    nvcc=$(find_nvcc)
    if [ -z "$nvcc" ]; then
        log "nvcc not found: SKIPPING the GPU kernel modules (fatbins); this build can run the CUDA backend on the emulator only"
        return 0
    fi
    local out=$classes/dev/jgan/cuda/kernels
    mkdir -p "$out"
    local gencode=() arch last=""
    for arch in $archs; do
        gencode+=(-gencode "arch=compute_$arch,code=sm_$arch")
        last=$arch
    done
    # PTX of the newest architecture lets the driver compile for GPUs newer than any listed.
    gencode+=(-gencode "arch=compute_$last,code=compute_$last")
    # A change of architectures must rebuild every module.
    local stamp=$out/archs.txt
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$archs" ]; then
        echo "$archs" >"$stamp"
    fi
    local source name modules=()
    for source in "${kernel_sources[@]}"; do
        name=$(basename "$source" .cu)
        modules+=("$name.fatbin")
        if up_to_date "$out/$name.fatbin" "$source" "${headers[@]}" "$stamp"; then
            continue
        fi
        log "nvcc $name.cu -> $name.fatbin (sm $archs)"
        "$nvcc" -fatbin -std=c++17 -O3 "${gencode[@]}" -o "$out/$name.fatbin.tmp" "$source"
        mv "$out/$name.fatbin.tmp" "$out/$name.fatbin"
    done
    printf '%s\n' "${modules[@]}" >"$out/modules.txt"
    log "GPU kernel modules ready in $out (${#modules[@]} fatbins, $("$nvcc" --version | tail -1))"
}

build_emulator() {
    if ! command -v g++ >/dev/null 2>&1; then
        log "g++ not found: SKIPPING the CUDA emulator library; emulator tests will be reported as skipped"
        return 0
    fi
    if [ "$(uname -s)" != "Linux" ]; then
        log "the CUDA emulator library is built on Linux only; SKIPPING it on $(uname -s)"
        return 0
    fi
    local out=$classes/dev/jgan/cuda/native/linux-$(uname -m)
    local library=$out/libjgan_cuda_emulator.so
    mkdir -p "$out"
    if up_to_date "$library" "$emulator_src"/* "${kernel_sources[@]}" "${headers[@]}"; then
        return 0
    fi
    log "g++ emulator_jni.cpp + kernels -> $library"
    # -ffp-contract=off: no fused multiply-add, so the host rounds each operation as Java does.
    g++ -std=c++20 -O1 -fPIC -shared -pthread -ffp-contract=off -Wall -Wextra -Wno-unknown-pragmas \
        -I"$java_home/include" -I"$java_home/include/linux" \
        -o "$library.tmp" "$emulator_src/emulator_jni.cpp"
    mv "$library.tmp" "$library"
}

build_cublas_shim() {
    if ! command -v g++ >/dev/null 2>&1 || [ "$(uname -s)" != "Linux" ]; then
        log "g++ (on Linux) not found: SKIPPING the cuBLAS shim; cuBLAS is then reachable through JCublas (CUDA 12) only"
        return 0
    fi
    local out=$classes/dev/jgan/cuda/native/linux-$(uname -m)
    local library=$out/libjgan_cublas_shim.so
    mkdir -p "$out"
    if up_to_date "$library" "$module"/src/main/cublas/*; then
        return 0
    fi
    log "g++ cublas_shim.cpp -> $library"
    g++ -std=c++17 -O2 -fPIC -shared -Wall -Wextra \
        -I"$java_home/include" -I"$java_home/include/linux" \
        -o "$library.tmp" "$module/src/main/cublas/cublas_shim.cpp" -ldl
    mv "$library.tmp" "$library"
}

build_kernel_modules
build_emulator
build_cublas_shim

// cuda_emulator.h: the CUDA execution model on CPU threads.
//
// Included before a .cu file, this header lets g++ compile the kernel unchanged and run it on
// the CPU, so kernels can be tested where there is no GPU. It provides:
//   - __global__, __device__, __host__, __forceinline__: plain C++ functions;
//   - threadIdx, blockIdx, blockDim, gridDim: thread_local variables, set per emulated thread;
//   - __shared__: one copy per block (see below);
//   - __syncthreads(): a std::barrier across the OS threads of one block;
//   - atomicAdd through std::atomic_ref, __umulhi, and the _rn arithmetic intrinsics;
//   - cuda_emulator::run(grid, block, body): runs body once for every thread of every block.
//
// How a launch runs. Each thread of a block is a real std::thread, so threads of a block run
// concurrently and __syncthreads really waits for all of them. The blocks of a grid run one
// after another, reusing the same OS threads: a barrier between blocks (the "gate") waits
// until every thread has finished the block, then moves everyone to the next block. Launches
// are serialized, as on one CUDA stream.
//
// Why `static` works for __shared__: a static local has one copy in the whole program. Since
// the blocks of a launch run one at a time and launches run one at a time, that copy belongs
// to exactly one block at any moment, which is all CUDA promises. As on a GPU, shared memory
// is not cleared between blocks. Dynamic shared memory (extern __shared__ T s[]) is not
// supported: the kernels here size their shared arrays at compile time.
//
// What the emulator cannot catch (see also cuda-kernels/README.md):
//   - timing and performance: nothing here says how fast a kernel is on a GPU;
//   - memory coalescing, bank conflicts, occupancy, register pressure;
//   - warp-synchronous assumptions: there are no warps here, so code that relies on 32
//     threads moving in lockstep (implicit warp synchronization, __shfl_*, __ballot_*) is
//     neither supported nor checked;
//   - races hidden by the barrier: the OS schedules threads differently from a GPU, so a
//     missing __syncthreads may happen to work here and fail there (or the reverse);
//   - a thread that exits early leaves the block's barrier (arrive_and_drop), as hardware
//     since Volta effectively does, so __syncthreads in divergent code is not reported;
//   - device memory limits: "device" memory is host memory, so out-of-memory, alignment rules
//     and the 48 KiB static shared-memory limit are not enforced; out-of-bounds reads go
//     unnoticed, and of out-of-bounds writes only those into the guard bytes around each buffer
//     (emulator_jni.cpp) are reported; others crash the process instead of reporting an error;
//   - floating-point details: host expf/logf/tanhf differ from CUDA's in the last bits, and the
//     GPU may fuse a * b + c into one fma where the host does two roundings.
#pragma once

#include <atomic>
#include <barrier>
#include <cstdint>
#include <functional>
#include <math.h>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __shared__ static

struct uint3 {
    unsigned int x, y, z;
};

struct dim3 {
    unsigned int x, y, z;
    constexpr dim3(unsigned int x = 1, unsigned int y = 1, unsigned int z = 1) : x(x), y(y), z(z) {}
};

inline thread_local uint3 threadIdx;
inline thread_local uint3 blockIdx;
inline thread_local dim3 blockDim;
inline thread_local dim3 gridDim;
constexpr int warpSize = 32;

namespace cuda_emulator {
// The barrier of the block the calling thread is running.
inline thread_local std::barrier<>* block_barrier = nullptr;

// CUDA's launch limits; a launch beyond them fails on every GPU, so it fails here too.
constexpr unsigned int max_threads_per_block = 1024;
constexpr unsigned int max_grid_yz = 65535;
}  // namespace cuda_emulator

inline void __syncthreads() {
    cuda_emulator::block_barrier->arrive_and_wait();
}

template <typename T>
inline T atomicAdd(T* address, T value) {
    return std::atomic_ref<T>(*address).fetch_add(value);
}

inline unsigned int __umulhi(unsigned int a, unsigned int b) {
    return (unsigned int)(((unsigned long long)a * b) >> 32);
}

// The _rn intrinsics round each operation on its own. The library is compiled with
// -ffp-contract=off, so plain operators already do.
inline double __dadd_rn(double a, double b) { return a + b; }
inline double __dmul_rn(double a, double b) { return a * b; }
inline float __fadd_rn(float a, float b) { return a + b; }
inline float __fmul_rn(float a, float b) { return a * b; }

namespace cuda_emulator {

// Runs body() once for every thread of every block of the grid; returns when all are done.
inline void run(dim3 grid, dim3 block, const std::function<void()>& body) {
    const unsigned long long threads = (unsigned long long)block.x * block.y * block.z;
    const unsigned long long blocks = (unsigned long long)grid.x * grid.y * grid.z;
    if (threads > max_threads_per_block || block.z > 64) {
        throw std::invalid_argument("block (" + std::to_string(block.x) + ", " + std::to_string(block.y) + ", "
                                    + std::to_string(block.z) + ") exceeds CUDA's limits of 1024 threads"
                                    " per block and 64 along z");
    }
    if (grid.y > max_grid_yz || grid.z > max_grid_yz) {
        throw std::invalid_argument("grid (" + std::to_string(grid.x) + ", " + std::to_string(grid.y) + ", "
                                    + std::to_string(grid.z) + ") exceeds CUDA's limit of 65535 blocks along y and z");
    }
    if (threads == 0 || blocks == 0) {
        return;
    }
    static std::mutex one_launch_at_a_time;
    std::lock_guard<std::mutex> lock(one_launch_at_a_time);

    const std::ptrdiff_t count = (std::ptrdiff_t)threads;
    std::optional<std::barrier<>> syncthreads;
    syncthreads.emplace(count);
    unsigned long long current = 0;
    // Runs once, when every thread has finished the current block: the next block gets a
    // fresh barrier, since threads that left the old one early were dropped from it.
    auto next_block = [&]() noexcept {
        ++current;
        syncthreads.emplace(count);
    };
    std::barrier gate(count, next_block);

    std::vector<std::thread> pool;
    pool.reserve(threads);
    for (unsigned long long t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            threadIdx = uint3{(unsigned int)(t % block.x), (unsigned int)(t / block.x % block.y),
                              (unsigned int)(t / ((unsigned long long)block.x * block.y))};
            blockDim = block;
            gridDim = grid;
            while (current < blocks) {
                blockIdx = uint3{(unsigned int)(current % grid.x), (unsigned int)(current / grid.x % grid.y),
                                 (unsigned int)(current / ((unsigned long long)grid.x * grid.y))};
                block_barrier = &*syncthreads;
                body();
                syncthreads->arrive_and_drop();
                gate.arrive_and_wait();
            }
        });
    }
    for (std::thread& thread : pool) {
        thread.join();
    }
}

}  // namespace cuda_emulator

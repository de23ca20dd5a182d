// emulator_selftest.cpp: checks the emulator header itself, below the kernels that rely on it.
//
// Built and run by dev.jgan.cuda.EmulatorSelfTest. Each check prints one line; the program
// exits with 1 if any failed.
#include "../../main/emulator/cuda_emulator.h"

#include <cstdio>
#include <stdexcept>
#include <vector>

static int failures = 0;

static void check(bool ok, const char* what) {
    std::printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    failures += ok ? 0 : 1;
}

// Every (block, thread) pair of a 3-D grid runs exactly once and sees the launch's dimensions.
__global__ void record_indices(int* hits, int* bad_dims) {
    int block = (blockIdx.z * gridDim.y + blockIdx.y) * gridDim.x + blockIdx.x;
    int thread = (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x;
    int threads = blockDim.x * blockDim.y * blockDim.z;
    atomicAdd(&hits[block * threads + thread], 1);
    if (gridDim.x != 2 || gridDim.y != 3 || gridDim.z != 2 || blockDim.x != 4 || blockDim.y != 2 || blockDim.z != 3) {
        atomicAdd(bad_dims, 1);
    }
}

// Each thread writes its slot, waits at the barrier, then reads its neighbour's: without a
// working barrier some reads see the previous block's values.
__global__ void rotate_through_shared(int* out) {
    __shared__ int slots[64];
    int tid = threadIdx.x;
    slots[tid] = blockIdx.x * 1000 + tid;
    __syncthreads();
    out[blockIdx.x * blockDim.x + tid] = slots[(tid + 1) % blockDim.x];
}

// Shared memory belongs to one block: each block sums its own block index into it.
__global__ void per_block_shared_sum(int* out) {
    __shared__ int total;
    if (threadIdx.x == 0) {
        total = 0;
    }
    __syncthreads();
    atomicAdd(&total, (int)blockIdx.x);
    __syncthreads();
    if (threadIdx.x == 0) {
        out[blockIdx.x] = total;
    }
}

__global__ void atomic_float_sum(float* total) {
    atomicAdd(total, 0.5f);
}

// Threads that return before a barrier leave it, so the others are not stuck.
__global__ void early_exit(int* out) {
    if (threadIdx.x % 2 == 1) {
        return;
    }
    __syncthreads();
    out[threadIdx.x] = 1;
}

int main() {
    {
        std::vector<int> hits(2 * 3 * 2 * 4 * 2 * 3, 0);
        int bad_dims = 0;
        cuda_emulator::run(dim3(2, 3, 2), dim3(4, 2, 3), [&] { record_indices(hits.data(), &bad_dims); });
        bool once = true;
        for (int h : hits) {
            once = once && h == 1;
        }
        check(once, "every thread of every block of a 3-D grid runs exactly once");
        check(bad_dims == 0, "gridDim and blockDim are the launch's");
    }
    {
        const int blocks = 5, threads = 48;
        std::vector<int> out(blocks * threads, -1);
        cuda_emulator::run(dim3(blocks), dim3(threads), [&] { rotate_through_shared(out.data()); });
        bool ok = true;
        for (int b = 0; b < blocks; ++b) {
            for (int t = 0; t < threads; ++t) {
                ok = ok && out[b * threads + t] == b * 1000 + (t + 1) % threads;
            }
        }
        check(ok, "__syncthreads makes every shared write of the block visible before any read");
    }
    {
        std::vector<int> out(7, -1);
        cuda_emulator::run(dim3(7), dim3(32), [&] { per_block_shared_sum(out.data()); });
        bool ok = true;
        for (int b = 0; b < 7; ++b) {
            ok = ok && out[b] == 32 * b;
        }
        check(ok, "each block has its own shared memory");
    }
    {
        float total = 0;
        cuda_emulator::run(dim3(9), dim3(100), [&] { atomic_float_sum(&total); });
        check(total == 450.0f, "atomicAdd on a float from 900 threads loses no update");
    }
    {
        std::vector<int> out(16, 0);
        cuda_emulator::run(dim3(3), dim3(16), [&] { early_exit(out.data()); });
        bool ok = true;
        for (int t = 0; t < 16; ++t) {
            ok = ok && out[t] == (t % 2 == 0 ? 1 : 0);
        }
        check(ok, "threads that exit early do not block the barrier of the others");
    }
    {
        bool refused = false;
        try {
            cuda_emulator::run(dim3(1), dim3(1025), [] {});
        } catch (const std::invalid_argument&) {
            refused = true;
        }
        check(refused, "a block of more than 1024 threads is refused");
        refused = false;
        try {
            cuda_emulator::run(dim3(1, 65536), dim3(1), [] {});
        } catch (const std::invalid_argument&) {
            refused = true;
        }
        check(refused, "a grid of more than 65535 blocks along y is refused");
    }
    return failures == 0 ? 0 : 1;
}

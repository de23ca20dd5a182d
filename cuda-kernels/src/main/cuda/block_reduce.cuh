// block_reduce.cuh: combining one value per thread into one value per block.
//
// The classic shared-memory tree: every thread writes its value, then in log2(blockDim.x)
// steps the lower half of the active threads adds in the upper half, with a __syncthreads
// between steps so that no thread reads a slot before its writer is done. It needs blockDim.x
// to be a power of two, at most JGAN_REDUCE_MAX_THREADS (the host launches it so).
//
// Faster versions finish the last 32 values with warp shuffles (__shfl_down_sync) instead of
// shared memory; that is left out on purpose, since the emulator cannot check warp-synchronous
// code (see cuda-kernels/README.md).
#pragma once

// Kept in step with dev.jgan.cuda.LaunchShapes.REDUCE_MAX_THREADS.
#define JGAN_REDUCE_MAX_THREADS 256

// The order of dev.jgan.core.backend.ReduceOp, mapped by name in dev.jgan.cuda.OpCodes.
enum ReduceCode : int { REDUCE_SUM = 0, REDUCE_MAX = 1, REDUCE_MIN = 2 };

template <typename T>
__device__ __forceinline__ T reduce_identity(int op) {
    // 1/0 is +infinity in IEEE arithmetic; written so because INFINITY is a float macro.
    T infinity = T(1) / T(0);
    return op == REDUCE_SUM ? T(0) : (op == REDUCE_MAX ? -infinity : infinity);
}

// NaN wins max and min, as in the Java reference and torch.amax.
template <typename T>
__device__ __forceinline__ T reduce_combine(int op, T acc, T v) {
    switch (op) {
        case REDUCE_SUM: return acc + v;
        case REDUCE_MAX: return (v > acc || v != v) ? v : acc;
        default: return (v < acc || v != v) ? v : acc;
    }
}

// Every thread of the block must call this (it contains barriers) and every thread gets the
// result. `scratch` is a __shared__ array of at least blockDim.x elements.
template <typename T>
__device__ T block_reduce(int op, T value, T* scratch) {
    unsigned tid = threadIdx.x;
    scratch[tid] = value;
    __syncthreads();
    for (unsigned active = blockDim.x / 2; active > 0; active /= 2) {
        if (tid < active) {
            scratch[tid] = reduce_combine(op, scratch[tid], scratch[tid + active]);
        }
        __syncthreads();
    }
    T result = scratch[0];
    // A second barrier so that a following call may overwrite scratch[0] only after every
    // thread has read it.
    __syncthreads();
    return result;
}

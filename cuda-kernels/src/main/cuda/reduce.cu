// reduce.cu: sum, max and min over any set of dims.
//
// Kernels
//   reduce_f32, reduce_f64
//       One thread block per output element. The block's threads stride over that element's
//       reduced elements, each keeping a private partial result in a register, and then combine
//       the partials with a shared-memory tree (block_reduce.cuh). Teaches: mapping blocks to
//       outputs, the two-level (serial, then tree) reduction, and __syncthreads.
//
// The host splits the input's dims into kept dims (those of the output) and reduced dims, and
// passes each as Dims + View: the input's strides over the kept dims find where an output's
// elements start, its strides over the reduced dims walk them. The output is written in the
// keepdim layout (reduced dims of size 1), through its own strides over the kept dims.
#include "strided.cuh"
#include "block_reduce.cuh"

template <typename T>
__device__ void reduce_kernel(int op, const Dims& kept, const View& xKept, const View& outKept,
                              const Dims& reduced, const View& xReduced, int reducedCount,
                              const T* x, T* out) {
    __shared__ T scratch[JGAN_REDUCE_MAX_THREADS];
    int outIndex = blockIdx.x;
    int base = position(kept, xKept, outIndex);
    T partial = reduce_identity<T>(op);
    for (int r = threadIdx.x; r < reducedCount; r += blockDim.x) {
        partial = reduce_combine(op, partial, x[base + position(reduced, xReduced, r)]);
    }
    T total = block_reduce(op, partial, scratch);
    if (threadIdx.x == 0) {
        out[position(kept, outKept, outIndex)] = total;
    }
}

extern "C" __global__ void reduce_f32(int op, Dims kept, View xKept, View outKept, Dims reduced, View xReduced,
                                      int reducedCount, const float* x, float* out) {
    reduce_kernel(op, kept, xKept, outKept, reduced, xReduced, reducedCount, x, out);
}

extern "C" __global__ void reduce_f64(int op, Dims kept, View xKept, View outKept, Dims reduced, View xReduced,
                                      int reducedCount, const double* x, double* out) {
    reduce_kernel(op, kept, xKept, outKept, reduced, xReduced, reducedCount, x, out);
}

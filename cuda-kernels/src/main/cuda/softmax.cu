// softmax.cu: softmax and log-softmax along one dim.
//
// Kernels
//   softmax_f32, softmax_f64
//       One thread block per row (a row is every element along `dim` for one index of the
//       other dims). Three passes over the row: the maximum (a block reduction), the sum of
//       exp(x - max) (a second block reduction), then the outputs. Teaches: the numerically
//       stable softmax (subtracting the maximum keeps exp from overflowing) and reusing one
//       shared-memory scratch for two reductions.
//
// out = exp(x - max) / sum, or for log-softmax (x - max) - log(sum), written as in the Java
// reference so both compute the same expression.
#include "strided.cuh"
#include "device_math.cuh"
#include "block_reduce.cuh"

template <typename T>
__device__ void softmax_kernel(int logSoftmax, const Dims& rows, const View& xRows, const View& outRows,
                               int len, int xStride, int outStride, const T* x, T* out) {
    __shared__ T scratch[JGAN_REDUCE_MAX_THREADS];
    int row = blockIdx.x;
    const T* xRow = x + position(rows, xRows, row);
    T* outRow = out + position(rows, outRows, row);

    T max = reduce_identity<T>(REDUCE_MAX);
    for (int j = threadIdx.x; j < len; j += blockDim.x) {
        max = reduce_combine(REDUCE_MAX, max, xRow[j * xStride]);
    }
    max = block_reduce(REDUCE_MAX, max, scratch);

    T sum = T(0);
    for (int j = threadIdx.x; j < len; j += blockDim.x) {
        sum += jexp(xRow[j * xStride] - max);
    }
    sum = block_reduce(REDUCE_SUM, sum, scratch);

    T logSum = jlog(sum);
    for (int j = threadIdx.x; j < len; j += blockDim.x) {
        T shifted = xRow[j * xStride] - max;
        outRow[j * outStride] = logSoftmax ? shifted - logSum : jexp(shifted) / sum;
    }
}

extern "C" __global__ void softmax_f32(int logSoftmax, Dims rows, View xRows, View outRows,
                                       int len, int xStride, int outStride, const float* x, float* out) {
    softmax_kernel(logSoftmax, rows, xRows, outRows, len, xStride, outStride, x, out);
}

extern "C" __global__ void softmax_f64(int logSoftmax, Dims rows, View xRows, View outRows,
                                       int len, int xStride, int outStride, const double* x, double* out) {
    softmax_kernel(logSoftmax, rows, xRows, outRows, len, xStride, outStride, x, out);
}

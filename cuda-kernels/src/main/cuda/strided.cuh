// strided.cuh: how a kernel finds a tensor element in memory.
//
// A tensor is a view (sizes, strides, offset) onto a flat buffer, exactly as on the Java side
// (dev.jgan.core.Tensor). Kernels receive the layout as small structs passed by value: the
// driver copies them into the kernel's parameter space, so no device buffer is needed for them.
// A stride of 0 repeats one element along a dim: that is how broadcasting reaches a kernel.
//
// The Java side (dev.jgan.cuda.KernelArgs) packs these structs as ints in this exact order;
// change one side and the other together.
#pragma once

#define JGAN_MAX_DIMS 8

// The sizes of the dims an index walks over. Unused entries are 0 and never read.
struct Dims {
    int rank;
    int sizes[JGAN_MAX_DIMS];
};

// Where one operand's elements are: storage position = offset + sum(index[d] * strides[d]).
struct View {
    int offset;
    int strides[JGAN_MAX_DIMS];
};

// One operand of a batched matrix product: row and column strides of each matrix, and the
// strides of the batch dims (described by a separate Dims) that pick which matrix.
struct Matrix {
    int offset;
    int rowStride;
    int colStride;
    int batchStrides[JGAN_MAX_DIMS];
};

// Storage position of the element with row-major number `linear` over `dims`. The loop runs
// over the maximum rank with a guard so that the compiler can unroll it and keep the layout
// in registers instead of indexing the struct at run time.
__device__ __forceinline__ int position(const Dims& dims, const View& view, int linear) {
    int pos = view.offset;
#pragma unroll
    for (int d = JGAN_MAX_DIMS - 1; d >= 0; --d) {
        if (d < dims.rank) {
            int size = dims.sizes[d];
            pos += (linear % size) * view.strides[d];
            linear /= size;
        }
    }
    return pos;
}

// Storage position of the first element of matrix number `batch` of a batched operand.
__device__ __forceinline__ int matrix_base(const Dims& batchDims, const Matrix& m, int batch) {
    int pos = m.offset;
#pragma unroll
    for (int d = JGAN_MAX_DIMS - 1; d >= 0; --d) {
        if (d < batchDims.rank) {
            int size = batchDims.sizes[d];
            pos += (batch % size) * m.batchStrides[d];
            batch /= size;
        }
    }
    return pos;
}

// The grid-stride loop: thread t of a grid of T threads handles elements t, t + T, t + 2T, ...,
// so a grid of any size covers any n. The index is 64-bit so that i + T cannot overflow near
// n = 2^31.
#define JGAN_FOR_EACH_ELEMENT(i, n) \
    for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < (n); \
         i += (long long)blockDim.x * gridDim.x)

// sgemm.cu: C = A B, the teaching ladder from the obvious kernel to a register-blocked one.
//
// Each rung is correct at any M, N, K (sizes that are not multiples of the tile are padded with
// zeros on load and masked on store) and for any strides, so A or B may be a transposed or
// broadcast view. blockIdx.z picks the matrix of a batch; the host launches batches of more
// than 65535 matrices in chunks, passing the first one as batchStart.
//
// Kernels (s = float32, d = float64 from the same templates)
//   sgemm_naive, dgemm_naive
//       One thread per element of C, threadIdx.x running down a column of C (block 32 x 8).
//       Teaches: the definition, and what uncoalesced access costs: the 32 threads of a warp
//       read 32 different rows of A and write 32 different rows of C, one memory transaction
//       each.
//   sgemm_coalesced, dgemm_coalesced
//       The same arithmetic with threadIdx.x running along a row of C (block 32 x 8). Teaches:
//       coalescing; a warp now reads one element of A (broadcast to all 32 threads) and 32
//       consecutive elements of B, and writes 32 consecutive elements of C.
//   sgemm_shared, dgemm_shared
//       Shared-memory tiling, 16 x 16 tiles, one thread per element of C (block 16 x 16). The
//       block stages a tile of A and a tile of B in shared memory, then every thread reads each
//       staged value 16 times from there. Teaches: data reuse through shared memory, and the
//       two __syncthreads per step (load complete before use; use complete before the next load).
//   sgemm_blocktile_2d, dgemm_blocktile_2d
//       2-D block tiling: a 64 x 64 tile of C per block of 64 threads, each thread computing an
//       8 x 8 patch in registers from 8 values of A and 8 of B per step (block 64 x 1). Teaches:
//       arithmetic intensity; 64 multiply-adds per 16 shared-memory loads instead of 1 per 2.
//
// cuBLAS is still several times faster (vectorized loads, double buffering, warp tiling,
// tensor cores); the real backend uses it and keeps these kernels for teaching and comparison.
#include "strided.cuh"

// Launch shapes, kept in step with dev.jgan.cuda.GemmKernel.
#define GEMM_TILE 16
#define GEMM_BM 64
#define GEMM_BN 64
#define GEMM_BK 8
#define GEMM_TM 8
#define GEMM_TN 8

// Arguments shared by every rung.
#define GEMM_PARAMS(T) int M, int N, int K, Dims batch, int batchStart, \
    const T* A, Matrix a, const T* B, Matrix b, T* C, Matrix c
#define GEMM_ARGS M, N, K, batch, batchStart, A, a, B, b, C, c

template <typename T>
__device__ void gemm_naive(GEMM_PARAMS(T)) {
    int z = batchStart + blockIdx.z;
    int row = blockIdx.x * blockDim.x + threadIdx.x;
    int col = blockIdx.y * blockDim.y + threadIdx.y;
    if (row < M && col < N) {
        const T* Az = A + matrix_base(batch, a, z);
        const T* Bz = B + matrix_base(batch, b, z);
        T acc = T(0);
        for (int k = 0; k < K; ++k) {
            acc += Az[row * a.rowStride + k * a.colStride] * Bz[k * b.rowStride + col * b.colStride];
        }
        C[matrix_base(batch, c, z) + row * c.rowStride + col * c.colStride] = acc;
    }
}

template <typename T>
__device__ void gemm_coalesced(GEMM_PARAMS(T)) {
    int z = batchStart + blockIdx.z;
    int row = blockIdx.y * blockDim.y + threadIdx.y;
    int col = blockIdx.x * blockDim.x + threadIdx.x;
    if (row < M && col < N) {
        const T* Az = A + matrix_base(batch, a, z);
        const T* Bz = B + matrix_base(batch, b, z);
        T acc = T(0);
        for (int k = 0; k < K; ++k) {
            acc += Az[row * a.rowStride + k * a.colStride] * Bz[k * b.rowStride + col * b.colStride];
        }
        C[matrix_base(batch, c, z) + row * c.rowStride + col * c.colStride] = acc;
    }
}

template <typename T>
__device__ void gemm_shared(GEMM_PARAMS(T)) {
    __shared__ T As[GEMM_TILE][GEMM_TILE];
    __shared__ T Bs[GEMM_TILE][GEMM_TILE];
    int z = batchStart + blockIdx.z;
    const T* Az = A + matrix_base(batch, a, z);
    const T* Bz = B + matrix_base(batch, b, z);
    int tx = threadIdx.x;
    int ty = threadIdx.y;
    int row = blockIdx.y * GEMM_TILE + ty;
    int col = blockIdx.x * GEMM_TILE + tx;
    T acc = T(0);
    // No thread returns early, even outside C: every thread must reach both barriers.
    for (int k0 = 0; k0 < K; k0 += GEMM_TILE) {
        As[ty][tx] = (row < M && k0 + tx < K) ? Az[row * a.rowStride + (k0 + tx) * a.colStride] : T(0);
        Bs[ty][tx] = (k0 + ty < K && col < N) ? Bz[(k0 + ty) * b.rowStride + col * b.colStride] : T(0);
        __syncthreads();
        for (int k = 0; k < GEMM_TILE; ++k) {
            acc += As[ty][k] * Bs[k][tx];
        }
        __syncthreads();
    }
    if (row < M && col < N) {
        C[matrix_base(batch, c, z) + row * c.rowStride + col * c.colStride] = acc;
    }
}

template <typename T>
__device__ void gemm_blocktile_2d(GEMM_PARAMS(T)) {
    constexpr int THREADS = (GEMM_BM / GEMM_TM) * (GEMM_BN / GEMM_TN);
    // A's tile is stored transposed (k major) so that a thread's 8 values of A for one k are
    // consecutive in shared memory, like its 8 values of B.
    __shared__ T As[GEMM_BK][GEMM_BM];
    __shared__ T Bs[GEMM_BK][GEMM_BN];
    int z = batchStart + blockIdx.z;
    const T* Az = A + matrix_base(batch, a, z);
    const T* Bz = B + matrix_base(batch, b, z);
    int tid = threadIdx.x;
    int patchRow = (tid / (GEMM_BN / GEMM_TN)) * GEMM_TM;
    int patchCol = (tid % (GEMM_BN / GEMM_TN)) * GEMM_TN;
    int rowBase = blockIdx.y * GEMM_BM;
    int colBase = blockIdx.x * GEMM_BN;

    T acc[GEMM_TM][GEMM_TN];
    for (int i = 0; i < GEMM_TM; ++i) {
        for (int j = 0; j < GEMM_TN; ++j) {
            acc[i][j] = T(0);
        }
    }
    T fromA[GEMM_TM];
    T fromB[GEMM_TN];

    for (int k0 = 0; k0 < K; k0 += GEMM_BK) {
        // Consecutive threads load consecutive k of one row of A and consecutive columns of
        // one row of B: coalesced for row-major operands.
        for (int e = tid; e < GEMM_BM * GEMM_BK; e += THREADS) {
            int m = e / GEMM_BK;
            int k = e % GEMM_BK;
            int row = rowBase + m;
            As[k][m] = (row < M && k0 + k < K) ? Az[row * a.rowStride + (k0 + k) * a.colStride] : T(0);
        }
        for (int e = tid; e < GEMM_BK * GEMM_BN; e += THREADS) {
            int k = e / GEMM_BN;
            int n = e % GEMM_BN;
            int col = colBase + n;
            Bs[k][n] = (k0 + k < K && col < N) ? Bz[(k0 + k) * b.rowStride + col * b.colStride] : T(0);
        }
        __syncthreads();
        for (int k = 0; k < GEMM_BK; ++k) {
            for (int i = 0; i < GEMM_TM; ++i) {
                fromA[i] = As[k][patchRow + i];
            }
            for (int j = 0; j < GEMM_TN; ++j) {
                fromB[j] = Bs[k][patchCol + j];
            }
            for (int i = 0; i < GEMM_TM; ++i) {
                for (int j = 0; j < GEMM_TN; ++j) {
                    acc[i][j] += fromA[i] * fromB[j];
                }
            }
        }
        __syncthreads();
    }

    T* Cz = C + matrix_base(batch, c, z);
    for (int i = 0; i < GEMM_TM; ++i) {
        int row = rowBase + patchRow + i;
        for (int j = 0; j < GEMM_TN; ++j) {
            int col = colBase + patchCol + j;
            if (row < M && col < N) {
                Cz[row * c.rowStride + col * c.colStride] = acc[i][j];
            }
        }
    }
}

extern "C" __global__ void sgemm_naive(GEMM_PARAMS(float)) { gemm_naive(GEMM_ARGS); }
extern "C" __global__ void sgemm_coalesced(GEMM_PARAMS(float)) { gemm_coalesced(GEMM_ARGS); }
extern "C" __global__ void sgemm_shared(GEMM_PARAMS(float)) { gemm_shared(GEMM_ARGS); }
extern "C" __global__ void sgemm_blocktile_2d(GEMM_PARAMS(float)) { gemm_blocktile_2d(GEMM_ARGS); }
extern "C" __global__ void dgemm_naive(GEMM_PARAMS(double)) { gemm_naive(GEMM_ARGS); }
extern "C" __global__ void dgemm_coalesced(GEMM_PARAMS(double)) { gemm_coalesced(GEMM_ARGS); }
extern "C" __global__ void dgemm_shared(GEMM_PARAMS(double)) { gemm_shared(GEMM_ARGS); }
extern "C" __global__ void dgemm_blocktile_2d(GEMM_PARAMS(double)) { gemm_blocktile_2d(GEMM_ARGS); }

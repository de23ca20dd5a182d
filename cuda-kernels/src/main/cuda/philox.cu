// philox.cu: counter-based random numbers, bit-identical to dev.jgan.core.random.Philox.
//
// Kernels
//   philox_uniform_f32, philox_uniform_f64   low + (high - low) * u, u uniform in [0, 1)
//   philox_normal_f32,  philox_normal_f64    mean + std * z, z standard normal (Box-Muller)
//
// Teaches: why counter-based generators suit GPUs. Element i of a random tensor is a pure
// function of (seed, offset + i): no generator state is shared between threads, so every
// thread computes its own element in any order, and the CPU backend computes the very same
// numbers. Philox4x32-10 is from Salmon et al., "Parallel random numbers: as easy as 1, 2, 3"
// (SC 2011).
//
// Matching Java bit for bit takes care in three places:
//   - the float comes from the top 24 bits of word 0, the double from 53 bits of words 0 and 1,
//     exactly as Philox.uniformFloat / uniformDouble;
//   - the affine step low + (high - low) * u is done in double, as in the Java reference, and
//     with __dmul_rn / __dadd_rn: those intrinsics are never fused into one fma instruction,
//     which nvcc would otherwise do and which rounds differently from Java's two operations;
//   - Box-Muller uses the double log and cos. Those are not correctly rounded (neither is
//     Java's), so a float64 normal may differ from the CPU backend in the last bit or two; a
//     float32 normal is rounded from that double and comes out identical.
#include "strided.cuh"

#define PHILOX_M0 0xD2511F53u
#define PHILOX_M1 0xCD9E8D57u
#define PHILOX_W0 0x9E3779B9u
#define PHILOX_W1 0xBB67AE85u

// The block for counter (c0 = low word, c1 = high word, c2 = c3 = 0) under key = seed.
__device__ __forceinline__ void philox_block(unsigned long long seed, unsigned long long counter,
                                             unsigned int block[4]) {
    unsigned int c0 = (unsigned int)counter;
    unsigned int c1 = (unsigned int)(counter >> 32);
    unsigned int c2 = 0;
    unsigned int c3 = 0;
    unsigned int k0 = (unsigned int)seed;
    unsigned int k1 = (unsigned int)(seed >> 32);
#pragma unroll
    for (int round = 0; round < 10; ++round) {
        unsigned int hi0 = __umulhi(PHILOX_M0, c0);
        unsigned int lo0 = PHILOX_M0 * c0;
        unsigned int hi1 = __umulhi(PHILOX_M1, c2);
        unsigned int lo1 = PHILOX_M1 * c2;
        c0 = hi1 ^ c1 ^ k0;
        c1 = lo1;
        c2 = hi0 ^ c3 ^ k1;
        c3 = lo0;
        k0 += PHILOX_W0;
        k1 += PHILOX_W1;
    }
    block[0] = c0;
    block[1] = c1;
    block[2] = c2;
    block[3] = c3;
}

// 24 bits fit a float's significand, so every value is exact; 2^-24 is a power of two.
__device__ __forceinline__ float philox_uniform_float(unsigned int word) {
    return (float)(word >> 8) * (1.0f / 16777216.0f);
}

__device__ __forceinline__ double philox_uniform_double(unsigned int hi, unsigned int lo) {
    unsigned long long bits = ((unsigned long long)hi << 21) | (lo >> 11);
    return (double)bits * (1.0 / 9007199254740992.0);
}

__device__ __forceinline__ double philox_box_muller(const unsigned int block[4]) {
    double u1 = 1.0 - philox_uniform_double(block[0], block[1]); // in (0, 1], so log(u1) is finite
    double u2 = philox_uniform_double(block[2], block[3]);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * 3.141592653589793 * u2);
}

template <typename T>
__device__ T philox_uniform_value(const unsigned int block[4]);

template <>
__device__ __forceinline__ float philox_uniform_value<float>(const unsigned int block[4]) {
    return philox_uniform_float(block[0]);
}

template <>
__device__ __forceinline__ double philox_uniform_value<double>(const unsigned int block[4]) {
    return philox_uniform_double(block[0], block[1]);
}

template <typename T>
__device__ void philox_uniform_kernel(int n, const Dims& dims, T* out, const View& ov,
                                      long long seed, long long offset, double low, double high) {
    unsigned int block[4];
    JGAN_FOR_EACH_ELEMENT(i, n) {
        philox_block((unsigned long long)seed, (unsigned long long)offset + (unsigned long long)i, block);
        double u = (double)philox_uniform_value<T>(block);
        out[position(dims, ov, (int)i)] = (T)__dadd_rn(low, __dmul_rn(high - low, u));
    }
}

template <typename T>
__device__ void philox_normal_kernel(int n, const Dims& dims, T* out, const View& ov,
                                     long long seed, long long offset, double mean, double std) {
    unsigned int block[4];
    JGAN_FOR_EACH_ELEMENT(i, n) {
        philox_block((unsigned long long)seed, (unsigned long long)offset + (unsigned long long)i, block);
        out[position(dims, ov, (int)i)] = (T)__dadd_rn(mean, __dmul_rn(std, philox_box_muller(block)));
    }
}

extern "C" __global__ void philox_uniform_f32(int n, Dims dims, float* out, View ov,
                                              long long seed, long long offset, double low, double high) {
    philox_uniform_kernel(n, dims, out, ov, seed, offset, low, high);
}

extern "C" __global__ void philox_uniform_f64(int n, Dims dims, double* out, View ov,
                                              long long seed, long long offset, double low, double high) {
    philox_uniform_kernel(n, dims, out, ov, seed, offset, low, high);
}

extern "C" __global__ void philox_normal_f32(int n, Dims dims, float* out, View ov,
                                             long long seed, long long offset, double mean, double std) {
    philox_normal_kernel(n, dims, out, ov, seed, offset, mean, std);
}

extern "C" __global__ void philox_normal_f64(int n, Dims dims, double* out, View ov,
                                             long long seed, long long offset, double mean, double std) {
    philox_normal_kernel(n, dims, out, ov, seed, offset, mean, std);
}

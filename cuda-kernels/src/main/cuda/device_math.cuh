// device_math.cuh: one name per math function for float and double.
//
// CUDA's C math library names the float versions with an f (expf, logf); templates written once
// for float and double need one overloaded name instead. Every function here also matches the
// Java reference (dev.jgan.core.backend.cpu.CpuBackend) where C and Java differ: Java's
// Math.max/min return NaN when either argument is NaN, while fmaxf/fminf drop the NaN, and
// Math.pow and C's pow disagree on a few special cases.
#pragma once

#include <math.h>

__device__ __forceinline__ float jexp(float x) { return expf(x); }
__device__ __forceinline__ double jexp(double x) { return exp(x); }
__device__ __forceinline__ float jlog(float x) { return logf(x); }
__device__ __forceinline__ double jlog(double x) { return log(x); }
__device__ __forceinline__ float jlog1p(float x) { return log1pf(x); }
__device__ __forceinline__ double jlog1p(double x) { return log1p(x); }
__device__ __forceinline__ float jsqrt(float x) { return sqrtf(x); }
__device__ __forceinline__ double jsqrt(double x) { return sqrt(x); }
__device__ __forceinline__ float jabs(float x) { return fabsf(x); }
__device__ __forceinline__ double jabs(double x) { return fabs(x); }
__device__ __forceinline__ float jtanh(float x) { return tanhf(x); }
__device__ __forceinline__ double jtanh(double x) { return tanh(x); }

// C's pow says pow(1, y) = 1 for every y and pow(-1, +-inf) = 1; Java's Math.pow says NaN for a
// NaN exponent and for a base of magnitude 1 raised to an infinity. The Java answers are taken.
template <typename T>
__device__ __forceinline__ bool java_pow_is_nan(T x, T y) {
    T infinity = T(1) / T(0);
    return y != y || ((x == T(1) || x == T(-1)) && (y == infinity || y == -infinity));
}
__device__ __forceinline__ float jpow(float x, float y) { return java_pow_is_nan(x, y) ? nanf("") : powf(x, y); }
__device__ __forceinline__ double jpow(double x, double y) { return java_pow_is_nan(x, y) ? nan("") : pow(x, y); }
__device__ __forceinline__ float jnan(float) { return nanf(""); }
__device__ __forceinline__ double jnan(double) { return nan(""); }

// x != x is true only for NaN; written out because isnan is a macro on the host and a function
// on the device.
template <typename T>
__device__ __forceinline__ T jmax(T a, T b) {
    return a != a ? a : (b != b ? b : (a >= b ? a : b));
}

template <typename T>
__device__ __forceinline__ T jmin(T a, T b) {
    return a != a ? a : (b != b ? b : (a <= b ? a : b));
}

// A product and a sum that nvcc may not fuse into one fma (which rounds a * b + c once instead of
// twice): for kernels that must give the same bits as the separate tensor ops they replace.
__device__ __forceinline__ float mul_rn(float a, float b) { return __fmul_rn(a, b); }
__device__ __forceinline__ double mul_rn(double a, double b) { return __dmul_rn(a, b); }
__device__ __forceinline__ float add_rn(float a, float b) { return __fadd_rn(a, b); }
__device__ __forceinline__ double add_rn(double a, double b) { return __dadd_rn(a, b); }

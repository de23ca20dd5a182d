// elementwise.cu: functions applied element by element, on any strided or broadcast view.
//
// Kernels (each in float32 and float64: suffix _f32 / _f64)
//   unary_f32,  unary_f64   out = f(x) for every dev.jgan.core.backend.UnaryOp.
//                           Teaches: the grid-stride loop (a fixed grid covers any n) and why a
//                           switch on the op code is cheap: every thread of the launch takes the
//                           same branch, so there is no divergence, only one extra compare.
//   binary_f32, binary_f64  out = f(a, b) for every dev.jgan.core.backend.BinaryOp.
//                           Teaches: broadcasting needs no copies; a broadcast operand is a view
//                           whose stride is 0 along the broadcast dims, and `position` does the rest.
//   where_f32,  where_f64   out = cond != 0 ? a : b, the select behind torch.where.
//
// Arithmetic is done in the element type. +, -, *, / and sqrt are correctly rounded in both
// types (nvcc's defaults, -prec-div and -prec-sqrt), so they agree exactly with the Java
// reference; exp, log, tanh and pow may differ from Java's in the last bits.
#include "strided.cuh"
#include "device_math.cuh"

// Op codes. The Java side (dev.jgan.cuda.OpCodes) maps each enum constant to its code by name,
// so a new UnaryOp or BinaryOp needs a code here and a case there.
enum UnaryCode : int {
    UNARY_NEG = 0, UNARY_EXP = 1, UNARY_LOG = 2, UNARY_LOG1P = 3, UNARY_SQRT = 4, UNARY_ABS = 5,
    UNARY_SIGN = 6, UNARY_TANH = 7, UNARY_SIGMOID = 8, UNARY_RELU = 9, UNARY_LEAKY_RELU = 10,
    UNARY_CLAMP = 11, UNARY_POW = 12
};

enum BinaryCode : int {
    BINARY_ADD = 0, BINARY_SUB = 1, BINARY_MUL = 2, BINARY_DIV = 3, BINARY_POW = 4,
    BINARY_MAXIMUM = 5, BINARY_MINIMUM = 6, BINARY_GT = 7, BINARY_GE = 8, BINARY_LT = 9,
    BINARY_LE = 10, BINARY_EQ = 11
};

template <typename T>
__device__ __forceinline__ T unary_apply(int op, T x, T p1, T p2) {
    switch (op) {
        case UNARY_NEG: return -x;
        case UNARY_EXP: return jexp(x);
        case UNARY_LOG: return jlog(x);
        case UNARY_LOG1P: return jlog1p(x);
        case UNARY_SQRT: return jsqrt(x);
        case UNARY_ABS: return jabs(x);
        // Like Java's Math.signum: NaN and signed zeros come back unchanged.
        case UNARY_SIGN: return x > T(0) ? T(1) : (x < T(0) ? T(-1) : x);
        case UNARY_TANH: return jtanh(x);
        // Two forms so that exp never overflows: for x < 0 use e^x / (1 + e^x).
        case UNARY_SIGMOID:
            return x >= T(0) ? T(1) / (T(1) + jexp(-x)) : jexp(x) / (T(1) + jexp(x));
        // Written as in the Java reference, so NaN maps to 0 there and here.
        case UNARY_RELU: return (x > T(0) || x != x) ? x : T(0);  // NaN passes through, as torch.relu
        case UNARY_LEAKY_RELU: return x > T(0) ? x : p1 * x;
        case UNARY_CLAMP: return jmin(jmax(x, p1), p2);
        case UNARY_POW: return jpow(x, p1);
        default: return jnan(x);
    }
}

template <typename T>
__device__ __forceinline__ T binary_apply(int op, T a, T b) {
    switch (op) {
        case BINARY_ADD: return a + b;
        case BINARY_SUB: return a - b;
        case BINARY_MUL: return a * b;
        case BINARY_DIV: return a / b;
        case BINARY_POW: return jpow(a, b);
        case BINARY_MAXIMUM: return jmax(a, b);
        case BINARY_MINIMUM: return jmin(a, b);
        case BINARY_GT: return a > b ? T(1) : T(0);
        case BINARY_GE: return a >= b ? T(1) : T(0);
        case BINARY_LT: return a < b ? T(1) : T(0);
        case BINARY_LE: return a <= b ? T(1) : T(0);
        case BINARY_EQ: return a == b ? T(1) : T(0);
        default: return jnan(a);
    }
}


template <typename T>
__device__ void unary_kernel(int op, T p1, T p2, int n, const Dims& dims,
                             const T* x, const View& xv, T* out, const View& ov) {
    JGAN_FOR_EACH_ELEMENT(i, n) {
        out[position(dims, ov, (int)i)] = unary_apply(op, x[position(dims, xv, (int)i)], p1, p2);
    }
}

template <typename T>
__device__ void binary_kernel(int op, int n, const Dims& dims, const T* a, const View& av,
                              const T* b, const View& bv, T* out, const View& ov) {
    JGAN_FOR_EACH_ELEMENT(i, n) {
        T left = a[position(dims, av, (int)i)];
        T right = b[position(dims, bv, (int)i)];
        out[position(dims, ov, (int)i)] = binary_apply(op, left, right);
    }
}

template <typename T>
__device__ void where_kernel(int n, const Dims& dims, const T* cond, const View& cv,
                             const T* a, const View& av, const T* b, const View& bv,
                             T* out, const View& ov) {
    JGAN_FOR_EACH_ELEMENT(i, n) {
        bool pick = cond[position(dims, cv, (int)i)] != T(0);
        out[position(dims, ov, (int)i)] = pick ? a[position(dims, av, (int)i)] : b[position(dims, bv, (int)i)];
    }
}

extern "C" __global__ void unary_f32(int op, float p1, float p2, int n, Dims dims,
                                     const float* x, View xv, float* out, View ov) {
    unary_kernel(op, p1, p2, n, dims, x, xv, out, ov);
}

extern "C" __global__ void unary_f64(int op, double p1, double p2, int n, Dims dims,
                                     const double* x, View xv, double* out, View ov) {
    unary_kernel(op, p1, p2, n, dims, x, xv, out, ov);
}

extern "C" __global__ void binary_f32(int op, int n, Dims dims, const float* a, View av,
                                      const float* b, View bv, float* out, View ov) {
    binary_kernel(op, n, dims, a, av, b, bv, out, ov);
}

extern "C" __global__ void binary_f64(int op, int n, Dims dims, const double* a, View av,
                                      const double* b, View bv, double* out, View ov) {
    binary_kernel(op, n, dims, a, av, b, bv, out, ov);
}

extern "C" __global__ void where_f32(int n, Dims dims, const float* cond, View cv, const float* a, View av,
                                     const float* b, View bv, float* out, View ov) {
    where_kernel(n, dims, cond, cv, a, av, b, bv, out, ov);
}

extern "C" __global__ void where_f64(int n, Dims dims, const double* cond, View cv, const double* a, View av,
                                     const double* b, View bv, double* out, View ov) {
    where_kernel(n, dims, cond, cv, a, av, b, bv, out, ov);
}

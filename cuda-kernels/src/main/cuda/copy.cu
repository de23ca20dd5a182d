// copy.cu: moving elements between layouts, and filling.
//
// Kernels
//   copy_f32_f32, copy_f32_f64, copy_f64_f32, copy_f64_f64
//       dst = src element by element, both any strided view (src may broadcast), converting the
//       dtype on the way (the name says source then destination). Teaches: contiguous(),
//       to(dtype) and every "make a dense copy" step are this one gather-scatter loop; the
//       float64 -> float32 conversion rounds to nearest, as Java's (float) cast does.
//   fill_f32, fill_f64
//       out = value on any strided view. Teaches: the simplest grid-stride kernel.
#include "strided.cuh"

template <typename Src, typename Dst>
__device__ void copy_kernel(int n, const Dims& dims, const Src* src, const View& sv, Dst* dst, const View& dv) {
    JGAN_FOR_EACH_ELEMENT(i, n) {
        dst[position(dims, dv, (int)i)] = (Dst)src[position(dims, sv, (int)i)];
    }
}

template <typename T>
__device__ void fill_kernel(int n, const Dims& dims, T* out, const View& ov, T value) {
    JGAN_FOR_EACH_ELEMENT(i, n) {
        out[position(dims, ov, (int)i)] = value;
    }
}

extern "C" __global__ void copy_f32_f32(int n, Dims dims, const float* src, View sv, float* dst, View dv) {
    copy_kernel(n, dims, src, sv, dst, dv);
}

extern "C" __global__ void copy_f32_f64(int n, Dims dims, const float* src, View sv, double* dst, View dv) {
    copy_kernel(n, dims, src, sv, dst, dv);
}

extern "C" __global__ void copy_f64_f32(int n, Dims dims, const double* src, View sv, float* dst, View dv) {
    copy_kernel(n, dims, src, sv, dst, dv);
}

extern "C" __global__ void copy_f64_f64(int n, Dims dims, const double* src, View sv, double* dst, View dv) {
    copy_kernel(n, dims, src, sv, dst, dv);
}

extern "C" __global__ void fill_f32(int n, Dims dims, float* out, View ov, float value) {
    fill_kernel(n, dims, out, ov, value);
}

extern "C" __global__ void fill_f64(int n, Dims dims, double* out, View ov, double value) {
    fill_kernel(n, dims, out, ov, value);
}

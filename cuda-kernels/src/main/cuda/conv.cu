// conv.cu: the two primitives every convolution is built from (dev.jgan.core.ops.Convolution).
//
// Kernels (each in float32 and float64: suffix _f32 / _f64)
//   im2col_f32, im2col_f64
//       Unfolds the sliding windows of an image [N, C, H, W] into columns [N, C*kh*kw, OH*OW]:
//       column oy*OW + ox of row (c*kh + i)*kw + j holds x[n, c, oy*sh - ph + i*dh, ox*sw - pw + j*dw],
//       or 0 where that falls in the padding. One thread per column entry. Teaches: a
//       convolution becomes one matrix product once the windows are laid out as columns, and
//       neighbouring threads write neighbouring column entries (coalesced writes).
//   col2im_f32, col2im_f64
//       The adjoint: folds columns back into an image, each pixel the sum of every column entry
//       that im2col copied from it. One thread per output pixel, which GATHERS its entries:
//       pixel y was copied at kernel row i from window row oy exactly when
//       y = oy*sh - ph + i*dh, i.e. when t = y + ph - i*dh is a multiple of sh with 0 <= t/sh < OH
//       (the same for x). Teaches: gathering instead of scattering. The obvious loop over
//       column entries adds each into its pixel, and in parallel two entries of one pixel
//       collide, needing atomicAdd (slow, and the order of the additions, hence the rounding,
//       changes from run to run). Turned around, each pixel has one writer and sums in a fixed
//       order: the results are deterministic, and identical to the CPU reference's in float64.
//
// Both take the geometry as one Conv2dGeometry and each tensor as a View whose strides are those
// of its 4 (image) or 3 (columns) dims, so strided inputs and outputs need no copies.
#include "strided.cuh"

// Kept in step with dev.jgan.cuda.driver.KernelArgs#conv2d.
struct Conv2dGeometry {
    int n, c, h, w;      // image: batch, channels, height, width
    int kh, kw;          // kernel size
    int sh, sw;          // stride
    int ph, pw;          // padding
    int dh, dw;          // dilation
    int oh, ow;          // windows along each dim, from ConvGeometry.outputSize on the host
};

template <typename T>
__device__ void im2col_kernel(int total, const Conv2dGeometry& g, const T* x, const View& xv, T* cols,
                              const View& cv) {
    JGAN_FOR_EACH_ELEMENT(e, total) {
        int rest = (int)e;
        int ox = rest % g.ow;
        rest /= g.ow;
        int oy = rest % g.oh;
        rest /= g.oh;
        int j = rest % g.kw;
        rest /= g.kw;
        int i = rest % g.kh;
        rest /= g.kh;
        int ch = rest % g.c;
        int b = rest / g.c;
        int iy = oy * g.sh - g.ph + i * g.dh;
        int ix = ox * g.sw - g.pw + j * g.dw;
        bool inside = iy >= 0 && iy < g.h && ix >= 0 && ix < g.w;
        T v = inside ? x[xv.offset + b * xv.strides[0] + ch * xv.strides[1] + iy * xv.strides[2] + ix * xv.strides[3]]
                     : T(0);
        int row = (ch * g.kh + i) * g.kw + j;
        cols[cv.offset + b * cv.strides[0] + row * cv.strides[1] + (oy * g.ow + ox) * cv.strides[2]] = v;
    }
}

template <typename T>
__device__ void col2im_kernel(int total, const Conv2dGeometry& g, const T* cols, const View& cv, T* out,
                              const View& ov) {
    JGAN_FOR_EACH_ELEMENT(e, total) {
        int rest = (int)e;
        int x = rest % g.w;
        rest /= g.w;
        int y = rest % g.h;
        rest /= g.h;
        int ch = rest % g.c;
        int b = rest / g.c;
        // The same loops, in the same order, as CpuBackend.col2im, so float64 sums agree exactly.
        T sum = T(0);
        for (int i = 0; i < g.kh; i++) {
            int ty = y + g.ph - i * g.dh;
            if (ty < 0 || ty % g.sh != 0 || ty / g.sh >= g.oh) {
                continue;
            }
            int oy = ty / g.sh;
            for (int j = 0; j < g.kw; j++) {
                int tx = x + g.pw - j * g.dw;
                if (tx < 0 || tx % g.sw != 0 || tx / g.sw >= g.ow) {
                    continue;
                }
                int ox = tx / g.sw;
                int row = (ch * g.kh + i) * g.kw + j;
                sum += cols[cv.offset + b * cv.strides[0] + row * cv.strides[1] + (oy * g.ow + ox) * cv.strides[2]];
            }
        }
        out[ov.offset + b * ov.strides[0] + ch * ov.strides[1] + y * ov.strides[2] + x * ov.strides[3]] = sum;
    }
}

extern "C" __global__ void im2col_f32(int total, Conv2dGeometry g, const float* x, View xv, float* cols, View cv) {
    im2col_kernel(total, g, x, xv, cols, cv);
}

extern "C" __global__ void im2col_f64(int total, Conv2dGeometry g, const double* x, View xv, double* cols, View cv) {
    im2col_kernel(total, g, x, xv, cols, cv);
}

extern "C" __global__ void col2im_f32(int total, Conv2dGeometry g, const float* cols, View cv, float* out, View ov) {
    col2im_kernel(total, g, cols, cv, out, ov);
}

extern "C" __global__ void col2im_f64(int total, Conv2dGeometry g, const double* cols, View cv, double* out,
                                      View ov) {
    col2im_kernel(total, g, cols, cv, out, ov);
}

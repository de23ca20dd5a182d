package dev.jgan.core.backend;

import dev.jgan.core.DType;
import dev.jgan.core.Device;

/**
 * The kernels a device must provide. Ops check shapes, dtypes and devices, allocate the
 * result and call one of these; backward formulas are written with ops, so a backend needs no
 * gradient kernels of its own.
 *
 * <p>Kernels take {@link Operand}s: a storage and its layout (shape, strides, offset), never the
 * user's tensor with its autograd state. Inputs may be any strided view, including broadcast
 * views with stride 0. Outputs may be strided too (in-place ops write into views) but never
 * overlap their inputs unless they are the very same view.
 */
public interface Backend {
    Device device();

    /**
     * Storage for {@code numel} elements whose contents are unspecified: a backend may hand out
     * memory that held another tensor. Every kernel writes each element of its output, so ops
     * allocate their results with this; a result that must start at zero is filled
     * ({@code Tensor.zeros}).
     */
    Storage allocate(DType dtype, int numel);

    Storage fromArray(float[] data);

    Storage fromArray(double[] data);

    /** The operand's elements in row-major order, as doubles. */
    double[] toDoubleArray(Operand t);

    /** The operand's elements in row-major order, as floats. */
    float[] toFloatArray(Operand t);

    void fill(Operand out, double value);

    /** Copies src into dst elementwise; shapes are equal, dtypes may differ (conversion). */
    void copy(Operand src, Operand dst);

    void unary(UnaryOp op, Operand x, Operand out, double p1, double p2);

    /** {@code a} and {@code b} already have {@code out}'s shape (broadcast views). */
    void binary(BinaryOp op, Operand a, Operand b, Operand out);

    /** out = cond != 0 ? a : b; all three already have {@code out}'s shape. */
    void where(Operand cond, Operand a, Operand b, Operand out);

    /**
     * Reduces the dims where {@code reduced} is true. {@code out} has the input's rank with
     * reduced dims of size 1.
     */
    void reduce(ReduceOp op, Operand x, boolean[] reduced, Operand out);

    /**
     * Batched matrix product: a is [..., M, K], b is [..., K, N], out is [..., M, N], and the
     * batch dims of all three are equal (broadcast views where needed).
     */
    void matmul(Operand a, Operand b, Operand out);

    /** Softmax (or log-softmax) along one dim, computed stably (max subtracted first). */
    void softmax(Operand x, int dim, boolean log, Operand out);

    /**
     * Fills out (contiguous) with uniform numbers in [low, high) from the Philox stream of
     * {@code seed}, element i using counter {@code offset + i}; see {@link dev.jgan.core.random.Philox}.
     */
    void philoxUniform(Operand out, long seed, long offset, double low, double high);

    /** As {@link #philoxUniform}, normal numbers by the Box-Muller transform. */
    void philoxNormal(Operand out, long seed, long offset, double mean, double std);

    /**
     * Unfolds sliding windows into columns (im2col). x is [N, C, H, W]; out is
     * [N, C*kh*kw, OH*OW] with OH, OW from {@link dev.jgan.core.ops.ConvGeometry#outputSize}.
     * Row (c*kh + i)*kw + j, column oy*OW + ox holds x[n, c, oy*sh - ph + i*dh, ox*sw - pw + j*dw],
     * or 0 where that position falls in the padding.
     */
    void im2col(Operand x, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, Operand out);

    /**
     * Folds columns back into an image (col2im), the adjoint of {@link #im2col}: cols is
     * [N, C*kh*kw, OH*OW] for an image of C x H x W, out is [N, C, H, W], and each output pixel
     * is the sum of the column entries im2col would have copied from it. Implementations gather
     * per output pixel rather than scatter per column entry, so parallel versions need no atomics.
     */
    void col2im(Operand cols, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                Operand out);
}

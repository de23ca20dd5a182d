package dev.jgan.core.ops;

import java.util.Arrays;

/**
 * The arithmetic of sliding windows, written once: how many positions a kernel takes along one
 * spatial dim, for convolution, pooling and im2col alike, and the size a transposed convolution
 * produces. Kernels, ops and layers all call these, so the formulas cannot drift apart.
 */
public final class ConvGeometry {
    private ConvGeometry() {
    }

    /**
     * Output size along one dim: floor((in + 2 padding - dilation (kernel - 1) - 1) / stride) + 1.
     * The dilated kernel spans dilation (kernel - 1) + 1 inputs; it fits floor(...) + 1 times into
     * the padded input when it steps by stride.
     *
     * @throws IllegalArgumentException naming {@code op} if a parameter is out of range or the
     *                                  (padded) input is smaller than the dilated kernel
     */
    public static int outputSize(String op, int in, int kernel, int stride, int padding, int dilation) {
        checkWindow(op, kernel, stride, padding, dilation);
        int span = dilation * (kernel - 1) + 1;
        int out = Math.floorDiv(in + 2 * padding - span, stride) + 1;
        if (out < 1) {
            throw new IllegalArgumentException(op + ": input size " + in + " with padding " + padding
                    + " is smaller than the kernel of size " + kernel + " (dilation " + dilation + ", spanning "
                    + span + "), so the output size " + out + " would be less than 1");
        }
        return out;
    }

    /**
     * Output size of a transposed convolution along one dim:
     * (in - 1) stride - 2 padding + dilation (kernel - 1) + outputPadding + 1. It is the input size
     * of the convolution whose input-gradient the transposed convolution computes; outputPadding
     * picks one of the {@code stride} input sizes that share one convolution output size.
     */
    public static int transposedOutputSize(int in, int kernel, int stride, int padding, int outputPadding,
                                           int dilation) {
        checkWindow("conv_transpose2d", kernel, stride, padding, dilation);
        if (outputPadding < 0) {
            throw new IllegalArgumentException("conv_transpose2d: outputPadding must be >= 0, got " + outputPadding);
        }
        int out = (in - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
        if (out < 1) {
            throw new IllegalArgumentException("conv_transpose2d: input size " + in + " with kernel " + kernel
                    + ", stride " + stride + ", padding " + padding + ", outputPadding " + outputPadding
                    + " and dilation " + dilation + " gives output size " + out + ", less than 1");
        }
        return out;
    }

    /**
     * A per-dim parameter for the two spatial dims (height, width): two values as given, or one
     * value used for both, as PyTorch accepts an int or a pair.
     */
    public static int[] pair(String op, String name, int[] values) {
        if (values == null || values.length < 1 || values.length > 2) {
            throw new IllegalArgumentException(op + ": " + name + " needs 1 or 2 values (height, width), got "
                    + (values == null ? "null" : Arrays.toString(values)));
        }
        return values.length == 2 ? values.clone() : new int[]{values[0], values[0]};
    }

    private static void checkWindow(String op, int kernel, int stride, int padding, int dilation) {
        if (kernel < 1 || stride < 1 || dilation < 1 || padding < 0) {
            throw new IllegalArgumentException(op + ": kernel " + kernel + ", stride " + stride + " and dilation "
                    + dilation + " must be >= 1 and padding " + padding + " >= 0");
        }
    }
}

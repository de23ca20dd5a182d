package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.backend.Operand;

/**
 * 2-D convolution and transposed convolution, built from two primitives: im2col, which copies
 * every kernel window into a column, and its adjoint col2im. A convolution is then one
 * (batched) matrix product per group, so its gradients come from matmul's; im2col and col2im
 * are each other's backward, so every op here can be differentiated twice and more.
 *
 * <p>Spatial parameters (kernel, stride, padding, dilation, outputPadding) take one value for
 * both dims or two for (height, width), as PyTorch's int-or-pair arguments do.
 */
public final class Convolution {
    private static final String IMAGE = "[N, C, H, W]";

    private Convolution() {
    }

    /**
     * torch.nn.functional.unfold: [N, C, H, W] to [N, C*kh*kw, OH*OW], one column per window
     * position, rows ordered by (channel, kernel row, kernel column); padding reads as 0.
     */
    public static Tensor im2col(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return im2col(x, kernel, stride, padding, dilation, false);
    }

    /**
     * {@link #im2col}, with the columns stored batch-inner when {@code batchInner}: the result is
     * still [N, C*kh*kw, OH*OW], but a view of storage laid out [C*kh*kw, N, OH*OW], so that the
     * columns of all N images are one matrix [C*kh*kw, N*OH*OW] that a convolution multiplies in
     * one wide product instead of N narrow ones.
     */
    private static Tensor im2col(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation,
                                 boolean batchInner) {
        String op = "im2col";
        ShapeChecks.rank(op, "input", x, IMAGE, 4);
        int[] k = ConvGeometry.pair(op, "kernel", kernel);
        int[] s = ConvGeometry.pair(op, "stride", stride);
        int[] p = ConvGeometry.pair(op, "padding", padding);
        int[] d = ConvGeometry.pair(op, "dilation", dilation);
        int oh = ConvGeometry.outputSize(op, x.size(2), k[0], s[0], p[0], d[0]);
        int ow = ConvGeometry.outputSize(op, x.size(3), k[1], s[1], p[1], d[1]);
        int n = x.size(0), rows = x.size(1) * k[0] * k[1];
        Tensor out = batchInner ? batchInner(Tensor.empty(x.backend(), x.dtype(), rows, n, oh * ow))
                : Tensor.empty(x.backend(), x.dtype(), n, rows, oh * ow);
        x.backend().im2col(x.operand(), k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1], out.operand());
        int[] size = {x.size(2), x.size(3)};
        return Autograd.record(Op.IM2COL, out, g -> new Tensor[]{col2im(g, size, k, s, p, d)}, x);
    }

    /**
     * torch.nn.functional.fold: the adjoint of {@link #im2col}. {@code cols} is
     * [N, C*kh*kw, OH*OW] for an image of {@code outputSize} = (H, W); each pixel of the
     * [N, C, H, W] result is the sum of the column entries im2col would have copied from it.
     */
    public static Tensor col2im(Tensor cols, int[] outputSize, int[] kernel, int[] stride, int[] padding,
                                int[] dilation) {
        String op = "col2im";
        ShapeChecks.rank(op, "columns", cols, "[N, C*kh*kw, OH*OW]", 3);
        int[] size = ConvGeometry.pair(op, "outputSize", outputSize);
        int[] k = ConvGeometry.pair(op, "kernel", kernel);
        int[] s = ConvGeometry.pair(op, "stride", stride);
        int[] p = ConvGeometry.pair(op, "padding", padding);
        int[] d = ConvGeometry.pair(op, "dilation", dilation);
        int oh = ConvGeometry.outputSize(op, size[0], k[0], s[0], p[0], d[0]);
        int ow = ConvGeometry.outputSize(op, size[1], k[1], s[1], p[1], d[1]);
        int taps = k[0] * k[1];
        if (cols.size(1) % taps != 0 || cols.size(2) != oh * ow) {
            throw new IllegalArgumentException(op + ": columns " + Shape.format(cols.shape()) + " do not fit a "
                    + taps + "-tap kernel over an image of " + size[0] + "x" + size[1] + ", which needs dim 1 a multiple"
                    + " of " + taps + " and dim 2 = " + oh + "*" + ow + " = " + oh * ow + " window positions");
        }
        int c = cols.size(1) / taps;
        Tensor out = Tensor.empty(cols.backend(), cols.dtype(), cols.size(0), c, size[0], size[1]);
        cols.backend().col2im(cols.operand(), c, size[0], size[1], k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1],
                out.operand());
        // The gradient of columns stored batch-inner is stored so too: it feeds the same wide product.
        boolean batchInner = isBatchInner(cols);
        return Autograd.record(Op.COL2IM, out, g -> new Tensor[]{im2col(g, k, s, p, d, batchInner)}, cols);
    }

    /** The [A, N, B] tensor t seen as [N, A, B]: batch-inner storage of an [N, A, B] batch. */
    private static Tensor batchInner(Tensor t) {
        int a = t.size(0), n = t.size(1), b = t.size(2);
        return Tensor.asStrided(t, new int[]{n, a, b}, new int[]{b, n * b, 1}, t.offset());
    }

    private static boolean isBatchInner(Tensor t) {
        return t.size(0) > 1 && t.stride(0) == t.size(2) && t.stride(1) == t.size(0) * t.size(2) && t.stride(2) == 1;
    }

    /**
     * a [G, M, K] @ x [N, G, K, L] = [N, G, M, L]: the same matrices for every image, i.e.
     * {@code a.matmul(x)} with a broadcast over the batch, and recorded as that matmul. It is
     * computed as one product per group, [M, K] @ [K, N*L], on x stored batch-inner ([G, K, N,
     * L]; x is copied into that layout unless it is stored so already). Each element of the result is the same sum over
     * K, in the same order, as in the N products of one image each, so the bits do not change.
     *
     * <p>The gradients are matmul's. For x it is again a product with the same matrices for
     * every image, so it is folded too. For a, the per-image products [M, L] @ [L, K] are kept,
     * and summed over the batch afterwards as matmul's broadcast rule does
     * ({@link LinearAlgebra#matmulSummedOverBatch}, which on the CPU adds each product into the
     * sum as it is made): folding them into one [M, N*L] @ [N*L, K] product would sum over the
     * batch in another order and change the bits of every weight gradient.
     *
     * @param contiguous whether the result is a contiguous tensor (one copy), or a view of the
     *                   product's batch-inner storage ([G, M, N, L]) for a consumer that reads
     *                   any layout
     */
    private static Tensor batchFoldedMatmul(Tensor a, Tensor x, boolean contiguous) {
        int groups = a.size(0), m = a.size(1), k = a.size(2);
        int n = x.size(0), l = x.size(3);
        Tensor folded = Tensor.asStrided(x, new int[]{groups, k, n, l},
                new int[]{x.stride(1), x.stride(2), x.stride(0), x.stride(3)}, x.offset());
        if (!folded.isContiguous()) {
            Tensor copy = Tensor.empty(x.backend(), x.dtype(), groups, k, n, l);
            x.backend().copy(folded.operand(), copy.operand());
            folded = copy;
        }
        Tensor product = Tensor.empty(x.backend(), x.dtype(), groups, m, n * l);
        x.backend().matmul(a.operand(), new Operand(folded.storage(), new int[]{groups, k, n * l},
                new int[]{k * n * l, n * l, 1}, folded.offset()), product.operand());
        Tensor out = Tensor.asStrided(product, new int[]{n, groups, m, l}, new int[]{l, m * n * l, n * l, 1}, 0);
        if (contiguous) {
            Tensor copy = Tensor.empty(x.backend(), x.dtype(), n, groups, m, l);
            x.backend().copy(out.operand(), copy.operand());
            out = copy;
        }
        return Autograd.record(Op.MATMUL, out, g -> new Tensor[]{
                Pointwise.ifNeeded(a, () -> LinearAlgebra.matmulSummedOverBatch(g, x.transpose(-1, -2))),
                Pointwise.ifNeeded(x, () -> batchFoldedMatmul(a.transpose(-1, -2), g, false))}, a, x);
    }

    /**
     * torch.nn.functional.conv2d (cross-correlation, as in every deep-learning library).
     *
     * @param x      input [N, C, H, W]
     * @param weight [OC, C/groups, kh, kw]
     * @param bias   [OC], or null for none
     * @param groups channels are split into this many groups, each convolved with its own OC/groups
     *               filters
     * @return [N, OC, OH, OW] with OH, OW from {@link ConvGeometry#outputSize}
     */
    public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        String op = "conv2d";
        ShapeChecks.rank(op, "input", x, IMAGE, 4);
        ShapeChecks.rank(op, "weight", weight, "[OC, C/groups, kh, kw]", 4);
        Checks.compatible(op, x, weight);
        int n = x.size(0), c = x.size(1);
        int oc = weight.size(0), perGroup = weight.size(1), kh = weight.size(2), kw = weight.size(3);
        checkGroups(op, groups, c, oc, x, weight);
        if (perGroup * groups != c) {
            throw new IllegalArgumentException(op + ": input " + Shape.format(x.shape()) + " has " + c
                    + " channels but weight " + Shape.format(weight.shape()) + " expects " + perGroup * groups
                    + " (" + perGroup + " per group times groups " + groups + ")");
        }
        ShapeChecks.perChannel(op, "bias", bias, oc, x);
        int[] k = {kh, kw};
        int[] s = ConvGeometry.pair(op, "stride", stride);
        int[] p = ConvGeometry.pair(op, "padding", padding);
        int[] d = ConvGeometry.pair(op, "dilation", dilation);
        int oh = ConvGeometry.outputSize(op, x.size(2), kh, s[0], p[0], d[0]);
        int ow = ConvGeometry.outputSize(op, x.size(3), kw, s[1], p[1], d[1]);
        // Rows of the columns are ordered by channel first, so each group's rows are one block.
        Tensor cols = im2col(x, k, s, p, d, true).reshape(n, groups, perGroup * kh * kw, oh * ow);
        Tensor filters = weight.reshape(groups, oc / groups, perGroup * kh * kw);
        Tensor out = batchFoldedMatmul(filters, cols, true).reshape(n, oc, oh, ow);
        return bias == null ? out : out.add(bias.reshape(1, oc, 1, 1));
    }

    /**
     * torch.nn.functional.conv_transpose2d. This is literally the gradient of {@link #conv2d}
     * with respect to its input: for a conv2d whose weight [C, OC/groups, kh, kw] maps OC
     * channels of OH x OW to the C channels of {@code x}, it multiplies {@code x} by the
     * transposed filters (matmul) and folds the columns back into an image (col2im), exactly
     * the two steps of conv2d's backward.
     *
     * @param x             input [N, C, H, W]
     * @param weight        [C, OC/groups, kh, kw]
     * @param bias          [OC], or null for none
     * @param outputPadding added to one side of the output; must be smaller than stride or dilation
     * @return [N, OC, OH, OW] with OH, OW from {@link ConvGeometry#transposedOutputSize}
     */
    public static Tensor convTranspose2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding,
                                         int[] outputPadding, int[] dilation, int groups) {
        String op = "conv_transpose2d";
        ShapeChecks.rank(op, "input", x, IMAGE, 4);
        ShapeChecks.rank(op, "weight", weight, "[C, OC/groups, kh, kw]", 4);
        Checks.compatible(op, x, weight);
        int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        int oc = weight.size(1) * groups, kh = weight.size(2), kw = weight.size(3);
        if (weight.size(0) != c) {
            throw new IllegalArgumentException(op + ": input " + Shape.format(x.shape()) + " has " + c
                    + " channels but weight " + Shape.format(weight.shape()) + " expects " + weight.size(0)
                    + " (its dim 0)");
        }
        checkGroups(op, groups, c, oc, x, weight);
        ShapeChecks.perChannel(op, "bias", bias, oc, x);
        int[] k = {kh, kw};
        int[] s = ConvGeometry.pair(op, "stride", stride);
        int[] p = ConvGeometry.pair(op, "padding", padding);
        int[] op2 = ConvGeometry.pair(op, "outputPadding", outputPadding);
        int[] d = ConvGeometry.pair(op, "dilation", dilation);
        for (int i = 0; i < 2; i++) {
            if (op2[i] >= s[i] && op2[i] >= d[i]) {
                throw new IllegalArgumentException(op + ": outputPadding " + op2[i] + " must be smaller than either"
                        + " stride " + s[i] + " or dilation " + d[i] + " (dim " + (i == 0 ? "height" : "width") + ")");
            }
        }
        int oh = ConvGeometry.transposedOutputSize(h, kh, s[0], p[0], op2[0], d[0]);
        int ow = ConvGeometry.transposedOutputSize(w, kw, s[1], p[1], op2[1], d[1]);
        int taps = kh * kw;
        Tensor filtersT = weight.reshape(groups, c / groups, weight.size(1) * taps).transpose(1, 2);
        Tensor cols = batchFoldedMatmul(filtersT, x.reshape(n, groups, c / groups, h * w), false)
                .reshape(n, oc * taps, h, w);
        // A conv2d over the OH x OW output has H + outputPadding / stride window rows, not H, when
        // outputPadding >= stride (allowed if < dilation): windows beyond the input get no columns,
        // i.e. zero columns.
        int gridH = ConvGeometry.outputSize(op, oh, kh, s[0], p[0], d[0]);
        int gridW = ConvGeometry.outputSize(op, ow, kw, s[1], p[1], d[1]);
        if (gridH != h) {
            cols = Views.sliceBackward(cols, new int[]{n, oc * taps, gridH, w}, 2, 0);
        }
        if (gridW != w) {
            cols = Views.sliceBackward(cols, new int[]{n, oc * taps, gridH, gridW}, 3, 0);
        }
        Tensor out = col2im(cols.reshape(n, oc * taps, gridH * gridW), new int[]{oh, ow}, k, s, p, d);
        return bias == null ? out : out.add(bias.reshape(1, oc, 1, 1));
    }

    private static void checkGroups(String op, int groups, int c, int oc, Tensor x, Tensor weight) {
        if (groups < 1) {
            throw new IllegalArgumentException(op + ": groups must be >= 1, got " + groups);
        }
        if (c % groups != 0 || oc % groups != 0) {
            throw new IllegalArgumentException(op + ": groups " + groups + " must divide both the input channels "
                    + c + " and the output channels " + oc + " (input " + Shape.format(x.shape()) + ", weight "
                    + Shape.format(weight.shape()) + ")");
        }
    }
}

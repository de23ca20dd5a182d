package dev.jgan.core.conv;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.ops.Convolution;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The convolutions multiply the columns of all images at once ([OC, K] @ [K, N*OH*OW]). These
 * tests hold them to the per-image formulas they replaced, {@code filters.matmul(im2col(x))}
 * for conv2d and {@code col2im(filtersT.matmul(x))} for conv_transpose2d, in float32 on the
 * fast backend: the output, the input gradient and the weight gradient must have the same bits,
 * because every element is the same sum in the same order (the recorded outputs of the
 * tutorial chapters depend on it). Inputs include one image, primes, groups, every
 * stride/padding/dilation combination and transposed (non-contiguous) views.
 */
class BatchFoldedConvolutionTest {

    @ParameterizedTest(name = "N {0}, C {1}, OC {2}, {3}x{4} image, {5}x{6} kernel, stride {7}, padding {8},"
            + " dilation {9}, groups {10}, transposed input {11}")
    @CsvSource({
            "1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, false",
            "4, 3, 8, 16, 16, 4, 4, 2, 1, 1, 1, false",
            "3, 4, 6, 7, 5, 3, 2, 1, 1, 2, 2, true",
            "5, 6, 9, 11, 13, 4, 3, 3, 2, 1, 3, false",
            "2, 5, 7, 4, 4, 4, 4, 1, 0, 1, 1, true",
            "7, 2, 3, 9, 8, 1, 1, 2, 0, 1, 1, false"})
    void conv2dKeepsThePerImageBits(int n, int c, int oc, int h, int w, int kh, int kw, int stride, int padding,
                                    int dilation, int groups, boolean transposed) {
        Tensor x = image(n * 31L + c, n, c, h, w, transposed);
        Tensor weight = random(oc * 7L + kh, oc, c / groups, kh, kw);
        int[] s = {stride}, p = {padding}, d = {dilation};
        Tensor folded = Convolution.conv2d(x, weight, null, s, p, d, groups);

        Tensor cols = Convolution.im2col(x, new int[]{kh, kw}, s, p, d);
        int k = c / groups * kh * kw;
        Tensor perImage = weight.reshape(groups, oc / groups, k)
                .matmul(cols.reshape(n, groups, k, cols.size(2))).reshape(folded.shape());
        assertSameBits(perImage, folded, "conv2d output");
        assertSameGradients(perImage, folded, x, weight, "conv2d");
    }

    @ParameterizedTest(name = "N {0}, C {1}, OC {2}, {3}x{4} image, {5}x{6} kernel, stride {7}, padding {8},"
            + " outputPadding {9}, dilation {10}, groups {11}, transposed input {12}")
    @CsvSource({
            "1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, false",
            "4, 8, 3, 4, 4, 4, 4, 2, 1, 0, 1, 1, false",
            "3, 5, 2, 1, 1, 4, 4, 1, 0, 0, 1, 1, false",
            "5, 6, 4, 7, 5, 3, 2, 2, 1, 1, 1, 2, true",
            "2, 3, 7, 5, 6, 3, 3, 3, 2, 1, 2, 1, true"})
    void convTranspose2dKeepsThePerImageBits(int n, int c, int oc, int h, int w, int kh, int kw, int stride,
                                             int padding, int outputPadding, int dilation, int groups,
                                             boolean transposed) {
        Tensor x = image(n * 37L + c, n, c, h, w, transposed);
        Tensor weight = random(oc * 11L + kh, c, oc / groups, kh, kw);
        int[] k = {kh, kw}, s = {stride}, p = {padding}, d = {dilation};
        Tensor folded = Convolution.convTranspose2d(x, weight, null, s, p, new int[]{outputPadding}, d, groups);

        int taps = kh * kw;
        int oh = folded.size(2), ow = folded.size(3);
        Tensor filtersT = weight.reshape(groups, c / groups, oc / groups * taps).transpose(1, 2);
        Tensor cols = filtersT.matmul(x.reshape(n, groups, c / groups, h * w)).reshape(n, oc * taps, h * w);
        Tensor perImage = Convolution.col2im(cols, new int[]{oh, ow}, k, s, p, d);
        assertSameBits(perImage, folded, "conv_transpose2d output");
        assertSameGradients(perImage, folded, x, weight, "conv_transpose2d");
    }

    private static void assertSameGradients(Tensor perImage, Tensor folded, Tensor x, Tensor weight, String op) {
        Tensor upstream = random(perImage.numel(), perImage.shape());
        // Both graphs share the transposed view of x, so the first pass must leave it in place.
        List<Tensor> expected = Autograd.grad(List.of(perImage), List.of(x, weight), List.of(upstream), true, false,
                false);
        List<Tensor> actual = Autograd.grad(List.of(folded), List.of(x, weight), List.of(upstream), false, false,
                false);
        assertSameBits(expected.get(0), actual.get(0), op + " input gradient");
        assertSameBits(expected.get(1), actual.get(1), op + " weight gradient");
    }

    private static Tensor image(long seed, int n, int c, int h, int w, boolean transposed) {
        // The transposed view is not a leaf; the gradients are taken with respect to it all the same.
        return transposed ? random(seed, n, c, w, h).transpose(2, 3) : random(seed, n, c, h, w);
    }

    private static Tensor random(long seed, int... shape) {
        return Tensor.normal(new Generator(seed), DType.FLOAT32, 0.0, 1.0, shape).requiresGrad(true);
    }

    private static void assertSameBits(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Float.floatToRawIntBits(e[i]), Float.floatToRawIntBits(a[i]),
                    what + ": element " + i + " per image " + e[i] + ", folded " + a[i]);
        }
    }
}

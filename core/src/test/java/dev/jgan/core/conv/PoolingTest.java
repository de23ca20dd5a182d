package dev.jgan.core.conv;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.ops.Pooling;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.jgan.core.conv.Conv2dTest.assertMessage;
import static dev.jgan.core.conv.Conv2dTest.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PoolingTest {

    @ParameterizedTest(name = "{0}x{1} image, {2}x{3} kernel, stride {4}x{5}, padding {6}x{7}")
    @CsvSource({
            "7, 6, 3, 3, 2, 2, 1, 1",
            "1, 1, 1, 1, 1, 1, 0, 0",
            "5, 11, 2, 3, 1, 3, 1, 1",
            "13, 2, 5, 2, 3, 1, 2, 0",
            "4, 4, 4, 4, 4, 4, 2, 2"})
    void matchWindowByWindowDefinitions(int h, int w, int kh, int kw, int sh, int sw, int ph, int pw) {
        Tensor x = randn(61, 2, 3, h, w);
        int[] k = {kh, kw}, s = {sh, sw}, p = {ph, pw};
        Tensor max = Pooling.maxPool2d(x, k, s, p);
        Tensor avg = Pooling.avgPool2d(x, k, s, p);
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
        assertArrayEquals(new int[]{2, 3, oh, ow}, max.shape());
        assertArrayEquals(new int[]{2, 3, oh, ow}, avg.shape());
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double best = Double.NEGATIVE_INFINITY, sum = 0;
                        for (int y = oy * sh - ph; y < oy * sh - ph + kh; y++) {
                            for (int xx = ox * sw - pw; xx < ox * sw - pw + kw; xx++) {
                                if (y >= 0 && y < h && xx >= 0 && xx < w) {
                                    best = Math.max(best, x.get(b, c, y, xx));
                                    sum += x.get(b, c, y, xx);
                                }
                            }
                        }
                        assertEquals(best, max.get(b, c, oy, ox));
                        // count_include_pad=True: padded taps count in the divisor.
                        assertEquals(sum / (kh * kw), avg.get(b, c, oy, ox), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void nullStrideMeansTheKernelSize() {
        Tensor x = randn(62, 1, 2, 6, 5);
        assertArrayEquals(Pooling.maxPool2d(x, new int[]{2}, new int[]{2}, new int[]{0}).toDoubleArray(),
                Pooling.maxPool2d(x, new int[]{2}, null, new int[]{0}).toDoubleArray());
        assertArrayEquals(new int[]{1, 2, 3, 2}, Pooling.avgPool2d(x, new int[]{2}, null, new int[]{0}).shape());
    }

    @Test
    void maxPoolSharesTheGradientAmongTiedMaxima() {
        // PyTorch would give the whole gradient to one of the four; the sum over the window agrees.
        Tensor x = Tensor.fromArray(new double[]{1, 1, 1, 1}, 1, 1, 2, 2).requiresGrad(true);
        Pooling.maxPool2d(x, new int[]{2}, null, new int[]{0}).sum().backward();
        assertArrayEquals(new double[]{0.25, 0.25, 0.25, 0.25}, x.grad().toDoubleArray());
    }

    @Test
    void maxPoolNeverPicksThePadding() {
        Tensor x = Tensor.full(-5.0, 1, 1, 3, 3);
        Tensor out = Pooling.maxPool2d(x, new int[]{3}, new int[]{1}, new int[]{1});
        assertEquals(DType.FLOAT32, out.dtype());
        assertArrayEquals(new double[9], out.add(5.0).toDoubleArray());
    }

    @Test
    void maxPoolGradcheckAndGradgradcheck() {
        int[] k = {3, 2}, s = {2, 1}, p = {1, 1};
        GradCheck.gradcheck(in -> Pooling.maxPool2d(in.get(0).transpose(2, 3), k, s, p),
                randn(63, 1, 2, 4, 5).requiresGrad(true));
        GradCheck.gradgradcheck(in -> Pooling.maxPool2d(in.get(0), k, s, p), randn(64, 1, 1, 5, 4).requiresGrad(true));
    }

    @Test
    void avgPoolGradcheckAndGradgradcheck() {
        int[] k = {3, 2}, s = {2, 1}, p = {1, 1};
        GradCheck.gradcheck(in -> Pooling.avgPool2d(in.get(0).transpose(2, 3), k, s, p),
                randn(65, 1, 2, 4, 5).requiresGrad(true));
        GradCheck.gradgradcheck(in -> Pooling.avgPool2d(in.get(0), k, s, p), randn(66, 1, 1, 5, 4).requiresGrad(true));
    }

    @Test
    void agreesWithPyTorch() {
        for (TorchFixture f : TorchFixture.load("pool.json")) {
            Tensor x = f.tensor("x").requiresGrad(true);
            int[] k = f.intsParam("kernel"), s = f.intsParam("stride"), p = f.intsParam("padding");
            Tensor out = f.params().get("kind").asText().equals("max") ? Pooling.maxPool2d(x, k, s, p)
                    : Pooling.avgPool2d(x, k, s, p);
            PyTorchParity.assertClose(f, "out", out);
            out.backward(f.tensor("grad_out"));
            PyTorchParity.assertClose(f, "grad_x", x.grad());
        }
    }

    @Test
    void errorsNameTheOpAndTheShapes() {
        Tensor x = Tensor.zeros(1, 2, 5, 5);
        assertMessage("max_pool2d: padding 2 should be at most half of the kernel size 3 (dim height)",
                () -> Pooling.maxPool2d(x, new int[]{3}, null, new int[]{2, 1}));
        assertMessage("avg_pool2d: padding 2 should be at most half of the kernel size 3 (dim width)",
                () -> Pooling.avgPool2d(x, new int[]{3}, null, new int[]{1, 2}));
        assertMessage("max_pool2d: input must be [N, C, H, W], got shape [2, 5, 5]",
                () -> Pooling.maxPool2d(Tensor.zeros(2, 5, 5), new int[]{2}, null, new int[]{0}));
        assertMessage("avg_pool2d: input size 5 with padding 0 is smaller than the kernel of size 6",
                () -> Pooling.avgPool2d(x, new int[]{6}, null, new int[]{0}));
    }
}

package dev.jgan.core.conv;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.ops.Convolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static dev.jgan.core.conv.Conv2dTest.assertMessage;
import static dev.jgan.core.conv.Conv2dTest.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Im2colTest {

    @ParameterizedTest(name = "{0}x{1} image, {2}x{3} kernel, stride {4}x{5}, padding {6}x{7}, dilation {8}x{9}")
    @CsvSource({
            "5, 7, 3, 2, 1, 2, 1, 0, 1, 1",
            "1, 1, 1, 1, 1, 1, 0, 0, 1, 1",
            "7, 5, 2, 3, 3, 2, 0, 2, 2, 1",
            "11, 3, 5, 1, 2, 1, 2, 0, 2, 1",
            "4, 4, 2, 2, 3, 3, 1, 1, 1, 1"})
    void copiesEveryWindowTapIntoItsRowAndColumn(int h, int w, int kh, int kw, int sh, int sw, int ph, int pw,
                                                 int dh, int dw) {
        // A transposed view, so the kernel reads through strides rather than a contiguous buffer.
        Tensor x = randn(41, 2, 3, w, h).transpose(2, 3);
        Tensor cols = Convolution.im2col(x, new int[]{kh, kw}, new int[]{sh, sw}, new int[]{ph, pw},
                new int[]{dh, dw});
        int oh = (h + 2 * ph - dh * (kh - 1) - 1) / sh + 1;
        int ow = (w + 2 * pw - dw * (kw - 1) - 1) / sw + 1;
        assertArrayEquals(new int[]{2, 3 * kh * kw, oh * ow}, cols.shape());
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        for (int oy = 0; oy < oh; oy++) {
                            for (int ox = 0; ox < ow; ox++) {
                                int y = oy * sh - ph + i * dh, xx = ox * sw - pw + j * dw;
                                double expected = y >= 0 && y < h && xx >= 0 && xx < w ? x.get(b, c, y, xx) : 0.0;
                                assertEquals(expected, cols.get(b, (c * kh + i) * kw + j, oy * ow + ox));
                            }
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}x{1} image, {2}x{3} kernel, stride {4}x{5}, padding {6}x{7}, dilation {8}x{9}")
    @CsvSource({
            "5, 7, 3, 2, 1, 2, 1, 0, 1, 1",
            "7, 5, 2, 3, 3, 2, 0, 2, 2, 1",
            "13, 2, 2, 1, 4, 1, 1, 0, 3, 1",
            "3, 3, 3, 3, 1, 1, 2, 2, 1, 1"})
    void col2imIsTheAdjointOfIm2col(int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        // <im2col(x), c> = <x, col2im(c)> for all x, c: this is what makes each the other's gradient.
        int[] k = {kh, kw}, s = {sh, sw}, p = {ph, pw}, d = {dh, dw};
        Tensor x = randn(42, 2, 3, h, w);
        Tensor cols = Convolution.im2col(x, k, s, p, d);
        Tensor c = randn(43, cols.shape());
        Tensor folded = Convolution.col2im(c, new int[]{h, w}, k, s, p, d);
        assertArrayEquals(x.shape(), folded.shape());
        assertEquals(cols.mul(c).sum().item(), x.mul(folded).sum().item(), 1e-10);
    }

    @Test
    void eachIsTheOthersRecordedBackward() {
        Tensor x = randn(44, 1, 2, 4, 4).requiresGrad(true);
        int[] k = {2}, s = {1}, p = {1}, d = {1};
        Tensor cols = Convolution.im2col(x, k, s, p, d);
        assertEquals(Op.IM2COL, cols.gradFn().op());
        Tensor g = randn(45, cols.shape()).requiresGrad(true);
        Tensor dx = Autograd.grad(List.of(cols), List.of(x), List.of(g), true, true, false).get(0);
        assertEquals(Op.COL2IM, dx.gradFn().op());
        Tensor gg = randn(46, dx.shape()).requiresGrad(true);
        Tensor dg = Autograd.grad(List.of(dx), List.of(g), List.of(gg), true, true, false).get(0);
        assertEquals(Op.IM2COL, dg.gradFn().op());
    }

    @Test
    void im2colGradcheckAndGradgradcheckOnAStridedInput() {
        int[] k = {2, 3}, s = {2, 1}, p = {1, 1}, d = {1, 2};
        GradCheck.gradcheck(in -> Convolution.im2col(in.get(0).transpose(2, 3), k, s, p, d),
                randn(47, 1, 2, 5, 4).requiresGrad(true));
        GradCheck.gradgradcheck(in -> Convolution.im2col(in.get(0).transpose(2, 3), k, s, p, d),
                randn(48, 1, 1, 5, 4).requiresGrad(true));
    }

    @Test
    void col2imGradcheckAndGradgradcheck() {
        int[] size = {4, 5}, k = {2, 3}, s = {2, 1}, p = {1, 1}, d = {1, 2};
        // [1, 2*2*3, 3*3] columns for a 4x5 image.
        GradCheck.gradcheck(in -> Convolution.col2im(in.get(0), size, k, s, p, d), randn(49, 1, 12, 9).requiresGrad(true));
        GradCheck.gradgradcheck(in -> Convolution.col2im(in.get(0), size, k, s, p, d),
                randn(50, 1, 6, 9).requiresGrad(true));
    }

    @Test
    void col2imRejectsColumnsThatDoNotFitTheImage() {
        int[] k = {2}, s = {1}, p = {0}, d = {1};
        assertMessage("col2im: columns [1, 8, 10] do not fit a 4-tap kernel over an image of 4x4",
                () -> Convolution.col2im(Tensor.zeros(1, 8, 10), new int[]{4}, k, s, p, d));
        assertMessage("col2im: columns [1, 7, 9] do not fit",
                () -> Convolution.col2im(Tensor.zeros(1, 7, 9), new int[]{4}, k, s, p, d));
        assertMessage("col2im: columns must be [N, C*kh*kw, OH*OW], got shape [8, 9]",
                () -> Convolution.col2im(Tensor.zeros(8, 9), new int[]{4}, k, s, p, d));
    }
}

package dev.jgan.core.conv;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.conv.DirectConvolution.Geometry;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.ops.Convolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static dev.jgan.core.conv.Conv2dTest.assertMessage;
import static dev.jgan.core.conv.Conv2dTest.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class ConvTranspose2dTest {
    private static final int[] SIZES = {1, 2, 3, 5, 7};

    /** A geometry plus its output padding, which must stay below stride or dilation. */
    record Case(Geometry g, int oph, int opw) {
    }

    static Stream<Case> awkwardCases() {
        Random r = new Random(4242);
        List<Case> out = new ArrayList<>();
        while (out.size() < 24) {
            int groups = 1 + r.nextInt(3);
            int sh = 1 + r.nextInt(3), sw = 1 + r.nextInt(3), dh = 1 + r.nextInt(2), dw = 1 + r.nextInt(2);
            Geometry g = new Geometry(1 + r.nextInt(2), groups * (1 + r.nextInt(2)), SIZES[r.nextInt(SIZES.length)],
                    SIZES[r.nextInt(SIZES.length)], groups * (1 + r.nextInt(3)), 1 + r.nextInt(4), 1 + r.nextInt(5),
                    sh, sw, r.nextInt(3), r.nextInt(3), dh, dw, groups);
            int oph = r.nextInt(Math.max(sh, dh)), opw = r.nextInt(Math.max(sw, dw));
            if (g.transposedH(oph) >= 1 && g.transposedW(opw) >= 1) {
                out.add(new Case(g, oph, opw));
            }
        }
        return out.stream();
    }

    private static Tensor convT(Case c, Tensor x, Tensor w, Tensor b) {
        Geometry g = c.g();
        return Convolution.convTranspose2d(x, w, b, new int[]{g.sh(), g.sw()}, new int[]{g.ph(), g.pw()},
                new int[]{c.oph(), c.opw()}, new int[]{g.dh(), g.dw()}, g.groups());
    }

    @ParameterizedTest
    @MethodSource("awkwardCases")
    void matchesTheDirectScatterDefinition(Case c) {
        Geometry g = c.g();
        Tensor x = randn(21, g.n(), g.c(), g.h(), g.w());
        Tensor w = randn(22, g.c(), g.oc() / g.groups(), g.kh(), g.kw());
        Tensor b = randn(23, g.oc());
        Tensor out = convT(c, x, w, b);
        double[] expected = DirectConvolution.convTranspose2d(g, c.oph(), c.opw(), x.toDoubleArray(),
                w.toDoubleArray(), b.toDoubleArray());
        assertArrayEquals(new int[]{g.n(), g.oc(), g.transposedH(c.oph()), g.transposedW(c.opw())}, out.shape());
        assertArrayEquals(expected, out.toDoubleArray(), 1e-12, c.toString());
    }

    @Test
    void isTheGradientOfConv2dWithRespectToItsInput() {
        // conv2d maps [1, 3, 7, 6] to [1, 2, 4, 6]; its input-gradient for dy is convTranspose2d(dy).
        int[] stride = {2, 1}, padding = {1, 1}, dilation = {1, 2};
        Tensor x = randn(24, 1, 3, 7, 6).requiresGrad(true);
        Tensor w = randn(25, 2, 3, 3, 3);
        Tensor y = Convolution.conv2d(x, w, null, stride, padding, dilation, 1);
        Tensor dy = randn(26, y.shape());
        Tensor dx = Autograd.grad(List.of(y), List.of(x), List.of(dy), false, false, false).get(0);
        // outputPadding recovers the input height 7 (the conv output 4 is shared by heights 7 and 8).
        Tensor viaTranspose = Convolution.convTranspose2d(dy, w, null, stride, padding, new int[]{0, 0}, dilation, 1);
        assertArrayEquals(dx.toDoubleArray(), viaTranspose.toDoubleArray(), 1e-12);
    }

    @Test
    void gradcheckWithStride2PaddingOutputPaddingAndBias() {
        GradCheck.gradcheck(in -> Convolution.convTranspose2d(in.get(0), in.get(1), in.get(2), new int[]{2},
                        new int[]{1}, new int[]{1}, new int[]{1}, 1),
                randn(27, 1, 2, 3, 2).requiresGrad(true), randn(28, 2, 2, 3, 3).requiresGrad(true),
                randn(29, 2).requiresGrad(true));
    }

    @Test
    void gradcheckWithGroupsDilationAndOutputPaddingBelowDilation() {
        GradCheck.gradcheck(in -> Convolution.convTranspose2d(in.get(0), in.get(1), null, new int[]{1, 2},
                        new int[]{0, 1}, new int[]{1, 1}, new int[]{2, 1}, 2),
                randn(30, 1, 4, 2, 3).requiresGrad(true), randn(31, 4, 1, 2, 2).requiresGrad(true));
    }

    @Test
    void gradgradcheckWithStride2PaddingOutputPadding() {
        GradCheck.gradgradcheck(in -> Convolution.convTranspose2d(in.get(0), in.get(1), in.get(2), new int[]{2},
                        new int[]{1}, new int[]{1}, new int[]{1}, 1),
                randn(32, 1, 2, 2, 2).requiresGrad(true), randn(33, 2, 2, 3, 3).requiresGrad(true),
                randn(34, 2).requiresGrad(true));
    }

    @Test
    void agreesWithPyTorch() {
        for (TorchFixture f : TorchFixture.load("conv_transpose2d.json")) {
            Tensor x = f.tensor("x").requiresGrad(true);
            Tensor w = f.tensor("weight").requiresGrad(true);
            Tensor b = f.has("bias") ? f.tensor("bias").requiresGrad(true) : null;
            Tensor out = Convolution.convTranspose2d(x, w, b, f.intsParam("stride"), f.intsParam("padding"),
                    f.intsParam("output_padding"), f.intsParam("dilation"), f.intParam("groups"));
            PyTorchParity.assertClose(f, "out", out);
            out.backward(f.tensor("grad_out"));
            PyTorchParity.assertClose(f, "grad_x", x.grad());
            PyTorchParity.assertClose(f, "grad_weight", w.grad());
            if (b != null) {
                PyTorchParity.assertClose(f, "grad_bias", b.grad());
            }
        }
    }

    @Test
    void errorsNameTheOpAndTheShapes() {
        Tensor x = Tensor.zeros(2, 4, 3, 3);
        int[] one = {1};
        int[] zero = {0};
        assertMessage("conv_transpose2d: input must be [N, C, H, W], got shape [4, 3, 3]",
                () -> Convolution.convTranspose2d(Tensor.zeros(4, 3, 3), Tensor.zeros(4, 2, 3, 3), null, one, zero,
                        zero, one, 1));
        assertMessage("conv_transpose2d: input [2, 4, 3, 3] has 4 channels but weight [3, 2, 3, 3] expects 3",
                () -> Convolution.convTranspose2d(x, Tensor.zeros(3, 2, 3, 3), null, one, zero, zero, one, 1));
        assertMessage("conv_transpose2d: groups 3 must divide both the input channels 4",
                () -> Convolution.convTranspose2d(x, Tensor.zeros(4, 2, 3, 3), null, one, zero, zero, one, 3));
        assertMessage("conv_transpose2d: outputPadding 2 must be smaller than either stride 2 or dilation 1",
                () -> Convolution.convTranspose2d(x, Tensor.zeros(4, 2, 3, 3), null, new int[]{2}, zero,
                        new int[]{2}, one, 1));
        assertMessage("conv_transpose2d: input size 3 with kernel 1, stride 1, padding 2",
                () -> Convolution.convTranspose2d(x, Tensor.zeros(4, 2, 1, 1), null, one, new int[]{2}, zero, one,
                        1));
        assertMessage("conv_transpose2d: bias must have shape [2]",
                () -> Convolution.convTranspose2d(x, Tensor.zeros(4, 2, 3, 3), Tensor.zeros(4), one, zero, zero,
                        one, 1));
    }
}

package dev.jgan.core.conv;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.conv.DirectConvolution.Geometry;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.ops.Convolution;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Conv2dTest {
    private static final int[] SIZES = {1, 2, 3, 5, 7, 11};

    static Tensor randn(long seed, int... shape) {
        return Tensor.normal(new Generator(seed), DType.FLOAT64, 0.0, 1.0, shape);
    }

    /** Random geometries with awkward sizes (1, primes, non-square kernels), all with output >= 1. */
    static Stream<Geometry> awkwardGeometries() {
        Random r = new Random(2024);
        List<Geometry> out = new ArrayList<>();
        while (out.size() < 24) {
            int groups = 1 + r.nextInt(3);
            Geometry g = new Geometry(1 + r.nextInt(3), groups * (1 + r.nextInt(3)), SIZES[r.nextInt(SIZES.length)],
                    SIZES[r.nextInt(SIZES.length)], groups * (1 + r.nextInt(2)), 1 + r.nextInt(5), 1 + r.nextInt(4),
                    1 + r.nextInt(3), 1 + r.nextInt(3), r.nextInt(3), r.nextInt(3), 1 + r.nextInt(2), 1 + r.nextInt(2),
                    groups);
            if (g.convH() >= 1 && g.convW() >= 1) {
                out.add(g);
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("awkwardGeometries")
    void matchesTheDirectNestedLoopDefinition(Geometry g) {
        Tensor x = randn(1, g.n(), g.c(), g.h(), g.w());
        Tensor w = randn(2, g.oc(), g.c() / g.groups(), g.kh(), g.kw());
        Tensor b = randn(3, g.oc());
        Tensor out = Convolution.conv2d(x, w, b, new int[]{g.sh(), g.sw()}, new int[]{g.ph(), g.pw()},
                new int[]{g.dh(), g.dw()}, g.groups());
        double[] expected = DirectConvolution.conv2d(g, x.toDoubleArray(), w.toDoubleArray(), b.toDoubleArray());
        assertArrayEquals(new int[]{g.n(), g.oc(), g.convH(), g.convW()}, out.shape());
        assertArrayEquals(expected, out.toDoubleArray(), 1e-12, g.toString());
    }

    @Test
    void float32AndNonContiguousOperandsGiveTheSameResult() {
        Geometry g = new Geometry(2, 3, 5, 7, 4, 3, 2, 2, 1, 1, 0, 1, 2, 1);
        Tensor x = randn(4, 2, 3, 7, 5).transpose(2, 3);
        Tensor w = randn(5, 2, 3, 4, 3).permute(2, 3, 1, 0);
        Tensor out = Convolution.conv2d(x.to(DType.FLOAT32), w.to(DType.FLOAT32), null, new int[]{2, 1},
                new int[]{1, 0}, new int[]{1, 2}, 1);
        double[] expected = DirectConvolution.conv2d(g, x.toDoubleArray(), w.toDoubleArray(), null);
        assertEquals(DType.FLOAT32, out.dtype());
        assertArrayEquals(expected, out.toDoubleArray(), 1e-4);
    }

    @Test
    void gradcheckWithStridePaddingDilationAndBias() {
        GradCheck.gradcheck(in -> Convolution.conv2d(in.get(0), in.get(1), in.get(2), new int[]{2, 1},
                        new int[]{1, 0}, new int[]{1, 2}, 1),
                randn(6, 1, 2, 5, 5).requiresGrad(true), randn(7, 2, 2, 3, 2).requiresGrad(true),
                randn(8, 2).requiresGrad(true));
    }

    @Test
    void gradcheckWithTwoGroupsAndNoBias() {
        GradCheck.gradcheck(in -> Convolution.conv2d(in.get(0), in.get(1), null, new int[]{1}, new int[]{1},
                        new int[]{1}, 2),
                randn(9, 2, 4, 3, 3).requiresGrad(true), randn(10, 4, 2, 2, 2).requiresGrad(true));
    }

    @Test
    void gradgradcheckWithStridePaddingDilationAndBias() {
        GradCheck.gradgradcheck(in -> Convolution.conv2d(in.get(0), in.get(1), in.get(2), new int[]{2, 1},
                        new int[]{1, 0}, new int[]{1, 2}, 1),
                randn(11, 1, 2, 4, 5).requiresGrad(true), randn(12, 2, 2, 2, 2).requiresGrad(true),
                randn(13, 2).requiresGrad(true));
    }

    @Test
    void gradgradcheckWithTwoGroups() {
        GradCheck.gradgradcheck(in -> Convolution.conv2d(in.get(0), in.get(1), null, new int[]{1, 2}, new int[]{1},
                        new int[]{1}, 2),
                randn(14, 1, 4, 3, 4).requiresGrad(true), randn(15, 2, 2, 2, 2).requiresGrad(true));
    }

    @Test
    void agreesWithPyTorch() {
        for (TorchFixture f : TorchFixture.load("conv2d.json")) {
            Tensor x = f.tensor("x").requiresGrad(true);
            Tensor w = f.tensor("weight").requiresGrad(true);
            Tensor b = f.has("bias") ? f.tensor("bias").requiresGrad(true) : null;
            Tensor out = Convolution.conv2d(x, w, b, f.intsParam("stride"), f.intsParam("padding"),
                    f.intsParam("dilation"), f.intParam("groups"));
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
        Tensor x = Tensor.zeros(2, 4, 5, 5);
        int[] one = {1};
        int[] zero = {0};
        assertMessage("conv2d: input must be [N, C, H, W], got shape [4, 5, 5]",
                () -> Convolution.conv2d(Tensor.zeros(4, 5, 5), Tensor.zeros(3, 4, 3, 3), null, one, zero, one, 1));
        assertMessage("conv2d: weight must be [OC, C/groups, kh, kw], got shape [3, 4, 3]",
                () -> Convolution.conv2d(x, Tensor.zeros(3, 4, 3), null, one, zero, one, 1));
        assertMessage("conv2d: input [2, 4, 5, 5] has 4 channels but weight [3, 3, 3, 3] expects 3",
                () -> Convolution.conv2d(x, Tensor.zeros(3, 3, 3, 3), null, one, zero, one, 1));
        assertMessage("conv2d: groups 3 must divide both the input channels 4 and the output channels 6",
                () -> Convolution.conv2d(x, Tensor.zeros(6, 2, 3, 3), null, one, zero, one, 3));
        assertMessage("conv2d: groups 2 must divide both the input channels 4 and the output channels 3",
                () -> Convolution.conv2d(x, Tensor.zeros(3, 2, 3, 3), null, one, zero, one, 2));
        assertMessage("conv2d: input size 5 with padding 0 is smaller than the kernel of size 6",
                () -> Convolution.conv2d(x, Tensor.zeros(3, 4, 6, 1), null, one, zero, one, 1));
        assertMessage("conv2d: bias must have shape [3]",
                () -> Convolution.conv2d(x, Tensor.zeros(3, 4, 3, 3), Tensor.zeros(4), one, zero, one, 1));
        assertMessage("conv2d: stride needs 1 or 2 values",
                () -> Convolution.conv2d(x, Tensor.zeros(3, 4, 3, 3), null, new int[]{1, 1, 1}, zero, one, 1));
    }

    static void assertMessage(String expectedStart, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(expectedStart), "message was: " + e.getMessage());
    }
}

package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.backend.cpu.CpuBackend;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Batch norm's training node ({@link BatchNormTraining}) against the composition of tensor ops it
 * replaced, bit for bit: the output, the running statistics and every gradient, on the fast CPU
 * backend (where fused kernels run for the shapes they take) and on the reference backend (where
 * the node's own tensor ops run), and the second derivatives when the gradient builds a graph.
 * Every recorded training run with batch norm depends on these bits.
 */
class BatchNormFusionTest {

    /** The composition, as Normalization.batchNorm computed training mode before the node. */
    static Tensor composed(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                           double momentum, double eps) {
        int[] dims = x.dim() == 2 ? new int[]{0} : new int[]{0, 2, 3};
        int c = x.size(1);
        int[] channelShape = x.dim() == 2 ? new int[]{1, c} : new int[]{1, c, 1, 1};
        Tensor mean = x.mean(dims, true);
        Tensor var = x.var(dims, 0, true);
        if (runningMean != null) {
            Normalization.updateRunning(runningMean, runningVar, mean, var, x.numel() / c, momentum);
        }
        Tensor out = x.sub(mean).div(var.add(eps).sqrt());
        if (weight != null) {
            out = out.mul(weight.reshape(channelShape));
        }
        if (bias != null) {
            out = out.add(bias.reshape(channelShape));
        }
        return out;
    }

    /** What one forward and backward leaves: the output, running stats and the leaves' gradients. */
    private record Run(List<float[]> values) {
        void assertSameBits(Run expected, String what) {
            assertEquals(expected.values.size(), values.size(), what);
            for (int i = 0; i < values.size(); i++) {
                assertArrayEquals(bits(expected.values.get(i)), bits(values.get(i)), what + ", value " + i);
            }
        }

        /** Each value within {@code relative} of the largest magnitude of its expected array. */
        void assertClose(Run expected, double relative, String what) {
            for (int i = 0; i < values.size(); i++) {
                float[] e = expected.values.get(i);
                float[] a = values.get(i);
                assertEquals(e == null, a == null, what + ", value " + i);
                if (e == null) {
                    continue;
                }
                double scale = 0;
                for (float v : e) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int j = 0; j < e.length; j++) {
                    assertEquals(e[j], a[j], relative * scale + 1e-30, what + ", value " + i + "[" + j + "]");
                }
            }
        }
    }

    private static int[] bits(float[] values) {
        if (values == null) {
            return null;
        }
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    /**
     * One case: x [N, C, H, W] (H = 0 for a 2-D [N, C]) with scale and shift far from 0 and 1, so
     * that every rounding shows; which of x, weight and bias want gradients; x a non-leaf or a
     * transposed view; the output's gradient contiguous or seen through a permutation.
     */
    private static Run run(boolean node, CpuBackend backend, long seed, int[] shape, String parts,
                           boolean nonLeafX, boolean viewedX, boolean viewedGradient) {
        Generator gen = new Generator(seed);
        int c = shape[1];
        Tensor base = Tensor.randn(gen, shape).mul(2.5).add(1.25).to(backend);
        Tensor gradient = Tensor.randn(gen, shape).to(backend);
        gradient = viewedGradient ? reversed(gradient) : gradient;
        Tensor xLeaf = base.requiresGrad(parts.contains("x"));
        Tensor weight = parts.contains("w") || parts.contains("W")
                ? Tensor.randn(gen, c).mul(0.75).add(1).to(backend).requiresGrad(parts.contains("w")) : null;
        Tensor bias = parts.contains("b") ? Tensor.randn(gen, c).to(backend).requiresGrad(true) : null;
        Tensor runningMean = Tensor.zeros(c).to(backend);
        Tensor runningVar = Tensor.ones(c).to(backend);
        Tensor x = nonLeafX ? xLeaf.mul(1.0) : xLeaf;
        x = viewedX ? reversed(x) : x;
        Tensor out = node ? Normalization.batchNorm(x, runningMean, runningVar, weight, bias, true, 0.1, 1e-5)
                : composed(x, runningMean, runningVar, weight, bias, 0.1, 1e-5);
        List<float[]> values = new ArrayList<>(List.of(out.toFloatArray(), runningMean.toFloatArray(),
                runningVar.toFloatArray()));
        if (out.requiresGrad()) {
            out.backward(gradient);
        }
        for (Tensor leaf : Arrays.asList(xLeaf, weight, bias)) {
            values.add(leaf == null || leaf.grad() == null ? null : leaf.grad().toFloatArray());
        }
        return new Run(values);
    }

    /** The same values with every dim's order reversed twice over: a non-contiguous view of a tensor of this shape. */
    private static Tensor reversed(Tensor t) {
        int[] order = new int[t.dim()];
        for (int d = 0; d < order.length; d++) {
            order[d] = order.length - 1 - d;
        }
        return t.permute(order).contiguous().permute(order);
    }

    private static int[] shape(String text) {
        return Arrays.stream(text.split("x")).mapToInt(Integer::parseInt).toArray();
    }

    @ParameterizedTest(name = "{0}, {1}, non-leaf x {2}, x viewed {3}, gradient viewed {4}")
    @CsvSource({
            // Planes of 25 (summed in scalar), 64 and 4096 floats (on SIMD registers, the longest FastReduce
            // sums in one block), DCGAN's 4x4 and 8x8 at batch 16, a 2-D batch and [N, C, 1, 1].
            "8x3x5x5, xwb, false, false, false", "4x2x8x8, xwb, true, false, false", "16x6x4x4, xwb, true, false, false",
            "5x3x8x8, xwb, true, false, true", "3x2x64x64, xwb, false, false, false", "6x5, xwb, true, false, false",
            "4x3x1x1, xwb, true, false, false", "64x7, xwb, false, false, true", "256x3, xwb, true, false, false",
            // 2-D batches wide enough for SIMD registers across the channels, with a ragged end.
            "64x40, xwb, true, false, false", "9x300, xW, false, false, true", "5x20x1x1, xb, true, false, false",
            // Subsets of the inputs wanting gradients, a weight that is a constant, no affine parameters.
            "6x4x3x3, x, true, false, false", "6x4x3x3, wb, false, false, false", "6x4x3x3, xW, true, false, false",
            "6x4x3x3, xb, false, false, false", "6x4x3x3, w, false, false, false",
            // Non-contiguous inputs, and what the fused kernels decline: a plane over 4096 floats, a batch over
            // 256, one image, one channel.
            "4x3x6x6, xwb, true, true, true", "7x5, xwb, false, true, false", "2x2x65x65, xwb, true, false, false",
            "300x2, xwb, false, false, false", "1x3x4x4, xwb, true, false, false", "5x1x4x4, xwb, true, false, false"})
    void nodeHasTheCompositionsBits(String dims, String parts, boolean nonLeafX, boolean viewedX,
                                    boolean viewedGradient) {
        int[] shape = shape(dims);
        long seed = Arrays.hashCode(shape) * 31L + parts.hashCode();
        Run[] nodes = new Run[2];
        for (boolean fast : new boolean[]{true, false}) {
            CpuBackend backend = fast ? new CpuBackend() : CpuBackend.reference();
            Run expected = run(false, backend, seed, shape, parts, nonLeafX, viewedX, viewedGradient);
            Run actual = run(true, backend, seed, shape, parts, nonLeafX, viewedX, viewedGradient);
            actual.assertSameBits(expected, dims + " " + parts + (fast ? " on the fast backend" : " on the reference"));
            nodes[fast ? 0 : 1] = actual;
        }
        // The fast backend sums in float within blocks where the reference loops sum in double:
        // the fused kernels (FastReduce's order) stay within float32 rounding of the reference.
        nodes[0].assertClose(nodes[1], 1e-4, dims + " " + parts + ", fast against the reference");
    }

    /**
     * Where a channel's gradient is all -0, the composition's sum over a batch of one-element
     * planes is -0 (it starts from the first element), while a sum that starts from 0 gives +0.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"5x2", "5x2x1x1"})
    void aChannelOfNegativeZerosSumsToNegativeZero(String dims) {
        int[] shape = shape(dims);
        float[] gradient = new float[10];
        for (int i = 0; i < gradient.length; i++) {
            gradient[i] = i % 2 == 0 ? -0.0f : i;
        }
        float[][] biasGrads = new float[2][];
        for (int node = 0; node < 2; node++) {
            Tensor x = Tensor.randn(new Generator(9), shape);
            Tensor bias = Tensor.zeros(2).requiresGrad(true);
            Tensor out = node == 1 ? Normalization.batchNorm(x, null, null, null, bias, true, 0.1, 1e-5)
                    : composed(x, null, null, null, bias, 0.1, 1e-5);
            out.backward(Tensor.fromArray(gradient, shape));
            biasGrads[node] = bias.grad().toFloatArray();
        }
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(biasGrads[0][0]), "the composition's sum");
        assertArrayEquals(bits(biasGrads[0]), bits(biasGrads[1]));
    }

    @Test
    void aBatchNormIsOneNodeOfTheGraph() {
        Tensor x = Tensor.randn(new Generator(3), 4, 2, 3, 3).requiresGrad(true);
        Tensor out = Normalization.batchNorm(x, null, null, null, null, true, 0.1, 1e-5);
        assertEquals(Op.BATCH_NORM, out.gradFn().op());
        assertEquals(List.of(x), out.gradFn().inputs());
        try (GradMode.Scope scope = GradMode.noGrad()) {
            assertNull(Normalization.batchNorm(x, null, null, null, null, true, 0.1, 1e-5).gradFn());
        }
    }

    /**
     * A gradient with a graph (as an R1 penalty takes it) comes from the node's tensor ops, which
     * record what the composition's backward records: its values and the second derivatives
     * through it match the composition's.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"6x3x4x4", "8x5"})
    void secondDerivativesMatchTheComposition(String dims) {
        int[] shape = shape(dims);
        List<float[]> expected = secondDerivatives(false, shape);
        List<float[]> actual = secondDerivatives(true, shape);
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(bits(expected.get(i)), bits(actual.get(i)), dims + ", value " + i);
        }
    }

    private static List<float[]> secondDerivatives(boolean node, int[] shape) {
        Generator gen = new Generator(11);
        int c = shape[1];
        Tensor x = Tensor.randn(gen, shape).mul(2).add(0.5).requiresGrad(true);
        Tensor weight = Tensor.randn(gen, c).add(1).requiresGrad(true);
        Tensor bias = Tensor.randn(gen, c).requiresGrad(true);
        Tensor gradient = Tensor.randn(gen, shape);
        Tensor probe = Tensor.randn(gen, shape);
        Tensor out = node ? Normalization.batchNorm(x, null, null, weight, bias, true, 0.1, 1e-5)
                : composed(x, null, null, weight, bias, 0.1, 1e-5);
        List<Tensor> first = Autograd.grad(List.of(out), List.of(x, weight), List.of(gradient), true, true, false);
        first.get(0).mul(probe).sum().add(first.get(1).mul(first.get(1)).sum()).backward();
        return List.of(first.get(0).toFloatArray(), first.get(1).toFloatArray(), x.grad().toFloatArray(),
                weight.grad().toFloatArray());
    }
}

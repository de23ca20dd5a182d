package dev.jgan.tutorials.dcgan;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.ScopedMemory;
import dev.jgan.core.ops.Normalization;
import dev.jgan.core.random.Generator;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Section 7, last part: the engine's batch norm (in training, one graph node whose passes over
 * the batch are fused kernels on the CPU) against the composition of tensor ops that defines
 * it, in float32 at the size of the 64x64 DCGAN's last BatchNorm in G: the same bits, and the
 * time of a forward and backward pass of each.
 */
final class OneNodeBatchNorm {
    /** G's last BatchNorm2d of the 64x64 DCGAN at batch 64: [64, 64, 32, 32]. */
    static final int[] SHAPE = {64, 64, 32, 32};
    private static final int[] PER_CHANNEL = {0, 2, 3};
    private static final int TIMED_PASSES = 10;
    /** Untimed passes first, so that the JIT has compiled the kernels (fewer left the node's half warm). */
    private static final int WARM_UP_PASSES = 30;

    private OneNodeBatchNorm() {
    }

    /** How many elements of each result differ between the two (output, dx, dgamma, dbeta), and the best times. */
    record Result(int[] differing, double composedMillis, double nodeMillis) {
    }

    /** Batch norm in training mode written as the tensor ops that define it. */
    static Tensor composed(Tensor x, Tensor gamma, Tensor beta) {
        int c = x.size(1);
        Tensor mean = x.mean(PER_CHANNEL, true);
        Tensor var = x.var(PER_CHANNEL, 0, true);
        return x.sub(mean).div(var.add(BatchNormSection.EPS).sqrt()).mul(gamma.reshape(1, c, 1, 1))
                .add(beta.reshape(1, c, 1, 1));
    }

    static Result run(PrintStream out) {
        out.printf(Locale.ROOT, "== 7. BatchNorm as one node: float32 [%d, %d, %d, %d], the engine against the"
                + " composition%n", SHAPE[0], SHAPE[1], SHAPE[2], SHAPE[3]);
        Generator gen = new Generator(12);
        Tensor x = Tensor.randn(gen, SHAPE).mul(3.0).add(2.0).requiresGrad(true);
        Tensor gamma = Tensor.randn(gen, SHAPE[1]).mul(0.5).add(1.0).requiresGrad(true);
        Tensor beta = Tensor.randn(gen, SHAPE[1]).mul(0.5).requiresGrad(true);
        Tensor g = Tensor.randn(gen, SHAPE);
        List<Tensor> byNode = forwardAndBackward(true, x, gamma, beta, g);
        List<Tensor> byComposition = forwardAndBackward(false, x, gamma, beta, g);
        int[] differing = new int[byNode.size()];
        for (int i = 0; i < differing.length; i++) {
            differing[i] = differingBits(byNode.get(i).toFloatArray(), byComposition.get(i).toFloatArray());
        }
        out.printf(Locale.ROOT, "elements whose bits differ: output %d of %d, dx %d of %d, dgamma %d of %d,"
                        + " dbeta %d of %d%n", differing[0], x.numel(), differing[1], x.numel(), differing[2],
                SHAPE[1], differing[3], SHAPE[1]);
        double composedMillis = bestMillis(false, x, gamma, beta, g);
        double nodeMillis = bestMillis(true, x, gamma, beta, g);
        out.printf(Locale.ROOT, "forward and backward, best of %d: the composition %.1f ms, the engine's node %.1f ms%n",
                TIMED_PASSES, composedMillis, nodeMillis);
        return new Result(differing, composedMillis, nodeMillis);
    }

    /** The output and the gradients of x, gamma and beta for the output gradient g. */
    private static List<Tensor> forwardAndBackward(boolean node, Tensor x, Tensor gamma, Tensor beta, Tensor g) {
        Tensor y = node ? Normalization.batchNorm(x, null, null, gamma, beta, true, 0.1, BatchNormSection.EPS)
                : composed(x, gamma, beta);
        List<Tensor> grads = Autograd.grad(List.of(y), List.of(x, gamma, beta), List.of(g), false, false, false);
        return List.of(y, grads.get(0), grads.get(1), grads.get(2));
    }

    /** The best of a few timed passes, each in a memory scope so that every pass reuses the arrays of the last. */
    private static double bestMillis(boolean node, Tensor x, Tensor gamma, Tensor beta, Tensor g) {
        ScopedMemory memory = (ScopedMemory) Backends.cpu();
        double best = Double.POSITIVE_INFINITY;
        for (int pass = 0; pass < WARM_UP_PASSES + TIMED_PASSES; pass++) {
            long start = System.nanoTime();
            try (ScopedMemory.Scope scope = memory.openScope()) {
                forwardAndBackward(node, x, gamma, beta, g);
            }
            if (pass >= WARM_UP_PASSES) {
                best = Math.min(best, (System.nanoTime() - start) / 1e6);
            }
        }
        return best;
    }

    private static int differingBits(float[] a, float[] b) {
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            count += Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i]) ? 1 : 0;
        }
        return count;
    }
}

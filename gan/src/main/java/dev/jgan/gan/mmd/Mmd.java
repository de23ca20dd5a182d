package dev.jgan.gan.mmd;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

/**
 * Maximum mean discrepancy with a sum of Gaussian kernels, the loss of Generative Moment
 * Matching Networks (Li, Swersky and Zemel 2015; Dziugaite et al. 2015): the "direct" way to
 * train a generator, comparing samples with samples instead of asking a discriminator.
 *
 * <p>k(x, y) = sum over bandwidths s of exp(-|x - y|^2 / (2 s^2)). Several bandwidths make the
 * loss see both fine and coarse structure. Built from tensor ops, so it is differentiable with
 * respect to either sample set.
 */
public final class Mmd {
    private Mmd() {
    }

    /**
     * The biased estimate of MMD^2 between samples x [n, d] and y [m, d]:
     * mean k(x, x') + mean k(y, y') - 2 mean k(x, y). Always >= 0 and 0 when x and y coincide.
     */
    public static Tensor squared(Tensor x, Tensor y, double... bandwidths) {
        if (x.dim() != 2 || y.dim() != 2 || x.size(1) != y.size(1)) {
            throw new IllegalArgumentException("mmd: samples must be [n, d] and [m, d] with the same d, got "
                    + Shape.format(x.shape()) + " and " + Shape.format(y.shape()));
        }
        if (bandwidths.length == 0) {
            throw new IllegalArgumentException("mmd: give at least one kernel bandwidth");
        }
        return kernelMean(x, x, bandwidths).add(kernelMean(y, y, bandwidths)).sub(kernelMean(x, y, bandwidths).mul(2.0));
    }

    /** Mean of the kernel matrix k(a_i, b_j). */
    static Tensor kernelMean(Tensor a, Tensor b, double[] bandwidths) {
        Tensor d2 = squaredDistances(a, b);
        Tensor sum = null;
        for (double s : bandwidths) {
            Tensor k = d2.mul(-1.0 / (2 * s * s)).exp();
            sum = sum == null ? k : sum.add(k);
        }
        return sum.mean();
    }

    /** |a_i - b_j|^2 for all pairs, via |a|^2 + |b|^2 - 2 a.b, clamped at 0 against rounding. */
    public static Tensor squaredDistances(Tensor a, Tensor b) {
        Tensor aa = a.mul(a).sum(new int[]{1}, true);          // [n, 1]
        Tensor bb = b.mul(b).sum(new int[]{1}, true).t();      // [1, m]
        return aa.add(bb).sub(a.matmul(b.t()).mul(2.0)).clampMin(0.0);
    }
}

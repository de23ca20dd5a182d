package dev.jgan.gan.mmd;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

/**
 * Maximum mean discrepancy with a sum of Gaussian kernels, the loss of Generative Moment
 * Matching Networks (Li, Swersky and Zemel 2015; Dziugaite et al. 2015): the "direct" way to
 * train a generator, comparing samples with samples instead of asking a discriminator.
 *
 * <p>A kernel k maps each distribution P to its mean embedding mu_P = E_{x~P} k(x, .), a
 * function; MMD(P, Q) = |mu_P - mu_Q| in the kernel's feature space, so
 * MMD^2 = E k(x, x') - 2 E k(x, y) + E k(y, y') with x, x' ~ P and y, y' ~ Q. For a
 * characteristic kernel such as the Gaussian, MMD is 0 only when P = Q.
 *
 * <p>k(x, y) = sum over bandwidths s of exp(-|x - y|^2 / (2 s^2)). A single bandwidth sees one
 * scale: points much farther apart than s give k near 0 and no gradient, points much closer give
 * k near 1 and no contrast. Several bandwidths make the loss see both fine and coarse structure.
 * Built from tensor ops, so it is differentiable with respect to either sample set.
 */
public final class Mmd {
    private Mmd() {
    }

    /**
     * The biased estimate of MMD^2 between samples x [n, d] and y [m, d]:
     * mean k(x, x') + mean k(y, y') - 2 mean k(x, y), every mean over all pairs, the pairs of a
     * sample with itself included. Always >= 0 and 0 when x and y coincide, but its expectation
     * exceeds MMD^2 by about (k(x, x) - E k(x, x')) / n: two samples of one distribution look apart.
     */
    public static Tensor squared(Tensor x, Tensor y, double... bandwidths) {
        check(x, y, bandwidths, 1);
        return kernel(x, x, bandwidths).mean().add(kernel(y, y, bandwidths).mean())
                .sub(kernel(x, y, bandwidths).mean().mul(2.0));
    }

    /**
     * The unbiased estimate of MMD^2 (Gretton et al. 2012, eq. 3): the same three means, but
     * within one sample only over pairs i != j, since k(x_i, x_i) is the kernel's peak and says
     * nothing about how x spreads. Its expectation is exactly MMD^2, so it is near 0, sometimes
     * below, for two samples of one distribution. Needs n, m >= 2.
     */
    public static Tensor unbiasedSquared(Tensor x, Tensor y, double... bandwidths) {
        check(x, y, bandwidths, 2);
        return offDiagonalMean(kernel(x, x, bandwidths)).add(offDiagonalMean(kernel(y, y, bandwidths)))
                .sub(kernel(x, y, bandwidths).mean().mul(2.0));
    }

    private static void check(Tensor x, Tensor y, double[] bandwidths, int minRows) {
        if (x.dim() != 2 || y.dim() != 2 || x.size(1) != y.size(1)) {
            throw new IllegalArgumentException("mmd: samples must be [n, d] and [m, d] with the same d, got "
                    + Shape.format(x.shape()) + " and " + Shape.format(y.shape()));
        }
        if (x.size(0) < minRows || y.size(0) < minRows) {
            throw new IllegalArgumentException("mmd: this estimate needs at least " + minRows
                    + " samples on each side, got " + Shape.format(x.shape()) + " and " + Shape.format(y.shape()));
        }
        if (bandwidths.length == 0) {
            throw new IllegalArgumentException("mmd: give at least one kernel bandwidth");
        }
    }

    /** The kernel matrix k(a_i, b_j) = sum over bandwidths s of exp(-|a_i - b_j|^2 / (2 s^2)). */
    static Tensor kernel(Tensor a, Tensor b, double[] bandwidths) {
        Tensor d2 = squaredDistances(a, b);
        Tensor sum = null;
        for (double s : bandwidths) {
            Tensor k = d2.mul(-1.0 / (2 * s * s)).exp();
            sum = sum == null ? k : sum.add(k);
        }
        return sum;
    }

    /** The mean of a square matrix's entries off the diagonal; masked, so the diagonal gets no gradient. */
    private static Tensor offDiagonalMean(Tensor k) {
        int n = k.size(0);
        double[] mask = new double[n * n];
        java.util.Arrays.fill(mask, 1.0);
        for (int i = 0; i < n; i++) {
            mask[i * n + i] = 0.0;
        }
        Tensor offDiagonal = Tensor.fromArray(mask, n, n).to(k.dtype()).to(k.backend());
        return k.mul(offDiagonal).sum().div((double) n * (n - 1));
    }

    /** |a_i - b_j|^2 for all pairs, via |a|^2 + |b|^2 - 2 a.b, clamped at 0 against rounding. */
    public static Tensor squaredDistances(Tensor a, Tensor b) {
        Tensor aa = a.mul(a).sum(new int[]{1}, true);          // [n, 1]
        Tensor bb = b.mul(b).sum(new int[]{1}, true).t();      // [1, m]
        return aa.add(bb).sub(a.matmul(b.t()).mul(2.0)).clampMin(0.0);
    }
}

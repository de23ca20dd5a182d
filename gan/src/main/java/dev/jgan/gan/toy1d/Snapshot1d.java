package dev.jgan.gan.toy1d;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.nn.Module;

/**
 * The state of a 1-D GAN at one moment, as Figure 1 of Goodfellow et al. (2014) draws it: the
 * data density, what the generator produces, and the discriminator's belief D(x) along the
 * line, next to the discriminator the theory says is best against this generator.
 *
 * @param step      the training step the snapshot was taken after
 * @param x         the grid the curves are evaluated on
 * @param pData     the data density on the grid
 * @param pG        a kernel density estimate of the generator's density on the grid
 * @param d         the discriminator's probability D(x) = sigmoid(logit) on the grid
 * @param dStar     the optimal discriminator p_data / (p_data + p_g) on the grid (with the estimate of p_g)
 * @param histogram the generator's samples as a density histogram
 * @param fitted    the mean and standard deviation of the generator's samples
 * @param dReal     the mean of D(x) over samples of the data
 * @param dFake     the mean of D(G(z)) over samples of the generator
 * @param value     V(D, G) = E[log D(x)] + E[log(1 - D(G(z)))] for the current D, from the same samples
 * @param jsd       the Jensen-Shannon divergence between p_data and p_g, integrated on the grid
 */
public record Snapshot1d(long step, double[] x, double[] pData, double[] pG, double[] d, double[] dStar,
                         DensityHistogram histogram, FittedGaussian fitted, double dReal, double dFake, double value,
                         double jsd) {

    /** Where the grid lies and how finely: [low, high] in {@code points} points, {@code bins} histogram bins. */
    public record Grid(double low, double high, int points, int bins) {
        public Grid {
            if (!(high > low) || points < 2 || bins < 1) {
                throw new IllegalArgumentException("Snapshot1d.Grid: needs low < high, points >= 2, bins >= 1, got ["
                        + low + ", " + high + "], " + points + " points, " + bins + " bins");
            }
        }

        double[] xs() {
            double[] xs = new double[points];
            for (int i = 0; i < points; i++) {
                xs[i] = low + (high - low) * i / (points - 1);
            }
            return xs;
        }
    }

    /** The optimal value of the game, reached when p_g = p_data and D = 1/2 everywhere: -log 4. */
    public static final double OPTIMAL_VALUE = -Math.log(4);

    /**
     * Takes a snapshot from {@code n} samples of the generator and as many of the data; the
     * networks are run without a graph and left in the mode they were in.
     */
    public static Snapshot1d take(long step, Gan gan, Gaussian1d data, Generator gen, int n, Grid grid) {
        double[] fake = gan.sample(gen, n).toDoubleArray();
        double[] real = data.sample(gen, n).toDoubleArray();
        double[] xs = grid.xs();
        double[] pData = data.density(xs);
        double[] pG = KernelDensity.of(fake).density(xs);
        double[] d = sigmoid(logits(gan.discriminator(), xs));
        double[] dStar = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double sum = pData[i] + pG[i];
            // Where neither density reaches (far outside both), D* is undefined; 1/2 draws as "no opinion".
            dStar[i] = sum > 0 ? pData[i] / sum : 0.5;
        }
        double[] realLogits = logits(gan.discriminator(), real);
        double[] fakeLogits = logits(gan.discriminator(), fake);
        double value = meanLogSigmoid(realLogits, 1) + meanLogSigmoid(fakeLogits, -1);
        return new Snapshot1d(step, xs, pData, pG, d, dStar, DensityHistogram.of(fake, grid.low(), grid.high(),
                grid.bins()), FittedGaussian.of(fake), mean(sigmoid(realLogits)), mean(sigmoid(fakeLogits)), value,
                jensenShannon(xs, pData, pG));
    }

    /**
     * V(D*, G) = -log 4 + 2 JSD(p_data || p_g): the value of the game when D is the best
     * discriminator against this G, which is what G is really being scored on.
     */
    public double optimalDiscriminatorValue() {
        return OPTIMAL_VALUE + 2 * jsd;
    }

    private static double[] logits(Module discriminator, double[] xs) {
        boolean wasTraining = discriminator.isTraining();
        discriminator.eval();
        try (GradMode.Scope scope = GradMode.noGrad()) {
            float[] in = new float[xs.length];
            for (int i = 0; i < xs.length; i++) {
                in[i] = (float) xs[i];
            }
            return discriminator.forward(Tensor.fromArray(in, xs.length, 1)).toDoubleArray();
        } finally {
            discriminator.train(wasTraining);
        }
    }

    private static double[] sigmoid(double[] logits) {
        double[] p = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            p[i] = 1 / (1 + Math.exp(-logits[i]));
        }
        return p;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * mean of log sigmoid(sign * l): log D(x) for sign +1, log(1 - D(x)) for sign -1, computed
     * as -softplus(-sign * l) so that a confident D gives a large finite number, not log(0).
     */
    private static double meanLogSigmoid(double[] logits, int sign) {
        double sum = 0;
        for (double l : logits) {
            double t = -sign * l;
            sum -= Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
        }
        return sum / logits.length;
    }

    /** JSD = KL(p || m) / 2 + KL(q || m) / 2 with m = (p + q) / 2, by the trapezoid rule, in nats. */
    static double jensenShannon(double[] xs, double[] p, double[] q) {
        double[] integrand = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            double m = (p[i] + q[i]) / 2;
            integrand[i] = 0.5 * (plogp(p[i], m) + plogp(q[i], m));
        }
        double sum = 0;
        for (int i = 1; i < xs.length; i++) {
            sum += 0.5 * (integrand[i] + integrand[i - 1]) * (xs[i] - xs[i - 1]);
        }
        return sum;
    }

    /** p log(p / m), with the limit 0 at p = 0. */
    private static double plogp(double p, double m) {
        return p > 0 ? p * Math.log(p / m) : 0;
    }
}

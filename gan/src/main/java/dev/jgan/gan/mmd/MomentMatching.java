package dev.jgan.gan.mmd;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Module;
import dev.jgan.nn.optim.Adam;
import dev.jgan.nn.optim.Optimizer;

/**
 * The "direct" way to train a generator: a Generative Moment Matching Network (Li, Swersky and
 * Zemel 2015; Dziugaite, Roy and Ghahramani 2015). There is no discriminator. Each step draws a
 * batch of noise, maps it through G, and takes one Adam step down the gradient of the unbiased
 * MMD^2 ({@link Mmd#unbiasedSquared}) between the generated batch and a real batch.
 *
 * <p>The loss is a fixed, known function of two samples, so training is plain minimization, not
 * a game: nothing can circle or chase. What it pays for that is a kernel chosen by hand (the
 * bandwidths) and batches large enough for the estimate to see every mode.
 */
public final class MomentMatching {
    /**
     * @param bandwidths the Gaussian kernels' widths, from the finest structure to see to the coarsest
     * @param lr         Adam's learning rate
     * @param beta1      Adam's first beta
     * @param beta2      Adam's second beta
     */
    public record Options(double[] bandwidths, double lr, double beta1, double beta2) {
        public Options {
            if (bandwidths.length == 0) {
                throw new IllegalArgumentException("MomentMatching: give at least one kernel bandwidth");
            }
            for (double s : bandwidths) {
                if (!(s > 0)) {
                    throw new IllegalArgumentException("MomentMatching: kernel bandwidths must be > 0, got " + s);
                }
            }
            if (!(lr > 0)) {
                throw new IllegalArgumentException("MomentMatching: learning rate must be > 0, got " + lr);
            }
            bandwidths = bandwidths.clone();
        }

        @Override
        public double[] bandwidths() {
            return bandwidths.clone();
        }
    }

    private final Module generator;
    private final int latentDim;
    private final Options options;
    private final Generator noise;
    private final Optimizer optimizer;
    private long step;

    /**
     * @param generator maps noise [n, latentDim] to samples [n, d]
     * @param noise     draws the standard normal noise z
     */
    public MomentMatching(Module generator, int latentDim, Options options, Generator noise) {
        if (latentDim < 1) {
            throw new IllegalArgumentException("MomentMatching: latent dimension must be >= 1, got " + latentDim);
        }
        this.generator = generator;
        this.latentDim = latentDim;
        this.options = options;
        this.noise = noise;
        this.optimizer = new Adam(generator.parameters(), options.lr(), options.beta1(), options.beta2());
    }

    /** One step on a real batch [n, d] (n >= 2) with as many generated samples; returns the MMD^2 estimate. */
    public double step(Tensor real) {
        if (real.dim() != 2 || real.size(0) < 2) {
            throw new IllegalArgumentException("MomentMatching: the real batch must be [n, d] with n >= 2, got "
                    + dev.jgan.core.Shape.format(real.shape()));
        }
        generator.train();
        Tensor fake = generator.forward(Tensor.randn(noise, real.size(0), latentDim));
        Tensor loss = Mmd.unbiasedSquared(fake, real, options.bandwidths);
        double value = loss.item();
        if (!Double.isFinite(value)) {
            throw new IllegalStateException("MomentMatching: step " + step + ": the MMD^2 estimate is " + value);
        }
        optimizer.zeroGrad();
        loss.backward();
        optimizer.step();
        step++;
        return value;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    public long stepCount() {
        return step;
    }
}

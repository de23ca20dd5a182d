package dev.jgan.gan.models;

import dev.jgan.core.random.Generator;
import dev.jgan.nn.BatchNorm1d;
import dev.jgan.nn.BatchNorm;
import dev.jgan.nn.Flatten;
import dev.jgan.nn.LeakyReLU;
import dev.jgan.nn.Linear;
import dev.jgan.nn.Sequential;
import dev.jgan.nn.Tanh;
import dev.jgan.nn.Unflatten;

/**
 * The original fully connected GAN on images, in the shape of PyTorch-GAN's gan.py:
 * G = z(latent) -> 128 -> 256 -> 512 -> 1024 -> C*H*W, LeakyReLU(0.2) after each hidden layer,
 * BatchNorm on all hidden layers but the first, Tanh output (images live in [-1, 1]);
 * D = C*H*W -> 512 -> 256 -> 1, LeakyReLU(0.2), one logit out.
 *
 * <p>gan.py writes {@code nn.BatchNorm1d(out_feat, 0.8)}. The second positional argument of
 * BatchNorm1d is eps, not momentum, so gan.py normalizes by sqrt(var + 0.8): a much softer
 * normalization than the default eps of 1e-5, with the running-stat momentum left at 0.1. We
 * keep eps = 0.8 by default, because that is the network whose results people reproduce, and
 * make it a parameter ({@link #GAN_PY_BATCH_NORM_EPS}) so the chapter can show the difference.
 *
 * <p>{@link #withMinibatchStdDev} is gan.py's pair with one change, in D: a
 * {@link MinibatchStdDev} feature after its first layer (512 -> 513 -> 256 -> 1), so that D sees
 * how varied each batch is; {@code gan train}'s mode-covering recipe uses it (its default for the MLP
 * on data other than the digits).
 */
public final class MlpGan {
    /** gan.py's accidental-but-canonical BatchNorm eps. */
    public static final double GAN_PY_BATCH_NORM_EPS = 0.8;
    private static final double SLOPE = 0.2;
    private static final int[] GENERATOR_WIDTHS = {128, 256, 512, 1024};

    private MlpGan() {
    }

    /** G and D for images [channels, height, width] with gan.py's choices. */
    public static Gan build(int latentDim, int channels, int height, int width, Generator gen) {
        return build(latentDim, channels, height, width, GAN_PY_BATCH_NORM_EPS, gen);
    }

    public static Gan build(int latentDim, int channels, int height, int width, double batchNormEps, Generator gen) {
        return build(latentDim, channels, height, width, batchNormEps, false, gen);
    }

    /** gan.py's G, and its D with a {@link MinibatchStdDev} feature after D's first layer. */
    public static Gan withMinibatchStdDev(int latentDim, int channels, int height, int width, double batchNormEps,
                                          Generator gen) {
        return build(latentDim, channels, height, width, batchNormEps, true, gen);
    }

    private static Gan build(int latentDim, int channels, int height, int width, double batchNormEps,
                             boolean minibatchStdDev, Generator gen) {
        int pixels = channels * height * width;
        Sequential g = new Sequential();
        int in = latentDim;
        for (int i = 0; i < GENERATOR_WIDTHS.length; i++) {
            int out = GENERATOR_WIDTHS[i];
            g.add(new Linear(in, out, gen));
            if (i > 0) {
                g.add(new BatchNorm1d(out, batchNormEps, BatchNorm.DEFAULT_MOMENTUM, true));
            }
            g.add(new LeakyReLU(SLOPE));
            in = out;
        }
        g.add(new Linear(in, pixels, gen));
        g.add(new Tanh());
        g.add(new Unflatten(1, channels, height, width));

        Sequential d = new Sequential(new Flatten(), new Linear(pixels, 512, gen), new LeakyReLU(SLOPE));
        if (minibatchStdDev) {
            d.add(new MinibatchStdDev());
        }
        d.add(new Linear(minibatchStdDev ? 513 : 512, 256, gen));
        d.add(new LeakyReLU(SLOPE));
        d.add(new Linear(256, 1, gen));
        return new Gan(g, d, latentDim, new int[]{channels, height, width});
    }
}

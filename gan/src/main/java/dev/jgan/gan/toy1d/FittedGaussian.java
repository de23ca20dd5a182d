package dev.jgan.gan.toy1d;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;

import java.util.Locale;

/**
 * The mean and standard deviation of a set of 1-D samples: what the 1-D GAN is judged on. Two
 * numbers do not prove that the samples are normal (the histogram and the density estimate in
 * the chapter's pictures show the shape); they do show whether the generator found where the
 * data is and how wide it is.
 *
 * @param mean the sample mean
 * @param std  the sample standard deviation, with Bessel's correction (divides by n - 1)
 */
public record FittedGaussian(double mean, double std) {

    /** Fits samples shaped [n] or [n, 1], n >= 2. */
    public static FittedGaussian of(Tensor samples) {
        if (samples.dim() > 2 || (samples.dim() == 2 && samples.size(1) != 1)) {
            throw new IllegalArgumentException("FittedGaussian: samples must have shape [n] or [n, 1], got "
                    + Shape.format(samples.shape()));
        }
        return of(samples.toDoubleArray());
    }

    public static FittedGaussian of(double[] x) {
        if (x.length < 2) {
            throw new IllegalArgumentException("FittedGaussian: needs at least 2 samples, got " + x.length);
        }
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        double mean = sum / x.length;
        // Two passes: subtracting the mean first keeps the variance exact when |mean| >> std.
        double squares = 0;
        for (double v : x) {
            squares += (v - mean) * (v - mean);
        }
        return new FittedGaussian(mean, Math.sqrt(squares / (x.length - 1)));
    }

    /** Fits {@code n} samples of the generator, drawn in eval mode without a graph. */
    public static FittedGaussian ofGenerator(Gan gan, Generator gen, int n) {
        return of(gan.sample(gen, n));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "mean %.3f, std %.3f", mean, std);
    }
}

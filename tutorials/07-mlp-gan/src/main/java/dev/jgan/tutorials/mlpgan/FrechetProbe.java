package dev.jgan.tutorials.mlpgan;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.metrics.ClassifierFeatures;
import dev.jgan.gan.metrics.FeatureMatrix;
import dev.jgan.gan.metrics.FrechetDistance;
import dev.jgan.gan.metrics.Gaussian;
import dev.jgan.gan.metrics.RealImages;
import dev.jgan.nn.data.TensorDataset;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * The chapter's yardstick: the Fréchet distance between the Gaussians fitted to the classifier
 * features of n generated images and of n training images (the reference). It comes with two
 * fixed points to read it against: held-out training images (the floor, what a perfect
 * generator would score at this n) and uniform noise in [-1, 1] (what no learning scores).
 */
final class FrechetProbe {
    private final ClassifierFeatures features;
    private final FrechetDistance toReference;
    private final RealImages real;

    private FrechetProbe(ClassifierFeatures features, RealImages real) {
        this.features = features;
        this.real = real;
        this.toReference = FrechetDistance.to(Gaussian.fit(FeatureMatrix.of(features.features(real.reference()))));
    }

    /** The probe for data set {@code data}, if a classifier trained on it ships with jgan. */
    static Optional<FrechetProbe> of(String data, TensorDataset images, int n, long seed) {
        return ClassifierFeatures.shippedFor(data).map(f -> new FrechetProbe(f, RealImages.split(images, n, seed)));
    }

    double distance(Tensor images) {
        return toReference.distance(Gaussian.fit(FeatureMatrix.of(features.features(images))));
    }

    /** Prints the floor and the noise level and returns them as {floor, noise}. */
    double[] printFixedPoints(PrintStream out, long seed) {
        double floor = distance(real.heldOut());
        Tensor noise = Tensor.rand(new Generator(seed), real.reference().shape()).mul(2.0).add(-1.0);
        double noiseDistance = distance(noise);
        out.printf(Locale.ROOT, "Fréchet distance on %s features, %d images against %d training images:%n",
                features.name(), n(), n());
        out.printf(Locale.ROOT, "  held-out training images (the floor) %10.3f%n", floor);
        out.printf(Locale.ROOT, "  uniform noise in [-1, 1]             %10.3f%n", noiseDistance);
        return new double[]{floor, noiseDistance};
    }

    int n() {
        return real.n();
    }
}

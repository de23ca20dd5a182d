package dev.jgan.tutorials.mlpgan;

import java.util.Arrays;

/**
 * How much the chapter trains: {@code epochs} passes over {@code data} in batches of 64, a sample
 * grid and a Fréchet distance at each of {@code snapshotSteps} (step 0 is the untrained G; the
 * last step is always added), with {@code metricImages} images per set; whether to train a second
 * generator with the minimax loss beside the non-saturating one, whether to train one in gan.py's
 * step order beside Algorithm 1's, and the k (D steps per G step) above 1 to measure, each for as
 * many G steps as the k = 1 run takes.
 */
record Budget(String data, int epochs, int[] snapshotSteps, int metricImages, boolean compareLosses,
              boolean compareOrders, int[] moreDiscriminatorSteps) {
    Budget {
        if (epochs < 1 || metricImages < 2) {
            throw new IllegalArgumentException("07-mlp-gan: needs epochs >= 1 and metric images >= 2, got " + epochs
                    + " and " + metricImages);
        }
        snapshotSteps = snapshotSteps.clone();
        if (Arrays.stream(snapshotSteps).anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("07-mlp-gan: snapshot steps must be >= 0, got "
                    + Arrays.toString(snapshotSteps));
        }
        moreDiscriminatorSteps = moreDiscriminatorSteps.clone();
        if (Arrays.stream(moreDiscriminatorSteps).anyMatch(k -> k < 2)) {
            throw new IllegalArgumentException("07-mlp-gan: the k to compare with k = 1 must be >= 2, got "
                    + Arrays.toString(moreDiscriminatorSteps));
        }
    }

    /** One generator loss, Algorithm 1's order, k = 1 only. */
    Budget(String data, int epochs, int[] snapshotSteps, int metricImages, boolean compareLosses) {
        this(data, epochs, snapshotSteps, metricImages, compareLosses, false, new int[0]);
    }

    /** The recorded digits run: 8x8 digits, fast enough to compare both generator losses and k = 1, 2, 5. */
    static Budget digits() {
        return new Budget("digits", 30, new int[]{0, 50, 150, 400}, 500, true, false, new int[]{2, 5});
    }

    /** The recorded Fashion-MNIST run: full-size 28x28 images, {@code epochs} epochs, one loss. */
    static Budget fashion(int epochs) {
        return new Budget("fashion-mnist", epochs, new int[]{0, 100, 300}, 1000, false);
    }

    /** The recorded MNIST run: the data gan.py was written for, in both step orders. */
    static Budget mnist(int epochs) {
        return new Budget("mnist", epochs, new int[]{0, 100, 400, 1400}, 997, false, true, new int[0]);
    }

    @Override
    public int[] snapshotSteps() {
        return snapshotSteps.clone();
    }

    @Override
    public int[] moreDiscriminatorSteps() {
        return moreDiscriminatorSteps.clone();
    }
}

package dev.jgan.tutorials.mlpgan;

import java.util.Arrays;

/**
 * How much the chapter trains: {@code epochs} passes over {@code data} in batches of 64, a sample
 * grid and a Fréchet distance at each of {@code snapshotSteps} (step 0 is the untrained G; the
 * last step is always added), with {@code metricImages} images per set, and whether to train a
 * second generator with the minimax loss beside the non-saturating one.
 */
record Budget(String data, int epochs, int[] snapshotSteps, int metricImages, boolean compareLosses) {
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
    }

    /** The recorded digits run: 8x8 digits, fast enough to compare both generator losses. */
    static Budget digits() {
        return new Budget("digits", 30, new int[]{0, 50, 150, 400}, 500, true);
    }

    /** The recorded Fashion-MNIST run: full-size 28x28 images, {@code epochs} epochs, one loss. */
    static Budget fashion(int epochs) {
        return new Budget("fashion-mnist", epochs, new int[]{0, 100, 300}, 1000, false);
    }

    @Override
    public int[] snapshotSteps() {
        return snapshotSteps.clone();
    }
}

package dev.jgan.tutorials.evaluation;

import java.util.Arrays;

/**
 * How much work the chapter does: {@code n} images in every set that is scored (reference,
 * real test images, each generator's samples), and the MLP GAN scored after each of
 * {@code epochs} (increasing) epochs of training on the digits.
 */
record Budget(int n, int[] epochs, long seed) {
    Budget {
        if (n < 20) {
            throw new IllegalArgumentException("10-evaluating-gans: n = " + n + " images per set is too few for"
                    + " precision/recall and the Parzen halves; use at least 20");
        }
        if (epochs.length == 0 || epochs[0] < 1) {
            throw new IllegalArgumentException("10-evaluating-gans: give at least one epoch count >= 1, got "
                    + Arrays.toString(epochs));
        }
        for (int i = 1; i < epochs.length; i++) {
            if (epochs[i] <= epochs[i - 1]) {
                throw new IllegalArgumentException("10-evaluating-gans: epoch counts must increase, got "
                        + Arrays.toString(epochs));
            }
        }
    }

    int lastEpoch() {
        return epochs[epochs.length - 1];
    }
}

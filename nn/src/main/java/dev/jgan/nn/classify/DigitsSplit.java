package dev.jgan.nn.classify;

import dev.jgan.nn.data.Dataset;
import dev.jgan.nn.data.Digits;

/**
 * The train/test split of the embedded 8x8 digits used by chapter 4 and by the digits CNN that
 * ships with jgan: the first 1500 images train, the last 297 test. The file's order is the
 * original UCI order, which is not sorted by class, so both parts hold every digit.
 */
public final class DigitsSplit {
    public static final int TRAIN_SIZE = 1500;
    public static final int TEST_SIZE = Digits.SIZE - TRAIN_SIZE;

    private DigitsSplit() {
    }

    /** Digits 0..1499. */
    public static Dataset train() {
        return Digits.load().subset(0, TRAIN_SIZE);
    }

    /** Digits 1500..1796, never seen in training. */
    public static Dataset test() {
        return Digits.load().subset(TRAIN_SIZE, Digits.SIZE);
    }
}

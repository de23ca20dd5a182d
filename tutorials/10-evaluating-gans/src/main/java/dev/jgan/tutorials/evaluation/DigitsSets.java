package dev.jgan.tutorials.evaluation;

import dev.jgan.core.Tensor;
import dev.jgan.nn.classify.DigitsSplit;
import dev.jgan.nn.data.Normalize;
import dev.jgan.nn.data.PhiloxShuffle;
import dev.jgan.nn.data.TensorDataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The real image sets of the chapter, all from the embedded digits in [-1, 1] and split as the
 * digits CNN was: the GAN trains on the 1500 training images, and the 297 test images are
 * never seen by either network. Every set has n images:
 * <ul>
 *   <li>{@link #reference()}: n training images, what every candidate set is compared with;</li>
 *   <li>{@link #test()}: n test images, real but unseen, the floor;</li>
 *   <li>{@link #copiedTraining()}: n other training images, what a generator that memorized its
 *       training set would output;</li>
 *   <li>{@link #testWithoutDigits(int)}: n test images of the lower digits only, a generator
 *       that dropped the modes from that digit up.</li>
 * </ul>
 */
final class DigitsSets {
    private final TensorDataset training;
    private final TensorDataset test;
    private final int n;
    private final int[] trainingOrder;
    private final int[] testOrder;

    DigitsSets(int n, long seed) {
        this.training = TensorDataset.copyOf(DigitsSplit.train().map(Normalize.toTanhRange(1.0)));
        this.test = TensorDataset.copyOf(DigitsSplit.test().map(Normalize.toTanhRange(1.0)));
        if (n > test.size() || 2 * n > training.size()) {
            throw new IllegalArgumentException("10-evaluating-gans: n = " + n + " needs n test images (there are "
                    + test.size() + ") and 2n training images (there are " + training.size() + ")");
        }
        this.n = n;
        this.trainingOrder = PhiloxShuffle.permutation(training.size(), seed, 0);
        this.testOrder = PhiloxShuffle.permutation(test.size(), seed, 1);
    }

    /** All training images, what the GAN trains on and nearest neighbours are searched in. */
    TensorDataset training() {
        return training;
    }

    Tensor reference() {
        return rows(training, slice(trainingOrder, 0, n));
    }

    Tensor copiedTraining() {
        return rows(training, slice(trainingOrder, n, n));
    }

    Tensor test() {
        return rows(test, slice(testOrder, 0, n));
    }

    /** n test images showing a digit below {@code firstDropped}. */
    Tensor testWithoutDigits(int firstDropped) {
        List<Integer> kept = new ArrayList<>();
        for (int i : testOrder) {
            if (test.label(i) < firstDropped && kept.size() < n) {
                kept.add(i);
            }
        }
        if (kept.size() < n) {
            throw new IllegalArgumentException("10-evaluating-gans: only " + kept.size() + " test images show digits"
                    + " below " + firstDropped + "; n = " + n + " is too many for the mode-dropping case");
        }
        return rows(test, kept.stream().mapToInt(Integer::intValue).toArray());
    }

    private static int[] slice(int[] order, int from, int count) {
        int[] out = new int[count];
        System.arraycopy(order, from, out, 0, count);
        return out;
    }

    private static Tensor rows(TensorDataset data, int[] indices) {
        int numel = data.imageNumel();
        float[] values = new float[indices.length * numel];
        for (int i = 0; i < indices.length; i++) {
            data.copyImage(indices[i], values, i * numel);
        }
        int[] imageShape = data.imageShape();
        return Tensor.fromArray(values, indices.length, imageShape[0], imageShape[1], imageShape[2]);
    }
}

package dev.jgan.gan.metrics;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.nn.data.Dataset;
import dev.jgan.nn.data.PhiloxShuffle;
import dev.jgan.nn.data.TensorDataset;

import java.util.Arrays;

/**
 * The real images a report compares against: {@code reference}, n training images every
 * candidate set is scored against; {@code heldOut}, n other real images, the real "candidate"
 * whose scores are the floor; and all of {@code training}, searched for nearest neighbours.
 * Reference and held-out are disjoint, so the floor measures what two independent samples of the
 * data score at this n. {@code floorSource} says where the held-out images come from.
 */
public record RealImages(Tensor reference, Tensor heldOut, Tensor training, FloorSource floorSource) {

    /** Where the floor's real images come from; its label is what the JSON report holds. */
    public enum FloorSource {
        /**
         * The data set's test split: real images outside the training set the reference comes
         * from (and outside the shipped classifiers' training sets), what a generator that
         * generalizes, rather than copies, can match.
         */
        TEST("test"),
        /**
         * Other training images, for data without a test split: images the generator may have
         * learnt by heart, so a memorizing generator can match this floor.
         */
        HELD_OUT_TRAINING("held-out training");

        private final String label;

        FloorSource(String label) {
            this.label = label;
        }

        @JsonValue
        public String label() {
            return label;
        }
    }

    /**
     * The floor from held-out training images: two disjoint sets of n from one seeded shuffle of
     * {@code data} (images in [-1, 1]), which needs at least 2n images. For data without a test
     * split, and for chapter 7's probe, whose recorded floor is this one.
     */
    public static RealImages split(TensorDataset data, int n, long seed) {
        if (n < 2 || 2L * n > data.size()) {
            throw new IllegalArgumentException("real images: the floor needs two disjoint sets of n training images, so n"
                    + " must be in 2.." + data.size() / 2 + " for " + data.size() + " images, got " + n);
        }
        int[] order = PhiloxShuffle.permutation(data.size(), seed, 0);
        return new RealImages(rows(data, order, 0, n), rows(data, order, n, n), data.images(),
                FloorSource.HELD_OUT_TRAINING);
    }

    /**
     * The floor from test images: the reference is n of {@code training} (training images outside
     * the test split) and the held-out set n of {@code test}, each drawn by its own seeded shuffle;
     * {@code searched} (all training images) is where nearest neighbours are looked for.
     */
    public static RealImages againstTest(Dataset training, Dataset test, TensorDataset searched, int n, long seed) {
        if (n < 2 || n > test.size() || n > training.size()) {
            throw new IllegalArgumentException("real images: the floor needs n test images and n training images, so n"
                    + " must be in 2.." + Math.min(test.size(), training.size()) + " for " + test.size() + " test and "
                    + training.size() + " training images, got " + n);
        }
        if (!Arrays.equals(test.imageShape(), training.imageShape())) {
            throw new IllegalArgumentException("real images: test images " + Shape.format(test.imageShape())
                    + " differ from training images " + Shape.format(training.imageShape()));
        }
        return new RealImages(rows(training, PhiloxShuffle.permutation(training.size(), seed, 0), 0, n),
                rows(test, PhiloxShuffle.permutation(test.size(), seed, 1), 0, n), searched.images(), FloorSource.TEST);
    }

    private static Tensor rows(Dataset data, int[] order, int from, int count) {
        int numel = data.imageNumel();
        float[] values = new float[count * numel];
        for (int i = 0; i < count; i++) {
            data.copyImage(order[from + i], values, i * numel);
        }
        int[] imageShape = data.imageShape();
        int[] shape = new int[imageShape.length + 1];
        shape[0] = count;
        System.arraycopy(imageShape, 0, shape, 1, imageShape.length);
        return Tensor.fromArray(values, shape);
    }

    public int n() {
        return reference.size(0);
    }
}

package dev.jgan.gan.metrics;

import dev.jgan.core.Tensor;
import dev.jgan.nn.data.PhiloxShuffle;
import dev.jgan.nn.data.TensorDataset;

/**
 * The real images a report compares against, drawn from the training set by one seeded shuffle:
 * {@code reference}, n training images every candidate set is scored against; {@code heldOut},
 * n other training images, the real "candidate" whose scores are the floor; and all of
 * {@code training}, searched for nearest neighbours. Reference and held-out are disjoint, so the
 * floor measures what two independent samples of the data distribution score at this n.
 */
public record RealImages(Tensor reference, Tensor heldOut, Tensor training) {

    /** Splits {@code data} (images in [-1, 1]); needs at least 2n images. */
    public static RealImages split(TensorDataset data, int n, long seed) {
        if (n < 2 || 2L * n > data.size()) {
            throw new IllegalArgumentException("real images: the floor needs two disjoint sets of n training images, so n"
                    + " must be in 2.." + data.size() / 2 + " for " + data.size() + " images, got " + n);
        }
        int[] order = PhiloxShuffle.permutation(data.size(), seed, 0);
        return new RealImages(rows(data, order, 0, n), rows(data, order, n, n), data.images());
    }

    private static Tensor rows(TensorDataset data, int[] order, int from, int count) {
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

package dev.jgan.nn.data;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

/**
 * A finite, indexable collection of labelled images of one shape.
 *
 * <p>The design is example-oriented for readers ({@link #get} returns one image tensor and its
 * label, like a PyTorch {@code Dataset}) but copies through flat {@code float[]} blocks
 * underneath: {@link #copyImage} writes one image into a caller's array, so a {@link DataLoader}
 * fills a whole batch with {@code batchSize} array copies and makes one tensor from it, instead
 * of building and stacking {@code batchSize} small tensors.
 */
public interface Dataset {

    /** Number of examples. */
    int size();

    /** Shape of one image, e.g. {@code [1, 28, 28]} (channels, height, width) or {@code [784]}. */
    int[] imageShape();

    /** The label of example {@code index}. */
    int label(int index);

    /** Writes the {@code imageNumel()} values of example {@code index}, row-major, at {@code dst[dstOffset]}. */
    void copyImage(int index, float[] dst, int dstOffset);

    /** Number of values in one image. */
    default int imageNumel() {
        return Shape.numel(imageShape());
    }

    /** Example {@code index} as a float32 tensor of shape {@link #imageShape()} and its label. */
    default Example get(int index) {
        float[] values = new float[imageNumel()];
        copyImage(index, values, 0);
        return new Example(Tensor.fromArray(values, imageShape()), label(index));
    }

    /**
     * This data set seen through {@code transform}: applied to each image when it is read, so no
     * second copy of the data is held. {@link TensorDataset#copyOf} materializes the result when
     * the transform is too slow to repeat every epoch.
     */
    default Dataset map(Transform transform) {
        return new TransformedDataset(this, transform);
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), without copying. */
    default Dataset subset(int from, int to) {
        return new SubsetDataset(this, from, to);
    }
}

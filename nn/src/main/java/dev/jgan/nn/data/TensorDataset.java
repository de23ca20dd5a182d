package dev.jgan.nn.data;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.util.Arrays;

/**
 * Images and labels held in memory: all images in one row-major {@code float[]} block
 * ({@code size * imageNumel} values, image {@code i} starting at {@code i * imageNumel}), labels
 * in an {@code int[]}. One block keeps a batch gather down to {@code System.arraycopy} calls.
 */
public final class TensorDataset implements Dataset {
    private final float[] images;
    private final int[] imageShape;
    private final int imageNumel;
    private final int[] labels;

    private TensorDataset(float[] images, int[] imageShape, int[] labels) {
        for (int s : imageShape) {
            if (s <= 0) {
                throw new IllegalArgumentException("TensorDataset: image shape " + Shape.format(imageShape)
                        + " has a size that is not positive");
            }
        }
        this.imageNumel = Shape.numel(imageShape);
        if ((long) labels.length * imageNumel != images.length) {
            throw new IllegalArgumentException("TensorDataset: " + labels.length + " labels need "
                    + (long) labels.length * imageNumel + " image values of shape " + Shape.format(imageShape)
                    + ", got " + images.length);
        }
        this.images = images;
        this.imageShape = imageShape;
        this.labels = labels;
    }

    /** A data set over copies of these arrays. */
    public static TensorDataset of(float[] images, int[] imageShape, int[] labels) {
        return new TensorDataset(images.clone(), imageShape.clone(), labels.clone());
    }

    /** Takes the arrays as they are, without copying: for loaders that have just built them. */
    static TensorDataset wrap(float[] images, int[] imageShape, int[] labels) {
        return new TensorDataset(images, imageShape, labels);
    }

    /** A data set from a tensor of shape {@code [N, ...imageShape]} and {@code N} labels. */
    public static TensorDataset of(Tensor images, int[] labels) {
        int[] shape = images.shape();
        if (shape.length < 2 || shape[0] != labels.length) {
            throw new IllegalArgumentException("TensorDataset.of: images of shape " + Shape.format(shape)
                    + " do not match " + labels.length + " labels; expected [" + labels.length + ", ...]");
        }
        return wrap(images.toFloatArray(), Arrays.copyOfRange(shape, 1, shape.length), labels.clone());
    }

    /** Reads every example of {@code dataset} once (running its transforms) and keeps the result. */
    public static TensorDataset copyOf(Dataset dataset) {
        int n = dataset.size();
        int numel = dataset.imageNumel();
        float[] images = new float[Math.multiplyExact(n, numel)];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            dataset.copyImage(i, images, i * numel);
            labels[i] = dataset.label(i);
        }
        return wrap(images, dataset.imageShape(), labels);
    }

    /**
     * Applies {@code transform} to every image, writing over the images this data set holds, and
     * returns it: for a loader's caller that owns the data set it was just handed and must not
     * hold the images twice ({@link #copyOf} of a {@link Dataset#map} does; for Fashion-MNIST that
     * is 188 MB of floats more at the peak). The values are those {@code copyOf(map(transform))}
     * gives. The transform must keep the image shape.
     */
    public TensorDataset transformInPlace(Transform transform) {
        int[] outputShape = transform.outputShape(imageShape);
        if (!Arrays.equals(outputShape, imageShape)) {
            throw new IllegalArgumentException("TensorDataset.transformInPlace: " + transform + " makes images of "
                    + Shape.format(imageShape) + " into " + Shape.format(outputShape) + "; in place the shape must"
                    + " stay the same (use copyOf(map(transform)))");
        }
        float[] image = new float[imageNumel];
        for (int i = 0; i < labels.length; i++) {
            System.arraycopy(images, i * imageNumel, image, 0, imageNumel);
            transform.apply(imageShape, image, 0, images, i * imageNumel);
        }
        return this;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int[] imageShape() {
        return imageShape.clone();
    }

    @Override
    public int imageNumel() {
        return imageNumel;
    }

    @Override
    public int label(int index) {
        return labels[checkIndex(index)];
    }

    @Override
    public void copyImage(int index, float[] dst, int dstOffset) {
        System.arraycopy(images, checkIndex(index) * imageNumel, dst, dstOffset, imageNumel);
    }

    /** All images as one float32 tensor of shape {@code [N, ...imageShape]} (a copy). */
    public Tensor images() {
        int[] shape = new int[imageShape.length + 1];
        shape[0] = labels.length;
        System.arraycopy(imageShape, 0, shape, 1, imageShape.length);
        return Tensor.fromArray(images, shape);
    }

    /** All labels (a copy). */
    public int[] labels() {
        return labels.clone();
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= labels.length) {
            throw new IndexOutOfBoundsException("TensorDataset: index " + index + " is out of range for "
                    + labels.length + " examples");
        }
        return index;
    }
}

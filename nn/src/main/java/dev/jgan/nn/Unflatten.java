package dev.jgan.nn;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

/**
 * Splits one dim into several, e.g. [N, 784] into [N, 1, 28, 28] with
 * {@code new Unflatten(1, 1, 28, 28)}: how a generator's flat output becomes an image.
 */
public final class Unflatten extends Module {
    private final int dim;
    private final int[] sizes;

    public Unflatten(int dim, int... sizes) {
        if (sizes.length == 0) {
            throw new IllegalArgumentException("Unflatten: needs at least one size for dim " + dim);
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException("Unflatten: sizes must be positive, got " + Shape.format(sizes));
            }
        }
        this.dim = dim;
        this.sizes = sizes.clone();
    }

    @Override
    public Tensor forward(Tensor input) {
        int d = Shape.normalizeDim("Unflatten", dim, input.dim());
        int[] shape = input.shape();
        if (Shape.numel(sizes) != shape[d]) {
            throw new IllegalArgumentException("Unflatten: sizes " + Shape.format(sizes) + " hold " + Shape.numel(sizes)
                    + " elements, but dim " + dim + " of input " + Shape.format(shape) + " has size " + shape[d]);
        }
        int[] out = new int[shape.length - 1 + sizes.length];
        System.arraycopy(shape, 0, out, 0, d);
        System.arraycopy(sizes, 0, out, d, sizes.length);
        System.arraycopy(shape, d + 1, out, d + sizes.length, shape.length - d - 1);
        return input.reshape(out);
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim + ", sizes=" + Shape.format(sizes);
    }
}

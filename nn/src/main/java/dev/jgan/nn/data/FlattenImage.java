package dev.jgan.nn.data;

import dev.jgan.core.Shape;

/**
 * Turns an image of any shape into a vector of its values in row-major order, e.g.
 * {@code [1, 28, 28]} into {@code [784]}, for models made of fully connected layers.
 */
public final class FlattenImage implements Transform {

    @Override
    public int[] outputShape(int[] inputShape) {
        return new int[] {Shape.numel(inputShape)};
    }

    @Override
    public void apply(int[] inputShape, float[] src, int srcOffset, float[] dst, int dstOffset) {
        System.arraycopy(src, srcOffset, dst, dstOffset, Shape.numel(inputShape));
    }

    @Override
    public String toString() {
        return "FlattenImage()";
    }
}

package dev.jgan.nn.data;

import dev.jgan.core.Shape;

/**
 * A function from one image to another, applied as a data set is read (see
 * {@link Dataset#map}). It works on flat row-major {@code float[]} images, so a transform costs
 * one pass over the values and no tensor allocation.
 */
public interface Transform {

    /**
     * The shape of the output for an input of shape {@code inputShape}; throws
     * {@link IllegalArgumentException} naming the transform when it cannot take that shape.
     */
    int[] outputShape(int[] inputShape);

    /**
     * Writes the transformed image at {@code dst[dstOffset]}, reading an image of shape
     * {@code inputShape} at {@code src[srcOffset]}. Source and destination do not overlap.
     */
    void apply(int[] inputShape, float[] src, int srcOffset, float[] dst, int dstOffset);

    /** This transform, then {@code next}. */
    default Transform andThen(Transform next) {
        Transform first = this;
        return new Transform() {
            @Override
            public int[] outputShape(int[] inputShape) {
                return next.outputShape(first.outputShape(inputShape));
            }

            @Override
            public void apply(int[] inputShape, float[] src, int srcOffset, float[] dst, int dstOffset) {
                int[] middleShape = first.outputShape(inputShape);
                float[] middle = new float[Shape.numel(middleShape)];
                first.apply(inputShape, src, srcOffset, middle, 0);
                next.apply(middleShape, middle, 0, dst, dstOffset);
            }

            @Override
            public String toString() {
                return first + " -> " + next;
            }
        };
    }
}

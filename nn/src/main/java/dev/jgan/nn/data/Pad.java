package dev.jgan.nn.data;

import dev.jgan.core.Shape;

import java.util.Arrays;

/**
 * Surrounds each channel of a {@code [C, H, W]} image with a constant border, e.g. 28x28
 * Fashion-MNIST to the 32x32 a DCGAN expects with {@code Pad.uniform(2, 0f)}.
 *
 * <p>The value must be black in the range the images are in when the padding runs. Loaders
 * return [0, 1], where black is 0, so pad with 0 <em>before</em> {@link Normalize#toTanhRange}
 * (the border then becomes -1 with the rest); pad after it with -1.
 */
public final class Pad implements Transform {
    private final int top;
    private final int bottom;
    private final int left;
    private final int right;
    private final float value;

    public Pad(int top, int bottom, int left, int right, float value) {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) {
            throw new IllegalArgumentException("Pad: padding must be >= 0, got top " + top + ", bottom " + bottom
                    + ", left " + left + ", right " + right);
        }
        this.top = top;
        this.bottom = bottom;
        this.left = left;
        this.right = right;
        this.value = value;
    }

    /** The same border of {@code size} on all four sides. */
    public static Pad uniform(int size, float value) {
        return new Pad(size, size, size, size, value);
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("Pad: expected an image of shape [C, H, W], got " + Shape.format(inputShape));
        }
        return new int[] {inputShape[0], inputShape[1] + top + bottom, inputShape[2] + left + right};
    }

    @Override
    public void apply(int[] inputShape, float[] src, int srcOffset, float[] dst, int dstOffset) {
        int[] out = outputShape(inputShape);
        int height = inputShape[1];
        int width = inputShape[2];
        Arrays.fill(dst, dstOffset, dstOffset + Shape.numel(out), value);
        for (int c = 0; c < inputShape[0]; c++) {
            for (int y = 0; y < height; y++) {
                int from = srcOffset + (c * height + y) * width;
                int to = dstOffset + (c * out[1] + y + top) * out[2] + left;
                System.arraycopy(src, from, dst, to, width);
            }
        }
    }

    @Override
    public String toString() {
        return "Pad(top=" + top + ", bottom=" + bottom + ", left=" + left + ", right=" + right + ", value=" + value + ")";
    }
}

package dev.jgan.nn.data;

import dev.jgan.core.Shape;

/**
 * Resizes each channel of a {@code [C, H, W]} image to {@code height x width} by bilinear
 * interpolation, with the same sampling as PyTorch's
 * {@code F.interpolate(x, size=(height, width), mode="bilinear", align_corners=False)}.
 *
 * <p>align_corners=False treats pixels as unit squares: output pixel {@code i} samples the input
 * at {@code (i + 0.5) * in / out - 0.5}, clamped at 0, between the two nearest input pixels
 * (the second clamped at the last one). Like PyTorch's default there is no antialiasing, so
 * shrinking by more than 2x skips input pixels; this transform is meant for enlarging small
 * images (8x8 digits to 32x32). Arithmetic is in float32, as PyTorch does it for float tensors.
 */
public final class Resize implements Transform {
    private final int height;
    private final int width;

    public Resize(int height, int width) {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Resize: output size must be positive, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException("Resize: expected an image of shape [C, H, W], got "
                    + Shape.format(inputShape));
        }
        return new int[] {inputShape[0], height, width};
    }

    @Override
    public void apply(int[] inputShape, float[] src, int srcOffset, float[] dst, int dstOffset) {
        int channels = outputShape(inputShape)[0];
        int inHeight = inputShape[1];
        int inWidth = inputShape[2];
        Taps rows = new Taps(inHeight, height);
        Taps cols = new Taps(inWidth, width);
        for (int c = 0; c < channels; c++) {
            int plane = srcOffset + c * inHeight * inWidth;
            for (int y = 0; y < height; y++) {
                int row0 = plane + rows.first[y] * inWidth;
                int row1 = plane + rows.second[y] * inWidth;
                for (int x = 0; x < width; x++) {
                    int x0 = cols.first[x];
                    int x1 = cols.second[x];
                    float top = cols.firstWeight[x] * src[row0 + x0] + cols.secondWeight[x] * src[row0 + x1];
                    float bottom = cols.firstWeight[x] * src[row1 + x0] + cols.secondWeight[x] * src[row1 + x1];
                    dst[dstOffset + (c * height + y) * width + x] = rows.firstWeight[y] * top + rows.secondWeight[y] * bottom;
                }
            }
        }
    }

    /** For each output index along one axis: the two input indices it blends and their weights. */
    private static final class Taps {
        final int[] first;
        final int[] second;
        final float[] firstWeight;
        final float[] secondWeight;

        Taps(int in, int out) {
            first = new int[out];
            second = new int[out];
            firstWeight = new float[out];
            secondWeight = new float[out];
            float scale = (float) in / out;
            for (int i = 0; i < out; i++) {
                float source = Math.max(scale * (i + 0.5f) - 0.5f, 0f);
                int i0 = (int) source;
                float lambda = source - i0;
                first[i] = i0;
                second[i] = Math.min(i0 + 1, in - 1);
                firstWeight[i] = 1f - lambda;
                secondWeight[i] = lambda;
            }
        }
    }

    @Override
    public String toString() {
        return "Resize(" + height + ", " + width + ", bilinear, align_corners=False)";
    }
}

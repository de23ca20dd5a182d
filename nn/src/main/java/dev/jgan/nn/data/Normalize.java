package dev.jgan.nn.data;

import dev.jgan.core.Shape;

import java.util.Arrays;

/**
 * {@code (x - mean[c]) / std[c]} for each channel {@code c} (the first dim of the image), like
 * torchvision's {@code Normalize}. A single mean and std apply to every value of any shape.
 */
public final class Normalize implements Transform {
    private final float[] mean;
    private final float[] std;

    public Normalize(double[] mean, double[] std) {
        if (mean.length == 0 || mean.length != std.length) {
            throw new IllegalArgumentException("Normalize: need one mean and one std per channel, got "
                    + mean.length + " means and " + std.length + " stds");
        }
        this.mean = new float[mean.length];
        this.std = new float[std.length];
        for (int c = 0; c < mean.length; c++) {
            if (!(std[c] > 0) || !Double.isFinite(std[c]) || !Double.isFinite(mean[c])) {
                throw new IllegalArgumentException("Normalize: channel " + c + " has mean " + mean[c] + " and std "
                        + std[c] + "; the std must be positive and both finite");
            }
            this.mean[c] = (float) mean[c];
            this.std[c] = (float) std[c];
        }
    }

    /**
     * Maps {@code [0, inputMax]} linearly onto {@code [-1, 1]}, the range of a generator's tanh
     * output: {@code toTanhRange(1)} for images in [0, 1] (what the loaders here return),
     * {@code toTanhRange(255)} for raw bytes. Equals torchvision's {@code Normalize((0.5,), (0.5,))}
     * for {@code inputMax = 1}.
     */
    public static Normalize toTanhRange(double inputMax) {
        return new Normalize(new double[] {inputMax / 2}, new double[] {inputMax / 2});
    }

    @Override
    public int[] outputShape(int[] inputShape) {
        if (mean.length > 1 && (inputShape.length == 0 || inputShape[0] != mean.length)) {
            throw new IllegalArgumentException("Normalize: " + mean.length + " channel means do not fit images of shape "
                    + Shape.format(inputShape) + "; expected [" + mean.length + ", ...]");
        }
        return inputShape.clone();
    }

    @Override
    public void apply(int[] inputShape, float[] src, int srcOffset, float[] dst, int dstOffset) {
        int numel = Shape.numel(inputShape);
        int perChannel = mean.length == 1 ? numel : numel / mean.length;
        for (int i = 0; i < numel; i++) {
            int c = i / perChannel;
            dst[dstOffset + i] = (src[srcOffset + i] - mean[c]) / std[c];
        }
    }

    @Override
    public String toString() {
        return "Normalize(mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + ")";
    }
}

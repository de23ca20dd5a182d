package dev.jgan.nn;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Resampling;

/** Nearest-neighbour upsampling of [N, C, H, W] by an integer factor (torch.nn.Upsample, mode nearest). */
public final class Upsample extends Module {
    private final int scale;

    public Upsample(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("Upsample: scale must be >= 1, got " + scale);
        }
        this.scale = scale;
    }

    @Override
    public Tensor forward(Tensor input) {
        return Resampling.upsampleNearest2d(input, scale);
    }

    @Override
    protected String extraRepr() {
        return "scale=" + scale;
    }
}

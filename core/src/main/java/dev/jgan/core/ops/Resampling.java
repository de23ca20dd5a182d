package dev.jgan.core.ops;

import dev.jgan.core.Tensor;

/** Changing the spatial size of images without learned weights. */
public final class Resampling {
    private Resampling() {
    }

    /**
     * torch.nn.functional.interpolate(x, scale_factor=scale, mode="nearest") for an integer
     * scale: every pixel of [N, C, H, W] becomes a scale x scale block of [N, C, H*scale, W*scale].
     * Built from views (unsqueeze, expand) and one reshape, so the gradient sums each block.
     */
    public static Tensor upsampleNearest2d(Tensor x, int scale) {
        String op = "upsample_nearest2d";
        ShapeChecks.rank(op, "input", x, "[N, C, H, W]", 4);
        if (scale < 1) {
            throw new IllegalArgumentException(op + ": scale must be >= 1, got " + scale);
        }
        int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        return x.reshape(n, c, h, 1, w, 1).expand(n, c, h, scale, w, scale).reshape(n, c, h * scale, w * scale);
    }
}

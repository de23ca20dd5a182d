package dev.jgan.nn;

/** Batch normalization over [N, C, H, W] inputs; see {@link BatchNorm}. */
public final class BatchNorm2d extends BatchNorm {
    public BatchNorm2d(int features) {
        this(features, DEFAULT_EPS, DEFAULT_MOMENTUM, true);
    }

    public BatchNorm2d(int features, double eps, double momentum, boolean affine) {
        super(features, eps, momentum, affine, 4);
    }
}

package dev.jgan.nn;

/** Batch normalization over [N, C] inputs; see {@link BatchNorm}. */
public final class BatchNorm1d extends BatchNorm {
    public BatchNorm1d(int features) {
        this(features, DEFAULT_EPS, DEFAULT_MOMENTUM, true);
    }

    public BatchNorm1d(int features, double eps, double momentum, boolean affine) {
        super(features, eps, momentum, affine, 2);
    }
}

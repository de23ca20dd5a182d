package dev.jgan.nn;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Normalization;

/**
 * Batch normalization (Ioffe and Szegedy 2015) with PyTorch's semantics: in training, normalize
 * with the batch's mean and biased variance and move the running statistics by
 * {@code momentum} (running variance from the unbiased batch variance); in eval, use the
 * running statistics. {@link BatchNorm1d} takes [N, C], {@link BatchNorm2d} [N, C, H, W].
 */
public abstract sealed class BatchNorm extends Module implements NormalizationLayer permits BatchNorm1d, BatchNorm2d {
    /** PyTorch's defaults. */
    public static final double DEFAULT_EPS = 1e-5;
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final int features;
    private final double eps;
    private final double momentum;
    private final int rank;
    private final Parameter weight;
    private final Parameter bias;
    private final Buffer runningMean;
    private final Buffer runningVar;

    BatchNorm(int features, double eps, double momentum, boolean affine, int rank) {
        if (features <= 0 || !(eps > 0) || !(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": needs features > 0, eps > 0 and"
                    + " momentum in [0, 1], got " + features + ", " + eps + ", " + momentum);
        }
        this.features = features;
        this.eps = eps;
        this.momentum = momentum;
        this.rank = rank;
        this.weight = affine ? registerParameter("weight", Tensor.ones(features)) : null;
        this.bias = affine ? registerParameter("bias", Tensor.zeros(features)) : null;
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(features));
        this.runningVar = registerBuffer("running_var", Tensor.ones(features));
    }

    @Override
    public Tensor forward(Tensor input) {
        if (input.dim() != rank || input.size(1) != features) {
            throw new IllegalArgumentException(getClass().getSimpleName() + "(" + features + "): input of shape "
                    + Shape.format(input.shape()) + " must be " + (rank == 2 ? "[N, " + features + "]"
                    : "[N, " + features + ", H, W]"));
        }
        return Normalization.batchNorm(input, runningMean.get(), runningVar.get(), weight(), bias(), isTraining(),
                momentum, eps);
    }

    @Override
    public Tensor weight() {
        return weight == null ? null : weight.get();
    }

    @Override
    public Tensor bias() {
        return bias == null ? null : bias.get();
    }

    public Tensor runningMean() {
        return runningMean.get();
    }

    public Tensor runningVar() {
        return runningVar.get();
    }

    public double eps() {
        return eps;
    }

    @Override
    protected String extraRepr() {
        return features + ", eps=" + eps + ", momentum=" + momentum + (weight == null ? ", affine=false" : "");
    }
}

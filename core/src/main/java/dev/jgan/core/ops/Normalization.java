package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;

/**
 * Batch normalization. Evaluation mode is composed from pointwise ops; training mode is one node
 * ({@link BatchNormTraining}) that computes what the composition of mean, var and pointwise ops
 * computes, forward and backward, bit for bit, with fused kernels where the backend has them.
 */
public final class Normalization {
    private Normalization() {
    }

    /**
     * torch.nn.functional.batch_norm, with PyTorch's semantics exactly.
     *
     * <p>Training: each channel is normalized with the mean and the biased (population) variance
     * of the batch, over N (and H, W), and the running statistics, if given, are updated in
     * place as running = (1 - momentum) running + momentum batch, using the unbiased variance for
     * {@code runningVar}. Evaluation: the running statistics are used and left unchanged.
     *
     * @param x           [N, C] or [N, C, H, W]
     * @param runningMean [C] or null; updated in place when training
     * @param runningVar  [C] or null (both or neither); updated in place when training
     * @param weight      per-channel scale [C], or null for 1
     * @param bias        per-channel shift [C], or null for 0
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        String op = "batch_norm";
        ShapeChecks.rank(op, "input", x, "[N, C] or [N, C, H, W]", 2, 4);
        int c = x.size(1);
        ShapeChecks.perChannel(op, "runningMean", runningMean, c, x);
        ShapeChecks.perChannel(op, "runningVar", runningVar, c, x);
        ShapeChecks.perChannel(op, "weight", weight, c, x);
        ShapeChecks.perChannel(op, "bias", bias, c, x);
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException(op + ": pass both runningMean and runningVar or neither");
        }
        if (training) {
            if (x.numel() / c < 2) {
                throw new IllegalArgumentException(op + ": expected more than 1 value per channel when training, got "
                        + "input " + Shape.format(x.shape()));
            }
            return BatchNormTraining.apply(x, runningMean, runningVar, weight, bias, momentum, eps);
        }
        if (runningMean == null) {
            throw new IllegalArgumentException(op + ": evaluation needs runningMean and runningVar; without"
                    + " running statistics normalize with batch statistics (training = true)");
        }
        int[] channelShape = x.dim() == 2 ? new int[]{1, c} : new int[]{1, c, 1, 1};
        Tensor out = x.sub(runningMean.reshape(channelShape)).div(runningVar.reshape(channelShape).add(eps).sqrt());
        if (weight != null) {
            out = out.mul(weight.reshape(channelShape));
        }
        if (bias != null) {
            out = out.add(bias.reshape(channelShape));
        }
        return out;
    }

    /** Moves the running statistics towards the batch's (no graph); the variance with Bessel's correction. */
    static void updateRunning(Tensor runningMean, Tensor runningVar, Tensor mean, Tensor biasedVar, int count,
                              double momentum) {
        try (GradMode.Scope scope = GradMode.noGrad()) {
            int c = runningMean.size(0);
            // The running variance estimates the population's, hence Bessel's correction n / (n - 1).
            Tensor unbiased = biasedVar.reshape(c).mul((double) count / (count - 1));
            runningMean.mul_(1.0 - momentum).add_(mean.reshape(c), momentum);
            runningVar.mul_(1.0 - momentum).add_(unbiased, momentum);
        }
    }
}

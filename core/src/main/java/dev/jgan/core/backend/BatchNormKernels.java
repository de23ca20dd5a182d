package dev.jgan.core.backend;

/**
 * An optional capability of a {@link Backend}: the passes over a whole batch that batch norm's
 * training mode makes, each fused into one kernel.
 *
 * <p>Written as tensor ops (see {@code Normalization.batchNorm}), a batch norm's forward and
 * backward are about forty kernels over the whole batch, each reading and writing every element;
 * for a DCGAN 64x64 step that was 8 % of its time. These kernels do the same arithmetic in
 * the same order as those tensor ops on this backend (each elementwise operation rounded to
 * float32 in turn, and each per-channel sum in the order of {@link Backend#reduce}'s), so they
 * return the same bits; they only skip writing the intermediate tensors.
 *
 * <p>x and g are [N, C] or [N, C, H, W]; a channel is dim 1 and its sum runs over every other
 * dim. mean, std, stdSquared, weight, bias and the per-channel scales are float32 [C] vectors,
 * and so is every {@code out} of a sum. Each method returns false, with nothing written, where
 * this backend has no such kernel for these operands; the caller then uses the tensor ops.
 */
public interface BatchNormKernels {

    /** out[c] = sum over channel c of (x - mean[c]) * (x - mean[c]): {@code x.sub(mean)}, squared, summed. */
    boolean trySquaredDeviationSums(Operand x, Operand mean, Operand out);

    /**
     * out = ((x - mean[c]) / std[c]) * weight[c] + bias[c], each step rounded; a null weight or
     * bias leaves its step out.
     */
    boolean tryNormalize(Operand x, Operand mean, Operand std, Operand weight, Operand bias, Operand out);

    /**
     * The per-channel sums of the backward's first pass, with gw = g * weight[c] (g without a
     * weight) and centered = x - mean[c]:
     * <pre>
     * sumG           = sum of g                                      (the bias's gradient)
     * sumGNormalized = sum of g * (centered / std)                   (the weight's gradient)
     * sumStd         = sum of -((gw * centered) / stdSquared)        (the std's gradient)
     * sumMean        = sum of -(gw / std)                            (the mean's, through x - mean)
     * </pre>
     * A null output is not computed.
     */
    boolean tryGradientSums(Operand g, Operand x, Operand mean, Operand std, Operand stdSquared, Operand weight,
                            Operand sumG, Operand sumGNormalized, Operand sumStd, Operand sumMean);

    /**
     * out[c] = sum over channel c of -(t + t) with t = varianceScale[c] * (x - mean[c]): the
     * mean's gradient through the variance, whose square's two factors each send t.
     */
    boolean tryVarianceMeanSums(Operand x, Operand mean, Operand varianceScale, Operand out);

    /**
     * The input's gradient, with gw and centered as in {@link #tryGradientSums} and t as in
     * {@link #tryVarianceMeanSums}: out = ((gw / std[c] + throughMean[c]) + (t + t)) +
     * throughVarianceMean[c], the four paths from x to the output added in the order autograd
     * adds them.
     */
    boolean tryInputGradient(Operand g, Operand x, Operand mean, Operand std, Operand weight, Operand varianceScale,
                             Operand throughMean, Operand throughVarianceMean, Operand out);
}

package dev.jgan.core.ops;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.backend.BatchNormKernels;

import java.util.ArrayList;
import java.util.List;

/**
 * Batch norm in training mode as one autograd node, computing what the composition
 * <pre>
 * mean = x.mean(dims, true)
 * var = x.var(dims, 0, true)            (its own mean, centered = x - mean, squared, summed, / count)
 * out = x.sub(mean).div(var.add(eps).sqrt()).mul(weight).add(bias)
 * </pre>
 * computes, forward and backward, with its bits.
 *
 * <p>Why one node: as a composition the forward makes about fifteen passes over the batch and
 * autograd's backward about twenty-five more, each writing a tensor of the batch's size. The
 * node's forward and backward are written as the same tensor ops in the same order, less the
 * repeats of equal values (so they give the composition's values on every backend, and a
 * backward that builds a graph, for a second derivative, records the ops the composition's
 * backward would record), and a backend with
 * {@link BatchNormKernels} (the CPU) runs the passes over the batch as five fused kernels with
 * the same bits. {@code BatchNormFusionTest} holds the two to the composition bit for bit.
 */
final class BatchNormTraining {
    private final Tensor x;
    private final Tensor weight;
    private final Tensor bias;
    private final double eps;
    private final int[] dims;
    /** [1, C] or [1, C, 1, 1]: a per-channel value as it broadcasts against x. */
    private final int[] channelShape;
    private final int count;
    /** The batch statistics (no graph): mean and sqrt(var + eps), in channelShape. */
    private Tensor mean;
    private Tensor std;

    private BatchNormTraining(Tensor x, Tensor weight, Tensor bias, double eps) {
        this.x = x;
        this.weight = weight;
        this.bias = bias;
        this.eps = eps;
        this.dims = x.dim() == 2 ? new int[]{0} : new int[]{0, 2, 3};
        this.channelShape = x.dim() == 2 ? new int[]{1, x.size(1)} : new int[]{1, x.size(1), 1, 1};
        this.count = x.numel() / x.size(1);
    }

    /** The normalized batch; the running statistics, if given, move towards the batch's. */
    static Tensor apply(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                        double momentum, double eps) {
        BatchNormTraining node = new BatchNormTraining(x, weight, bias, eps);
        Tensor out;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            out = node.forward(runningMean, runningVar, momentum);
        }
        List<Tensor> inputs = new ArrayList<>(List.of(x));
        if (weight != null) {
            inputs.add(weight);
        }
        if (bias != null) {
            inputs.add(bias);
        }
        return Autograd.record(Op.BATCH_NORM, out, node::backward, inputs.toArray(new Tensor[0]));
    }

    private Tensor forward(Tensor runningMean, Tensor runningVar, double momentum) {
        mean = x.mean(dims, true);
        Tensor var = squaredDeviationSums().div(count);
        std = var.add(eps).sqrt();
        if (runningMean != null) {
            Normalization.updateRunning(runningMean, runningVar, mean, var, count, momentum);
        }
        BatchNormKernels kernels = kernels(x);
        if (kernels != null) {
            Tensor out = Tensor.empty(x.backend(), x.dtype(), x.shape());
            if (kernels.tryNormalize(x.operand(), mean.operand(), std.operand(), operand(weight), operand(bias),
                    out.operand())) {
                return out;
            }
        }
        Tensor out = x.sub(mean).div(std);
        if (weight != null) {
            out = out.mul(weight.reshape(channelShape));
        }
        return bias == null ? out : out.add(bias.reshape(channelShape));
    }

    /** Sum over each channel of (x - mean)^2, in channelShape. */
    private Tensor squaredDeviationSums() {
        BatchNormKernels kernels = kernels(x);
        if (kernels != null) {
            Tensor sums = perChannel();
            if (kernels.trySquaredDeviationSums(x.operand(), mean.operand(), sums.operand())) {
                return sums;
            }
        }
        Tensor centered = x.sub(mean);
        return centered.mul(centered).sum(dims, true);
    }

    /** The gradients of x, weight and bias that need one (nulls elsewhere), in the node's input order. */
    private Tensor[] backward(Tensor g) {
        Tensor[] grads = null;
        BatchNormKernels kernels = kernels(x);
        // Building a graph of the gradient needs tensor ops; so do backends without the kernels.
        if (kernels != null && !GradMode.isEnabled()) {
            grads = fusedGradients(kernels, g);
        }
        if (grads == null) {
            grads = tensorOpGradients(g);
        }
        // The node's inputs are x, then the weight and the bias where given; each gradient is null
        // where its input wants none.
        List<Tensor> forInputs = new ArrayList<>();
        forInputs.add(grads[0]);
        if (weight != null) {
            forInputs.add(grads[1]);
        }
        if (bias != null) {
            forInputs.add(grads[2]);
        }
        return forInputs.toArray(new Tensor[0]);
    }

    /**
     * The composition's backward as tensor ops: each node's backward in the order autograd runs
     * them, adding x's four contributions in the order they arrive. Its forward values come from
     * the forward pass, or, when the gradient is to have a graph, from the composition's forward
     * run again with grad on, so that the graph reaches x through them as the composition's does.
     * Returns {x, weight, bias} gradients.
     */
    private Tensor[] tensorOpGradients(Tensor g) {
        boolean graph = GradMode.isEnabled();
        // The composition takes the mean twice (once inside var) and x - mean twice: equal values.
        Tensor mean1 = graph ? x.mean(dims, true) : mean;
        Tensor mean2 = graph ? x.mean(dims, true) : mean;
        Tensor centered2 = x.sub(mean2);
        Tensor sd = graph ? centered2.mul(centered2).sum(dims, true).div(count).add(eps).sqrt() : std;
        Tensor centered = graph ? x.sub(mean1) : centered2;
        Tensor normalized = centered.div(sd);
        Tensor[] grads = new Tensor[3];
        if (bias != null && bias.requiresGrad()) {
            grads[2] = Reductions.sumTo(g, channelShape).reshape(bias.shape());
        }
        if (weight != null && weight.requiresGrad()) {
            grads[1] = Reductions.sumTo(g.mul(normalized), channelShape).reshape(weight.shape());
        }
        if (!x.requiresGrad()) {
            return grads;
        }
        Tensor gNormalized = weight == null ? g : g.mul(weight.reshape(channelShape));
        Tensor gCentered = gNormalized.div(sd);
        Tensor gSd = Reductions.sumTo(gNormalized.mul(centered).div(sd.mul(sd)).neg(), channelShape);
        Tensor gMean1 = Reductions.sumTo(gCentered.neg(), channelShape);
        Tensor gVar = gSd.div(sd.mul(2.0));
        Tensor gSquares = gVar.div(count).reshape(channelShape).expand(x.shape());
        Tensor gCentered2 = gSquares.mul(centered2).add(gSquares.mul(centered2));
        Tensor gMean2 = Reductions.sumTo(gCentered2.neg(), channelShape);
        grads[0] = gCentered.add(throughMean(gMean1)).add(gCentered2).add(throughMean(gMean2));
        return grads;
    }

    /** A mean's backward: its gradient spread over the channel, / count. */
    private Tensor throughMean(Tensor gMean) {
        return gMean.reshape(channelShape).expand(x.shape()).div(count);
    }

    /** The same gradients from the fused kernels, or null where one declines. */
    private Tensor[] fusedGradients(BatchNormKernels kernels, Tensor g) {
        boolean wantX = x.requiresGrad();
        Tensor sumG = bias != null && bias.requiresGrad() ? perChannel() : null;
        Tensor sumGNormalized = weight != null && weight.requiresGrad() ? perChannel() : null;
        Tensor sumSd = wantX ? perChannel() : null;
        Tensor sumMean = wantX ? perChannel() : null;
        if (!kernels.tryGradientSums(g.operand(), x.operand(), mean.operand(), std.operand(), std.mul(std).operand(),
                operand(weight), operand(sumG), operand(sumGNormalized), operand(sumSd), operand(sumMean))) {
            return null;
        }
        Tensor[] grads = new Tensor[3];
        grads[2] = sumG == null ? null : sumG.reshape(bias.shape());
        grads[1] = sumGNormalized == null ? null : sumGNormalized.reshape(weight.shape());
        if (!wantX) {
            return grads;
        }
        // The per-channel steps between the passes, as the tensor ops above take them.
        Tensor varianceScale = sumSd.div(std.mul(2.0)).div(count);
        Tensor sumVarianceMean = perChannel();
        Tensor gx = Tensor.empty(x.backend(), x.dtype(), x.shape());
        if (!kernels.tryVarianceMeanSums(x.operand(), mean.operand(), varianceScale.operand(), sumVarianceMean.operand())
                || !kernels.tryInputGradient(g.operand(), x.operand(), mean.operand(), std.operand(), operand(weight),
                varianceScale.operand(), sumMean.div(count).operand(), sumVarianceMean.div(count).operand(),
                gx.operand())) {
            return null;
        }
        grads[0] = gx;
        return grads;
    }

    private Tensor perChannel() {
        return Tensor.empty(x.backend(), x.dtype(), channelShape);
    }

    /** The backend's fused kernels for a float32 batch, or null. */
    private static BatchNormKernels kernels(Tensor x) {
        return x.dtype() == DType.FLOAT32 && x.backend() instanceof BatchNormKernels k ? k : null;
    }

    private static dev.jgan.core.backend.Operand operand(Tensor t) {
        return t == null ? null : t.operand();
    }
}

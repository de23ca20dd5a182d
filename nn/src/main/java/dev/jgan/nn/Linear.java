package dev.jgan.nn;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.init.FanMode;
import dev.jgan.nn.init.Init;
import dev.jgan.nn.init.Nonlinearity;

/**
 * y = x W^T + b for inputs of shape [*, inFeatures]. Weight [outFeatures, inFeatures], bias
 * [outFeatures], initialized as PyTorch does, drawing the weight first and then the bias.
 */
public final class Linear extends Module implements WeightedLayer {
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    public Linear(int inFeatures, int outFeatures, Generator gen) {
        this(inFeatures, outFeatures, true, gen);
    }

    public Linear(int inFeatures, int outFeatures, boolean bias, Generator gen) {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: inFeatures and outFeatures must be positive, got "
                    + inFeatures + " and " + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight", Tensor.zeros(outFeatures, inFeatures));
        this.bias = bias ? registerParameter("bias", Tensor.zeros(outFeatures)) : null;
        resetParameters(gen);
    }

    /**
     * PyTorch's default: kaiming_uniform(a = sqrt(5)), i.e. U(-1/sqrt(fanIn), 1/sqrt(fanIn)), for
     * the weight, and the same bound for the bias. Kept for compatibility; DCGAN overrides it.
     */
    public void resetParameters(Generator gen) {
        Init.kaimingUniform_(weight.get(), Math.sqrt(5), FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, gen);
        if (bias != null) {
            double bound = 1.0 / Math.sqrt(Init.fanIn(weight.get()));
            Init.uniform_(bias.get(), -bound, bound, gen);
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        return forwardWith(input, weight.get());
    }

    @Override
    public Tensor forwardWith(Tensor input, Tensor weight) {
        WeightedLayer.requireWeightShape("Linear(" + extraRepr() + ")", this.weight.get(), weight);
        if (input.dim() == 0 || input.size(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear(" + extraRepr() + "): input of shape " + Shape.format(input.shape())
                    + " must have " + inFeatures + " features in its last dim");
        }
        Tensor y = input.matmul(weight.t());
        return bias == null ? y : y.add(bias.get());
    }

    @Override
    public Tensor weight() {
        return weight.get();
    }

    @Override
    public Tensor bias() {
        return bias == null ? null : bias.get();
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected String extraRepr() {
        return "inFeatures=" + inFeatures + ", outFeatures=" + outFeatures + ", bias=" + (bias != null);
    }
}

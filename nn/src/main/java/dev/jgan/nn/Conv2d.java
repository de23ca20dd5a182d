package dev.jgan.nn;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.ops.ConvGeometry;
import dev.jgan.core.ops.Convolution;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.init.FanMode;
import dev.jgan.nn.init.Init;
import dev.jgan.nn.init.Nonlinearity;

/**
 * 2-D convolution over [N, C, H, W], as torch.nn.Conv2d: weight [OC, C/groups, kh, kw], bias
 * [OC]. The op itself is {@link Convolution#conv2d} (im2col + matmul).
 */
public final class Conv2d extends Module implements WeightedLayer {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private final int[] stride;
    private final int[] padding;
    private final int[] dilation;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    /** Square kernel, stride and padding; dilation 1, one group, with bias. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, Generator gen) {
        this(inChannels, outChannels, new int[]{kernel}, new int[]{stride}, new int[]{padding}, new int[]{1}, 1, true, gen);
    }

    /** Each spatial argument is one value for both dims or {height, width}. */
    public Conv2d(int inChannels, int outChannels, int[] kernel, int[] stride, int[] padding, int[] dilation,
                  int groups, boolean bias, Generator gen) {
        String op = "Conv2d";
        if (inChannels <= 0 || outChannels <= 0 || groups <= 0 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(op + ": channels " + inChannels + " -> " + outChannels
                    + " must be positive and divisible by groups " + groups);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = ConvGeometry.pair(op, "kernel", kernel);
        this.stride = ConvGeometry.pair(op, "stride", stride);
        this.padding = ConvGeometry.pair(op, "padding", padding);
        this.dilation = ConvGeometry.pair(op, "dilation", dilation);
        this.groups = groups;
        this.weight = registerParameter("weight", Tensor.zeros(outChannels, inChannels / groups, this.kernel[0], this.kernel[1]));
        this.bias = bias ? registerParameter("bias", Tensor.zeros(outChannels)) : null;
        resetParameters(gen);
    }

    /** PyTorch's default: kaiming_uniform(a = sqrt(5)) weight, bias U(+-1/sqrt(fanIn)). */
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
        WeightedLayer.requireWeightShape("Conv2d(" + extraRepr() + ")", this.weight.get(), weight);
        if (input.dim() != 4 || input.size(1) != inChannels) {
            throw new IllegalArgumentException("Conv2d(" + extraRepr() + "): input of shape " + Shape.format(input.shape())
                    + " must be [N, " + inChannels + ", H, W]");
        }
        return Convolution.conv2d(input, weight, bias(), stride, padding, dilation, groups);
    }

    @Override
    public Tensor weight() {
        return weight.get();
    }

    @Override
    public Tensor bias() {
        return bias == null ? null : bias.get();
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel=" + Shape.format(kernel) + ", stride=" + Shape.format(stride)
                + ", padding=" + Shape.format(padding) + (groups != 1 ? ", groups=" + groups : "")
                + (bias == null ? ", bias=false" : "");
    }
}

package dev.jgan.nn.init;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Module;
import dev.jgan.nn.NormalizationLayer;
import dev.jgan.nn.WeightedLayer;

import java.util.function.Consumer;

/**
 * Weight initialization, as {@code torch.nn.init}: each function overwrites a tensor in place
 * (outside the graph) and returns it. Random ones draw from an explicit {@link Generator}, so a
 * seed fixes every initial weight on every backend.
 */
public final class Init {
    /** PyTorch's default negative slope for leaky_relu in calculate_gain. */
    private static final double DEFAULT_LEAKY_SLOPE = 0.01;
    /** The standard deviation of every DCGAN weight (Radford et al. 2015, section 4). */
    private static final double DCGAN_STD = 0.02;

    private Init() {
    }

    public static Tensor uniform_(Tensor t, double low, double high, Generator gen) {
        return overwrite(t, Tensor.uniform(t.backend(), gen, t.dtype(), low, high, t.shape()));
    }

    public static Tensor normal_(Tensor t, double mean, double std, Generator gen) {
        return overwrite(t, Tensor.normal(t.backend(), gen, t.dtype(), mean, std, t.shape()));
    }

    public static Tensor constant_(Tensor t, double value) {
        try (GradMode.Scope scope = GradMode.noGrad()) {
            return t.fill_(value);
        }
    }

    public static Tensor zeros_(Tensor t) {
        return constant_(t, 0.0);
    }

    public static Tensor ones_(Tensor t) {
        return constant_(t, 1.0);
    }

    private static Tensor overwrite(Tensor t, Tensor values) {
        try (GradMode.Scope scope = GradMode.noGrad()) {
            return t.copy_(values);
        }
    }

    // ======================= fans and gains =======================

    /**
     * Inputs feeding each output unit: size(1) times the receptive field (the product of the dims
     * after the first two). For a [out, in] linear weight that is {@code in}; for a conv weight
     * [out, in, kH, kW] it is {@code in * kH * kW}. (For a transposed conv, whose weight is
     * [in, out, kH, kW], PyTorch's formula gives out * kH * kW; we keep its convention.)
     */
    public static int fanIn(Tensor t) {
        // receptiveField first: it checks the rank and says why fans need two dims.
        return receptiveField("fanIn", t) * t.size(1);
    }

    /** Outputs each input unit feeds: size(0) times the receptive field. */
    public static int fanOut(Tensor t) {
        return receptiveField("fanOut", t) * t.size(0);
    }

    private static int receptiveField(String op, Tensor t) {
        int[] shape = t.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException(op + ": fans need a tensor of at least 2 dims, got shape "
                    + Shape.format(shape));
        }
        int field = 1;
        for (int d = 2; d < shape.length; d++) {
            field *= shape[d];
        }
        return field;
    }

    private static int fan(Tensor t, FanMode mode) {
        return mode == FanMode.FAN_IN ? fanIn(t) : fanOut(t);
    }

    /** The recommended gain for {@code nonlinearity}, with the leaky slope defaulting to 0.01. */
    public static double calculateGain(Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, DEFAULT_LEAKY_SLOPE);
    }

    /**
     * The factor that keeps activations' variance steady through {@code nonlinearity}, as
     * torch.nn.init.calculate_gain; {@code negativeSlope} is used only for LEAKY_RELU.
     */
    public static double calculateGain(Nonlinearity nonlinearity, double negativeSlope) {
        return switch (nonlinearity) {
            case LINEAR, CONV1D, CONV2D, CONV3D, CONV_TRANSPOSE1D, CONV_TRANSPOSE2D, CONV_TRANSPOSE3D, SIGMOID -> 1.0;
            case TANH -> 5.0 / 3.0;
            case RELU -> Math.sqrt(2.0);
            case LEAKY_RELU -> Math.sqrt(2.0 / (1.0 + negativeSlope * negativeSlope));
            case SELU -> 3.0 / 4.0;
        };
    }

    // ======================= Xavier (Glorot) and Kaiming (He) =======================

    /** U(-a, a) with a = gain * sqrt(6 / (fanIn + fanOut)) (Glorot and Bengio 2010). */
    public static Tensor xavierUniform_(Tensor t, double gain, Generator gen) {
        double bound = Math.sqrt(3.0) * xavierStd(t, gain);
        return uniform_(t, -bound, bound, gen);
    }

    /** N(0, std^2) with std = gain * sqrt(2 / (fanIn + fanOut)). */
    public static Tensor xavierNormal_(Tensor t, double gain, Generator gen) {
        return normal_(t, 0.0, xavierStd(t, gain), gen);
    }

    private static double xavierStd(Tensor t, double gain) {
        return gain * Math.sqrt(2.0 / positive("xavier", "fanIn + fanOut", t, fanIn(t) + fanOut(t)));
    }

    /**
     * U(-bound, bound) with bound = gain * sqrt(3 / fan) (He et al. 2015); {@code a} is the
     * negative slope used in the gain when {@code nonlinearity} is LEAKY_RELU.
     */
    public static Tensor kaimingUniform_(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity, Generator gen) {
        double bound = Math.sqrt(3.0) * kaimingStd(t, a, mode, nonlinearity);
        return uniform_(t, -bound, bound, gen);
    }

    /** N(0, std^2) with std = gain / sqrt(fan). */
    public static Tensor kaimingNormal_(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity, Generator gen) {
        return normal_(t, 0.0, kaimingStd(t, a, mode, nonlinearity), gen);
    }

    private static double kaimingStd(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity) {
        return calculateGain(nonlinearity, a) / Math.sqrt(positive("kaiming", mode.toString(), t, fan(t, mode)));
    }

    /** A zero fan (a tensor with no elements) would make the scale infinite: refuse it by name. */
    private static int positive(String op, String what, Tensor t, int fan) {
        if (fan == 0) {
            throw new IllegalArgumentException(op + ": " + what + " of a tensor of shape " + Shape.format(t.shape())
                    + " is 0, so the scale of its values is undefined");
        }
        return fan;
    }

    // ======================= DCGAN =======================

    /**
     * The DCGAN initialization, for {@code model.apply(Init.dcgan(gen))}: weights of linear and
     * convolution layers from N(0, 0.02), normalization scales from N(1, 0.02), every bias 0.
     */
    public static Consumer<Module> dcgan(Generator gen) {
        return module -> {
            if (module instanceof NormalizationLayer norm) {
                if (norm.weight() != null) {
                    normal_(norm.weight(), 1.0, DCGAN_STD, gen);
                }
                if (norm.bias() != null) {
                    zeros_(norm.bias());
                }
            } else if (module instanceof WeightedLayer layer) {
                normal_(layer.weight(), 0.0, DCGAN_STD, gen);
                if (layer.bias() != null) {
                    zeros_(layer.bias());
                }
            }
        };
    }
}

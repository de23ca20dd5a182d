package dev.jgan.gan.toy1d;

import dev.jgan.core.Tensor;
import dev.jgan.nn.Buffer;
import dev.jgan.nn.Module;

import java.util.Locale;

/**
 * Feeds a network (x - mean) / std instead of x, with mean and std fixed (buffers, not learned).
 *
 * <p>Why the 1-D discriminator needs it: a freshly initialized ReLU network bends only where its
 * units switch on, and with weights and biases of order 1 those kinks sit within a unit or two of
 * the origin. Data around x = 4 lands where such a network is almost a straight line, so it can
 * tell "too far left" from "too far right" but not "too wide" from "too narrow", and the
 * generator's spread drifts. Standardizing moves the data to where the kinks are. It does not
 * change what D can express (a first linear layer absorbs any affine map of its input), only
 * how quickly gradient descent gets there.
 */
public final class StandardizedInput extends Module {
    private final Module net;
    private final Buffer mean;
    private final Buffer std;

    public StandardizedInput(Module net, double mean, double std) {
        if (!Double.isFinite(mean) || !(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("StandardizedInput: needs a finite mean and a finite std > 0, got mean "
                    + mean + ", std " + std);
        }
        this.net = registerModule("net", net);
        this.mean = registerBuffer("mean", Tensor.fromArray(new float[]{(float) mean}, 1));
        this.std = registerBuffer("std", Tensor.fromArray(new float[]{(float) std}, 1));
    }

    @Override
    public Tensor forward(Tensor input) {
        return net.forward(input.sub(mean.get()).div(std.get()));
    }

    @Override
    protected String extraRepr() {
        return String.format(Locale.ROOT, "mean=%.4f, std=%.4f", mean.get().item(), std.get().item());
    }
}

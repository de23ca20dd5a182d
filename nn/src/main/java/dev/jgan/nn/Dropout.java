package dev.jgan.nn;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;

/**
 * Inverted dropout: in training, zero each element with probability p and scale the rest by
 * 1/(1-p); in eval, the identity. With {@code channels}, whole feature maps of [N, C, H, W]
 * are dropped together (torch.nn.Dropout2d). Masks come from the given seeded generator.
 */
public final class Dropout extends Module {
    private final double p;
    private final boolean channels;
    private final Generator gen;

    public Dropout(double p, Generator gen) {
        this(p, false, gen);
    }

    private Dropout(double p, boolean channels, Generator gen) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1], got " + p);
        }
        this.p = p;
        this.channels = channels;
        this.gen = gen;
    }

    /** torch.nn.Dropout2d: drops whole channels of [N, C, H, W]. */
    public static Dropout channels(double p, Generator gen) {
        return new Dropout(p, true, gen);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (!isTraining()) {
            return input;
        }
        return channels ? dev.jgan.core.ops.Dropout.dropout2d(input, p, gen) : dev.jgan.core.ops.Dropout.dropout(input, p, gen);
    }

    @Override
    protected String extraRepr() {
        return "p=" + p + (channels ? ", channels" : "");
    }
}

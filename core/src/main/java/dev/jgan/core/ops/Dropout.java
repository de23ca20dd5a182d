package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;

/**
 * Inverted dropout: kept elements are scaled by 1/(1-p) at training time, so the expected
 * value of every element is unchanged and evaluation needs no rescaling. The mask is drawn
 * from the generator's Philox stream, so the same seed and offset give the same mask on every
 * backend. These functions always drop; a layer decides whether it is training.
 */
public final class Dropout {
    private Dropout() {
    }

    /** torch.nn.functional.dropout(x, p, training=True): each element zeroed with probability p. */
    public static Tensor dropout(Tensor x, double p, Generator gen) {
        return masked("dropout", x, p, gen, x.shape());
    }

    /**
     * torch.nn.functional.dropout2d(x, p, training=True) for [N, C, H, W]: whole channels are
     * zeroed with probability p, which suits convolutional features whose neighbouring pixels
     * are strongly correlated.
     */
    public static Tensor dropout2d(Tensor x, double p, Generator gen) {
        ShapeChecks.rank("dropout2d", "input", x, "[N, C, H, W]", 4);
        return masked("dropout2d", x, p, gen, new int[]{x.size(0), x.size(1), 1, 1});
    }

    private static Tensor masked(String op, Tensor x, double p, Generator gen, int[] maskShape) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(op + ": probability p must be in [0, 1], got " + p);
        }
        if (p == 0) {
            return x;
        }
        if (p == 1) {
            // Multiplying (rather than returning fresh zeros) keeps the graph: the gradient is 0.
            return x.mul(0.0);
        }
        if (gen == null) {
            throw new IllegalArgumentException(op + ": a Generator is needed to draw the mask for input "
                    + Shape.format(x.shape()));
        }
        Tensor u = Tensor.uniform(x.backend(), gen, x.dtype(), 0.0, 1.0, maskShape);
        Tensor keep = u.ge(p).mul(1.0 / (1.0 - p));
        return x.mul(keep);
    }
}

package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

/** Rank and per-channel checks shared by the image ops (convolution, pooling, normalization). */
final class ShapeChecks {
    private ShapeChecks() {
    }

    /** {@code t} must have one of the given ranks; {@code layout} names the expected dims. */
    static void rank(String op, String what, Tensor t, String layout, int... ranks) {
        for (int r : ranks) {
            if (t.dim() == r) {
                return;
            }
        }
        throw new IllegalArgumentException(op + ": " + what + " must be " + layout + ", got shape "
                + Shape.format(t.shape()));
    }

    /** An optional per-channel tensor must be 1-D of size {@code channels} and match {@code x}. */
    static void perChannel(String op, String what, Tensor t, int channels, Tensor x) {
        if (t == null) {
            return;
        }
        Checks.compatible(op, x, t);
        if (t.dim() != 1 || t.size(0) != channels) {
            throw new IllegalArgumentException(op + ": " + what + " must have shape [" + channels + "] (one value per "
                    + "channel), got " + Shape.format(t.shape()));
        }
    }
}

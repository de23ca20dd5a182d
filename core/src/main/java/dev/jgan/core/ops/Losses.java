package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.autograd.Op;

/**
 * The losses the engine needs at its core, with PyTorch's definitions. Each elementwise loss
 * is one graph node whose backward is the simplified closed form, then reduced by
 * {@link Reduction}.
 */
public final class Losses {
    /** How elementwise losses are combined, as PyTorch's {@code reduction=} argument. */
    public enum Reduction { NONE, MEAN, SUM }

    /** PyTorch clamps log terms of BCE at -100 so that a prediction of exactly 0 or 1 stays finite. */
    private static final double LOG_FLOOR = -100.0;
    /**
     * PyTorch's floor for p(1 - p) in BCE's gradient. PyTorch declares it a float, so its value is
     * 1e-12 rounded to float32 (9.9999999600e-13) in every dtype; the gradient at p = 0 or 1 matches
     * PyTorch's only with that same value.
     */
    private static final double EPSILON = 1e-12f;

    private Losses() {
    }

    /**
     * Binary cross-entropy of probabilities p against targets t:
     * -(t log p + (1 - t) log(1 - p)), each log clamped at -100 as in PyTorch.
     */
    public static Tensor binaryCrossEntropy(Tensor p, Tensor t, Reduction reduction) {
        Checks.compatible("binary_cross_entropy", p, t);
        Checks.sameShape("binary_cross_entropy", "target", p, t);
        Tensor loss;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            Tensor logP = p.log().clamp(LOG_FLOOR, Double.POSITIVE_INFINITY);
            Tensor log1mP = p.neg().add(1.0).log().clamp(LOG_FLOOR, Double.POSITIVE_INFINITY);
            loss = t.mul(logP).add(t.neg().add(1.0).mul(log1mP)).neg();
        }
        Autograd.record(Op.BCE, loss, g -> new Tensor[]{
                // d/dp = (p - t) / (p (1 - p)), the denominator floored as PyTorch does
                Pointwise.ifNeeded(p, () -> g.mul(p.sub(t)).div(p.mul(p.neg().add(1.0)).clamp(EPSILON, Double.POSITIVE_INFINITY))),
                // d/dt = log(1 - p) - log(p), with the same clamped logs as the forward
                Pointwise.ifNeeded(t, () -> g.mul(p.neg().add(1.0).log().clamp(LOG_FLOOR, Double.POSITIVE_INFINITY)
                        .sub(p.log().clamp(LOG_FLOOR, Double.POSITIVE_INFINITY))))}, p, t);
        return reduce(loss, reduction);
    }

    /**
     * Binary cross-entropy on logits x, computed stably as max(x, 0) - x t + log(1 + e^-|x|),
     * which never exponentiates a large positive number. Its gradient is sigmoid(x) - t.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor x, Tensor t, Reduction reduction) {
        Checks.compatible("binary_cross_entropy_with_logits", x, t);
        Checks.sameShape("binary_cross_entropy_with_logits", "target", x, t);
        Tensor loss;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            Tensor softplusOfMinusAbs = Pointwise.map(dev.jgan.core.backend.UnaryOp.LOG1P, x.abs().neg().exp(), 0, 0);
            loss = x.relu().sub(x.mul(t)).add(softplusOfMinusAbs);
        }
        Autograd.record(Op.BCE_WITH_LOGITS, loss, g -> new Tensor[]{
                Pointwise.ifNeeded(x, () -> g.mul(x.sigmoid().sub(t))),
                Pointwise.ifNeeded(t, () -> g.mul(x).neg())}, x, t);
        return reduce(loss, reduction);
    }

    /** Mean squared error: (a - b)^2, reduced. Composed of sub, mul and mean. */
    public static Tensor mse(Tensor a, Tensor b, Reduction reduction) {
        Checks.compatible("mse", a, b);
        Checks.sameShape("mse", "target", a, b);
        Tensor diff = a.sub(b);
        return reduce(diff.mul(diff), reduction);
    }

    static Tensor reduce(Tensor loss, Reduction reduction) {
        return switch (reduction) {
            case NONE -> loss;
            case MEAN -> loss.mean();
            case SUM -> loss.sum();
        };
    }
}

package dev.jgan.tutorials.autodiff;

/**
 * Exercise 2, solved: exp for the scalar engine of section 2, and cosh built from it.
 * {@code x.unary(result, slope)} records a one-input op: its value and its local derivative.
 */
public final class ValueExp {
    private ValueExp() {
    }

    /** e^x, with its backward: d e^x / dx = e^x, so the value is also the slope. */
    public static Value exp(Value x) {
        double e = Math.exp(x.data());
        return x.unary(e, e);
    }

    /**
     * cosh(x) = (e^x + e^-x) / 2, from {@link #exp}, {@code add} and {@code mul} only (no new
     * backward: the engine derives it, and x's gradient arrives along two paths).
     */
    public static Value cosh(Value x) {
        Value minusX = x.mul(new Value(-1));
        return exp(x).add(exp(minusX)).mul(new Value(0.5));
    }
}

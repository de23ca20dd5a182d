package dev.jgan.tutorials.autodiff;

/**
 * Exercise 2 (README, "Exercises"): exp for the scalar engine of section 2, and cosh built from it.
 * {@code x.unary(result, slope)} records a one-input op: its value and its local derivative.
 */
public final class ValueExp {
    private ValueExp() {
    }

    /** e^x, with its backward: d e^x / dx = e^x. */
    public static Value exp(Value x) {
        // TODO exercise 2: one call to x.unary(...).
        throw new UnsupportedOperationException("exercise 2: ValueExp.exp is not written yet");
    }

    /**
     * cosh(x) = (e^x + e^-x) / 2, from {@link #exp}, {@code add} and {@code mul} only (no new
     * backward: the engine derives it, and x's gradient arrives along two paths).
     */
    public static Value cosh(Value x) {
        // TODO exercise 2: compose it; a constant c is new Value(c).
        throw new UnsupportedOperationException("exercise 2: ValueExp.cosh is not written yet");
    }
}

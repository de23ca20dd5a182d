package dev.jgan.core.backend;

/**
 * Elementwise functions of one argument that a backend must provide. {@code p1} and {@code p2}
 * are the scalar parameters of the ops that have them (LEAKY_RELU's slope, CLAMP's bounds,
 * POW's exponent).
 */
public enum UnaryOp {
    NEG, EXP, LOG, LOG1P, SQRT, ABS, SIGN, TANH, SIGMOID, RELU,
    /** x > 0 ? x : p1 * x. */
    LEAKY_RELU,
    /** min(max(x, p1), p2). */
    CLAMP,
    /** x ^ p1. */
    POW
}

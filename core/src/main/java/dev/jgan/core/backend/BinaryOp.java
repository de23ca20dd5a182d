package dev.jgan.core.backend;

/**
 * Elementwise functions of two arguments. The comparisons return 1 for true and 0 for false
 * in the operands' dtype: the engine has no boolean dtype, and masks are multiplied anyway.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, GT, GE, LT, LE, EQ
}

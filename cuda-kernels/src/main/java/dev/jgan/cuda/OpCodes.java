package dev.jgan.cuda;

import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.backend.UnaryOp;

/**
 * The integer codes by which kernels know each op (the enums of elementwise.cu and
 * block_reduce.cuh). Mapped by name, not by ordinal, so that reordering a Java enum cannot
 * silently change which function runs; a new constant fails to compile here until it gets a code.
 */
final class OpCodes {
    private OpCodes() {
    }

    static int unary(UnaryOp op) {
        return switch (op) {
            case NEG -> 0;
            case EXP -> 1;
            case LOG -> 2;
            case LOG1P -> 3;
            case SQRT -> 4;
            case ABS -> 5;
            case SIGN -> 6;
            case TANH -> 7;
            case SIGMOID -> 8;
            case RELU -> 9;
            case LEAKY_RELU -> 10;
            case CLAMP -> 11;
            case POW -> 12;
        };
    }

    static int binary(BinaryOp op) {
        return switch (op) {
            case ADD -> 0;
            case SUB -> 1;
            case MUL -> 2;
            case DIV -> 3;
            case POW -> 4;
            case MAXIMUM -> 5;
            case MINIMUM -> 6;
            case GT -> 7;
            case GE -> 8;
            case LT -> 9;
            case LE -> 10;
            case EQ -> 11;
        };
    }

    static int reduce(ReduceOp op) {
        return switch (op) {
            case SUM -> 0;
            case MAX -> 1;
            case MIN -> 2;
        };
    }
}

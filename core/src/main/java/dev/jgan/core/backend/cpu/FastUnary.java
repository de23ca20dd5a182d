package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.UnaryOp;

/**
 * The float32 fast path of the unary kernels: one loop per op over plain arrays, the op chosen
 * once outside the loop, so that each loop body is a few float instructions that C2 can turn
 * into SIMD code (see {@link Staging} for why input and output share one index), and large
 * tensors split across the cores.
 *
 * <p>Arithmetic is in float where that gives the reference's result (negation, abs, sqrt, relu);
 * exp, log, sigmoid and pow go through {@code Math} in double and round once, as the reference
 * does. leakyRelu's slope and clamp's bounds are used as floats, so those two may differ from
 * the reference by one unit in the last place; tanh is a rational approximation good to 7.
 */
final class FastUnary {
    /** Relative cost of one element of exp, log, tanh, sigmoid, pow against one float add. */
    private static final long TRANSCENDENTAL_COST = 16;
    /** Beyond this |x| the rational tanh below is 1 to float precision; clamping keeps it there. */
    private static final float TANH_CLAMP = 7.90531110763549805f;

    private FastUnary() {
    }

    /** out = op(x); false (nothing done) unless both are float32. */
    static boolean tryRun(UnaryOp op, Tensor x, Tensor out, double p1, double p2) {
        if (!(x.storage() instanceof CpuStorage.Floats) || !(out.storage() instanceof CpuStorage.Floats)) {
            return false;
        }
        DenseOperand in = DenseOperand.contiguous(x);
        Destination dst = Destination.of(out);
        float[] xs = in.data();
        float[] os = dst.data();
        int xo = in.offset();
        int oo = dst.offset();
        Parallel.forRange(out.numel(), cost(op), (start, end) -> {
            if (xo == oo) {
                apply(op, xs, os, oo + start, oo + end, p1, p2);
                return;
            }
            float[] piece = new float[Math.min(Staging.PIECE, end - start)];
            for (int p = start; p < end; p += piece.length) {
                int n = Math.min(piece.length, end - p);
                System.arraycopy(xs, xo + p, piece, 0, n);
                apply(op, piece, piece, 0, n, p1, p2);
                System.arraycopy(piece, 0, os, oo + p, n);
            }
        });
        dst.finish();
        return true;
    }

    private static long cost(UnaryOp op) {
        return switch (op) {
            case EXP, LOG, LOG1P, SIGMOID, POW -> TRANSCENDENTAL_COST;
            default -> 1;
        };
    }

    /** o[i] = op(x[i]) for i in [from, to). */
    private static void apply(UnaryOp op, float[] x, float[] o, int from, int to, double p1, double p2) {
        switch (op) {
            case NEG -> neg(x, o, from, to);
            case EXP -> exp(x, o, from, to);
            case LOG -> log(x, o, from, to);
            case LOG1P -> log1p(x, o, from, to);
            case SQRT -> sqrt(x, o, from, to);
            case ABS -> abs(x, o, from, to);
            case SIGN -> sign(x, o, from, to);
            case TANH -> tanh(x, o, from, to);
            case SIGMOID -> sigmoid(x, o, from, to);
            case RELU -> relu(x, o, from, to);
            case LEAKY_RELU -> leakyRelu(x, o, from, to, (float) p1);
            case CLAMP -> clamp(x, o, from, to, (float) p1, (float) p2);
            case POW -> pow(x, o, from, to, p1);
        }
    }

    private static void neg(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = -x[i];
        }
    }

    private static void exp(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = (float) Math.exp(x[i]);
        }
    }

    private static void log(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = (float) Math.log(x[i]);
        }
    }

    private static void log1p(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = (float) Math.log1p(x[i]);
        }
    }

    private static void sqrt(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = (float) Math.sqrt(x[i]);
        }
    }

    private static void abs(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = Math.abs(x[i]);
        }
    }

    private static void sign(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = Math.signum(x[i]);
        }
    }

    /**
     * tanh as the rational function that Eigen uses for float tanh ({@code ptanh_float}): odd
     * polynomial of degree 13 over even polynomial of degree 6, input clamped to +-7.9053 where
     * the float result is within rounding of +-1. Only multiplies, adds, a divide and min/max,
     * so C2 vectorizes it: about 20 times faster than one Math.exp per element (Math.tanh itself
     * is a call into native code on Java 17). The price: up to 7 units in the last place from the
     * exact tanh (measured over every float in [2^-20, 10]), against under 1 for the reference.
     */
    private static void tanh(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            float c = Math.min(Math.max(x[i], -TANH_CLAMP), TANH_CLAMP);
            float c2 = c * c;
            float p = -2.76076847742355e-16f;
            p = p * c2 + 2.00018790482477e-13f;
            p = p * c2 - 8.60467152213735e-11f;
            p = p * c2 + 5.12229709037114e-08f;
            p = p * c2 + 1.48572235717979e-05f;
            p = p * c2 + 6.37261928875436e-04f;
            p = p * c2 + 4.89352455891786e-03f;
            float q = 1.19825839466702e-06f;
            q = q * c2 + 1.18534705686654e-04f;
            q = q * c2 + 2.26843463243900e-03f;
            q = q * c2 + 4.89352518554385e-03f;
            o[i] = c * p / q;
        }
    }

    /** 1 / (1 + e^-x) in double: for very negative x, e^-x overflows to infinity and the result is 0, as it should be. */
    private static void sigmoid(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = (float) (1.0 / (1.0 + Math.exp(-(double) x[i])));
        }
    }

    /**
     * max and min rather than {@code v > 0 ? v : ...}: x86 has no conditional move for floats,
     * so the ternary compiles to a branch that activations of random sign mispredict half the
     * time, while max and min compile to branch-free SIMD instructions.
     */
    private static void relu(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = Math.max(x[i], 0f);
        }
    }

    /** As {@link #relu}, branch-free: v > 0 gives v + slope * 0, v <= 0 gives 0 + slope * v. */
    private static void leakyRelu(float[] x, float[] o, int from, int to, float slope) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            o[i] = Math.max(v, 0f) + slope * Math.min(v, 0f);
        }
    }

    private static void clamp(float[] x, float[] o, int from, int to, float low, float high) {
        for (int i = from; i < to; i++) {
            o[i] = Math.min(Math.max(x[i], low), high);
        }
    }

    private static void pow(float[] x, float[] o, int from, int to, double p) {
        if (p == 2) {
            // The square of losses and variances: one multiply, exact as the reference's pow.
            for (int i = from; i < to; i++) {
                o[i] = x[i] * x[i];
            }
            return;
        }
        for (int i = from; i < to; i++) {
            o[i] = (float) Math.pow(x[i], p);
        }
    }
}

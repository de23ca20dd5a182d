package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.UnaryOp;

/**
 * The float32 fast path of the unary kernels: one loop per op over plain arrays, the op chosen
 * once outside the loop, so that each loop body is a few float instructions that C2 can turn
 * into SIMD code, and large tensors split across the cores.
 *
 * <p>Arithmetic is in float where that gives the reference's result (negation, abs, sqrt, the
 * comparisons of relu and clamp); the transcendental functions go through {@code Math} in
 * double and round once, as the reference does. leakyRelu's slope and clamp's bounds are used
 * as floats, so those two may differ from the reference by one unit in the last place.
 */
final class FastUnary {
    /** Relative cost of one element of exp, log, tanh, sigmoid, pow against one float add. */
    private static final long TRANSCENDENTAL_COST = 16;
    /** Below this |x| tanh(x) = x - x^3/3 to float precision, where 1 - e^(-2|x|) would cancel. */
    private static final double TANH_SERIES_BOUND = 0x1p-12;

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
        int xo = in.offset();
        float[] os = dst.data();
        int oo = dst.offset();
        Parallel.forRange(out.numel(), cost(op), (start, end) ->
                apply(op, xs, xo + start, os, oo + start, end - start, p1, p2));
        dst.finish();
        return true;
    }

    private static long cost(UnaryOp op) {
        return switch (op) {
            case EXP, LOG, LOG1P, TANH, SIGMOID, POW -> TRANSCENDENTAL_COST;
            default -> 1;
        };
    }

    /** o[oo + i] = op(x[xo + i]) for i in [0, n). */
    private static void apply(UnaryOp op, float[] x, int xo, float[] o, int oo, int n, double p1, double p2) {
        switch (op) {
            case NEG -> neg(x, xo, o, oo, n);
            case EXP -> exp(x, xo, o, oo, n);
            case LOG -> log(x, xo, o, oo, n);
            case LOG1P -> log1p(x, xo, o, oo, n);
            case SQRT -> sqrt(x, xo, o, oo, n);
            case ABS -> abs(x, xo, o, oo, n);
            case SIGN -> sign(x, xo, o, oo, n);
            case TANH -> tanh(x, xo, o, oo, n);
            case SIGMOID -> sigmoid(x, xo, o, oo, n);
            case RELU -> relu(x, xo, o, oo, n);
            case LEAKY_RELU -> leakyRelu(x, xo, o, oo, n, (float) p1);
            case CLAMP -> clamp(x, xo, o, oo, n, (float) p1, (float) p2);
            case POW -> pow(x, xo, o, oo, n, p1);
        }
    }

    private static void neg(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = -x[xo + i];
        }
    }

    private static void exp(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = (float) Math.exp(x[xo + i]);
        }
    }

    private static void log(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = (float) Math.log(x[xo + i]);
        }
    }

    private static void log1p(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = (float) Math.log1p(x[xo + i]);
        }
    }

    private static void sqrt(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = (float) Math.sqrt(x[xo + i]);
        }
    }

    private static void abs(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = Math.abs(x[xo + i]);
        }
    }

    private static void sign(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = Math.signum(x[xo + i]);
        }
    }

    /**
     * tanh through one exp: Math.tanh is not a JIT intrinsic on Java 17 and costs a call into
     * native code per element. With a = |x|, tanh a = (1 - e^(-2a)) / (1 + e^(-2a)), which never
     * overflows; in double it is good to far below float precision except for tiny a, where the
     * series is used instead.
     */
    private static void tanh(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xo + i];
            double a = Math.abs(v);
            double t;
            if (a < TANH_SERIES_BOUND) {
                t = a - a * a * a / 3;
            } else {
                double e = Math.exp(-2 * a);
                t = (1 - e) / (1 + e);
            }
            o[oo + i] = (float) Math.copySign(t, v);
        }
    }

    /** 1 / (1 + e^-x) in double: for very negative x, e^-x overflows to infinity and the result is 0, as it should be. */
    private static void sigmoid(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = (float) (1.0 / (1.0 + Math.exp(-(double) x[xo + i])));
        }
    }

    /**
     * max and min rather than {@code v > 0 ? v : ...}: x86 has no conditional move for floats,
     * so the ternary compiles to a branch that activations of random sign mispredict half the
     * time, while max and min compile to branch-free SIMD instructions.
     */
    private static void relu(float[] x, int xo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = Math.max(x[xo + i], 0f);
        }
    }

    /** As {@link #relu}, branch-free: v > 0 gives v + slope * 0, v <= 0 gives 0 + slope * v. */
    private static void leakyRelu(float[] x, int xo, float[] o, int oo, int n, float slope) {
        for (int i = 0; i < n; i++) {
            float v = x[xo + i];
            o[oo + i] = Math.max(v, 0f) + slope * Math.min(v, 0f);
        }
    }

    private static void clamp(float[] x, int xo, float[] o, int oo, int n, float low, float high) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = Math.min(Math.max(x[xo + i], low), high);
        }
    }

    private static void pow(float[] x, int xo, float[] o, int oo, int n, double p) {
        if (p == 2) {
            // The square of losses and variances: one multiply, exact as the reference's pow.
            for (int i = 0; i < n; i++) {
                float v = x[xo + i];
                o[oo + i] = v * v;
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            o[oo + i] = (float) Math.pow(x[xo + i], p);
        }
    }
}

package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.Operand;
import dev.jgan.core.backend.UnaryOp;

/**
 * The float32 fast path of the unary kernels: one loop per op over plain arrays, the op chosen
 * once outside the loop, so that each loop body is a few float instructions that C2 can turn
 * into SIMD code (see {@link Staging} for why input and output share one index), and large
 * tensors split across the cores.
 *
 * <p>Arithmetic is in float where that gives the reference's result (negation, abs, sqrt, relu);
 * exp, log, tanh and sigmoid are the engine's float32 functions ({@link Float32Math}), which
 * the reference loop calls too, here vectorized ({@link VectorFloat32Math}) with the same bits;
 * log1p and pow go through {@code Math} in double and round once, as the reference does.
 * leakyRelu's slope and clamp's bounds are used as floats, so those two may differ from the
 * reference by one unit in the last place.
 */
final class FastUnary {
    /** Relative cost of one element of exp, log, tanh, sigmoid, pow against one float add. */
    private static final long TRANSCENDENTAL_COST = 16;

    private FastUnary() {
    }

    /** out = op(x); false (nothing done) unless both are float32. */
    static boolean tryRun(UnaryOp op, Operand x, Operand out, double p1, double p2) {
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
            case EXP, LOG, LOG1P, TANH, SIGMOID, POW -> TRANSCENDENTAL_COST;
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

    // exp, log, tanh and sigmoid: the engine's own float32 functions (Float32Math), whole
    // registers at a time when the Vector API is there; either way the reference's bits.

    private static void exp(float[] x, float[] o, int from, int to) {
        if (MicroKernels.VECTOR_API) {
            VectorFloat32Math.exp(x, o, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            o[i] = Float32Math.exp(x[i]);
        }
    }

    private static void log(float[] x, float[] o, int from, int to) {
        if (MicroKernels.VECTOR_API) {
            VectorFloat32Math.log(x, o, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            o[i] = Float32Math.log(x[i]);
        }
    }

    private static void tanh(float[] x, float[] o, int from, int to) {
        if (MicroKernels.VECTOR_API) {
            VectorFloat32Math.tanh(x, o, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            o[i] = Float32Math.tanh(x[i]);
        }
    }

    private static void sigmoid(float[] x, float[] o, int from, int to) {
        if (MicroKernels.VECTOR_API) {
            VectorFloat32Math.sigmoid(x, o, from, to);
            return;
        }
        for (int i = from; i < to; i++) {
            o[i] = Float32Math.sigmoid(x[i]);
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
     * max and min rather than {@code v > 0 ? v : ...}: x86 has no conditional move for floats,
     * so the ternary compiles to a branch that activations of random sign mispredict half the
     * time, while max and min compile to branch-free SIMD instructions.
     */
    private static void relu(float[] x, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = Math.max(x[i], 0f);
        }
    }

    /**
     * As {@link #relu}, branch-free. With a slope in (0, 1], {@code slope * v} lies between v and
     * 0, so {@code max(v, slope * v)} is v for v > 0 and {@code slope * v} for v < 0: a multiply
     * and a max per element, where the general form takes four (leakyRelu of [64, 1024] 11.3 and
     * 10.8 -> 6.9 and 7.1 us, CompareMain in alternating pairs, 2-core Xeon), and -0 stays -0 as
     * in the reference. Other slopes (0 would make infinity times 0 a NaN; above 1 or below 0 the
     * max picks the wrong one) run the reference's own choice, whose branch costs more but keeps
     * its signed zeros.
     */
    private static void leakyRelu(float[] x, float[] o, int from, int to, float slope) {
        if (slope > 0 && slope <= 1) {
            for (int i = from; i < to; i++) {
                float v = x[i];
                o[i] = Math.max(v, slope * v);
            }
            return;
        }
        for (int i = from; i < to; i++) {
            float v = x[i];
            o[i] = v > 0 ? v : slope * v;
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

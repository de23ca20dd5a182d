package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Loops whose arrays start at different indices, on whole SIMD registers: what {@link Staging}
 * works around for C2's own vectorizer (which keeps {@code o[oo + i] = a[ao + i] + b[bo + i]}
 * scalar) is no obstacle to the Vector API, which loads and stores at any index. So where the
 * module is there, a bias row added to every row of a batch, or the rows of a sum over a middle
 * dim, are read in place instead of being copied to scratch arrays and back.
 *
 * <p>Every lane holds the bits of the scalar loop it replaces: +, -, * and / are exactly rounded
 * in any order of lanes, and leakyRelu's rewriting is shown equal on its own. Only
 * {@link FastBinary}, {@link FastUnary} and {@link FastReduce} name this class, and only once
 * {@link MicroKernels#VECTOR_API} says the module is there.
 */
final class VectorArithmetic {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorArithmetic() {
    }

    /** Whether {@link #vectorVector} and {@link #vectorScalar} take this op. */
    static boolean handles(BinaryOp op) {
        return op == BinaryOp.ADD || op == BinaryOp.SUB || op == BinaryOp.MUL || op == BinaryOp.DIV;
    }

    /** o[oo + i] = a[ao + i] op b[bo + i] for i in [0, len); op is one that {@link #handles}. */
    static void vectorVector(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] o, int oo, int len) {
        int i = 0;
        int end = len - LANES;
        switch (op) {
            case ADD -> {
                for (; i <= end; i += LANES) {
                    load(a, ao + i).add(load(b, bo + i)).intoArray(o, oo + i);
                }
                for (; i < len; i++) {
                    o[oo + i] = a[ao + i] + b[bo + i];
                }
            }
            case SUB -> {
                for (; i <= end; i += LANES) {
                    load(a, ao + i).sub(load(b, bo + i)).intoArray(o, oo + i);
                }
                for (; i < len; i++) {
                    o[oo + i] = a[ao + i] - b[bo + i];
                }
            }
            case MUL -> {
                for (; i <= end; i += LANES) {
                    load(a, ao + i).mul(load(b, bo + i)).intoArray(o, oo + i);
                }
                for (; i < len; i++) {
                    o[oo + i] = a[ao + i] * b[bo + i];
                }
            }
            case DIV -> {
                for (; i <= end; i += LANES) {
                    load(a, ao + i).div(load(b, bo + i)).intoArray(o, oo + i);
                }
                for (; i < len; i++) {
                    o[oo + i] = a[ao + i] / b[bo + i];
                }
            }
            default -> throw new IllegalArgumentException("vector arithmetic: no loop for " + op);
        }
    }

    /**
     * o[oo + i] = a[ao + i] op b (or b op a[ao + i] when {@code scalarFirst}) for i in [0, len);
     * op is one that {@link #handles}.
     */
    static void vectorScalar(BinaryOp op, float[] a, int ao, float b, boolean scalarFirst, float[] o, int oo, int len) {
        FloatVector s = FloatVector.broadcast(SPECIES, b);
        int i = 0;
        int end = len - LANES;
        switch (op) {
            case ADD -> {
                for (; i <= end; i += LANES) {
                    load(a, ao + i).add(s).intoArray(o, oo + i);
                }
                for (; i < len; i++) {
                    o[oo + i] = a[ao + i] + b;
                }
            }
            case MUL -> {
                for (; i <= end; i += LANES) {
                    load(a, ao + i).mul(s).intoArray(o, oo + i);
                }
                for (; i < len; i++) {
                    o[oo + i] = a[ao + i] * b;
                }
            }
            case SUB -> {
                if (scalarFirst) {
                    for (; i <= end; i += LANES) {
                        s.sub(load(a, ao + i)).intoArray(o, oo + i);
                    }
                    for (; i < len; i++) {
                        o[oo + i] = b - a[ao + i];
                    }
                } else {
                    for (; i <= end; i += LANES) {
                        load(a, ao + i).sub(s).intoArray(o, oo + i);
                    }
                    for (; i < len; i++) {
                        o[oo + i] = a[ao + i] - b;
                    }
                }
            }
            case DIV -> {
                if (scalarFirst) {
                    for (; i <= end; i += LANES) {
                        s.div(load(a, ao + i)).intoArray(o, oo + i);
                    }
                    for (; i < len; i++) {
                        o[oo + i] = b / a[ao + i];
                    }
                } else {
                    for (; i <= end; i += LANES) {
                        load(a, ao + i).div(s).intoArray(o, oo + i);
                    }
                    for (; i < len; i++) {
                        o[oo + i] = a[ao + i] / b;
                    }
                }
            }
            default -> throw new IllegalArgumentException("vector arithmetic: no loop for " + op);
        }
    }

    /** acc[i] += x[xo + i] for i in [0, len): one row of a sum over a middle dim. */
    static void addInto(float[] acc, float[] x, int xo, int len) {
        int i = 0;
        for (int end = len - LANES; i <= end; i += LANES) {
            load(acc, i).add(load(x, xo + i)).intoArray(acc, i);
        }
        for (; i < len; i++) {
            acc[i] += x[xo + i];
        }
    }

    /**
     * o[i] = max(x[i], 0) + slope * min(x[i], 0) for i in [from, to), the bits of
     * {@link FastUnary}'s loop, computed as x where x > 0 and 0 + slope * x elsewhere: the
     * Vector API's max and min follow {@code Math.max} (NaN, -0.0 below +0.0) with several
     * instructions each, which made this loop slower than an add of two arrays. The two agree
     * for every finite slope: where x > 0, slope * 0 is a zero and x plus a zero is x; where
     * x <= 0 (or NaN), max gives +0 (or NaN) and min gives x, so the sum is 0 + slope * x,
     * the +0 turning a -0 product into +0 as in the scalar loop.
     */
    static void leakyRelu(float[] x, float[] o, int from, int to, float slope) {
        int i = from;
        if (Float.isFinite(slope)) {
            FloatVector zero = FloatVector.zero(SPECIES);
            for (int end = to - LANES; i <= end; i += LANES) {
                FloatVector v = load(x, i);
                zero.add(v.mul(slope)).blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(o, i);
            }
        }
        for (; i < to; i++) {
            float v = x[i];
            o[i] = Math.max(v, 0f) + slope * Math.min(v, 0f);
        }
    }

    private static FloatVector load(float[] array, int at) {
        return FloatVector.fromArray(SPECIES, array, at);
    }
}

package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.BinaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Loops whose arrays start at different indices, on whole SIMD registers: what {@link Staging}
 * works around for C2's own vectorizer (which keeps {@code o[oo + i] = a[ao + i] + b[bo + i]}
 * scalar) is no obstacle to the Vector API, which loads and stores at any index. So where the
 * module is there, a bias row added to every row of a batch, or the rows of a sum over a middle
 * dim, are read in place instead of being copied to scratch arrays and back.
 *
 * <p>The comparisons run here even where the arrays line up ({@link #isComparison}).
 *
 * <p>Every lane holds the bits of the scalar loop it replaces: +, -, * and / are exactly rounded
 * in any order of lanes, a comparison is exact, and leakyRelu's rewriting is shown equal on its own. Only
 * {@link FastBinary}, {@link FastUnary} and {@link FastReduce} name this class, and only once
 * {@link MicroKernels#VECTOR_API} says the module is there.
 */
final class VectorArithmetic {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Eight lanes on AVX2 and AVX-512 alike: the row sums' eight partial sums. */
    private static final VectorSpecies<Float> EIGHT = FloatVector.SPECIES_256;
    private static final FloatVector ZERO = FloatVector.zero(SPECIES);
    private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1f);

    private VectorArithmetic() {
    }

    /** Whether {@link #vectorVector} and {@link #vectorScalar} take this op. */
    static boolean handles(BinaryOp op) {
        return switch (op) {
            case ADD, SUB, MUL, DIV, GT, GE, LT, LE, EQ -> true;
            case POW, MAXIMUM, MINIMUM -> false;
        };
    }

    /**
     * The comparisons, 1 where true and 0 where false (NaN compares false, -0 equals +0): C2
     * leaves {@code o[i] = a[i] > b[i] ? 1f : 0f} a scalar loop with a branch, which activations
     * of random sign (the mask of a relu's backward) mispredict half the time: 3.4 ns per element
     * against 0.1 for these mask-and-blend loops (measured on [64, 1024], loaded machine).
     */
    static boolean isComparison(BinaryOp op) {
        return switch (op) {
            case GT, GE, LT, LE, EQ -> true;
            default -> false;
        };
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
            case GT, GE, LT, LE, EQ -> {
                for (; i <= end; i += LANES) {
                    ZERO.blend(ONE, holds(op, load(a, ao + i), load(b, bo + i))).intoArray(o, oo + i);
                }
                for (; i < len; i++) {
                    o[oo + i] = compare(op, a[ao + i], b[bo + i]);
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
            case GT, GE, LT, LE, EQ -> {
                // b op a[i] is a[i] (op read the other way round) b.
                BinaryOp asRead = scalarFirst ? reversed(op) : op;
                for (; i <= end; i += LANES) {
                    ZERO.blend(ONE, holds(asRead, load(a, ao + i), s)).intoArray(o, oo + i);
                }
                for (; i < len; i++) {
                    o[oo + i] = compare(asRead, a[ao + i], b);
                }
            }
            default -> throw new IllegalArgumentException("vector arithmetic: no loop for " + op);
        }
    }

    /**
     * The lanes where {@code x op y} holds. Each case names its operator as a constant: C2 turns
     * {@code compare} into one instruction only for a constant operator, and ran a variable one
     * lane by lane through the API's Java fallback.
     */
    private static VectorMask<Float> holds(BinaryOp op, FloatVector x, FloatVector y) {
        return switch (op) {
            case GT -> x.compare(VectorOperators.GT, y);
            case GE -> x.compare(VectorOperators.GE, y);
            case LT -> x.compare(VectorOperators.LT, y);
            case LE -> x.compare(VectorOperators.LE, y);
            case EQ -> x.compare(VectorOperators.EQ, y);
            default -> throw new IllegalArgumentException("vector arithmetic: " + op + " is not a comparison");
        };
    }

    private static BinaryOp reversed(BinaryOp op) {
        return switch (op) {
            case GT -> BinaryOp.LT;
            case GE -> BinaryOp.LE;
            case LT -> BinaryOp.GT;
            case LE -> BinaryOp.GE;
            default -> op;
        };
    }

    /** The scalar comparison of the tail, as FastBinary's loops compute it. */
    private static float compare(BinaryOp op, float a, float b) {
        boolean holds = switch (op) {
            case GT -> a > b;
            case GE -> a >= b;
            case LT -> a < b;
            case LE -> a <= b;
            case EQ -> a == b;
            default -> throw new IllegalArgumentException("vector arithmetic: " + op + " is not a comparison");
        };
        return holds ? 1f : 0f;
    }

    /**
     * o[oo + r] = {@link FastReduce}'s float sum of row r, {@code x[xo + r*len ..]} of length
     * {@code len}, for r in [0, rows): eight partial sums, lane k adding the elements k, k + 8,
     * ..., combined as ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)), then the tail added in
     * order; so the bits of the scalar loop. One row's eight sums are one chain of dependent adds;
     * four rows at a time keep four chains in flight, which the scalar loop (one row at a time)
     * cannot.
     */
    static void rowSums(float[] x, int xo, int len, int rows, float[] o, int oo) {
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            int x0 = xo + r * len, x1 = x0 + len, x2 = x1 + len, x3 = x2 + len;
            FloatVector s0 = FloatVector.zero(EIGHT), s1 = s0, s2 = s0, s3 = s0;
            int i = 0;
            for (; i + 8 <= len; i += 8) {
                s0 = s0.add(FloatVector.fromArray(EIGHT, x, x0 + i));
                s1 = s1.add(FloatVector.fromArray(EIGHT, x, x1 + i));
                s2 = s2.add(FloatVector.fromArray(EIGHT, x, x2 + i));
                s3 = s3.add(FloatVector.fromArray(EIGHT, x, x3 + i));
            }
            o[oo + r] = finish(s0, x, x0, i, len);
            o[oo + r + 1] = finish(s1, x, x1, i, len);
            o[oo + r + 2] = finish(s2, x, x2, i, len);
            o[oo + r + 3] = finish(s3, x, x3, i, len);
        }
        for (; r < rows; r++) {
            int x0 = xo + r * len;
            FloatVector s0 = FloatVector.zero(EIGHT);
            int i = 0;
            for (; i + 8 <= len; i += 8) {
                s0 = s0.add(FloatVector.fromArray(EIGHT, x, x0 + i));
            }
            o[oo + r] = finish(s0, x, x0, i, len);
        }
    }

    /** The eight partial sums combined in FastReduce's tree, then x[from + i ..] for i up to len added in order. */
    private static float finish(FloatVector partial, float[] x, int from, int i, int len) {
        float[] s = partial.toArray();
        float sum = ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
        for (; i < len; i++) {
            sum += x[from + i];
        }
        return sum;
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

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
 * in any order of lanes, and a comparison is exact. Only
 * {@link FastBinary} and {@link FastReduce} name this class, and only once
 * {@link MicroKernels#VECTOR_API} says the module is there.
 */
final class VectorArithmetic {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final FloatVector ZERO = FloatVector.zero(SPECIES);
    private static final FloatVector ONE = FloatVector.broadcast(SPECIES, 1f);
    /** Floats a row sum steps by: its eight partial sums (see {@link #rowSums}). */
    private static final int ROW_STEP = 8;

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
     * o[oo + j] = x[xo + j] + x[xo + n + j] + ... + x[xo + (m - 1) * n + j] for j in [0, width):
     * a sum over a middle dim, each column added in row order in float, so its bits are those of
     * adding the rows into an accumulator row one after another. Four registers of columns stay in registers across
     * all m rows, where adding row after row stored and reloaded the accumulator row and paid a
     * call per row (sum dim 0 of [64, 1024]: 63 calls per 256 columns).
     */
    static void columnSums(float[] x, int xo, int m, int n, int width, float[] o, int oo) {
        int j = 0;
        for (int end = width - 4 * LANES; j <= end; j += 4 * LANES) {
            int at = xo + j;
            FloatVector s0 = load(x, at), s1 = load(x, at + LANES);
            FloatVector s2 = load(x, at + 2 * LANES), s3 = load(x, at + 3 * LANES);
            for (int i = 1; i < m; i++) {
                int row = at + i * n;
                s0 = s0.add(load(x, row));
                s1 = s1.add(load(x, row + LANES));
                s2 = s2.add(load(x, row + 2 * LANES));
                s3 = s3.add(load(x, row + 3 * LANES));
            }
            s0.intoArray(o, oo + j);
            s1.intoArray(o, oo + j + LANES);
            s2.intoArray(o, oo + j + 2 * LANES);
            s3.intoArray(o, oo + j + 3 * LANES);
        }
        for (int end = width - LANES; j <= end; j += LANES) {
            FloatVector s = load(x, xo + j);
            for (int i = 1; i < m; i++) {
                s = s.add(load(x, xo + i * n + j));
            }
            s.intoArray(o, oo + j);
        }
        for (; j < width; j++) {
            float s = x[xo + j];
            for (int i = 1; i < m; i++) {
                s += x[xo + i * n + j];
            }
            o[oo + j] = s;
        }
    }

    /** Whether {@link #rowSums} can run here: a register must hold one row step of eight floats. */
    static boolean holdsRowStep() {
        return LANES >= ROW_STEP;
    }

    /**
     * o[oo + r] = the float sum of x[xo + r*stride, +len) for r in [0, rows), with the bits of
     * {@link FastReduce#sumFrom}'s definition (element i of a row in partial sum i mod 8).
     *
     * <p>Lanes 0-7 of one register are a row's eight partial sums. The register steps eight floats
     * along the row whatever its width, so on a sixteen-lane machine its upper half adds floats
     * that belong to the next step and is thrown away: half the adds are wasted, but each lane
     * still adds its own elements in the scalar order, with no shuffles. One row's sums form one
     * chain of dependent adds, so eight rows run side by side to keep the adders busy (a chain of
     * 128 adds per 1024-float row waits on the add's latency). A step whose load would run past
     * the array's end is left to the scalar loop. Needs {@link #holdsRowStep}.
     */
    static void rowSums(float[] x, int xo, int stride, int rows, int len, float[] o, int oo) {
        int whole = len / ROW_STEP * ROW_STEP;
        int r = 0;
        for (; r + 8 <= rows; r += 8) {
            int b0 = xo + r * stride;
            int b1 = b0 + stride, b2 = b1 + stride, b3 = b2 + stride;
            int b4 = b3 + stride, b5 = b4 + stride, b6 = b5 + stride, b7 = b6 + stride;
            int steps = vectorSteps(x, b7, whole);
            FloatVector s0 = FloatVector.zero(SPECIES), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
            for (int i = 0; i < steps; i += ROW_STEP) {
                s0 = s0.add(load(x, b0 + i));
                s1 = s1.add(load(x, b1 + i));
                s2 = s2.add(load(x, b2 + i));
                s3 = s3.add(load(x, b3 + i));
                s4 = s4.add(load(x, b4 + i));
                s5 = s5.add(load(x, b5 + i));
                s6 = s6.add(load(x, b6 + i));
                s7 = s7.add(load(x, b7 + i));
            }
            o[oo + r] = finishRow(s0, x, b0, steps, len);
            o[oo + r + 1] = finishRow(s1, x, b1, steps, len);
            o[oo + r + 2] = finishRow(s2, x, b2, steps, len);
            o[oo + r + 3] = finishRow(s3, x, b3, steps, len);
            o[oo + r + 4] = finishRow(s4, x, b4, steps, len);
            o[oo + r + 5] = finishRow(s5, x, b5, steps, len);
            o[oo + r + 6] = finishRow(s6, x, b6, steps, len);
            o[oo + r + 7] = finishRow(s7, x, b7, steps, len);
        }
        for (; r < rows; r++) {
            int b = xo + r * stride;
            int steps = vectorSteps(x, b, whole);
            FloatVector s = FloatVector.zero(SPECIES);
            for (int i = 0; i < steps; i += ROW_STEP) {
                s = s.add(load(x, b + i));
            }
            o[oo + r] = finishRow(s, x, b, steps, len);
        }
    }

    /**
     * The floats of [0, whole) a register can step over from {@code base} (the last row of the
     * group: rows lie in increasing order) without reading past x's end.
     */
    private static int vectorSteps(float[] x, int base, int whole) {
        int room = x.length - LANES - base;
        return room < 0 ? 0 : Math.min(whole, (room / ROW_STEP + 1) * ROW_STEP);
    }

    /** Takes the eight partial sums out of lanes 0-7 and lets the scalar sum do the steps left and the tail. */
    private static float finishRow(FloatVector sums, float[] x, int b, int from, int len) {
        return FastReduce.sumFrom(sums.lane(0), sums.lane(1), sums.lane(2), sums.lane(3),
                sums.lane(4), sums.lane(5), sums.lane(6), sums.lane(7), x, b, from, len);
    }

    private static FloatVector load(float[] array, int at) {
        return FloatVector.fromArray(SPECIES, array, at);
    }
}

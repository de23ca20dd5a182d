package dev.jgan.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static dev.jgan.core.backend.cpu.Float32Math.E0;
import static dev.jgan.core.backend.cpu.Float32Math.E1;
import static dev.jgan.core.backend.cpu.Float32Math.E2;
import static dev.jgan.core.backend.cpu.Float32Math.E3;
import static dev.jgan.core.backend.cpu.Float32Math.E4;
import static dev.jgan.core.backend.cpu.Float32Math.E5;
import static dev.jgan.core.backend.cpu.Float32Math.EXP_HIGH;
import static dev.jgan.core.backend.cpu.Float32Math.EXP_LOW;
import static dev.jgan.core.backend.cpu.Float32Math.L0;
import static dev.jgan.core.backend.cpu.Float32Math.L1;
import static dev.jgan.core.backend.cpu.Float32Math.L2;
import static dev.jgan.core.backend.cpu.Float32Math.L3;
import static dev.jgan.core.backend.cpu.Float32Math.L4;
import static dev.jgan.core.backend.cpu.Float32Math.L5;
import static dev.jgan.core.backend.cpu.Float32Math.L6;
import static dev.jgan.core.backend.cpu.Float32Math.L7;
import static dev.jgan.core.backend.cpu.Float32Math.L8;
import static dev.jgan.core.backend.cpu.Float32Math.LN2_HI;
import static dev.jgan.core.backend.cpu.Float32Math.LN2_LO;
import static dev.jgan.core.backend.cpu.Float32Math.LOG2E;
import static dev.jgan.core.backend.cpu.Float32Math.MIN_NORMAL;
import static dev.jgan.core.backend.cpu.Float32Math.ROUNDER;
import static dev.jgan.core.backend.cpu.Float32Math.SQRT_HALF;
import static dev.jgan.core.backend.cpu.Float32Math.T0;
import static dev.jgan.core.backend.cpu.Float32Math.T1;
import static dev.jgan.core.backend.cpu.Float32Math.T2;
import static dev.jgan.core.backend.cpu.Float32Math.T3;
import static dev.jgan.core.backend.cpu.Float32Math.T4;
import static dev.jgan.core.backend.cpu.Float32Math.TANH_SMALL;
import static dev.jgan.core.backend.cpu.Float32Math.TWO_TO_23;

/**
 * {@link Float32Math} on whole SIMD registers: each function does the scalar one's operations
 * in the same order, lane by lane, with a blend where the scalar code branches, so every lane
 * holds the scalar result's bits. The loops run the tail (fewer elements than a register) through
 * the scalar functions, which give the same bits. Only {@link FastUnary} and {@link FastSoftmax}
 * name this class, and only once {@link MicroKernels#VECTOR_API} says the module is there.
 */
final class VectorFloat32Math {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorFloat32Math() {
    }

    /** o[i] = exp(x[i]) for i in [from, to). */
    static void exp(float[] x, float[] o, int from, int to) {
        int i = from;
        for (int end = to - LANES; i <= end; i += LANES) {
            exp(FloatVector.fromArray(SPECIES, x, i)).intoArray(o, i);
        }
        for (; i < to; i++) {
            o[i] = Float32Math.exp(x[i]);
        }
    }

    /** o[i] = log(x[i]) for i in [from, to). */
    static void log(float[] x, float[] o, int from, int to) {
        int i = from;
        for (int end = to - LANES; i <= end; i += LANES) {
            log(FloatVector.fromArray(SPECIES, x, i)).intoArray(o, i);
        }
        for (; i < to; i++) {
            o[i] = Float32Math.log(x[i]);
        }
    }

    /** o[i] = tanh(x[i]) for i in [from, to). */
    static void tanh(float[] x, float[] o, int from, int to) {
        int i = from;
        for (int end = to - LANES; i <= end; i += LANES) {
            tanh(FloatVector.fromArray(SPECIES, x, i)).intoArray(o, i);
        }
        for (; i < to; i++) {
            o[i] = Float32Math.tanh(x[i]);
        }
    }

    /** o[i] = sigmoid(x[i]) for i in [from, to). */
    static void sigmoid(float[] x, float[] o, int from, int to) {
        int i = from;
        for (int end = to - LANES; i <= end; i += LANES) {
            sigmoid(FloatVector.fromArray(SPECIES, x, i)).intoArray(o, i);
        }
        for (; i < to; i++) {
            o[i] = Float32Math.sigmoid(x[i]);
        }
    }

    /** The sum's register: 8 lanes, {@link Float32Math#SOFTMAX_PARTIAL_SUMS}, on AVX2 and AVX-512 alike. */
    private static final VectorSpecies<Float> SUM_SPECIES = FloatVector.SPECIES_256;

    /**
     * {@link Float32Math#softmaxRow} with whole registers: the max (exact in any order), the
     * exponentials, and the eight partial sums as the eight lanes of one 256-bit register, so each
     * lane adds the same elements in the same order as the scalar partial sum.
     */
    static void softmaxRow(float[] x, int xo, float[] o, int oo, int len, boolean log, float[] exps) {
        int j = 0;
        FloatVector maxes = FloatVector.broadcast(SPECIES, Float.NEGATIVE_INFINITY);
        for (int end = len - LANES; j <= end; j += LANES) {
            maxes = maxes.max(FloatVector.fromArray(SPECIES, x, xo + j));
        }
        float max = maxes.reduceLanes(VectorOperators.MAX);
        for (; j < len; j++) {
            max = Math.max(max, x[xo + j]);
        }
        j = 0;
        for (int end = len - LANES; j <= end; j += LANES) {
            exp(FloatVector.fromArray(SPECIES, x, xo + j).sub(max)).intoArray(exps, j);
        }
        for (; j < len; j++) {
            exps[j] = Float32Math.exp(x[xo + j] - max);
        }
        FloatVector sums = FloatVector.zero(SUM_SPECIES);
        int width = SUM_SPECIES.length();
        j = 0;
        for (int end = len - width; j <= end; j += width) {
            sums = sums.add(FloatVector.fromArray(SUM_SPECIES, exps, j));
        }
        float[] partial = sums.toArray();
        for (; j < len; j++) {
            partial[j % width] += exps[j];
        }
        Float32Math.finishSoftmaxRow(x, xo, o, oo, len, log, exps, max, Float32Math.pairwiseSum(partial));
    }

    /** As {@link Float32Math#exp}: the NaN test moves to the end as a blend. */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_LOW).min(EXP_HIGH);
        FloatVector n = c.mul(LOG2E).add(ROUNDER).sub(ROUNDER);
        FloatVector r = n.fma(k(-LN2_HI), c);
        r = n.fma(k(-LN2_LO), r);
        FloatVector p = r.fma(k(E5), k(E4));
        p = p.fma(r, k(E3));
        p = p.fma(r, k(E2));
        p = p.fma(r, k(E1));
        p = p.fma(r, k(E0));
        FloatVector y = p.fma(r.mul(r), r).add(1f);
        IntVector k = (IntVector) n.convert(VectorOperators.F2I, 0);
        IntVector half = k.lanewise(VectorOperators.ASHR, 1);
        y = y.mul(powerOfTwo(half)).mul(powerOfTwo(k.sub(half)));
        return y.blend(x, x.test(VectorOperators.IS_NAN));
    }

    /** A constant in every lane (C2 hoists the broadcast out of the loops). */
    private static FloatVector k(float v) {
        return FloatVector.broadcast(SPECIES, v);
    }

    private static FloatVector powerOfTwo(IntVector k) {
        return k.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /** As {@link Float32Math#log}: every lane takes the normal path, and the special values are blended in at the end. */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> subnormal = x.lt(MIN_NORMAL);
        FloatVector lifted = x.blend(x.mul(TWO_TO_23), subnormal);
        IntVector bits = lifted.reinterpretAsInts();
        FloatVector m = bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats();
        IntVector exponent = bits.lanewise(VectorOperators.LSHR, 23).sub(126);
        exponent = exponent.blend(exponent.sub(23), subnormal.cast(IntVector.SPECIES_PREFERRED));
        FloatVector e = (FloatVector) exponent.convert(VectorOperators.I2F, 0);
        VectorMask<Float> low = m.lt(SQRT_HALF);
        FloatVector f = m.sub(1f).blend(m.add(m).sub(1f), low);
        e = e.blend(e.sub(1f), low);
        FloatVector z = f.mul(f);
        FloatVector p = f.fma(k(L8), k(L7));
        p = p.fma(f, k(L6));
        p = p.fma(f, k(L5));
        p = p.fma(f, k(L4));
        p = p.fma(f, k(L3));
        p = p.fma(f, k(L2));
        p = p.fma(f, k(L1));
        p = p.fma(f, k(L0));
        FloatVector y = f.mul(z).mul(p);
        y = e.fma(k(LN2_LO), y);
        y = z.fma(k(-0.5f), y);
        FloatVector result = e.fma(k(LN2_HI), f.add(y));
        // Math.log's rules, in the scalar function's order: infinity, then NaN for NaN and x < 0, then -infinity for +-0.
        result = result.blend(x, x.eq(Float.POSITIVE_INFINITY));
        result = result.blend(Float.NaN, x.lt(0f).or(x.test(VectorOperators.IS_NAN)));
        return result.blend(Float.NEGATIVE_INFINITY, x.eq(0f));
    }

    /** As {@link Float32Math#tanh}: both branches on every lane, the small one blended in where |x| < 0.625, then x's sign. */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = x.mul(x);
        FloatVector p = z.fma(k(T4), k(T3));
        p = p.fma(z, k(T2));
        p = p.fma(z, k(T1));
        p = p.fma(z, k(T0));
        FloatVector small = x.mul(z).fma(p, x);
        FloatVector large = k(1f).sub(k(2f).div(exp(a.add(a)).add(1f)));
        FloatVector t = large.blend(small, a.lt(TANH_SMALL));
        return t.abs().reinterpretAsInts().or(x.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats();
    }

    /** As {@link Float32Math#sigmoid}: the numerator blended, then the same corrected quotient on every lane. */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg());
        FloatVector d = e.add(1f);
        FloatVector err = k(1f).sub(d).add(e);
        FloatVector num = k(1f).blend(e, x.lt(0f));
        FloatVector q = num.div(d);
        FloatVector residual = q.neg().fma(d, num);
        return q.add(q.neg().fma(err, residual).div(d));
    }
}

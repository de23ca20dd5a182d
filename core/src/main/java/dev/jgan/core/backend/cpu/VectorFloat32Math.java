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
 *
 * <p>Why the code is shaped this way (measured on JDK 17): a {@code FloatVector} that crosses a
 * call C2 does not inline is boxed, one heap object per register, which made exp ten times slower.
 * C2 does not inline a method of more than 325 bytecodes, nor one it has already compiled to more
 * than 2500 bytes of machine code, whatever calls it. So the arithmetic of exp and log sits inside
 * their array loops, and sigmoid, tanh and softmax run in passes over blocks of {@link #BLOCK}
 * floats (in L1): their own arithmetic, then the exp loop on the block. Also, JDK 17 runs
 * {@code convert(F2I)} as a scalar loop, so exp takes its integer from the bits of a float instead.
 * NaN lanes are found as {@code v != v} ({@code compare(NE, v)}), not {@code test(IS_NAN)}: in a
 * JVM that had run x W^T and a broadcast mul, C2 compiled exp's blend on a {@code test} mask
 * without its intrinsic (JFR showed {@code blendTemplate}'s Java fallback) and sigmoid, tanh and
 * softmax took 137-360 us instead of about 30; with the comparison, 29-35 us in the same runs.
 */
final class VectorFloat32Math {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Floats per pass of sigmoid and tanh: a few registers' worth, so each pass reads L1. */
    private static final int BLOCK = 512;

    private VectorFloat32Math() {
    }

    /**
     * o[i] = exp(x[i]) for i in [from, to), as {@link Float32Math#exp}; the NaN test moves to the
     * end as a blend. sigmoid, tanh and softmax call this loop, and it must stay its own compiled
     * unit: inlined into them, it took C2 past its node budget for one compilation, helpers stopped
     * being inlined, vectors were boxed, and sigmoid ran five times slower. A method of more than
     * 325 bytecodes (C2's FreqInlineSize) is never inlined, and this one has 338, the constants
     * hoisted out of the loop included; {@code ElementwiseBenchmark} (exp, sigmoid) shows it if an edit changes that.
     */
    static void exp(float[] x, float[] o, int from, int to) {
        FloatVector minusLn2Hi = k(-LN2_HI), minusLn2Lo = k(-LN2_LO);
        FloatVector e3 = k(E3), e2 = k(E2), e1 = k(E1), e0 = k(E0);
        int i = from;
        for (int end = to - LANES; i <= end; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            FloatVector c = v.max(EXP_LOW).min(EXP_HIGH);
            FloatVector shifted = c.mul(LOG2E).add(ROUNDER);
            FloatVector n = shifted.sub(ROUNDER);
            FloatVector r = n.fma(minusLn2Hi, c);
            r = n.fma(minusLn2Lo, r);
            FloatVector p = r.fma(E5, E4);
            p = p.fma(r, e3);
            p = p.fma(r, e2);
            p = p.fma(r, e1);
            p = p.fma(r, e0);
            FloatVector y = p.fma(r.mul(r), r).add(1f);
            IntVector power = shifted.reinterpretAsInts().sub(ROUNDER_BITS);
            IntVector half = power.lanewise(VectorOperators.ASHR, 1);
            FloatVector scale1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector scale2 = power.sub(half).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            y.mul(scale1).mul(scale2).blend(v, v.compare(VectorOperators.NE, v)).intoArray(o, i);
        }
        for (; i < to; i++) {
            o[i] = Float32Math.exp(x[i]);
        }
    }

    /**
     * o[i] = log(x[i]) for i in [from, to), as {@link Float32Math#log}: every lane takes the
     * normal path, and the special values are blended in at the end in the scalar code's order:
     * infinity, then NaN for NaN and x < 0, then -infinity for +-0.
     */
    static void log(float[] x, float[] o, int from, int to) {
        int i = from;
        for (int end = to - LANES; i <= end; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            VectorMask<Float> subnormal = v.lt(MIN_NORMAL);
            IntVector bits = v.blend(v.mul(TWO_TO_23), subnormal).reinterpretAsInts();
            FloatVector m = bits.and(0x007fffff).or(0x3f000000).reinterpretAsFloats();
            FloatVector e = (FloatVector) bits.lanewise(VectorOperators.LSHR, 23).sub(126)
                    .convert(VectorOperators.I2F, 0);
            e = e.blend(e.sub(23f), subnormal);
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
            result = result.blend(v, v.eq(Float.POSITIVE_INFINITY));
            result = result.blend(Float.NaN, v.lt(0f).or(v.compare(VectorOperators.NE, v)));
            result.blend(Float.NEGATIVE_INFINITY, v.eq(0f)).intoArray(o, i);
        }
        for (; i < to; i++) {
            o[i] = Float32Math.log(x[i]);
        }
    }

    /**
     * o[i] = tanh(x[i]) for i in [from, to), as {@link Float32Math#tanh}, by blocks: e^(2|x|) into
     * a scratch block, then both branches on every lane, the small one blended in where
     * |x| < 0.625, then x's sign.
     */
    static void tanh(float[] x, float[] o, int from, int to) {
        float[] e = new float[BLOCK];
        for (int start = from; start < to; start += BLOCK) {
            int n = Math.min(BLOCK, to - start);
            int full = n - n % LANES;
            for (int j = 0; j < full; j += LANES) {
                FloatVector a = FloatVector.fromArray(SPECIES, x, start + j).abs();
                a.add(a).intoArray(e, j);
            }
            exp(e, e, 0, full);
            for (int j = 0; j < full; j += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, start + j);
                FloatVector z = v.mul(v);
                FloatVector p = z.fma(k(T4), k(T3));
                p = p.fma(z, k(T2));
                p = p.fma(z, k(T1));
                p = p.fma(z, k(T0));
                FloatVector small = v.mul(z).fma(p, v);
                FloatVector large = k(1f).sub(k(2f).div(FloatVector.fromArray(SPECIES, e, j).add(1f)));
                FloatVector t = large.blend(small, v.abs().lt(TANH_SMALL));
                t.abs().reinterpretAsInts().or(v.reinterpretAsInts().and(0x80000000)).reinterpretAsFloats()
                        .intoArray(o, start + j);
            }
            for (int j = full; j < n; j++) {
                o[start + j] = Float32Math.tanh(x[start + j]);
            }
        }
    }

    /**
     * o[i] = sigmoid(x[i]) for i in [from, to), as {@link Float32Math#sigmoid}, by blocks:
     * e^-|x| into a scratch block, then the numerator blended and the same corrected quotient on
     * every lane.
     */
    static void sigmoid(float[] x, float[] o, int from, int to) {
        float[] e = new float[BLOCK];
        for (int start = from; start < to; start += BLOCK) {
            int n = Math.min(BLOCK, to - start);
            int full = n - n % LANES;
            for (int j = 0; j < full; j += LANES) {
                FloatVector.fromArray(SPECIES, x, start + j).abs().neg().intoArray(e, j);
            }
            exp(e, e, 0, full);
            for (int j = 0; j < full; j += LANES) {
                FloatVector v = FloatVector.fromArray(SPECIES, x, start + j);
                FloatVector ev = FloatVector.fromArray(SPECIES, e, j);
                FloatVector d = ev.add(1f);
                FloatVector err = k(1f).sub(d).add(ev);
                FloatVector num = k(1f).blend(ev, v.lt(0f));
                FloatVector q = num.div(d);
                FloatVector residual = q.neg().fma(d, num);
                q.add(q.neg().fma(err, residual).div(d)).intoArray(o, start + j);
            }
            for (int j = full; j < n; j++) {
                o[start + j] = Float32Math.sigmoid(x[start + j]);
            }
        }
    }

    /**
     * {@link Float32Math#softmaxRow} with whole registers: the max (exact in any order), x - max
     * into exps, the exp loop in place, then the eight partial sums in eight scalar accumulators,
     * each adding the same elements in the same order as the reference. They were the lanes of a
     * 256-bit register beside the 512-bit loops; a second species in the process made C2 compile
     * the matmul's tiles, run after a softmax, without the Vector API's intrinsics, and an
     * MLP-GAN step took 470-570 ms instead of 15 (CompareMain "softmax" "mlp-gan step", 2-core Xeon).
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
            FloatVector.fromArray(SPECIES, x, xo + j).sub(max).intoArray(exps, j);
        }
        for (; j < len; j++) {
            exps[j] = x[xo + j] - max;
        }
        exp(exps, exps, 0, len);
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        j = 0;
        for (int end = len - 8; j <= end; j += 8) {
            s0 += exps[j];
            s1 += exps[j + 1];
            s2 += exps[j + 2];
            s3 += exps[j + 3];
            s4 += exps[j + 4];
            s5 += exps[j + 5];
            s6 += exps[j + 6];
            s7 += exps[j + 7];
        }
        float[] partial = {s0, s1, s2, s3, s4, s5, s6, s7};
        for (; j < len; j++) {
            partial[j % Float32Math.SOFTMAX_PARTIAL_SUMS] += exps[j];
        }
        float sum = Float32Math.pairwiseSum(partial);
        float logSum = log ? Float32Math.log(sum) : 0f;
        j = 0;
        for (int end = len - LANES; j <= end; j += LANES) {
            FloatVector out = log ? FloatVector.fromArray(SPECIES, x, xo + j).sub(max).sub(logSum)
                    : FloatVector.fromArray(SPECIES, exps, j).div(sum);
            out.intoArray(o, oo + j);
        }
        for (; j < len; j++) {
            o[oo + j] = log ? (x[xo + j] - max) - logSum : exps[j] / sum;
        }
    }

    /** A constant in every lane (C2 hoists the broadcast out of the loops). */
    private static FloatVector k(float v) {
        return FloatVector.broadcast(SPECIES, v);
    }
}

package dev.jgan.core.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The elementwise loops of {@link FastBatchNorm} on SIMD registers: the same operations in the
 * same order, lane by lane (each is correctly rounded, so the bits are the scalar loop's). Each
 * method does the whole registers' worth of [0, len) and returns where it stopped; the caller's
 * scalar loop does the rest. Scalar C2 code did one division at a time, and batch norm's backward
 * divides three times per element. Only loaded when {@link MicroKernels#VECTOR_API} holds.
 */
final class VectorBatchNorm {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();

    private VectorBatchNorm() {
    }

    /** o[oo + i] = (x - m) * (x - m), x = xs[xo + i]. */
    static int squaredDeviations(float[] xs, int xo, float m, float[] o, int oo, int len) {
        int i = 0;
        for (; i + LANES <= len; i += LANES) {
            FloatVector centered = load(xs, xo + i).sub(m);
            centered.mul(centered).intoArray(o, oo + i);
        }
        return i;
    }

    /** o[oo + i] = ((x - m) / s) * w + b; without a weight (hasWeight false) or bias the step is left out. */
    static int normalize(float[] xs, int xo, float m, float s, boolean hasWeight, float w, boolean hasBias, float b,
                         float[] o, int oo, int len) {
        int i = 0;
        for (; i + LANES <= len; i += LANES) {
            FloatVector v = load(xs, xo + i).sub(m).div(s);
            if (hasWeight) {
                v = v.mul(w);
            }
            if (hasBias) {
                v = v.add(b);
            }
            v.intoArray(o, oo + i);
        }
        return i;
    }

    /**
     * The four per-element values whose channel sums {@link FastBatchNorm#tryGradientSums} takes,
     * into rows of {@code values} at {@code at}: g, g * ((x - m) / s), -((gw * (x - m)) / ss) and
     * -(gw / s), with gw = g * w (g when hasWeight is false).
     */
    static int gradientTerms(float[] gs, int go, float[] xs, int xo, float m, float s, float ss, boolean hasWeight,
                             float w, float[][] values, int at, int len) {
        int i = 0;
        for (; i + LANES <= len; i += LANES) {
            FloatVector g = load(gs, go + i);
            FloatVector centered = load(xs, xo + i).sub(m);
            FloatVector gw = hasWeight ? g.mul(w) : g;
            g.intoArray(values[0], at + i);
            g.mul(centered.div(s)).intoArray(values[1], at + i);
            gw.mul(centered).div(ss).neg().intoArray(values[2], at + i);
            gw.div(s).neg().intoArray(values[3], at + i);
        }
        return i;
    }

    /** o[oo + i] = -(t + t), t = scale * (x - m). */
    static int varianceMeanTerms(float[] xs, int xo, float m, float scale, float[] o, int oo, int len) {
        int i = 0;
        for (; i + LANES <= len; i += LANES) {
            FloatVector t = load(xs, xo + i).sub(m).mul(scale);
            t.add(t).neg().intoArray(o, oo + i);
        }
        return i;
    }

    /** o[oo + i] = ((gw / s + a) + (t + t)) + d, gw = g * w (g without a weight), t = scale * (x - m). */
    static int inputGradient(float[] gs, int go, float[] xs, int xo, float m, float s, boolean hasWeight, float w,
                             float scale, float a, float d, float[] o, int oo, int len) {
        int i = 0;
        for (; i + LANES <= len; i += LANES) {
            FloatVector g = load(gs, go + i);
            FloatVector gw = hasWeight ? g.mul(w) : g;
            FloatVector t = load(xs, xo + i).sub(m).mul(scale);
            gw.div(s).add(a).add(t.add(t)).add(d).intoArray(o, oo + i);
        }
        return i;
    }

    // An [N, C] batch's rows (FastBatchNormColumns): channel j's parameters are lane j of [C] arrays.

    /** o[j] = (x - m[j]) * (x - m[j]), x = xs[xAt + j], for j in [from, to); returns where it stopped. */
    static int squaredDeviationColumns(float[] xs, int xAt, float[] m, float[] o, int from, int to) {
        int j = from;
        for (; j + LANES <= to; j += LANES) {
            FloatVector centered = load(xs, xAt + j).sub(load(m, j));
            centered.mul(centered).intoArray(o, j);
        }
        return j;
    }

    /** o[oAt + j] = ((x - m[j]) / s[j]) * w[j] + b[j] for j in [0, c), a null w or b leaving its step out. */
    static int normalizeColumns(float[] xs, int xAt, float[] m, float[] s, float[] w, float[] b, float[] o, int oAt,
                                int c) {
        int j = 0;
        for (; j + LANES <= c; j += LANES) {
            FloatVector v = load(xs, xAt + j).sub(load(m, j)).div(load(s, j));
            if (w != null) {
                v = v.mul(load(w, j));
            }
            if (b != null) {
                v = v.add(load(b, j));
            }
            v.intoArray(o, oAt + j);
        }
        return j;
    }

    /** {@link #gradientTerms} for channels [from, to) of one row, into values[k][j]. */
    static int gradientTermColumns(float[] gs, int gAt, float[] xs, int xAt, float[] m, float[] s, float[] ss,
                                   float[] w, float[][] values, int from, int to) {
        int j = from;
        for (; j + LANES <= to; j += LANES) {
            FloatVector g = load(gs, gAt + j);
            FloatVector centered = load(xs, xAt + j).sub(load(m, j));
            FloatVector sd = load(s, j);
            FloatVector gw = w == null ? g : g.mul(load(w, j));
            g.intoArray(values[0], j);
            g.mul(centered.div(sd)).intoArray(values[1], j);
            gw.mul(centered).div(load(ss, j)).neg().intoArray(values[2], j);
            gw.div(sd).neg().intoArray(values[3], j);
        }
        return j;
    }

    /** o[j] = -(t + t), t = scale[j] * (x - m[j]), for j in [from, to). */
    static int varianceMeanColumns(float[] xs, int xAt, float[] m, float[] scale, float[] o, int from, int to) {
        int j = from;
        for (; j + LANES <= to; j += LANES) {
            FloatVector t = load(xs, xAt + j).sub(load(m, j)).mul(load(scale, j));
            t.add(t).neg().intoArray(o, j);
        }
        return j;
    }

    /** {@link #inputGradient} for one row, channel j's values from lane j of the arrays. */
    static int inputGradientColumns(float[] gs, int gAt, float[] xs, int xAt, float[] m, float[] s, float[] w,
                                    float[] scale, float[] a, float[] d, float[] o, int oAt, int c) {
        int j = 0;
        for (; j + LANES <= c; j += LANES) {
            FloatVector g = load(gs, gAt + j);
            FloatVector gw = w == null ? g : g.mul(load(w, j));
            FloatVector t = load(xs, xAt + j).sub(load(m, j)).mul(load(scale, j));
            gw.div(load(s, j)).add(load(a, j)).add(t.add(t)).add(load(d, j)).intoArray(o, oAt + j);
        }
        return j;
    }

    private static FloatVector load(float[] array, int at) {
        return FloatVector.fromArray(SPECIES, array, at);
    }
}

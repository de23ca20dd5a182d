package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.Operand;

/**
 * The float32 fast path of {@link dev.jgan.core.backend.BatchNormKernels}: batch norm's passes
 * over the batch, each one read of its inputs instead of a chain of tensor ops.
 *
 * <p>Same bits as those tensor ops on this backend. Elementwise, each operation is rounded to
 * float in the same order (Java never fuses a multiply and an add). The per-channel sums follow
 * {@link FastReduce}'s order for a sum over dims 0, 2 and 3: each [H, W] plane is summed by
 * {@link FastReduce#sumFrom}'s definition, and a channel's N plane sums are added in float
 * onto the first one, as FastReduce adds up to {@link FastReduce#ROWS_IN_FLOAT} rows of a middle
 * dim. Each plane's values go through a plane-sized scratch array, so only the kernel's inputs
 * are read from memory. A 2-D [N, C] input (or [N, C, 1, 1]) has planes of one element, which
 * FastReduce adds as they are, image after image: {@link FastBatchNormColumns} walks those rows,
 * a channel per column. The arithmetic of one element is written once, in the static methods
 * below, for every walk; {@link VectorBatchNorm} does the same operations lane by lane.
 *
 * <p>Declined (FastReduce orders those sums differently): batches over ROWS_IN_FLOAT, planes
 * longer than one of FastReduce's float blocks, and one image or one channel (the reduced dims
 * then merge into one long row).
 */
final class FastBatchNorm {
    private static final boolean VECTOR = MicroKernels.VECTOR_API;

    private FastBatchNorm() {
    }

    /** The [N, C, plane] view of an input that these kernels take, or null where they decline. */
    private record Batch(int n, int c, int plane) {
        static Batch of(Operand x) {
            int rank = x.dim();
            if (!(x.storage() instanceof CpuStorage.Floats) || (rank != 2 && rank != 4)) {
                return null;
            }
            int n = x.size(0);
            int c = x.size(1);
            int plane = rank == 4 ? x.size(2) * x.size(3) : 1;
            if (n < 2 || n > FastReduce.ROWS_IN_FLOAT || c < 2 || plane < 1 || plane > FastReduce.BLOCK) {
                return null;
            }
            return new Batch(n, c, plane);
        }

        /** {@link #of} x, where g (the output's gradient) is a float32 tensor of x's shape too. */
        static Batch withGradient(Operand g, Operand x) {
            return g.storage() instanceof CpuStorage.Floats && java.util.Arrays.equals(g.shape(), x.shape()) ? of(x)
                    : null;
        }

        /** Where plane (image, channel) starts in a row-major array. */
        int at(int image, int channel) {
            return (image * c + channel) * plane;
        }
    }

    // The arithmetic of one element, rounded step by step as the tensor ops round it.

    static float squaredDeviation(float x, float m) {
        float centered = x - m;
        return centered * centered;
    }

    static float normalized(float x, float m, float s, boolean hasWeight, float w, boolean hasBias, float b) {
        float v = (x - m) / s;
        if (hasWeight) {
            v = v * w;
        }
        return hasBias ? v + b : v;
    }

    /** g times the weight: the gradient that reaches (x - mean) / std. */
    static float weighted(float g, boolean hasWeight, float w) {
        return hasWeight ? g * w : g;
    }

    /** The weight's term: g * ((x - m) / s). */
    static float normalizedTerm(float g, float x, float m, float s) {
        return g * ((x - m) / s);
    }

    /** The std's term: -((gw * (x - m)) / ss). */
    static float stdTerm(float gw, float x, float m, float ss) {
        return -((gw * (x - m)) / ss);
    }

    /** The mean's term through x - mean: -(gw / s). */
    static float meanTerm(float gw, float s) {
        return -(gw / s);
    }

    /** The mean's term through the variance: -(t + t), t = scale * (x - m). */
    static float varianceMeanTerm(float x, float m, float scale) {
        float t = scale * (x - m);
        return -(t + t);
    }

    static float inputGradient(float gw, float x, float m, float s, float scale, float a, float d) {
        float t = scale * (x - m);
        return ((gw / s + a) + (t + t)) + d;
    }

    static boolean trySquaredDeviationSums(Operand x, Operand mean, Operand out) {
        Batch b = Batch.of(x);
        if (b == null || !floats(mean, out)) {
            return false;
        }
        DenseOperand xDense = DenseOperand.contiguous(x);
        float[] xs = xDense.data();
        float[] m = channels(mean);
        write(b.plane == 1 ? FastBatchNormColumns.squaredDeviationSums(xs, xDense.offset(), b.n, b.c, m)
                : channelSums(b, xDense.offset(), (c, at, values, to) -> {
                    float mc = m[c];
                    int i = VECTOR ? VectorBatchNorm.squaredDeviations(xs, at, mc, values, to, b.plane) : 0;
                    for (; i < b.plane; i++) {
                        values[to + i] = squaredDeviation(xs[at + i], mc);
                    }
                }), out);
        return true;
    }

    static boolean tryNormalize(Operand x, Operand mean, Operand std, Operand weight, Operand bias, Operand out) {
        Batch b = Batch.of(x);
        if (b == null || !floats(mean, std, out) || !floatsOrNull(weight, bias)) {
            return false;
        }
        DenseOperand xDense = DenseOperand.contiguous(x);
        float[] xs = xDense.data();
        int xo = xDense.offset();
        float[] m = channels(mean);
        float[] s = channels(std);
        float[] w = weight == null ? null : channels(weight);
        float[] bi = bias == null ? null : channels(bias);
        Destination dst = Destination.of(out);
        float[] o = dst.data();
        int oo = dst.offset();
        if (b.plane == 1) {
            FastBatchNormColumns.normalize(xs, xo, b.n, b.c, m, s, w, bi, o, oo);
            dst.finish();
            return true;
        }
        Parallel.forRange(b.n * b.c, b.plane, (start, end) -> {
            for (int p = start; p < end; p++) {
                int c = p % b.c;
                float mc = m[c];
                float sc = s[c];
                float wc = w == null ? 1 : w[c];
                float bc = bi == null ? 0 : bi[c];
                int from = p * b.plane;
                int i = VECTOR ? VectorBatchNorm.normalize(xs, xo + from, mc, sc, w != null, wc, bi != null, bc, o,
                        oo + from, b.plane) : 0;
                for (; i < b.plane; i++) {
                    o[oo + from + i] = normalized(xs[xo + from + i], mc, sc, w != null, wc, bi != null, bc);
                }
            }
        });
        dst.finish();
        return true;
    }

    static boolean tryGradientSums(Operand g, Operand x, Operand mean, Operand std, Operand stdSquared,
                                   Operand weight, Operand sumG, Operand sumGNormalized, Operand sumStd,
                                   Operand sumMean) {
        Batch b = Batch.withGradient(g, x);
        if (b == null || !floats(mean, std, stdSquared) || !floatsOrNull(weight, sumG, sumGNormalized, sumStd, sumMean)) {
            return false;
        }
        DenseOperand gd = DenseOperand.contiguous(g);
        DenseOperand xd = DenseOperand.contiguous(x);
        float[] m = channels(mean);
        float[] s = channels(std);
        float[] ss = channels(stdSquared);
        float[] w = weight == null ? null : channels(weight);
        Operand[] outs = {sumG, sumGNormalized, sumStd, sumMean};
        float[][] sums = new float[outs.length][];
        for (int k = 0; k < outs.length; k++) {
            sums[k] = outs[k] == null ? null : new float[b.c];
        }
        if (b.plane == 1) {
            FastBatchNormColumns.gradientSums(gd.data(), gd.offset(), xd.data(), xd.offset(), b.n, b.c, m, s, ss, w,
                    sums);
        } else {
            planeGradientSums(b, gd.data(), gd.offset(), xd.data(), xd.offset(), m, s, ss, w, sums);
        }
        for (int k = 0; k < outs.length; k++) {
            if (sums[k] != null) {
                write(sums[k], outs[k]);
            }
        }
        return true;
    }

    private static void planeGradientSums(Batch b, float[] gs, int go, float[] xs, int xo, float[] m, float[] s,
                                          float[] ss, float[] w, float[][] sums) {
        Parallel.forRange(b.c, 4L * b.n * b.plane, (start, end) -> {
            PlaneRows[] terms = new PlaneRows[sums.length];
            float[][] values = new float[sums.length][];
            for (int k = 0; k < sums.length; k++) {
                terms[k] = new PlaneRows(b);
                values[k] = terms[k].values;
            }
            for (int c = start; c < end; c++) {
                float mc = m[c];
                float sc = s[c];
                float ssc = ss[c];
                float wc = w == null ? 1 : w[c];
                for (int first = 0; first < b.n; first += PlaneRows.GROUP) {
                    int rows = Math.min(PlaneRows.GROUP, b.n - first);
                    for (int r = 0; r < rows; r++) {
                        int xAt = xo + b.at(first + r, c);
                        int gAt = go + b.at(first + r, c);
                        int to = r * b.plane;
                        int i = VECTOR ? VectorBatchNorm.gradientTerms(gs, gAt, xs, xAt, mc, sc, ssc, w != null, wc,
                                values, to, b.plane) : 0;
                        for (; i < b.plane; i++) {
                            float gi = gs[gAt + i];
                            float xi = xs[xAt + i];
                            float gw = weighted(gi, w != null, wc);
                            values[0][to + i] = gi;
                            values[1][to + i] = normalizedTerm(gi, xi, mc, sc);
                            values[2][to + i] = stdTerm(gw, xi, mc, ssc);
                            values[3][to + i] = meanTerm(gw, sc);
                        }
                    }
                    for (int k = 0; k < sums.length; k++) {
                        if (sums[k] != null) {
                            terms[k].addUp(first, rows);
                        }
                    }
                }
                for (int k = 0; k < sums.length; k++) {
                    if (sums[k] != null) {
                        sums[k][c] = terms[k].total;
                    }
                }
            }
        });
    }

    static boolean tryVarianceMeanSums(Operand x, Operand mean, Operand varianceScale, Operand out) {
        Batch b = Batch.of(x);
        if (b == null || !floats(mean, varianceScale, out)) {
            return false;
        }
        DenseOperand xDense = DenseOperand.contiguous(x);
        float[] xs = xDense.data();
        float[] m = channels(mean);
        float[] scale = channels(varianceScale);
        write(b.plane == 1 ? FastBatchNormColumns.varianceMeanSums(xs, xDense.offset(), b.n, b.c, m, scale)
                : channelSums(b, xDense.offset(), (c, at, values, to) -> {
                    float mc = m[c];
                    float sc = scale[c];
                    int i = VECTOR ? VectorBatchNorm.varianceMeanTerms(xs, at, mc, sc, values, to, b.plane) : 0;
                    for (; i < b.plane; i++) {
                        values[to + i] = varianceMeanTerm(xs[at + i], mc, sc);
                    }
                }), out);
        return true;
    }

    static boolean tryInputGradient(Operand g, Operand x, Operand mean, Operand std, Operand weight,
                                    Operand varianceScale, Operand throughMean, Operand throughVarianceMean,
                                    Operand out) {
        Batch b = Batch.withGradient(g, x);
        if (b == null || !floats(mean, std, varianceScale, throughMean, throughVarianceMean, out)
                || !floatsOrNull(weight)) {
            return false;
        }
        DenseOperand gd = DenseOperand.contiguous(g);
        float[] gs = gd.data();
        int go = gd.offset();
        DenseOperand xd = DenseOperand.contiguous(x);
        float[] xs = xd.data();
        int xo = xd.offset();
        float[] m = channels(mean);
        float[] s = channels(std);
        float[] w = weight == null ? null : channels(weight);
        float[] scale = channels(varianceScale);
        float[] viaMean = channels(throughMean);
        float[] viaVarianceMean = channels(throughVarianceMean);
        Destination dst = Destination.of(out);
        float[] o = dst.data();
        int oo = dst.offset();
        if (b.plane == 1) {
            FastBatchNormColumns.inputGradient(gs, go, xs, xo, b.n, b.c, m, s, w, scale, viaMean, viaVarianceMean, o, oo);
            dst.finish();
            return true;
        }
        Parallel.forRange(b.n * b.c, 2L * b.plane, (start, end) -> {
            for (int p = start; p < end; p++) {
                int c = p % b.c;
                float mc = m[c];
                float sc = s[c];
                float wc = w == null ? 1 : w[c];
                float scaleC = scale[c];
                float a = viaMean[c];
                float d = viaVarianceMean[c];
                int from = p * b.plane;
                int i = VECTOR ? VectorBatchNorm.inputGradient(gs, go + from, xs, xo + from, mc, sc, w != null, wc,
                        scaleC, a, d, o, oo + from, b.plane) : 0;
                for (; i < b.plane; i++) {
                    float gw = weighted(gs[go + from + i], w != null, wc);
                    o[oo + from + i] = inputGradient(gw, xs[xo + from + i], mc, sc, scaleC, a, d);
                }
            }
        });
        dst.finish();
        return true;
    }

    /** Writes one plane's values into {@code values} from {@code to} on: plane (image, channel) starts at {@code at}. */
    @FunctionalInterface
    private interface PlaneTerms {
        void fill(int channel, int at, float[] values, int to);
    }

    /** Each channel's sum of the values {@code terms} gives for its planes, in FastReduce's order. */
    private static float[] channelSums(Batch b, int xo, PlaneTerms terms) {
        float[] sums = new float[b.c];
        Parallel.forRange(b.c, (long) b.n * b.plane, (start, end) -> {
            PlaneRows rows = new PlaneRows(b);
            for (int c = start; c < end; c++) {
                for (int first = 0; first < b.n; first += PlaneRows.GROUP) {
                    int count = Math.min(PlaneRows.GROUP, b.n - first);
                    for (int r = 0; r < count; r++) {
                        terms.fill(c, xo + b.at(first + r, c), rows.values, r * b.plane);
                    }
                    rows.addUp(first, count);
                }
                sums[c] = rows.total;
            }
        });
        return sums;
    }

    /**
     * Scratch rows for up to {@link #GROUP} planes (of two or more elements) of one channel's
     * values, and the channel's running total: each plane summed in FastReduce's order (eight rows side by side on SIMD
     * registers where FastReduce uses them; the bits are the same either way), the plane sums
     * added in image order onto the first.
     */
    private static final class PlaneRows {
        static final int GROUP = 8;
        final float[] values;
        private final float[] planeSums = new float[GROUP];
        private final Batch b;
        private final boolean onRegisters;
        float total;

        PlaneRows(Batch b) {
            this.b = b;
            // The padding lets the registers step over the last row's end (see VectorArithmetic.rowSums).
            this.values = new float[GROUP * b.plane + MicroKernels.lanes()];
            this.onRegisters = VECTOR && VectorArithmetic.holdsRowStep() && b.plane >= FastReduce.VECTOR_ROW_MIN;
        }

        /** Adds the sums of rows [0, rows), planes first .. first + rows - 1 of the channel, onto the total. */
        void addUp(int first, int rows) {
            if (onRegisters) {
                VectorArithmetic.rowSums(values, 0, b.plane, rows, b.plane, planeSums, 0);
            } else {
                for (int r = 0; r < rows; r++) {
                    planeSums[r] = FastReduce.sumFrom(0, 0, 0, 0, 0, 0, 0, 0, values, r * b.plane, 0, b.plane);
                }
            }
            for (int r = 0; r < rows; r++) {
                total = first + r == 0 ? planeSums[r] : total + planeSums[r];
            }
        }
    }

    private static boolean floats(Operand... operands) {
        for (Operand t : operands) {
            if (t == null || !(t.storage() instanceof CpuStorage.Floats)) {
                return false;
            }
        }
        return true;
    }

    private static boolean floatsOrNull(Operand... operands) {
        for (Operand t : operands) {
            if (t != null && !(t.storage() instanceof CpuStorage.Floats)) {
                return false;
            }
        }
        return true;
    }

    /** A [C] vector's values, in order. */
    private static float[] channels(Operand v) {
        return v.isContiguous() && v.offset() == 0 && ((CpuStorage.Floats) v.storage()).data().length == v.numel()
                ? ((CpuStorage.Floats) v.storage()).data() : StridedCopy.packed(v);
    }

    private static void write(float[] sums, Operand out) {
        Destination dst = Destination.of(out);
        System.arraycopy(sums, 0, dst.data(), dst.offset(), sums.length);
        dst.finish();
    }
}

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
 * are read from memory. A 2-D [N, C] input has planes of one element, summed as they are.
 *
 * <p>Declined (FastReduce orders those sums differently): batches over ROWS_IN_FLOAT, planes
 * longer than one of FastReduce's float blocks, and one image or one channel (the reduced dims
 * then merge into one long row).
 */
final class FastBatchNorm {
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

        /** Where plane (image, channel) starts in a row-major array. */
        int at(int image, int channel) {
            return (image * c + channel) * plane;
        }

        /** A plane's sum in FastReduce's order; a one-element plane is its element (FastReduce then skips that step). */
        float planeSum(float[] values) {
            return plane == 1 ? values[0] : FastReduce.sumFrom(0, 0, 0, 0, 0, 0, 0, 0, values, 0, 0, plane);
        }
    }

    static boolean trySquaredDeviationSums(Operand x, Operand mean, Operand out) {
        Batch b = Batch.of(x);
        if (b == null || !floats(mean, out)) {
            return false;
        }
        DenseOperand xDense = DenseOperand.contiguous(x);
        float[] xs = xDense.data();
        int xo = xDense.offset();
        float[] m = channels(mean);
        float[] sums = new float[b.c];
        Parallel.forRange(b.c, (long) b.n * b.plane, (start, end) -> {
            float[] squares = new float[b.plane];
            for (int c = start; c < end; c++) {
                float mc = m[c];
                float total = 0;
                for (int image = 0; image < b.n; image++) {
                    int at = xo + b.at(image, c);
                    for (int i = 0; i < b.plane; i++) {
                        float centered = xs[at + i] - mc;
                        squares[i] = centered * centered;
                    }
                    float s = b.planeSum(squares);
                    total = image == 0 ? s : total + s;
                }
                sums[c] = total;
            }
        });
        write(sums, out);
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
        Parallel.forRange(b.n * b.c, b.plane, (start, end) -> {
            for (int p = start; p < end; p++) {
                int c = p % b.c;
                float mc = m[c];
                float sc = s[c];
                int from = p * b.plane;
                for (int i = from; i < from + b.plane; i++) {
                    float v = (xs[xo + i] - mc) / sc;
                    if (w != null) {
                        v = v * w[c];
                    }
                    if (bi != null) {
                        v = v + bi[c];
                    }
                    o[oo + i] = v;
                }
            }
        });
        dst.finish();
        return true;
    }

    static boolean tryGradientSums(Operand g, Operand x, Operand mean, Operand std, Operand stdSquared,
                                   Operand weight, Operand sumG, Operand sumGNormalized, Operand sumStd,
                                   Operand sumMean) {
        Batch b = Batch.of(x);
        if (b == null || !java.util.Arrays.equals(g.shape(), x.shape()) || !floats(g, mean, std, stdSquared)
                || !floatsOrNull(weight, sumG, sumGNormalized, sumStd, sumMean)) {
            return false;
        }
        DenseOperand gDense = DenseOperand.contiguous(g);
        float[] gs = gDense.data();
        int go = gDense.offset();
        DenseOperand xDense = DenseOperand.contiguous(x);
        float[] xs = xDense.data();
        int xo = xDense.offset();
        float[] m = channels(mean);
        float[] s = channels(std);
        float[] ss = channels(stdSquared);
        float[] w = weight == null ? null : channels(weight);
        float[][] sums = new float[4][];
        Operand[] outs = {sumG, sumGNormalized, sumStd, sumMean};
        for (int k = 0; k < 4; k++) {
            sums[k] = outs[k] == null ? null : new float[b.c];
        }
        Parallel.forRange(b.c, 4L * b.n * b.plane, (start, end) -> {
            float[][] values = new float[4][b.plane];
            for (int c = start; c < end; c++) {
                float mc = m[c];
                float sc = s[c];
                float ssc = ss[c];
                float[] total = new float[4];
                for (int image = 0; image < b.n; image++) {
                    int xAt = xo + b.at(image, c);
                    int gAt = go + b.at(image, c);
                    for (int i = 0; i < b.plane; i++) {
                        float gi = gs[gAt + i];
                        float centered = xs[xAt + i] - mc;
                        float gw = w == null ? gi : gi * w[c];
                        values[0][i] = gi;
                        values[1][i] = gi * (centered / sc);
                        values[2][i] = -((gw * centered) / ssc);
                        values[3][i] = -(gw / sc);
                    }
                    for (int k = 0; k < 4; k++) {
                        if (sums[k] != null) {
                            float plane = b.planeSum(values[k]);
                            total[k] = image == 0 ? plane : total[k] + plane;
                        }
                    }
                }
                for (int k = 0; k < 4; k++) {
                    if (sums[k] != null) {
                        sums[k][c] = total[k];
                    }
                }
            }
        });
        for (int k = 0; k < 4; k++) {
            if (sums[k] != null) {
                write(sums[k], outs[k]);
            }
        }
        return true;
    }

    static boolean tryVarianceMeanSums(Operand x, Operand mean, Operand varianceScale, Operand out) {
        Batch b = Batch.of(x);
        if (b == null || !floats(mean, varianceScale, out)) {
            return false;
        }
        DenseOperand xDense = DenseOperand.contiguous(x);
        float[] xs = xDense.data();
        int xo = xDense.offset();
        float[] m = channels(mean);
        float[] scale = channels(varianceScale);
        float[] sums = new float[b.c];
        Parallel.forRange(b.c, (long) b.n * b.plane, (start, end) -> {
            float[] values = new float[b.plane];
            for (int c = start; c < end; c++) {
                float mc = m[c];
                float sc = scale[c];
                float total = 0;
                for (int image = 0; image < b.n; image++) {
                    int at = xo + b.at(image, c);
                    for (int i = 0; i < b.plane; i++) {
                        float t = sc * (xs[at + i] - mc);
                        values[i] = -(t + t);
                    }
                    float plane = b.planeSum(values);
                    total = image == 0 ? plane : total + plane;
                }
                sums[c] = total;
            }
        });
        write(sums, out);
        return true;
    }

    static boolean tryInputGradient(Operand g, Operand x, Operand mean, Operand std, Operand weight,
                                    Operand varianceScale, Operand throughMean, Operand throughVarianceMean,
                                    Operand out) {
        Batch b = Batch.of(x);
        if (b == null || !java.util.Arrays.equals(g.shape(), x.shape())
                || !floats(g, mean, std, varianceScale, throughMean, throughVarianceMean, out)
                || !floatsOrNull(weight)) {
            return false;
        }
        DenseOperand gDense = DenseOperand.contiguous(g);
        float[] gs = gDense.data();
        int go = gDense.offset();
        DenseOperand xDense = DenseOperand.contiguous(x);
        float[] xs = xDense.data();
        int xo = xDense.offset();
        float[] m = channels(mean);
        float[] s = channels(std);
        float[] w = weight == null ? null : channels(weight);
        float[] scale = channels(varianceScale);
        float[] viaMean = channels(throughMean);
        float[] viaVarianceMean = channels(throughVarianceMean);
        Destination dst = Destination.of(out);
        float[] o = dst.data();
        int oo = dst.offset();
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
                for (int i = from; i < from + b.plane; i++) {
                    float gi = gs[go + i];
                    float gw = w == null ? gi : gi * wc;
                    float t = scaleC * (xs[xo + i] - mc);
                    o[oo + i] = ((gw / sc + a) + (t + t)) + d;
                }
            }
        });
        dst.finish();
        return true;
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

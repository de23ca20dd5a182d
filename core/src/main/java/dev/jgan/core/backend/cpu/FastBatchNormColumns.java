package dev.jgan.core.backend.cpu;

/**
 * {@link FastBatchNorm}'s passes over an [N, C] batch, whose planes are single elements: a
 * channel is a column of the row-major array. Walking channel by channel would read one float
 * per image at a stride of C; these walk row by row instead, each channel's parameters taken
 * from [C] arrays, as FastReduce's sum over a middle dim walks rows: a channel's sum starts from
 * the first image's value and adds the next images' in order, in float (the batch holds at most
 * {@link FastReduce#ROWS_IN_FLOAT} images). The per-element arithmetic is FastBatchNorm's.
 */
final class FastBatchNormColumns {
    private static final boolean VECTOR = MicroKernels.VECTOR_API;

    private FastBatchNormColumns() {
    }

    static float[] squaredDeviationSums(float[] xs, int xo, int n, int c, float[] m) {
        return columnSums(n, c, (image, values, from, to) -> {
            int at = xo + image * c;
            int j = VECTOR ? VectorBatchNorm.squaredDeviationColumns(xs, at, m, values, from, to) : from;
            for (; j < to; j++) {
                values[j] = FastBatchNorm.squaredDeviation(xs[at + j], m[j]);
            }
        });
    }

    static void normalize(float[] xs, int xo, int n, int c, float[] m, float[] s, float[] w, float[] b, float[] o,
                          int oo) {
        Parallel.forRange(n, c, (start, end) -> {
            for (int image = start; image < end; image++) {
                int xAt = xo + image * c;
                int oAt = oo + image * c;
                int j = VECTOR ? VectorBatchNorm.normalizeColumns(xs, xAt, m, s, w, b, o, oAt, c) : 0;
                for (; j < c; j++) {
                    o[oAt + j] = FastBatchNorm.normalized(xs[xAt + j], m[j], s[j], w != null, w == null ? 1 : w[j],
                            b != null, b == null ? 0 : b[j]);
                }
            }
        });
    }

    /** The four sums of {@link FastBatchNorm#tryGradientSums}, each computed where its array is not null. */
    static void gradientSums(float[] gs, int go, float[] xs, int xo, int n, int c, float[] m, float[] s, float[] ss,
                             float[] w, float[][] sums) {
        Parallel.forRange(pieces(c), 4L * n * FastReduce.COLUMNS, (start, end) -> {
            float[][] values = new float[sums.length][c];
            for (int piece = start; piece < end; piece++) {
                int from = piece * FastReduce.COLUMNS;
                int to = Math.min(c, from + FastReduce.COLUMNS);
                for (int image = 0; image < n; image++) {
                    int gAt = go + image * c;
                    int xAt = xo + image * c;
                    int j = VECTOR ? VectorBatchNorm.gradientTermColumns(gs, gAt, xs, xAt, m, s, ss, w, values, from, to)
                            : from;
                    for (; j < to; j++) {
                        float gj = gs[gAt + j];
                        float xj = xs[xAt + j];
                        float gw = FastBatchNorm.weighted(gj, w != null, w == null ? 1 : w[j]);
                        values[0][j] = gj;
                        values[1][j] = FastBatchNorm.normalizedTerm(gj, xj, m[j], s[j]);
                        values[2][j] = FastBatchNorm.stdTerm(gw, xj, m[j], ss[j]);
                        values[3][j] = FastBatchNorm.meanTerm(gw, s[j]);
                    }
                    for (int k = 0; k < sums.length; k++) {
                        if (sums[k] != null) {
                            addRow(values[k], image, sums[k], from, to);
                        }
                    }
                }
            }
        });
    }

    static float[] varianceMeanSums(float[] xs, int xo, int n, int c, float[] m, float[] scale) {
        return columnSums(n, c, (image, values, from, to) -> {
            int at = xo + image * c;
            int j = VECTOR ? VectorBatchNorm.varianceMeanColumns(xs, at, m, scale, values, from, to) : from;
            for (; j < to; j++) {
                values[j] = FastBatchNorm.varianceMeanTerm(xs[at + j], m[j], scale[j]);
            }
        });
    }

    static void inputGradient(float[] gs, int go, float[] xs, int xo, int n, int c, float[] m, float[] s, float[] w,
                              float[] scale, float[] a, float[] d, float[] o, int oo) {
        Parallel.forRange(n, 2L * c, (start, end) -> {
            for (int image = start; image < end; image++) {
                int gAt = go + image * c;
                int xAt = xo + image * c;
                int oAt = oo + image * c;
                int j = VECTOR ? VectorBatchNorm.inputGradientColumns(gs, gAt, xs, xAt, m, s, w, scale, a, d, o, oAt, c)
                        : 0;
                for (; j < c; j++) {
                    float gw = FastBatchNorm.weighted(gs[gAt + j], w != null, w == null ? 1 : w[j]);
                    o[oAt + j] = FastBatchNorm.inputGradient(gw, xs[xAt + j], m[j], s[j], scale[j], a[j], d[j]);
                }
            }
        });
    }

    /** Writes channels [from, to) of one image's values into {@code values[from, to)}. */
    @FunctionalInterface
    private interface RowTerms {
        void fill(int image, float[] values, int from, int to);
    }

    /** Each channel's sum of the values {@code terms} gives, image after image, in FastReduce's order. */
    private static float[] columnSums(int n, int c, RowTerms terms) {
        float[] sums = new float[c];
        Parallel.forRange(pieces(c), (long) n * FastReduce.COLUMNS, (start, end) -> {
            float[] values = new float[c];
            for (int piece = start; piece < end; piece++) {
                int from = piece * FastReduce.COLUMNS;
                int to = Math.min(c, from + FastReduce.COLUMNS);
                for (int image = 0; image < n; image++) {
                    terms.fill(image, values, from, to);
                    addRow(values, image, sums, from, to);
                }
            }
        });
        return sums;
    }

    private static int pieces(int c) {
        return (c + FastReduce.COLUMNS - 1) / FastReduce.COLUMNS;
    }

    /** The first image's values start the sums of channels [from, to); later images' are added on. */
    private static void addRow(float[] values, int image, float[] sums, int from, int to) {
        if (image == 0) {
            System.arraycopy(values, from, sums, from, to - from);
            return;
        }
        for (int j = from; j < to; j++) {
            sums[j] += values[j];
        }
    }
}

package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;

/**
 * The float32 fast path of softmax and log-softmax along the last dim, the layout of class
 * scores. It does the reference's arithmetic (max, then exp and sum in double, then divide or
 * subtract the log) in the same order, so results match it; what it saves is the index walk and
 * the virtual reads, and rows are split across the cores.
 */
final class FastSoftmax {
    /** exp per element dominates: weigh a row by its length times the cost of an exp. */
    private static final long EXP_COST = 16;

    private FastSoftmax() {
    }

    /** Softmax (log: log-softmax) along dim; false (nothing done) unless float32 along the last dim. */
    static boolean tryRun(Tensor x, int dim, boolean log, Tensor out) {
        if (!(x.storage() instanceof CpuStorage.Floats) || !(out.storage() instanceof CpuStorage.Floats)
                || dim != x.dim() - 1 || x.numel() == 0) {
            return false;
        }
        int len = x.size(dim);
        int rows = x.numel() / len;
        DenseOperand in = DenseOperand.contiguous(x);
        Destination dst = Destination.of(out);
        Parallel.forRange(rows, len * EXP_COST, (start, end) -> {
            double[] exps = new double[len];
            for (int r = start; r < end; r++) {
                row(in.data(), in.offset() + r * len, dst.data(), dst.offset() + r * len, len, log, exps);
            }
        });
        dst.finish();
        return true;
    }

    private static void row(float[] x, int xo, float[] o, int oo, int len, boolean log, double[] exps) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            max = Math.max(max, x[xo + j]);
        }
        double sum = 0;
        for (int j = 0; j < len; j++) {
            exps[j] = Math.exp(x[xo + j] - max);
            sum += exps[j];
        }
        if (log) {
            double logSum = Math.log(sum);
            for (int j = 0; j < len; j++) {
                o[oo + j] = (float) (x[xo + j] - max - logSum);
            }
        } else {
            for (int j = 0; j < len; j++) {
                o[oo + j] = (float) (exps[j] / sum);
            }
        }
    }
}

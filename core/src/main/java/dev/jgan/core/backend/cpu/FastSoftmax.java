package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.Operand;

/**
 * The float32 fast path of softmax and log-softmax along the last dim, the layout of class
 * scores: {@link Float32Math#softmaxRow}, the float32 definition that the reference loop runs
 * too, here on whole registers ({@link VectorFloat32Math#softmaxRow}, the same bits), without the
 * index walk and the virtual reads, and with rows split across the cores.
 */
final class FastSoftmax {
    /** exp per element dominates: weigh a row by its length times the cost of an exp. */
    private static final long EXP_COST = 16;

    private FastSoftmax() {
    }

    /** Softmax (log: log-softmax) along dim; false (nothing done) unless float32 along the last dim. */
    static boolean tryRun(Operand x, int dim, boolean log, Operand out) {
        if (!(x.storage() instanceof CpuStorage.Floats) || !(out.storage() instanceof CpuStorage.Floats)
                || dim != x.dim() - 1 || x.numel() == 0) {
            return false;
        }
        int len = x.size(dim);
        int rows = x.numel() / len;
        DenseOperand in = DenseOperand.contiguous(x);
        Destination dst = Destination.of(out);
        Parallel.forRange(rows, len * EXP_COST, (start, end) -> {
            float[] exps = new float[len];
            for (int r = start; r < end; r++) {
                int xo = in.offset() + r * len;
                int oo = dst.offset() + r * len;
                if (MicroKernels.VECTOR_API) {
                    VectorFloat32Math.softmaxRow(in.data(), xo, dst.data(), oo, len, log, exps);
                } else {
                    Float32Math.softmaxRow(in.data(), xo, dst.data(), oo, len, log, exps);
                }
            }
        });
        dst.finish();
        return true;
    }
}

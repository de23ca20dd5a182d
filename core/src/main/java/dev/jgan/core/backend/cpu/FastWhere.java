package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.Operand;

/**
 * The float32 fast path of where: one select loop over row-major arrays. Operands that are not
 * contiguous (broadcast scalars, masks, views) are packed first; where is cheap next to the ops
 * around it, so one loop is enough. Operands at other offsets than the output are staged
 * ({@link Staging}).
 */
final class FastWhere {
    private FastWhere() {
    }

    /** out = cond != 0 ? a : b; false (nothing done) unless all four are float32. */
    static boolean tryRun(Operand cond, Operand a, Operand b, Operand out) {
        if (!(cond.storage() instanceof CpuStorage.Floats) || !(a.storage() instanceof CpuStorage.Floats)
                || !(b.storage() instanceof CpuStorage.Floats) || !(out.storage() instanceof CpuStorage.Floats)) {
            return false;
        }
        DenseOperand c = DenseOperand.contiguous(cond);
        DenseOperand x = DenseOperand.contiguous(a);
        DenseOperand y = DenseOperand.contiguous(b);
        Destination dst = Destination.of(out);
        int oo = dst.offset();
        Parallel.forRange(out.numel(), 1, (start, end) -> {
            if (c.offset() == oo && x.offset() == oo && y.offset() == oo) {
                select(c.data(), x.data(), y.data(), dst.data(), oo + start, oo + end);
                return;
            }
            int size = Math.min(Staging.PIECE, end - start);
            float[] sc = new float[size];
            float[] sa = new float[size];
            float[] sb = new float[size];
            for (int p = start; p < end; p += size) {
                int n = Math.min(size, end - p);
                System.arraycopy(c.data(), c.offset() + p, sc, 0, n);
                System.arraycopy(x.data(), x.offset() + p, sa, 0, n);
                System.arraycopy(y.data(), y.offset() + p, sb, 0, n);
                select(sc, sa, sb, sa, 0, n);
                System.arraycopy(sa, 0, dst.data(), oo + p, n);
            }
        });
        dst.finish();
        return true;
    }

    /** o[i] = c[i] != 0 ? a[i] : b[i]; NaN != 0, so a NaN condition selects a, as in the reference. */
    private static void select(float[] c, float[] a, float[] b, float[] o, int from, int to) {
        for (int i = from; i < to; i++) {
            o[i] = c[i] != 0 ? a[i] : b[i];
        }
    }
}

package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;

/**
 * The float32 fast path of where: one select loop over row-major arrays. Operands that are not
 * contiguous (broadcast scalars, masks, views) are packed first; where is cheap next to the ops
 * around it, so one loop is enough.
 */
final class FastWhere {
    private FastWhere() {
    }

    /** out = cond != 0 ? a : b; false (nothing done) unless all four are float32. */
    static boolean tryRun(Tensor cond, Tensor a, Tensor b, Tensor out) {
        if (!(cond.storage() instanceof CpuStorage.Floats) || !(a.storage() instanceof CpuStorage.Floats)
                || !(b.storage() instanceof CpuStorage.Floats) || !(out.storage() instanceof CpuStorage.Floats)) {
            return false;
        }
        DenseOperand c = DenseOperand.contiguous(cond);
        DenseOperand x = DenseOperand.contiguous(a);
        DenseOperand y = DenseOperand.contiguous(b);
        Destination dst = Destination.of(out);
        Parallel.forRange(out.numel(), 1, (start, end) -> select(c.data(), c.offset() + start, x.data(),
                x.offset() + start, y.data(), y.offset() + start, dst.data(), dst.offset() + start, end - start));
        dst.finish();
        return true;
    }

    /** NaN != 0, so a NaN condition selects a, as in the reference. */
    private static void select(float[] c, int co, float[] a, int ao, float[] b, int bo, float[] o, int oo, int n) {
        for (int i = 0; i < n; i++) {
            o[oo + i] = c[co + i] != 0 ? a[ao + i] : b[bo + i];
        }
    }
}

package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.Device;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.BatchNormKernels;
import dev.jgan.core.backend.BatchSummedMatmulKernel;
import dev.jgan.core.backend.FusedOptimizerKernels;
import dev.jgan.core.backend.Operand;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.backend.ScopedMemory;
import dev.jgan.core.backend.Storage;
import dev.jgan.core.backend.UnaryOp;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The pure-Java backend: CPU memory, and for each kernel the choice between its float32 fast
 * path (direct array loops, blocking, threads: the Fast* classes, {@link PackedMatmul},
 * {@link FastOptimizerLoops}) and its plain loop in {@link ReferenceKernels}, which defines what
 * the kernel computes. A fast path takes the case when it can and must give the loop's bits or
 * stay within the tolerance its tests state; {@link #reference()} runs the loops alone, for every
 * kernel.
 *
 * <p>Memory: storages come from a {@link CpuMemoryPool}, so a new one may hold old values (every
 * kernel writes all of its output). Scopes ({@link ScopedMemory}, {@link #openScope()}) give the
 * arrays of what was allocated in them back to the pool; without one, arrays are left to the
 * garbage collector as plain Java arrays are.
 */
public final class CpuBackend implements Backend, FusedOptimizerKernels, BatchSummedMatmulKernel, BatchNormKernels,
        ScopedMemory {
    /** False for {@link #reference()}: every kernel then runs its plain loop. */
    private final boolean fastPaths;
    private final CpuMemoryPool pool = CpuMemoryPool.fromSystemProperties();
    private final ThreadLocal<ArrayDeque<CpuMemoryScope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

    /** The backend with its float32 fast paths (see the Fast* classes and {@link PackedMatmul}). */
    public CpuBackend() {
        this(true);
    }

    private CpuBackend(boolean fastPaths) {
        this.fastPaths = fastPaths;
    }

    /** A backend that runs only the reference loops: the oracle that tests and benchmarks compare the fast paths with. */
    public static CpuBackend reference() {
        return new CpuBackend(false);
    }

    @Override
    public Device device() {
        return Device.CPU;
    }

    /** A storage from the pool: its contents are unspecified (see the class comment). */
    @Override
    public Storage allocate(DType dtype, int numel) {
        return adoptedByScope(dtype == DType.FLOAT32 ? new CpuStorage.Floats(this, pool.floats(numel))
                : new CpuStorage.Doubles(this, pool.doubles(numel)));
    }

    @Override
    public Storage fromArray(float[] data) {
        float[] copy = pool.floats(data.length);
        System.arraycopy(data, 0, copy, 0, data.length);
        return adoptedByScope(new CpuStorage.Floats(this, copy));
    }

    @Override
    public Storage fromArray(double[] data) {
        double[] copy = pool.doubles(data.length);
        System.arraycopy(data, 0, copy, 0, data.length);
        return adoptedByScope(new CpuStorage.Doubles(this, copy));
    }

    private CpuStorage adoptedByScope(CpuStorage storage) {
        CpuMemoryScope scope = scopes.get().peek();
        if (scope != null) {
            scope.adopt(storage);
        }
        return storage;
    }

    /**
     * Opens a scope on the calling thread: what is allocated on this thread until it closes goes
     * back to the pool then (see {@link CpuMemoryScope}). Scopes nest.
     */
    @Override
    public CpuMemoryScope openScope() {
        return new CpuMemoryScope(pool, scopes.get());
    }

    @Override
    public boolean hasOpenScope() {
        return !scopes.get().isEmpty();
    }

    /** The arrays this backend keeps for reuse: their counters, cap and {@link CpuMemoryPool#emptyCache()}. */
    public CpuMemoryPool memoryPool() {
        return pool;
    }

    @Override
    public double[] toDoubleArray(Operand t) {
        CpuStorage s = storage(t);
        int[] pos = StridedIndex.of(t);
        double[] out = new double[pos.length];
        for (int i = 0; i < pos.length; i++) {
            out[i] = s.get(pos[i]);
        }
        return out;
    }

    @Override
    public float[] toFloatArray(Operand t) {
        CpuStorage s = storage(t);
        int[] pos = StridedIndex.of(t);
        float[] out = new float[pos.length];
        for (int i = 0; i < pos.length; i++) {
            out[i] = (float) s.get(pos[i]);
        }
        return out;
    }

    @Override
    public void fill(Operand out, double value) {
        if (fastPaths && StridedCopy.tryFill(out, value)) {
            return;
        }
        ReferenceKernels.fill(out, value);
    }

    @Override
    public void copy(Operand src, Operand dst) {
        if (fastPaths && StridedCopy.tryCopy(src, dst)) {
            return;
        }
        ReferenceKernels.copy(src, dst);
    }

    @Override
    public void unary(UnaryOp op, Operand x, Operand out, double p1, double p2) {
        if (fastPaths && FastUnary.tryRun(op, x, out, p1, p2)) {
            return;
        }
        ReferenceKernels.unary(op, x, out, p1, p2);
    }

    @Override
    public void binary(BinaryOp op, Operand a, Operand b, Operand out) {
        if (fastPaths && FastBinary.tryRun(op, a, b, out)) {
            return;
        }
        ReferenceKernels.binary(op, a, b, out);
    }

    @Override
    public void where(Operand cond, Operand a, Operand b, Operand out) {
        if (fastPaths && FastWhere.tryRun(cond, a, b, out)) {
            return;
        }
        ReferenceKernels.where(cond, a, b, out);
    }

    @Override
    public void reduce(ReduceOp op, Operand x, boolean[] reduced, Operand out) {
        if (fastPaths && FastReduce.tryRun(op, x, reduced, out)) {
            return;
        }
        ReferenceKernels.reduce(op, x, reduced, out);
    }

    @Override
    public void matmul(Operand a, Operand b, Operand out) {
        if (fastPaths && out.dtype() == DType.FLOAT32 && a.storage() instanceof CpuStorage.Floats
                && b.storage() instanceof CpuStorage.Floats) {
            matmulFloat(a, b, out);
        } else {
            ReferenceKernels.matmul(a, b, out);
        }
    }

    /**
     * The fast backend streams float32 products into their sum ({@link BatchSummedMatmul}); the
     * reference declines, so its callers keep the plain matmul and sum.
     */
    @Override
    public boolean tryMatmulSummedOverBatch(Operand a, Operand b, Operand out) {
        return fastPaths && BatchSummedMatmul.tryRun(a, b, out);
    }

    @Override
    public boolean trySquaredDeviationSums(Operand x, Operand mean, Operand out) {
        return fastPaths && FastBatchNorm.trySquaredDeviationSums(x, mean, out);
    }

    @Override
    public boolean tryNormalize(Operand x, Operand mean, Operand std, Operand weight, Operand bias, Operand out) {
        return fastPaths && FastBatchNorm.tryNormalize(x, mean, std, weight, bias, out);
    }

    @Override
    public boolean tryGradientSums(Operand g, Operand x, Operand mean, Operand std, Operand stdSquared, Operand weight,
                                   Operand sumG, Operand sumGNormalized, Operand sumStd, Operand sumMean) {
        return fastPaths && FastBatchNorm.tryGradientSums(g, x, mean, std, stdSquared, weight, sumG, sumGNormalized,
                sumStd, sumMean);
    }

    @Override
    public boolean tryVarianceMeanSums(Operand x, Operand mean, Operand varianceScale, Operand out) {
        return fastPaths && FastBatchNorm.tryVarianceMeanSums(x, mean, varianceScale, out);
    }

    @Override
    public boolean tryInputGradient(Operand g, Operand x, Operand mean, Operand std, Operand weight,
                                    Operand varianceScale, Operand throughMean, Operand throughVarianceMean,
                                    Operand out) {
        return fastPaths && FastBatchNorm.tryInputGradient(g, x, mean, std, weight, varianceScale, throughMean,
                throughVarianceMean, out);
    }

    /**
     * The float32 fast path: each batch's operands are read in place through their strides
     * ({@code A^T} and {@code B^T} cost no copy, {@link PackedMatmul} packs them anyway); only an
     * output that is not row-major goes through a scratch array.
     */
    private void matmulFloat(Operand a, Operand b, Operand out) {
        int rank = a.dim();
        int m = a.size(rank - 2);
        int k = a.size(rank - 1);
        int n = b.size(rank - 1);
        int[] batchShape = Arrays.copyOf(out.shape(), rank - 2);
        int[] aBase = StridedIndex.matrixStarts(a, batchShape);
        int[] bBase = StridedIndex.matrixStarts(b, batchShape);
        int[] oBase = StridedIndex.matrixStarts(out, batchShape);
        boolean outRowMajor = rowMajor(out, m, n);
        float[] result = outRowMajor ? null : new float[m * n];
        for (int batch = 0; batch < aBase.length; batch++) {
            float[] cData = outRowMajor ? floats(out) : result;
            int cOff = outRowMajor ? oBase[batch] : 0;
            PackedMatmul.DEFAULT.multiply(floats(a), aBase[batch], a.stride(rank - 2), a.stride(rank - 1),
                    floats(b), bBase[batch], b.stride(rank - 2), b.stride(rank - 1), cData, cOff, m, k, n);
            if (!outRowMajor) {
                CpuStorage os = storage(out);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        os.set(oBase[batch] + i * out.stride(rank - 2) + j * out.stride(rank - 1), result[i * n + j]);
                    }
                }
            }
        }
    }

    private static boolean rowMajor(Operand t, int rows, int cols) {
        int rank = t.dim();
        return t.storage() instanceof CpuStorage.Floats
                && (cols == 1 || t.stride(rank - 1) == 1)
                && (rows == 1 || t.stride(rank - 2) == cols);
    }

    private static float[] floats(Operand t) {
        return ((CpuStorage.Floats) t.storage()).data();
    }

    /** float32 rows follow {@link Float32Math#softmaxRow}, the fast path's definition; float64 rows are summed in double. */
    @Override
    public void softmax(Operand x, int dim, boolean log, Operand out) {
        if (fastPaths && FastSoftmax.tryRun(x, dim, log, out)) {
            return;
        }
        ReferenceKernels.softmax(x, dim, log, out);
    }

    @Override
    public void philoxUniform(Operand out, long seed, long offset, double low, double high) {
        ReferenceKernels.philoxUniform(out, seed, offset, low, high);
    }

    @Override
    public void philoxNormal(Operand out, long seed, long offset, double mean, double std) {
        if (fastPaths && FastRandom.tryNormal(out, seed, offset, mean, std)) {
            return;
        }
        ReferenceKernels.philoxNormal(out, seed, offset, mean, std);
    }

    private static CpuStorage storage(Operand t) {
        CpuStorage storage = (CpuStorage) t.storage();
        storage.checkLive();
        return storage;
    }

    @Override
    public String toString() {
        return "cpu backend";
    }

    @Override
    public void im2col(Operand x, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, Operand out) {
        if (fastPaths && FastWindows.tryIm2col(x, kh, kw, sh, sw, ph, pw, dh, dw, out)) {
            return;
        }
        ReferenceKernels.im2col(x, kh, kw, sh, sw, ph, pw, dh, dw, out);
    }

    @Override
    public void col2im(Operand cols, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh,
                       int dw, Operand out) {
        if (fastPaths && FastWindows.tryCol2im(cols, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, out)) {
            return;
        }
        ReferenceKernels.col2im(cols, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, out);
    }

    /** The fused SGD update: {@link FastOptimizerLoops} when every operand is contiguous float32, else {@link FusedOptimizerLoops}; same bits. */
    @Override
    public void sgdStep(Operand param, Operand grad, Operand momentumBuffer, boolean firstStep, SgdSettings settings) {
        if (fastPaths && FastOptimizerLoops.applies(param, grad, momentumBuffer)) {
            FusedOptimizerKernels.checkSgd(param, grad, momentumBuffer, settings);
            FastOptimizerLoops.sgd(param, grad, momentumBuffer, firstStep, settings);
        } else {
            FusedOptimizerLoops.sgd(param, grad, momentumBuffer, firstStep, settings);
        }
    }

    /** The fused Adam update: {@link FastOptimizerLoops} when every operand is contiguous float32, else {@link FusedOptimizerLoops}; same bits. */
    @Override
    public void adamStep(Operand param, Operand grad, Operand expAvg, Operand expAvgSq, Operand maxExpAvgSq, long step,
                         AdamSettings settings) {
        if (fastPaths && FastOptimizerLoops.applies(param, grad, expAvg, expAvgSq, maxExpAvgSq)) {
            FusedOptimizerKernels.checkAdam(param, grad, expAvg, expAvgSq, maxExpAvgSq, step, settings);
            FastOptimizerLoops.adam(param, grad, expAvg, expAvgSq, maxExpAvgSq, step, settings);
        } else {
            FusedOptimizerLoops.adam(param, grad, expAvg, expAvgSq, maxExpAvgSq, step, settings);
        }
    }
}

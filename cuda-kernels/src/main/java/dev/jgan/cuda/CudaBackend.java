package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.Device;
import dev.jgan.core.Shape;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.FusedOptimizerKernels;
import dev.jgan.core.backend.Operand;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.backend.ScopedMemory;
import dev.jgan.core.backend.Storage;
import dev.jgan.core.backend.UnaryOp;
import dev.jgan.core.ops.ConvGeometry;
import dev.jgan.cuda.driver.DeviceMemory;
import dev.jgan.cuda.driver.Dim3;
import dev.jgan.cuda.driver.Driver;
import dev.jgan.cuda.driver.EmulatedDriver;
import dev.jgan.cuda.driver.JCudaDriver;
import dev.jgan.cuda.driver.KernelArgs;
import dev.jgan.cuda.memory.CachingAllocator;
import dev.jgan.cuda.memory.MemoryScope;
import dev.jgan.cuda.memory.MemoryStats;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The GPU backend: every kernel of {@link Backend} as a launch of one of our CUDA kernels
 * (src/main/cuda), matmul by cuBLAS on a real GPU or by our own SGEMM. The same class runs over
 * a real GPU ({@link JCudaDriver}) or over the emulator ({@link EmulatedDriver}); only the
 * {@link Driver}, the {@link MatmulEngine} and the {@link LaunchShapes} differ.
 *
 * <p>Each method turns tensor layouts into kernel arguments: it collapses the dims the kernel
 * must walk ({@link CollapsedLayout}), picks the kernel for the dtype (suffix _f32 or _f64), and
 * launches. Empty tensors launch nothing.
 *
 * <p>Device memory comes from a {@link CachingAllocator}; {@link #memoryScope()} returns a
 * training step's intermediates to it deterministically, {@link #memoryStats()} counts.
 */
public final class CudaBackend implements Backend, FusedOptimizerKernels, ScopedMemory {
    private final Device device;
    private final Driver driver;
    private final MatmulEngine matmul;
    private final LaunchShapes shapes;
    private final CachingAllocator allocator;

    /** A backend with its own allocator, which fills reused blocks with NaN on the emulator and in debug mode. */
    CudaBackend(Device device, Driver driver, MatmulEngine matmul, LaunchShapes shapes) {
        this(device, driver, matmul, shapes,
                new CachingAllocator(driver, driver instanceof EmulatedDriver || Driver.debugRequested()));
    }

    private CudaBackend(Device device, Driver driver, MatmulEngine matmul, LaunchShapes shapes,
                        CachingAllocator allocator) {
        this.device = device;
        this.driver = driver;
        this.matmul = matmul;
        this.shapes = shapes;
        this.allocator = allocator;
    }

    /** A backend over the emulator (device cuda:0), matmul by the given rung of sgemm.cu. */
    public static CudaBackend emulated(GemmKernel gemm) {
        return new CudaBackend(Device.cuda(0), new EmulatedDriver(), new KernelMatmul(gemm), LaunchShapes.EMULATOR);
    }

    /**
     * A backend over the emulator with matmul by cuBLAS through our shim, from the library named
     * by {@value CublasShim#LIBRARY_PROPERTY} (or {@value CublasShim#LIBRARY_ENVIRONMENT}): only a
     * fake cuBLAS that computes on the host (src/test/native/fake_cublas.cpp) makes sense here, as
     * the emulator's device pointers are host pointers. It tests the cuBLAS path without a GPU.
     */
    public static CudaBackend emulatedWithCublas() {
        String library = CublasShim.namedLibrary();
        if (library.isEmpty()) {
            throw new IllegalStateException("the emulator has no cuBLAS: name a host-computing stand-in with -D"
                    + CublasShim.LIBRARY_PROPERTY + "=<file> (or " + CublasShim.LIBRARY_ENVIRONMENT + ")");
        }
        return emulatedWithCublas(library);
    }

    /** {@link #emulatedWithCublas()} with the stand-in for cuBLAS given here. */
    static CudaBackend emulatedWithCublas(String library) {
        EmulatedDriver driver = new EmulatedDriver();
        return new CudaBackend(Device.cuda(0), driver, new CublasMatmul(CublasShim.open(driver, List.of(library))),
                LaunchShapes.EMULATOR);
    }

    /**
     * A backend over GPU {@code index}, matmul by cuBLAS (JCublas for CUDA 12, else our shim for
     * CUDA 13 or 12), else by our best SGEMM kernel, {@link GemmKernel#BLOCKTILE_2D}, with one line
     * on standard error saying why.
     */
    public static CudaBackend onGpu(int index) {
        JCudaDriver driver = JCudaDriver.open(index);
        return new CudaBackend(Device.cuda(index), driver, cublasOrOwnKernel(() -> Cublas.open(driver), System.err),
                LaunchShapes.GPU);
    }

    /** The matmul dispatch: cuBLAS when it opens, else our best SGEMM kernel and one line to {@code log} saying why. */
    static MatmulEngine cublasOrOwnKernel(Supplier<Cublas> cublas, PrintStream log) {
        try {
            return new CublasMatmul(cublas.get());
        } catch (IllegalStateException noCublas) {
            MatmulEngine own = new KernelMatmul(GemmKernel.BLOCKTILE_2D);
            log.println("[jgan cuda] matmul by " + own.description() + ", since " + noCublas.getMessage());
            return own;
        }
    }

    /** A backend over GPU {@code index}, matmul by cuBLAS; fails with one line when cuBLAS is missing. */
    public static CudaBackend onGpuWithCublas(int index) {
        JCudaDriver driver = JCudaDriver.open(index);
        return new CudaBackend(Device.cuda(index), driver, new CublasMatmul(Cublas.open(driver)), LaunchShapes.GPU);
    }

    /** A backend over GPU {@code index}, matmul by the given rung of sgemm.cu instead of cuBLAS. */
    public static CudaBackend onGpu(int index, GemmKernel gemm) {
        return new CudaBackend(Device.cuda(index), JCudaDriver.open(index), new KernelMatmul(gemm), LaunchShapes.GPU);
    }

    /** Whether matmul goes to cuBLAS (by either path). */
    public boolean hasCublas() {
        return matmul instanceof CublasMatmul;
    }

    /**
     * This backend's device and memory with matmul by another rung of sgemm.cu. Tensors of
     * either backend work with both, as they share the driver and the allocator.
     */
    public CudaBackend withMatmul(GemmKernel gemm) {
        return new CudaBackend(device, driver, new KernelMatmul(gemm), shapes, allocator);
    }

    Driver driver() {
        return driver;
    }

    CachingAllocator allocator() {
        return allocator;
    }

    /**
     * Opens a scope on the calling thread: device memory allocated in it goes back to the cache
     * when it closes, except what is {@link MemoryScope#keep kept}. Use with try-with-resources
     * around a training step.
     */
    public MemoryScope memoryScope() {
        return allocator.openScope();
    }

    /** {@link #memoryScope()}, for code that knows this backend only as a {@link ScopedMemory}. */
    @Override
    public MemoryScope openScope() {
        return memoryScope();
    }

    @Override
    public boolean hasOpenScope() {
        return allocator.hasOpenScope();
    }

    /** The allocator's counters: bytes in use, cached and at peak, requests, cache hits, device allocations. */
    public MemoryStats memoryStats() {
        return allocator.stats();
    }

    /** Hands every cached block back to the device. */
    public void emptyCache() {
        allocator.emptyCache();
    }

    /** Waits until every kernel launched so far has finished: for timing, and for nothing else. */
    public void synchronize() {
        driver.synchronize();
    }

    /** The device memory of a tensor's storage; fails unless the tensor lives on this backend's driver. */
    DeviceMemory memory(Operand t) {
        if (t.storage() instanceof CudaStorage s && ((CudaBackend) s.backend()).driver == driver) {
            return s.memory();
        }
        throw new IllegalArgumentException("cuda backend: a tensor of shape " + Shape.format(t.shape()) + " lives on "
                + t.device() + " (" + t.backend() + "), not on " + this + "; move it with to(...) first");
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Storage allocate(DType dtype, int numel) {
        return new CudaStorage(this, dtype, numel);
    }

    @Override
    public Storage fromArray(float[] data) {
        CudaStorage storage = new CudaStorage(this, DType.FLOAT32, data.length);
        driver.copyToDevice(data, storage.memory(), 0);
        return storage;
    }

    @Override
    public Storage fromArray(double[] data) {
        CudaStorage storage = new CudaStorage(this, DType.FLOAT64, data.length);
        driver.copyToDevice(data, storage.memory(), 0);
        return storage;
    }

    @Override
    public double[] toDoubleArray(Operand t) {
        Operand dense = dense(t);
        if (t.dtype() == DType.FLOAT64) {
            double[] out = new double[t.numel()];
            driver.copyToHost(memory(dense), 8L * dense.offset(), out);
            return out;
        }
        float[] values = new float[t.numel()];
        driver.copyToHost(memory(dense), 4L * dense.offset(), values);
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Override
    public float[] toFloatArray(Operand t) {
        Operand dense = dense(t);
        if (t.dtype() == DType.FLOAT32) {
            float[] out = new float[t.numel()];
            driver.copyToHost(memory(dense), 4L * dense.offset(), out);
            return out;
        }
        double[] values = new double[t.numel()];
        driver.copyToHost(memory(dense), 8L * dense.offset(), values);
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** The tensor itself when its elements lie in row-major order without gaps, else such a copy. */
    private Operand dense(Operand t) {
        CollapsedLayout layout = CollapsedLayout.of("toArray", t.shape(), t);
        if (t.numel() == 0 || layout.rank() == 0 || layout.rank() == 1 && layout.strides(0)[0] == 1) {
            return t;
        }
        Operand copy = Operand.empty(this, t.dtype(), t.shape());
        copy(t, copy);
        return copy;
    }

    @Override
    public void fill(Operand out, double value) {
        CollapsedLayout layout = CollapsedLayout.of("fill", out.shape(), out);
        int n = layout.numel();
        if (n == 0) {
            return;
        }
        KernelArgs args = new KernelArgs().i32(n);
        layout.dims(args).ptr(memory(out));
        layout.view(args, 0);
        scalar(args, out.dtype(), value);
        launchElementwise("fill_" + suffix(out), n, args);
    }

    @Override
    public void copy(Operand src, Operand dst) {
        checkSameShape("copy", src, dst);
        CollapsedLayout layout = CollapsedLayout.of("copy", dst.shape(), src, dst);
        int n = layout.numel();
        if (n == 0) {
            return;
        }
        KernelArgs args = new KernelArgs().i32(n);
        layout.dims(args).ptr(memory(src));
        layout.view(args, 0).ptr(memory(dst));
        layout.view(args, 1);
        launchElementwise("copy_" + suffix(src) + "_" + suffix(dst), n, args);
    }

    @Override
    public void unary(UnaryOp op, Operand x, Operand out, double p1, double p2) {
        String name = "unary " + op;
        checkSameDtype(name, x, out);
        checkSameShape(name, x, out);
        CollapsedLayout layout = CollapsedLayout.of(name, out.shape(), x, out);
        int n = layout.numel();
        if (n == 0) {
            return;
        }
        KernelArgs args = new KernelArgs().i32(OpCodes.unary(op));
        scalar(args, out.dtype(), p1);
        scalar(args, out.dtype(), p2);
        args.i32(n);
        layout.dims(args).ptr(memory(x));
        layout.view(args, 0).ptr(memory(out));
        layout.view(args, 1);
        launchElementwise("unary_" + suffix(out), n, args);
    }

    @Override
    public void binary(BinaryOp op, Operand a, Operand b, Operand out) {
        String name = "binary " + op;
        checkSameDtype(name, a, out);
        checkSameDtype(name, b, out);
        checkSameShape(name, a, out);
        checkSameShape(name, b, out);
        CollapsedLayout layout = CollapsedLayout.of(name, out.shape(), a, b, out);
        int n = layout.numel();
        if (n == 0) {
            return;
        }
        KernelArgs args = new KernelArgs().i32(OpCodes.binary(op)).i32(n);
        layout.dims(args).ptr(memory(a));
        layout.view(args, 0).ptr(memory(b));
        layout.view(args, 1).ptr(memory(out));
        layout.view(args, 2);
        launchElementwise("binary_" + suffix(out), n, args);
    }

    @Override
    public void where(Operand cond, Operand a, Operand b, Operand out) {
        for (Operand t : new Operand[]{cond, a, b}) {
            checkSameDtype("where", t, out);
            checkSameShape("where", t, out);
        }
        CollapsedLayout layout = CollapsedLayout.of("where", out.shape(), cond, a, b, out);
        int n = layout.numel();
        if (n == 0) {
            return;
        }
        KernelArgs args = new KernelArgs().i32(n);
        layout.dims(args).ptr(memory(cond));
        layout.view(args, 0).ptr(memory(a));
        layout.view(args, 1).ptr(memory(b));
        layout.view(args, 2).ptr(memory(out));
        layout.view(args, 3);
        launchElementwise("where_" + suffix(out), n, args);
    }

    @Override
    public void reduce(ReduceOp op, Operand x, boolean[] reduced, Operand out) {
        String name = "reduce " + op;
        checkSameDtype(name, x, out);
        int rank = x.dim();
        int reducedRank = 0;
        for (boolean r : reduced) {
            reducedRank += r ? 1 : 0;
        }
        int[] keptShape = new int[rank - reducedRank];
        int[] xKept = new int[rank - reducedRank];
        int[] outKept = new int[rank - reducedRank];
        int[] reducedShape = new int[reducedRank];
        int[] xReduced = new int[reducedRank];
        for (int d = 0, k = 0, r = 0; d < rank; d++) {
            if (reduced[d]) {
                reducedShape[r] = x.size(d);
                xReduced[r++] = x.stride(d);
            } else {
                keptShape[k] = x.size(d);
                xKept[k] = x.stride(d);
                outKept[k++] = out.stride(d);
            }
        }
        CollapsedLayout kept = CollapsedLayout.of(name, keptShape, new int[][]{xKept, outKept},
                new int[]{x.offset(), out.offset()});
        CollapsedLayout over = CollapsedLayout.of(name, reducedShape, new int[][]{xReduced}, new int[]{0});
        int outputs = kept.numel();
        if (outputs == 0) {
            return;
        }
        KernelArgs args = new KernelArgs().i32(OpCodes.reduce(op));
        kept.dims(args);
        kept.view(args, 0);
        kept.view(args, 1);
        over.dims(args);
        over.view(args, 0).i32(over.numel()).ptr(memory(x)).ptr(memory(out));
        driver.launch("reduce_" + suffix(out), Dim3.of(outputs), shapes.reduceBlock(over.numel()), args);
    }

    @Override
    public void matmul(Operand a, Operand b, Operand out) {
        checkSameDtype("matmul", a, out);
        checkSameDtype("matmul", b, out);
        matmul.matmul(this, a, b, out);
    }

    @Override
    public void softmax(Operand x, int dim, boolean log, Operand out) {
        String name = log ? "logSoftmax" : "softmax";
        checkSameDtype(name, x, out);
        checkSameShape(name, x, out);
        int[] rowShape = without(x.shape(), dim);
        CollapsedLayout rows = CollapsedLayout.of(name, rowShape,
                new int[][]{without(x.strides(), dim), without(out.strides(), dim)}, new int[]{x.offset(), out.offset()});
        int len = x.size(dim);
        if (rows.numel() == 0 || len == 0) {
            return;
        }
        KernelArgs args = new KernelArgs().i32(log ? 1 : 0);
        rows.dims(args);
        rows.view(args, 0);
        rows.view(args, 1).i32(len).i32(x.stride(dim)).i32(out.stride(dim)).ptr(memory(x)).ptr(memory(out));
        driver.launch("softmax_" + suffix(out), Dim3.of(rows.numel()), shapes.reduceBlock(len), args);
    }

    @Override
    public void philoxUniform(Operand out, long seed, long offset, double low, double high) {
        philox("philox_uniform_", out, seed, offset, low, high);
    }

    @Override
    public void philoxNormal(Operand out, long seed, long offset, double mean, double std) {
        philox("philox_normal_", out, seed, offset, mean, std);
    }

    private void philox(String kernel, Operand out, long seed, long offset, double a, double b) {
        CollapsedLayout layout = CollapsedLayout.of(kernel + suffix(out), out.shape(), out);
        int n = layout.numel();
        if (n == 0) {
            return;
        }
        KernelArgs args = new KernelArgs().i32(n);
        layout.dims(args).ptr(memory(out));
        layout.view(args, 0).i64(seed).i64(offset).f64(a).f64(b);
        launchElementwise(kernel + suffix(out), n, args);
    }

    private void launchElementwise(String kernel, int n, KernelArgs args) {
        driver.launch(kernel, shapes.elementwiseGrid(n), shapes.elementwiseBlock(), args);
    }

    /** A scalar argument in the tensor's dtype; the kernels compute in that type. */
    private static void scalar(KernelArgs args, DType dtype, double value) {
        if (dtype == DType.FLOAT32) {
            args.f32((float) value);
        } else {
            args.f64(value);
        }
    }

    private static String suffix(Operand t) {
        return t.dtype() == DType.FLOAT32 ? "f32" : "f64";
    }

    private static int[] without(int[] values, int dim) {
        int[] out = new int[values.length - 1];
        for (int d = 0, j = 0; d < values.length; d++) {
            if (d != dim) {
                out[j++] = values[d];
            }
        }
        return out;
    }

    @Override
    public void im2col(Operand x, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, Operand out) {
        checkSameDtype("im2col", x, out);
        int oh = ConvGeometry.outputSize("im2col", x.size(2), kh, sh, ph, dh);
        int ow = ConvGeometry.outputSize("im2col", x.size(3), kw, sw, pw, dw);
        int total = out.numel();
        if (total == 0) {
            return;
        }
        KernelArgs args = new KernelArgs().i32(total)
                .conv2d(x.size(0), x.size(1), x.size(2), x.size(3), kh, kw, sh, sw, ph, pw, dh, dw, oh, ow)
                .ptr(memory(x)).view(x.offset(), x.strides()).ptr(memory(out)).view(out.offset(), out.strides());
        launchElementwise("im2col_" + suffix(out), total, args);
    }

    @Override
    public void col2im(Operand cols, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh,
                       int dw, Operand out) {
        checkSameDtype("col2im", cols, out);
        int oh = ConvGeometry.outputSize("col2im", h, kh, sh, ph, dh);
        int ow = ConvGeometry.outputSize("col2im", w, kw, sw, pw, dw);
        int total = out.numel();
        if (total == 0) {
            return;
        }
        KernelArgs args = new KernelArgs().i32(total)
                .conv2d(cols.size(0), c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow)
                .ptr(memory(cols)).view(cols.offset(), cols.strides())
                .ptr(memory(out)).view(out.offset(), out.strides());
        launchElementwise("col2im_" + suffix(out), total, args);
    }

    @Override
    public void sgdStep(Operand param, Operand grad, Operand momentumBuffer, boolean firstStep, SgdSettings s) {
        FusedOptimizerKernels.checkSgd(param, grad, momentumBuffer, s);
        // Without momentum the kernel never touches its buffer argument; the parameter stands in.
        Operand buffer = momentumBuffer == null ? param : momentumBuffer;
        CollapsedLayout layout = CollapsedLayout.of("sgd step", param.shape(), param, grad, buffer);
        int n = layout.numel();
        if (n == 0) {
            return;
        }
        KernelArgs args = new KernelArgs().i32(n);
        layout.dims(args).ptr(memory(param));
        layout.view(args, 0).ptr(memory(grad));
        layout.view(args, 1).ptr(memory(buffer));
        layout.view(args, 2).i32(momentumBuffer != null ? 1 : 0).i32(firstStep ? 1 : 0).i32(s.nesterov() ? 1 : 0);
        DType dtype = param.dtype();
        scalar(args, dtype, s.weightDecay());
        scalar(args, dtype, s.momentum());
        scalar(args, dtype, 1 - s.dampening());
        scalar(args, dtype, -s.lr());
        launchElementwise("sgd_" + suffix(param), n, args);
    }

    @Override
    public void adamStep(Operand param, Operand grad, Operand expAvg, Operand expAvgSq, Operand maxExpAvgSq, long step,
                         AdamSettings s) {
        FusedOptimizerKernels.checkAdam(param, grad, expAvg, expAvgSq, maxExpAvgSq, step, s);
        // Without AMSGrad the kernel never touches its maximum argument; expAvgSq stands in.
        Operand max = maxExpAvgSq == null ? expAvgSq : maxExpAvgSq;
        CollapsedLayout layout = CollapsedLayout.of("adam step", param.shape(), param, grad, expAvg, expAvgSq, max);
        int n = layout.numel();
        if (n == 0) {
            return;
        }
        KernelArgs args = new KernelArgs().i32(n);
        layout.dims(args).ptr(memory(param));
        layout.view(args, 0).ptr(memory(grad));
        layout.view(args, 1).ptr(memory(expAvg));
        layout.view(args, 2).ptr(memory(expAvgSq));
        layout.view(args, 3).ptr(memory(max));
        layout.view(args, 4).i32(s.amsgrad() ? 1 : 0);
        // The bias corrections depend on the step only: computed here once, in double, as the
        // optimizer written with tensor ops computes them.
        double biasCorrection1 = 1 - Math.pow(s.beta1(), step);
        double biasCorrection2 = 1 - Math.pow(s.beta2(), step);
        DType dtype = param.dtype();
        scalar(args, dtype, s.weightDecay());
        scalar(args, dtype, s.beta1());
        scalar(args, dtype, 1 - s.beta1());
        scalar(args, dtype, s.beta2());
        scalar(args, dtype, 1 - s.beta2());
        scalar(args, dtype, Math.sqrt(biasCorrection2));
        scalar(args, dtype, s.eps());
        scalar(args, dtype, -(s.lr() / biasCorrection1));
        launchElementwise("adam_" + suffix(param), n, args);
    }

    private static void checkSameDtype(String op, Operand a, Operand b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes " + a.dtype() + " and " + b.dtype()
                    + " differ; the cuda kernels compute in one dtype");
        }
    }

    private static void checkSameShape(String op, Operand a, Operand b) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": shapes " + Shape.format(a.shape()) + " and "
                    + Shape.format(b.shape()) + " differ; broadcast views are made by the op, not the kernel");
        }
    }

    @Override
    public String toString() {
        return "cuda backend on " + driver.description() + ", matmul by " + matmul.description();
    }
}

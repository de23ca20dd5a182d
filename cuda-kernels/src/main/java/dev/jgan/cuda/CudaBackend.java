package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.Device;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.backend.Storage;
import dev.jgan.core.backend.UnaryOp;
import dev.jgan.cuda.driver.DeviceMemory;
import dev.jgan.cuda.driver.Dim3;
import dev.jgan.cuda.driver.Driver;
import dev.jgan.cuda.driver.EmulatedDriver;
import dev.jgan.cuda.driver.JCudaDriver;
import dev.jgan.cuda.driver.KernelArgs;

import java.util.Arrays;

/**
 * The GPU backend: every kernel of {@link Backend} as a launch of one of our CUDA kernels
 * (src/main/cuda), matmul by cuBLAS on a real GPU or by our own SGEMM. The same class runs over
 * a real GPU ({@link JCudaDriver}) or over the emulator ({@link EmulatedDriver}); only the
 * {@link Driver}, the {@link MatmulEngine} and the {@link LaunchShapes} differ.
 *
 * <p>Each method turns tensor layouts into kernel arguments: it collapses the dims the kernel
 * must walk ({@link CollapsedLayout}), picks the kernel for the dtype (suffix _f32 or _f64), and
 * launches. Empty tensors launch nothing.
 */
public final class CudaBackend implements Backend {
    private final Device device;
    private final Driver driver;
    private final MatmulEngine matmul;
    private final LaunchShapes shapes;

    CudaBackend(Device device, Driver driver, MatmulEngine matmul, LaunchShapes shapes) {
        this.device = device;
        this.driver = driver;
        this.matmul = matmul;
        this.shapes = shapes;
    }

    /** A backend over the emulator (device cuda:0), matmul by the given rung of sgemm.cu. */
    public static CudaBackend emulated(GemmKernel gemm) {
        return new CudaBackend(Device.cuda(0), new EmulatedDriver(), new KernelMatmul(gemm), LaunchShapes.EMULATOR);
    }

    /** A backend over GPU {@code index}, matmul by cuBLAS. */
    public static CudaBackend onGpu(int index) {
        JCudaDriver driver = JCudaDriver.open(index);
        return new CudaBackend(Device.cuda(index), driver, new CublasMatmul(driver), LaunchShapes.GPU);
    }

    /** A backend over GPU {@code index}, matmul by the given rung of sgemm.cu instead of cuBLAS. */
    public static CudaBackend onGpu(int index, GemmKernel gemm) {
        return new CudaBackend(Device.cuda(index), JCudaDriver.open(index), new KernelMatmul(gemm), LaunchShapes.GPU);
    }

    /**
     * This backend's device and memory with matmul by another rung of sgemm.cu. Tensors of
     * either backend work with both, as they share the driver.
     */
    public CudaBackend withMatmul(GemmKernel gemm) {
        return new CudaBackend(device, driver, new KernelMatmul(gemm), shapes);
    }

    Driver driver() {
        return driver;
    }

    /** The device memory of a tensor's storage; fails unless the tensor lives on this backend's driver. */
    DeviceMemory memory(Tensor t) {
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
    public double[] toDoubleArray(Tensor t) {
        Tensor dense = dense(t);
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
    public float[] toFloatArray(Tensor t) {
        Tensor dense = dense(t);
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
    private Tensor dense(Tensor t) {
        CollapsedLayout layout = CollapsedLayout.of("toArray", t.shape(), t);
        if (t.numel() == 0 || layout.rank() == 0 || layout.rank() == 1 && layout.strides(0)[0] == 1) {
            return t;
        }
        Tensor copy = Tensor.empty(this, t.dtype(), t.shape());
        copy(t, copy);
        return copy;
    }

    @Override
    public void fill(Tensor out, double value) {
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
    public void copy(Tensor src, Tensor dst) {
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
    public void unary(UnaryOp op, Tensor x, Tensor out, double p1, double p2) {
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
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
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
    public void where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        for (Tensor t : new Tensor[]{cond, a, b}) {
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
    public void reduce(ReduceOp op, Tensor x, boolean[] reduced, Tensor out) {
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
    public void matmul(Tensor a, Tensor b, Tensor out) {
        checkSameDtype("matmul", a, out);
        checkSameDtype("matmul", b, out);
        matmul.matmul(this, a, b, out);
    }

    @Override
    public void softmax(Tensor x, int dim, boolean log, Tensor out) {
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
    public void philoxUniform(Tensor out, long seed, long offset, double low, double high) {
        philox("philox_uniform_", out, seed, offset, low, high);
    }

    @Override
    public void philoxNormal(Tensor out, long seed, long offset, double mean, double std) {
        philox("philox_normal_", out, seed, offset, mean, std);
    }

    private void philox(String kernel, Tensor out, long seed, long offset, double a, double b) {
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

    private static String suffix(Tensor t) {
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

    // im2col/col2im reached Backend after this backend was written; their kernels (conv.cu) are
    // the next step of the GPU issue. Until then a convolution on this backend fails clearly.
    @Override
    public void im2col(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, Tensor out) {
        throw new UnsupportedOperationException("im2col: no CUDA kernel yet; run convolutions on the cpu device");
    }

    @Override
    public void col2im(Tensor cols, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                       Tensor out) {
        throw new UnsupportedOperationException("col2im: no CUDA kernel yet; run convolutions on the cpu device");
    }

    private static void checkSameDtype(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes " + a.dtype() + " and " + b.dtype()
                    + " differ; the cuda kernels compute in one dtype");
        }
    }

    private static void checkSameShape(String op, Tensor a, Tensor b) {
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

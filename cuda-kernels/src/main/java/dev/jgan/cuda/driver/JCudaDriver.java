package dev.jgan.cuda.driver;

import jcuda.CudaException;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUstream;
import jcuda.driver.CUstream_flags;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static jcuda.driver.JCudaDriver.cuCtxSetCurrent;
import static jcuda.driver.JCudaDriver.cuCtxSynchronize;
import static jcuda.driver.JCudaDriver.cuDeviceGet;
import static jcuda.driver.JCudaDriver.cuDeviceGetCount;
import static jcuda.driver.JCudaDriver.cuDeviceGetName;
import static jcuda.driver.JCudaDriver.cuDevicePrimaryCtxRetain;
import static jcuda.driver.JCudaDriver.cuInit;
import static jcuda.driver.JCudaDriver.cuLaunchKernel;
import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8Async;
import static jcuda.driver.JCudaDriver.cuModuleGetFunction;
import static jcuda.driver.JCudaDriver.cuModuleLoadData;
import static jcuda.driver.JCudaDriver.cuStreamCreate;
import static jcuda.driver.JCudaDriver.cuStreamSynchronize;

/**
 * A real GPU through the CUDA driver API (JCuda): the device's primary context (the one the
 * runtime API and cuBLAS also use), one stream for every launch, and the kernel modules that
 * the build compiled with nvcc into fatbins under {@code dev/jgan/cuda/kernels/}.
 *
 * <p>Launches are queued on the stream and return at once; copies wait for the stream first,
 * so a copy never overtakes a launch, and a copy to the device is complete before the method
 * returns, so no launch overtakes it either (see copyToDevice). Every call makes the context current on the calling
 * thread, so the backend may be used from any thread. A kernel that faults is reported by the
 * next call that waits for the stream, with a hint to rerun in debug mode
 * ({@link Driver#DEBUG_PROPERTY}), where every launch is waited for and a failure names it.
 */
public final class JCudaDriver implements Driver {
    private static final String MODULES = "/dev/jgan/cuda/kernels/";

    private final String description;
    private final CUcontext context;
    private final CUstream stream;
    private final List<CUmodule> modules;
    private final Map<String, CUfunction> functions = new ConcurrentHashMap<>();
    private final boolean debug;

    private JCudaDriver(String description, CUcontext context, CUstream stream, List<CUmodule> modules, boolean debug) {
        this.description = description;
        this.context = context;
        this.stream = stream;
        this.modules = modules;
        this.debug = debug;
    }

    /** Opens GPU {@code index}, in debug mode when {@link Driver#debugRequested()} says so. */
    public static JCudaDriver open(int index) {
        return open(index, Driver.debugRequested());
    }

    /**
     * Opens GPU {@code index}. Fails with one line for people (see {@link GpuFailure}) when there
     * is no NVIDIA driver, no such GPU, or no kernel modules in this build.
     */
    public static JCudaDriver open(int index, boolean debug) {
        try {
            jcuda.driver.JCudaDriver.setExceptionsEnabled(true);
            cuInit(0);
            int[] count = new int[1];
            cuDeviceGetCount(count);
            if (index < 0 || index >= count[0]) {
                throw new IllegalStateException("this machine has " + count[0] + " CUDA device(s)");
            }
            CUdevice device = new CUdevice();
            cuDeviceGet(device, index);
            byte[] name = new byte[256];
            cuDeviceGetName(name, name.length, device);
            CUcontext context = new CUcontext();
            cuDevicePrimaryCtxRetain(context, device);
            cuCtxSetCurrent(context);
            CUstream stream = new CUstream();
            cuStreamCreate(stream, CUstream_flags.CU_STREAM_NON_BLOCKING);
            List<CUmodule> modules = new ArrayList<>();
            for (byte[] image : moduleImages()) {
                CUmodule module = new CUmodule();
                cuModuleLoadData(module, image);
                modules.add(module);
            }
            String gpuName = new String(name, StandardCharsets.US_ASCII).replace("\0", "").trim();
            String description = "cuda:" + index + " " + gpuName + (debug ? " (debug: every launch waited for)" : "");
            return new JCudaDriver(description, context, stream, modules, debug);
        } catch (LinkageError | CudaException | IllegalStateException e) {
            throw new IllegalStateException(GpuFailure.describe("cuda:" + index, e), e);
        }
    }

    /** The fatbins listed in modules.txt, which the build writes next to them. */
    private static List<byte[]> moduleImages() {
        List<byte[]> images = new ArrayList<>();
        for (String file : resourceText(MODULES + "modules.txt").split("\\s+")) {
            if (!file.isEmpty()) {
                images.add(resourceBytes(MODULES + file));
            }
        }
        if (images.isEmpty()) {
            throw new IllegalStateException(MODULES + "modules.txt lists no kernel module");
        }
        return images;
    }

    private static String resourceText(String path) {
        return new String(resourceBytes(path), StandardCharsets.UTF_8);
    }

    private static byte[] resourceBytes(String path) {
        try (InputStream in = JCudaDriver.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no CUDA kernel modules: " + path + " is not on the class path;"
                        + " they are compiled by src/main/build/build-native.sh only where nvcc is installed");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    /** The stream every launch goes to; cuBLAS is bound to it too. */
    public CUstream stream() {
        return stream;
    }

    /** A device pointer {@code byteOffset} bytes into a block, for libraries such as cuBLAS. */
    public CUdeviceptr pointer(DeviceMemory memory, long byteOffset) {
        Memory m = own("pointer", memory);
        m.checkRange("pointer", byteOffset, 0);
        return m.pointer.withByteOffset(byteOffset);
    }

    @Override
    public long address(DeviceMemory memory, long byteOffset) {
        Memory m = own("address", memory);
        m.checkRange("address", byteOffset, 0);
        return nativeHandle(m.pointer) + byteOffset;
    }

    @Override
    public long streamHandle() {
        return nativeHandle(stream);
    }

    /**
     * The raw value behind a JCuda handle. JCuda keeps it in a protected accessor; JCuda is on the
     * class path (the unnamed module), so reflection may open it. Needed only to hand device
     * pointers and the stream to the cuBLAS shim, which takes them as numbers.
     */
    private static long nativeHandle(NativePointerObject object) {
        try {
            Method accessor = NativePointerObject.class.getDeclaredMethod("getNativePointer");
            accessor.setAccessible(true);
            return (long) accessor.invoke(object);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the address of a JCuda " + object.getClass().getSimpleName()
                    + " (" + e + "); the cuBLAS shim needs it", e);
        }
    }

    /** Makes this driver's context current on the calling thread. */
    @Override
    public void makeCurrent() {
        cuCtxSetCurrent(context);
    }

    @Override
    public DeviceMemory allocate(long bytes) {
        makeCurrent();
        CUdeviceptr pointer = new CUdeviceptr();
        cuMemAlloc(pointer, Math.max(bytes, 1));
        return new Memory(pointer, bytes);
    }

    @Override
    public void free(DeviceMemory memory) {
        Memory m = own("free", memory);
        if (!m.freed.compareAndSet(false, true)) {
            throw new IllegalStateException(description + ": device memory of " + m.bytes + " bytes freed twice");
        }
        makeCurrent();
        waitForStream("free");
        cuMemFree(m.pointer);
    }

    @Override
    public void fillBytes(DeviceMemory memory, int value) {
        Memory m = own("fillBytes", memory);
        if (m.freed.get()) {
            throw new IllegalStateException(description + ": fillBytes on freed device memory");
        }
        makeCurrent();
        cuMemsetD8Async(m.pointer, (byte) value, Math.max(m.bytes, 1), stream);
    }

    /**
     * Waits for every queued launch. A fault of one of them surfaces here, far from its cause: the
     * message says how to find the kernel.
     */
    private void waitForStream(String operation) {
        try {
            cuStreamSynchronize(stream);
        } catch (CudaException e) {
            throw new IllegalStateException(description + ": " + operation + ": a kernel launched earlier failed ("
                    + e.getMessage() + "); run with -D" + DEBUG_PROPERTY + "=true to name it", e);
        }
    }
    @Override
    public void copyToDevice(float[] source, DeviceMemory target, long targetByteOffset) {
        copyToDevice(Pointer.to(source), 4L * source.length, target, targetByteOffset);
    }

    @Override
    public void copyToDevice(double[] source, DeviceMemory target, long targetByteOffset) {
        copyToDevice(Pointer.to(source), 8L * source.length, target, targetByteOffset);
    }

    private void copyToDevice(Pointer source, long bytes, DeviceMemory target, long targetByteOffset) {
        Memory m = own("copyToDevice", target);
        m.checkRange("copyToDevice", targetByteOffset, bytes);
        makeCurrent();
        // The order of a copy to the device against the launches, made explicit:
        // 1. A launch still queued on our stream may read or write the target: let it finish first.
        waitForStream("copyToDevice");
        // 2. cuMemcpyHtoD runs on the legacy default stream, which our stream (created
        //    CU_STREAM_NON_BLOCKING) does not wait for, and from pageable memory (a Java array) it
        //    may return once the data is staged, before the DMA into the target is done. So wait
        //    for the context before returning: a kernel launched next on our stream then reads the
        //    new data. (An async copy on our stream from a pinned staging buffer would save this
        //    wait; copies are rare in a training step, a batch and the noise, so clarity wins.)
        cuMemcpyHtoD(m.pointer.withByteOffset(targetByteOffset), source, bytes);
        cuCtxSynchronize();
    }

    @Override
    public void copyToHost(DeviceMemory source, long sourceByteOffset, float[] target) {
        copyToHost(source, sourceByteOffset, Pointer.to(target), 4L * target.length);
    }

    @Override
    public void copyToHost(DeviceMemory source, long sourceByteOffset, double[] target) {
        copyToHost(source, sourceByteOffset, Pointer.to(target), 8L * target.length);
    }

    private void copyToHost(DeviceMemory source, long sourceByteOffset, Pointer target, long bytes) {
        Memory m = own("copyToHost", source);
        m.checkRange("copyToHost", sourceByteOffset, bytes);
        makeCurrent();
        waitForStream("copyToHost");
        cuMemcpyDtoH(target, m.pointer.withByteOffset(sourceByteOffset), bytes);
    }

    @Override
    public void launch(String kernel, Dim3 grid, Dim3 block, KernelArgs args) {
        makeCurrent();
        List<KernelArgs.Arg> list = args.args();
        Pointer[] params = new Pointer[list.size()];
        for (int i = 0; i < params.length; i++) {
            params[i] = parameter(kernel, list.get(i));
        }
        try {
            cuLaunchKernel(function(kernel), grid.x(), grid.y(), grid.z(), block.x(), block.y(), block.z(),
                    0, stream, Pointer.to(params), null);
        } catch (CudaException e) {
            throw new IllegalStateException(description + ": launch of " + kernel + " with grid " + grid
                    + " and block " + block + " failed: " + e.getMessage(), e);
        }
        if (debug) {
            try {
                cuStreamSynchronize(stream);
            } catch (CudaException e) {
                throw new IllegalStateException(description + ": kernel " + kernel + " (grid " + grid + ", block "
                        + block + ") failed: " + e.getMessage(), e);
            }
        }
    }

    /** cuLaunchKernel takes, for each parameter, a pointer to its value. */
    private Pointer parameter(String kernel, KernelArgs.Arg arg) {
        if (arg instanceof KernelArgs.Int32 v) {
            return Pointer.to(new int[]{v.value()});
        } else if (arg instanceof KernelArgs.Int64 v) {
            return Pointer.to(new long[]{v.value()});
        } else if (arg instanceof KernelArgs.Float32 v) {
            return Pointer.to(new float[]{v.value()});
        } else if (arg instanceof KernelArgs.Float64 v) {
            return Pointer.to(new double[]{v.value()});
        } else if (arg instanceof KernelArgs.Pointer v) {
            Memory m = own("launch of " + kernel, v.memory());
            if (m.freed.get()) {
                throw new IllegalStateException(description + ": launch of " + kernel + " with freed device memory");
            }
            return Pointer.to(m.pointer);
        }
        return Pointer.to(((KernelArgs.Struct) arg).words());
    }

    private CUfunction function(String kernel) {
        return functions.computeIfAbsent(kernel, name -> {
            for (CUmodule module : modules) {
                CUfunction function = new CUfunction();
                try {
                    cuModuleGetFunction(function, module, name);
                    return function;
                } catch (CudaException notInThisModule) {
                    // the next module may have it
                }
            }
            throw new IllegalArgumentException(description + ": no kernel named '" + name + "' in the loaded modules");
        });
    }

    @Override
    public void synchronize() {
        makeCurrent();
        waitForStream("synchronize");
    }

    private Memory own(String operation, DeviceMemory memory) {
        if (memory instanceof Memory m) {
            return m;
        }
        throw new IllegalArgumentException(description + ": " + operation + " was given " + memory
                + ", which another driver allocated");
    }

    private static final class Memory implements DeviceMemory {
        private final CUdeviceptr pointer;
        private final long bytes;
        private final AtomicBoolean freed = new AtomicBoolean();

        Memory(CUdeviceptr pointer, long bytes) {
            this.pointer = pointer;
            this.bytes = bytes;
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public String toString() {
            return "GPU memory of " + bytes + " bytes";
        }
    }
}

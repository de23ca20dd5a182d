package dev.jgan.cuda.driver;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Driver} whose "device" is the CPU: kernels from src/main/cuda compiled with g++
 * against the emulator header and run on OS threads, one per CUDA thread of a block. Device
 * memory is host memory. Launches finish before {@link #launch} returns.
 *
 * <p>What it checks that a GPU would not report clearly: a launch whose arguments do not match
 * the kernel's C++ parameters, pointers to freed memory, copies outside a block, and kernels
 * that write just outside their buffers. Every block lies between guard bytes (emulator_jni.cpp);
 * a changed guard is reported when the block is next copied to the host or freed, as a GPU
 * reports a failed kernel at the next synchronizing call, or, in debug mode, right after the
 * launch, naming the kernel and the argument. What it cannot check is listed in
 * cuda_emulator.h and the module README.
 */
public final class EmulatedDriver implements Driver {
    private final boolean debug;

    /** Fails with the reason when the emulator library is missing; debug mode if {@link Driver#debugRequested()}. */
    public EmulatedDriver() {
        this(Driver.debugRequested());
    }

    /** As {@link #EmulatedDriver()}, in debug mode (guards checked after every launch) or not. */
    public EmulatedDriver(boolean debug) {
        EmulatorLibrary.require();
        this.debug = debug;
    }

    /** The kernels the emulator library contains. */
    public Set<String> kernelNames() {
        return Set.of(EmulatorNative.kernelNames());
    }

    @Override
    public String description() {
        return "CUDA emulator (kernels on CPU threads" + (debug ? "; debug: every launch checked)" : ")");
    }

    @Override
    public DeviceMemory allocate(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("emulated device: cannot allocate " + bytes + " bytes");
        }
        return new Memory(EmulatorNative.allocate(Math.max(bytes, 1)), bytes);
    }

    @Override
    public void free(DeviceMemory memory) {
        Memory m = own("free", memory);
        if (!m.freed.compareAndSet(false, true)) {
            throw new IllegalStateException("emulated device: device memory of " + m.bytes + " bytes freed twice");
        }
        boolean intact = EmulatorNative.checkGuards(m.address, m.bytes);
        EmulatorNative.release(m.address);
        if (!intact) {
            throw strayWrite("free", m);
        }
    }

    @Override
    public void fillBytes(DeviceMemory memory, int value) {
        Memory m = own("fillBytes", memory);
        EmulatorNative.fillBytes(live("fillBytes", m, 0, m.bytes), m.bytes, value);
    }

    @Override
    public void copyToDevice(float[] source, DeviceMemory target, long targetByteOffset) {
        long bytes = 4L * source.length;
        EmulatorNative.copyToDevice(source, live("copyToDevice", target, targetByteOffset, bytes) + targetByteOffset, bytes);
    }

    @Override
    public void copyToDevice(double[] source, DeviceMemory target, long targetByteOffset) {
        long bytes = 8L * source.length;
        EmulatorNative.copyToDevice(source, live("copyToDevice", target, targetByteOffset, bytes) + targetByteOffset, bytes);
    }

    @Override
    public void copyToHost(DeviceMemory source, long sourceByteOffset, float[] target) {
        long bytes = 4L * target.length;
        long address = checked("copyToHost", source, sourceByteOffset, bytes);
        EmulatorNative.copyToHost(address + sourceByteOffset, target, bytes);
    }

    @Override
    public void copyToHost(DeviceMemory source, long sourceByteOffset, double[] target) {
        long bytes = 8L * target.length;
        long address = checked("copyToHost", source, sourceByteOffset, bytes);
        EmulatorNative.copyToHost(address + sourceByteOffset, target, bytes);
    }

    /** The block's address once its guards are found intact: a GPU, too, reports an earlier fault when read. */
    private static long checked(String operation, DeviceMemory memory, long offset, long length) {
        long address = live(operation, memory, offset, length);
        Memory m = (Memory) memory;
        if (!EmulatorNative.checkGuards(m.address, m.bytes)) {
            throw strayWrite(operation, m);
        }
        return address;
    }

    private static IllegalStateException strayWrite(String operation, Memory m) {
        return new IllegalStateException("emulated device: " + operation + ": a kernel launched earlier wrote outside "
                + m + " (its guard bytes changed); run with -D" + DEBUG_PROPERTY + "=true to name the kernel");
    }

    @Override
    public void launch(String kernel, Dim3 grid, Dim3 block, KernelArgs args) {
        List<KernelArgs.Arg> list = args.args();
        EmulatorNative.launch(kernel, args.signature(), pack(kernel, list),
                grid.x(), grid.y(), grid.z(), block.x(), block.y(), block.z());
        if (debug) {
            checkAfterLaunch(kernel, grid, block, list);
        }
    }

    /** Debug mode: every buffer the kernel was given must still have intact guard bytes. */
    private static void checkAfterLaunch(String kernel, Dim3 grid, Dim3 block, List<KernelArgs.Arg> args) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof KernelArgs.Pointer p) {
                Memory m = (Memory) p.memory();
                if (!EmulatorNative.checkGuards(m.address, m.bytes)) {
                    throw new IllegalStateException("emulated device: kernel " + kernel + " (grid " + grid + ", block "
                            + block + ") wrote outside its argument " + i + ", " + m + " (its guard bytes changed)");
                }
            }
        }
    }

    @Override
    public void synchronize() {
        // Every launch has already finished when launch() returns.
    }

    @Override
    public long address(DeviceMemory memory, long byteOffset) {
        return live("address", memory, byteOffset, 0) + byteOffset;
    }

    @Override
    public long streamHandle() {
        return 0;
    }

    /**
     * The arguments as CUDA lays out kernel parameters: in order, each at an offset that is a
     * multiple of its alignment, little-endian as on every platform the emulator is built for.
     */
    static byte[] pack(String kernel, List<KernelArgs.Arg> args) {
        int size = 0;
        for (KernelArgs.Arg arg : args) {
            size = align(size, arg.alignment()) + arg.bytes();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < args.size(); i++) {
            KernelArgs.Arg arg = args.get(i);
            buffer.position(align(buffer.position(), arg.alignment()));
            if (arg instanceof KernelArgs.Int32 v) {
                buffer.putInt(v.value());
            } else if (arg instanceof KernelArgs.Int64 v) {
                buffer.putLong(v.value());
            } else if (arg instanceof KernelArgs.Float32 v) {
                buffer.putFloat(v.value());
            } else if (arg instanceof KernelArgs.Float64 v) {
                buffer.putDouble(v.value());
            } else if (arg instanceof KernelArgs.Pointer v) {
                buffer.putLong(pointer(kernel, i, v.memory()));
            } else {
                for (int word : ((KernelArgs.Struct) arg).words()) {
                    buffer.putInt(word);
                }
            }
        }
        return buffer.array();
    }

    private static long pointer(String kernel, int index, DeviceMemory memory) {
        Memory m = own("launch of " + kernel, memory);
        if (m.freed.get()) {
            throw new IllegalStateException("emulated device: launch of " + kernel + ": argument " + index
                    + " points to device memory that was freed");
        }
        return m.address;
    }

    private static int align(int offset, int alignment) {
        return (offset + alignment - 1) / alignment * alignment;
    }

    private static long live(String operation, DeviceMemory memory, long offset, long length) {
        Memory m = own(operation, memory);
        if (m.freed.get()) {
            throw new IllegalStateException("emulated device: " + operation + " on device memory that was freed");
        }
        m.checkRange(operation, offset, length);
        return m.address;
    }

    private static Memory own(String operation, DeviceMemory memory) {
        if (memory instanceof Memory m) {
            return m;
        }
        throw new IllegalArgumentException("emulated device: " + operation + " was given " + memory
                + ", which another driver allocated");
    }

    /** Host memory standing in for device memory. */
    private static final class Memory implements DeviceMemory {
        private final long address;
        private final long bytes;
        private final AtomicBoolean freed = new AtomicBoolean();

        Memory(long address, long bytes) {
            this.address = address;
            this.bytes = bytes;
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public String toString() {
            return "emulated device memory of " + bytes + " bytes";
        }
    }
}

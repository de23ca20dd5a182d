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
 * the kernel's C++ parameters, pointers to freed memory, copies outside a block. What it
 * cannot check is listed in cuda_emulator.h and the module README.
 */
public final class EmulatedDriver implements Driver {

    /** Fails with the reason when the emulator library is not available. */
    public EmulatedDriver() {
        EmulatorLibrary.require();
    }

    /** The kernels the emulator library contains. */
    public Set<String> kernelNames() {
        return Set.of(EmulatorNative.kernelNames());
    }

    @Override
    public String description() {
        return "CUDA emulator (kernels on CPU threads)";
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
        EmulatorNative.release(m.address);
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
        EmulatorNative.copyToHost(live("copyToHost", source, sourceByteOffset, bytes) + sourceByteOffset, target, bytes);
    }

    @Override
    public void copyToHost(DeviceMemory source, long sourceByteOffset, double[] target) {
        long bytes = 8L * target.length;
        EmulatorNative.copyToHost(live("copyToHost", source, sourceByteOffset, bytes) + sourceByteOffset, target, bytes);
    }

    @Override
    public void launch(String kernel, Dim3 grid, Dim3 block, KernelArgs args) {
        EmulatorNative.launch(kernel, args.signature(), pack(kernel, args.args()),
                grid.x(), grid.y(), grid.z(), block.x(), block.y(), block.z());
    }

    @Override
    public void synchronize() {
        // Every launch has already finished when launch() returns.
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

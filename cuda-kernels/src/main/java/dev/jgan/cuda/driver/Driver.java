package dev.jgan.cuda.driver;

/**
 * The few things the CUDA backend asks of a device: memory, copies between host and device,
 * and kernel launches by name. Two implementations: {@link JCudaDriver} drives a real GPU
 * through the CUDA driver API, {@link EmulatedDriver} runs the same kernel sources on CPU
 * threads. Everything above this interface is shared, so the emulator tests the backend's
 * arithmetic, layouts and launch shapes as well as the kernels.
 *
 * <p>Launches are asynchronous on a GPU; copies to the host wait for the launches before them.
 * A kernel that fails is therefore reported by a later call, which cannot say which kernel it
 * was. With the system property {@value #DEBUG_PROPERTY}{@code =true} every launch is checked
 * before {@link #launch} returns (a GPU synchronizes; the emulator checks the guard bytes around
 * every buffer the kernel was given), and a failure names the kernel.
 */
public interface Driver {
    /** The system property that turns on checking after every launch. */
    String DEBUG_PROPERTY = "jgan.cuda.debug";

    /** Whether {@value #DEBUG_PROPERTY} asks for checking after every launch. */
    static boolean debugRequested() {
        return Boolean.getBoolean(DEBUG_PROPERTY);
    }

    /** One line for people: which device this is. */
    String description();

    /** Uninitialized device memory; at least one byte is reserved even for {@code bytes == 0}. */
    DeviceMemory allocate(long bytes);

    void free(DeviceMemory memory);

    /** Sets every byte of the block to {@code value} (0 to 255), in order with the launches. */
    void fillBytes(DeviceMemory memory, int value);

    void copyToDevice(float[] source, DeviceMemory target, long targetByteOffset);

    void copyToDevice(double[] source, DeviceMemory target, long targetByteOffset);

    /** Fills {@code target} completely, reading from {@code source} at the byte offset. */
    void copyToHost(DeviceMemory source, long sourceByteOffset, float[] target);

    void copyToHost(DeviceMemory source, long sourceByteOffset, double[] target);

    /**
     * Launches {@code kernel} (an {@code extern "C" __global__} function of src/main/cuda). In
     * debug mode, also waits for it and fails, naming it, if it failed.
     */
    void launch(String kernel, Dim3 grid, Dim3 block, KernelArgs args);

    /** Waits until every launch so far has finished. */
    void synchronize();

    /**
     * The device address {@code byteOffset} bytes into a block, for a library called with raw
     * device pointers (cuBLAS through {@code CublasShim}). On the emulator it is a host address.
     */
    long address(DeviceMemory memory, long byteOffset);

    /**
     * The handle of the stream every launch goes to (a {@code CUstream}), for libraries that must
     * queue behind the launches; 0 (the default stream) on the emulator, whose launches finish
     * before {@link #launch} returns.
     */
    long streamHandle();

    /** Makes the device's context current on the calling thread, for libraries that use the current one (cuBLAS). */
    default void makeCurrent() {
    }
}

package dev.jgan.cuda.driver;

/**
 * The few things the CUDA backend asks of a device: memory, copies between host and device,
 * and kernel launches by name. Two implementations: {@link JCudaDriver} drives a real GPU
 * through the CUDA driver API, {@link EmulatedDriver} runs the same kernel sources on CPU
 * threads. Everything above this interface is shared, so the emulator tests the backend's
 * arithmetic, layouts and launch shapes as well as the kernels.
 *
 * <p>Launches are asynchronous on a GPU; copies to the host wait for the launches before them.
 */
public interface Driver {
    /** One line for people: which device this is. */
    String description();

    /** Uninitialized device memory; at least one byte is reserved even for {@code bytes == 0}. */
    DeviceMemory allocate(long bytes);

    void free(DeviceMemory memory);

    void copyToDevice(float[] source, DeviceMemory target, long targetByteOffset);

    void copyToDevice(double[] source, DeviceMemory target, long targetByteOffset);

    /** Fills {@code target} completely, reading from {@code source} at the byte offset. */
    void copyToHost(DeviceMemory source, long sourceByteOffset, float[] target);

    void copyToHost(DeviceMemory source, long sourceByteOffset, double[] target);

    /** Launches {@code kernel} (an {@code extern "C" __global__} function of src/main/cuda). */
    void launch(String kernel, Dim3 grid, Dim3 block, KernelArgs args);

    /** Waits until every launch so far has finished. */
    void synchronize();
}

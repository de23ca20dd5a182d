package dev.jgan.tutorials.kernels;

import dev.jgan.cuda.CudaBackend;
import dev.jgan.cuda.GemmKernel;
import dev.jgan.cuda.driver.EmulatorLibrary;

import java.io.PrintStream;

/**
 * Where the chapter's kernels run: a real GPU (matmul by cuBLAS, our kernels for everything
 * else), or the CPU emulator of the CUDA execution model, which runs the same .cu sources
 * compiled with g++ and can check correctness but not speed.
 */
record KernelDevice(CudaBackend backend, boolean gpu) {

    /** What the program was asked for: {@code auto} (a GPU if there is one), {@code gpu} or {@code emulator}. */
    enum Mode {
        AUTO, GPU, EMULATOR;

        static Mode parse(String text) {
            return switch (text) {
                case "auto" -> AUTO;
                case "gpu" -> GPU;
                case "emulator" -> EMULATOR;
                default -> throw new IllegalArgumentException("chapter 11: unknown mode '" + text
                        + "'; expected auto, gpu or emulator");
            };
        }
    }

    /** Opens the device for {@code mode}; with {@code auto} and no usable GPU, says why and takes the emulator. */
    static KernelDevice open(Mode mode, PrintStream out) {
        if (mode != Mode.EMULATOR) {
            try {
                return new KernelDevice(CudaBackend.onGpu(0), true);
            } catch (RuntimeException | LinkageError e) {
                if (mode == Mode.GPU) {
                    throw new IllegalStateException("chapter 11: no usable GPU: " + e.getMessage(), e);
                }
                out.println("no usable GPU (" + e.getMessage() + "): running the kernels on the emulator");
                out.println();
            }
        }
        if (!EmulatorLibrary.isAvailable()) {
            throw new IllegalStateException("chapter 11: " + EmulatorLibrary.unavailableReason());
        }
        return new KernelDevice(CudaBackend.emulated(GemmKernel.BLOCKTILE_2D), false);
    }
}

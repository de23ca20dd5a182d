package dev.jgan.cuda.driver;

import jcuda.CudaException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each way a GPU can be missing gives one line that names the missing piece and what to do,
 * from failures shaped as JCuda reports them (multi-line native-library errors, CUresult names).
 */
class GpuFailureTest {

    @Test
    void noDriverLibrary() {
        UnsatisfiedLinkError jcuda = new UnsatisfiedLinkError(
                "Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                + "Operating system name: Linux\n---(start of nested stack traces)---\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open"
                + " shared object file: No such file or directory\n\tat java.base/...");
        assertLine("cuda:0: no NVIDIA driver (libcuda.so.1 could not be loaded); run on the cpu device, or set JGAN_CUDA_DRIVER=emulator"
                + " (or -Djgan.cuda.driver=emulator) to run the CUDA kernels on the CPU", GpuFailure.describe("cuda:0", jcuda));
        // The second attempt in a JVM sees only that JCuda's class failed to initialize.
        NoClassDefFoundError again = new NoClassDefFoundError("Could not initialize class jcuda.driver.JCudaDriver");
        assertTrue(GpuFailure.describe("cuda:0", again).startsWith("cuda:0: no NVIDIA driver"));
    }

    @Test
    void aDriverWithoutAGpuOrTooOld() {
        assertTrue(GpuFailure.describe("cuda:1", new CudaException("CUDA_ERROR_NO_DEVICE"))
                .startsWith("cuda:1: the NVIDIA driver sees no GPU (CUDA_ERROR_NO_DEVICE; check nvidia-smi"));
        assertLine("cuda:0: the NVIDIA driver is too old for CUDA 12 (CUDA_ERROR_INSUFFICIENT_DRIVER); update it",
                GpuFailure.describe("cuda:0",
                        new IllegalStateException("wrapped", new CudaException("CUDA_ERROR_INSUFFICIENT_DRIVER"))));
    }

    @Test
    void kernelModulesForOtherArchitectures() {
        assertTrue(GpuFailure.describe("cuda:0", new CudaException("CUDA_ERROR_NO_BINARY_FOR_GPU"))
                .contains("rebuild with -Djgan.cuda.archs="));
    }

    @Test
    void noCublasByEitherPathNamesBothReasonsAndWhatToDo() {
        assertLine("cuda:0 NVIDIA H100: no cuBLAS (JCublas, for CUDA 12: Error while loading native library"
                        + " \"JCublas2-12.6.0\"; our cuBLAS shim found none of [libcublas.so.13, libcublas.so.12]:"
                        + " libcublas.so.13: cannot open shared object file); put libcublas.so.13 or .so.12 on"
                        + " LD_LIBRARY_PATH or name it with JGAN_CUBLAS_LIBRARY=<file>, or set"
                        + " -Djgan.cuda.matmul=blocktile_2d to multiply with our own kernel",
                GpuFailure.noCublas("cuda:0 NVIDIA H100", "Error while loading native library \"JCublas2-12.6.0\"\n"
                                + "libcublas.so.12: cannot open shared object file",
                        "our cuBLAS shim found none of [libcublas.so.13, libcublas.so.12]: libcublas.so.13: cannot open"
                                + " shared object file"));
    }

    @Test
    void anythingElseKeepsTheFirstLineOfItsMessage() {
        assertLine("cuda:0: this machine has 1 CUDA device(s)",
                GpuFailure.describe("cuda:0", new IllegalStateException("this machine has 1 CUDA device(s)\nmore")));
    }

    private static void assertLine(String expected, String actual) {
        assertEquals(expected, actual);
        assertFalse(actual.contains("\n"), "one line");
    }
}

package dev.jgan.cuda.driver;

import java.util.Locale;

/**
 * One line for people out of a failure to open a GPU. JCuda reports a missing native library
 * with a page of nested stack traces and the driver API with bare codes such as
 * {@code CUDA_ERROR_NO_DEVICE}; what a user needs is which piece is missing and what to do.
 * The common cases, each with its line:
 * <ul>
 *   <li>no NVIDIA driver ({@code libcuda.so.1} cannot be loaded);</li>
 *   <li>a driver but no GPU ({@code CUDA_ERROR_NO_DEVICE}), or a driver too old for CUDA 12;</li>
 *   <li>kernel modules without code for this GPU (built for other architectures);</li>
 * </ul>
 * and, from {@link #noCublas}, no cuBLAS by either path (JCublas for CUDA 12, our shim for 13 or 12).
 * Anything else keeps the first line of its own message.
 */
public final class GpuFailure {
    private static final String EMULATOR_HINT = "run on the cpu device, or set JGAN_CUDA_DRIVER=emulator"
            + " (or -Djgan.cuda.driver=emulator) to run"
            + " the CUDA kernels on the CPU";

    private GpuFailure() {
    }

    /** The line for {@code failure}, starting with {@code device} (e.g. "cuda:0"). */
    public static String describe(String device, Throwable failure) {
        String text = chainText(failure);
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("libcuda.so") || lower.contains("jcudadriver")) {
            return device + ": no NVIDIA driver (libcuda.so.1 could not be loaded); " + EMULATOR_HINT;
        }
        if (text.contains("CUDA_ERROR_NO_DEVICE")) {
            return device + ": the NVIDIA driver sees no GPU (CUDA_ERROR_NO_DEVICE; check nvidia-smi and"
                    + " CUDA_VISIBLE_DEVICES); " + EMULATOR_HINT;
        }
        if (text.contains("CUDA_ERROR_INSUFFICIENT_DRIVER")) {
            return device + ": the NVIDIA driver is too old for CUDA 12 (CUDA_ERROR_INSUFFICIENT_DRIVER); update it";
        }
        for (String code : new String[]{"CUDA_ERROR_NO_BINARY_FOR_GPU", "CUDA_ERROR_UNSUPPORTED_PTX_VERSION",
                "CUDA_ERROR_INVALID_PTX"}) {
            if (text.contains(code)) {
                return device + ": the kernel modules have no code this GPU and driver can run (" + code + "); rebuild"
                        + " with -Djgan.cuda.archs=\"<the GPU's sm number, e.g. 89>\" or update the driver";
            }
        }
        return device + ": " + firstLine(failure.getMessage() == null ? failure.toString() : failure.getMessage());
    }

    /**
     * The line for a GPU without cuBLAS: what JCublas (CUDA 12) and our shim (CUDA 13 or 12) each
     * said, and what to do. The backend then multiplies with our own kernel unless cuBLAS was
     * asked for.
     */
    public static String noCublas(String device, String jcublasFailure, String shimFailure) {
        return device + ": no cuBLAS (JCublas, for CUDA 12: " + firstLine(String.valueOf(jcublasFailure))
                + "; " + firstLine(String.valueOf(shimFailure)) + "); put libcublas.so.13 or .so.12 on LD_LIBRARY_PATH"
                + " or name it with JGAN_CUBLAS_LIBRARY=<file>, or set -Djgan.cuda.matmul=blocktile_2d to multiply"
                + " with our own kernel";
    }

    /** The messages of the failure and all its causes, for matching. */
    private static String chainText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }

    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return (end < 0 ? message : message.substring(0, end)).trim();
    }
}

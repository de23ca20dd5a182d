package dev.jgan.gan.cli;

import dev.jgan.core.Device;
import dev.jgan.core.backend.Backends;

import java.io.PrintWriter;

/**
 * Resolves {@code --device}:
 * <ul>
 *   <li>{@code cpu}: the CPU;</li>
 *   <li>{@code cuda}: cuda:0, or one line saying what is missing (exit code 2);</li>
 *   <li>{@code auto}: cuda:0 when a driver and a GPU are there; with them but without cuBLAS,
 *       cuda:0 multiplying with our own SGEMM kernel; otherwise the CPU. Either fallback prints
 *       one line saying why.</li>
 * </ul>
 * What stands behind cuda:0 is the CUDA backend's choice: a real GPU by default, or the CPU
 * emulator of the CUDA kernels with {@code -Djgan.cuda.driver=emulator} (or the environment
 * variable {@code JGAN_CUDA_DRIVER=emulator}), which is how CI runs {@code gan train} on the
 * CUDA path without a GPU.
 */
final class DeviceChoice {
    /** The CUDA backend's property for the matmul kernel (see cuda-kernels/README.md). */
    private static final String MATMUL_PROPERTY = "jgan.cuda.matmul";
    /** The best rung of sgemm.cu: the CUDA backend's matmul when cuBLAS is missing. */
    private static final String OWN_SGEMM = "blocktile_2d";

    private DeviceChoice() {
    }

    static Device resolve(String device, PrintWriter out) {
        return switch (device) {
            case "cpu" -> Device.CPU;
            case "cuda" -> {
                try {
                    Backends.forDevice(Device.cuda(0));
                } catch (IllegalStateException e) {
                    throw new IllegalArgumentException("--device cuda: " + e.getMessage());
                }
                yield Device.cuda(0);
            }
            case "auto" -> auto(out);
            default -> throw new IllegalArgumentException("--device: unknown device '" + device
                    + "'; expected auto, cpu or cuda");
        };
    }

    private static Device auto(PrintWriter out) {
        Device cuda = Device.cuda(0);
        String reason;
        try {
            Backends.forDevice(cuda);
            return cuda;
        } catch (IllegalStateException e) {
            reason = e.getMessage();
        }
        // A retry with our own SGEMM succeeds exactly when what was missing is cuBLAS: without a
        // driver or a GPU it fails the same way. A matmul the user chose is left alone.
        if (System.getProperty(MATMUL_PROPERTY) == null) {
            System.setProperty(MATMUL_PROPERTY, OWN_SGEMM);
            try {
                Backends.forDevice(cuda);
                out.println("device: cuda:0 with matmul by our " + OWN_SGEMM + " kernel, since " + reason);
                return cuda;
            } catch (IllegalStateException e) {
                System.clearProperty(MATMUL_PROPERTY);
            }
        }
        out.println("device: cpu, since " + reason);
        return Device.CPU;
    }
}

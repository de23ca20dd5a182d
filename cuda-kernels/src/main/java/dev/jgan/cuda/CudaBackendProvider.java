package dev.jgan.cuda;

import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.BackendProvider;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Offers {@link CudaBackend} for the device type {@code cuda} through {@link java.util.ServiceLoader}.
 * Two system properties choose what stands behind {@code cuda:N}:
 * <ul>
 *   <li>{@value #DRIVER_PROPERTY}: {@code gpu} (default; a real GPU through JCuda) or
 *       {@code emulator} (the kernels on CPU threads; only {@code cuda:0}); when the property is
 *       not set, the environment variable {@value #DRIVER_ENVIRONMENT} is read, so that a program
 *       started by a script (bin/gan) can be put on the emulator without touching its java line;</li>
 *   <li>{@value #MATMUL_PROPERTY}: unset (on a GPU, cuBLAS when it loads, else
 *       {@code blocktile_2d} with one line saying why; on the emulator {@code blocktile_2d}),
 *       {@code cublas} (cuBLAS or fail; on the emulator only with a stand-in named by
 *       {@code jgan.cublas.library}) or a rung of sgemm.cu: {@code naive}, {@code coalesced},
 *       {@code shared}, {@code blocktile_2d}.</li>
 * </ul>
 * and {@value dev.jgan.cuda.driver.Driver#DEBUG_PROPERTY}{@code =true} checks every launch, read
 * when a backend is first made.
 * Backends are made once per choice and device and shared, since ServiceLoader makes a new
 * provider on every lookup and a GPU context should be opened once.
 */
public final class CudaBackendProvider implements BackendProvider {
    public static final String DRIVER_PROPERTY = "jgan.cuda.driver";
    public static final String MATMUL_PROPERTY = "jgan.cuda.matmul";
    public static final String DRIVER_ENVIRONMENT = "JGAN_CUDA_DRIVER";

    private static final Map<String, CudaBackend> BACKENDS = new ConcurrentHashMap<>();
    private static volatile String lastFailure = "";

    @Override
    public String deviceType() {
        return "cuda";
    }

    @Override
    public Optional<Backend> backend(int index) {
        String fromEnvironment = System.getenv(DRIVER_ENVIRONMENT);
        String driver = System.getProperty(DRIVER_PROPERTY,
                fromEnvironment == null || fromEnvironment.isEmpty() ? "gpu" : fromEnvironment);
        String matmul = System.getProperty(MATMUL_PROPERTY, "");
        try {
            return Optional.of(BACKENDS.computeIfAbsent(driver + "/" + index + "/" + matmul,
                    key -> create(driver, index, matmul)));
        } catch (RuntimeException | LinkageError e) {
            lastFailure = e.getMessage();
            return Optional.empty();
        }
    }

    private static CudaBackend create(String driver, int index, String matmul) {
        switch (driver) {
            case "gpu":
                if (matmul.isEmpty()) {
                    return CudaBackend.onGpu(index);
                }
                return matmul.equals("cublas") ? CudaBackend.onGpuWithCublas(index)
                        : CudaBackend.onGpu(index, GemmKernel.parse(matmul));
            case "emulator":
                if (index != 0) {
                    throw new IllegalArgumentException("cuda:" + index + ": the emulator has only cuda:0");
                }
                if (matmul.equals("cublas") && !CublasShim.namedLibrary().isEmpty()) {
                    return CudaBackend.emulatedWithCublas();
                }
                if (matmul.equals("cublas")) {
                    throw new IllegalArgumentException(MATMUL_PROPERTY + "=cublas needs a real GPU; the emulator"
                            + " runs our own kernels (naive, coalesced, shared, blocktile_2d), or a host-computing"
                            + " stand-in for cuBLAS named by " + CublasShim.LIBRARY_PROPERTY);
                }
                return CudaBackend.emulated(matmul.isEmpty() ? GemmKernel.BLOCKTILE_2D : GemmKernel.parse(matmul));
            default:
                throw new IllegalArgumentException(DRIVER_PROPERTY + " (or " + DRIVER_ENVIRONMENT + ") is '" + driver
                        + "': expected gpu or emulator");
        }
    }

    @Override
    public String unavailableReason() {
        return lastFailure;
    }
}

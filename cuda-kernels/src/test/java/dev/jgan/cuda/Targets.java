package dev.jgan.cuda;

import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Backends;
import dev.jgan.cuda.driver.EmulatorLibrary;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The backends a conformance test runs against: the CPU reference, the CUDA backend on the
 * emulator, and the CUDA backend on a real GPU (matmul by cuBLAS when it loads, else by our own
 * kernel, so that a GPU without cuBLAS still runs every kernel test); for matmul also cuBLAS
 * through our shim on the emulator (a fake cuBLAS) and on the GPU (the real one). A target that this machine cannot provide makes
 * the test an assumption failure, which JUnit reports as skipped with the reason, never passed.
 */
final class Targets {
    private Targets() {
    }

    /** A named backend that may be unavailable here; made once, on first use. */
    static final class Target {
        private final String name;
        private final Supplier<Backend> factory;
        private Backend backend;
        private String unavailable;

        Target(String name, Supplier<Backend> factory) {
            this.name = name;
            this.factory = factory;
        }

        /** The backend; skips the calling test when this machine has none. */
        synchronized Backend backend() {
            if (backend == null && unavailable == null) {
                try {
                    backend = factory.get();
                } catch (RuntimeException e) {
                    unavailable = e.getMessage();
                }
            }
            assumeTrue(unavailable == null, () -> name + " is not available on this machine: " + unavailable);
            return backend;
        }

        /** This CUDA target with matmul by one rung of sgemm.cu; skips like {@link #backend()}. */
        CudaBackend withGemm(GemmKernel kernel) {
            return ((CudaBackend) backend()).withMatmul(kernel);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final Target CPU = new Target("cpu", Backends::cpu);
    static final Target EMULATED = new Target("cuda emulator", () -> {
        if (!EmulatorLibrary.isAvailable()) {
            throw new IllegalStateException(EmulatorLibrary.unavailableReason());
        }
        return CudaBackend.emulated(GemmKernel.BLOCKTILE_2D);
    });
    /** The emulator with matmul by cuBLAS through our shim, cuBLAS being a fake that computes on the host. */
    static final Target EMULATED_CUBLAS = new Target("cuda emulator + fake cuBLAS", () -> {
        if (!EmulatorLibrary.isAvailable()) {
            throw new IllegalStateException(EmulatorLibrary.unavailableReason());
        }
        return CudaBackend.emulatedWithCublas(FakeCublas.library().toString());
    });
    /** A GPU with matmul by cuBLAS when it loads, else by our best kernel: runs wherever a GPU is. */
    static final Target GPU = new Target("cuda gpu", () -> CudaBackend.onGpu(0));
    /** A GPU with matmul by cuBLAS (JCublas or our shim): skipped where cuBLAS is missing. */
    static final Target GPU_CUBLAS = new Target("cuda gpu + cuBLAS", () -> CudaBackend.onGpuWithCublas(0));

    /**
     * The system property naming, comma-separated, the only targets to test (e.g. "cuda gpu,cuda
     * gpu + cuBLAS" on a GPU machine, where the emulator's cases would only cost time); unset,
     * every target. Targets left out are not generated at all, so they count neither as passed
     * nor as skipped.
     */
    static final String ONLY_PROPERTY = "jgan.test.targets";

    /** Every backend, the CPU reference included. */
    static Stream<Target> all() {
        return selected(CPU, EMULATED, GPU);
    }

    private static Stream<Target> selected(Target... targets) {
        String only = System.getProperty(ONLY_PROPERTY, "");
        List<String> names = Arrays.stream(only.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
        return Stream.of(targets).filter(t -> names.isEmpty() || names.contains(t.name));
    }

    /** For matmul: every backend, and cuBLAS through the fake (emulator) and the real one (GPU). */
    static Stream<Target> matmul() {
        return selected(CPU, EMULATED, EMULATED_CUBLAS, GPU, GPU_CUBLAS);
    }

    /** The CUDA backends only: for what the CPU backend does not have, such as the SGEMM rungs. */
    static Stream<Target> cuda() {
        return selected(EMULATED, GPU);
    }
}

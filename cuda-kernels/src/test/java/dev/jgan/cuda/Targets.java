package dev.jgan.cuda;

import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Backends;
import dev.jgan.cuda.driver.EmulatorLibrary;

import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The backends a conformance test runs against: the CPU reference, the CUDA backend on the
 * emulator, and the CUDA backend on a real GPU. A target that this machine cannot provide makes
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
    static final Target GPU = new Target("cuda gpu", () -> CudaBackend.onGpu(0));

    /** Every backend, the CPU reference included. */
    static Stream<Target> all() {
        return Stream.of(CPU, EMULATED, GPU);
    }

    /** The CUDA backends only: for what the CPU backend does not have, such as the SGEMM rungs. */
    static Stream<Target> cuda() {
        return Stream.of(EMULATED, GPU);
    }
}

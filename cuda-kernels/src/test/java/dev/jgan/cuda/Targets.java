package dev.jgan.cuda;

import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.cuda.driver.EmulatorLibrary;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The CUDA backends the conformance suites of core's test jar run against here: the CUDA
 * backend on the emulator and on a real GPU (matmul by cuBLAS when it loads, else by our own
 * kernel, so that a GPU without cuBLAS still runs every kernel test); for matmul also cuBLAS
 * through our shim on the emulator (a fake cuBLAS) and on the GPU (the real one). The CPU's
 * targets are core's own (CpuConformanceTest). A target this machine cannot provide makes the
 * test an assumption failure, which JUnit reports as skipped with the reason, never passed.
 */
final class Targets {
    private Targets() {
    }

    static final ConformanceTarget EMULATED = ConformanceTarget.device("cuda emulator", () -> {
        if (!EmulatorLibrary.isAvailable()) {
            throw new IllegalStateException(EmulatorLibrary.unavailableReason());
        }
        return CudaBackend.emulated(GemmKernel.BLOCKTILE_2D);
    });
    /** The emulator with matmul by cuBLAS through our shim, cuBLAS being a fake that computes on the host. */
    static final ConformanceTarget EMULATED_CUBLAS = ConformanceTarget.device("cuda emulator + fake cuBLAS", () -> {
        if (!EmulatorLibrary.isAvailable()) {
            throw new IllegalStateException(EmulatorLibrary.unavailableReason());
        }
        return CudaBackend.emulatedWithCublas(FakeCublas.library().toString());
    });
    /** A GPU with matmul by cuBLAS when it loads, else by our best kernel: runs wherever a GPU is. */
    static final ConformanceTarget GPU = ConformanceTarget.device("cuda gpu", () -> CudaBackend.onGpu(0));
    /** A GPU with matmul by cuBLAS (JCublas or our shim): skipped where cuBLAS is missing. */
    static final ConformanceTarget GPU_CUBLAS = ConformanceTarget.device("cuda gpu + cuBLAS",
            () -> CudaBackend.onGpuWithCublas(0));

    /**
     * The system property naming, comma-separated, the only targets to test (e.g. "cuda gpu,cuda
     * gpu + cuBLAS" on a GPU machine, where the emulator's cases would only cost time); unset,
     * every target. Targets left out are not generated at all, so they count neither as passed
     * nor as skipped.
     */
    static final String ONLY_PROPERTY = "jgan.test.targets";

    /** Every CUDA backend: the emulator and the GPU. */
    static Stream<ConformanceTarget> all() {
        return selected(EMULATED, GPU);
    }

    /** For matmul: the CUDA backends, and cuBLAS through the fake (emulator) and the real one (GPU). */
    static Stream<ConformanceTarget> matmul() {
        return selected(EMULATED, EMULATED_CUBLAS, GPU, GPU_CUBLAS);
    }

    /** This CUDA target with matmul by one rung of sgemm.cu; skips like {@link ConformanceTarget#backend()}. */
    static CudaBackend withGemm(ConformanceTarget target, GemmKernel kernel) {
        return ((CudaBackend) target.backend()).withMatmul(kernel);
    }

    private static Stream<ConformanceTarget> selected(ConformanceTarget... targets) {
        String only = System.getProperty(ONLY_PROPERTY, "");
        List<String> names = Arrays.stream(only.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
        return Stream.of(targets).filter(t -> names.isEmpty() || names.contains(t.name()));
    }
}

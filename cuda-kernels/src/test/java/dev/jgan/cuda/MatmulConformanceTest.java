package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.conformance.MatmulConformance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * Core's matmul conformance suite on the CUDA backends (cuBLAS on a GPU, the 2-D block-tiled
 * kernel on the emulator; cuBLAS through our shim on the emulator with a fake cuBLAS and on a
 * GPU with the real one), and the same cases on each rung of sgemm.cu on its own.
 */
class MatmulConformanceTest extends MatmulConformance {
    @Override
    protected Stream<ConformanceTarget> targets() {
        return Targets.matmul();
    }

    Stream<Arguments> cudaTargetsAndKernels() {
        return Targets.all().flatMap(t -> Stream.of(GemmKernel.values()).map(k -> Arguments.of(t, k)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cudaTargetsAndKernels")
    void eachRungOfTheSgemmLadderOnItsOwn(ConformanceTarget target, GemmKernel kernel) {
        CudaBackend backend = Targets.withGemm(target, kernel);
        check(backend, DType.FLOAT32);
        check(backend, DType.FLOAT64);
    }
}

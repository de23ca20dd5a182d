package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.Backends;
import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.conformance.ConvolutionConformance;
import dev.jgan.core.conformance.CopyConformance;
import dev.jgan.core.conformance.ElementwiseConformance;
import dev.jgan.core.conformance.MatmulConformance;
import dev.jgan.core.conformance.PhiloxConformance;
import dev.jgan.core.conformance.ReduceConformance;
import dev.jgan.core.conformance.SoftmaxConformance;
import org.junit.jupiter.api.Nested;

import java.util.stream.Stream;

/**
 * The kernel conformance suites on the CPU's two targets: the reference loops alone
 * ({@link CpuBackend#reference()}) and the backend as used, fast paths included. cuda-kernels runs
 * the same suites on the emulator and the GPU. The fused-optimizer suite is not here: the CPU's
 * fused loops are the reference it holds the other backends to.
 */
class CpuConformanceTest {
    static final ConformanceTarget REFERENCE = ConformanceTarget.host("cpu reference loops", CpuBackend::reference);
    static final ConformanceTarget FAST = ConformanceTarget.host("cpu fast paths", Backends::cpu);

    static Stream<ConformanceTarget> both() {
        return Stream.of(REFERENCE, FAST);
    }

    @Nested
    class Elementwise extends ElementwiseConformance {
        @Override
        protected Stream<ConformanceTarget> targets() {
            return both();
        }
    }

    @Nested
    class Copy extends CopyConformance {
        @Override
        protected Stream<ConformanceTarget> targets() {
            return both();
        }
    }

    @Nested
    class Reduce extends ReduceConformance {
        @Override
        protected Stream<ConformanceTarget> targets() {
            return both();
        }
    }

    @Nested
    class Softmax extends SoftmaxConformance {
        @Override
        protected Stream<ConformanceTarget> targets() {
            return both();
        }
    }

    @Nested
    class Convolution extends ConvolutionConformance {
        @Override
        protected Stream<ConformanceTarget> targets() {
            return both();
        }
    }

    @Nested
    class Matmul extends MatmulConformance {
        @Override
        protected Stream<ConformanceTarget> targets() {
            return both();
        }
    }

    @Nested
    class Philox extends PhiloxConformance {
        @Override
        protected Stream<ConformanceTarget> targets() {
            return both();
        }
    }
}

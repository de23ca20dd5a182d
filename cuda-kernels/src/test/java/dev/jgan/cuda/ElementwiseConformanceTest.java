package dev.jgan.cuda;

import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.conformance.ElementwiseConformance;

import java.util.stream.Stream;

/** Core's elementwise conformance suite on the CUDA backends (emulator, GPU). */
class ElementwiseConformanceTest extends ElementwiseConformance {
    @Override
    protected Stream<ConformanceTarget> targets() {
        return Targets.all();
    }
}

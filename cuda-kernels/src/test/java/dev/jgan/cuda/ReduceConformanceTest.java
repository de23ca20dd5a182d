package dev.jgan.cuda;

import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.conformance.ReduceConformance;

import java.util.stream.Stream;

/** Core's reduce conformance suite on the CUDA backends (emulator, GPU). */
class ReduceConformanceTest extends ReduceConformance {
    @Override
    protected Stream<ConformanceTarget> targets() {
        return Targets.all();
    }
}

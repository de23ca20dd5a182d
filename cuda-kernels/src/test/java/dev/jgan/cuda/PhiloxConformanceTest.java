package dev.jgan.cuda;

import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.conformance.PhiloxConformance;

import java.util.stream.Stream;

/** Core's philox conformance suite on the CUDA backends (emulator, GPU). */
class PhiloxConformanceTest extends PhiloxConformance {
    @Override
    protected Stream<ConformanceTarget> targets() {
        return Targets.all();
    }
}

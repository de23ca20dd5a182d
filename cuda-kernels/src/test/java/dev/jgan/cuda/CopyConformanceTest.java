package dev.jgan.cuda;

import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.conformance.CopyConformance;

import java.util.stream.Stream;

/** Core's copy conformance suite on the CUDA backends (emulator, GPU). */
class CopyConformanceTest extends CopyConformance {
    @Override
    protected Stream<ConformanceTarget> targets() {
        return Targets.all();
    }
}

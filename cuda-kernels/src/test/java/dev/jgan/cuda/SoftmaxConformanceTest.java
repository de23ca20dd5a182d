package dev.jgan.cuda;

import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.conformance.SoftmaxConformance;

import java.util.stream.Stream;

/** Core's softmax conformance suite on the CUDA backends (emulator, GPU). */
class SoftmaxConformanceTest extends SoftmaxConformance {
    @Override
    protected Stream<ConformanceTarget> targets() {
        return Targets.all();
    }
}

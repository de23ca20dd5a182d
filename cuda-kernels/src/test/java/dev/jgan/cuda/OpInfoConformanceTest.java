package dev.jgan.cuda;

import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.ops.OpInfoConformance;

import java.util.stream.Stream;

/**
 * Every sample of core's gradient-check registry, forward and backward in float32 on the CUDA
 * backends, against the CPU in float64 (tolerances derived per op by core's OpInfoConformance).
 */
class OpInfoConformanceTest extends OpInfoConformance {
    @Override
    protected Stream<ConformanceTarget> targets() {
        return Targets.all();
    }
}

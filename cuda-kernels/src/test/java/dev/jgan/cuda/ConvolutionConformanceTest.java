package dev.jgan.cuda;

import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.conformance.ConvolutionConformance;

import java.util.stream.Stream;

/** Core's convolution conformance suite on the CUDA backends (emulator, GPU). */
class ConvolutionConformanceTest extends ConvolutionConformance {
    @Override
    protected Stream<ConformanceTarget> targets() {
        return Targets.all();
    }
}

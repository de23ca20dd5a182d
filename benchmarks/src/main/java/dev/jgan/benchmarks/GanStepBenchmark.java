package dev.jgan.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Whole training steps at batch 64 (see {@link GanSteps}): the MLP GAN of gan.py, DCGAN 32x32 and
 * DCGAN 64x64. A DCGAN step takes seconds on a 2-core machine, so these run as single shots:
 * two warm-up steps (the JIT compiles the kernels), then a few timed ones.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(1)
public class GanStepBenchmark {
    @Param({"MLP_GAN", "DCGAN_32", "DCGAN_64"})
    public GanSteps model;

    private GanSteps.Step step;

    @Setup
    public void setup() {
        step = model.prepare(42);
    }

    @Benchmark
    public double trainingStep() {
        return step.run();
    }
}

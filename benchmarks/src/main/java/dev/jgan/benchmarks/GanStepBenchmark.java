package dev.jgan.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * DCGAN 64x64. Warm-up is by time, not by a count of steps: an MLP-GAN step takes tens of
 * milliseconds and runs dozens of small kernels, and after two steps C2 had not compiled them
 * yet (its third to fifth steps took twice as long as its fortieth on the 2-core machine), while
 * a DCGAN-64 step takes seconds, so one JMH iteration holds at least one step either way.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 3, time = 3)
public class GanStepBenchmark extends ForksLikeBinGan {
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

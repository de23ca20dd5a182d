package dev.jgan.benchmarks;

import dev.jgan.core.DType;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.backend.cpu.CpuBackend;
import dev.jgan.core.random.Generator;
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
 * Sums of a [64, 1024] activation, reference loop against float32 fast path: over dim 0 (the
 * batch: a bias gradient) and over dim 1 (each sample's row: a loss or a softmax denominator).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReductionBenchmark extends ForksLikeBinGan {
    @Param({"64x1024"})
    public String shape;

    @Param({"0", "1"})
    public int dim;

    /** reference or fast; see {@link ElementwiseBenchmark#version} for why this is a parameter. */
    @Param({"reference", "fast"})
    public String version;

    private CpuBackend cpu;
    private Tensor x;
    private boolean[] reduced;
    private Tensor out;

    @Setup
    public void setup() {
        cpu = version.equals("fast") ? new CpuBackend() : CpuBackend.reference();
        String[] mn = shape.split("x");
        int[] dims = {Integer.parseInt(mn[0]), Integer.parseInt(mn[1])};
        x = Tensor.randn(new Generator(42), dims);
        reduced = new boolean[2];
        reduced[dim] = true;
        out = Tensor.empty(cpu, DType.FLOAT32, Shape.reduced(dims, reduced, true));
    }

    @Benchmark
    public Tensor kernel() {
        cpu.reduce(ReduceOp.SUM, x.operand(), reduced, out.operand());
        return out;
    }
}

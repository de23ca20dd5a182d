package dev.jgan.benchmarks;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.cpu.CpuBackend;
import dev.jgan.core.random.Generator;
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
 * The float32 matmul ladder on the CPU: the reference triple loop against the blocked,
 * threaded path, at square sizes and at the MLP GAN's own shapes (batch 64, gan.py layers).
 * GFLOP/s = 2 m k n / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MatmulBenchmark {
    /** m x k x n. */
    @Param({"64x64x64", "256x256x256", "1024x1024x1024", "64x100x128", "64x1024x784", "64x784x512"})
    public String shape;

    private final CpuBackend cpu = new CpuBackend();
    private Tensor a;
    private Tensor b;
    private Tensor out;

    @Setup
    public void setup() {
        String[] mkn = shape.split("x");
        int m = Integer.parseInt(mkn[0]);
        int k = Integer.parseInt(mkn[1]);
        int n = Integer.parseInt(mkn[2]);
        Generator gen = new Generator(42);
        a = Tensor.randn(gen, m, k);
        b = Tensor.randn(gen, k, n);
        out = Tensor.empty(cpu, DType.FLOAT32, m, n);
    }

    @Benchmark
    public Tensor reference() {
        cpu.matmulReference(a, b, out);
        return out;
    }

    @Benchmark
    public Tensor blockedThreaded() {
        cpu.matmul(a, b, out);
        return out;
    }
}

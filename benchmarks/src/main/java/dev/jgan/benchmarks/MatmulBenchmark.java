package dev.jgan.benchmarks;

import dev.jgan.core.backend.cpu.MatmulRung;
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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The float32 matmul ladder on the CPU ({@link MatmulRung}: naive loop, the previous blocked
 * path, packed scalar register tile, packed SIMD on one thread, SIMD threaded; every rung with
 * fused multiply-adds, so all return the same bits) on row-major arrays, at square sizes and at the MLP GAN's own shapes:
 * batch 64 through gan.py's layers 100-128-256-512-1024-784, forward ({@code 64 x in x out}),
 * the gradient of the input ({@code 64 x out x in}) and of the weight ({@code in x 64 x out}).
 * GFLOP/s = 2 m k n / time. The forks get {@code --add-modules jdk.incubator.vector}, or the
 * SIMD rungs would run the scalar kernel.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MatmulBenchmark extends ForksLikeBinGan {
    /** m x k x n. */
    @Param({"64x64x64", "128x128x128", "256x256x256", "512x512x512", "1024x1024x1024",
            "64x100x128", "64x128x256", "64x256x512", "64x512x1024", "64x1024x784",
            "64x128x100", "64x256x128", "64x512x256", "64x1024x512", "64x784x1024",
            "100x64x128", "128x64x256", "256x64x512", "512x64x1024", "1024x64x784"})
    public String shape;

    /**
     * The rung of the ladder. JMH orders parameters by name, and "version" sorts after "shape", so
     * the rungs of one shape run back to back, as in the other benchmarks here.
     */
    @Param({"NAIVE", "BLOCKED_THREADED", "REGISTER_TILE", "SIMD", "SIMD_THREADED"})
    public MatmulRung version;

    private float[] a;
    private float[] b;
    private float[] c;
    private int m;
    private int k;
    private int n;

    @Setup
    public void setup() {
        String[] mkn = shape.split("x");
        m = Integer.parseInt(mkn[0]);
        k = Integer.parseInt(mkn[1]);
        n = Integer.parseInt(mkn[2]);
        Random random = new Random(42);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) random.nextGaussian();
        }
    }

    @Benchmark
    public float[] multiply() {
        version.multiply(a, b, c, m, k, n);
        return c;
    }
}

package dev.jgan.benchmarks;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.ScopedMemory;
import dev.jgan.core.ops.LinearAlgebra;
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
 * A convolution's weight gradient at the DCGAN 32x32 step's shapes (batch 64): the upstream
 * gradient {@code g [N, M, L]} times the columns seen transposed, {@code cols^T [N, L, P]}
 * (stored batch-inner, as conv2d stores them), summed over the batch.
 *
 * <p>{@code path=twoSteps} is what the convolutions did before: the N products into an
 * {@code [N, M, P]} tensor, then its sum over the batch. {@code path=summed} is
 * {@link LinearAlgebra#matmulSummedOverBatch}, one product of depth N*L that adds each image's
 * product into the sum as it goes. Both give the same bits (BatchSummedMatmulTest). Each call runs
 * in a CPU memory scope, as in a training step, so its arrays are reused by the next call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class WeightGradientBenchmark extends ForksLikeBinGan {
    /**
     * M x L x P: D's second and third layers (OC 128 and 256, 8x8 and 4x4 outputs, 64 and 128
     * input channels x 16 taps), G's second and third (transposed: C*16 rows, 4x4 and 8x8 inputs).
     */
    @Param({"128x64x1024", "256x16x2048", "2048x16x256", "1024x64x128"})
    public String shape;

    @Param({"twoSteps", "summed"})
    public String path;

    private Tensor g;
    private Tensor colsT;

    @Setup
    public void setup() {
        String[] sizes = shape.split("x");
        int m = Integer.parseInt(sizes[0]);
        int l = Integer.parseInt(sizes[1]);
        int p = Integer.parseInt(sizes[2]);
        Generator gen = new Generator(42);
        g = Tensor.randn(gen, GanSteps.BATCH, m, l);
        colsT = Tensor.randn(gen, p, GanSteps.BATCH, l).permute(1, 2, 0);
    }

    @Benchmark
    public Tensor weightGradient() {
        try (ScopedMemory.Scope call = ((ScopedMemory) Backends.cpu()).openScope()) {
            return path.equals("summed") ? LinearAlgebra.matmulSummedOverBatch(g, colsT)
                    : g.matmul(colsT).sum(new int[]{0}, false);
        }
    }
}

package dev.jgan.tutorials.kernels;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.cuda.CudaBackend;
import dev.jgan.cuda.GemmKernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * On a real GPU: GFLOP/s (2 n^3 flops per product) of each rung of the SGEMM ladder and of
 * cuBLAS, the median of {@value #REPEATS} products after one warm-up, each timed from one
 * synchronization to the next (launches are asynchronous: without it we would time the launch).
 */
final class LadderTiming {
    private static final int REPEATS = 5;

    private LadderTiming() {
    }

    static void print(CudaBackend gpu, int[] sizes, PrintStream out) {
        List<String> names = new ArrayList<>();
        List<CudaBackend> engines = new ArrayList<>();
        for (GemmKernel kernel : GemmKernel.values()) {
            names.add(kernel.name().toLowerCase(Locale.ROOT));
            engines.add(gpu.withMatmul(kernel));
        }
        names.add("cublas");
        engines.add(gpu);
        out.println(LoopToKernelChapter.TIMING_HEADLINE + " on " + gpu);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%6s", "n"));
        names.forEach(n -> header.append(String.format(Locale.ROOT, " %13s", n)));
        out.println(header);
        for (int n : sizes) {
            Tensor a = Tensor.randn(new Generator(1), n, n).to(gpu);
            Tensor b = Tensor.randn(new Generator(2), n, n).to(gpu);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%6d", n));
            double cublas = gflops(gpu, a, b, n);
            for (int e = 0; e < engines.size() - 1; e++) {
                double g = gflops(engines.get(e), a, b, n);
                line.append(String.format(Locale.ROOT, " %7.0f (%2.0f%%)", g, 100 * g / cublas));
            }
            line.append(String.format(Locale.ROOT, " %13.0f", cublas));
            out.println(line);
        }
        out.println("(each rung's share of cuBLAS in parentheses)");
    }

    /** The engines share the device and its memory, so each multiplies the same a and b into out. */
    private static double gflops(CudaBackend engine, Tensor a, Tensor b, int n) {
        Tensor out = Tensor.empty(engine, DType.FLOAT32, n, n);
        engine.matmul(a.operand(), b.operand(), out.operand());
        double[] seconds = new double[REPEATS];
        for (int r = 0; r < REPEATS; r++) {
            engine.synchronize();
            long start = System.nanoTime();
            engine.matmul(a.operand(), b.operand(), out.operand());
            engine.synchronize();
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return 2.0 * n * n * n / seconds[REPEATS / 2] / 1e9;
    }
}

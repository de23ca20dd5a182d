package dev.jgan.cuda.bench;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.FusedOptimizerKernels.AdamSettings;
import dev.jgan.cuda.CudaBackend;
import dev.jgan.nn.optim.Adam;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Adam step over a float32 parameter of n elements: nn's Adam (a dozen tensor-op kernels)
 * against the fused kernel of adam.cu. Prints milliseconds per step and the fused kernel's
 * memory throughput: it reads param, grad and both moments and writes param and the moments,
 * 28 bytes per element. Both start from the same state; their parameters must agree bit for bit.
 *
 * <pre>java ... dev.jgan.cuda.bench.AdamBenchmark --driver gpu --sizes 1048576,16777216 --steps 20</pre>
 */
public final class AdamBenchmark {
    private static final AdamSettings SETTINGS = new AdamSettings(1e-3, 0.9, 0.999, 1e-8, 0, false);

    private AdamBenchmark() {
    }

    record Row(int size, double unfusedMillis, double fusedMillis, boolean identical) {
    }

    public static void main(String[] args) {
        Map<String, String> options = Options.parse(args, Map.of("--driver", "gpu", "--sizes", "1048576,16777216",
                "--steps", "20"));
        BenchTarget target = BenchTarget.openOrExit(options.get("--driver"));
        List<Row> rows = run(target.base(), Options.ints(options.get("--sizes")), Integer.parseInt(options.get("--steps")));
        print(target, rows, System.out);
        if (rows.stream().anyMatch(r -> !r.identical())) {
            System.exit(1);
        }
    }

    static List<Row> run(CudaBackend backend, int[] sizes, int steps) {
        List<Row> rows = new ArrayList<>();
        for (int n : sizes) {
            Tensor grad = uniform(backend, n, 1);
            Tensor unfusedParam = uniform(backend, n, 2).requiresGrad(true);
            Tensor fusedParam = uniform(backend, n, 2);
            Tensor expAvg = Tensor.zeros(backend, DType.FLOAT32, n);
            Tensor expAvgSq = Tensor.zeros(backend, DType.FLOAT32, n);
            Adam adam = new Adam(List.of(unfusedParam), SETTINGS.lr(), SETTINGS.beta1(), SETTINGS.beta2(), SETTINGS.eps(),
                    SETTINGS.weightDecay(), SETTINGS.amsgrad());
            adam.useFusedKernels(false);  // the tensor-op update, which nn's Adam runs on the CPU
            unfusedParam.setGrad(grad);

            backend.synchronize();
            long start = System.nanoTime();
            for (int step = 0; step < steps; step++) {
                adam.step();
            }
            backend.synchronize();
            double unfused = (System.nanoTime() - start) / 1e6 / steps;

            start = System.nanoTime();
            for (int step = 1; step <= steps; step++) {
                backend.adamStep(fusedParam.operand(), grad.operand(), expAvg.operand(), expAvgSq.operand(), null,
                        step, SETTINGS);
            }
            backend.synchronize();
            double fused = (System.nanoTime() - start) / 1e6 / steps;

            boolean identical = Arrays.equals(unfusedParam.toFloatArray(), fusedParam.toFloatArray());
            rows.add(new Row(n, unfused, fused, identical));
            backend.emptyCache();
        }
        return rows;
    }

    private static Tensor uniform(CudaBackend backend, int n, long seed) {
        Tensor t = Tensor.empty(backend, DType.FLOAT32, n);
        backend.philoxUniform(t.operand(), seed, 0, -1, 1);
        return t;
    }

    static void print(BenchTarget target, List<Row> rows, PrintStream out) {
        out.println("Adam step, float32, on " + target.describe());
        out.println(String.format(Locale.ROOT, "%10s | %14s | %14s | %8s | %14s | %s", "elements", "nn Adam ms",
                "fused ms", "speed-up", "fused GB/s", "same bits"));
        for (Row r : rows) {
            out.println(String.format(Locale.ROOT, "%10d | %14.3f | %14.3f | %7.1fx | %14.1f | %s", r.size(),
                    r.unfusedMillis(), r.fusedMillis(), r.unfusedMillis() / r.fusedMillis(),
                    28.0 * r.size() / (r.fusedMillis() / 1e3) / 1e9, r.identical() ? "yes" : "NO, MISMATCH"));
        }
        Row last = rows.get(rows.size() - 1);
        out.println(String.format(Locale.ROOT, "summary: Adam step, %d elements | fused %.3f ms, tensor ops %.3f ms | %.1fx,"
                + " same bits: %s", last.size(), last.fusedMillis(), last.unfusedMillis(),
                last.unfusedMillis() / last.fusedMillis(), last.identical() ? "yes" : "NO"));
    }
}

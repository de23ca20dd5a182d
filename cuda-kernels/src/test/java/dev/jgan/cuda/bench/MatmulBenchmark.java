package dev.jgan.cuda.bench;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Backends;
import dev.jgan.cuda.CudaBackend;
import dev.jgan.cuda.GemmKernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Square float32 matrix products C = A B, each rung of the SGEMM ladder (sgemm.cu) against
 * cuBLAS, at the given sizes; prints GFLOP/s (2 n^3 flops per product), each rung's share of
 * cuBLAS, and the largest difference from the reference product relative to its largest entry.
 *
 * <pre>java ... dev.jgan.cuda.bench.MatmulBenchmark --driver gpu --sizes 1024,2048,4096,8192 --seconds 1</pre>
 *
 * Each cell is one warm-up product, then as many as fit in {@code --seconds} (at least one, at
 * most 50), launched back to back and timed together up to one synchronization.
 */
public final class MatmulBenchmark {
    private static final String CUBLAS = "cublas";

    private MatmulBenchmark() {
    }

    /** One measured cell. */
    record Cell(String engine, int size, double gflops, double relativeError) {
    }

    public static void main(String[] args) {
        Map<String, String> options = Options.parse(args, Map.of("--driver", "gpu", "--sizes", "1024,2048,4096,8192",
                "--seconds", "1"));
        BenchTarget target = BenchTarget.openOrExit(options.get("--driver"));
        int[] sizes = Options.ints(options.get("--sizes"));
        List<Cell> cells = run(target, sizes, Double.parseDouble(options.get("--seconds")));
        print(target, sizes, cells, System.out);
        if (cells.stream().anyMatch(c -> !(c.relativeError() <= 1e-3))) {
            System.exit(1);
        }
    }

    static List<Cell> run(BenchTarget target, int[] sizes, double seconds) {
        Map<String, CudaBackend> engines = new LinkedHashMap<>();
        for (GemmKernel kernel : GemmKernel.values()) {
            engines.put(kernel.name().toLowerCase(Locale.ROOT), target.base().withMatmul(kernel));
        }
        if (target.hasCublas()) {
            engines.put(CUBLAS, target.base());
        }
        List<Cell> cells = new ArrayList<>();
        for (int n : sizes) {
            CudaBackend base = target.base();
            Tensor a = random(base, n, 1);
            Tensor b = random(base, n, 2);
            float[] reference = reference(target, a, b);
            for (Map.Entry<String, CudaBackend> engine : engines.entrySet()) {
                Tensor out = Tensor.empty(base, DType.FLOAT32, n, n);
                double secondsPerProduct = time(engine.getValue(), a, b, out, seconds);
                cells.add(new Cell(engine.getKey(), n, 2.0 * n * n * n / secondsPerProduct / 1e9,
                        RelativeError.of(reference, out.toFloatArray())));
            }
            base.emptyCache();
        }
        return cells;
    }

    /** Uniform numbers in [-1, 1), made on the device by the Philox kernel. */
    private static Tensor random(CudaBackend backend, int n, long seed) {
        Tensor t = Tensor.empty(backend, DType.FLOAT32, n, n);
        backend.philoxUniform(t.operand(), seed, 0, -1, 1);
        return t;
    }

    /** cuBLAS's product on a GPU that has it, else the CPU backend's (also on the emulator). */
    private static float[] reference(BenchTarget target, Tensor a, Tensor b) {
        if (target.hasCublas()) {
            Tensor out = Tensor.empty(target.base(), DType.FLOAT32, a.size(0), b.size(1));
            target.base().matmul(a.operand(), b.operand(), out.operand());
            return out.toFloatArray();
        }
        Backend cpu = Backends.cpu();
        return a.to(cpu).matmul(b.to(cpu)).toFloatArray();
    }

    /** Seconds per product: one warm-up product estimates how many fit in the budget, then those are timed together. */
    private static double time(CudaBackend engine, Tensor a, Tensor b, Tensor out, double seconds) {
        long start = System.nanoTime();
        engine.matmul(a.operand(), b.operand(), out.operand());
        engine.synchronize();
        double estimate = (System.nanoTime() - start) / 1e9;
        int products = (int) Math.max(1, Math.min(50, seconds / estimate));
        start = System.nanoTime();
        for (int i = 0; i < products; i++) {
            engine.matmul(a.operand(), b.operand(), out.operand());
        }
        engine.synchronize();
        return (System.nanoTime() - start) / 1e9 / products;
    }

    static void print(BenchTarget target, int[] sizes, List<Cell> cells, PrintStream out) {
        out.println("matmul, float32, C = A B of n x n matrices on " + target.describe());
        out.println("each cell: GFLOP/s (share of cuBLAS) and max |C - reference| / max |reference|");
        List<String> engines = cells.stream().map(Cell::engine).distinct().toList();
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%6s", "n"));
        for (String engine : engines) {
            header.append(String.format(Locale.ROOT, " | %-25s", engine));
        }
        out.println(header);
        for (int n : sizes) {
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%6d", n));
            double cublas = cells.stream().filter(c -> c.size() == n && c.engine().equals(CUBLAS))
                    .mapToDouble(Cell::gflops).findFirst().orElse(Double.NaN);
            for (String engine : engines) {
                Cell c = cells.stream().filter(x -> x.size() == n && x.engine().equals(engine)).findFirst().orElseThrow();
                String share = Double.isNaN(cublas) ? "" : String.format(Locale.ROOT, " (%3.0f%%)", 100 * c.gflops() / cublas);
                String error = c.relativeError() <= 1e-3 ? String.format(Locale.ROOT, " %.0e", c.relativeError())
                        : " MISMATCH";
                String cell = String.format(Locale.ROOT, "%8.1f%s%s", c.gflops(), share, error);
                row.append(String.format(Locale.ROOT, " | %-25s", cell));
            }
            out.println(row);
        }
        out.println(summary(sizes[sizes.length - 1], cells));
    }

    /** One line for gpu-bench.sh's closing table: the best rung against cuBLAS at the largest size. */
    static String summary(int n, List<Cell> cells) {
        List<Cell> atN = cells.stream().filter(c -> c.size() == n).toList();
        Cell best = atN.stream().filter(c -> !c.engine().equals(CUBLAS))
                .max((x, y) -> Double.compare(x.gflops(), y.gflops())).orElseThrow();
        double cublas = atN.stream().filter(c -> c.engine().equals(CUBLAS)).mapToDouble(Cell::gflops).findFirst()
                .orElse(Double.NaN);
        return String.format(Locale.ROOT, "summary: matmul n=%d | best rung %s %.1f GFLOP/s | %s", n, best.engine(),
                best.gflops(), Double.isNaN(cublas) ? "no cuBLAS to compare with"
                        : String.format(Locale.ROOT, "%.2f of cuBLAS's %.1f GFLOP/s (goal at 4096: >= 0.6)",
                        best.gflops() / cublas, cublas));
    }
}

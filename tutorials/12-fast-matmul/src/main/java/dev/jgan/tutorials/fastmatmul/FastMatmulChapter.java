package dev.jgan.tutorials.fastmatmul;

import dev.jgan.core.backend.cpu.MatmulRung;
import dev.jgan.tutorials.text.TeeStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chapter 12's program: the roofline of this machine, then the matmul ladder from the naive
 * loop to the SIMD threaded kernel at square sizes and at the GAN's shapes, each result checked
 * against the naive loop. Prints the tables and writes them to {@code results/ladder.txt}, which
 * the chapter quotes.
 *
 * <pre>mvn -q -pl tutorials/12-fast-matmul -am compile exec:java</pre>
 */
public final class FastMatmulChapter {
    static final String LADDER_HEADLINE = "Ladder: [n, n] @ [n, n], GFLOP/s";
    static final String GAN_HEADLINE = "GAN shapes, GFLOP/s";
    static final String BITS_HEADLINE = "Same bits as the naive loop";

    /** Every rung, in the order the chapter climbs them. */
    static final List<MatmulRung> LADDER = List.of(MatmulRung.values());
    /** The rungs worth a column at the GAN's shapes. */
    static final List<MatmulRung> GAN_RUNGS = List.of(MatmulRung.NAIVE, MatmulRung.BLOCKED_THREADED, MatmulRung.SIMD,
            MatmulRung.SIMD_THREADED);

    /** What a run measured: the roofline and one cell per rung and shape. */
    record Result(Roofline roofline, List<Ladder.Cell> squares, List<Ladder.Cell> gan) {
        List<Ladder.Cell> all() {
            List<Ladder.Cell> all = new ArrayList<>(squares);
            all.addAll(gan);
            return all;
        }
    }

    private FastMatmulChapter() {
    }

    public static void main(String[] args) throws IOException {
        Path results = Path.of(System.getProperty("chapter.dir", "tutorials/12-fast-matmul"), "results", "ladder.txt");
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new TeeStream(System.out, copy), true, StandardCharsets.UTF_8);
        run(out, Budget.FULL);
        out.flush();
        Files.createDirectories(results.getParent());
        Files.write(results, copy.toByteArray());
        System.out.println("wrote " + results);
    }

    static Result run(PrintStream out, Budget budget) {
        out.printf(Locale.ROOT, "Machine: %d cores (%s), %s %s, load average %.1f at the start%n",
                Runtime.getRuntime().availableProcessors(), cpuModel(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), loadAverage());
        out.println("Vector API: " + (MatmulRung.vectorLanes() > 1 ? "on" : "off (start the JVM with --add-modules "
                + "jdk.incubator.vector)") + "; the default kernel: " + MatmulRung.SIMD_THREADED.describe());
        out.println();

        Roofline roof = Roofline.measure(budget.streamFloats());
        out.println("Roofline");
        out.printf(Locale.ROOT, "peak = %d cores x %d floats x %d FMA units x 2 flops x %.2f GHz = %.0f GFLOP/s%n",
                roof.cores(), roof.lanes(), roof.fmaUnits(), roof.gigahertz(), roof.peakGflops());
        out.printf(Locale.ROOT, "memory bandwidth, triad a = b + 3c over 3 arrays of %d MiB: %.1f GB/s%n",
                budget.streamFloats() * 4 / (1 << 20), roof.bandwidthGBs());
        out.println();

        Ladder.warmUp(LADDER, budget.warmupCpuSeconds());
        List<Ladder.Cell> squares = new ArrayList<>();
        for (int n : budget.squares()) {
            squares.addAll(Ladder.run(LADDER, n, n, n, budget));
        }
        out.printf(Locale.ROOT, "%s by the wall clock (median of %d samples); roofline: min(peak, n/6 x bandwidth)%n",
                LADDER_HEADLINE, budget.samples());
        squareTable(out, budget, squares, Ladder.Cell::gflops);
        StringBuilder roofRow = new StringBuilder("| roofline |");
        for (int n : budget.squares()) {
            roofRow.append(String.format(Locale.ROOT, " %.0f |", roof.attainableGflops(Roofline.flopsPerByte(n, n, n))));
        }
        out.println(roofRow);
        out.println();
        out.println(LADDER_HEADLINE + " per CPU-second (the process's CPU time, all threads together)");
        squareTable(out, budget, squares, Ladder.Cell::gflopsPerCpuSecond);
        out.println();

        List<Ladder.Cell> gan = new ArrayList<>();
        for (int[] s : budget.ganShapes()) {
            gan.addAll(Ladder.run(GAN_RUNGS, s[0], s[1], s[2], budget));
        }
        out.println(GAN_HEADLINE + " by the wall clock (batch 64, gan.py's generator; m x k x n)");
        out.println("| product | m x k x n | naive | previous default | SIMD, 1 thread | SIMD threaded "
                + "| threaded SIMD / previous |");
        out.println("|---|---|---:|---:|---:|---:|---:|");
        String[] products = {"x W^T", "g W", "x^T g"};
        for (int i = 0; i < budget.ganShapes().size(); i++) {
            int[] s = budget.ganShapes().get(i);
            String product = products[i % 3];
            StringBuilder row = new StringBuilder("| " + product + " | " + s[0] + "x" + s[1] + "x" + s[2] + " |");
            for (MatmulRung rung : GAN_RUNGS) {
                row.append(' ').append(format(find(gan, rung, s[0], s[1], s[2]))).append(" |");
            }
            Ladder.Cell previous = find(gan, MatmulRung.BLOCKED_THREADED, s[0], s[1], s[2]);
            Ladder.Cell now = find(gan, MatmulRung.SIMD_THREADED, s[0], s[1], s[2]);
            row.append(String.format(Locale.ROOT, " %.1f |", now.gflops() / previous.gflops()));
            out.println(row);
        }
        out.println();

        Result result = new Result(roof, squares, gan);
        boolean allSame = result.all().stream().allMatch(Ladder.Cell::sameBits);
        out.println(BITS_HEADLINE + ": every rung, at every shape: " + (allSame ? "yes" : "NO"));
        result.all().stream().mapToDouble(Ladder.Cell::relativeError).max()
                .ifPresent(e -> out.printf(Locale.ROOT, "Largest difference from a sum in double, relative to "
                        + "sum |a b|: %.1e%n", e));
        out.printf(Locale.ROOT, "load average at the end: %.1f%n", loadAverage());
        return result;
    }

    /** One row per available rung, one column per square size, the value of each cell. */
    private static void squareTable(PrintStream out, Budget budget, List<Ladder.Cell> squares,
                                    java.util.function.ToDoubleFunction<Ladder.Cell> value) {
        StringBuilder header = new StringBuilder("| rung |");
        StringBuilder rule = new StringBuilder("|---|");
        for (int n : budget.squares()) {
            header.append(' ').append(n).append(" |");
            rule.append("---:|");
        }
        out.println(header);
        out.println(rule);
        for (MatmulRung rung : LADDER) {
            StringBuilder row = new StringBuilder("| " + rung.describe() + " |");
            for (int n : budget.squares()) {
                row.append(' ').append(format(value.applyAsDouble(find(squares, rung, n, n, n)))).append(" |");
            }
            out.println(row);
        }
    }

    private static Ladder.Cell find(List<Ladder.Cell> cells, MatmulRung rung, int m, int k, int n) {
        return cells.stream().filter(c -> c.rung() == rung && c.m() == m && c.k() == k && c.n() == n).findFirst()
                .orElse(null);
    }

    private static String format(Ladder.Cell cell) {
        return cell == null ? "-" : format(cell.gflops());
    }

    private static String format(double gflops) {
        return String.format(Locale.ROOT, gflops < 10 ? "%.2f" : "%.1f", gflops);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
        return System.getProperty("os.arch");
    }
}

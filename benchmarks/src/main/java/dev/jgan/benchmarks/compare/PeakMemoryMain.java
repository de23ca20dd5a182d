package dev.jgan.benchmarks.compare;

import dev.jgan.benchmarks.GanSteps;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Java side of the {@code mlp-gan memory} workload of {@code compare_pytorch.py}: in a fresh
 * JVM, trains the MLP GAN ({@link GanSteps#MLP_GAN}: gan.py's networks, batch 64, Adam 2e-4 /
 * 0.5) for a given number of steps and reports the process's resident set size from
 * {@code /proc/self/status}: {@code VmRSS} when {@code main} starts, before any model class is
 * loaded, and {@code VmHWM} (the peak) after the last step. The script runs the same steps in
 * PyTorch in its own fresh process and compares the two.
 *
 * <p>Prints {@code MEMORY<TAB>startup<TAB>KiB}, {@code MEMORY<TAB>peak<TAB>KiB} and
 * {@code MEMORY<TAB>maxHeap<TAB>KiB} (the heap's limit, {@link Runtime#maxMemory}). The peak
 * counts whatever the JVM has touched: with the default maximum heap (a quarter of RAM) the
 * collector lets the heap grow well past the live data before it collects, so the script also
 * runs this with an explicit {@code -Xmx}.
 */
public final class PeakMemoryMain {
    private static final Path STATUS = Path.of("/proc/self/status");

    private PeakMemoryMain() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("PeakMemoryMain: expected one argument, the number of training steps;"
                    + " got " + args.length);
        }
        int steps;
        try {
            steps = Integer.parseInt(args[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PeakMemoryMain: the number of training steps must be an integer,"
                    + " got '" + args[0] + "'", e);
        }
        run(steps, System.out);
    }

    /** Reads the start-up RSS, trains for {@code steps} steps, prints both measures to {@code out}. */
    static void run(int steps, PrintStream out) {
        if (steps < 1) {
            throw new IllegalArgumentException("PeakMemoryMain: the number of training steps must be at least 1,"
                    + " got " + steps);
        }
        long startup = kib(status(), "VmRSS");
        CompareMain.printJava(out);
        GanSteps.Step step = GanSteps.MLP_GAN.prepare(42);
        double loss = Double.NaN;
        for (int i = 0; i < steps; i++) {
            loss = step.run();
        }
        // A diverged run would not be the run PyTorch's side measures.
        if (!Double.isFinite(loss)) {
            throw new IllegalStateException("PeakMemoryMain: the discriminator's loss after " + steps
                    + " steps is " + loss);
        }
        out.println("MEMORY\tstartup\t" + startup);
        out.println("MEMORY\tpeak\t" + kib(status(), "VmHWM"));
        out.println("MEMORY\tmaxHeap\t" + Runtime.getRuntime().maxMemory() / 1024);
    }

    private static List<String> status() {
        try {
            return Files.readAllLines(STATUS);
        } catch (IOException e) {
            throw new UncheckedIOException("PeakMemoryMain: cannot read " + STATUS + " (Linux only)", e);
        }
    }

    /** The value of a {@code /proc/<pid>/status} line such as {@code VmHWM:    123456 kB}, in KiB. */
    static long kib(List<String> statusLines, String field) {
        String prefix = field + ":";
        for (String line : statusLines) {
            if (line.startsWith(prefix)) {
                String[] parts = line.substring(prefix.length()).trim().split("\\s+");
                if (parts.length != 2 || !parts[0].matches("\\d+") || !parts[1].equals("kB")) {
                    throw new IllegalStateException("PeakMemoryMain: " + STATUS + " line '" + line
                            + "' is not '" + prefix + " <number> kB'");
                }
                return Long.parseLong(parts[0]);
            }
        }
        throw new IllegalStateException("PeakMemoryMain: no " + field + " line in " + STATUS);
    }
}

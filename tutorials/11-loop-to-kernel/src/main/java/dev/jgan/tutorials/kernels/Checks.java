package dev.jgan.tutorials.kernels;

import dev.jgan.core.Tensor;

import java.io.PrintStream;
import java.util.Locale;

/** Compares a kernel's output with the CPU backend's and prints one line per comparison. */
final class Checks {
    private final PrintStream out;
    int count;
    int failures;

    Checks(PrintStream out) {
        this.out = out;
    }

    void section(String title) {
        out.println(title);
    }

    /** Every element has the same bits. */
    void bitForBit(String what, Tensor cpu, Tensor cuda) {
        float[] expected = cpu.toFloatArray();
        float[] actual = cuda.toFloatArray();
        int equal = 0;
        for (int i = 0; i < expected.length; i++) {
            equal += Float.floatToRawIntBits(expected[i]) == Float.floatToRawIntBits(actual[i]) ? 1 : 0;
        }
        record(what, String.format(Locale.ROOT, "%d of %d elements equal bit for bit", equal, expected.length),
                equal == expected.length && actual.length == expected.length);
    }

    /**
     * Every element is within {@code bound} of the exact value relative to its scale:
     * |cuda - exact| <= bound * scale, printing the largest ratio |cuda - exact| / scale.
     */
    void withinBound(String what, Tensor cuda, Tensor exact, Tensor scale, double bound) {
        double[] c = cuda.toDoubleArray();
        double[] e = exact.toDoubleArray();
        double[] s = scale.toDoubleArray();
        double worst = 0;
        boolean ok = c.length == e.length;
        for (int i = 0; i < e.length && ok; i++) {
            double error = Math.abs(c[i] - e[i]);
            ok = error <= bound * s[i];
            worst = Math.max(worst, s[i] == 0 ? error : error / s[i]);
        }
        record(what, String.format(Locale.ROOT, "error %.1e, bound %.1e", worst, bound), ok);
    }

    private void record(String what, String result, boolean ok) {
        count++;
        failures += ok ? 0 : 1;
        out.printf(Locale.ROOT, "  %-46s %-40s %s%n", what, result, ok ? "ok" : "FAILED");
    }
}

package dev.jgan.core.conformance;

import static org.junit.jupiter.api.Assertions.fail;

/** Element-by-element comparison with a message that names the first bad element. */
public final class Expect {
    /** What a test writes into a buffer before a kernel, to see which elements the kernel wrote. */
    public static final double SENTINEL = -777;

    private Expect() {
    }

    /** Every |actual - expected| <= atol + rtol |expected|; NaN matches only NaN, infinities only themselves. */
    public static void close(String what, double[] expected, double[] actual, double rtol, double atol) {
        if (expected.length != actual.length) {
            fail(what + ": expected " + expected.length + " elements, got " + actual.length);
        }
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : Double.isInfinite(e) ? e == a
                    : Math.abs(a - e) <= atol + rtol * Math.abs(e);
            if (!ok) {
                fail(what + ": element " + i + " is " + a + ", expected " + e
                        + " (rtol " + rtol + ", atol " + atol + ")");
            }
        }
    }

    /** Exactly equal values (NaN matches NaN; the sign of zero is not compared). */
    public static void equal(String what, double[] expected, double[] actual) {
        close(what, expected, actual, 0, 0);
    }

    /** Float32 results against exact values rounded to float32, bit for bit (NaN matches NaN). */
    public static void sameFloats(String what, double[] exact, double[] actual) {
        double[] rounded = new double[exact.length];
        for (int i = 0; i < exact.length; i++) {
            rounded[i] = (float) exact[i];
        }
        equal(what, rounded, actual);
    }

    /** Every storage element that the layout does not cover still holds {@link #SENTINEL}. */
    public static void untouchedOutside(String what, Layout layout, double[] base) {
        boolean[] covered = new boolean[base.length];
        int n = 1;
        for (int size : layout.shape()) {
            n *= size;
        }
        for (int linear = 0; linear < n; linear++) {
            int rest = linear;
            int position = layout.offset();
            for (int d = layout.shape().length - 1; d >= 0; d--) {
                position += (rest % layout.shape()[d]) * layout.strides()[d];
                rest /= layout.shape()[d];
            }
            covered[position] = true;
        }
        for (int p = 0; p < base.length; p++) {
            if (!covered[p] && base[p] != SENTINEL) {
                fail(what + ": storage element " + p + " outside the view changed to " + base[p]);
            }
        }
    }
}

package dev.jgan.core.ops;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Where the values of a sample input come from. Finite differences are only meaningful where
 * the op is smooth within eps of every element, so each domain keeps its draws away from the
 * op's kinks and outside its undefined region; every draw comes from the seeded generator, so a
 * failing sample reproduces exactly.
 */
@FunctionalInterface
interface Domain {
    /** How far (at least) a draw stays from a kink: far beyond gradcheck's eps of 1e-6. */
    double KINK_MARGIN = 0.05;

    double[] draw(Generator gen, int n);

    static Domain uniform(double low, double high) {
        return (gen, n) -> Tensor.uniform(gen, DType.FLOAT64, low, high, n).toDoubleArray();
    }

    /** Uniform in (-1, 1): the default for smooth ops. */
    static Domain standard() {
        return uniform(-1, 1);
    }

    /** Uniform in (0.2, 2): log, sqrt, division and fractional powers stay well defined. */
    static Domain positive() {
        return uniform(0.2, 2);
    }

    /** Magnitudes in (0.5, 2) with either sign: a divisor or base far from zero. */
    static Domain awayFromZero() {
        return (gen, n) -> {
            double[] u = uniform(-1, 1).draw(gen, n);
            return Arrays.stream(u).map(v -> (v < 0 ? -1 : 1) * (0.5 + 1.5 * Math.abs(v))).toArray();
        };
    }

    /**
     * start, start + step, ..., start + (n - 1) step in a seeded random order: all values differ by
     * at least step, so max, min, maximum and minimum never face a tie.
     */
    static Domain shuffledGrid(double start, double step) {
        return (gen, n) -> {
            double[] keys = uniform(0, 1).draw(gen, n);
            int[] order = IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble(i -> keys[i]))
                    .mapToInt(Integer::intValue).toArray();
            return Arrays.stream(order).mapToDouble(k -> start + step * k).toArray();
        };
    }

    /** 0/1 masks (for where's condition) with both values present from two elements on. */
    static Domain mask() {
        return (gen, n) -> Arrays.stream(shuffledGrid(0, 1).draw(gen, n)).map(v -> v % 2).toArray();
    }

    /** Draws within {@link #KINK_MARGIN} of a kink are pushed out to that margin, on their own side. */
    default Domain avoiding(double... kinks) {
        return (gen, n) -> {
            double[] values = draw(gen, n);
            for (int i = 0; i < n; i++) {
                for (double kink : kinks) {
                    double d = values[i] - kink;
                    if (Math.abs(d) < KINK_MARGIN) {
                        values[i] = kink + (d < 0 ? -KINK_MARGIN : KINK_MARGIN);
                    }
                }
            }
            return values;
        };
    }

    /** Rounds every draw to a multiple of {@code step}, e.g. to make values exact in float32. */
    default Domain quantized(double step) {
        return (gen, n) -> Arrays.stream(draw(gen, n)).map(v -> Math.rint(v / step) * step).toArray();
    }
}

package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;

import java.util.Arrays;
import java.util.Random;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Test inputs for the fast paths: float32 tensors of one logical shape [m, n] laid out in each
 * way a kernel meets them, with values that probe the edge cases (ties, zeros of both signs,
 * infinities, NaN), and the element-by-element comparison with the reference.
 */
final class Layouts {
    /** Shapes from one element to above the threading threshold, none a multiple of the vector width. */
    static final int[][] SHAPES = {{1, 1}, {1, 7}, {7, 1}, {3, 5}, {13, 17}, {31, 257}, {67, 1031}};
    /**
     * [67, 1031] is more than 2^16 elements, enough for the cheapest op to split across cores.
     * Tests run it for a few layouts only, to stay fast; the smaller shapes see every layout.
     */
    static final int LARGE = 1 << 16;

    enum Layout {
        /** Row-major, offset 0. */
        CONTIGUOUS,
        /** Row-major rows of a bigger tensor, starting one row in. */
        OFFSET,
        /** The transpose of a row-major [n, m]. */
        TRANSPOSED,
        /** Columns 2..n+1 of a row-major [m, n + 3]: rows with gaps between them. */
        SLICED,
        /** A [1, n] row expanded to [m, n] (a bias). */
        ROW,
        /** An [m, 1] column expanded to [m, n]. */
        COLUMN,
        /** One element expanded to [m, n]. */
        SCALAR;

        /** The layouts an output may have: the ones whose elements are all distinct. */
        boolean writable() {
            return this == CONTIGUOUS || this == OFFSET || this == TRANSPOSED || this == SLICED;
        }
    }

    private static final float[] SPECIAL = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f,
            1e-30f, -1e-30f, 40f, -40f, 100f, -100f, 1e-5f};

    private Layouts() {
    }

    /**
     * Random normal values times 2; about a quarter rounded to multiples of 1/2 (so comparisons
     * meet ties), and one in {@code specialEvery} replaced by a special value (0: none).
     */
    static float[] values(Random rnd, int count, int specialEvery) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) (2 * rnd.nextGaussian());
            if (rnd.nextInt(4) == 0) {
                v[i] = Math.round(v[i] * 2) / 2f;
            }
            if (specialEvery > 0 && rnd.nextInt(specialEvery) == 0) {
                v[i] = SPECIAL[rnd.nextInt(SPECIAL.length)];
            }
        }
        return v;
    }

    static Tensor make(Layout layout, Random rnd, int specialEvery, int m, int n) {
        return make(layout, m, n, count -> values(rnd, count, specialEvery));
    }

    /** A tensor of shape [m, n] in the given layout; {@code values} gives the storage's contents for a length. */
    static Tensor make(Layout layout, int m, int n, IntFunction<float[]> values) {
        return switch (layout) {
            case CONTIGUOUS -> Tensor.fromArray(values.apply(m * n), m, n);
            case OFFSET -> Tensor.fromArray(values.apply((m + 1) * n), m + 1, n).narrow(0, 1, m);
            case TRANSPOSED -> Tensor.fromArray(values.apply(n * m), n, m).t();
            case SLICED -> Tensor.fromArray(values.apply(m * (n + 3)), m, n + 3).narrow(1, 2, n);
            case ROW -> Tensor.fromArray(values.apply(n), 1, n).expand(m, n);
            case COLUMN -> Tensor.fromArray(values.apply(m), m, 1).expand(m, n);
            case SCALAR -> Tensor.fromArray(values.apply(1), 1, 1).expand(m, n);
        };
    }

    /** A writable output of shape [m, n] in the given layout, filled with a value the kernel must overwrite. */
    static Tensor output(Layout layout, int m, int n) {
        return make(layout, m, n, count -> {
            float[] garbage = new float[count];
            Arrays.fill(garbage, 12345f);
            return garbage;
        });
    }

    /** The same layout and values as t, in fresh storage (so two backends can write into twins). */
    static Tensor twin(Tensor t) {
        Tensor base = Tensor.fromArray(((CpuStorage.Floats) t.storage()).data().clone(), t.storage().size());
        return Tensor.asStrided(base, t.shape(), t.strides(), t.offset());
    }

    /**
     * Element by element: NaN where the reference has NaN, else equal within {@code ulps} units
     * in the last place of the reference's value (0: exactly equal; zeros of either sign match).
     */
    static void assertMatches(Tensor expected, Tensor actual, int ulps, String what) {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        assertEquals(e.length, a.length, what + ": element count");
        for (int i = 0; i < e.length; i++) {
            if (Float.isNaN(e[i])) {
                assertTrue(Float.isNaN(a[i]), what + ": element " + i + " should be NaN, is " + a[i]);
            } else if (e[i] != a[i]) {
                assertTrue(!Float.isInfinite(e[i]) && Math.abs(e[i] - a[i]) <= ulps * Math.ulp(e[i]),
                        what + ": element " + i + " reference " + e[i] + ", fast " + a[i]);
            }
        }
    }
}

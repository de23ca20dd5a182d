package dev.jgan.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * sum, mean, max, min and var over random subsets of dims, keepDim both ways, on random shapes
 * and layouts, against loops that visit every input element and add it to the output slot its
 * index lands in.
 */
class ReductionPropertyTest {

    static Stream<Arguments> cases() {
        return IntStream.range(0, 200).boxed().flatMap(seed -> Stream.of(DType.values())
                .map(dtype -> Arguments.of(seed, dtype)));
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("cases")
    void reductionsEqualLoops(int seed, DType dtype) {
        Random rnd = new Random(seed);
        int[] shape = new int[rnd.nextInt(5)];
        for (int d = 0; d < shape.length; d++) {
            shape[d] = BroadcastShapes.size(rnd);
        }
        int rank = shape.length;
        double[] values = new double[IndexSpace.count(shape)];
        for (int i = 0; i < values.length; i++) {
            double v = rnd.nextGaussian() * 3 + 1;
            values[i] = dtype == DType.FLOAT32 ? (float) v : v;
        }
        Tensor x = AwkwardLayout.of(values, shape, dtype, rnd);

        boolean[] reduced = new boolean[rank];
        List<Integer> asked = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (rnd.nextBoolean()) {
                reduced[d] = true;
                asked.add(rnd.nextBoolean() ? d : d - rank);
            }
        }
        java.util.Collections.shuffle(asked, rnd);
        int[] dims = asked.stream().mapToInt(Integer::intValue).toArray();
        if (dims.length == 0) {
            Arrays.fill(reduced, true); // an empty list means every dim
        }
        int count = 1;
        boolean emptyReduction = false;
        for (int d = 0; d < rank; d++) {
            if (reduced[d]) {
                count *= shape[d];
                emptyReduction |= shape[d] == 0;
            }
        }
        String what = Shape.format(shape) + " over " + Arrays.toString(dims) + " (" + x.dtype() + ", strides "
                + Shape.format(x.strides()) + ")";
        for (boolean keepDim : new boolean[]{false, true}) {
            Loops loops = new Loops(shape, reduced, keepDim, values);
            double tol = dtype == DType.FLOAT32 ? 1e-5 : 1e-12;
            assertClose(loops.sum(), x.sum(dims, keepDim), loops.outShape, tol, "sum " + what);
            assertClose(loops.mean(count), x.mean(dims, keepDim), loops.outShape, tol, "mean " + what);
            for (int correction : new int[]{0, 1}) {
                assertClose(loops.var(count, correction), x.var(dims, correction, keepDim), loops.outShape, 10 * tol,
                        "var correction " + correction + " " + what);
            }
            if (emptyReduction) {
                // As torch.amax: there is no maximum of nothing, but an empty result is fine.
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.max(dims, keepDim));
                assertTrue(e.getMessage().startsWith("max: ") && e.getMessage().contains(Shape.format(shape)),
                        e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> x.min(dims, keepDim));
            } else {
                assertClose(loops.extreme(true), x.max(dims, keepDim), loops.outShape, 0, "max " + what);
                assertClose(loops.extreme(false), x.min(dims, keepDim), loops.outShape, 0, "min " + what);
            }
        }
    }

    /** The reductions computed by visiting every input index once. */
    private static final class Loops {
        final int[] shape;
        final boolean[] reduced;
        final int[] outShape;
        final double[] values;
        final List<int[]> indices;

        Loops(int[] shape, boolean[] reduced, boolean keepDim, double[] values) {
            this.shape = shape;
            this.reduced = reduced;
            this.values = values;
            List<Integer> out = new ArrayList<>();
            for (int d = 0; d < shape.length; d++) {
                if (!reduced[d]) {
                    out.add(shape[d]);
                } else if (keepDim) {
                    out.add(1);
                }
            }
            this.outShape = out.stream().mapToInt(Integer::intValue).toArray();
            this.indices = IndexSpace.all(shape);
        }

        /** The output slot (row-major, over the kept dims) that input index i lands in. */
        int slot(int[] index) {
            int n = 0;
            for (int d = 0; d < shape.length; d++) {
                if (!reduced[d]) {
                    n = n * shape[d] + index[d];
                }
            }
            return n;
        }

        double value(int[] index) {
            return values[IndexSpace.linear(shape, index)];
        }

        double[] sum() {
            double[] acc = new double[IndexSpace.count(outShape)];
            for (int[] i : indices) {
                acc[slot(i)] += value(i);
            }
            return acc;
        }

        double[] mean(int count) {
            double[] acc = sum();
            for (int j = 0; j < acc.length; j++) {
                acc[j] /= count;
            }
            return acc;
        }

        double[] var(int count, int correction) {
            double[] mean = mean(count);
            double[] acc = new double[mean.length];
            for (int[] i : indices) {
                double c = value(i) - mean[slot(i)];
                acc[slot(i)] += c * c;
            }
            for (int j = 0; j < acc.length; j++) {
                acc[j] /= Math.max(count - correction, 0);
            }
            return acc;
        }

        double[] extreme(boolean max) {
            double[] acc = new double[IndexSpace.count(outShape)];
            Arrays.fill(acc, Double.NaN);
            boolean[] seen = new boolean[acc.length];
            for (int[] i : indices) {
                int s = slot(i);
                double v = value(i);
                if (!seen[s] || (max ? v > acc[s] : v < acc[s])) {
                    acc[s] = v;
                    seen[s] = true;
                }
            }
            return acc;
        }
    }

    private static void assertClose(double[] expected, Tensor actual, int[] shape, double rtol, String what) {
        assertArrayEquals(shape, actual.shape(), what);
        double[] got = actual.toDoubleArray();
        assertEquals(expected.length, got.length, what);
        for (int i = 0; i < got.length; i++) {
            double e = expected[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(got[i])
                    : e == got[i] || Math.abs(got[i] - e) <= rtol * Math.max(1, Math.abs(e));
            assertTrue(ok, what + ": element " + i + " expected " + e + " got " + got[i]);
        }
    }
}

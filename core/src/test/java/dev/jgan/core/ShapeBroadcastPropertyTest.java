package dev.jgan.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shape.broadcast against NumPy's rule, written out independently, over random shape pairs. */
class ShapeBroadcastPropertyTest {

    static IntStream seeds() {
        return IntStream.range(0, 200);
    }

    /**
     * NumPy's rule read straight off its documentation: pad the shorter shape with 1s on the
     * left, then each pair of sizes must be equal or contain a 1. Null when they do not broadcast.
     */
    static int[] numpyBroadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] pa = padLeft(a, rank);
        int[] pb = padLeft(b, rank);
        int[] out = new int[rank];
        for (int d = 0; d < rank; d++) {
            if (pa[d] == pb[d]) {
                out[d] = pa[d];
            } else if (pa[d] == 1) {
                out[d] = pb[d];
            } else if (pb[d] == 1) {
                out[d] = pa[d];
            } else {
                return null;
            }
        }
        return out;
    }

    private static int[] padLeft(int[] s, int rank) {
        int[] out = new int[rank];
        java.util.Arrays.fill(out, 1);
        System.arraycopy(s, 0, out, rank - s.length, s.length);
        return out;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void agreesWithNumpyAndIsCommutative(int seed) {
        Random rnd = new Random(seed);
        int[][] pair = BroadcastShapes.pair(rnd);
        int[] a = pair[0];
        int[] b = pair[1];
        int[] expected = numpyBroadcast(a, b);
        if (expected != null) {
            assertArrayEquals(expected, Shape.broadcast("add", a, b));
            assertArrayEquals(expected, Shape.broadcast("add", b, a));
        } else {
            String op = "op" + seed;
            for (int[][] order : new int[][][]{{a, b}, {b, a}}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Shape.broadcast(op, order[0], order[1]));
                String m = e.getMessage();
                assertTrue(m.startsWith(op + ":"), m);
                assertTrue(m.contains(Shape.format(order[0])) && m.contains(Shape.format(order[1])), m);
            }
        }
    }

    /** Guards the generator: the property above must see both outcomes, or it proves little. */
    @Test
    void generatorProducesCompatibleAndIncompatiblePairs() {
        int compatible = 0;
        int zeroSized = 0;
        int rankDiffers = 0;
        for (int seed = 0; seed < 200; seed++) {
            int[][] pair = BroadcastShapes.pair(new Random(seed));
            int[] out = numpyBroadcast(pair[0], pair[1]);
            if (out != null) {
                compatible++;
                zeroSized += IndexSpace.count(out) == 0 ? 1 : 0;
            }
            rankDiffers += pair[0].length != pair[1].length ? 1 : 0;
        }
        assertTrue(compatible > 100 && compatible < 195, "compatible pairs: " + compatible);
        assertTrue(zeroSized > 5, "pairs with an empty result: " + zeroSized);
        assertTrue(rankDiffers > 50, "pairs of different rank: " + rankDiffers);
    }

    /** The worked examples of NumPy's broadcasting guide. */
    @Test
    void numpyGuideExamples() {
        assertArrayEquals(new int[]{256, 256, 3}, Shape.broadcast("add", new int[]{256, 256, 3}, new int[]{3}));
        assertArrayEquals(new int[]{8, 7, 6, 5}, Shape.broadcast("add", new int[]{8, 1, 6, 1}, new int[]{7, 1, 5}));
        assertArrayEquals(new int[]{5, 4}, Shape.broadcast("add", new int[]{5, 4}, new int[]{1}));
        assertArrayEquals(new int[]{15, 3, 5}, Shape.broadcast("add", new int[]{15, 3, 5}, new int[]{15, 1, 5}));
        assertArrayEquals(new int[]{0, 3}, Shape.broadcast("add", new int[]{0, 1}, new int[]{1, 3}));
        assertArrayEquals(new int[]{}, Shape.broadcast("add", new int[]{}, new int[]{}));
        assertThrows(IllegalArgumentException.class, () -> Shape.broadcast("add", new int[]{3}, new int[]{4}));
        assertThrows(IllegalArgumentException.class, () -> Shape.broadcast("add", new int[]{2, 1}, new int[]{8, 4, 3}));
        assertThrows(IllegalArgumentException.class, () -> Shape.broadcast("add", new int[]{0}, new int[]{2}));
    }

    @Test
    void errorNamesTheOpBothShapesAndTheClashingSizes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 3).add(Tensor.zeros(4, 3)));
        assertEquals("add: shapes [2, 3] and [4, 3] cannot be broadcast: sizes 2 and 4 at dim 0 (counted in the"
                + " broadcast shape) differ and neither is 1", e.getMessage());
    }
}

package dev.jgan.tutorials.tensors;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Exercise 1: broadcast shapes and expanded strides, checked against core's Shape and Tensor.expand. */
class BroadcastingExerciseTest {
    private static final int[][][] PAIRS = {
            {{3, 1}, {4}}, {{2, 3}, {2, 3}}, {{5, 1, 4}, {3, 1}}, {{1}, {7, 2}}, {{}, {2, 2}}, {{8, 1, 6, 1}, {7, 1, 5}},
    };

    @Test
    void shapesBroadcastAsCoreDoes() {
        for (int[][] pair : PAIRS) {
            int[] expected = Shape.broadcast("test", pair[0], pair[1]);
            assertArrayEquals(expected, Broadcasting.shape(pair[0], pair[1]),
                    () -> Arrays.toString(pair[0]) + " with " + Arrays.toString(pair[1]));
            assertArrayEquals(expected, Broadcasting.shape(pair[1], pair[0]), "broadcasting is symmetric");
        }
        System.out.println("exercise 1: [3, 1] with [4] -> " + Arrays.toString(Broadcasting.shape(new int[]{3, 1},
                new int[]{4})));
    }

    @Test
    void shapesThatDoNotBroadcastAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Broadcasting.shape(new int[]{3}, new int[]{4}));
        assertThrows(IllegalArgumentException.class, () -> Broadcasting.shape(new int[]{2, 3}, new int[]{3, 3}));
        assertThrows(IllegalArgumentException.class,
                () -> Broadcasting.strides(new int[]{3}, new int[]{1}, new int[]{2, 4}));
        assertThrows(IllegalArgumentException.class,
                () -> Broadcasting.strides(new int[]{2, 3}, new int[]{3, 1}, new int[]{3}));
    }

    @Test
    void stridesAreThoseOfExpand() {
        Tensor row = Tensor.arange(4);
        Tensor column = Tensor.arange(3).reshape(3, 1);
        Tensor transposed = Tensor.arange(6).reshape(2, 3).transpose(0, 1).narrow(1, 1, 1);   // [3, 1], strides [1, 3]
        Object[][] cases = {{row, new int[]{3, 4}}, {column, new int[]{3, 4}}, {column, new int[]{2, 3, 5}},
                {transposed, new int[]{3, 6}}, {transposed, new int[]{4, 3, 2}}};
        for (Object[] c : cases) {
            Tensor x = (Tensor) c[0];
            int[] target = (int[]) c[1];
            int[] strides = Broadcasting.strides(x.shape(), x.strides(), target);
            assertArrayEquals(x.expand(target).strides(), strides,
                    () -> Arrays.toString(x.shape()) + " strides " + Arrays.toString(x.strides()) + " to "
                            + Arrays.toString(target));
        }
        System.out.println("exercise 1: row.expand(3, 4) strides " + Arrays.toString(Broadcasting.strides(row.shape(),
                row.strides(), new int[]{3, 4})));
    }

    @Test
    void theStridesReadTheRightElements() {
        // [3, 1] with strides [1, 3] at offset 3: the middle column of a transposed [2, 3].
        Tensor x = Tensor.arange(6).reshape(2, 3).transpose(0, 1).narrow(1, 1, 1);
        float[] storage = Tensor.arange(6).toFloatArray();
        int[] target = {2, 3, 4};
        int[] strides = Broadcasting.strides(x.shape(), x.strides(), target);
        Tensor expanded = x.expand(target);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    int position = x.offset() + i * strides[0] + j * strides[1] + k * strides[2];
                    assertEquals(expanded.get(i, j, k), storage[position], 0.0, "element " + i + ", " + j + ", " + k);
                }
            }
        }
    }
}

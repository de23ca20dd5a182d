package dev.jgan.nn.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TransformTest {

    @Test
    void flattenKeepsRowMajorOrder() {
        FlattenImage flatten = new FlattenImage();
        assertArrayEquals(new int[] {784}, flatten.outputShape(new int[] {1, 28, 28}));
        float[] out = new float[4];
        flatten.apply(new int[] {2, 2}, new float[] {0, 1, 2, 3, 4}, 1, out, 0);
        assertArrayEquals(new float[] {1, 2, 3, 4}, out);
    }

    @Test
    void andThenRunsTheFirstTransformFirst() {
        // Pad then flatten: the border must be in the flat vector, so the order is observable.
        Transform t = new Pad(0, 0, 1, 0, 5f).andThen(new FlattenImage());
        assertArrayEquals(new int[] {4}, t.outputShape(new int[] {1, 2, 1}));
        float[] out = new float[4];
        t.apply(new int[] {1, 2, 1}, new float[] {1, 2}, 0, out, 0);
        assertArrayEquals(new float[] {5, 1, 5, 2}, out);
    }

    @Test
    void mapRefusesATransformThatDoesNotFitAtOnce() {
        TensorDataset flat = TensorDataset.of(new float[4], new int[] {4}, new int[] {0});
        assertThrows(IllegalArgumentException.class, () -> flat.map(new Resize(2, 2)));
    }
}

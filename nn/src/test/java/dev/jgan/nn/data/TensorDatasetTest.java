package dev.jgan.nn.data;

import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorDatasetTest {

    /** Three 1x2x2 images whose values are 10 * index + position. */
    private static TensorDataset three() {
        float[] images = new float[12];
        for (int i = 0; i < 12; i++) {
            images[i] = 10 * (i / 4) + i % 4;
        }
        return TensorDataset.of(images, new int[] {1, 2, 2}, new int[] {7, 8, 9});
    }

    @Test
    void getReturnsTheImageTensorAndLabel() {
        Example e = three().get(1);
        assertArrayEquals(new int[] {1, 2, 2}, e.image().shape());
        assertArrayEquals(new float[] {10, 11, 12, 13}, e.image().toFloatArray());
        assertEquals(8, e.label());
    }

    @Test
    void copyImageWritesAtTheOffset() {
        float[] dst = new float[6];
        three().copyImage(2, dst, 1);
        assertArrayEquals(new float[] {0, 20, 21, 22, 23, 0}, dst);
    }

    @Test
    void ofCopiesTheCallersArrays() {
        float[] images = {1, 2};
        int[] labels = {3, 4};
        TensorDataset d = TensorDataset.of(images, new int[] {1}, labels);
        images[0] = 99;
        labels[0] = 99;
        assertEquals(1f, d.get(0).image().item());
        assertEquals(3, d.label(0));
    }

    @Test
    void mismatchedLengthsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorDataset.of(new float[10], new int[] {1, 2, 2}, new int[] {0, 1, 2}));
        assertEquals("TensorDataset: 3 labels need 12 image values of shape [1, 2, 2], got 10", e.getMessage());
    }

    @Test
    void indexOutOfRangeNamesTheSize() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> three().label(3));
        assertEquals("TensorDataset: index 3 is out of range for 3 examples", e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> three().copyImage(-1, new float[4], 0));
    }

    @Test
    void ofTensorSplitsOffTheFirstDim() {
        Tensor images = Tensor.arange(12).reshape(3, 4);
        TensorDataset d = TensorDataset.of(images, new int[] {0, 1, 2});
        assertArrayEquals(new int[] {4}, d.imageShape());
        assertArrayEquals(new float[] {8, 9, 10, 11}, d.get(2).image().toFloatArray());
        assertTrue(d.images().allClose(images, 0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TensorDataset.of(images, new int[] {0, 1}));
        assertEquals("TensorDataset.of: images of shape [3, 4] do not match 2 labels; expected [2, ...]", e.getMessage());
    }

    @Test
    void subsetIsAWindowWithItsOwnBounds() {
        Dataset s = three().subset(1, 3);
        assertEquals(2, s.size());
        assertEquals(9, s.label(1));
        assertArrayEquals(new float[] {20, 21, 22, 23}, s.get(1).image().toFloatArray());
        assertThrows(IndexOutOfBoundsException.class, () -> s.label(2));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> three().subset(2, 4));
        assertEquals("subset: range [2, 4) is not within a data set of 3 examples", e.getMessage());
    }

    @Test
    void copyOfMaterializesATransformedView() {
        Dataset mapped = three().map(new FlattenImage());
        TensorDataset copy = TensorDataset.copyOf(mapped);
        assertArrayEquals(new int[] {4}, copy.imageShape());
        assertArrayEquals(new int[] {7, 8, 9}, copy.labels());
        assertArrayEquals(new float[] {0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23}, copy.images().toFloatArray());
    }

    @Test
    void transformInPlaceGivesTheValuesOfACopyAndHoldsTheImagesOnce() {
        Transform scale = Normalize.toTanhRange(20.0);
        TensorDataset copied = TensorDataset.copyOf(three().map(scale));
        TensorDataset loaded = three();
        TensorDataset inPlace = loaded.transformInPlace(scale);
        assertSame(loaded, inPlace);
        assertArrayEquals(copied.images().toFloatArray(), inPlace.images().toFloatArray());
        assertArrayEquals(new int[] {7, 8, 9}, inPlace.labels());
    }

    @Test
    void transformInPlaceRefusesATransformThatChangesTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> three().transformInPlace(new FlattenImage()));
        assertTrue(e.getMessage().contains("[1, 2, 2] into [4]"), e.getMessage());
    }
}

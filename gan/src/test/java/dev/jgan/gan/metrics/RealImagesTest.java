package dev.jgan.gan.metrics;

import dev.jgan.core.Tensor;
import dev.jgan.nn.data.TensorDataset;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where the floor's images come from, on data sets whose images are their own index. */
class RealImagesTest {

    /** {@code count} images of shape [1, 1, 1] with values from, from + 1, ... */
    private static TensorDataset numbered(int from, int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = from + i;
        }
        return TensorDataset.of(values, new int[]{1, 1, 1}, new int[count]);
    }

    private static Set<Float> values(Tensor images) {
        Set<Float> set = new HashSet<>();
        for (float v : images.toFloatArray()) {
            set.add(v);
        }
        return set;
    }

    @Test
    void withATestSplitTheFloorIsTestImagesAndTheReferenceTrainingImages() {
        TensorDataset training = numbered(0, 30);
        TensorDataset test = numbered(100, 12);
        TensorDataset searched = numbered(0, 40);
        RealImages real = RealImages.againstTest(training, test, searched, 10, 3);
        assertEquals(RealImages.FloorSource.TEST, real.floorSource());
        assertEquals(10, real.n());
        Set<Float> heldOut = values(real.heldOut());
        assertEquals(10, heldOut.size(), "ten distinct test images");
        assertTrue(heldOut.stream().allMatch(v -> v >= 100 && v < 112), "all from the test split: " + heldOut);
        Set<Float> reference = values(real.reference());
        assertEquals(10, reference.size());
        assertTrue(reference.stream().allMatch(v -> v < 30), "all from the training images: " + reference);
        assertArrayEquals(searched.images().toFloatArray(), real.training().toFloatArray(),
                "neighbours are searched among all training images");
    }

    @Test
    void withoutOneTheFloorIsTrainingImagesOutsideTheReference() {
        RealImages real = RealImages.split(numbered(0, 30), 10, 3);
        assertEquals(RealImages.FloorSource.HELD_OUT_TRAINING, real.floorSource());
        Set<Float> both = values(real.reference());
        both.addAll(values(real.heldOut()));
        assertEquals(20, both.size(), "reference and held-out are disjoint");
    }

    @Test
    void nMustFitTheTestSplitAndTheTrainingImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RealImages.againstTest(numbered(0, 30), numbered(100, 12), numbered(0, 30), 13, 0));
        assertEquals("real images: the floor needs n test images and n training images, so n must be in 2..12 for 12"
                + " test and 30 training images, got 13", e.getMessage());
        TensorDataset wide = TensorDataset.of(new float[24], new int[]{1, 1, 2}, new int[12]);
        e = assertThrows(IllegalArgumentException.class,
                () -> RealImages.againstTest(numbered(0, 30), wide, numbered(0, 30), 5, 0));
        assertEquals("real images: test images [1, 1, 2] differ from training images [1, 1, 1]", e.getMessage());
    }
}

package dev.jgan.nn.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NormalizeTest {

    private static float[] apply(Transform t, int[] shape, float... values) {
        float[] out = new float[values.length];
        t.apply(shape, values, 0, out, 0);
        return out;
    }

    @Test
    void toTanhRangeMapsUnitAndByteRangesOntoMinusOneOne() {
        assertArrayEquals(new float[] {-1, -0.5f, 0, 1}, apply(Normalize.toTanhRange(1), new int[] {4}, 0, 0.25f, 0.5f, 1));
        assertArrayEquals(new float[] {-1, 0, 1}, apply(Normalize.toTanhRange(255), new int[] {3}, 0, 127.5f, 255));
    }

    @Test
    void perChannelMeanAndStdFollowTheFirstDim() {
        Normalize n = new Normalize(new double[] {1, 10}, new double[] {2, 5});
        // Two channels of 1x2: channel 0 is (x - 1) / 2, channel 1 is (x - 10) / 5.
        assertArrayEquals(new float[] {0, 1, 0, 2}, apply(n, new int[] {2, 1, 2}, 1, 3, 10, 20));
    }

    @Test
    void channelCountMustMatch() {
        Normalize n = new Normalize(new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> n.outputShape(new int[] {1, 28, 28}));
        assertEquals("Normalize: 3 channel means do not fit images of shape [1, 28, 28]; expected [3, ...]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new double[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class, () -> new Normalize(new double[] {0, 0}, new double[] {1}));
    }
}

package dev.jgan.nn.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PadTest {

    @Test
    void surroundsEachChannelWithTheValue() {
        Pad pad = new Pad(1, 0, 0, 2, 9f);
        int[] in = {2, 1, 2};
        assertArrayEquals(new int[] {2, 2, 4}, pad.outputShape(in));
        float[] out = new float[16];
        pad.apply(in, new float[] {7, 1, 2, 3, 4}, 1, out, 0);
        assertArrayEquals(new float[] {
            9, 9, 9, 9,
            1, 2, 9, 9,
            9, 9, 9, 9,
            3, 4, 9, 9}, out);
    }

    @Test
    void twentyEightToThirtyTwoThenNormalizeMakesABlackBorder() {
        float[] image = new float[28 * 28];
        Arrays.fill(image, 1f);
        Dataset d = TensorDataset.of(image, new int[] {1, 28, 28}, new int[] {0})
                .map(Pad.uniform(2, 0f).andThen(Normalize.toTanhRange(1)));
        assertArrayEquals(new int[] {1, 32, 32}, d.imageShape());
        float[] out = d.get(0).image().toFloatArray();
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                assertEquals(inside ? 1f : -1f, out[y * 32 + x], "pixel " + y + "," + x);
            }
        }
    }

    @Test
    void refusesImagesThatAreNotCHW() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pad.uniform(2, 0f).outputShape(new int[] {784}));
        assertEquals("Pad: expected an image of shape [C, H, W], got [784]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Pad(-1, 0, 0, 0, 0f));
    }
}

package dev.jgan.nn.data;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResizeTest {

    /**
     * Compares with torch.nn.functional.interpolate(mode="bilinear", align_corners=False) on
     * enlarging, shrinking, mixed, identity and 1-pixel cases (fixture written by
     * resize_bilinear_fixture.py in the test resources).
     */
    @Test
    void matchesPyTorchBilinearAlignCornersFalse() throws IOException {
        int cases = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                assertNotNullStream("resize_bilinear.txt"), StandardCharsets.US_ASCII))) {
            for (String header = in.readLine(); header != null; header = in.readLine()) {
                int[] h = Arrays.stream(header.substring("case ".length()).split(" ")).mapToInt(Integer::parseInt).toArray();
                float[] input = floats(in.readLine());
                float[] expected = floats(in.readLine());
                int[] shape = {h[0], h[1], h[2]};
                Resize resize = new Resize(h[3], h[4]);
                assertArrayEquals(new int[] {h[0], h[3], h[4]}, resize.outputShape(shape));
                float[] actual = new float[expected.length];
                resize.apply(shape, input, 0, actual, 0);
                assertArrayEquals(expected, actual, 1e-6f, "case " + header);
                cases++;
            }
        }
        assertEquals(6, cases);
    }

    private InputStream assertNotNullStream(String name) {
        InputStream stream = getClass().getResourceAsStream(name);
        assertNotNull(stream, "test resource " + name);
        return stream;
    }

    private static float[] floats(String line) {
        String[] parts = line.split(" ");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]);
        }
        return values;
    }

    @Test
    void digitsBecomeThirtyTwoByThirtyTwo() {
        Dataset d = Digits.load().map(new Resize(32, 32));
        assertArrayEquals(new int[] {1, 32, 32}, d.get(0).image().shape());
    }

    @Test
    void refusesBadSizesAndShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Resize(0, 32));
        assertEquals("Resize: output size must be positive, got 0x32", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Resize(32, 32).outputShape(new int[] {8, 8}));
    }
}

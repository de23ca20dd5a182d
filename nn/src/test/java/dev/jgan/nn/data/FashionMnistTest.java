package dev.jgan.nn.data;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real Fashion-MNIST from Debian's package. Without the package these tests are reported
 * as skipped (never as passed), with the package to install.
 */
class FashionMnistTest {

    private static void assumeInstalled() {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), FashionMnist.DEFAULT_DIR + " is absent: install the"
                + " Debian package " + FashionMnist.DEBIAN_PACKAGE + " (apt-get install " + FashionMnist.DEBIAN_PACKAGE
                + ") to run this test");
    }

    @Test
    void trainingSetHasSixtyThousandBalancedImages() throws IOException {
        assumeInstalled();
        TensorDataset train = FashionMnist.load(true);
        assertEquals(60_000, train.size());
        assertArrayEquals(new int[] {1, 28, 28}, train.imageShape());
        int[] perClass = new int[FashionMnist.CLASSES.size()];
        for (int label : train.labels()) {
            perClass[label]++;
        }
        int[] sixThousandEach = new int[10];
        Arrays.fill(sixThousandEach, 6000);
        assertArrayEquals(sixThousandEach, perClass);
        // The first labels of the published file: ankle boot, T-shirt, T-shirt, dress, T-shirt.
        assertArrayEquals(new int[] {9, 0, 0, 3, 0}, Arrays.copyOf(train.labels(), 5));
        float[] first = train.get(0).image().toFloatArray();
        double sum = 0;
        float max = 0;
        for (float v : first) {
            sum += v;
            max = Math.max(max, v);
        }
        // Pixel sum of the first image, 76247 in bytes (checked with od on the gunzipped file).
        assertEquals(76247 / 255.0, sum, 1e-3);
        assertEquals(1f, max);
    }

    @Test
    void testSetHasTenThousandImages() throws IOException {
        assumeInstalled();
        TensorDataset test = FashionMnist.load(false);
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[] {9, 2, 1, 1, 6}, Arrays.copyOf(test.labels(), 5));
        for (float v : test.images().toFloatArray()) {
            if (v < 0 || v > 1) {
                throw new AssertionError("pixel " + v + " outside [0, 1]");
            }
        }
    }
}

package dev.jgan.gan.metrics;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NearestNeighboursTest {
    private final Tensor training = Tensor.uniform(new Generator(1), dev.jgan.core.DType.FLOAT32, -1, 1, 20, 1, 8, 8);

    @Test
    void findsTheTrainingImagesASampleCopiesClosestFirst() {
        Tensor samples = Tensor.concat(List.of(training.narrow(0, 3, 1), training.narrow(0, 17, 1).add(0.01)), 0);
        NearestNeighbours nn = NearestNeighbours.find(samples, training, 4);
        assertEquals(3, nn.indices()[0][0]);
        assertEquals(0.0, nn.distances()[0][0]);
        assertEquals(17, nn.indices()[1][0]);
        assertEquals(0.08, nn.distances()[1][0], 1e-6, "0.01 on each of 64 pixels");
        for (double[] d : nn.distances()) {
            for (int j = 1; j < d.length; j++) {
                assertTrue(d[j - 1] <= d[j], "closest first");
            }
        }
        assertEquals(0.04, nn.meanNearestDistance(), 1e-6);
    }

    @Test
    void writesOneRowPerSampleWithItsNeighbours(@TempDir Path tmp) throws Exception {
        Tensor samples = training.narrow(0, 0, 3).mul(-1.0);
        NearestNeighbours nn = NearestNeighbours.find(samples, training, 2);
        Path png = tmp.resolve("nn.png");
        nn.writePng(samples, training, png);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(3 * 66 + 2, img.getWidth(), "3 columns of 8 px x 8 + padding");
        assertEquals(3 * 66 + 2, img.getHeight(), "3 rows");
        // Column 2 of row 0 shows training image indices[0][0]: its top-left pixel, at scale 8.
        float expected = training.narrow(0, nn.indices()[0][0], 1).toFloatArray()[0];
        int gray = img.getRGB(2 + 66, 2) & 0xFF;
        assertEquals(Math.round((expected + 1) / 2 * 255), gray);
    }

    @Test
    void refusesImagesOfAnotherShape() {
        Tensor other = Tensor.zeros(2, 1, 4, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NearestNeighbours.find(other, training, 1));
        assertTrue(e.getMessage().contains("[2, 1, 4, 4]"), e.getMessage());
    }
}

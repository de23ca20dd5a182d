package dev.jgan.gan.pictures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartTest {

    @Test
    void writesAPngOfTheRequestedSizeWithSomethingDrawn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("loss.png");
        Chart.of("losses", "step", "loss")
                .line("D", new double[]{0, 1, 2}, new double[]{1.4, 1.2, 1.3})
                .steps("histogram", new double[]{0, 1, 2}, new double[]{0.5, 0.2})
                .scatter("points", new double[]{0.5}, new double[]{1.0})
                .writePng(file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        int nonWhite = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    nonWhite++;
                }
            }
        }
        assertTrue(nonWhite > 500, "the chart has axes, labels and lines: " + nonWhite + " non-white pixels sampled");
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }
}

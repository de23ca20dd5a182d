package dev.jgan.gan.toy1d;

import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Figure1dTest {

    @Test
    void drawsTheSnapshotOfAnUntrainedGan(@TempDir Path dir) throws Exception {
        Gaussian1d data = new Gaussian1d(4.0, 1.25);
        Snapshot1d s = Snapshot1d.take(0, Gan1d.build(2, 8, 1, new FittedGaussian(4.0, 1.25), new Generator(1)), data,
                new Generator(2), 500, new Snapshot1d.Grid(-2, 10, 121, 30));
        Path file = dir.resolve("sub").resolve("step-0.png");
        Figure1d.write(s, "after 0 steps", file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        int coloured = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    coloured++;
                }
            }
        }
        assertTrue(coloured > 200, "five coloured curves are drawn: " + coloured + " coloured pixels sampled");
    }
}

package dev.jgan.gan.pictures;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RealBesideFakeTest {

    @Test
    void theRealGridIsOnTheLeftAndTheGeneratedGridOnTheRightPixelForPixel() {
        Generator gen = new Generator(7);
        Tensor real = Tensor.rand(gen, 6, 1, 5, 5).mul(2.0).sub(1.0);
        Tensor fake = Tensor.rand(gen, 6, 1, 5, 5).mul(2.0).sub(1.0);
        BufferedImage both = RealBesideFake.render(real, fake, 3, 2);
        BufferedImage left = ImageGrid.render(real, 3, 2, 2);
        BufferedImage right = ImageGrid.render(fake, 3, 2, 2);
        assertEquals(left.getWidth() + RealBesideFake.GAP + right.getWidth(), both.getWidth());
        assertEquals(RealBesideFake.CAPTION + left.getHeight(), both.getHeight());
        for (int y = 0; y < left.getHeight(); y++) {
            for (int x = 0; x < left.getWidth(); x++) {
                assertEquals(left.getRGB(x, y), both.getRGB(x, RealBesideFake.CAPTION + y), "real at " + x + "," + y);
                assertEquals(right.getRGB(x, y), both.getRGB(left.getWidth() + RealBesideFake.GAP + x,
                        RealBesideFake.CAPTION + y), "generated at " + x + "," + y);
            }
        }
        // The captions are drawn in dark ink over each half of the white strip.
        assertTrue(darkPixels(both, 0, left.getWidth()) > 10, "caption over the real grid");
        assertTrue(darkPixels(both, left.getWidth() + RealBesideFake.GAP, both.getWidth()) > 10,
                "caption over the generated grid");
    }

    @Test
    void writesAPng(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("real-vs-fake.png");
        RealBesideFake.writePng(Tensor.zeros(4, 3, 4, 4), Tensor.ones(2, 3, 4, 4), 2, 1, file);
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(2 * (2 + 2 * 6) + RealBesideFake.GAP, back.getWidth());
    }

    @Test
    void rejectsBatchesOfDifferentImages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RealBesideFake.render(Tensor.zeros(4, 1, 28, 28), Tensor.zeros(4, 1, 32, 32), 2, 1));
        assertEquals("RealBesideFake: real and generated images must both be [N, C, H, W] with the same C, H and W;"
                + " got [4, 1, 28, 28] and [4, 1, 32, 32]", e.getMessage());
    }

    private static int darkPixels(BufferedImage img, int fromX, int toX) {
        int dark = 0;
        for (int y = 0; y < RealBesideFake.CAPTION; y++) {
            for (int x = fromX; x < toX; x++) {
                if ((img.getRGB(x, y) & 0xFF) < 128) {
                    dark++;
                }
            }
        }
        return dark;
    }
}

package dev.jgan.gan.pictures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /** The title of chapter 6's ring pictures, which XChart cut off at both ends on a 600-pixel chart. */
    private static final String LONG_TITLE = "minimax GAN on the ring of 8: 8/8 modes, 55.9 % high quality after 1000 steps";

    @Test
    void aLongTitleIsSetSmallerUntilItFitsTheWidth(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ring.png");
        Chart.square(LONG_TITLE, "x1", "x2").scatter("real", new double[]{0, 1}, new double[]{0, 1}).writePng(file);
        BufferedImage img = ImageIO.read(file.toFile());
        // The title band: dark title pixels in it, none in the outermost columns (a cut title runs off both edges).
        int band = Chart.TITLE_BAND;
        int left = img.getWidth();
        int right = -1;
        for (int y = 0; y < band; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFF) < 100) {
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
        }
        assertTrue(right > left + 300, "the title is drawn: dark pixels from " + left + " to " + right);
        assertTrue(left >= 3 && right <= img.getWidth() - 4, "the title lies within the picture: " + left + " to "
                + right + " of " + img.getWidth());
    }

    @Test
    void aTitleThatCannotFitIsRefusedWithItsText() {
        String title = "x".repeat(400);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Chart.square(title, "x", "y").writePng(Path.of("never-written.png")));
        assertTrue(e.getMessage().startsWith("Chart: the title 'xxx"), e.getMessage());
        assertTrue(e.getMessage().endsWith("does not fit a chart 600 pixels wide even at 9.0 points; shorten it or"
                + " widen the chart"), e.getMessage());
    }

    @Test
    void withEqualAspectACircleIsDrawnRound(@TempDir Path dir) throws Exception {
        int n = 720;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * Math.cos(2 * Math.PI * i / n);
            y[i] = 2 * Math.sin(2 * Math.PI * i / n);
        }
        Chart chart = Chart.square(LONG_TITLE, "x1", "x2").xRange(-3, 3).yRange(-3, 3).equalAspect()
                .scatter("ring", x, y);
        Path file = dir.resolve("ring.png");
        chart.writePng(file);
        double[] ppu = chart.pixelsPerUnit();
        assertEquals(ppu[0], ppu[1], 1e-3 * ppu[0], "pixels per unit along x and y");

        // In the picture: the coloured marker pixels inside the plot span as many pixels across as down.
        BufferedImage img = ImageIO.read(file.toFile());
        double[] topLeft = chart.screen(-2.9, 2.9);
        double[] bottomRight = chart.screen(2.9, -2.9);
        int minX = Integer.MAX_VALUE;
        int maxX = -1;
        int minY = Integer.MAX_VALUE;
        int maxY = -1;
        for (int py = (int) topLeft[1]; py <= (int) bottomRight[1]; py++) {
            for (int px = (int) topLeft[0]; px <= (int) bottomRight[0]; px++) {
                int rgb = img.getRGB(px, py);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 60) {
                    minX = Math.min(minX, px);
                    maxX = Math.max(maxX, px);
                    minY = Math.min(minY, py);
                    maxY = Math.max(maxY, py);
                }
            }
        }
        int width = maxX - minX;
        int height = maxY - minY;
        assertTrue(width > 200, "the ring is drawn: " + width + " pixels wide");
        assertEquals(width, height, 3, "the ring is " + width + " pixels wide and " + height + " high");
    }

    @Test
    void equalAspectNeedsBothRanges() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Chart.square("t", "x", "y").xRange(-1, 1).equalAspect().writePng(Path.of("never-written.png")));
        assertEquals("Chart 't': equalAspect needs both xRange and yRange set", e.getMessage());
    }
}

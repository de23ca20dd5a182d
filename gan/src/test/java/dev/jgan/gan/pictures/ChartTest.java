package dev.jgan.gan.pictures;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartTest {
    private static final double MIN = 0;
    private static final double MAX = 10;
    /** How far, in pixels, a drawn point may be from where its data puts it (line width, rounding). */
    private static final double SLACK = 3;

    @Test
    void drawsALineAndAPointWhereTheirDataPutThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("loss.png");
        Chart.of("losses", "step", "loss")
                .line("D", new double[]{MIN, MAX}, new double[]{MIN, MAX})
                .scatter("points", new double[]{2}, new double[]{8})
                .xRange(MIN, MAX).yRange(MIN, MAX)
                .writePng(file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        PlotPixels plot = PlotPixels.of(img);

        List<int[]> line = plot.seriesPixels(0);
        assertTrue(line.size() > plot.width() / 2, "the diagonal crosses the plot area: " + line.size() + " pixels");
        for (int[] p : line) {
            double y = MIN + (plot.x(p[0], MIN, MAX) - MIN); // the line is y = x
            assertTrue(Math.abs(p[1] - plot.row(y, MIN, MAX)) <= SLACK,
                    "pixel " + p[0] + "," + p[1] + " is off the line y = x (expected row " + plot.row(y, MIN, MAX) + ")");
        }
        assertTrue(line.stream().anyMatch(p -> Math.abs(p[0] - plot.column(MIN, MIN, MAX)) <= SLACK), "the line starts at x = 0");
        assertTrue(line.stream().anyMatch(p -> Math.abs(p[0] - plot.column(MAX, MIN, MAX)) <= SLACK), "the line ends at x = 10");

        List<int[]> point = plot.seriesPixels(1);
        assertFalse(point.isEmpty(), "the scatter point is drawn");
        for (int[] p : point) {
            assertTrue(Math.abs(p[0] - plot.column(2, MIN, MAX)) <= SLACK && Math.abs(p[1] - plot.row(8, MIN, MAX)) <= SLACK,
                    "pixel " + p[0] + "," + p[1] + " of the point (2, 8) is not at column " + plot.column(2, MIN, MAX)
                            + ", row " + plot.row(8, MIN, MAX));
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void stepsDrawEachBarAtItsHeightOverItsInterval(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("histogram.png");
        Chart.of("histogram", "x", "height")
                .steps("bars", new double[]{0, 5, 10}, new double[]{2, 8})
                .xRange(MIN, MAX).yRange(MIN, MAX)
                .writePng(file);
        PlotPixels plot = PlotPixels.of(ImageIO.read(file.toFile()));
        List<int[]> bars = plot.seriesPixels(0);
        assertTrue(bars.size() > plot.width() / 2, "two bars and the step between them: " + bars.size() + " pixels");
        for (int[] p : bars) {
            double x = plot.x(p[0], MIN, MAX);
            boolean onLeftBar = x <= 5 && Math.abs(p[1] - plot.row(2, MIN, MAX)) <= SLACK;
            boolean onRightBar = x >= 5 && Math.abs(p[1] - plot.row(8, MIN, MAX)) <= SLACK;
            boolean onStep = Math.abs(p[0] - plot.column(5, MIN, MAX)) <= SLACK;
            assertTrue(onLeftBar || onRightBar || onStep, "pixel " + p[0] + "," + p[1] + " (x = " + x
                    + ") is on neither bar [0, 5) at 2, nor bar [5, 10) at 8, nor the step at 5");
        }
        assertTrue(bars.stream().anyMatch(p -> Math.abs(p[0] - plot.column(2.5, MIN, MAX)) <= 1
                && Math.abs(p[1] - plot.row(2, MIN, MAX)) <= SLACK), "the left bar is drawn");
        assertTrue(bars.stream().anyMatch(p -> Math.abs(p[0] - plot.column(7.5, MIN, MAX)) <= 1
                && Math.abs(p[1] - plot.row(8, MIN, MAX)) <= SLACK), "the right bar is drawn");
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

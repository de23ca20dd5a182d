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
}

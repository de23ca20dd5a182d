package dev.jgan.gan.toy1d;

import dev.jgan.core.random.Generator;
import dev.jgan.gan.pictures.PlotPixels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Figure1dTest {
    private static final double X_MIN = -2;
    private static final double X_MAX = 10;
    /** Figure1d fixes the y axis at [0, 1.05] for every moment of a run. */
    private static final double Y_MIN = 0;
    private static final double Y_MAX = 1.05;
    /** Series in the order Figure1d adds them, which is the order of XChart's colours. */
    private static final int P_DATA = 0;
    private static final int D = 3;
    private static final int D_STAR = 4;
    /** Pixels between a drawn point and where its data puts it (line width, rounding). */
    private static final double SLACK = 3;

    @Test
    void drawsTheSnapshotOfAnUntrainedGanOnItsFixedAxes(@TempDir Path dir) throws Exception {
        Gaussian1d data = new Gaussian1d(4.0, 1.25);
        Snapshot1d s = Snapshot1d.take(0, Gan1d.build(2, 8, 1, new FittedGaussian(4.0, 1.25), new Generator(1)), data,
                new Generator(2), 500, new Snapshot1d.Grid(X_MIN, X_MAX, 121, 30));
        Path file = dir.resolve("sub").resolve("step-0.png");
        Figure1d.write(s, "after 0 steps", file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(500, img.getHeight());
        PlotPixels plot = PlotPixels.of(img);

        // p_data peaks at the data's mean with height 1 / (std sqrt(2 pi)).
        List<int[]> pData = plot.seriesPixels(P_DATA);
        assertTrue(pData.size() > 100, "p_data is drawn: " + pData.size() + " pixels");
        int[] peak = pData.stream().min(Comparator.comparingInt(p -> p[1])).orElseThrow();
        assertEquals(4.0, plot.x(peak[0], X_MIN, X_MAX), 0.15, "p_data peaks at the mean");
        assertEquals(plot.row(data.density(4.0), Y_MIN, Y_MAX), peak[1], SLACK, "p_data's peak height");

        // D(x) follows the discriminator's outputs on the grid.
        List<int[]> d = plot.seriesPixels(D);
        assertTrue(d.size() > 100, "D(x) is drawn: " + d.size() + " pixels");
        for (int[] p : d) {
            double expected = plot.row(valueAt(s, s.d(), plot.x(p[0], X_MIN, X_MAX)), Y_MIN, Y_MAX);
            assertEquals(expected, p[1], SLACK, "D(x) at column " + p[0]);
        }

        // D*(x) is left out where neither density reaches NEGLIGIBLE_DENSITY.
        List<int[]> dStar = plot.seriesPixels(D_STAR);
        assertTrue(dStar.size() > 50, "D*(x) is drawn where the densities are not negligible: " + dStar.size() + " pixels");
        double gridStep = s.x()[1] - s.x()[0];
        for (int[] p : dStar) {
            double x = plot.x(p[0], X_MIN, X_MAX);
            double densest = Math.max(Math.max(valueAt(s, s.pData(), x - gridStep), valueAt(s, s.pG(), x - gridStep)),
                    Math.max(valueAt(s, s.pData(), x + gridStep), valueAt(s, s.pG(), x + gridStep)));
            assertTrue(densest >= Figure1d.NEGLIGIBLE_DENSITY, "D*(x) is drawn at x = " + x
                    + ", where both densities are below " + Figure1d.NEGLIGIBLE_DENSITY);
        }
    }

    /** {@code values} on the snapshot's grid, interpolated linearly at {@code x} (clamped to the grid). */
    private static double valueAt(Snapshot1d s, double[] values, double x) {
        double[] xs = s.x();
        double pos = Math.max(0, Math.min(xs.length - 1, (x - xs[0]) / (xs[1] - xs[0])));
        int i = Math.min(xs.length - 2, (int) pos);
        double t = pos - i;
        return values[i] * (1 - t) + values[i + 1] * t;
    }
}

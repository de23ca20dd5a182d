package dev.jgan.gan.toy1d;

import dev.jgan.gan.pictures.Chart;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Draws a {@link Snapshot1d} in the manner of Figure 1 of Goodfellow et al. (2014): the data
 * density, the generator's histogram and density estimate, the discriminator D(x) and the
 * optimal D*(x), on one pair of axes (densities and probabilities share the y axis).
 */
public final class Figure1d {
    private Figure1d() {
    }

    /**
     * Where both densities are below this, D*(x) is left out of the picture: no sample of either
     * kind lands there, so the ratio of two vanishing tails (of the data's formula and of the
     * kernel estimate) says nothing about what a discriminator could learn.
     */
    static final double NEGLIGIBLE_DENSITY = 0.01;

    /**
     * Writes the figure with the y axis fixed at [0, 1.05], so that every moment of a run is drawn
     * on the same scale; a generator density taller than that runs off the top.
     */
    public static void write(Snapshot1d s, String title, Path file) throws IOException {
        double[] dStar = s.dStar().clone();
        for (int i = 0; i < dStar.length; i++) {
            if (s.pData()[i] < NEGLIGIBLE_DENSITY && s.pG()[i] < NEGLIGIBLE_DENSITY) {
                dStar[i] = Double.NaN; // a gap in the line
            }
        }
        Chart.of(title, "x", "density or probability")
                .line("p_data", s.x(), s.pData())
                .steps("histogram of G(z)", s.histogram().edges(), s.histogram().heights())
                .line("p_g (kernel estimate)", s.x(), s.pG())
                .line("D(x)", s.x(), s.d())
                .line("D*(x) = p_data / (p_data + p_g)", s.x(), dStar)
                .xRange(s.x()[0], s.x()[s.x().length - 1])
                .yRange(0, 1.05)
                .writePng(file);
    }
}

package dev.jgan.tutorials.convolution;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Pooling;
import dev.jgan.core.ops.Resampling;
import dev.jgan.gan.pictures.Drawing;
import dev.jgan.gan.pictures.ImageGrid;
import dev.jgan.gan.pictures.RealBesideFake;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Section 7's real sample: a checkerboard that a DCGAN generator (whose last layer is a
 * transposed convolution with kernel 4 and stride 2) learned, measured and enlarged. The
 * samples and the real images beside them are read back from one of chapter 9's pictures.
 *
 * <p>The measure: subtract from every pixel the mean of its aligned 2x2 block (average pooling,
 * then nearest upsampling), and average what is left separately over the four positions in a
 * block, (even row, even column), (even, odd), (odd, even), (odd, odd). A picture with no
 * preference for one position gives four numbers near 0; a stride-2 layer whose even and odd
 * outputs come from different kernel taps can give a pattern that repeats every 2 pixels.
 */
final class CheckerboardSample {
    static final String FILE = "checkerboard-sample.png";
    static final int SIDE = 32;
    static final int COLUMNS = 8;
    static final int SCALE = 2;
    static final int COUNT = 64;
    /** How much the residual is amplified to be seen; the pixels themselves are shown as they are. */
    static final double GAIN = 4;
    static final int ENLARGE = 8;

    /**
     * The mean 2x2 patterns (row-major: even-even, even-odd, odd-even, odd-odd), the generated image
     * shown, and every image's projection on the generated pattern.
     */
    record Result(double[] generatedPattern, double[] realPattern, int shown, double[] realShare, double[] generatedShare) {
    }

    private CheckerboardSample() {
    }

    static Result run(PrintStream out, Path samplesPicture, Path images) throws IOException {
        BufferedImage picture = ImageIO.read(samplesPicture.toFile());
        if (picture == null) {
            throw new IOException(samplesPicture + ": not a picture ImageIO can read");
        }
        Tensor real = ImageGrid.tiles(picture, 0, RealBesideFake.CAPTION, COUNT, COLUMNS, SIDE, SCALE);
        Tensor fake = ImageGrid.tiles(picture, RealBesideFake.generatedLeft(COLUMNS, SIDE, SCALE),
                RealBesideFake.CAPTION, COUNT, COLUMNS, SIDE, SCALE);
        Tensor realPhases = phases(real);
        Tensor fakePhases = phases(fake);
        double[] realPattern = realPhases.mean(new int[]{0}, false).toDoubleArray();
        double[] fakePattern = fakePhases.mean(new int[]{0}, false).toDoubleArray();
        // How much of the generated images' shared pattern each image holds: its phases projected on that pattern.
        double[] realShare = projections(realPhases, fakePattern);
        double[] fakeShare = projections(fakePhases, fakePattern);
        int shown = argmax(fakeShare);
        int realShown = argmax(realShare);

        out.println("== a learned checkerboard: pixel minus the mean of its 2x2 block, averaged per position in the block");
        out.println("                      (even, even)  (even, odd)  (odd, even)  (odd, odd)");
        out.println(row("64 real images", realPattern));
        out.println(row("64 generated images", fakePattern));
        out.println(row("generated image " + shown, fakePhases.narrow(0, shown, 1).flatten().toDoubleArray()));
        out.println(row("real image " + realShown, realPhases.narrow(0, realShown, 1).flatten().toDoubleArray()));
        out.printf(Locale.ROOT, "the generated images' pattern, projected on each image: real %+.4f to %+.4f,"
                + " generated %+.4f to %+.4f%n", min(realShare), max(realShare), min(fakeShare), max(fakeShare));
        long above = Arrays.stream(realShare).filter(v -> v >= min(fakeShare)).count();
        out.printf(Locale.ROOT, "real images holding as much of it as the generated image with the least: %d of %d%n",
                above, realShare.length);

        draw(fake.narrow(0, shown, 1), real.narrow(0, realShown, 1), shown, realShown)
                .writePng(images.resolve(FILE));
        out.println("wrote " + FILE + ": the sample and a real image enlarged " + ENLARGE + " times, and their residuals");
        return new Result(fakePattern, realPattern, shown, realShare, fakeShare);
    }

    /** Each pixel minus the mean of its aligned 2x2 block. */
    static Tensor residual(Tensor images) {
        return images.sub(Resampling.upsampleNearest2d(Pooling.avgPool2d(images, new int[]{2}, null, new int[]{0}), 2));
    }

    /** [N, 4]: per image, the mean residual at each of the four positions in a 2x2 block. */
    static Tensor phases(Tensor images) {
        int n = images.size(0);
        int half = images.size(2) / 2;
        return residual(images).reshape(n, half, 2, half, 2).mean(new int[]{1, 3}, false).reshape(n, 4);
    }

    /** Each row of {@code phases} [N, 4] projected on the direction of {@code pattern}. */
    private static double[] projections(Tensor phases, double[] pattern) {
        double norm = 0;
        for (double p : pattern) {
            norm += p * p;
        }
        double[] unit = new double[pattern.length];
        for (int i = 0; i < pattern.length; i++) {
            unit[i] = pattern[i] / Math.sqrt(norm);
        }
        return phases.to(DType.FLOAT64).matmul(Tensor.fromArray(unit, 4)).toDoubleArray();
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }

    private static Drawing draw(Tensor sample, Tensor real, int shown, int realIndex) {
        int side = SIDE * ENLARGE;
        int left = 150;
        Drawing d = Drawing.blank(left + 2 * side + 130, 2 * side + 150);
        d.font(16, true).text(20, 28, "a checkerboard learned by a transposed-convolution generator");
        d.font(13, false);
        d.centredText(left + side / 2.0, 62, "the image, enlarged " + ENLARGE + "x");
        d.centredText(left + side + 30 + side / 2.0, 62, "pixel - its 2x2 block mean, x" + (int) GAIN);
        int top = 72;
        d.text(20, top + side / 2.0, "generated " + shown);
        d.image(ImageGrid.render(sample, 1, 0, ENLARGE), left, top);
        d.image(ImageGrid.render(residual(sample).mul(GAIN), 1, 0, ENLARGE), left + side + 30, top);
        int top2 = top + side + 20;
        d.text(20, top2 + side / 2.0, "real " + realIndex);
        d.image(ImageGrid.render(real, 1, 0, ENLARGE), left, top2);
        d.image(ImageGrid.render(residual(real).mul(GAIN), 1, 0, ENLARGE), left + side + 30, top2);
        d.text(20, top2 + side + 40, "mid-grey = 0: the generated image's residual is a texture that repeats every 2 pixels,");
        d.text(20, top2 + side + 58, "even on its dark border; the real image's is zero on flat areas and follows its edges");
        return d;
    }

    private static String row(String name, double[] pattern) {
        return String.format(Locale.ROOT, "%-22s %+12.4f %+12.4f %+12.4f %+11.4f", name, pattern[0], pattern[1],
                pattern[2], pattern[3]);
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}

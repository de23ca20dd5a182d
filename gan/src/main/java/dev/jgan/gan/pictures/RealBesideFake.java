package dev.jgan.gan.pictures;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Real images beside generated ones, the way the PyTorch DCGAN tutorial ends: two
 * {@link ImageGrid}s of the same layout, real on the left and generated on the right, each
 * captioned, so that a reader judges the samples against the data rather than from memory.
 */
public final class RealBesideFake {
    /** The white gap between the two grids. */
    public static final int GAP = 16;
    /** The caption strip above the grids: where both grids' top edge is. */
    public static final int CAPTION = 24;
    private static final int PADDING = ImageGrid.PADDING;

    private RealBesideFake() {
    }

    /**
     * Both batches are [N, C, H, W] in [-1, 1] with the same C, H and W (N may differ); they are
     * tiled {@code columns} per row, each pixel enlarged {@code scale} times.
     */
    public static BufferedImage render(Tensor real, Tensor fake, int columns, int scale) {
        if (real.dim() != 4 || fake.dim() != 4
                || !Arrays.equals(Arrays.copyOfRange(real.shape(), 1, 4), Arrays.copyOfRange(fake.shape(), 1, 4))) {
            throw new IllegalArgumentException("RealBesideFake: real and generated images must both be [N, C, H, W]"
                    + " with the same C, H and W; got " + Shape.format(real.shape()) + " and "
                    + Shape.format(fake.shape()));
        }
        BufferedImage left = ImageGrid.render(real, columns, PADDING, scale);
        BufferedImage right = ImageGrid.render(fake, columns, PADDING, scale);
        int width = left.getWidth() + GAP + right.getWidth();
        int height = CAPTION + Math.max(left.getHeight(), right.getHeight());
        Drawing d = Drawing.blank(width, height).font(14, true);
        int baseline = CAPTION - 7;
        d.centredText(left.getWidth() / 2.0, baseline, "real");
        d.centredText(left.getWidth() + GAP + right.getWidth() / 2.0, baseline, "generated");
        return d.image(left, 0, CAPTION).image(right, left.getWidth() + GAP, CAPTION).image();
    }

    /** The left edge of the generated grid, for a real grid of {@code columns} images of side {@code side}. */
    public static int generatedLeft(int columns, int side, int scale) {
        return ImageGrid.width(columns, side, scale) + GAP;
    }

    public static void writePng(Tensor real, Tensor fake, int columns, int scale, Path file) throws IOException {
        Png.write(render(real, fake, columns, scale), file);
    }
}

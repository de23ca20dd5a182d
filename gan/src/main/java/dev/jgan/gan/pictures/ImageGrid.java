package dev.jgan.gan.pictures;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Tiles a batch of images into one picture, as torchvision's make_grid and save_image do:
 * images [N, C, H, W] (C = 1 or 3) with values in [-1, 1] are mapped to [0, 255], laid out
 * {@code columns} per row with a {@code padding}-pixel border, and each pixel may be enlarged
 * {@code scale} times so that 8x8 digits are visible.
 */
public final class ImageGrid {
    /** The border around and between images in the grids {@link #writePng} writes. */
    public static final int PADDING = 2;

    private ImageGrid() {
    }

    public static BufferedImage render(Tensor images, int columns, int padding, int scale) {
        if (images.dim() != 4 || (images.size(1) != 1 && images.size(1) != 3)) {
            throw new IllegalArgumentException("ImageGrid: expects images [N, 1 or 3, H, W], got "
                    + Shape.format(images.shape()));
        }
        if (columns < 1 || padding < 0 || scale < 1) {
            throw new IllegalArgumentException("ImageGrid: columns and scale must be >= 1 and padding >= 0");
        }
        int n = images.size(0);
        int c = images.size(1);
        int h = images.size(2);
        int w = images.size(3);
        int rows = (n + columns - 1) / columns;
        int cellH = h * scale + padding;
        int cellW = w * scale + padding;
        BufferedImage img = new BufferedImage(columns * cellW + padding, Math.max(rows, 1) * cellH + padding,
                BufferedImage.TYPE_INT_RGB);
        float[] v = images.toFloatArray();
        for (int k = 0; k < n; k++) {
            int top = padding + (k / columns) * cellH;
            int left = padding + (k % columns) * cellW;
            for (int y = 0; y < h * scale; y++) {
                for (int x = 0; x < w * scale; x++) {
                    int base = k * c * h * w + (y / scale) * w + (x / scale);
                    int r = toByte(v[base]);
                    int g = c == 3 ? toByte(v[base + h * w]) : r;
                    int b = c == 3 ? toByte(v[base + 2 * h * w]) : r;
                    img.setRGB(left + x, top + y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return img;
    }

    /** Writes the grid as PNG atomically: a reader never sees a half-written picture. */
    public static void writePng(Tensor images, int columns, int scale, Path file) throws IOException {
        Png.write(render(images, columns, PADDING, scale), file);
    }

    /** The width in pixels of a grid {@link #writePng} draws: {@code columns} images of side {@code side}. */
    public static int width(int columns, int side, int scale) {
        return columns * (side * scale + PADDING) + PADDING;
    }

    /**
     * Reads {@code count} gray images of side {@code side} back out of a grid that
     * {@link #writePng} drew ({@code columns} per row, each pixel enlarged {@code scale} times),
     * whose top-left corner is at ({@code left}, {@code top}) of {@code picture}: the inverse of
     * {@link #render}, up to the rounding to 256 gray levels. Returns [count, 1, side, side] in [-1, 1].
     */
    public static Tensor tiles(BufferedImage picture, int left, int top, int count, int columns, int side, int scale) {
        int rows = (count + columns - 1) / columns;
        int right = left + width(columns, side, scale);
        int bottom = top + rows * (side * scale + PADDING) + PADDING;
        if (left < 0 || top < 0 || right > picture.getWidth() || bottom > picture.getHeight()) {
            throw new IllegalArgumentException("ImageGrid.tiles: a grid of " + count + " images of side " + side
                    + " at scale " + scale + ", " + columns + " per row, from (" + left + ", " + top + ") reaches ("
                    + right + ", " + bottom + "), outside the " + picture.getWidth() + "x" + picture.getHeight()
                    + " picture");
        }
        float[] v = new float[count * side * side];
        for (int k = 0; k < count; k++) {
            int y0 = top + PADDING + (k / columns) * (side * scale + PADDING);
            int x0 = left + PADDING + (k % columns) * (side * scale + PADDING);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int gray = picture.getRGB(x0 + x * scale, y0 + y * scale) & 0xFF;
                    v[(k * side + y) * side + x] = (float) (gray / 127.5 - 1.0);
                }
            }
        }
        return Tensor.fromArray(v, count, 1, side, side);
    }

    /** [-1, 1] to [0, 255], clamped; NaN becomes 0 so a broken sample shows as black. */
    static int toByte(float value) {
        if (Float.isNaN(value)) {
            return 0;
        }
        double unit = (Math.max(-1f, Math.min(1f, value)) + 1.0) / 2.0;
        return (int) Math.round(unit * 255.0);
    }
}

package dev.jgan.tutorials.convolution;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Convolution;
import dev.jgan.gan.pictures.Drawing;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Section 3's picture: the 4x4 image with every pixel in its own colour, and the column matrix
 * core's im2col makes of it for a 2x2 kernel, each entry in the colour of the pixel it copies.
 * Two windows and their columns are outlined.
 */
final class Im2colPicture {
    static final String FILE = "im2col.png";
    static final int CELL = 44;
    static final int INPUT_LEFT = 40;
    static final int TOP = 90;
    static final int MATRIX_LEFT = 330;
    /** The two windows outlined: the first, and the one in the middle that shares a pixel with all others. */
    static final int[] WINDOWS = {0, 4};
    static final Color[] WINDOW_OUTLINE = {new Color(0x20, 0x20, 0x20), new Color(0xD0, 0x20, 0x20)};

    private Im2colPicture() {
    }

    /** The colour of input pixel {@code index} of 16: evenly spaced hues, light enough for black numbers. */
    static Color colour(int index) {
        return Color.getHSBColor(index / 16f, 0.45f, 1f);
    }

    static void write(PrintStream out, Tensor x, Path images) throws IOException {
        Tensor cols = Convolution.im2col(x, new int[]{2}, new int[]{1}, new int[]{0}, new int[]{1});
        draw(x, cols).writePng(images.resolve(FILE));
        out.println("wrote " + FILE + ": the image and its columns, each entry in the colour of the pixel it copies");
    }

    /** x is [1, 1, 4, 4] holding 0 ... 15; cols is im2col(x) for a 2x2 kernel, [1, 4, 9]. */
    static Drawing draw(Tensor x, Tensor cols) {
        float[] pixels = x.toFloatArray();
        float[] entries = cols.toFloatArray();
        int rows = cols.size(1);
        int windows = cols.size(2);
        Drawing d = Drawing.blank(MATRIX_LEFT + windows * CELL + 40, TOP + rows * CELL + 150);
        d.font(16, true).text(20, 30, "im2col: each window of the image becomes one column");
        d.font(13, false);
        d.text(INPUT_LEFT, TOP - 14, "the image x [1, 1, 4, 4]");
        d.text(MATRIX_LEFT, TOP - 14, "im2col(x), kernel 2x2: [1, 4, 9]");
        for (int i = 0; i < pixels.length; i++) {
            int value = Math.round(pixels[i]);
            d.box(INPUT_LEFT + (i % 4) * CELL, TOP + (i / 4) * CELL, CELL, CELL, colour(value), String.valueOf(value));
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < windows; c++) {
                int value = Math.round(entries[r * windows + c]);
                d.box(MATRIX_LEFT + c * CELL, TOP + r * CELL, CELL, CELL, colour(value), String.valueOf(value));
            }
            d.text(MATRIX_LEFT - 58, TOP + r * CELL + CELL / 2.0 + 5, "(" + r / 2 + ", " + r % 2 + ")");
        }
        for (int c = 0; c < windows; c++) {
            d.centredText(MATRIX_LEFT + c * CELL + CELL / 2.0, TOP + rows * CELL + 18, String.valueOf(c));
        }
        d.text(MATRIX_LEFT, TOP + rows * CELL + 38, "column = window (left to right, top to bottom)");
        d.text(MATRIX_LEFT - 70, TOP - 34, "row = (kernel row, kernel column)");
        for (int k = 0; k < WINDOWS.length; k++) {
            int w = WINDOWS[k];
            int oh = w / 3;
            int ow = w % 3;
            d.outline(INPUT_LEFT + ow * CELL + 2, TOP + oh * CELL + 2, 2 * CELL - 4, 2 * CELL - 4, WINDOW_OUTLINE[k], 3f);
            d.outline(MATRIX_LEFT + w * CELL + 2, TOP + 2, CELL - 4, rows * CELL - 4, WINDOW_OUTLINE[k], 3f);
        }
        d.text(20, TOP + rows * CELL + 75, "Every colour is one pixel of x. Window 0 (black) and window 4 (red) and their columns are outlined:");
        d.text(20, TOP + rows * CELL + 95, "pixel 5 is in windows 0, 1, 3 and 4, so it is copied four times; the corner pixels 0, 3, 12, 15 once.");
        d.text(20, TOP + rows * CELL + 115, "The matrix has 36 entries for 16 pixels: that copying is the memory im2col costs.");
        return d;
    }
}

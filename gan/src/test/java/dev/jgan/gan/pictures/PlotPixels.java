package dev.jgan.gan.pictures;

import org.knowm.xchart.style.theme.XChartTheme;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link Chart} PNG back for tests: finds the plot area (the grey border XChart draws
 * round it), maps data coordinates to pixels for given axis ranges, and finds the pixels drawn
 * in a series' colour, so that a test can check that a curve is where its data puts it.
 */
public final class PlotPixels {
    private static final XChartTheme THEME = new XChartTheme();
    private static final int BORDER_RGB = THEME.getPlotBorderColor().getRGB() & 0xFFFFFF;

    private final BufferedImage image;
    private final int left;
    private final int right;
    private final int top;
    private final int bottom;

    private PlotPixels(BufferedImage image, int left, int right, int top, int bottom) {
        this.image = image;
        this.left = left;
        this.right = right;
        this.top = top;
        this.bottom = bottom;
    }

    /** Locates the plot area: the outermost rows and columns that are mostly border grey. */
    public static PlotPixels of(BufferedImage image) {
        List<Integer> rows = greyLines(image.getHeight(), image.getWidth(), (y, x) -> image.getRGB(x, y));
        List<Integer> cols = greyLines(image.getWidth(), image.getHeight(), image::getRGB);
        if (rows.size() < 2 || cols.size() < 2) {
            throw new AssertionError("no plot border found: grey rows " + rows + ", grey columns " + cols);
        }
        // The border is the first grey row and the last grey column; the axis lines lie outside
        // it, below and to the left, so the border's bottom and left are the second-to-last row
        // and the second column where both exist.
        int top = rows.get(0);
        int bottom = rows.size() > 2 ? rows.get(rows.size() - 2) : rows.get(rows.size() - 1);
        int left = cols.size() > 2 ? cols.get(1) : cols.get(0);
        int right = cols.get(cols.size() - 1);
        return new PlotPixels(image, left, right, top, bottom);
    }

    /** The lines (rows or columns, by how {@code rgb} reads them) more than half of whose pixels are border grey. */
    private static List<Integer> greyLines(int lines, int length, PixelReader rgb) {
        List<Integer> grey = new ArrayList<>();
        for (int line = 0; line < lines; line++) {
            int count = 0;
            for (int along = 0; along < length; along++) {
                count += (rgb.at(line, along) & 0xFFFFFF) == BORDER_RGB ? 1 : 0;
            }
            if (count > length / 2) {
                grey.add(line);
            }
        }
        return grey;
    }

    private interface PixelReader {
        int at(int line, int along);
    }

    public int width() {
        return right - left;
    }

    public int height() {
        return bottom - top;
    }

    /** The column of data x on an axis from min to max (XChart leaves a margin inside the border). */
    public double column(double x, double min, double max) {
        double content = THEME.getPlotContentSize() * width();
        return left + (width() - content) / 2 + (x - min) / (max - min) * content;
    }

    /** The row of data y on an axis from min to max; rows grow downwards. */
    public double row(double y, double min, double max) {
        double content = THEME.getPlotContentSize() * height();
        return bottom - (height() - content) / 2 - (y - min) / (max - min) * content;
    }

    /** The data x of a column, the inverse of {@link #column}. */
    public double x(double column, double min, double max) {
        double content = THEME.getPlotContentSize() * width();
        return min + (column - left - (width() - content) / 2) / content * (max - min);
    }

    /**
     * The pixels inside the plot area drawn in series {@code index}'s colour (XChart blends it
     * with white by its alpha), as {x, y} pairs; anti-aliased edges, which mix colours, are left out.
     */
    public List<int[]> seriesPixels(int index) {
        Color c = THEME.getSeriesColors()[index];
        double a = c.getAlpha() / 255.0;
        int[] expected = {blend(c.getRed(), a), blend(c.getGreen(), a), blend(c.getBlue(), a)};
        List<int[]> found = new ArrayList<>();
        for (int y = top + 1; y < bottom; y++) {
            for (int x = left + 1; x < right; x++) {
                int rgb = image.getRGB(x, y);
                int dr = ((rgb >> 16) & 0xFF) - expected[0];
                int dg = ((rgb >> 8) & 0xFF) - expected[1];
                int db = (rgb & 0xFF) - expected[2];
                if (dr * dr + dg * dg + db * db <= 20 * 20) {
                    found.add(new int[]{x, y});
                }
            }
        }
        return found;
    }

    private static int blend(int channel, double alpha) {
        return (int) Math.round(channel * alpha + 255 * (1 - alpha));
    }
}

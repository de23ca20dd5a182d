package dev.jgan.gan.pictures;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A line or scatter chart written to PNG, for loss curves, the 1-D GAN's density figure and the
 * 2-D toy samples. A thin layer over XChart so that callers name what they plot, not how.
 *
 * <p>Two things XChart does not do on its own are done here. The title is drawn by this class
 * in a band above XChart's picture, centred on the whole width and set in a smaller font until
 * it fits (XChart centres it on the plot, so a long title ran off both edges). And a chart
 * marked {@link #equalAspect()} gets the same number of pixels per unit on both axes, so that
 * a circle in the data is a circle in the picture.
 */
public final class Chart {
    /** The title's font before it is fitted, XChart's own default for titles. */
    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    /** The smallest title font before a title counts as too long for its chart. */
    static final float MIN_TITLE_POINTS = 9f;
    /** The height of the title band above XChart's picture, and the margin left and right of the title. */
    static final int TITLE_BAND = 30;
    private static final int TITLE_MARGIN = 8;
    private final XYChart chart;
    private final String title;
    private boolean equalAspect;

    private Chart(String title, String xLabel, String yLabel, int width, int height) {
        this.title = title;
        chart = new XYChartBuilder().width(width).height(height - TITLE_BAND).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        chart.getStyler().setChartTitleVisible(false);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setMarkerSize(3);
    }

    public static Chart of(String title, String xLabel, String yLabel) {
        return new Chart(title, xLabel, yLabel, 800, 500);
    }

    public static Chart square(String title, String xLabel, String yLabel) {
        return new Chart(title, xLabel, yLabel, 600, 600);
    }

    public Chart line(String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setMarker(SeriesMarkers.NONE);
        return this;
    }

    /** A line drawn as steps, for histograms: bar i spans [edges[i], edges[i+1]) at height heights[i]. */
    public Chart steps(String name, double[] edges, double[] heights) {
        double[] x = new double[2 * heights.length];
        double[] y = new double[2 * heights.length];
        for (int i = 0; i < heights.length; i++) {
            x[2 * i] = edges[i];
            x[2 * i + 1] = edges[i + 1];
            y[2 * i] = heights[i];
            y[2 * i + 1] = heights[i];
        }
        return line(name, x, y);
    }

    public Chart scatter(String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        return this;
    }

    /** Larger markers, for scatter plots of a few labelled points rather than thousands of samples. */
    public Chart markerSize(int pixels) {
        chart.getStyler().setMarkerSize(pixels);
        return this;
    }

    public Chart yRange(double min, double max) {
        chart.getStyler().setYAxisMin(min);
        chart.getStyler().setYAxisMax(max);
        return this;
    }

    public Chart xRange(double min, double max) {
        chart.getStyler().setXAxisMin(min);
        chart.getStyler().setXAxisMax(max);
        return this;
    }

    /**
     * One unit is as long on the x axis as on the y axis, for 2-D data (points on a ring should
     * look round). Both ranges must be set; when the picture is written, the range of the axis
     * with more pixels per unit is widened about its centre (matplotlib's
     * {@code set_aspect("equal", adjustable="datalim")}). The legend goes below the plot, where
     * it takes height rather than width.
     */
    public Chart equalAspect() {
        equalAspect = true;
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        return this;
    }

    /** Writes the PNG atomically ({@link Png}). */
    public void writePng(Path file) throws IOException {
        Png.write(render(), file);
    }

    /** The picture: the fitted title in its band, XChart's chart below it. */
    BufferedImage render() {
        Font font = fittedTitleFont();
        if (equalAspect) {
            matchScales();
        }
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight() + TITLE_BAND,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        g.drawString(title, (image.getWidth() - fm.stringWidth(title)) / 2f,
                (TITLE_BAND - fm.getHeight()) / 2f + fm.getAscent() + 2);
        g.drawImage(BitmapEncoder.getBufferedImage(chart), 0, TITLE_BAND, null);
        g.dispose();
        return image;
    }

    /** Pixels per unit along x and along y, as the chart was last drawn. */
    double[] pixelsPerUnit() {
        var st = chart.getStyler();
        return new double[]{
                Math.abs(chart.getScreenXFromChart(st.getXAxisMax()) - chart.getScreenXFromChart(st.getXAxisMin()))
                        / (st.getXAxisMax() - st.getXAxisMin()),
                Math.abs(chart.getScreenYFromChart(st.getYAxisMax()) - chart.getScreenYFromChart(st.getYAxisMin()))
                        / (st.getYAxisMax() - st.getYAxisMin())};
    }

    /** Where the data point (x, y) is drawn in the picture, in pixels, as the chart was last drawn. */
    double[] screen(double x, double y) {
        return new double[]{chart.getScreenXFromChart(x), chart.getScreenYFromChart(y) + TITLE_BAND};
    }

    /** The title font, made smaller in half-point steps until the title fits the width. */
    private Font fittedTitleFont() {
        FontRenderContext frc = new FontRenderContext(null, true, true);
        double available = chart.getWidth() - 2.0 * TITLE_MARGIN;
        Font font = TITLE_FONT;
        while (font.getStringBounds(title, frc).getWidth() > available) {
            if (font.getSize2D() <= MIN_TITLE_POINTS) {
                throw new IllegalArgumentException("Chart: the title '" + title + "' does not fit a chart "
                        + chart.getWidth() + " pixels wide even at " + MIN_TITLE_POINTS + " points; shorten it or"
                        + " widen the chart");
            }
            font = font.deriveFont(font.getSize2D() - 0.5f);
        }
        return font;
    }

    private void matchScales() {
        var st = chart.getStyler();
        if (st.getXAxisMin() == null || st.getXAxisMax() == null || st.getYAxisMin() == null
                || st.getYAxisMax() == null) {
            throw new IllegalStateException("Chart '" + title + "': equalAspect needs both xRange and"
                    + " yRange set");
        }
        // The plot's size depends on the tick labels, which depend on the ranges: settle in a few rounds.
        for (int round = 0; round < 4; round++) {
            drawOffScreen();
            double[] ppu = pixelsPerUnit();
            if (Math.abs(ppu[0] - ppu[1]) <= 1e-3 * Math.max(ppu[0], ppu[1])) {
                return;
            }
            double scale = Math.min(ppu[0], ppu[1]);
            if (ppu[0] > scale) {
                widen(st.getXAxisMin(), st.getXAxisMax(), ppu[0] / scale, true);
            } else {
                widen(st.getYAxisMin(), st.getYAxisMax(), ppu[1] / scale, false);
            }
        }
        drawOffScreen();
    }

    private void widen(double min, double max, double factor, boolean x) {
        double centre = (min + max) / 2;
        double half = (max - min) / 2 * factor;
        if (x) {
            xRange(centre - half, centre + half);
        } else {
            yRange(centre - half, centre + half);
        }
    }

    /** Lays the chart out as BitmapEncoder will, so that its screen coordinates can be read. */
    private void drawOffScreen() {
        BufferedImage scratch = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
    }
}

package dev.jgan.gan.pictures;

import dev.jgan.nn.io.AtomicFile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A line or scatter chart written to PNG, for loss curves, the 1-D GAN's density figure and the
 * 2-D toy samples. A thin layer over XChart so that callers name what they plot, not how.
 */
public final class Chart {
    private final XYChart chart;

    private Chart(String title, String xLabel, String yLabel, int width, int height) {
        chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
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

    /** Writes the PNG atomically ({@link AtomicFile}). */
    public void writePng(Path file) throws IOException {
        AtomicFile.write(file, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}

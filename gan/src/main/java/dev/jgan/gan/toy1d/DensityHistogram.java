package dev.jgan.gan.toy1d;

/**
 * A histogram scaled as a density: bin height = count / (n * bin width), so that it can be drawn
 * on the same axes as a density curve. Samples outside [low, high) are counted in n but in no bin,
 * so the bars then cover less than area 1 rather than pretending the outliers are not there.
 *
 * @param edges   bins + 1 increasing edges; bin i is [edges[i], edges[i + 1])
 * @param heights the density estimate in each bin
 * @param outside how many samples fell outside [low, high)
 */
public record DensityHistogram(double[] edges, double[] heights, int outside) {

    public static DensityHistogram of(double[] samples, double low, double high, int bins) {
        if (bins < 1 || !(high > low)) {
            throw new IllegalArgumentException("DensityHistogram: needs bins >= 1 and low < high, got " + bins
                    + " bins on [" + low + ", " + high + ")");
        }
        if (samples.length == 0) {
            throw new IllegalArgumentException("DensityHistogram: needs at least one sample");
        }
        double width = (high - low) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = low + i * width;
        }
        int[] counts = new int[bins];
        int outside = 0;
        for (double x : samples) {
            int bin = (int) Math.floor((x - low) / width);
            if (x >= low && x < high && bin < bins) {
                counts[bin]++;
            } else {
                outside++;
            }
        }
        double[] heights = new double[bins];
        for (int i = 0; i < bins; i++) {
            heights[i] = counts[i] / (samples.length * width);
        }
        return new DensityHistogram(edges, heights, outside);
    }
}

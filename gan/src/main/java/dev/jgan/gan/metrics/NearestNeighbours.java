package dev.jgan.gan.metrics;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.gan.pictures.ImageGrid;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The check of Goodfellow et al. 2014, Figure 2: beside each generated sample, the training
 * images closest to it in pixel space (L2). A sample that equals its nearest neighbour is a
 * memorized training image, not a new one; a small pixel distance is no proof of novelty either
 * (a shifted copy is far in L2), so this is a picture to look at, not a score.
 *
 * @param indices   {@code indices[s]}: training indices nearest to sample s, closest first
 * @param distances {@code distances[s]}: their L2 distances
 */
public record NearestNeighbours(int[][] indices, double[][] distances) {

    /** The k training images nearest to each sample; both tensors [N, C, H, W] of the same image shape. */
    public static NearestNeighbours find(Tensor samples, Tensor training, int k) {
        if (samples.dim() != 4 || training.dim() != 4
                || !Arrays.equals(Arrays.copyOfRange(samples.shape(), 1, 4), Arrays.copyOfRange(training.shape(), 1, 4))) {
            throw new IllegalArgumentException("nearest neighbours: samples " + Shape.format(samples.shape())
                    + " and training images " + Shape.format(training.shape()) + " must both be [N, C, H, W] of one image shape");
        }
        if (k < 1 || k > training.size(0)) {
            throw new IllegalArgumentException("nearest neighbours: k = " + k + " must be in 1.." + training.size(0));
        }
        FeatureMatrix s = FeatureMatrix.of(new PixelFeatures().features(samples));
        FeatureMatrix t = FeatureMatrix.of(new PixelFeatures().features(training));
        int[][] indices = new int[s.rows()][];
        double[][] distances = new double[s.rows()][];
        IntStream.range(0, s.rows()).parallel().forEach(i -> {
            double[] d2 = new double[t.rows()];
            Pairwise.squaredDistancesFrom(s, i, t, d2);
            Integer[] order = new Integer[t.rows()];
            for (int j = 0; j < order.length; j++) {
                order[j] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(d2[a], d2[b]));
            indices[i] = new int[k];
            distances[i] = new double[k];
            for (int j = 0; j < k; j++) {
                indices[i][j] = order[j];
                distances[i][j] = Math.sqrt(d2[order[j]]);
            }
        });
        return new NearestNeighbours(indices, distances);
    }

    /**
     * One row per sample: the sample, then its neighbours, closest first; pixels enlarged so that
     * each image is about 64 pixels wide.
     */
    public void writePng(Tensor samples, Tensor training, Path file) throws IOException {
        int k = indices.length == 0 ? 0 : indices[0].length;
        List<Tensor> tiles = new ArrayList<>();
        for (int s = 0; s < indices.length; s++) {
            tiles.add(samples.narrow(0, s, 1));
            for (int j = 0; j < k; j++) {
                tiles.add(training.narrow(0, indices[s][j], 1));
            }
        }
        Tensor grid = Tensor.concat(tiles, 0);
        ImageGrid.writePng(grid, k + 1, Math.max(1, 64 / samples.size(3)), file);
    }

    /** Mean over samples of the distance to the nearest training image. */
    public double meanNearestDistance() {
        double sum = 0;
        for (double[] d : distances) {
            sum += d[0];
        }
        return sum / distances.length;
    }
}

package dev.jgan.tutorials.fastmatmul;

import java.util.List;

/**
 * How much the chapter measures: the square sizes of the ladder, the GAN's layer shapes, the
 * timing of each cell and the size of the memory-bandwidth arrays.
 *
 * @param squares     n for the {@code [n, n] @ [n, n]} ladder
 * @param ganShapes   {m, k, n} triples, each the forward, input-gradient or weight-gradient product of a layer
 * @param samples     timed samples per cell; the table shows the median
 * @param sampleSeconds each sample repeats the product until it has run at least this long
 * @param streamFloats floats in each of the three arrays of the bandwidth loop
 * @param warmupCpuSeconds CPU time each packed rung runs before the first measurement
 */
record Budget(List<Integer> squares, List<int[]> ganShapes, int samples, double sampleSeconds, int streamFloats,
              double warmupCpuSeconds) {
    /** The MLP GAN's generator (gan.py): Linear layers 100-128-256-512-1024-784 at batch 64. */
    private static final int[][] GAN_LAYERS = {{100, 128}, {128, 256}, {256, 512}, {512, 1024}, {1024, 784}};

    /** The chapter's run: the whole ladder up to 1024, every GAN shape, 64 MiB bandwidth arrays. */
    static final Budget FULL = new Budget(List.of(64, 128, 256, 512, 1024), layerProducts(), 5, 0.05, 1 << 24, 1.5);

    /** What CI affords: two small sizes, one GAN layer's three products, tiny timings. */
    static final Budget CI = new Budget(List.of(32, 67), layerProducts().subList(0, 3), 1, 0.0, 1 << 16, 0.0);

    /** Per layer, in this order: forward x W^T (64 x in x out), input gradient g W (64 x out x in), weight gradient x^T g (in x 64 x out). */
    private static List<int[]> layerProducts() {
        List<int[]> shapes = new java.util.ArrayList<>();
        for (int[] layer : GAN_LAYERS) {
            shapes.add(new int[]{64, layer[0], layer[1]});
            shapes.add(new int[]{64, layer[1], layer[0]});
            shapes.add(new int[]{layer[0], 64, layer[1]});
        }
        return shapes;
    }
}

package dev.jgan.gan.models;

import dev.jgan.core.random.Generator;
import dev.jgan.nn.LeakyReLU;
import dev.jgan.nn.Linear;
import dev.jgan.nn.Module;
import dev.jgan.nn.ReLU;
import dev.jgan.nn.Sequential;

/**
 * Small fully connected G and D for the 1-D and 2-D toy problems: {@code depth} hidden layers of
 * {@code width} units, ReLU in G and LeakyReLU(0.2) in D, linear outputs.
 */
public final class ToyGan {
    private ToyGan() {
    }

    public static Gan build(int latentDim, int dataDim, int width, int depth, Generator gen) {
        return build(latentDim, dataDim, width, depth, 1, gen);
    }

    /**
     * As {@link #build(int, int, int, int, Generator)} with a discriminator that judges packs of
     * {@code pack} samples (PacGAN, see {@link PacGanPacking}); its logits are [N / pack, 1], so batches
     * must be multiples of {@code pack}. With pack 1 the networks and their weights are those of
     * the plain build.
     */
    public static Gan build(int latentDim, int dataDim, int width, int depth, int pack, Generator gen) {
        Module generator = mlp(latentDim, dataDim, width, depth, false, gen);
        Module discriminator = mlp(dataDim * pack, 1, width, depth, true, gen);
        if (pack > 1) {
            discriminator = new Sequential(new PacGanPacking(pack), discriminator);
        }
        return new Gan(generator, discriminator, latentDim, new int[]{dataDim});
    }

    private static Module mlp(int in, int out, int width, int depth, boolean leaky, Generator gen) {
        Sequential net = new Sequential();
        int from = in;
        for (int i = 0; i < depth; i++) {
            net.add(new Linear(from, width, gen));
            net.add(leaky ? new LeakyReLU(0.2) : new ReLU());
            from = width;
        }
        net.add(new Linear(from, out, gen));
        return net;
    }
}

package dev.jgan.tutorials.mlpgan;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.nn.BatchNorm;
import dev.jgan.nn.Module;
import dev.jgan.nn.Sequential;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Section 1: gan.py's two networks as the library builds them, and what its
 * {@code BatchNorm1d(n, 0.8)} does. The 0.8 is eps, so each BatchNorm divides by
 * sqrt(var + 0.8) instead of sqrt(var + 1e-5). We measure the batch variance that reaches each
 * BatchNorm of the untrained G and print the scale sqrt(var / (var + eps)) it leaves its output
 * at, for both eps.
 */
final class NetworkSection {
    static final int PROBE_BATCH = 64;

    private NetworkSection() {
    }

    static void run(PrintStream out, Gan gan, long seed) {
        out.println("== 1. the networks (gan.py's shapes)");
        out.printf(Locale.ROOT, "generator, %,d parameters:%n%s%n", parameters(gan.generator()), gan.generator());
        out.printf(Locale.ROOT, "discriminator, %,d parameters:%n%s%n", parameters(gan.discriminator()),
                gan.discriminator());

        out.printf(Locale.ROOT, "BatchNorm in the untrained G, a batch of %d noise vectors (train mode):%n", PROBE_BATCH);
        out.printf(Locale.ROOT, "  %-22s %14s %22s %22s%n", "layer", "input var", "output std, eps 0.8",
                "output std, eps 1e-5");
        Sequential g = (Sequential) gan.generator();
        Tensor x = gan.noise(new Generator(seed), PROBE_BATCH);
        try (GradMode.Scope scope = GradMode.noGrad()) {
            for (int i = 0; i < g.size(); i++) {
                Module layer = g.get(i);
                if (layer instanceof BatchNorm bn) {
                    Tensor var = x.var(new int[]{0}, 0, false); // the biased batch variance BatchNorm divides by
                    out.printf(Locale.ROOT, "  (%d) %-18s %14.4f %22.3f %22.3f%n", i, "BatchNorm1d(" + x.size(1) + ")",
                            var.mean().item(), scale(var, bn.eps()), scale(var, 1e-5));
                }
                x = layer.forward(x);
            }
        }
    }

    /** The mean over features of sqrt(var / (var + eps)): the std BatchNorm leaves a feature at, before its affine part. */
    private static double scale(Tensor var, double eps) {
        return var.div(var.add(eps)).sqrt().mean().item();
    }

    static long parameters(Module m) {
        return m.parameters().stream().mapToLong(Tensor::numel).sum();
    }
}

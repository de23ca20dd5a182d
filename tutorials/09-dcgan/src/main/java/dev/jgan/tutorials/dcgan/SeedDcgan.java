package dev.jgan.tutorials.dcgan;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.BatchNorm2d;
import dev.jgan.nn.Conv2d;
import dev.jgan.nn.ConvTranspose2d;
import dev.jgan.nn.LeakyReLU;
import dev.jgan.nn.Module;
import dev.jgan.nn.ReLU;
import dev.jgan.nn.Sequential;
import dev.jgan.nn.Sigmoid;
import dev.jgan.nn.Tanh;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The DCGAN of the teaching notebook this project started from, for CIFAR-10, rebuilt layer for
 * layer with jgan's modules: first as written (4x4 kernels, stride 2, no padding anywhere),
 * traced until our engine refuses it, then with the strides and paddings of section 4.
 */
final class SeedDcgan {
    /** The notebook's {@code channel_factor}. */
    static final int CHANNEL_FACTOR = 16;
    /** The notebook uses {@code z_size} without defining it; 100 is DCGAN's. */
    static final int Z_SIZE = 100;
    static final int KERNEL = 4;

    private SeedDcgan() {
    }

    static void run(PrintStream out) {
        Generator gen = new Generator(0);
        out.println("== the seed notebook's DCGAN for CIFAR-10, as written: 4x4 kernels, stride 2, no padding");
        trace(out, "G", generator(2, 0, gen), Tensor.zeros(1, Z_SIZE, 1, 1));
        trace(out, "D", discriminator(0, 2, gen), Tensor.zeros(1, 3, 32, 32));
        out.println("== fixed as in section 4: G's first layer stride 1, padding 1 on the stride-2 layers, D's last stride 1");
        trace(out, "G", generator(1, 1, gen), Tensor.zeros(1, Z_SIZE, 1, 1));
        trace(out, "D", discriminator(1, 1, gen), Tensor.zeros(1, 3, 32, 32));
    }

    /** The notebook's generator, with G's first stride and the padding of the stride-2 layers as given. */
    static Sequential generator(int firstStride, int padding, Generator gen) {
        int c = CHANNEL_FACTOR;
        return new Sequential(
                new ConvTranspose2d(Z_SIZE, 4 * c, KERNEL, firstStride, 0, false, gen),
                new BatchNorm2d(4 * c), new ReLU(),
                new ConvTranspose2d(4 * c, 2 * c, KERNEL, 2, padding, false, gen),
                new BatchNorm2d(2 * c), new ReLU(),
                new ConvTranspose2d(2 * c, c, KERNEL, 2, padding, false, gen),
                new BatchNorm2d(c), new ReLU(),
                new ConvTranspose2d(c, 3, KERNEL, 2, padding, false, gen),
                new Tanh());
    }

    /** The notebook's discriminator (BatchNorm after its first convolution too), with the given padding and last stride. */
    static Sequential discriminator(int padding, int lastStride, Generator gen) {
        int c = CHANNEL_FACTOR;
        return new Sequential(
                conv(3, c, 2, padding, gen), new BatchNorm2d(c), new LeakyReLU(0.2),
                conv(c, 2 * c, 2, padding, gen), new BatchNorm2d(2 * c), new LeakyReLU(0.2),
                conv(2 * c, 4 * c, 2, padding, gen), new BatchNorm2d(4 * c), new LeakyReLU(0.2),
                conv(4 * c, 1, lastStride, 0, gen),
                new Sigmoid());
    }

    /**
     * Pushes one input through the layers and prints the image side after each convolution; if a
     * layer refuses its input, prints the sides so far and the engine's message.
     */
    static List<Integer> trace(PrintStream out, String name, Sequential layers, Tensor x) {
        List<Integer> sides = new ArrayList<>(List.of(x.size(2)));
        layers.eval();
        try (GradMode.Scope scope = GradMode.noGrad()) {
            Tensor y = x;
            for (int i = 0; i < layers.size(); i++) {
                Module layer = layers.get(i);
                try {
                    y = layer.forward(y);
                } catch (IllegalArgumentException e) {
                    out.printf(Locale.ROOT, "%s: sides %s, then layer (%d) refuses its input:%n  %s%n", name,
                            arrows(sides), i, e.getMessage());
                    return sides;
                }
                if (layer instanceof Conv2d || layer instanceof ConvTranspose2d) {
                    sides.add(y.size(2));
                }
            }
            out.printf(Locale.ROOT, "%s: sides %s, output %s%n", name, arrows(sides), LayerTable.perImage(y));
        }
        return sides;
    }

    private static String arrows(List<Integer> sides) {
        return sides.stream().map(String::valueOf).collect(Collectors.joining(" -> "));
    }

    private static Conv2d conv(int in, int out, int stride, int padding, Generator gen) {
        return new Conv2d(in, out, new int[]{KERNEL}, new int[]{stride}, new int[]{padding}, new int[]{1}, 1, false, gen);
    }
}

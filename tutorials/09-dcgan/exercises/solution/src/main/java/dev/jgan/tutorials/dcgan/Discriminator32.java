package dev.jgan.tutorials.dcgan;

import dev.jgan.core.random.Generator;
import dev.jgan.nn.BatchNorm2d;
import dev.jgan.nn.Conv2d;
import dev.jgan.nn.LeakyReLU;
import dev.jgan.nn.Sequential;

/**
 * Exercise 9, solved: the 32x32 discriminator. With a 4x4 kernel and stride 2, padding 1 makes
 * (in + 2 - 4) / 2 + 1 = in / 2 exactly, so each block halves the image: 32 -> 16 -> 8 -> 4; the
 * last 4x4 kernel, stride 1 and no padding, then covers the whole 4x4 map: one logit.
 */
final class Discriminator32 {
    static final int KERNEL = 4;

    private Discriminator32() {
    }

    /** The side of a convolution's output for an input of side {@code in} (chapter 8, section 2). */
    static int outputSize(int in, int kernel, int stride, int padding) {
        return (in + 2 * padding - kernel) / stride + 1;
    }

    /** D for [channels, 32, 32] images, ndf feature maps in its first layer, one logit out. */
    static Sequential build(int channels, int ndf, Generator gen) {
        return new Sequential(
                conv(channels, ndf, 2, 1, gen),
                new LeakyReLU(0.2),
                conv(ndf, 2 * ndf, 2, 1, gen),
                new BatchNorm2d(2 * ndf),
                new LeakyReLU(0.2),
                conv(2 * ndf, 4 * ndf, 2, 1, gen),
                new BatchNorm2d(4 * ndf),
                new LeakyReLU(0.2),
                conv(4 * ndf, 1, 1, 0, gen));
    }

    private static Conv2d conv(int in, int out, int stride, int padding, Generator gen) {
        return new Conv2d(in, out, new int[]{KERNEL}, new int[]{stride}, new int[]{padding}, new int[]{1}, 1, false, gen);
    }
}

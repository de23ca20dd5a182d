package dev.jgan.tutorials.dcgan;

import dev.jgan.core.random.Generator;
import dev.jgan.nn.BatchNorm2d;
import dev.jgan.nn.Conv2d;
import dev.jgan.nn.LeakyReLU;
import dev.jgan.nn.Sequential;

/**
 * Exercise 9 (README, "Exercises"): a 32x32 discriminator as a first draft wrote it, 4x4 kernels
 * of stride 2 and no padding. Its images shrink 32 -> 15 -> 6 -> 2, and the last 4x4 kernel
 * does not fit in 2x2. Write the output-size formula, then fix the layers so that D maps
 * 32 -> 16 -> 8 -> 4 -> 1, as section 4's dcgan32 discriminator does.
 */
final class Discriminator32 {
    static final int KERNEL = 4;

    private Discriminator32() {
    }

    /** The side of a convolution's output for an input of side {@code in} (chapter 8, section 2). */
    static int outputSize(int in, int kernel, int stride, int padding) {
        // TODO exercise 9: one line.
        throw new UnsupportedOperationException("exercise 9: Discriminator32.outputSize is not written yet");
    }

    /** D for [channels, 32, 32] images, ndf feature maps in its first layer, one logit out. */
    static Sequential build(int channels, int ndf, Generator gen) {
        // TODO exercise 9: the shapes are wrong; fix them.
        return new Sequential(
                conv(channels, ndf, 2, 0, gen),
                new LeakyReLU(0.2),
                conv(ndf, 2 * ndf, 2, 0, gen),
                new BatchNorm2d(2 * ndf),
                new LeakyReLU(0.2),
                conv(2 * ndf, 4 * ndf, 2, 0, gen),
                new BatchNorm2d(4 * ndf),
                new LeakyReLU(0.2),
                conv(4 * ndf, 1, 1, 0, gen));
    }

    private static Conv2d conv(int in, int out, int stride, int padding, Generator gen) {
        return new Conv2d(in, out, new int[]{KERNEL}, new int[]{stride}, new int[]{padding}, new int[]{1}, 1, false, gen);
    }
}

package dev.jgan.gan.models;

import dev.jgan.core.Shape;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.BatchNorm;
import dev.jgan.nn.BatchNorm2d;
import dev.jgan.nn.Conv2d;
import dev.jgan.nn.ConvTranspose2d;
import dev.jgan.nn.Flatten;
import dev.jgan.nn.LeakyReLU;
import dev.jgan.nn.Linear;
import dev.jgan.nn.Module;
import dev.jgan.nn.ReLU;
import dev.jgan.nn.Sequential;
import dev.jgan.nn.Tanh;
import dev.jgan.nn.Unflatten;

import java.util.ArrayList;
import java.util.List;

/**
 * A convolutional GAN small enough for the 8x8 digits, the {@code small-conv} recipe's networks
 * (chapter 13 measures it against gan.py's MLPs). For images [C, S, S] with S a multiple of 4:
 * <pre>
 * G: z -&gt; Linear -&gt; [64, S/2, S/2] -&gt; BN, ReLU -&gt; ConvTranspose 4x4 stride 2 -&gt; [32, S, S]
 *      -&gt; BN, ReLU -&gt; Conv 3x3 -&gt; [C, S, S] -&gt; Tanh
 * D: [C, S, S] -&gt; Conv 4x4 stride 2 -&gt; [32, S/2, S/2] -&gt; LeakyReLU(0.2) -&gt; Conv 4x4 stride 2
 *      -&gt; [64, S/4, S/4] -&gt; LeakyReLU(0.2) -&gt; Linear -&gt; 1 logit
 * </pre>
 * DCGAN's ideas at a size an 8x8 image allows: G's last layers are convolutions, so every pixel is
 * drawn from its neighbourhood and the background comes out clean where gan.py's MLP, which draws
 * every pixel from its own weights, leaves speckle; D looks at local strokes. It keeps DCGAN's
 * BatchNorm in G (eps 1e-5, PyTorch's default) and none in D. The first layer of G is linear rather
 * than a 1x1-to-4x4 transposed convolution (the same thing for a 1x1 input) and the 3x3 convolution
 * at the end, instead of a last stride-2 transposed one, lets G draw at full resolution with a
 * small kernel. Its layers keep PyTorch's default initialization. At 8x8 with 100-dim noise, G
 * has 136 673 parameters and D 33 633, against gan.py's MLPs' 772 032 and 164 865.
 *
 * <p>G's width (64 above) can be chosen: the {@code wide-conv} recipe trains it at
 * {@value #WIDE_GENERATOR_WIDTH} (96 maps of 4x4, then 48 of 8x8; 229 585 parameters), D unchanged.
 */
public final class SmallConvGan {
    /** G's width at half the image size; it halves at full size. */
    public static final int GENERATOR_WIDTH = 64;
    /** G's width in the wide-conv recipe, which chapter 13 measures beside small-conv (section 8 there). */
    public static final int WIDE_GENERATOR_WIDTH = 96;
    /** D's width at half the image size; it doubles at a quarter. */
    static final int DISCRIMINATOR_WIDTH = 32;
    private static final double SLOPE = 0.2;

    private SmallConvGan() {
    }

    /** G and D for images [channels, size, size], initialized from {@code gen}: G first, then D. */
    public static Gan build(int latentDim, int channels, int height, int width, Generator gen) {
        return build(latentDim, channels, height, width, GENERATOR_WIDTH, gen);
    }

    /** The same with G {@code generatorWidth} maps wide at half the image size (an even number >= 2). */
    public static Gan build(int latentDim, int channels, int height, int width, int generatorWidth, Generator gen) {
        if (generatorWidth < 2 || generatorWidth % 2 != 0) {
            throw new IllegalArgumentException("small conv GAN: G's width must be even and >= 2 (it halves at full"
                    + " size), got " + generatorWidth);
        }
        checkShape(channels, height, width, latentDim);
        Sequential g = generator(latentDim, channels, height, generatorWidth, gen);
        List<Module> d = new ArrayList<>(discriminatorFeatures(channels, height, gen));
        d.add(new Linear(discriminatorFeatureCount(height), 1, gen));
        return new Gan(g, new Sequential(d.toArray(Module[]::new)), latentDim, new int[]{channels, height, width});
    }

    /**
     * The class-conditional GAN of the {@code conditional} recipe (Mirza &amp; Osindero 2014): G is
     * wide-conv's, fed z followed by a one-hot label ({@link Gan#noise}); D is small-conv's up to its
     * last layer, read by a {@link ProjectionDiscriminator} that is told each image's class (Miyato
     * &amp; Koyama 2018). For images [C, S, S] as {@link #build}; {@code classes} >= 2.
     */
    public static Gan conditional(int latentDim, int classes, int channels, int height, int width, Generator gen) {
        checkShape(channels, height, width, latentDim);
        if (classes < 2) {
            throw new IllegalArgumentException("conditional small conv GAN: needs at least 2 classes, got " + classes);
        }
        Sequential g = generator(latentDim + classes, channels, height, WIDE_GENERATOR_WIDTH, gen);
        Sequential features = new Sequential(discriminatorFeatures(channels, height, gen).toArray(Module[]::new));
        ProjectionDiscriminator d = new ProjectionDiscriminator(features, discriminatorFeatureCount(height), classes,
                gen);
        return new Gan(g, d, latentDim, new int[]{channels, height, width}, classes);
    }

    private static void checkShape(int channels, int height, int width, int latentDim) {
        if (height != width || height < 4 || height % 4 != 0 || channels < 1 || latentDim < 1) {
            throw new IllegalArgumentException("small conv GAN: images must be square with a side that is a multiple"
                    + " of 4 (D halves it twice), and channels and latent dim >= 1; got images "
                    + Shape.format(new int[]{channels, height, width}) + " and latent dim " + latentDim);
        }
    }

    /** G: inputs [N, inputs] to images [N, channels, size, size], {@code width} maps at half the size. */
    private static Sequential generator(int inputs, int channels, int size, int width, Generator gen) {
        int half = size / 2;
        return new Sequential(
                new Linear(inputs, width * half * half, gen),
                new Unflatten(1, width, half, half),
                new BatchNorm2d(width, BatchNorm.DEFAULT_EPS, BatchNorm.DEFAULT_MOMENTUM, true),
                new ReLU(),
                new ConvTranspose2d(width, width / 2, 4, 2, 1, false, gen),
                new BatchNorm2d(width / 2, BatchNorm.DEFAULT_EPS, BatchNorm.DEFAULT_MOMENTUM, true),
                new ReLU(),
                new Conv2d(width / 2, channels, 3, 1, 1, gen),
                new Tanh());
    }

    /** D's layers before its last: images [N, channels, size, size] to features [N, {@link #discriminatorFeatureCount}]. */
    private static List<Module> discriminatorFeatures(int channels, int size, Generator gen) {
        return List.of(
                new Conv2d(channels, DISCRIMINATOR_WIDTH, 4, 2, 1, gen),
                new LeakyReLU(SLOPE),
                new Conv2d(DISCRIMINATOR_WIDTH, 2 * DISCRIMINATOR_WIDTH, 4, 2, 1, gen),
                new LeakyReLU(SLOPE),
                new Flatten());
    }

    private static int discriminatorFeatureCount(int size) {
        return 2 * DISCRIMINATOR_WIDTH * (size / 4) * (size / 4);
    }
}

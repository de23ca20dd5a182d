package dev.jgan.gan.models;

import dev.jgan.core.random.Generator;
import dev.jgan.nn.BatchNorm;
import dev.jgan.nn.BatchNorm2d;
import dev.jgan.nn.Conv2d;
import dev.jgan.nn.ConvTranspose2d;
import dev.jgan.nn.LeakyReLU;
import dev.jgan.nn.ReLU;
import dev.jgan.nn.Sequential;
import dev.jgan.nn.Tanh;
import dev.jgan.nn.init.Init;

/**
 * DCGAN (Radford et al. 2015) in the shape of pytorch/examples' dcgan/main.py, for square images
 * of any power-of-two size from 8 up; 64 gives exactly the pytorch/examples network, 32 the
 * same with one block fewer on each side.
 *
 * <p>The paper's guidelines, each visible below: no pooling (D halves the size with stride-2
 * convolutions, G doubles it with stride-2 transposed convolutions, so both learn their own
 * resampling); no fully connected hidden layers (G's first layer is a transposed convolution from
 * the 1x1 noise "image" to 4x4, D's last a 4x4 convolution down to one logit); BatchNorm
 * everywhere except G's output and D's input; ReLU in G with a Tanh output; LeakyReLU(0.2) in D;
 * weights from N(0, 0.02). The convolutions have no bias, as in pytorch/examples: the BatchNorm
 * after each would subtract it again.
 *
 * <p>The state-dict keys ({@code main.0.weight}, {@code main.1.running_mean}, ...) are those of
 * pytorch/examples' netG and netD, whose D ends in a Sigmoid that has no parameters; ours ends at
 * the logit because the losses apply the sigmoid inside a stable BCE.
 */
public final class Dcgan {
    private static final double SLOPE = 0.2;
    /** Every DCGAN kernel is 4x4: a stride-2 layer with padding 1 then halves or doubles exactly. */
    private static final int KERNEL = 4;

    private Dcgan() {
    }

    /**
     * The sizes of a DCGAN: images [channels, imageSize, imageSize], noise of {@code latentDim},
     * G's last hidden layer {@code ngf} feature maps wide (doubling towards the noise), D's first
     * {@code ndf} (doubling towards the logit).
     */
    public record Config(int imageSize, int channels, int latentDim, int ngf, int ndf, double batchNormEps) {
        public Config {
            if (imageSize < 8 || Integer.bitCount(imageSize) != 1) {
                throw new IllegalArgumentException("dcgan: image size must be a power of two >= 8 (32 or 64 in the"
                        + " paper), got " + imageSize);
            }
            if (channels < 1 || latentDim < 1 || ngf < 1 || ndf < 1) {
                throw new IllegalArgumentException("dcgan" + imageSize + ": channels, latent dim, ngf and ndf must be"
                        + " >= 1, got " + channels + ", " + latentDim + ", " + ngf + ", " + ndf);
            }
        }

        /** pytorch/examples' sizes: nz = 100, ngf = ndf = 64, BatchNorm eps 1e-5. */
        public static Config of(int imageSize, int channels) {
            return new Config(imageSize, channels, 100, 64, 64, BatchNorm.DEFAULT_EPS);
        }

        public Config withWidths(int newNgf, int newNdf) {
            return new Config(imageSize, channels, latentDim, newNgf, newNdf, batchNormEps);
        }

        /** "dcgan32", "dcgan64": how errors and the chapter name the architecture. */
        public String name() {
            return "dcgan" + imageSize;
        }

        /** Stride-2 layers on each side: 4 * 2^blocks = imageSize. */
        public int blocks() {
            return Integer.numberOfTrailingZeros(imageSize) - 2;
        }

        public int[] imageShape() {
            return new int[]{channels, imageSize, imageSize};
        }
    }

    /** G and D, initialized as the paper says: G first, then D, from one generator. */
    public static Gan build(Config config, Generator gen) {
        DcganGenerator g = generator(config, gen);
        DcganDiscriminator d = discriminator(config, gen);
        g.apply(Init.dcgan(gen));
        d.apply(Init.dcgan(gen));
        return new Gan(g, d, config.latentDim(), config.imageShape());
    }

    /**
     * G: noise as a 1x1 image with latentDim channels, a 4x4 transposed convolution to 4x4, then
     * stride-2 transposed convolutions, each doubling the size and halving the width, down to
     * ngf maps, and a last one to the image channels with Tanh. The layers start with PyTorch's
     * default init; {@link #build} replaces it with the DCGAN init.
     */
    public static DcganGenerator generator(Config c, Generator gen) {
        int widest = c.ngf() << (c.blocks() - 1);
        Sequential main = new Sequential(
                new ConvTranspose2d(c.latentDim(), widest, KERNEL, 1, 0, false, gen),
                new BatchNorm2d(widest, c.batchNormEps(), BatchNorm.DEFAULT_MOMENTUM, true),
                new ReLU());
        for (int width = widest; width > c.ngf(); width /= 2) {
            main.add(new ConvTranspose2d(width, width / 2, KERNEL, 2, 1, false, gen));
            main.add(new BatchNorm2d(width / 2, c.batchNormEps(), BatchNorm.DEFAULT_MOMENTUM, true));
            main.add(new ReLU());
        }
        main.add(new ConvTranspose2d(c.ngf(), c.channels(), KERNEL, 2, 1, false, gen));
        main.add(new Tanh());
        return new DcganGenerator(c, main);
    }

    /**
     * D, G mirrored: a stride-2 convolution from the image to ndf maps (no BatchNorm on D's
     * input), stride-2 convolutions each halving the size and doubling the width down to 4x4,
     * and a 4x4 convolution to one logit.
     */
    public static DcganDiscriminator discriminator(Config c, Generator gen) {
        Sequential main = new Sequential(conv(c.channels(), c.ndf(), 2, 1, gen), new LeakyReLU(SLOPE));
        int width = c.ndf();
        for (int i = 1; i < c.blocks(); i++, width *= 2) {
            main.add(conv(width, width * 2, 2, 1, gen));
            main.add(new BatchNorm2d(width * 2, c.batchNormEps(), BatchNorm.DEFAULT_MOMENTUM, true));
            main.add(new LeakyReLU(SLOPE));
        }
        main.add(conv(width, 1, 1, 0, gen));
        return new DcganDiscriminator(c, main);
    }

    private static Conv2d conv(int in, int out, int stride, int padding, Generator gen) {
        return new Conv2d(in, out, new int[]{KERNEL}, new int[]{stride}, new int[]{padding}, new int[]{1}, 1, false, gen);
    }
}

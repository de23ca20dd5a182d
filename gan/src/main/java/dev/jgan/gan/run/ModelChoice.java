package dev.jgan.gan.run;

import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Dcgan;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.MlpGan;
import dev.jgan.nn.BatchNorm;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What {@code --model} names, and what each model needs: its builder, the image sizes it takes
 * (the data are padded or resized to that size by {@link DataChoice}), its BatchNorm eps and
 * whether it has conv widths (ngf, ndf). {@link RunConfig} asks it to check a config, and
 * {@link TrainingRun} and {@code gan sample} to build G and D.
 */
public enum ModelChoice {
    /**
     * gan.py's fully connected GAN, any image size, by default the data's own; its recipe may swap
     * the networks ({@link Recipe#WIDE_CONV}, the default on the digits).
     */
    MLP("mlp", MlpGan.GAN_PY_BATCH_NORM_EPS, RunConfig.DATA_IMAGE_SIZE, 0) {
        @Override
        void check(int imageSize, int ngf, int ndf) {
            if (ngf != 0 || ndf != 0) {
                throw new IllegalArgumentException("--ngf and --ndf are the widths of dcgan; mlp has fixed widths");
            }
            if (imageSize < 0) {
                throw new IllegalArgumentException("--image-size must be >= 1, got " + imageSize);
            }
        }

        @Override
        public Gan build(RunConfig c, int[] imageShape, Generator gen) {
            return c.recipe().build(c.latentDim(), imageShape, c.batchNormEps(), gen);
        }
    },
    /** Radford et al.'s DCGAN: the pytorch/examples network at 64x64, one block fewer at 32x32. */
    DCGAN("dcgan", BatchNorm.DEFAULT_EPS, 32, 64) {
        @Override
        void check(int imageSize, int ngf, int ndf) {
            if (imageSize != 32 && imageSize != 64) {
                throw new IllegalArgumentException("--image-size: dcgan is built for 32 or 64, got " + imageSize);
            }
            if (ngf < 1 || ndf < 1) {
                throw new IllegalArgumentException("--ngf and --ndf must be >= 1, got " + ngf + " and " + ndf);
            }
        }

        @Override
        public Gan build(RunConfig c, int[] imageShape, Generator gen) {
            return Dcgan.build(new Dcgan.Config(c.imageSize(), imageShape[0], c.latentDim(), c.ngf(), c.ndf(),
                    c.batchNormEps()), gen);
        }
    };

    private final String cliName;
    private final double defaultBatchNormEps;
    private final int defaultImageSize;
    private final int defaultWidth;

    ModelChoice(String cliName, double defaultBatchNormEps, int defaultImageSize, int defaultWidth) {
        this.cliName = cliName;
        this.defaultBatchNormEps = defaultBatchNormEps;
        this.defaultImageSize = defaultImageSize;
        this.defaultWidth = defaultWidth;
    }

    public static ModelChoice parse(String name) {
        return Arrays.stream(values()).filter(m -> m.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--model: unknown model '" + name + "'; available: "
                        + Arrays.stream(values()).map(ModelChoice::cliName).collect(Collectors.joining(", "))));
    }

    /**
     * Throws IllegalArgumentException, naming the flag, when a config's image size or widths do not
     * fit this model. It takes the values, not the config, because the config's constructor calls it
     * before its fields are set.
     */
    abstract void check(int imageSize, int ngf, int ndf);

    /** G and D for images of {@code imageShape} [C, H, W] (already fitted to the config's image size). */
    public abstract Gan build(RunConfig config, int[] imageShape, Generator gen);

    public String cliName() {
        return cliName;
    }

    public double defaultBatchNormEps() {
        return defaultBatchNormEps;
    }

    /** The image size when --image-size is not given; {@link RunConfig#DATA_IMAGE_SIZE} for the data's own. */
    public int defaultImageSize() {
        return defaultImageSize;
    }

    /** ngf and ndf when not given; 0 for a model without conv widths. */
    public int defaultWidth() {
        return defaultWidth;
    }
}

package dev.jgan.gan.run;

import dev.jgan.gan.train.GanLoss;

/**
 * Everything that defines a training run, saved as config.json in the run's directory so that
 * {@code --resume} continues exactly the same run.
 *
 * <p>{@code imageSize} is the side the images are padded or resized to before training
 * ({@link #DATA_IMAGE_SIZE}: as the data come); {@code ngf} and {@code ndf} are DCGAN's widths
 * (0 for the MLP GAN). Configs written before these existed read back with all three 0, which is
 * what an MLP run meant then.
 */
public record RunConfig(String model, String data, int epochs, long seed, int batchSize, int latentDim,
                        String loss, int discriminatorSteps, double lr, double beta1, double beta2,
                        int sampleEvery, double batchNormEps, int imageSize, int ngf, int ndf) {
    /** The image size that means "as the data come", without padding or resizing. */
    public static final int DATA_IMAGE_SIZE = 0;

    public RunConfig {
        ModelChoice choice = ModelChoice.parse(model);
        if (epochs < 1 || batchSize < 1 || latentDim < 1 || sampleEvery < 1) {
            throw new IllegalArgumentException("epochs, batch size, latent dim and sample interval must be >= 1");
        }
        GanLoss.parse(loss);
        choice.check(imageSize, ngf, ndf);
    }

    /** An MLP GAN run on images as the data come. */
    public RunConfig(String model, String data, int epochs, long seed, int batchSize, int latentDim, String loss,
                     int discriminatorSteps, double lr, double beta1, double beta2, int sampleEvery,
                     double batchNormEps) {
        this(model, data, epochs, seed, batchSize, latentDim, loss, discriminatorSteps, lr, beta1, beta2, sampleEvery,
                batchNormEps, DATA_IMAGE_SIZE, 0, 0);
    }

    public ModelChoice modelChoice() {
        return ModelChoice.parse(model);
    }

    public RunConfig withEpochs(int newEpochs) {
        return new RunConfig(model, data, newEpochs, seed, batchSize, latentDim, loss, discriminatorSteps, lr, beta1,
                beta2, sampleEvery, batchNormEps, imageSize, ngf, ndf);
    }
}

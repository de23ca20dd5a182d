package dev.jgan.gan.run;

import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer.StepOrder;

/**
 * Everything that defines a training run, saved as config.json in the run's directory so that
 * {@code --resume} continues exactly the same run.
 *
 * <p>{@code imageSize} is the side the images are padded or resized to before training
 * ({@link #DATA_IMAGE_SIZE}: as the data come); {@code ngf} and {@code ndf} are DCGAN's widths
 * (0 for the MLP GAN). Configs written before these existed read back with all three 0, which is
 * what an MLP run meant then. {@code stepOrder} is the order of D's and G's updates; configs
 * written before it existed read back as {@code algorithm-1}, the only order there was.
 * {@code recipe} is what {@link Recipe} names; configs written before recipes existed read back
 * as gan.py's, what those runs trained with.
 *
 * <p>The model, the loss, the step order and the recipe are parsed once, when the command line or
 * config.json is read; config.json spells them as the flags do ({@code mlp}, {@code non-saturating},
 * {@code gan.py}, {@code mode-covering}, see {@link RunFiles}). So is {@code data}, a
 * {@link DataSource}: a built-in set or a directory, written as the text of {@code --data}, whose
 * format {@link DataChoice} tells from its files.
 */
public record RunConfig(ModelChoice model, DataSource data, int epochs, long seed, int batchSize, int latentDim,
                        GanLoss loss, int discriminatorSteps, double lr, double beta1, double beta2,
                        int sampleEvery, double batchNormEps, int imageSize, int ngf, int ndf, StepOrder stepOrder,
                        Recipe recipe) {
    /** The image size that means "as the data come", without padding or resizing. */
    public static final int DATA_IMAGE_SIZE = 0;

    /** Far above what GANs use (DCGAN 100, StyleGAN 512); G's first layer holds latent-dim x width weights. */
    public static final int MAX_LATENT_DIM = 10_000;
    /** An MLP's first layer sees every pixel: at 512 x 512 x 3 that is already 786 432 inputs per unit. */
    public static final int MAX_IMAGE_SIZE = 512;

    public RunConfig {
        if (model == null || loss == null || data == null) {
            throw new IllegalArgumentException("a run's config needs a model, a loss and data; got model " + model
                    + ", loss " + loss + ", data " + data);
        }
        atLeastOne("--epochs", epochs);
        atLeastOne("--batch-size", batchSize);
        atLeastOne("--latent-dim", latentDim);
        atLeastOne("--sample-every", sampleEvery);
        atLeastOne("--d-steps", discriminatorSteps);
        if (latentDim > MAX_LATENT_DIM) {
            throw new IllegalArgumentException("--latent-dim " + latentDim + ": at most " + MAX_LATENT_DIM
                    + " (the generator's first layer holds latent-dim x its width weights; GANs use 100 to 512)");
        }
        if (imageSize > MAX_IMAGE_SIZE) {
            throw new IllegalArgumentException("--image-size " + imageSize + ": at most " + MAX_IMAGE_SIZE);
        }
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("--lr " + lr + ": the learning rate must be a finite number > 0"
                    + " (GANs train with 1e-4 to 2e-4; the default is 2e-4)");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam's betas must be in [0, 1), got " + beta1 + " and " + beta2);
        }
        model.check(imageSize, ngf, ndf);
        if (stepOrder == null) {
            stepOrder = StepOrder.DISCRIMINATOR_FIRST;
        }
        if (stepOrder == StepOrder.GAN_PY && discriminatorSteps != 1) {
            throw new IllegalArgumentException("--step-order gan.py steps D once per G step; it cannot take --d-steps "
                    + discriminatorSteps);
        }
        if (recipe == null) {
            recipe = Recipe.GAN_PY;
        }
        recipe.check(model);
    }

    /** A run with gan.py's recipe. */
    public RunConfig(ModelChoice model, DataSource data, int epochs, long seed, int batchSize, int latentDim,
                     GanLoss loss, int discriminatorSteps, double lr, double beta1, double beta2, int sampleEvery,
                     double batchNormEps, int imageSize, int ngf, int ndf, StepOrder stepOrder) {
        this(model, data, epochs, seed, batchSize, latentDim, loss, discriminatorSteps, lr, beta1, beta2, sampleEvery,
                batchNormEps, imageSize, ngf, ndf, stepOrder, null);
    }

    /** A run in Algorithm 1's order, with gan.py's recipe. */
    public RunConfig(ModelChoice model, DataSource data, int epochs, long seed, int batchSize, int latentDim,
                     GanLoss loss, int discriminatorSteps, double lr, double beta1, double beta2, int sampleEvery,
                     double batchNormEps, int imageSize, int ngf, int ndf) {
        this(model, data, epochs, seed, batchSize, latentDim, loss, discriminatorSteps, lr, beta1, beta2, sampleEvery,
                batchNormEps, imageSize, ngf, ndf, null, null);
    }

    private static void atLeastOne(String flag, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(flag + " must be >= 1, got " + value);
        }
    }

    /** An MLP GAN run on images as the data come, with gan.py's recipe. */
    public RunConfig(ModelChoice model, DataSource data, int epochs, long seed, int batchSize, int latentDim,
                     GanLoss loss, int discriminatorSteps, double lr, double beta1, double beta2, int sampleEvery,
                     double batchNormEps) {
        this(model, data, epochs, seed, batchSize, latentDim, loss, discriminatorSteps, lr, beta1, beta2, sampleEvery,
                batchNormEps, DATA_IMAGE_SIZE, 0, 0, null, null);
    }

    public RunConfig withEpochs(int newEpochs) {
        return new RunConfig(model, data, newEpochs, seed, batchSize, latentDim, loss, discriminatorSteps, lr, beta1,
                beta2, sampleEvery, batchNormEps, imageSize, ngf, ndf, stepOrder, recipe);
    }
}

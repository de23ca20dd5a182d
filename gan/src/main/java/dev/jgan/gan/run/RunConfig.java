package dev.jgan.gan.run;

import dev.jgan.gan.train.GanLoss;

/**
 * Everything that defines a training run, saved as config.json in the run's directory so that
 * {@code --resume} continues exactly the same run.
 */
public record RunConfig(String model, String data, int epochs, long seed, int batchSize, int latentDim,
                        String loss, int discriminatorSteps, double lr, double beta1, double beta2,
                        int sampleEvery, double batchNormEps) {

    public RunConfig {
        if (!model.equals("mlp")) {
            throw new IllegalArgumentException("--model: unknown model '" + model + "'; available: mlp");
        }
        if (epochs < 1 || batchSize < 1 || latentDim < 1 || sampleEvery < 1) {
            throw new IllegalArgumentException("epochs, batch size, latent dim and sample interval must be >= 1");
        }
        GanLoss.parse(loss);
    }

    public RunConfig withEpochs(int newEpochs) {
        return new RunConfig(model, data, newEpochs, seed, batchSize, latentDim, loss, discriminatorSteps, lr, beta1,
                beta2, sampleEvery, batchNormEps);
    }
}

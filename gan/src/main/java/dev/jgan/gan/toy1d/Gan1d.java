package dev.jgan.gan.toy1d;

import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.ToyGan;

/**
 * The networks of the 1-D GAN: {@link ToyGan}'s small MLPs, with the discriminator reading its
 * input standardized by the data's mean and spread ({@link StandardizedInput}). The generator is
 * left as it is: finding where the data lies and how wide it is remains its job.
 */
public final class Gan1d {
    private Gan1d() {
    }

    /**
     * @param dataScale the data's mean and standard deviation, estimated from a sample of it as
     *                  any data pipeline would (see {@link FittedGaussian#of})
     */
    public static Gan build(int latentDim, int width, int depth, FittedGaussian dataScale, Generator gen) {
        Gan toy = ToyGan.build(latentDim, 1, width, depth, gen);
        return new Gan(toy.generator(), new StandardizedInput(toy.discriminator(), dataScale.mean(), dataScale.std()),
                latentDim, toy.sampleShape());
    }
}

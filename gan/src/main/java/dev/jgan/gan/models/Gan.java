package dev.jgan.gan.models;

import dev.jgan.core.Device;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Module;

/**
 * A generator and its discriminator, with the shape of what they exchange: G maps noise
 * [N, latentDim] to samples [N, ...sampleShape]; D maps samples to one logit each, [N, 1].
 * D outputs logits, not probabilities: the losses apply the sigmoid inside a stable BCE.
 */
public record Gan(Module generator, Module discriminator, int latentDim, int[] sampleShape) {

    /**
     * Standard normal noise [n, latentDim], the p_z of the paper, on the generator's device. It is
     * drawn on the CPU and copied, so a run draws the same numbers on every device.
     */
    public Tensor noise(Generator gen, int n) {
        return Tensor.randn(gen, n, latentDim).to(device());
    }

    /** The same GAN with {@code other} as its generator, e.g. an average of G's weights to sample from. */
    public Gan withGenerator(Module other) {
        return new Gan(other, discriminator, latentDim, sampleShape);
    }

    /** Where the generator's parameters live (moved with {@code Module.to}). */
    public Device device() {
        return generator.parameters().get(0).device();
    }

    /** n samples from G in eval mode, without recording a graph; G is left in the mode it had. */
    public Tensor sample(Generator gen, int n) {
        return sample(noise(gen, n));
    }

    public Tensor sample(Tensor z) {
        boolean wasTraining = generator.isTraining();
        generator.eval();
        try (GradMode.Scope scope = GradMode.noGrad()) {
            return generator.forward(z);
        } finally {
            generator.train(wasTraining);
        }
    }
}

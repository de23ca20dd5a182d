package dev.jgan.gan.models;

import dev.jgan.core.Device;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Module;

import java.util.List;

/**
 * A generator and its discriminator, with the shape of what they exchange: G maps noise
 * [N, latentDim] to samples [N, ...sampleShape]; D maps samples to one logit each, [N, 1].
 * D outputs logits, not probabilities: the losses apply the sigmoid inside a stable BCE.
 *
 * <p>A class-conditional GAN ({@code classes} > 0, Mirza &amp; Osindero 2014) is told a class with
 * every sample. Its noise carries the label, as the paper feeds y to G: z followed by the label
 * one-hot, [N, latentDim + classes], so everything that draws, keeps or passes noise (the trainer,
 * a run's fixed grid noise, {@link #sample}) works unchanged. Its D is a
 * {@link ProjectionDiscriminator}, given the labels by {@link #discriminate}: the real batch's
 * own, and for fakes the labels their noise carries ({@link #labels}).
 */
public record Gan(Module generator, Module discriminator, int latentDim, int[] sampleShape, int classes) {

    public Gan {
        if (classes < 0 || classes == 1) {
            throw new IllegalArgumentException("gan: classes must be 0 (unconditional) or >= 2, got " + classes);
        }
        if (classes > 0 && !(discriminator instanceof ProjectionDiscriminator p && p.classes() == classes)) {
            throw new IllegalArgumentException("gan: a conditional GAN of " + classes + " classes needs a"
                    + " ProjectionDiscriminator of as many classes as its D, got " + discriminator.getClass().getSimpleName());
        }
    }

    /** An unconditional GAN. */
    public Gan(Module generator, Module discriminator, int latentDim, int[] sampleShape) {
        this(generator, discriminator, latentDim, sampleShape, 0);
    }

    public boolean conditional() {
        return classes > 0;
    }

    /**
     * Standard normal noise [n, latentDim], the p_z of the paper, on the generator's device. It is
     * drawn on the CPU and copied, so a run draws the same numbers on every device. A conditional
     * GAN's noise then carries a label drawn uniformly from {@code gen}: [n, latentDim + classes].
     */
    public Tensor noise(Generator gen, int n) {
        Tensor z = Tensor.randn(gen, n, latentDim);
        if (!conditional()) {
            return z.to(device());
        }
        float[] u = Tensor.rand(gen, n).toFloatArray();
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = Math.min(classes - 1, (int) (u[i] * classes));
        }
        return withLabels(z, labels);
    }

    /** Noise for a conditional GAN that asks for the classes {@code labels}, one sample each. */
    public Tensor noise(Generator gen, int[] labels) {
        if (!conditional()) {
            throw new IllegalStateException("gan: an unconditional GAN takes no labels");
        }
        return withLabels(Tensor.randn(gen, labels.length, latentDim), labels);
    }

    /**
     * Noise for a picture of a conditional GAN's classes: {@code rows} rows of {@code classes()}
     * samples, row-major, column c asking for class c. The samples of a row share one z, so a row
     * is one style (slant, stroke width) drawn as every class, and what changes along a row is the
     * label alone; rows draw their z from {@code gen} in order.
     */
    public Tensor classGrid(Generator gen, int rows) {
        if (!conditional()) {
            throw new IllegalStateException("gan: an unconditional GAN has no classes to lay out");
        }
        Tensor z = Tensor.randn(gen, rows, 1, latentDim).expand(rows, classes, latentDim).reshape(rows * classes,
                latentDim);
        int[] labels = new int[rows * classes];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % classes;
        }
        return withLabels(z, labels);
    }

    /** z [n, latentDim] on the CPU followed by {@code labels} one-hot, on the generator's device. */
    private Tensor withLabels(Tensor z, int[] labels) {
        return Tensor.concat(List.of(z, oneHotOnCpu(labels)), 1).to(device());
    }

    /** The one-hot labels [n, classes] that a conditional GAN's {@code noise} carries; null for an unconditional GAN. */
    public Tensor labels(Tensor noise) {
        return conditional() ? noise.narrow(1, latentDim, classes) : null;
    }

    /** The class each sample of a conditional GAN's {@code noise} asks for (where its one-hot is 1). */
    public int[] askedClasses(Tensor noise) {
        if (!conditional()) {
            throw new IllegalStateException("gan: an unconditional GAN's noise asks for no class");
        }
        float[] oneHot = labels(noise).to(Device.CPU).toFloatArray();
        int[] asked = new int[oneHot.length / classes];
        for (int i = 0; i < asked.length; i++) {
            int one = -1;
            boolean oneHotRow = true;
            for (int c = 0; c < classes; c++) {
                float v = oneHot[i * classes + c];
                if (v == 1f && one < 0) {
                    one = c;
                } else if (v != 0f) {
                    oneHotRow = false;
                }
            }
            if (one < 0 || !oneHotRow) {
                throw new IllegalArgumentException("gan: noise row " + i + " does not end in a one-hot label of "
                        + classes + " classes (it was not made by this GAN's noise())");
            }
            asked[i] = one;
        }
        return asked;
    }

    /**
     * What a training step is told of a batch's {@code labels}: one-hot for a conditional GAN
     * ({@link #oneHot}), null for an unconditional one, which is told none.
     */
    public Tensor batchLabels(int[] labels) {
        return conditional() ? oneHot(labels) : null;
    }

    /** {@code labels} (each in 0..classes-1) one-hot, [n, classes], on the generator's device. */
    public Tensor oneHot(int[] labels) {
        return oneHotOnCpu(labels).to(device());
    }

    private Tensor oneHotOnCpu(int[] labels) {
        float[] values = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("gan: label " + labels[i] + " of example " + i + " is outside 0.."
                        + (classes - 1) + " (the GAN was built for " + classes + " classes)");
            }
            values[i * classes + labels[i]] = 1f;
        }
        return Tensor.fromArray(values, labels.length, classes);
    }

    /**
     * D's logits [N, 1] for {@code samples}: an unconditional D ignores {@code labels} (null is
     * fine); a conditional one needs them one-hot, [N, classes].
     */
    public Tensor discriminate(Tensor samples, Tensor labels) {
        if (!conditional()) {
            return discriminator.forward(samples);
        }
        if (labels == null) {
            throw new IllegalArgumentException("gan: a conditional GAN's discriminator needs the samples' labels");
        }
        return ((ProjectionDiscriminator) discriminator).forward(samples, labels);
    }

    /** The same GAN with {@code other} as its generator, e.g. an average of G's weights to sample from. */
    public Gan withGenerator(Module other) {
        return new Gan(other, discriminator, latentDim, sampleShape, classes);
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

package dev.jgan.benchmarks;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.ScopedMemory;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Dcgan;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.MlpGan;
import dev.jgan.gan.train.GanTrainer;

/**
 * The three training steps the benchmarks time, built once here so that the JMH benchmark and the
 * side-by-side runner time the same thing: one {@link GanTrainer#step} (D on a real batch and a
 * detached fake one, then G through D, both with Adam) at batch 64 on random images in [-1, 1]
 * (a step's cost does not depend on the pixels). {@code compare_pytorch.py} builds the same
 * networks and step in PyTorch. As in {@code gan train}, every step after the first runs in a
 * memory scope of the batch's backend, so the CPU reuses the step's arrays
 * ({@code -Djgan.cpu.memory.cacheMiB=0} measures the steps without that).
 */
public enum GanSteps {
    /** PyTorch-GAN's gan.py: 28x28x1, noise 100, G 128-256-512-1024, D 512-256. */
    MLP_GAN("mlp-gan step") {
        @Override
        Gan build(Generator gen) {
            return MlpGan.build(100, 1, 28, 28, gen);
        }
    },
    /** dcgan.py's shape: 32x32x1, ngf = ndf = 64. */
    DCGAN_32("dcgan32 step") {
        @Override
        Gan build(Generator gen) {
            return Dcgan.build(Dcgan.Config.of(32, 1), gen);
        }
    },
    /** pytorch/examples' dcgan: 64x64x3, ngf = ndf = 64. */
    DCGAN_64("dcgan64 step") {
        @Override
        Gan build(Generator gen) {
            return Dcgan.build(Dcgan.Config.of(64, 3), gen);
        }
    };

    public static final int BATCH = 64;

    private final String label;

    GanSteps(String label) {
        this.label = label;
    }

    /** The name both sides of the comparison print. */
    public String label() {
        return label;
    }

    abstract Gan build(Generator gen);

    /** A trainer on a fresh network and the real batch it steps on. */
    public Step prepare(long seed) {
        Generator gen = new Generator(seed);
        Gan gan = build(gen);
        GanTrainer trainer = new GanTrainer(gan, GanTrainer.Options.paper(), new Generator(seed + 1));
        int[] sample = gan.sampleShape();
        int[] shape = new int[sample.length + 1];
        shape[0] = BATCH;
        System.arraycopy(sample, 0, shape, 1, sample.length);
        Tensor real = Tensor.rand(gen, shape).mul(2).sub(1);
        return new Step(trainer, real);
    }

    /** One network and batch, ready to step. */
    public record Step(GanTrainer trainer, Tensor real) {
        public double run() {
            // The first step creates Adam's state, which must outlive it (TrainingRun does the same).
            if (trainer.stepCount() == 0 || !(real.backend() instanceof ScopedMemory scoped)) {
                return trainer.step(real).discriminatorLoss();
            }
            try (ScopedMemory.Scope step = scoped.openScope()) {
                return trainer.step(real).discriminatorLoss();
            }
        }
    }
}

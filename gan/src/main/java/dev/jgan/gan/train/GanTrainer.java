package dev.jgan.gan.train;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.backend.ScopedMemory;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.ProjectionDiscriminator;
import dev.jgan.nn.optim.Adam;
import dev.jgan.nn.optim.Optimizer;

import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Algorithm 1 of Goodfellow et al. (2014): alternate gradient steps on D and G. Each call of
 * {@link #step} takes one batch of real data and updates D on it; every
 * {@code discriminatorSteps}-th call also updates G (k = 1 in the paper and here by default).
 *
 * <p>D's step: fakes G(z) are detached (D's update must not move G), and D minimizes
 * BCE(D(x), 1) + BCE(D(G(z)), 0) (with {@link #withRealLabel}, BCE(D(x), label)). G's step: fresh
 * noise, and G minimizes its {@link GanLoss} through D, whose parameters receive gradients that
 * are then discarded.
 *
 * <p>{@link StepOrder#GAN_PY} plays one step as PyTorch-GAN's gan.py does instead: G first,
 * through the D of before this step's update, and D then trains on those same images (detached),
 * with its loss halved. See {@link StepOrder} for what differs.
 */
public final class GanTrainer {
    /**
     * The order of one step's two updates. Both play Algorithm 1 with k = 1; they differ in which
     * D G's step is taken through, which images D sees, and the scale of D's loss.
     */
    public enum StepOrder {
        /**
         * Algorithm 1 as the paper writes it, and the default: k D steps on detached fakes G(z1),
         * then G's step on fresh fakes G(z2) through the D just updated. D's loss is the sum
         * BCE(D(x), 1) + BCE(D(G(z)), 0), 2 log 2 = 1.386 at the game's optimum.
         */
        DISCRIMINATOR_FIRST,
        /**
         * gan.py's loop: G steps first, on G(z) through the D of before this step; then D steps on
         * the real batch and on the same G(z), detached (made by G before its update, and with
         * BatchNorm's batch statistics of that forward pass); D's loss is halved,
         * (real_loss + fake_loss) / 2, 0.693 at the optimum. One noise batch per step instead of
         * two. Only k = 1.
         */
        GAN_PY;

        /** The name {@code gan train --step-order} takes: {@code algorithm-1} or {@code gan.py}. */
        public String flag() {
            return this == GAN_PY ? "gan.py" : "algorithm-1";
        }

        /** The order called {@code name} by {@link #flag()}. */
        public static StepOrder parse(String name) {
            for (StepOrder order : values()) {
                if (order.flag().equals(name)) {
                    return order;
                }
            }
            throw new IllegalArgumentException("--step-order must be algorithm-1 (D first, the default) or gan.py"
                    + " (G first, D on the same fakes with its loss halved), got '" + name + "'");
        }
    }

    /** Adam as in gan.py and DCGAN: lr 2e-4, betas (0.5, 0.999). */
    public record Options(GanLoss loss, int discriminatorSteps, double lr, double beta1, double beta2,
                          StepOrder order) {
        public Options {
            if (discriminatorSteps < 1) {
                throw new IllegalArgumentException("discriminator steps per generator step must be >= 1, got "
                        + discriminatorSteps);
            }
            if (!(lr > 0)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
            }
            if (order == null) {
                throw new IllegalArgumentException("step order must be given (DISCRIMINATOR_FIRST or GAN_PY)");
            }
            if (order == StepOrder.GAN_PY && discriminatorSteps != 1) {
                throw new IllegalArgumentException("gan.py's step order steps D once per G step; it cannot take "
                        + discriminatorSteps + " discriminator steps per generator step");
            }
        }

        /** Algorithm 1's order, {@link StepOrder#DISCRIMINATOR_FIRST}. */
        public Options(GanLoss loss, int discriminatorSteps, double lr, double beta1, double beta2) {
            this(loss, discriminatorSteps, lr, beta1, beta2, StepOrder.DISCRIMINATOR_FIRST);
        }

        /** These options with the steps played in {@code order}. */
        public Options withOrder(StepOrder order) {
            return new Options(loss, discriminatorSteps, lr, beta1, beta2, order);
        }

        public static Options paper() {
            return new Options(GanLoss.NON_SATURATING, 1, 2e-4, 0.5, 0.999);
        }
    }

    private final Gan gan;
    private final Options options;
    private final Generator noise;
    private final IntFunction<Tensor> noiseSource;
    private final Optimizer optimizerG;
    private final Optimizer optimizerD;
    private BiFunction<Tensor, Tensor, Tensor> generatorPenalty;
    private double realLabel = 1.0;
    private long step;

    public GanTrainer(Gan gan, Options options, Generator noise) {
        this(gan, options, noise, n -> gan.noise(noise, n));
    }

    /** For parity tests: the noise of each draw comes from {@code noiseSource} (batch size to [n, latentDim]). */
    GanTrainer(Gan gan, Options options, IntFunction<Tensor> noiseSource) {
        this(gan, options, null, noiseSource);
    }

    private GanTrainer(Gan gan, Options options, Generator noise, IntFunction<Tensor> noiseSource) {
        this.gan = gan;
        this.options = options;
        this.noise = noise;
        this.noiseSource = noiseSource;
        this.optimizerG = new Adam(gan.generator().parameters(), options.lr(), options.beta1(), options.beta2());
        this.optimizerD = new Adam(gan.discriminator().parameters(), options.lr(), options.beta1(), options.beta2());
    }

    /**
     * Adds a term to G's loss, computed from G's batch and the real batch of the same step (for
     * example an MMD between them, which rewards G for covering every mode the real batch shows);
     * null removes it. Returns this.
     */
    public GanTrainer withGeneratorPenalty(BiFunction<Tensor, Tensor, Tensor> penalty) {
        this.generatorPenalty = penalty;
        return this;
    }

    /**
     * Labels real images {@code realLabel} in D's loss instead of 1 (one-sided label smoothing at
     * 0.9; see {@link GanLoss#discriminatorLoss(Tensor, Tensor, double)}). Returns this.
     */
    public GanTrainer withRealLabel(double realLabel) {
        GanLoss.requireRealLabel(realLabel);
        this.realLabel = realLabel;
        return this;
    }

    /** One step on a real batch, for an unconditional GAN. */
    public StepResult step(Tensor real) {
        return step(real, null);
    }

    /**
     * One step on a real batch and its labels one-hot, [N, classes] ({@link Gan#oneHot}), which a
     * conditional GAN's D is told with the batch; an unconditional GAN takes null. Fakes carry the
     * labels their noise was drawn with ({@link Gan#labels}).
     */
    public StepResult step(Tensor real, Tensor realLabels) {
        if (gan.conditional() != (realLabels != null)) {
            throw new IllegalArgumentException(gan.conditional()
                    ? "gan trainer: a conditional GAN (" + gan.classes() + " classes) trains on labelled batches:"
                    + " step(images, labels)"
                    : "gan trainer: an unconditional GAN is not told labels; step(images) trains it");
        }
        gan.generator().train();
        gan.discriminator().train();
        return options.order() == StepOrder.GAN_PY ? ganPyStep(real, realLabels) : discriminatorFirstStep(real, realLabels);
    }

    private StepResult discriminatorFirstStep(Tensor real, Tensor realLabels) {
        int n = real.size(0);
        // --- discriminator: maximize log D(x) + log(1 - D(G(z))) ---
        DiscriminatorOutcome d = inPartScope(real, () -> {
            Tensor z = noiseSource.apply(n);
            Tensor fake;
            try (GradMode.Scope scope = GradMode.noGrad()) {
                fake = gan.generator().forward(z);
            }
            return discriminatorStep(z, real, realLabels, fake);
        });

        // --- generator, every k-th step: minimize its loss through D ---
        double gLoss = Double.NaN;
        if ((step + 1) % options.discriminatorSteps() == 0) {
            gLoss = inPartScope(real, () -> {
                Tensor z2 = noiseSource.apply(n);
                Tensor fake2 = gan.generator().forward(z2);
                return generatorStep(z2, fake2, real);
            });
        }
        return new StepResult(step++, d.loss(), gLoss, d.dReal(), d.dFake());
    }

    /**
     * Runs one part of a step (D's update or G's) in a memory scope of its own when the caller runs
     * the step in one: each part leaves only numbers and in-place updates, so its tensors can go
     * back before the next part allocates. A DCGAN 64x64 step's arrays came to 2.3 GB, over the
     * CPU pool's default cap, so 1074 of its 2556 arrays were fresh ones every step; in two scopes
     * they fit. Without a caller's scope (the first steps, which create the optimizers' state) nothing
     * changes. G's {@code .grad} tensors are made in G's part and go back with it: in a scoped step
     * they cannot be read after {@link #step} returns (nor, before, after the caller's scope closed).
     */
    private static <T> T inPartScope(Tensor like, Supplier<T> part) {
        if (!(like.backend() instanceof ScopedMemory scoped) || !scoped.hasOpenScope()) {
            return part.get();
        }
        try (ScopedMemory.Scope scope = scoped.openScope()) {
            return part.get();
        }
    }

    /** D's loss and its mean outputs on the real and the fake batch, before its update. */
    private record DiscriminatorOutcome(double loss, double dReal, double dFake) {
    }

    /**
     * D's update on the real batch and on {@code fake}, which carries no graph back into G: it
     * minimizes BCE(D(x), 1) + BCE(D(G(z)), 0), halved in gan.py's order.
     */
    private DiscriminatorOutcome discriminatorStep(Tensor z, Tensor real, Tensor realLabels, Tensor fake) {
        Tensor realLogits = gan.discriminate(real, realLabels);
        Tensor fakeLogits = gan.discriminate(fake, gan.labels(z));
        Tensor lossD = GanLoss.discriminatorLoss(realLogits, fakeLogits, realLabel);
        if (options.order() == StepOrder.GAN_PY) {
            lossD = lossD.mul(0.5); // gan.py's d_loss = (real_loss + fake_loss) / 2
        }
        double dLoss = lossD.item();
        if (!Double.isFinite(dLoss)) {
            throw nonFinite("discriminator", dLoss, z, real, fake);
        }
        optimizerD.zeroGrad();
        lossD.backward();
        optimizerD.step();
        // Dropped once used, as generatorStep drops the ones G's loss leaves in D: no gradient
        // outlives the step that made it, so none is left in a memory scope's arrays after the
        // scope closes (in gan.py's order G's backward runs through D next, at the next step).
        gan.discriminator().zeroGrad();
        return new DiscriminatorOutcome(dLoss, realLogits.detach().sigmoid().mean().item(),
                fakeLogits.detach().sigmoid().mean().item());
    }

    /** G minimizes its loss (plus any penalty) on {@code fake} = G(z) through D; D's gradients are dropped. */
    private double generatorStep(Tensor z, Tensor fake, Tensor real) {
        Tensor lossG = options.loss().generatorLoss(gan.discriminate(fake, gan.labels(z)));
        if (generatorPenalty != null) {
            lossG = lossG.add(generatorPenalty.apply(fake, real));
        }
        double gLoss = lossG.item();
        if (!Double.isFinite(gLoss)) {
            throw nonFinite("generator", gLoss, z, real, null);
        }
        optimizerG.zeroGrad();
        lossG.backward();
        optimizerG.step();
        gan.discriminator().zeroGrad();
        return gLoss;
    }

    /**
     * gan.py's step: G on gen_imgs = G(z) through the D of before this step, then D on the real
     * batch and on gen_imgs.detach(), minimizing (BCE(D(x), 1) + BCE(D(gen_imgs), 0)) / 2.
     */
    private StepResult ganPyStep(Tensor real, Tensor realLabels) {
        // gen_imgs serves both parts, so it is made in the caller's scope.
        Tensor z = noiseSource.apply(real.size(0));
        Tensor genImgs = gan.generator().forward(z);
        double gLoss = inPartScope(real, () -> generatorStep(z, genImgs, real));

        DiscriminatorOutcome d = inPartScope(real, () -> discriminatorStep(z, real, realLabels, genImgs.detach()));
        return new StepResult(step++, d.loss(), gLoss, d.dReal(), d.dFake());
    }

    private NonFiniteLossException nonFinite(String which, double value, Tensor z, Tensor real, Tensor fake) {
        String where = NonFiniteDiagnosis.locate("generator", gan.generator(), z)
                .or(() -> locateInDiscriminator(real))
                .or(() -> fake == null ? java.util.Optional.empty() : locateInDiscriminator(fake))
                .orElse("the loss itself (every layer's output was finite)");
        return new NonFiniteLossException(step, "step " + step + ": the " + which + " loss is " + value
                + "; first non-finite value: " + where);
    }

    /** D's parameters and its layers' outputs on {@code input}; a projection D's layers are its features'. */
    private java.util.Optional<String> locateInDiscriminator(Tensor input) {
        java.util.Optional<String> found = NonFiniteDiagnosis.locate("discriminator", gan.discriminator(), input);
        if (found.isEmpty() && gan.discriminator() instanceof ProjectionDiscriminator p) {
            return NonFiniteDiagnosis.locate("discriminator.features", p.features(), input);
        }
        return found;
    }

    public Gan gan() {
        return gan;
    }

    public Optimizer generatorOptimizer() {
        return optimizerG;
    }

    public Optimizer discriminatorOptimizer() {
        return optimizerD;
    }

    public Generator noise() {
        return noise;
    }

    public long stepCount() {
        return step;
    }

    /** For resuming: the number of steps already taken. */
    public void setStepCount(long step) {
        this.step = step;
    }
}

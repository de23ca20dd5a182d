package dev.jgan.gan.train;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.nn.optim.Adam;
import dev.jgan.nn.optim.Optimizer;

import java.util.function.BiFunction;

/**
 * Algorithm 1 of Goodfellow et al. (2014): alternate gradient steps on D and G. Each call of
 * {@link #step} takes one batch of real data and updates D on it; every
 * {@code discriminatorSteps}-th call also updates G (k = 1 in the paper and here by default).
 *
 * <p>D's step: fakes G(z) are detached (D's update must not move G), and D minimizes
 * BCE(D(x), 1) + BCE(D(G(z)), 0) (with {@link #withRealLabel}, BCE(D(x), label)). G's step: fresh
 * noise, and G minimizes its {@link GanLoss} through D, whose parameters receive gradients that
 * are then discarded.
 */
public final class GanTrainer {
    /** Adam as in gan.py and DCGAN: lr 2e-4, betas (0.5, 0.999). */
    public record Options(GanLoss loss, int discriminatorSteps, double lr, double beta1, double beta2) {
        public Options {
            if (discriminatorSteps < 1) {
                throw new IllegalArgumentException("discriminator steps per generator step must be >= 1, got "
                        + discriminatorSteps);
            }
            if (!(lr > 0)) {
                throw new IllegalArgumentException("learning rate must be > 0, got " + lr);
            }
        }

        public static Options paper() {
            return new Options(GanLoss.NON_SATURATING, 1, 2e-4, 0.5, 0.999);
        }
    }

    private final Gan gan;
    private final Options options;
    private final Generator noise;
    private final Optimizer optimizerG;
    private final Optimizer optimizerD;
    private BiFunction<Tensor, Tensor, Tensor> generatorPenalty;
    private double realLabel = 1.0;
    private long step;

    public GanTrainer(Gan gan, Options options, Generator noise) {
        this.gan = gan;
        this.options = options;
        this.noise = noise;
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

    public StepResult step(Tensor real) {
        int n = real.size(0);
        gan.generator().train();
        gan.discriminator().train();

        // --- discriminator: maximize log D(x) + log(1 - D(G(z))) ---
        Tensor z = gan.noise(noise, n);
        Tensor fake;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            fake = gan.generator().forward(z);
        }
        Tensor realLogits = gan.discriminator().forward(real);
        Tensor fakeLogits = gan.discriminator().forward(fake);
        Tensor lossD = GanLoss.discriminatorLoss(realLogits, fakeLogits, realLabel);
        double dLoss = lossD.item();
        if (!Double.isFinite(dLoss)) {
            throw nonFinite("discriminator", dLoss, z, real, fake);
        }
        optimizerD.zeroGrad();
        lossD.backward();
        optimizerD.step();
        double dReal = realLogits.detach().sigmoid().mean().item();
        double dFake = fakeLogits.detach().sigmoid().mean().item();

        // --- generator, every k-th step: minimize its loss through D ---
        double gLoss = Double.NaN;
        if ((step + 1) % options.discriminatorSteps() == 0) {
            Tensor z2 = gan.noise(noise, n);
            Tensor fake2 = gan.generator().forward(z2);
            Tensor lossG = options.loss().generatorLoss(gan.discriminator().forward(fake2));
            if (generatorPenalty != null) {
                lossG = lossG.add(generatorPenalty.apply(fake2, real));
            }
            gLoss = lossG.item();
            if (!Double.isFinite(gLoss)) {
                throw nonFinite("generator", gLoss, z2, real, null);
            }
            optimizerG.zeroGrad();
            lossG.backward();
            optimizerG.step();
            gan.discriminator().zeroGrad();
        }
        return new StepResult(step++, dLoss, gLoss, dReal, dFake);
    }

    private NonFiniteLossException nonFinite(String which, double value, Tensor z, Tensor real, Tensor fake) {
        String where = NonFiniteDiagnosis.locate("generator", gan.generator(), z)
                .or(() -> NonFiniteDiagnosis.locate("discriminator", gan.discriminator(), real))
                .or(() -> fake == null ? java.util.Optional.empty()
                        : NonFiniteDiagnosis.locate("discriminator", gan.discriminator(), fake))
                .orElse("the loss itself (every layer's output was finite)");
        return new NonFiniteLossException(step, "step " + step + ": the " + which + " loss is " + value
                + "; first non-finite value: " + where);
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

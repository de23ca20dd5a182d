package dev.jgan.gan.run;

import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.MlpGan;
import dev.jgan.gan.models.SmallConvGan;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.nn.BatchNorm;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What {@code --recipe} names: how a GAN is trained beyond its optimizer settings, networks
 * included. {@link #GAN_PY} is PyTorch-GAN's gan.py (and dcgan.py) as written, nothing added;
 * chapter 7 teaches it. {@link #MODE_COVERING} is gan.py's networks and Adam plus a minibatch
 * standard deviation feature in D, the change that made the MLP GAN draw all ten digits on the
 * 1797 8x8 digits; chapter 13 measures it beside one-sided label smoothing
 * ({@link GanTrainer#withRealLabel}), which alone helped less and together with it did worse.
 * {@link #SMALL_CONV} keeps gan.py's losses and Adam and swaps its two MLPs for
 * {@link SmallConvGan}'s small convolutional pair. {@link #WIDE_CONV} is small-conv with G 1.5
 * times as wide, sampled from an exponential moving average of G's weights
 * ({@link #generatorAverageDecay}): on the digits it is {@code gan train}'s default, because over
 * three seeds it came closest to chapter 13's goal among the unconditional recipes (section 7 there:
 * recall every time, the distance twice, seven checks of twelve against small-conv's five), at
 * about 1.4 times small-conv's training time (45 s against 31-33 s a run in chapter 13's
 * recording on the 2-core Xeon).
 * {@link #CONDITIONAL} is wide-conv told each image's class (a class-conditional GAN with a
 * projection discriminator, {@link SmallConvGan#conditional}); on the digits it is {@code gan
 * train}'s default, the first recipe to meet the whole goal, precision included (chapter 13,
 * section 9). It needs labelled data of {@value #CONDITIONAL_CLASSES} classes.
 *
 * <p>The recipes other than gan.py belong to {@code --model mlp}, the slot of gan.py's networks:
 * {@code --model dcgan} has its own networks and trains as dcgan.py does.
 */
public enum Recipe {
    GAN_PY("gan.py"),
    MODE_COVERING("mode-covering"),
    SMALL_CONV("small-conv"),
    WIDE_CONV("wide-conv"),
    CONDITIONAL("conditional");

    /** About 100 steps' worth of G's weights, 3.5 of the 28-step epochs on the digits. */
    private static final double WIDE_CONV_AVERAGE_DECAY = 0.99;
    /** The classes the conditional recipe's G and D are built for: the digits', MNIST's, Fashion-MNIST's, CIFAR-10's. */
    public static final int CONDITIONAL_CLASSES = 10;

    private final String cliName;

    Recipe(String cliName) {
        this.cliName = cliName;
    }

    /** The recipe {@code name}; null (a config.json written before recipes existed) is gan.py, what such runs used. */
    public static Recipe parse(String name) {
        if (name == null) {
            return GAN_PY;
        }
        return Arrays.stream(values()).filter(r -> r.cliName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--recipe: unknown recipe '" + name + "'; available: "
                        + Arrays.stream(values()).map(Recipe::cliName).collect(Collectors.joining(", "))));
    }

    /**
     * The recipe a new run gets without --recipe: for {@code --model mlp}, conditional on the digits
     * (where it was measured) and mode-covering on other data; gan.py (DCGAN's own) for dcgan.
     */
    public static Recipe defaultFor(ModelChoice model, DataSource data) {
        if (model != ModelChoice.MLP) {
            return GAN_PY;
        }
        return data.kind() == DataSource.Kind.DIGITS ? CONDITIONAL : MODE_COVERING;
    }

    /**
     * The decay of the exponential moving average of G's weights that a run of this recipe keeps
     * and samples from (its grids, {@code gan sample}, {@code gan eval}), or 0 for none: wide-conv
     * and conditional keep one (chapter 13, section 8), the others sample from G as trained.
     */
    public double generatorAverageDecay() {
        return this == WIDE_CONV || this == CONDITIONAL ? WIDE_CONV_AVERAGE_DECAY : 0;
    }

    /** Refuses a recipe that was not made for {@code model}, naming both. */
    void check(ModelChoice model) {
        if (this != GAN_PY && model != ModelChoice.MLP) {
            throw new IllegalArgumentException("--recipe " + cliName + " is made (and measured) for --model mlp; --model "
                    + model.cliName() + " trains with --recipe " + GAN_PY.cliName);
        }
    }

    public String cliName() {
        return cliName;
    }

    /**
     * G and D for images [C, H, W]: gan.py's MLPs (with D's standard deviation feature for
     * mode-covering) or the small convolutional pair. {@code batchNormEps} is the MLP's, gan.py's 0.8
     * unless the config says otherwise; {@link SmallConvGan} keeps PyTorch's default, as DCGAN does.
     */
    public Gan build(int latentDim, int[] imageShape, double batchNormEps, Generator gen) {
        return switch (this) {
            case GAN_PY -> MlpGan.build(latentDim, imageShape[0], imageShape[1], imageShape[2], batchNormEps, gen);
            case MODE_COVERING -> MlpGan.withMinibatchStdDev(latentDim, imageShape[0], imageShape[1], imageShape[2],
                    batchNormEps, gen);
            case SMALL_CONV -> SmallConvGan.build(latentDim, imageShape[0], imageShape[1], imageShape[2], gen);
            case WIDE_CONV -> SmallConvGan.build(latentDim, imageShape[0], imageShape[1], imageShape[2],
                    SmallConvGan.WIDE_GENERATOR_WIDTH, gen);
            case CONDITIONAL -> SmallConvGan.conditional(latentDim, CONDITIONAL_CLASSES, imageShape[0], imageShape[1],
                    imageShape[2], gen);
        };
    }

    /**
     * The BatchNorm eps a new run records: the model's (gan.py's 0.8 for mlp), except for the
     * convolutional recipes, whose BatchNorm layers use PyTorch's default whatever the config says.
     */
    public double batchNormEps(ModelChoice model) {
        return this == SMALL_CONV || this == WIDE_CONV || this == CONDITIONAL ? BatchNorm.DEFAULT_EPS
                : model.defaultBatchNormEps();
    }
}

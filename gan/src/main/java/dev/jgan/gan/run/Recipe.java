package dev.jgan.gan.run;

import dev.jgan.gan.train.GanTrainer;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What {@code --recipe} names: how a GAN is trained beyond its network and optimizer settings.
 * {@link #GAN_PY} is PyTorch-GAN's gan.py (and dcgan.py) as written, nothing added; chapter 7
 * teaches it. {@link #MODE_COVERING} is the default for the MLP GAN: gan.py's networks and Adam,
 * plus a minibatch standard deviation feature in D, the change that made it draw all ten digits
 * on the 1797 8x8 digits. Chapter 13 measures it beside one-sided label smoothing
 * ({@link GanTrainer#withRealLabel}), which alone helped less and together with it did worse.
 */
public enum Recipe {
    GAN_PY("gan.py", false),
    MODE_COVERING("mode-covering", true);

    private final String cliName;
    private final boolean minibatchStdDev;

    Recipe(String cliName, boolean minibatchStdDev) {
        this.cliName = cliName;
        this.minibatchStdDev = minibatchStdDev;
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

    /** The recipe a new run gets without --recipe: mode-covering for the MLP GAN, gan.py (DCGAN's own) for dcgan. */
    public static Recipe defaultFor(ModelChoice model) {
        return model == ModelChoice.MLP ? MODE_COVERING : GAN_PY;
    }

    /** Refuses a recipe that was not made for {@code model}, naming both. */
    void check(ModelChoice model) {
        if (this == MODE_COVERING && model != ModelChoice.MLP) {
            throw new IllegalArgumentException("--recipe " + cliName + " is made (and measured) for --model mlp; --model "
                    + model.cliName() + " trains with --recipe " + GAN_PY.cliName);
        }
    }

    public String cliName() {
        return cliName;
    }

    /** Whether D gets a {@link dev.jgan.gan.models.MinibatchStdDev} feature. */
    public boolean minibatchStdDev() {
        return minibatchStdDev;
    }
}

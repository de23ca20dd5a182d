package dev.jgan.gan.cli;

import dev.jgan.gan.run.DataSource;
import dev.jgan.gan.run.ModelChoice;
import dev.jgan.gan.run.Recipe;
import dev.jgan.gan.run.RunConfig;
import dev.jgan.gan.train.GanLoss;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The progress bar names what trains: the recipe where it changes the networks, else the model. */
class ProgressBarListenerTest {
    private static RunConfig mlp(Recipe recipe) {
        return new RunConfig(ModelChoice.MLP, DataSource.DIGITS, 3, 0, 64, 100, GanLoss.NON_SATURATING, 1, 2e-4, 0.5,
                0.999, 200, 1e-5, RunConfig.DATA_IMAGE_SIZE, 0, 0, null, recipe);
    }

    @Test
    void theDefaultRecipeOnTheDigitsIsNamedNotTheModelItRunsUnder() {
        assertEquals("train wide-conv on digits", ProgressBarListener.taskName(mlp(Recipe.WIDE_CONV)));
        assertEquals("train small-conv on digits", ProgressBarListener.taskName(mlp(Recipe.SMALL_CONV)));
        assertEquals("train mode-covering on digits", ProgressBarListener.taskName(mlp(Recipe.MODE_COVERING)));
    }

    @Test
    void ganPyIsNamedByItsModel() {
        assertEquals("train mlp on digits", ProgressBarListener.taskName(mlp(Recipe.GAN_PY)));
    }
}

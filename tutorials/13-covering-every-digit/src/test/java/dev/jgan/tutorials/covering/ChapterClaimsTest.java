package dev.jgan.tutorials.covering;

import dev.jgan.gan.run.DataSource;
import dev.jgan.gan.run.ModelChoice;
import dev.jgan.gan.run.Recipe;
import dev.jgan.tutorials.text.Printed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the chapter with a budget CI can afford (3 epochs for the long runs, 1 for gan.py as the
 * README ran it) and checks what the program does at any budget: every variant trained and scored
 * as gan eval scores, the histograms counting 1000 samples each, the pictures written, and the
 * README's command run through gan train and gan eval. That the recipe covers every digit at the
 * chapter's budget is the gan module's DefaultRecipeTest (a shorter run, a looser bound) and
 * the recorded run the text quotes ({@link ChapterTextTest}).
 */
class ChapterClaimsTest {
    @TempDir
    static Path images;
    private static List<CoveringEveryDigitChapter.Row> rows;
    private static String printed;

    @BeforeAll
    static void runChapter() {
        var run = Printed.capture(out -> CoveringEveryDigitChapter.run(out, 3, 1, images));
        rows = run.value();
        printed = run.printed();
    }

    @Test
    void everyVariantIsTrainedForItsEpochsAndScored() {
        assertEquals(8, rows.size(), printed);
        assertEquals(1, rows.get(0).variant().epochs());
        for (CoveringEveryDigitChapter.Row row : rows.subList(1, rows.size())) {
            assertEquals(3, row.variant().epochs(), row.variant().name());
        }
        for (CoveringEveryDigitChapter.Row row : rows) {
            assertEquals(CoveringEveryDigitChapter.HISTOGRAM_SAMPLES, row.classes().samples(), row.variant().name());
            assertTrue(Double.isFinite(row.scores().frechetDistance()), row.variant().name());
            assertTrue(printed.contains(row.variant().name() + ": classes digits-cnn predicts for 1000 samples"), printed);
        }
    }

    @Test
    void theRecipeRowsAreTheRecipesGanTrainUses() {
        CoveringEveryDigitChapter.Variant covering = rows.get(CoveringEveryDigitChapter.MODE_COVERING_ROW).variant();
        assertEquals(1.0, covering.realLabel());
        assertEquals(Recipe.MODE_COVERING, covering.recipe());
        assertTrue(covering.name().endsWith("mode-covering"), covering.name());
        CoveringEveryDigitChapter.Variant standard = rows.get(CoveringEveryDigitChapter.DEFAULT_ROW).variant();
        assertEquals(1.0, standard.realLabel());
        assertEquals(Recipe.defaultFor(ModelChoice.MLP, DataSource.DIGITS), standard.recipe(), "gan train's default on the digits");
        assertTrue(standard.name().endsWith(standard.recipe().cliName()), standard.name());
    }

    /** Section 7: the four convolutional and MLP recipes, three seeds each, through gan train and gan eval. */
    @Test
    void theReadmeCommandIsRunWithThreeSeedsForEachRecipe() throws Exception {
        assertTrue(printed.contains("gan train --data digits --epochs 3 --seed S [--recipe R], then gan eval:"), printed);
        assertEquals(Recipe.defaultFor(ModelChoice.MLP, DataSource.DIGITS), CoveringEveryDigitChapter.SEEDED_RECIPES.get(0));
        for (Recipe recipe : List.of(Recipe.CONDITIONAL, Recipe.WIDE_CONV, Recipe.SMALL_CONV, Recipe.MODE_COVERING)) {
            for (long seed : CoveringEveryDigitChapter.COMMAND_SEEDS) {
                assertTrue(printed.contains("time: gan train --recipe " + recipe.cliName() + " --seed " + seed + ", 3 epochs"),
                        printed);
            }
            assertTrue(Files.size(images.resolve("seed1-" + recipe.cliName() + ".png")) > 0);
        }
    }

    @Test
    void thePicturesAreWrittenAndTheReadmeCommandIsRunAndScored() throws Exception {
        for (CoveringEveryDigitChapter.Row row : rows) {
            assertTrue(Files.size(images.resolve(row.variant().picture())) > 0, row.variant().picture());
        }
        assertTrue(Files.size(images.resolve("readme-command.png")) > 0);
        assertTrue(printed.contains("$ gan train --data digits --epochs 3 --out runs/mlp-digits"), printed);
        assertTrue(printed.contains("Fréchet distance (lower)"), printed);
        assertTrue(printed.contains("classes digits-cnn predicts for 1000 samples (%): 0: "), printed);
    }
}

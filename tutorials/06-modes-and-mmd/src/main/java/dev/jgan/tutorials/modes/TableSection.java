package dev.jgan.tutorials.modes;

import dev.jgan.gan.toy.GaussianMixture2d;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Sections 4 and 5: every recipe on the ring over the budget's seeds (and the grid for seed 0),
 * modes covered and high-quality share after the last step, the step at which all modes were
 * first covered, and the time; then which recipes meet the target.
 */
final class TableSection {
    /** The target on the ring: every mode covered and this share of high-quality samples. */
    static final double TARGET_HIGH_QUALITY = 0.90;

    private TableSection() {
    }

    static void print(PrintStream out, ModesChapter.Result result, Budget budget) {
        out.println("== 4. what fixes it: every recipe on the " + Problems.RING.name() + ", "
                + MixtureRun.SAMPLES + " samples after the last step");
        table(out, result, Problems.RING, budget);
        for (Recipe recipe : Problems.recipes(budget)) {
            List<MixtureRun.Result> runs = result.of(recipe.name(), Problems.RING.name());
            long hits = runs.stream().filter(TableSection::meetsTarget).count();
            out.println(String.format(Locale.ROOT, "%-22s meets the target (8/8 modes, >= %.0f %% high quality) in %d of %d seeds",
                    recipe.name(), 100 * TARGET_HIGH_QUALITY, hits, runs.size()));
        }
        if (budget.withGrid()) {
            out.println("== 5. the same recipes on the " + Problems.GRID.name());
            table(out, result, Problems.GRID, budget);
        }
    }

    static boolean meetsTarget(MixtureRun.Result run) {
        return run.last().modesCovered() == run.last().modeCount()
                && run.last().highQualityShare() >= TARGET_HIGH_QUALITY;
    }

    private static void table(PrintStream out, ModesChapter.Result result, GaussianMixture2d mixture, Budget budget) {
        out.println(String.format(Locale.ROOT, "%-22s %-48s %4s %6s %8s %9s %8s", "recipe", "settings", "seed",
                "modes", "quality", "all from", "seconds"));
        for (Recipe recipe : Problems.recipes(budget)) {
            for (MixtureRun.Result run : result.of(recipe.name(), mixture.name())) {
                int first = run.firstFullCoverage();
                out.println(String.format(Locale.ROOT, "%-22s %-48s %4d %3d/%-2d %7.1f%% %9s %8.1f", recipe.name(),
                        run.recipe().describe(), run.seed(), run.last().modesCovered(), run.last().modeCount(),
                        100 * run.last().highQualityShare(), first < 0 ? "never" : "step " + first, run.seconds()));
            }
        }
    }
}

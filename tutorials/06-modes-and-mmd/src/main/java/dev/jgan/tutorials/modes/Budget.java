package dev.jgan.tutorials.modes;

import java.util.Arrays;
import java.util.Locale;

/**
 * How much the program trains: the seeds of the table, the share of each recipe's planned steps,
 * whether the grid runs too, and how many runs train at once.
 *
 * @param name       "full" (the comparison the text quotes), "best" (the best recipe on the ring, the
 *                   run behind the text's answer to the target) or "ci" (the chapter's test)
 * @param seeds      seeds of the comparison table on the ring
 * @param stepShare  fraction of each recipe's planned generator steps to run (the learning rate
 *                   still falls to 0 at the end of the shortened run)
 * @param withGrid   whether to train on the 5x5 grid as well
 * @param threads    runs trained at once (each run is one thread; on a shared machine more
 *                   threads get a fairer share of it, on a quiet one they only take turns)
 */
record Budget(String name, long[] seeds, double stepShare, boolean withGrid, int threads) {
    static final Budget FULL = new Budget("full", new long[]{0, 1}, 1.0, true, 16);
    static final Budget BEST = new Budget("best", new long[]{0, 1}, 1.0, false, 2);
    static final Budget CI = new Budget("ci", new long[]{0}, 1.0, false, 2);

    static Budget parse(String text) {
        return switch (text) {
            case "full" -> FULL;
            case "best" -> BEST;
            case "ci" -> CI;
            default -> throw new IllegalArgumentException("06-modes-and-mmd: the budget is 'full', 'best' or 'ci', got '"
                    + text + "'");
        };
    }

    int steps(Recipe recipe) {
        return Math.max(1, (int) Math.round(recipe.generatorSteps() * stepShare));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (seeds %s, %.0f %% of each recipe's steps, %s)", name,
                Arrays.toString(seeds), 100 * stepShare, withGrid ? "ring and grid" : "ring only");
    }
}

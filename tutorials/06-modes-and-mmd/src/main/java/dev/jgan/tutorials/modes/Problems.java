package dev.jgan.tutorials.modes;

import dev.jgan.gan.toy.GaussianMixture2d;
import dev.jgan.gan.train.GanLoss;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The chapter's problems and recipes in one place: the ring of 8 (radius 2, sigma 0.02) and the
 * 5x5 grid (spacing 2, sigma 0.05) of the VEEGAN and PacGAN papers, the plain GAN that collapses,
 * the changes that fix it, and the moment-matching network.
 */
final class Problems {
    static final GaussianMixture2d RING = GaussianMixture2d.ring(8, 2.0, 0.02);
    static final GaussianMixture2d GRID = GaussianMixture2d.grid(5, 2.0, 0.05);

    /** From the modes' own width to the ring's diameter: every scale the generator must get right. */
    static final double[] BANDWIDTHS = {0.02, 0.05, 0.2, 1.0, 2.0};

    /** The GAN of chapter 5's loop on the ring: G and D with 3 hidden layers of 128, Adam(1e-3, 0.5). */
    static final Recipe PLAIN = Recipe.gan("plain GAN", GanLoss.NON_SATURATING, 1, 1e-3, 0.5, 128, 1000)
            .withSize(128, 3, 2);
    /** PacGAN: the same, with D judging packs of 4 samples. */
    static final Recipe PACKED = new Recipe("packed GAN", PLAIN.gan(), null, PLAIN.batchSize(),
            PLAIN.generatorSteps(), PLAIN.width(), PLAIN.depth(), PLAIN.latentDim(), 4);
    /** The "direct" approach: no D, G minimizes MMD^2 to each real batch. */
    static final Recipe MMD = Recipe.mmd("moment matching", BANDWIDTHS, 1e-2, 128, 3000).withSize(64, 2, 2);
    /** The plain GAN whose G also minimizes MMD^2 to the real batch. */
    static final Recipe GAN_MMD = new Recipe("GAN + MMD", PLAIN.gan(), null, PLAIN.batchSize(),
            PLAIN.generatorSteps(), PLAIN.width(), PLAIN.depth(), PLAIN.latentDim(), 1).withMmdPenalty(BANDWIDTHS);
    /**
     * The best recipe on the ring, the one that meets the target: moment matching with a
     * larger G (3 hidden layers of 128, as the GANs') for twice the steps, 6000, the learning rate
     * still falling linearly to 0. The {@code best} budget runs it for two seeds and the chapter's
     * test reruns seed 0.
     */
    static final Recipe BEST = Recipe.mmd("moment matching, big G", BANDWIDTHS, 1e-2, 128, 6000)
            .withSize(128, 3, 2);

    /** Steps between two scores of a run (each score is 2500 samples through G). */
    static final int SCORE_EVERY = 100;
    /** Steps after which the pictured runs draw their points (and after their last step). */
    static final Set<Integer> PICTURE_STEPS = Set.of(0, 500, 1000, 2000);

    private Problems() {
    }

    static List<Recipe> recipes(Budget budget) {
        return budget == Budget.FULL ? List.of(PLAIN, PACKED, MMD, GAN_MMD) : List.of(BEST);
    }

    /** The pictured runs have these file-name prefixes; the others draw nothing. */
    static String pictures(Recipe recipe, GaussianMixture2d mixture) {
        String who = recipe == PLAIN ? "gan" : recipe == MMD ? "mmd" : recipe == GAN_MMD ? "gan-mmd"
                : recipe == BEST ? "mmd-big-g" : null;
        return who == null ? null : who + "-" + fileName(mixture);
    }

    static String fileName(GaussianMixture2d mixture) {
        return mixture == RING ? "ring" : "grid";
    }

    static List<Job> jobs(Budget budget, Path images) {
        List<Job> jobs = new ArrayList<>();
        for (Recipe recipe : recipes(budget)) {
            Recipe budgeted = recipe.withSteps(budget.steps(recipe));
            for (long seed : budget.seeds()) {
                if (recipe == PACKED && seed != budget.seeds()[0]) {
                    continue; // one seed: the most expensive row, and enough to show it does not fix the collapse
                }
                String pictures = seed == budget.seeds()[0] ? pictures(recipe, RING) : null;
                jobs.add(new Job(budgeted, RING, seed, SCORE_EVERY, PICTURE_STEPS, pictures, images));
            }
            if (budget.withGrid() && recipe != PACKED) {
                jobs.add(new Job(budgeted, GRID, budget.seeds()[0], SCORE_EVERY, PICTURE_STEPS,
                        pictures(recipe, GRID), images));
            }
        }
        return jobs;
    }
}

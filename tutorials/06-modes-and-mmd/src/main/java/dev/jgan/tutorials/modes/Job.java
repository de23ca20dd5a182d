package dev.jgan.tutorials.modes;

import dev.jgan.gan.toy.GaussianMixture2d;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Set;

/**
 * One training run of the chapter, with the generator steps after which to draw its points.
 *
 * @param pictures file name prefix of its scatter pictures ({@code PREFIX-step-NNNN.png}), or null for none
 */
record Job(Recipe recipe, GaussianMixture2d mixture, long seed, int scoreEvery, Set<Integer> pictureSteps,
           String pictures, Path images) {

    MixtureRun.Result run() {
        return MixtureRun.train(recipe, mixture, seed, scoreEvery, (score, samples) -> {
            boolean last = score.step() == recipe.generatorSteps();
            if (pictures == null || !(pictureSteps.contains(score.step()) || last)) {
                return;
            }
            String title = String.format("%s on the %s: %s after %d steps", recipe.name(), mixture.name(),
                    score.coverage(), score.step());
            try {
                Pictures.scatter(mixture, samples, title, images.resolve(fileName(score.step())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    String fileName(int step) {
        return String.format("%s-step-%04d.png", pictures, step);
    }
}

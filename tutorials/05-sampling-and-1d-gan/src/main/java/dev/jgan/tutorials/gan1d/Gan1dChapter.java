package dev.jgan.tutorials.gan1d;

import dev.jgan.core.random.Generator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Chapter 5's program: sampling by inverse transform, the numbers of the minimax game, the
 * saturation of the minimax generator loss, and a GAN that learns a 1-D normal distribution,
 * with its pictures. Everything the chapter text quotes is printed here, in order.
 *
 * <p>Arguments (both optional): the number of training steps of section 4 (default 1000) and
 * the folder for the pictures (default {@code tutorials/05-sampling-and-1d-gan/images}, the
 * chapter's own, when run from the repository root).
 */
public final class Gan1dChapter {
    static final int DEFAULT_STEPS = 1000;
    static final Path DEFAULT_IMAGES = Path.of("tutorials", "05-sampling-and-1d-gan", "images");
    static final long SEED = 0;

    record Result(SaturationSection.Result saturation, TrainingSection.Result training) {
    }

    private Gan1dChapter() {
    }

    public static void main(String[] args) throws IOException {
        int steps = DEFAULT_STEPS;
        if (args.length > 0) {
            try {
                steps = Integer.parseInt(args[0]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("05-sampling-and-1d-gan: the first argument is the number of"
                        + " training steps, got '" + args[0] + "'", e);
            }
            if (steps < 1) {
                throw new IllegalArgumentException("05-sampling-and-1d-gan: the number of training steps must be"
                        + " >= 1, got " + steps);
            }
        }
        Path images = args.length > 1 ? Path.of(args[1]) : DEFAULT_IMAGES;
        long start = System.nanoTime();
        run(System.out, steps, images);
        System.out.println(String.format(Locale.ROOT, "pictures in %s; %.1f s in all", images,
                (System.nanoTime() - start) / 1e9));
    }

    static Result run(PrintStream out, int steps, Path images) throws IOException {
        Setup setup = Setup.standard(SEED);
        SamplingSection.run(out, setup.data(), new Generator(SEED + 100), images);
        GameSection.run(out);
        AlgorithmDiagram.write(out, images);
        SaturationSection.Result saturation = SaturationSection.run(out, setup, images);
        TrainingSection.Result training = TrainingSection.run(out, setup, steps, images);
        return new Result(saturation, training);
    }
}

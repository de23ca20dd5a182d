package dev.jgan.tutorials.modes;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.toy.GaussianMixture2d;
import dev.jgan.gan.toy.ModeCoverage;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Chapter 6's program: the two mixtures and their metric, what MMD sees, a plain GAN collapsing
 * on the ring and the grid, the recipes that fix it (table over seeds), and the moment-matching
 * network beside the GAN. Everything the chapter text quotes is printed here, in order.
 *
 * <p>Arguments (both optional): the budget, {@code full} (default, the comparison in the text),
 * {@code best} (the best recipe on the ring, two seeds) or {@code ci} (what the chapter's test
 * runs), and the folder for the pictures (default, from the repository root,
 * {@code tutorials/06-modes-and-mmd/images} for {@code full}, whose pictures the text shows, and
 * {@code tutorials/06-modes-and-mmd/target/images-BUDGET} for the others, so that they do not
 * overwrite the full run's charts).
 */
public final class ModesChapter {
    static final Path DEFAULT_IMAGES = Path.of("tutorials", "06-modes-and-mmd", "images");

    record Result(List<MixtureRun.Result> runs) {
        /** The runs of one recipe (by name) on one mixture (by name). */
        List<MixtureRun.Result> of(String recipe, String mixture) {
            return runs.stream().filter(r -> r.recipe().name().equals(recipe) && r.mixture().name().equals(mixture))
                    .toList();
        }
    }

    private ModesChapter() {
    }

    public static void main(String[] args) throws IOException {
        Budget budget = args.length > 0 ? Budget.parse(args[0]) : Budget.FULL;
        Path images = args.length > 1 ? Path.of(args[1])
                : budget == Budget.FULL ? DEFAULT_IMAGES
                : Path.of("tutorials", "06-modes-and-mmd", "target", "images-" + budget.name());
        Files.createDirectories(images);
        long start = System.nanoTime();
        run(System.out, budget, images);
        double cpu = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        System.out.println(String.format(Locale.ROOT, "pictures in %s; %.1f s in all, %.1f s of processor time",
                images, (System.nanoTime() - start) / 1e9, cpu));
    }

    static Result run(PrintStream out, Budget budget, Path images) throws IOException {
        out.println("budget: " + budget);
        GaussianMixture2d ring = Problems.RING;
        GaussianMixture2d grid = Problems.GRID;
        dataSection(out, images);
        KernelSection.run(out, ring, Problems.BANDWIDTHS);
        List<MixtureRun.Result> runs = trainAll(budget, images);
        Result result = new Result(runs);
        for (GaussianMixture2d mixture : budget.withGrid() ? List.of(ring, grid) : List.of(ring)) {
            List<MixtureRun.Result> firstSeed = runs.stream()
                    .filter(r -> r.mixture() == mixture && r.seed() == budget.seeds()[0]).toList();
            String name = Problems.fileName(mixture);
            Pictures.overTime(firstSeed, false, "modes covered on the " + mixture.name() + ", seed "
                    + budget.seeds()[0], images.resolve(name + "-modes.png"));
            Pictures.overTime(firstSeed, true, "high-quality samples on the " + mixture.name() + ", seed "
                    + budget.seeds()[0], images.resolve(name + "-quality.png"));
        }
        CollapseSection.print(out, result, budget);
        TableSection.print(out, result, budget);
        return result;
    }

    private static void dataSection(PrintStream out, Path images) throws IOException {
        out.println("== 1. the data and the metric: " + MixtureRun.SAMPLES + " samples of the mixture itself");
        for (GaussianMixture2d mixture : List.of(Problems.RING, Problems.GRID)) {
            Tensor real = mixture.sample(new Generator(10), MixtureRun.SAMPLES);
            out.println(String.format(Locale.ROOT, "%s (sigma %s): %s", mixture.name(), mixture.sigma(),
                    ModeCoverage.of(mixture, real)));
            Pictures.scatter(mixture, null, "the " + mixture.name() + ", sigma " + mixture.sigma(),
                    images.resolve(Problems.fileName(mixture) + "-data.png"));
        }
    }

    /**
     * Every training run of the chapter, two at a time (one per core of a small machine). Each run
     * owns its networks and random generators, so the numbers do not depend on the order.
     */
    private static List<MixtureRun.Result> trainAll(Budget budget, Path images) {
        List<Job> jobs = Problems.jobs(budget, images);
        ExecutorService pool = Executors.newFixedThreadPool(budget.threads());
        try {
            List<Future<MixtureRun.Result>> futures = new ArrayList<>();
            for (Job job : jobs) {
                futures.add(pool.submit(job::run));
            }
            List<MixtureRun.Result> results = new ArrayList<>();
            for (Future<MixtureRun.Result> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("06-modes-and-mmd: interrupted while training", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io;
            }
            throw new IllegalStateException("06-modes-and-mmd: a training run failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}

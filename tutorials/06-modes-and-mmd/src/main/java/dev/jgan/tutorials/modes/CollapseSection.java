package dev.jgan.tutorials.modes;

import dev.jgan.gan.toy.ModeCoverage;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Section 3: the plain GAN on the ring, scored along the way. The per-mode counts show the
 * collapse: most samples sit on one or two modes, and which ones changes from score to score
 * (mode hopping).
 */
final class CollapseSection {
    /** Steps between printed scores (the chart has them all). */
    static final int PRINT_EVERY = 250;

    private CollapseSection() {
    }

    static void print(PrintStream out, ModesChapter.Result result, Budget budget) {
        List<MixtureRun.Result> plains = result.of(Problems.PLAIN.name(), Problems.RING.name());
        if (plains.isEmpty()) {
            out.println("== 3. the plain GAN: not in the " + budget.name() + " budget");
            return;
        }
        MixtureRun.Result plain = plains.get(0);
        out.println("== 3. " + plain.recipe().name() + " on the " + Problems.RING.name() + ": "
                + plain.recipe().describe() + ", seed " + plain.seed());
        for (MixtureRun.Score s : plain.history()) {
            if (s.step() % PRINT_EVERY == 0 || s.step() == plain.recipe().generatorSteps()) {
                out.println(line(s));
            }
        }
        if (budget.withGrid()) {
            MixtureRun.Result grid = result.of(Problems.PLAIN.name(), Problems.GRID.name()).get(0);
            out.println(plain.recipe().name() + " on the " + Problems.GRID.name() + ", seed " + grid.seed()
                    + ", after " + grid.recipe().generatorSteps() + " steps: " + grid.last());
        }
    }

    static String line(MixtureRun.Score s) {
        ModeCoverage c = s.coverage();
        return String.format(Locale.ROOT, "step %5d: %d/%d modes, %5.1f %% high quality, per mode %s", s.step(),
                c.modesCovered(), c.modeCount(), 100 * c.highQualityShare(),
                Arrays.toString(c.samplesPerMode()).replace(" ", ""));
    }

}

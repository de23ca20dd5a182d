package dev.jgan.gan.run;

import dev.jgan.gan.cli.GanCli;
import dev.jgan.gan.metrics.ClassHistogram;
import dev.jgan.gan.metrics.MetricReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's main command, {@code gan train --data digits} with its default recipe (conditional),
 * on a shorter budget, scored by {@code gan eval}: so that the recipe cannot rot without a test
 * failing. The README's run (chapter 13) trains 100 epochs; this one trains {@value #EPOCHS}
 * (under a minute on two cores) and is held to a looser bound. The run is deterministic (every random
 * stream is seeded, and the engine's arithmetic gives the same bits on every CPU), so the bounds
 * leave room for changes that move the bits, not for luck.
 */
class DefaultRecipeTest {
    static final int EPOCHS = 30;

    @Test
    void theDefaultRecipeDrawsEveryDigitAfterAShortRun(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("mlp-digits");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter printed = new PrintWriter(out, true);
        PrintWriter errors = new PrintWriter(err, true);
        assertEquals(0, GanCli.execute(new String[]{"train", "--data", "digits", "--epochs", Integer.toString(EPOCHS),
                "--out", run.toString(), "--no-progress"}, printed, errors), err.toString());
        assertEquals(0, GanCli.execute(new String[]{"eval", "--checkpoint",
                run.resolve(RunDirectory.CHECKPOINT).toString()}, printed, errors), err.toString());
        MetricReport report = MetricReport.readJson(run.resolve(RunDirectory.EVALUATION));
        String table = out.toString();
        assertEquals("conditional", TrainingRun.savedConfig(run).recipe().cliName(), "the default recipe");
        double floor = report.floor().frechetDistance();
        // Recorded at 30 epochs (840 steps): Fréchet distance 22.0 (floor 16.8), precision 0.73, recall
        // 0.87, every digit drawn 8.4 to 11.9 % of the time, the asked-for digit 96.4 %; at 100 epochs
        // (chapter 13) 15.9, 0.84, 0.92 and 98.5 %. The goal's own bounds but for precision, held to
        // 0.6: a recipe that lost what conditioning bought (the unconditional recipes stayed at
        // 0.43-0.58) fails here. The histogram is balanced by the sampler for a conditional G; that G
        // draws what it is asked is the agreement's to show (a G that ignored its label: about 10 %).
        ClassHistogram classes = report.classes();
        assertEquals(0, classes.missingClasses(), "every digit drawn:\n" + table);
        assertTrue(classes.smallestShare() >= 0.05 && classes.largestShare() <= 0.15,
                "every digit drawn 5-15 % of the time:\n" + table);
        assertTrue(report.model().frechetDistance() <= 2 * floor, "Fréchet distance within 2x the floor:\n" + table);
        assertTrue(report.model().recall() >= 0.7, "recall at least 0.7:\n" + table);
        assertTrue(report.model().precision() >= 0.6, "precision at least 0.6:\n" + table);
        assertTrue(report.askedClasses().agreement() >= 0.9, "the asked-for digit drawn at least 90 % of the time:\n"
                + table);
    }
}

package dev.jgan.tutorials.modes;

import dev.jgan.gan.toy.ModeCoverage;
import dev.jgan.tutorials.text.Printed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the chapter's program with the {@code ci} budget (the best recipe on the ring, seed 0, at
 * its full number of steps) and checks the issue's target for it: all 8 modes of the ring
 * covered, and at least 90 % of 2500 samples high quality. The run is the same as seed 0's row of
 * the {@code best} budget, so its table row must be the one recorded in results/best-ring.txt.
 */
class ModesChapterTest {
    @TempDir
    static Path images;
    private static String printed;
    private static ModesChapter.Result result;

    @BeforeAll
    static void runTheChapterOnce() throws IOException {
        var run = Printed.capture(out -> ModesChapter.run(out, Budget.CI, images));
        result = run.value();
        printed = run.printed();
    }

    @Test
    void theBestRecipeMeetsTheIssuesTargetOnTheRing() {
        List<MixtureRun.Result> best = result.of(Problems.BEST.name(), Problems.RING.name());
        assertEquals(1, best.size());
        ModeCoverage last = best.get(0).last();
        assertEquals(8, last.modesCovered(), last.toString());
        assertTrue(last.highQualityShare() >= TableSection.TARGET_HIGH_QUALITY, last.toString());
        assertTrue(TableSection.meetsTarget(best.get(0)));
        assertTrue(printed.contains("meets the target (8/8 modes, >= 90 % high quality) in 1 of 1 seeds"), printed);
        // Every mode gets a real share of the samples, not a token one: no collapse.
        for (int count : last.samplesPerMode()) {
            assertTrue(count >= 100, "a mode with " + count + " of 2500 samples: " + last);
        }
    }

    @Test
    void theRunRepeatsTheRecordedBestRunsRowForTheSameSeed() throws IOException {
        String recorded = Files.readString(ChapterTextTest.BEST_RUN).replace("\r\n", "\n");
        String row = printed.lines().filter(l -> l.startsWith(Problems.BEST.name() + " ") && l.contains("/8"))
                .findFirst().orElseThrow(() -> new AssertionError("no table row for " + Problems.BEST.name()
                        + " in:\n" + printed));
        // Everything but the seconds, which depend on the machine.
        String withoutTime = row.substring(0, row.lastIndexOf(' ')).stripTrailing();
        assertTrue(recorded.contains(withoutTime), "the ci run printed\n" + row + "\nwhich " + ChapterTextTest.BEST_RUN
                + " does not record: rerun the best budget and copy its output there");
        for (String line : printed.split("\n")) {
            if (line.startsWith("ring of 8 (") || line.startsWith("5x5 grid (") || line.startsWith("another sample")
                    || line.startsWith("all on one mode") || line.startsWith("one mode missing")
                    || line.startsWith("biased ")) {
                assertTrue(recorded.contains(line), "not in " + ChapterTextTest.BEST_RUN + ": " + line);
            }
        }
    }

    @Test
    void theProgramDrawsTheDataAndTheBestRecipesPoints() throws IOException {
        List<String> names = List.of("ring-data.png", "grid-data.png",
                Problems.pictures(Problems.BEST, Problems.RING) + "-step-0000.png",
                Problems.pictures(Problems.BEST, Problems.RING) + String.format("-step-%04d.png",
                        Problems.BEST.generatorSteps()));
        for (String name : names) {
            Path file = images.resolve(name);
            assertTrue(Files.exists(file), "the program did not write " + name);
            assertNotNull(ImageIO.read(file.toFile()), name + " is not a readable image");
        }
    }
}

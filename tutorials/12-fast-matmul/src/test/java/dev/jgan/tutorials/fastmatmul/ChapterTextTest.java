package dev.jgan.tutorials.fastmatmul;

import dev.jgan.tutorials.text.ChapterText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter quotes the program's full run, kept in results/ladder.txt, in ```text blocks and
 * code in ```java blocks: every quoted output must be in that file (its tables of speeds
 * verbatim, in dated ```text machine-dependent blocks), every block of code a run of lines of
 * the chapter's sources or of core's (the kernels the chapter explains live there), and the file
 * must be the current program's full run (its headlines and columns are the ones the program
 * prints with {@link Budget#FULL}; its timings cannot be reproduced, so only they may differ).
 */
class ChapterTextTest {
    private static final Path RESULTS = Path.of("results", "ladder.txt");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "core", "src", "main", "java"));

    @Test
    void everyOutputQuotedInTheReadmeIsInTheRecordedRun() {
        ChapterText.readme().assertQuotesAreFromRecordedRuns(List.of(RESULTS), 1, 4);
    }


    @Test
    void timingsAreInDatedMachineDependentBlocks() {
        ChapterText.readme().assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void theRecordedRunIsTheCurrentProgramsFullRun() throws IOException {
        String recorded = Files.readString(RESULTS);
        for (String headline : List.of(FastMatmulChapter.LADDER_HEADLINE, FastMatmulChapter.GAN_HEADLINE,
                FastMatmulChapter.BITS_HEADLINE + ": every rung, at every shape: yes")) {
            assertTrue(recorded.contains(headline), RESULTS + " lacks \"" + headline + "\": rerun the chapter");
        }
        for (int n : Budget.FULL.squares()) {
            assertTrue(recorded.contains(" " + n + " |"), RESULTS + " lacks the column for n = " + n);
        }
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheChapterOrCore() {
        ChapterText.readme().assertQuotedCodeIsIn(SOURCES, 5);
    }
}

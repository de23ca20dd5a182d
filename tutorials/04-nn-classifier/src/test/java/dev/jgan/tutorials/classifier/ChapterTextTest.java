package dev.jgan.tutorials.classifier;

import dev.jgan.tutorials.text.ChapterText;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

/**
 * The chapter quotes the program's output in ```text blocks and its code in ```java blocks. The
 * full runs take most of an hour, too long for a test, so their output is kept in
 * {@code results/} exactly as the program printed it, and every quoted output must appear
 * verbatim in one of those files (the epoch lines, which hold timings, in dated ```text
 * machine-dependent blocks); every quoted block of code must be a run of lines of the chapter's
 * sources or of nn's, which the chapter explains.
 */
class ChapterTextTest {
    private static final List<Path> RUNS = List.of(Path.of("results", "fashion-mlp.txt"),
            Path.of("results", "fashion-cnn.txt"), Path.of("results", "digits.txt"),
            Path.of("results", "mnist-cnn.txt"));
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "nn", "src", "main", "java"));

    @Test
    void everyOutputQuotedInTheReadmeIsInARecordedRun() {
        ChapterText.readme().assertQuotesAreFromRecordedRuns(RUNS, 2, 5);
    }

    @Test
    void timingsAreInDatedMachineDependentBlocks() {
        ChapterText.readme().assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheSources() {
        ChapterText.readme().assertQuotedCodeIsIn(SOURCES, 4);
    }
}

package dev.jgan.tutorials.evaluation;

import dev.jgan.tutorials.text.ChapterText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The chapter's numbers come from its full runs, which take too long for CI; their output is
 * kept in results/ and the text is checked against it: every ```text block of the README, and
 * every dated ```text machine-dependent block (timings), must appear verbatim in a results file,
 * every ```java block must be a run of lines of the chapter's or the gan module's sources, and
 * every picture the text shows must exist.
 * {@link ChapterClaimsTest} runs the program itself, with a small budget.
 */
class ChapterTextTest {
    private static final Path RESULTS = Path.of("results");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "gan", "src", "main", "java"));

    @Test
    void everyOutputQuotedInTheReadmeIsInTheRecordedResults() {
        ChapterText.readme().assertQuotesAreFromRecordedRuns(runs(), 8, 6);
    }

    @Test
    void timingsAreInDatedMachineDependentBlocks() {
        ChapterText.readme().assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheChapterOrTheGanModule() {
        ChapterText.readme().assertQuotedCodeIsIn(SOURCES, 5);
    }

    @Test
    void everyPictureTheTextShowsExists() {
        ChapterText.readme().assertPicturesExist(5);
    }

    /** The results files, in name order. */
    private static List<Path> runs() {
        try (Stream<Path> files = Files.list(RESULTS)) {
            return files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recorded runs in " + RESULTS.toAbsolutePath(), e);
        }
    }
}

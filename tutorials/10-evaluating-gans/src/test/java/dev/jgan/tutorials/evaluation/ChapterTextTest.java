package dev.jgan.tutorials.evaluation;

import dev.jgan.tutorials.text.ChapterText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter's numbers come from its full runs, which take too long for CI; their output is
 * kept in results/ and the text is checked against it: every ```text block of the README must
 * appear verbatim in a results file, every ```text machine-dependent block (timings) must match
 * recorded lines once its numbers are blanked out, every line of ```java must be in the
 * chapter's or the gan module's sources, and every picture the text shows must exist.
 * {@link ChapterClaimsTest} runs the program itself, with a small budget.
 */
class ChapterTextTest {
    private static final Path RESULTS = Path.of("results");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "gan", "src", "main", "java"));

    @Test
    void everyOutputQuotedInTheReadmeIsInTheRecordedResults() {
        ChapterText text = ChapterText.readme();
        text.assertQuotedOutputIsPrinted(recorded(), 8);
        for (Path run : runs()) {
            text.assertQuotedOutputFollowsTheProgramsOrder(ChapterText.recorded(run));
        }
    }

    @Test
    void timingsAreQuotedOnlyInMachineDependentBlocksShapedLikeTheRecordedOnes() {
        ChapterText text = ChapterText.readme();
        for (String block : text.blocks(ChapterText.OUTPUT)) {
            assertTrue(!block.contains("time: "), "timings vary from run to run; quote them in a ```text"
                    + " machine-dependent block:\n" + block);
        }
        text.assertMachineDependentLinesArePrinted(recorded(), 5);
        text.assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheChapterOrTheGanModule() {
        ChapterText.readme().assertQuotedCodeIsIn(SOURCES, 5);
    }

    @Test
    void everyPictureTheTextShowsExists() {
        ChapterText.readme().assertPicturesExist(5);
    }

    /** Every results file, one after the other. */
    private static String recorded() {
        return ChapterText.recorded(runs());
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

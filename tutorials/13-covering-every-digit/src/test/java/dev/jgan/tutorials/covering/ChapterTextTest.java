package dev.jgan.tutorials.covering;

import dev.jgan.tutorials.text.ChapterText;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter's numbers come from its recorded run (seven GANs of 2800 steps and the README's
 * command with three seeds for four recipes: minutes, too long for CI): every ```text block of the README must appear verbatim in
 * the output kept in results/, every ```text machine-dependent block (timings) must match recorded
 * lines once its numbers are blanked out, every line of ```java must be in the chapter's or the
 * gan module's sources, and every picture the text shows must exist. {@link ChapterClaimsTest}
 * runs the program itself, with a small budget.
 */
class ChapterTextTest {
    private static final List<Path> RESULTS = List.of(Path.of("results", "steps-100epochs.txt"));
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "gan", "src", "main", "java"));

    @Test
    void everyOutputQuotedInTheReadmeIsInTheRecordedRun() {
        ChapterText.readme().assertQuotedOutputIsPrinted(ChapterText.recorded(RESULTS), 8);
    }

    @Test
    void timingsAreQuotedOnlyInMachineDependentBlocksShapedLikeTheRecordedOnes() {
        ChapterText text = ChapterText.readme();
        for (String block : text.blocks(ChapterText.OUTPUT)) {
            assertTrue(!block.contains("time: "), "timings vary from run to run; quote them in a ```text"
                    + " machine-dependent block:\n" + block);
        }
        text.assertMachineDependentLinesArePrinted(ChapterText.recorded(RESULTS), 2);
    }

    @Test
    void timingsAreInDatedMachineDependentBlocks() {
        ChapterText.readme().assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheChapterOrTheGanModule() {
        ChapterText.readme().assertQuotedCodeIsIn(SOURCES, 3);
    }

    @Test
    void everyPictureTheTextShowsExists() {
        ChapterText.readme().assertPicturesExist(9);
    }
}

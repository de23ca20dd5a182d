package dev.jgan.tutorials.convolution;

import dev.jgan.tutorials.text.ChapterText;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter text quotes the program's output in ```text blocks and code in ```java blocks.
 * Every output block must appear verbatim in what the program prints, and every line of code
 * must appear in the chapter's sources or in core's (the chapter reads core's convolution).
 * Timings change from run to run, so the text quotes them in one ```text machine-dependent
 * block, whose lines must match printed lines once every number is blanked out.
 */
class ChapterTextTest {
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "core", "src", "main"));

    @Test
    void everyOutputQuotedInTheReadmeIsPrintedByTheProgram() {
        String printed = ChapterRun.RUN.get().printed();
        ChapterText text = ChapterText.readme();
        text.assertQuotedOutputIsPrinted(printed, 10);
        text.assertQuotedOutputFollowsTheProgramsOrder(printed);
    }

    @Test
    void timingsAreQuotedOnlyInMachineDependentBlocksShapedLikeThePrintedOnes() {
        ChapterText text = ChapterText.readme();
        for (String block : text.blocks(ChapterText.OUTPUT)) {
            assertTrue(!block.contains(ConvolutionChapter.TIMING_HEADLINE),
                    "timings vary from run to run; quote them in a ```text machine-dependent block:\n" + block);
        }
        text.assertMachineDependentLinesArePrinted(ChapterRun.RUN.get().printed(), 1);
        text.assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheChapterOrCore() {
        ChapterText.readme().assertQuotedCodeIsIn(SOURCES, 8);
    }
}

package dev.jgan.tutorials.tensors;

import dev.jgan.tutorials.text.ChapterText;
import dev.jgan.tutorials.text.Printed;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter text quotes the program's output in ```text blocks and its code in ```java
 * blocks. Every output block must appear verbatim in what the program prints, and every line
 * of code must appear in the chapter's sources: so the text shows what actually runs.
 */
class ChapterTextTest {
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"));

    @Test
    void timingsAreInDatedMachineDependentBlocks() {
        ChapterText.readme().assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void everyOutputQuotedInTheReadmeIsPrintedByTheProgram() {
        String printed = Printed.by(TensorsChapter::run);
        ChapterText text = ChapterText.readme();
        text.assertQuotedOutputIsPrinted(printed, 6);
        text.assertQuotedOutputFollowsTheProgramsOrder(printed);
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheSources() {
        ChapterText.readme().assertQuotedCodeIsIn(SOURCES, 6);
    }

    /** The claims the text builds on, checked on the output directly. */
    @Test
    void programShowsViewsSharingStorageAndStrideZeroBroadcasts() {
        String printed = Printed.by(TensorsChapter::run);
        List<String> expected = List.of(
                "a: shape [2, 3], strides [3, 1], offset 0, contiguous true",
                "a.t(): shape [3, 2], strides [1, 3], offset 0, contiguous false\nshares a's storage: true",
                "a.narrow(1, 1, 2): shape [2, 2], strides [3, 1], offset 1, contiguous false",
                "tensor([[0.0, 5.0, 0.0],\n        [0.0, 5.0, 0.0]]",
                "a.t().contiguous(): shape [3, 2], strides [2, 1], offset 0, contiguous true\nshares a's storage: false",
                "row.expand(3, 4): shape [3, 4], strides [0, 1]",
                "same seed, same numbers: true",
                "Generator(seed=42, offset=3)");
        for (String line : expected) {
            assertTrue(printed.contains(line), "the program does not print:\n" + line + "\n--- it printed:\n" + printed);
        }
    }
}

package dev.jgan.tutorials.autodiff;

import dev.jgan.tutorials.text.ChapterText;
import dev.jgan.tutorials.text.Printed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter text quotes the program's output in ```text blocks and its code in ```java
 * blocks. Every output block must appear verbatim in what the program prints with its default
 * budget, and every line of code must appear in the chapter's sources: so the text shows the
 * numbers and the code that actually run.
 */
class ChapterTextTest {
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"));

    @Test
    void timingsAreInDatedMachineDependentBlocks() {
        ChapterText.readme().assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void everyOutputQuotedInTheReadmeIsPrintedByTheProgram(@TempDir Path dir) {
        String printed = runChapter(dir.resolve("graph.dot"));
        ChapterText text = ChapterText.readme();
        text.assertQuotedOutputIsPrinted(printed, 5);
        text.assertQuotedOutputFollowsTheProgramsOrder(printed);
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheSources() {
        ChapterText.readme().assertQuotedCodeIsIn(SOURCES, 5);
    }

    @Test
    void programWritesTheGraphItPrints(@TempDir Path dir) throws IOException {
        Path dot = dir.resolve("sub").resolve("graph.dot");
        String printed = runChapter(dot);
        String graph = Files.readString(dot);
        assertTrue(graph.startsWith("digraph autograd {"), graph);
        assertTrue(graph.contains("label=\"mul\\n[100]\""), graph);
        assertTrue(graph.contains("label=\"mean\\n[]\""), graph);
        assertTrue(printed.contains(graph), "the DOT file and the printed graph differ");
        // Two parameters (w, b) want gradients; the data x and y are constants.
        assertEquals(2, graph.split("requires_grad", -1).length - 1, graph);
        assertEquals(2, graph.split("constant", -1).length - 1, graph);
    }

    private static String runChapter(Path dot) {
        return Printed.by(out -> AutodiffChapter.run(out, AutodiffChapter.DEFAULT_STEPS, dot));
    }
}

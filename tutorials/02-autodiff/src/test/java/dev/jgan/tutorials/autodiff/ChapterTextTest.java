package dev.jgan.tutorials.autodiff;

import dev.jgan.core.autograd.RecordedGraph;
import dev.jgan.gan.pictures.GraphPicture;
import dev.jgan.tutorials.text.ChapterText;
import dev.jgan.tutorials.text.Printed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    @Test
    void programDrawsTheGraphWithABoxOrEllipsePerVertex(@TempDir Path dir) throws IOException {
        Path picture = dir.resolve("graph.png");
        runChapter(dir.resolve("graph.dot"), picture);
        BufferedImage img = ImageIO.read(picture.toFile());
        assertNotNull(img, "the program writes a PNG");
        // The picture is the layout of the loss's graph: 9 vertices, and each one's fill colour
        // just inside its top edge (GraphPictureTest checks the renderer on its own).
        LinearFit fit = new LinearFit(AutodiffChapter.SEED);
        RecordedGraph graph = RecordedGraph.of(fit.loss());
        GraphPicture.Layout layout = GraphPicture.layout(graph);
        assertEquals(9, layout.placements().size());
        assertEquals(layout.width(), img.getWidth());
        for (GraphPicture.Placement p : layout.placements()) {
            int rgb = img.getRGB((int) (p.x() + p.width() / 2), (int) p.y() + 4) & 0xFFFFFF;
            assertTrue(rgb != 0xFFFFFF, "vertex " + p.vertex() + " is drawn");
        }
    }

    private static String runChapter(Path dot) {
        return runChapter(dot, dot.resolveSibling("graph.png"));
    }

    private static String runChapter(Path dot, Path picture) {
        return Printed.by(out -> AutodiffChapter.run(out, AutodiffChapter.DEFAULT_STEPS, dot, picture));
    }
}

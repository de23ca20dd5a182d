package dev.jgan.tutorials.gradcheck;

import dev.jgan.tutorials.text.ChapterText;
import dev.jgan.tutorials.text.Printed;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter text quotes the program's output in ```text blocks, code in ```java blocks, and
 * a row of docs/ops.md as a table. Every output block must appear verbatim in what the program
 * prints, every line of code must appear in the chapter's sources or in core's (the chapter
 * reads core's gradcheck and its registry), and every table line must be a line of the
 * generated docs/ops.md: so the text shows what actually runs.
 */
class ChapterTextTest {
    private static final Path CORE = Path.of("..", "..", "core", "src");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"), CORE.resolve("main"),
            CORE.resolve("test"));
    private static final Path OPS_TABLE = Path.of("..", "..", "docs", "ops.md");

    @Test
    void timingsAreInDatedMachineDependentBlocks() {
        ChapterText.readme().assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void everyOutputQuotedInTheReadmeIsPrintedByTheProgram() {
        String printed = Printed.by(GradientCheckingChapter::run);
        ChapterText text = ChapterText.readme();
        text.assertQuotedOutputIsPrinted(printed, 7);
        text.assertQuotedOutputFollowsTheProgramsOrder(printed);
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheChapterOrCore() {
        ChapterText.readme().assertQuotedCodeIsIn(SOURCES, 10);
    }

    @Test
    void theOpsTableRowsQuotedInTheReadmeAreTheGeneratedOnes() throws IOException {
        List<String> generated = Files.readAllLines(OPS_TABLE);
        List<String> quoted = ChapterText.readme().text().lines().filter(line -> line.startsWith("|")).toList();
        assertTrue(quoted.stream().anyMatch(line -> line.startsWith("| mul |")), "README should quote mul's row");
        for (String line : quoted) {
            assertTrue(generated.contains(line), "README quotes a table line that " + OPS_TABLE
                    + " does not have (regenerated since?):\n" + line);
        }
    }
}

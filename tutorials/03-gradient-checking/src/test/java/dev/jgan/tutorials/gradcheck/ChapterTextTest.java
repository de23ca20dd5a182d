package dev.jgan.tutorials.gradcheck;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter text quotes the program's output in ```text blocks, code in ```java blocks, and
 * a row of docs/ops.md as a table. Every output block must appear verbatim in what the program
 * prints, every line of code must appear in the chapter's sources or in core's (the chapter
 * reads core's gradcheck and its registry), and every table line must be a line of the
 * generated docs/ops.md: so the text shows what actually runs.
 */
class ChapterTextTest {
    private static final Path README = Path.of("README.md");
    private static final Path CORE = Path.of("..", "..", "core", "src");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"), CORE.resolve("main"),
            CORE.resolve("test"));
    private static final Path OPS_TABLE = Path.of("..", "..", "docs", "ops.md");

    @Test
    void everyOutputQuotedInTheReadmeIsPrintedByTheProgram() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            GradientCheckingChapter.run(out);
        }
        String printed = bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
        List<String> blocks = blocks("text");
        assertTrue(blocks.size() >= 7, "expected the chapter to quote at least 7 outputs, found " + blocks.size());
        for (String block : blocks) {
            assertTrue(printed.contains(block), "README quotes output the program does not print:\n" + block
                    + "\n--- the program printed:\n" + printed);
        }
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheChapterOrCore() throws IOException {
        Set<String> sourceLines = new HashSet<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Files.readAllLines(file).forEach(line -> sourceLines.add(line.strip()));
                }
            }
        }
        List<String> blocks = blocks("java");
        assertTrue(blocks.size() >= 10, "expected the chapter to quote at least 10 code blocks, found " + blocks.size());
        for (String block : blocks) {
            for (String line : block.split("\n")) {
                assertTrue(line.isBlank() || sourceLines.contains(line.strip()),
                        "README quotes code that is in none of " + SOURCES + ": " + line);
            }
        }
    }

    @Test
    void theOpsTableRowsQuotedInTheReadmeAreTheGeneratedOnes() throws IOException {
        List<String> generated = Files.readAllLines(OPS_TABLE);
        List<String> quoted = Files.readAllLines(README).stream().filter(line -> line.startsWith("|")).toList();
        assertTrue(quoted.stream().anyMatch(line -> line.startsWith("| mul |")), "README should quote mul's row");
        for (String line : quoted) {
            assertTrue(generated.contains(line), "README quotes a table line that " + OPS_TABLE
                    + " does not have (regenerated since?):\n" + line);
        }
    }

    /** The contents of the fenced blocks of one language, e.g. ```text ... ```. */
    private static List<String> blocks(String language) throws IOException {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }
}

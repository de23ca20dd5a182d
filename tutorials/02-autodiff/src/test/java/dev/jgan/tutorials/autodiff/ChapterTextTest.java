package dev.jgan.tutorials.autodiff;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter text quotes the program's output in ```text blocks and its code in ```java
 * blocks. Every output block must appear verbatim in what the program prints with its default
 * budget, and every line of code must appear in the chapter's sources: so the text shows the
 * numbers and the code that actually run.
 */
class ChapterTextTest {
    private static final Path README = Path.of("README.md");
    private static final Path SOURCES = Path.of("src", "main", "java");

    @Test
    void everyOutputQuotedInTheReadmeIsPrintedByTheProgram(@TempDir Path dir) throws IOException {
        Path dot = dir.resolve("graph.dot");
        String printed = runChapter(dot);
        List<String> blocks = blocks(README, "text");
        assertTrue(blocks.size() >= 5, "expected the chapter to quote at least 5 outputs, found " + blocks.size());
        for (String block : blocks) {
            assertTrue(printed.contains(block), "README quotes output the program does not print:\n" + block
                    + "\n--- the program printed:\n" + printed);
        }
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheSources() throws IOException {
        Set<String> sourceLines = new HashSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Files.readAllLines(file).forEach(line -> sourceLines.add(line.strip()));
            }
        }
        List<String> blocks = blocks(README, "java");
        assertTrue(blocks.size() >= 5, "expected the chapter to quote at least 5 code blocks, found " + blocks.size());
        for (String block : blocks) {
            for (String line : block.split("\n")) {
                assertTrue(line.isBlank() || sourceLines.contains(line.strip()),
                        "README quotes code that is not in " + SOURCES + ": " + line);
            }
        }
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

    private static String runChapter(Path dot) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            AutodiffChapter.run(out, AutodiffChapter.DEFAULT_STEPS, dot);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /** The contents of the fenced blocks of one language, e.g. ```text ... ```. */
    private static List<String> blocks(Path readme, String language) throws IOException {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(readme));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }
}

package dev.jgan.tutorials.tensors;

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
 * The chapter text quotes the program's output in ```text blocks and its code in ```java
 * blocks. Every output block must appear verbatim in what the program prints, and every line
 * of code must appear in the chapter's sources: so the text shows what actually runs.
 */
class ChapterTextTest {
    private static final Path README = Path.of("README.md");
    private static final Path SOURCES = Path.of("src", "main", "java");

    @Test
    void everyOutputQuotedInTheReadmeIsPrintedByTheProgram() throws IOException {
        String printed = runChapter();
        List<String> blocks = blocks(README, "text");
        assertTrue(blocks.size() >= 6, "expected the chapter to quote at least 6 outputs, found " + blocks.size());
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
        assertTrue(blocks.size() >= 6, "expected the chapter to quote at least 6 code blocks, found " + blocks.size());
        for (String block : blocks) {
            for (String line : block.split("\n")) {
                assertTrue(line.isBlank() || sourceLines.contains(line.strip()),
                        "README quotes code that is not in " + SOURCES + ": " + line);
            }
        }
    }

    /** The claims the text builds on, checked on the output directly. */
    @Test
    void programShowsViewsSharingStorageAndStrideZeroBroadcasts() {
        String printed = runChapter();
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

    private static String runChapter() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            TensorsChapter.run(out);
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

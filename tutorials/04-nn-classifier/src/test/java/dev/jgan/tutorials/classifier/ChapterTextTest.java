package dev.jgan.tutorials.classifier;

import org.junit.jupiter.api.Test;

import java.io.IOException;
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
 * The chapter quotes the program's output in ```text blocks and its code in ```java blocks. The
 * full run takes most of an hour, too long for a test, so the output of the runs the chapter
 * quotes is kept in {@code results/} exactly as the program printed it, and every quoted output
 * must appear verbatim in one of those files; every quoted line of code must appear in the
 * chapter's sources or in nn's, which the chapter explains.
 */
class ChapterTextTest {
    private static final Path README = Path.of("README.md");
    private static final List<Path> RUNS = List.of(Path.of("results", "fashion-mlp.txt"),
            Path.of("results", "fashion-cnn.txt"), Path.of("results", "digits.txt"));
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "nn", "src", "main", "java"));

    @Test
    void everyOutputQuotedInTheReadmeIsInARecordedRun() throws IOException {
        List<String> printed = new ArrayList<>();
        for (Path run : RUNS) {
            printed.add(Files.readString(run));
        }
        List<String> blocks = blocks("text");
        assertTrue(blocks.size() >= 4, "expected the chapter to quote at least 4 outputs, found " + blocks.size());
        for (String block : blocks) {
            assertTrue(printed.stream().anyMatch(run -> run.contains(block)),
                    "README quotes output that no file of " + RUNS + " holds:\n" + block);
        }
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheSources() throws IOException {
        Set<String> sourceLines = new HashSet<>();
        for (Path root : SOURCES) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Files.readAllLines(file).forEach(line -> sourceLines.add(line.strip()));
                }
            }
        }
        List<String> blocks = blocks("java");
        assertTrue(blocks.size() >= 4, "expected the chapter to quote at least 4 code blocks, found " + blocks.size());
        for (String block : blocks) {
            for (String line : block.split("\n")) {
                assertTrue(line.isBlank() || sourceLines.contains(line.strip()),
                        "README quotes code that is not in " + SOURCES + ": " + line);
            }
        }
    }

    /** The contents of the fenced blocks of one language, e.g. ```text ... ```. */
    private static List<String> blocks(String language) throws IOException {
        Matcher m = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}

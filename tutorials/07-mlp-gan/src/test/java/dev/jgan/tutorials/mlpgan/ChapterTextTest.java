package dev.jgan.tutorials.mlpgan;

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
 * The chapter's numbers come from its recorded runs: every ```text block of the README must
 * appear verbatim in one of the outputs kept in results/ (the program writes them there), every
 * line of a ```java block must be in the chapter's sources or the gan library's, and every
 * picture the README shows must be in images/.
 */
class ChapterTextTest {
    private static final Path README = Path.of("README.md");
    private static final List<Path> RESULTS = List.of(Path.of("results", "digits.txt"),
            Path.of("results", "fashion-mnist.txt"));
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "gan", "src", "main", "java"));

    @Test
    void everyOutputQuotedInTheReadmeIsInARecordedRun() throws IOException {
        List<String> recorded = new ArrayList<>();
        for (Path file : RESULTS) {
            recorded.add(Files.readString(file).replace("\r\n", "\n"));
        }
        List<String> blocks = blocks("text");
        assertTrue(blocks.size() >= 6, "expected the chapter to quote at least 6 outputs, found " + blocks.size());
        for (String block : blocks) {
            assertTrue(recorded.stream().anyMatch(r -> r.contains(block)),
                    "README quotes output that no file of " + RESULTS + " holds:\n" + block);
        }
    }

    @Test
    void everyLineOfCodeQuotedInTheReadmeIsInTheChapterOrTheLibrary() throws IOException {
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
                        "README quotes code that is in none of " + SOURCES + ": " + line);
            }
        }
    }

    @Test
    void everyPictureTheReadmeShowsIsInTheChapter() throws IOException {
        Matcher m = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(Files.readString(README));
        int pictures = 0;
        while (m.find()) {
            pictures++;
            assertTrue(Files.isRegularFile(Path.of(m.group(1))), "README shows a missing picture: " + m.group(1));
        }
        assertTrue(pictures >= 6, "expected at least 6 pictures, found " + pictures);
    }

    /** The contents of the fenced blocks whose info string is exactly {@code info}. */
    private static List<String> blocks(String info) throws IOException {
        Matcher m = Pattern.compile("```" + Pattern.quote(info) + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(README));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }
}

package dev.jgan.tutorials.fastmatmul;

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
 * The chapter quotes the program's full run, kept in results/ladder.txt, in ```text blocks and
 * code in ```java blocks: every quoted output must be in that file, every line of code in the
 * chapter's sources or in core's (the kernels the chapter explains live there), and the file
 * must be the current program's output (its headlines are the ones the program prints).
 */
class ChapterTextTest {
    private static final Path README = Path.of("README.md");
    private static final Path RESULTS = Path.of("results", "ladder.txt");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "core", "src", "main", "java"));

    @Test
    void everyOutputQuotedInTheReadmeIsInTheRecordedRun() throws IOException {
        String recorded = Files.readString(RESULTS);
        List<String> blocks = blocks("text");
        assertTrue(blocks.size() >= 4, "expected the chapter to quote at least 4 outputs, found " + blocks.size());
        for (String block : blocks) {
            assertTrue(recorded.contains(block), "README quotes output that is not in " + RESULTS + ":\n" + block);
        }
    }

    @Test
    void theRecordedRunIsTheCurrentProgramsFullRun() throws IOException {
        String recorded = Files.readString(RESULTS);
        for (String headline : List.of(FastMatmulChapter.LADDER_HEADLINE, FastMatmulChapter.GAN_HEADLINE,
                FastMatmulChapter.BITS_HEADLINE + ": every rung but FMA, at every shape: yes")) {
            assertTrue(recorded.contains(headline), RESULTS + " lacks \"" + headline + "\": rerun the chapter");
        }
        for (int n : Budget.FULL.squares()) {
            assertTrue(recorded.contains(" " + n + " |"), RESULTS + " lacks the column for n = " + n);
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
        assertTrue(blocks.size() >= 5, "expected the chapter to quote at least 5 code blocks, found " + blocks.size());
        for (String block : blocks) {
            for (String line : block.split("\n")) {
                assertTrue(line.isBlank() || sourceLines.contains(line.strip()),
                        "README quotes code that is in none of " + SOURCES + ": " + line);
            }
        }
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

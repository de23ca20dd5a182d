package dev.jgan.tutorials.convolution;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter text quotes the program's output in ```text blocks and code in ```java blocks.
 * Every output block must appear verbatim in what the program prints, and every line of code
 * must appear in the chapter's sources or in core's (the chapter reads core's convolution).
 * Timings change from run to run, so the text quotes them in ```text machine-dependent blocks,
 * whose lines must match printed lines once every number is blanked out.
 */
class ChapterTextTest {
    private static final Path README = Path.of("README.md");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "core", "src", "main"));
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    @Test
    void everyOutputQuotedInTheReadmeIsPrintedByTheProgram() throws IOException {
        String printed = ChapterRun.get().printed;
        List<String> blocks = blocks("text");
        assertTrue(blocks.size() >= 10, "expected the chapter to quote at least 10 outputs, found " + blocks.size());
        for (String block : blocks) {
            assertTrue(printed.contains(block), "README quotes output the program does not print:\n" + block
                    + "\n--- the program printed:\n" + printed);
        }
    }

    @Test
    void timingsAreQuotedOnlyInMachineDependentBlocksShapedLikeThePrintedOnes() throws IOException {
        String printed = ChapterRun.get().printed;
        for (String block : blocks("text")) {
            assertTrue(!block.contains(ConvolutionChapter.TIMING_HEADLINE),
                    "timings vary from run to run; quote them in a ```text machine-dependent block:\n" + block);
        }
        List<String> timings = blocks("text machine-dependent");
        assertEquals(1, timings.size(), "expected one machine-dependent block, the timing");
        Set<String> printedShapes = new HashSet<>(Arrays.stream(printed.split("\n")).map(ChapterTextTest::blank).toList());
        for (String line : timings.get(0).split("\n")) {
            assertTrue(printedShapes.contains(blank(line)), "README's timing line is not one the program prints, "
                    + "numbers aside: " + line);
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
        assertTrue(blocks.size() >= 8, "expected the chapter to quote at least 8 code blocks, found " + blocks.size());
        for (String block : blocks) {
            for (String line : block.split("\n")) {
                assertTrue(line.isBlank() || sourceLines.contains(line.strip()),
                        "README quotes code that is in none of " + SOURCES + ": " + line);
            }
        }
    }

    private static String blank(String line) {
        return NUMBER.matcher(line).replaceAll("#").replaceAll(" +", " ").strip();
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

package dev.jgan.tutorials.evaluation;

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

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter's numbers come from its full run, which takes too long for CI; the run's output
 * is kept in results/ and the text is checked against it: every ```text block of the README
 * must appear verbatim in a results file, every ```text machine-dependent block (timings) must
 * match printed lines once its numbers are blanked out, every line of ```java must be in the
 * chapter's or the gan module's sources, and every picture the text shows must exist.
 */
class ChapterTextTest {
    private static final Path README = Path.of("README.md");
    private static final Path RESULTS = Path.of("results");
    private static final List<Path> SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "gan", "src", "main", "java"));
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    @Test
    void everyOutputQuotedInTheReadmeIsInTheRecordedResults() throws IOException {
        String results = results();
        List<String> blocks = blocks("text");
        assertTrue(blocks.size() >= 4, "expected the chapter to quote at least 4 outputs, found " + blocks.size());
        for (String block : blocks) {
            assertTrue(results.contains(block), "README quotes output that is in no file of results/:\n" + block);
        }
    }

    @Test
    void timingsAreQuotedOnlyInMachineDependentBlocksShapedLikeThePrintedOnes() throws IOException {
        for (String block : blocks("text")) {
            assertTrue(!block.contains("time: "), "timings vary from run to run; quote them in a ```text"
                    + " machine-dependent block:\n" + block);
        }
        Set<String> printedShapes = new HashSet<>(Arrays.stream(results().split("\n")).map(ChapterTextTest::blank).toList());
        List<String> timings = blocks("text machine-dependent");
        assertTrue(!timings.isEmpty(), "expected the chapter to quote its timings");
        for (String block : timings) {
            for (String line : block.split("\n")) {
                assertTrue(printedShapes.contains(blank(line)), "README's timing line is not one the program prints,"
                        + " numbers aside: " + line);
            }
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
        assertTrue(blocks.size() >= 3, "expected the chapter to quote at least 3 code blocks, found " + blocks.size());
        for (String block : blocks) {
            for (String line : block.split("\n")) {
                assertTrue(line.isBlank() || sourceLines.contains(line.strip()),
                        "README quotes code that is in none of " + SOURCES + ": " + line);
            }
        }
    }

    @Test
    void everyPictureTheTextShowsExists() throws IOException {
        Matcher m = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)").matcher(Files.readString(README));
        int pictures = 0;
        while (m.find()) {
            assertTrue(Files.isRegularFile(Path.of(m.group(1))), "README shows a picture that is not there: " + m.group(1));
            pictures++;
        }
        assertTrue(pictures >= 4, "expected at least 4 pictures, found " + pictures);
    }

    /** Every results file, one after the other. */
    private static String results() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(RESULTS)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                all.append(Files.readString(f).replace("\r\n", "\n")).append('\n');
            }
        }
        return all.toString();
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

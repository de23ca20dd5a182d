package dev.jgan.tutorials.kernels;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter text quotes the program's output in ```text blocks, CUDA in ```cuda blocks and Java
 * in ```java blocks. The recorded output (results/emulator.txt) must be exactly what the program
 * prints now on the emulator, every output block must appear in it, and every quoted line of code
 * must be in the kernels' sources (CUDA) or in the chapter's or core's sources (Java).
 */
class ChapterTextTest {
    private static final Path README = Path.of("README.md");
    private static final Path RECORDED = Path.of("results", "emulator.txt");
    private static final Path KERNELS = Path.of("..", "..", "cuda-kernels", "src", "main", "cuda");
    private static final List<Path> JAVA_SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "core", "src", "main"));

    @Test
    void theRecordedOutputIsWhatTheProgramPrints() throws IOException {
        assertEquals(ChapterRun.get().printed, Files.readString(RECORDED),
                "results/emulator.txt is out of date; rerun the program in emulator mode and save its output");
    }

    @Test
    void everyOutputQuotedInTheReadmeIsInTheRecordedOutput() throws IOException {
        String recorded = Files.readString(RECORDED);
        List<String> blocks = blocks("text");
        assertTrue(blocks.size() >= 5, "expected at least 5 quoted outputs, found " + blocks.size());
        for (String block : blocks) {
            assertTrue(recorded.contains(block), "README quotes output the program does not print:\n" + block);
        }
    }

    @Test
    void everyLineOfCudaQuotedIsInTheKernels() throws IOException {
        assertQuotedLinesIn("cuda", List.of(KERNELS), ".cu", ".cuh", 6);
    }

    @Test
    void everyLineOfJavaQuotedIsInTheChapterOrCore() throws IOException {
        assertQuotedLinesIn("java", JAVA_SOURCES, ".java", ".java", 1);
    }

    private static void assertQuotedLinesIn(String info, List<Path> roots, String ext1, String ext2, int minBlocks)
            throws IOException {
        Set<String> sourceLines = new HashSet<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(ext1) || f.toString().endsWith(ext2)).toList()) {
                    Files.readAllLines(file).forEach(line -> sourceLines.add(line.strip()));
                }
            }
        }
        List<String> blocks = blocks(info);
        assertTrue(blocks.size() >= minBlocks, "expected at least " + minBlocks + " ```" + info + " blocks, found "
                + blocks.size());
        for (String block : blocks) {
            for (String line : block.split("\n")) {
                assertTrue(line.isBlank() || sourceLines.contains(line.strip()),
                        "README quotes " + info + " code that is in none of " + roots + ": " + line);
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

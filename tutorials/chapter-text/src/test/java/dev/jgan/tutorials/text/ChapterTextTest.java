package dev.jgan.tutorials.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChapterTextTest {
    private static final String README = """
            # A chapter

            ```text
            loss 0.25
            ```

            ```text machine-dependent
            time: 1.5 s/step
            ```

            ```java
            int x = 1;

            return x;
            ```
            """;

    @Test
    void blocksAreSeparatedByTheirExactInfoString(@TempDir Path dir) throws IOException {
        ChapterText text = write(dir, README);
        assertEquals(List.of("loss 0.25\n"), text.blocks(ChapterText.OUTPUT));
        assertEquals(List.of("time: 1.5 s/step\n"), text.blocks(ChapterText.MACHINE_DEPENDENT));
        assertEquals(List.of("int x = 1;\n\nreturn x;\n"), text.blocks(ChapterText.CODE));
    }

    @Test
    void quotedOutputMustBePrintedVerbatim(@TempDir Path dir) throws IOException {
        ChapterText text = write(dir, README);
        assertDoesNotThrow(() -> text.assertQuotedOutputIsPrinted("step 1\nloss 0.25\n", 1));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> text.assertQuotedOutputIsPrinted("loss 0.26\n", 1));
        assertTrue(e.getMessage().contains("loss 0.25"), e.getMessage());
        assertThrows(AssertionFailedError.class, () -> text.assertQuotedOutputIsPrinted("loss 0.25\n", 2));
    }

    @Test
    void machineDependentLinesMatchOnceNumbersAreBlanked(@TempDir Path dir) throws IOException {
        ChapterText text = write(dir, README);
        assertDoesNotThrow(() -> text.assertMachineDependentLinesArePrinted("time: 17.25 s/step\n", 1));
        assertThrows(AssertionFailedError.class,
                () -> text.assertMachineDependentLinesArePrinted("time: 17.25 ms/step\n", 1));
        assertThrows(AssertionFailedError.class,
                () -> text.assertMachineDependentLinesArePrinted("time: 17.25 s/step\n", 2));
        assertEquals("a # b #", ChapterText.blankNumbers("a  12.5 b 3"));
    }

    @Test
    void quotedCodeMustBeLinesOfTheSources(@TempDir Path dir) throws IOException {
        ChapterText text = write(dir, README);
        Path sources = Files.createDirectories(dir.resolve("src"));
        Files.writeString(sources.resolve("A.java"), "class A {\n    int f() {\n        int x = 1;\n        return x;\n    }\n}\n");
        assertDoesNotThrow(() -> text.assertQuotedCodeIsIn(List.of(sources), 1));
        Files.writeString(sources.resolve("A.java"), "class A {\n    int f() {\n        int x = 2;\n        return x;\n    }\n}\n");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> text.assertQuotedCodeIsIn(List.of(sources), 1));
        assertTrue(e.getMessage().contains("int x = 1;"), e.getMessage());
    }

    @Test
    void quotedCodeOfAnotherLanguageIsLookedUpInItsOwnFiles(@TempDir Path dir) throws IOException {
        ChapterText text = write(dir, "```cuda\n__syncthreads();\n```\n");
        Path sources = Files.createDirectories(dir.resolve("cuda"));
        Files.writeString(sources.resolve("k.java"), "    __syncthreads();\n");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> text.assertQuotedCodeIsIn("cuda", List.of(sources), List.of(".cu", ".cuh"), 1));
        assertTrue(e.getMessage().contains("__syncthreads();"), e.getMessage());
        Files.writeString(sources.resolve("k.cuh"), "    __syncthreads();\n");
        assertDoesNotThrow(() -> text.assertQuotedCodeIsIn("cuda", List.of(sources), List.of(".cu", ".cuh"), 1));
    }

    @Test
    void printedCapturesWithUnixLineEnds() {
        assertEquals("a\nb\n", Printed.by(out -> {
            out.println("a");
            out.println("b");
        }));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Printed.by(out -> {
            throw new IOException("disk full");
        }));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    }

    private static ChapterText write(Path dir, String readme) throws IOException {
        Path file = dir.resolve("README.md");
        Files.writeString(file, readme);
        return ChapterText.of(file);
    }
}

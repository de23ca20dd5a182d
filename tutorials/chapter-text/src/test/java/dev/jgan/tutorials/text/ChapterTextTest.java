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
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        Files.writeString(sources.resolve("A.java"), "class A {\n    int f() {\n        int x = 1;\n\n        return x;\n    }\n}\n");
        assertDoesNotThrow(() -> text.assertQuotedCodeIsIn(List.of(sources), 1));
        Files.writeString(sources.resolve("A.java"), "class A {\n    int f() {\n        int x = 2;\n\n        return x;\n    }\n}\n");
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

    @Test
    void picturesMustExistBesideTheText(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        Files.writeString(dir.resolve("images").resolve("a.png"), "png");
        ChapterText text = write(dir, "![a](images/a.png) and ![b](images/b.png)\n");
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> text.assertPicturesExist(1));
        assertTrue(e.getMessage().contains("images/b.png"), e.getMessage());
        Files.writeString(dir.resolve("images").resolve("b.png"), "png");
        assertDoesNotThrow(() -> text.assertPicturesExist(2));
        assertThrows(AssertionFailedError.class, () -> text.assertPicturesExist(3));
    }

    @Test
    void recordedRunsAreJoinedSoThatNoQuoteSpansTwo(@TempDir Path dir) throws IOException {
        Path first = Files.writeString(dir.resolve("a.txt"), "epoch 1\r\nepoch 2");
        Path second = Files.writeString(dir.resolve("b.txt"), "epoch 3\n");
        String joined = ChapterText.recorded(List.of(first, second));
        assertTrue(joined.contains("epoch 1\nepoch 2\n"), joined);
        assertTrue(!joined.contains("epoch 2\nepoch 3"), joined);
    }

    @Test
    void aTimingInProseFailsNamingTheFileTheLineAndTheRule(@TempDir Path dir) throws IOException {
        ChapterText text = write(dir, "# A chapter\n\nThe default run took 18 minutes here.\n");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                text::assertTimingsAreInDatedMachineDependentBlocks);
        assertTrue(e.getMessage().startsWith(dir.resolve("README.md") + ":3: timing outside a machine-dependent block:"
                + " \"18 minutes\""), e.getMessage());
    }

    @Test
    void theDetectorFindsDurationsRatesAndSpeedUps() {
        for (String timing : List.of("took 628 ms", "3.7x faster than the loops", "it uses 3.1x less CPU time",
                "21.3 s/step", "about 15 seconds of processor time", "0.2 to 1.6 GFLOP/s", "at 2.60 GHz",
                "a matmul at 0.60x OpenBLAS's speed", "was 2.7x to 3.7x faster", "45 times less wall-clock time",
                "took 48.2 s of wall-clock time", "31.5 GB/s", "about 40 microseconds", "4.2 to 15.4 times as fast")) {
            assertTrue(ChapterText.TIMING.matcher(timing).find(), "should be a timing: " + timing);
        }
    }

    @Test
    void theDetectorLeavesShapesFormulasAndSizeRatiosAlone() {
        for (String other : List.of("fitting y = 3x + 2", "dy/dx = 3x^2", "a 4x4 kernel at stride 2", "[16, 64, 16, 16]",
                "12 x 24 entries", "1,048,576 floats = 4x the input", "7s, 8s and 9s", "exp(-|x - y|^2 / (2 s^2))",
                "the error shrinks 10x for each 10x smaller step", "pushes G's samples 62 times harder",
                "arXiv:1406.2661", "measured on 2026-12-06", "step 300 of 1000", "D's lr 4x 0.0177")) {
            assertFalse(ChapterText.TIMING.matcher(other).find(), "should not be a timing: " + other);
        }
    }

    @Test
    void aTimingInAQuotedOutputBlockOrUnderATimeColumnFails(@TempDir Path dir) throws IOException {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> write(dir,
                "Intro.\n\n```text\ntime per epoch: 29.9 s (937 steps)\n```\n").assertTimingsAreInDatedMachineDependentBlocks());
        assertTrue(e.getMessage().contains("README.md:4: timing outside a machine-dependent block: \"29.9 s\" in a ```text"
                + " block"), e.getMessage());
        e = assertThrows(AssertionFailedError.class, () -> write(dir,
                "```text\nrecipe  modes  seconds\nplain   8/8    39.3\n```\n").assertTimingsAreInDatedMachineDependentBlocks());
        assertTrue(e.getMessage().contains("README.md:2:") && e.getMessage().contains("\"seconds\""), e.getMessage());
        assertDoesNotThrow(() -> write(dir, "```java\nlong ms = 5;\nsleep(100 ms);\n```\n")
                .assertTimingsAreInDatedMachineDependentBlocks());
    }

    @Test
    void aMachineDependentBlockMustNameItsMachineAndDate(@TempDir Path dir) throws IOException {
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> write(dir,
                "Text.\n```text machine-dependent\ntime: 1.5 s/step\n```\n").assertTimingsAreInDatedMachineDependentBlocks());
        assertTrue(e.getMessage().contains("README.md:2: machine-dependent block without its machine and date"),
                e.getMessage());
        assertThrows(AssertionFailedError.class, () -> write(dir,
                "```text machine-dependent (2-core Xeon, 6 December)\ntime: 1.5 s/step\n```\n")
                .assertTimingsAreInDatedMachineDependentBlocks());
        ChapterText dated = write(dir, "```text machine-dependent (2-core Intel Xeon, AVX-512, load 17.8, 2026-12-06)\n"
                + "time: 1.5 s/step\n```\n");
        assertDoesNotThrow(dated::assertTimingsAreInDatedMachineDependentBlocks);
        assertEquals(List.of("time: 1.5 s/step"), dated.machineDependentBlocks().get(0).lines());
    }

    @Test
    void proseMayRepeatOnlyANumberThatADatedBlockShows(@TempDir Path dir) throws IOException {
        String block = "```text machine-dependent (2-core Intel Xeon, 2026-12-06)\n| rung | 1024 |\n| SIMD | 7.80 |\n```\n\n";
        assertDoesNotThrow(() -> write(dir, block + "The SIMD rung reaches 7.8 GFLOP/s at 1024.\n")
                .assertTimingsAreInDatedMachineDependentBlocks());
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> write(dir,
                block + "The SIMD rung reaches 7.81 GFLOP/s at 1024.\n").assertTimingsAreInDatedMachineDependentBlocks());
        assertTrue(e.getMessage().contains("README.md:6:") && e.getMessage().contains("7.81 GFLOP/s"), e.getMessage());
        assertDoesNotThrow(() -> write(dir, "The option is `--timeout 30 s`.\n").assertTimingsAreInDatedMachineDependentBlocks());
    }

    @Test
    void machineDependentBlocksOfARecordedRunMatchVerbatim(@TempDir Path dir) throws IOException {
        ChapterText text = write(dir, "```text machine-dependent (2-core Intel Xeon, 2026-12-06)\nepoch 1 (177.0 s)\n```\n");
        assertDoesNotThrow(() -> text.assertMachineDependentBlocksAreRecorded("start\nepoch 1 (177.0 s)\n", 1));
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> text.assertMachineDependentBlocksAreRecorded("start\nepoch 1 (178.0 s)\n", 1));
        assertTrue(e.getMessage().contains("README.md:2 quotes a machine-dependent line that is in none of the recorded runs:"
                + " epoch 1 (177.0 s)"), e.getMessage());
    }

    @Test
    void quotesOfRecordedRunsAreCheckedRunByRun(@TempDir Path dir) throws IOException {
        Path first = Files.writeString(dir.resolve("a.txt"), "== 1. one\nloss 0.5\n== 2. two\nloss 0.25\n");
        Path second = Files.writeString(dir.resolve("b.txt"), "time: 1.5 s/step\n");
        String dated = "```text machine-dependent (2-core Intel Xeon, 2026-12-06)\ntime: 1.5 s/step\n```\n";
        ChapterText inOrder = write(dir, "```text\nloss 0.5\n```\n```text\nloss 0.25\n```\n" + dated);
        assertDoesNotThrow(() -> inOrder.assertQuotesAreFromRecordedRuns(List.of(first, second), 2, 1));
        assertThrows(AssertionFailedError.class, () -> inOrder.assertQuotesAreFromRecordedRuns(List.of(first), 2, 1));
        ChapterText oneSection = write(dir, "## 1. Losses\n```text\nloss 0.25\n```\n```text\nloss 0.5\n```\n" + dated);
        assertDoesNotThrow(() -> oneSection.assertQuotesAreFromRecordedRuns(List.of(first, second), 2, 1));
        ChapterText swapped = write(dir, "## 1. Late\n```text\nloss 0.25\n```\n## 2. Early\n```text\nloss 0.5\n```\n"
                + dated);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> swapped.assertQuotesAreFromRecordedRuns(List.of(first, second), 2, 1));
        assertTrue(e.getMessage().contains("README.md:6: section order"), e.getMessage());
    }

    @Test
    void quotedCodeKeepsItsIndentationAndIsOneRunOfTheSource(@TempDir Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Files.writeString(sources.resolve("T.java"), """
                class T {
                    void epoch() {
                        model.train();
                        double lossSum = 0;
                        for (Batch batch : loader) {
                            optimizer.step();
                        }
                    }
                }
                """);
        assertDoesNotThrow(() -> write(dir, "```java\nfor (Batch batch : loader) {\n    optimizer.step();\n}\n```\n")
                .assertQuotedCodeIsIn(List.of(sources), 1));
        AssertionFailedError flattened = assertThrows(AssertionFailedError.class, () -> write(dir,
                "Loop:\n```java\nfor (Batch batch : loader) {\noptimizer.step();\n}\n```\n").assertQuotedCodeIsIn(List.of(sources), 1));
        assertTrue(flattened.getMessage().contains("README.md:4: quoted code:")
                && flattened.getMessage().endsWith("optimizer.step();"), flattened.getMessage());
        AssertionFailedError skipped = assertThrows(AssertionFailedError.class, () -> write(dir,
                "```java\nmodel.train();\nfor (Batch batch : loader) {\n    optimizer.step();\n}\n```\n")
                .assertQuotedCodeIsIn(List.of(sources), 1));
        assertTrue(skipped.getMessage().contains("README.md:3: quoted code:"), skipped.getMessage());
        AssertionFailedError unclosed = assertThrows(AssertionFailedError.class, () -> write(dir,
                "```java\nfor (Batch batch : loader) {\n    optimizer.step();\n```\n").assertQuotedCodeIsIn(List.of(sources), 1));
        assertTrue(unclosed.getMessage().contains("README.md:1: quoted code: this ```java block has 1 unclosed {"),
                unclosed.getMessage());
        assertDoesNotThrow(() -> write(dir, "```java\nfor (Batch batch : loader) {\n    optimizer.step();\n}\n```\n\n"
                + "```java sketch\nfor (b : batches) step(b);\n```\n").assertQuotedCodeIsIn(List.of(sources), 1));
        assertEquals(0, ChapterText.unclosedBraces(List.of("String s = \"{\"; // }", "char c = '}';")));
    }

    @Test
    void quotedOutputMustFollowTheProgramsOrder(@TempDir Path dir) throws IOException {
        String printed = "== 2. the Jacobian\nJ = [1]\n== 3. a wrong backward\nmismatch\n";
        ChapterText inOrder = write(dir, "## 2. Jacobians\n\n```text\n== 2. the Jacobian\nJ = [1]\n```\n\n"
                + "## 3. Wrong\n\n```text\nmismatch\n```\n\n```text\nnot printed by this run\n```\n");
        assertDoesNotThrow(() -> inOrder.assertQuotedOutputFollowsTheProgramsOrder(printed));
        ChapterText swapped = write(dir, "## 2. Wrong\n\n```text\nmismatch\n```\n\n## 3. Jacobians\n\n```text\nJ = [1]\n```\n");
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> swapped.assertQuotedOutputFollowsTheProgramsOrder(printed));
        assertTrue(e.getMessage().contains("README.md:9: section order: this quote is printed before the quote at line 3"),
                e.getMessage());
        ChapterText requoted = write(dir, "## 2. Jacobians\n\n```text\n== 2. the Jacobian\nJ = [1]\n```\n\n"
                + "## 3. Wrong\n\n```text\nmismatch\n```\n\n## 4. Again\n\n```text\nJ = [1]\n```\n");
        assertDoesNotThrow(() -> requoted.assertQuotedOutputFollowsTheProgramsOrder(printed));
        ChapterText misnumbered = write(dir, "## 5. Minimax\n\n```text\n== 3. a wrong backward\nmismatch\n```\n");
        e = assertThrows(AssertionFailedError.class, () -> misnumbered.assertQuotedOutputFollowsTheProgramsOrder(printed));
        assertTrue(e.getMessage().contains("README.md:4: section order: section 5 quotes the program's heading of section 3"),
                e.getMessage());
    }

    private static ChapterText write(Path dir, String readme) throws IOException {
        Path file = dir.resolve("README.md");
        Files.writeString(file, readme);
        return ChapterText.of(file);
    }
}

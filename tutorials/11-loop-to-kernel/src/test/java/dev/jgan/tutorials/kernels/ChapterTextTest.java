package dev.jgan.tutorials.kernels;

import dev.jgan.tutorials.text.ChapterText;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The chapter text quotes the program's output in ```text blocks, our kernels in ```cuda blocks
 * and Java in ```java blocks. The recorded output (results/emulator.txt) must be exactly what the
 * program prints now on the emulator, every output block must be in it, and every quoted line of
 * code must be in the kernels' sources (CUDA) or in the chapter's or core's sources (Java).
 */
class ChapterTextTest {
    private static final Path RECORDED = Path.of("results", "emulator.txt");
    private static final List<Path> KERNELS = List.of(Path.of("..", "..", "cuda-kernels", "src", "main", "cuda"));
    private static final List<Path> JAVA_SOURCES = List.of(Path.of("src", "main", "java"),
            Path.of("..", "..", "core", "src", "main"));

    @Test
    void theRecordedOutputIsWhatTheProgramPrints() throws IOException {
        assertEquals(ChapterRun.RUN.get().printed(), Files.readString(RECORDED),
                "results/emulator.txt is out of date; rerun the program in emulator mode and save its output");
    }

    @Test
    void everyOutputQuotedInTheReadmeIsInTheRecordedOutput() throws IOException {
        String recorded = Files.readString(RECORDED);
        ChapterText text = ChapterText.readme();
        text.assertQuotedOutputIsPrinted(recorded, 5);
        text.assertQuotedOutputFollowsTheProgramsOrder(recorded);
    }


    @Test
    void timingsAreInDatedMachineDependentBlocks() {
        ChapterText.readme().assertTimingsAreInDatedMachineDependentBlocks();
    }

    @Test
    void everyLineOfCudaQuotedIsInTheKernels() {
        ChapterText.readme().assertQuotedCodeIsIn("cuda", KERNELS, List.of(".cu", ".cuh"), 6);
    }

    @Test
    void everyLineOfJavaQuotedIsInTheChapterOrCore() {
        ChapterText.readme().assertQuotedCodeIsIn(JAVA_SOURCES, 1);
    }
}

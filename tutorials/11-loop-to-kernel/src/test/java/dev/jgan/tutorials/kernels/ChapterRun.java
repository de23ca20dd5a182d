package dev.jgan.tutorials.kernels;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** One emulator-mode run of the chapter's program, shared by the test classes (Surefire runs them in one JVM). */
final class ChapterRun {
    private static ChapterRun instance;

    final String printed;
    final LoopToKernelChapter.Findings findings;

    private ChapterRun(String printed, LoopToKernelChapter.Findings findings) {
        this.printed = printed;
        this.findings = findings;
    }

    static synchronized ChapterRun get() {
        if (instance == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            LoopToKernelChapter.Findings findings;
            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                findings = LoopToKernelChapter.run(out, KernelDevice.Mode.EMULATOR,
                        LoopToKernelChapter.DEFAULT_TIMING_SIZES);
            }
            instance = new ChapterRun(bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"),
                    findings);
        }
        return instance;
    }
}

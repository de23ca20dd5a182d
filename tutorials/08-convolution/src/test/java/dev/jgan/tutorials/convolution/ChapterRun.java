package dev.jgan.tutorials.convolution;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One run of the chapter's program, shared by the test classes (Surefire runs them in one JVM):
 * the slow part is the timing, so it runs with no warm-up and one timed run each, which changes
 * only the timing lines, and those the text quotes as machine-dependent.
 */
final class ChapterRun {
    static final int WARMUPS = 0;
    static final int REPEATS = 1;

    private static ChapterRun instance;

    final String printed;
    final ConvolutionChapter.Findings findings;

    private ChapterRun(String printed, ConvolutionChapter.Findings findings) {
        this.printed = printed;
        this.findings = findings;
    }

    static synchronized ChapterRun get() {
        if (instance == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            ConvolutionChapter.Findings findings;
            try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
                findings = ConvolutionChapter.run(out, WARMUPS, REPEATS);
            }
            String printed = bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
            instance = new ChapterRun(printed, findings);
        }
        return instance;
    }
}

package dev.jgan.tutorials.convolution;

import dev.jgan.tutorials.text.Printed;


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
            var run = Printed.capture(out -> ConvolutionChapter.run(out, WARMUPS, REPEATS));
            String printed = run.printed();
            ConvolutionChapter.Findings findings = run.value();
            instance = new ChapterRun(printed, findings);
        }
        return instance;
    }
}

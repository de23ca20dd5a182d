package dev.jgan.tutorials.kernels;

import dev.jgan.tutorials.text.Printed;

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
            var run = Printed.capture(out -> LoopToKernelChapter.run(out, KernelDevice.Mode.EMULATOR,
                    LoopToKernelChapter.DEFAULT_TIMING_SIZES));
            instance = new ChapterRun(run.printed(), run.value());
        }
        return instance;
    }
}

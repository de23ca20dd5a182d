package dev.jgan.tutorials.kernels;

import dev.jgan.tutorials.text.Printed;

import java.util.function.Supplier;

/** One emulator-mode run of the chapter's program, shared by the test classes. */
final class ChapterRun {
    static final Supplier<Printed.Captured<LoopToKernelChapter.Findings>> RUN = Printed.once(out ->
            LoopToKernelChapter.run(out, KernelDevice.Mode.EMULATOR, LoopToKernelChapter.DEFAULT_TIMING_SIZES));

    private ChapterRun() {
    }
}

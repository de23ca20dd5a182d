package dev.jgan.tutorials.kernels;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chapter's claim: every kernel it shows (elementwise, reduction, each SGEMM rung) computes
 * what the CPU backend computes, bit for bit where each operation is rounded once and within the
 * rounding-error bound where the order of additions differs, on sizes that fill no block or tile.
 * Run on the emulator, which is all CI has; the timing is then reported as skipped, not invented.
 */
class LoopToKernelChapterTest {

    @Test
    void everyKernelAgreesWithTheCpuBackendOnTheEmulator() {
        var run = ChapterRun.RUN.get();
        assertEquals(28, run.value().checks(), run.printed());
        assertEquals(0, run.value().failures(), run.printed());
        assertTrue(run.value().allCorrect());
        assertFalse(run.printed().contains("FAILED"), run.printed());
    }

    @Test
    void theEmulatorTimesNothing() {
        var run = ChapterRun.RUN.get();
        assertFalse(run.value().timed());
        assertTrue(run.printed().contains("timing: skipped"), run.printed());
        assertFalse(run.printed().contains(LoopToKernelChapter.TIMING_HEADLINE), run.printed());
    }

    @Test
    void anUnknownModeIsOneClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelDevice.Mode.parse("tpu"));
        assertEquals("chapter 11: unknown mode 'tpu'; expected auto, gpu or emulator", e.getMessage());
    }
}

package dev.jgan.tutorials.fastmatmul;

import dev.jgan.core.backend.cpu.MatmulRung;
import dev.jgan.tutorials.text.Printed;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the chapter with CI's budget (small sizes, one timing sample) and checks what the text
 * claims of the results, not of the timings: every rung ran, every rung returned the naive loop's
 * bits, within float32 rounding of a sum in double, and the roofline's numbers are sane.
 */
class FastMatmulChapterTest {
    private static FastMatmulChapter.Result result;
    private static String printed;

    @BeforeAll
    static void runChapter() {
        var run = Printed.capture(out -> FastMatmulChapter.run(out, Budget.CI));
        result = run.value();
        printed = run.printed();
    }

    @Test
    void everyRungRanAtEverySquareSize() {
        for (int n : Budget.CI.squares()) {
            Set<MatmulRung> ran = result.squares().stream().filter(c -> c.n() == n).map(Ladder.Cell::rung)
                    .collect(Collectors.toSet());
            assertEquals(EnumSet.allOf(MatmulRung.class), ran, "rungs at n = " + n);
        }
        assertEquals(Budget.CI.ganShapes().size() * FastMatmulChapter.GAN_RUNGS.size(), result.gan().size());
        assertTrue(result.all().stream().allMatch(c -> c.time().wallSeconds() > 0 && Double.isFinite(c.gflops())));
    }

    @Test
    void everyRungReturnsTheNaiveLoopsBitsWithinFloatRoundingOfTheExactSum() {
        for (Ladder.Cell cell : result.all()) {
            assertTrue(cell.sameBits(), cell.toString());
            // k fused multiply-adds, each rounding by at most 2^-24 of the running sum.
            assertTrue(cell.relativeError() < 1e-6 * Math.sqrt(cell.k()), cell.toString());
        }
        assertTrue(printed.contains(FastMatmulChapter.BITS_HEADLINE + ": every rung, at every shape: yes"), printed);
    }

    @Test
    void theRooflineIsMeasuredAndComputed() {
        Roofline roof = result.roofline();
        assertTrue(roof.bandwidthGBs() > 0.1 && roof.bandwidthGBs() < 10_000, roof.toString());
        assertEquals(MatmulRung.vectorLanes(), roof.lanes());
        assertTrue(roof.lanes() >= 4, "the tests run with the Vector API, so a SIMD register holds several floats");
        if (!Double.isNaN(roof.gigahertz())) {
            assertEquals(roof.cores() * roof.lanes() * 2 * 2 * roof.gigahertz(), roof.peakGflops(), 1e-9);
        }
        // Intensity n/6 flops per byte for [n, n] @ [n, n]: memory-bound only for small n.
        assertEquals(1024 / 6.0, Roofline.flopsPerByte(1024, 1024, 1024), 1e-9);
        assertTrue(printed.contains(FastMatmulChapter.LADDER_HEADLINE) && printed.contains(FastMatmulChapter.GAN_HEADLINE));
    }
}

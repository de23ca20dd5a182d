package dev.jgan.tutorials.convolution;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Convolution;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claims chapter 8's text makes, checked on what its program computes. */
class ConvolutionChapterTest {
    /** float32 keeps about 7 digits; sums of a few hundred products lose one or two. */
    private static final double FLOAT_TOLERANCE = 1e-5;

    private final ConvolutionChapter.Findings found = ChapterRun.RUN.get().value();

    @Test
    void theDirectLoopsAndIm2colPlusMatmulAgree() {
        assertEquals(0.0, found.tinyDirectVsIm2col(), "the tiny example has small whole numbers: exact");
        assertTrue(found.layerDirectVsIm2colRelative() < 1e-6, "DCGAN layer: " + found.layerDirectVsIm2colRelative());
    }

    @Test
    void theBackwardFormulasAreWhatAutogradComputes() {
        assertEquals(0.0, found.tinyWeightGradVsFormula());
        assertEquals(0.0, found.tinyInputGradVsFormula());
    }

    @Test
    void col2imIsTheAdjointOfIm2colInFloat64() {
        assertTrue(Math.abs(found.adjointLeft()) > 0.1, "a zero inner product would prove nothing: "
                + found.adjointLeft());
        assertEquals(found.adjointLeft(), found.adjointRight(), 1e-9);
    }

    @Test
    void convTranspose2dIsConv2dsInputGradientAndAFractionallyStridedConvolution() {
        assertTrue(found.transposedVsAutograd() <= FLOAT_TOLERANCE, "autograd: " + found.transposedVsAutograd());
        assertTrue(found.transposedVsScatter() <= FLOAT_TOLERANCE, "scatter loops: " + found.transposedVsScatter());
        assertTrue(found.transposedVsFractional() <= FLOAT_TOLERANCE, "zeros inserted: "
                + found.transposedVsFractional());
    }

    @Test
    void theDcganGeneratorLayerDoublesEightByEightToSixteenBySixteen() {
        assertArrayEquals(new int[]{16, 128, 8, 8}, found.dcganInput());
        assertArrayEquals(new int[]{16, 64, 16, 16}, found.dcganOutput());
    }

    @Test
    void groupedConvolutionIsConvolutionsOfTheChannelGroupsConcatenated() {
        assertEquals(0.0, found.groupsVsSplit(), FLOAT_TOLERANCE);
    }

    @Test
    void theTimingsAreMeasured() {
        ConvolutionChapter.Timings t = found.timings();
        for (Stopwatch.Result r : List.of(t.directOneCore(), t.directAllCores(), t.im2col(), t.conv2d())) {
            assertTrue(r.wallMillis() > 0 && Double.isFinite(r.wallMillis()), "wall time " + r);
            assertTrue(Double.isNaN(r.cpuMillis()) || r.cpuMillis() >= 0, "CPU time " + r);
        }
    }

    @Test
    void theChaptersLoopsMatchCoreOnAnAwkwardGeometry() {
        Generator gen = new Generator(11);
        Tensor x = Tensor.randn(gen, 2, 3, 7, 9);
        Tensor w = Tensor.randn(gen, 5, 3, 3, 2);
        int[] stride = {2}, padding = {2}, dilation = {2};
        Tensor core = Convolution.conv2d(x, w, null, stride, padding, dilation, 1);
        assertTrue(Matrices.maxAbsDifference(core, DirectConvolution.conv2d(x, w, 2, 2, 2)) <= FLOAT_TOLERANCE);
        assertTrue(Matrices.maxAbsDifference(core, DirectConvolution.conv2dParallel(x, w, 2, 2, 2)) <= FLOAT_TOLERANCE);

        Tensor g = Tensor.randn(gen, 2, 5, 4, 6);
        Tensor v = Tensor.randn(gen, 5, 3, 5, 5);
        Tensor transposed = Convolution.convTranspose2d(g, v, null, new int[]{3}, new int[]{1}, new int[]{0},
                new int[]{1}, 1);
        assertArrayEquals(new int[]{2, 3, 12, 18}, transposed.shape());
        assertTrue(Matrices.maxAbsDifference(transposed, DirectConvolution.convTranspose2d(g, v, 3, 1))
                <= FLOAT_TOLERANCE);
        assertTrue(Matrices.maxAbsDifference(transposed, FractionalStride.convTranspose2d(g, v, 3, 1))
                <= FLOAT_TOLERANCE);
    }

    @Test
    void theDirectLoopsNameTheShapesTheyCannotConvolve() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DirectConvolution.conv2d(Tensor.zeros(1, 3, 4, 4), Tensor.zeros(2, 4, 3, 3), 1, 0, 1));
        assertTrue(e.getMessage().contains("[1, 3, 4, 4]") && e.getMessage().contains("[2, 4, 3, 3]"), e.getMessage());
    }

    /**
     * The chapter's test times each contender once: a run shorter than one tick of the process's
     * CPU clock read 0 ms, and "it uses Infinityx less CPU time" broke the quoted line's shape.
     */
    @Test
    void aRunShorterThanATickOfTheCpuClockStillGetsACpuTime() {
        int[] calls = {0};
        Stopwatch.Result r = Stopwatch.measure(() -> calls[0]++, 0, 1);
        assertTrue(Double.isNaN(r.cpuMillis()) || r.cpuMillis() > 0, "CPU time " + r);
        assertTrue(Double.isNaN(r.cpuMillis()) || calls[0] > 1, "runs " + calls[0]);
        assertTrue(Double.isFinite(6.0 / r.cpuMillis()) || Double.isNaN(r.cpuMillis()), "a ratio of CPU times");
    }

    @Test
    void theMedianIgnoresOneSlowRun() {
        int[] call = {0};
        Stopwatch.Result r = Stopwatch.measure(() -> {
            if (call[0]++ == 2) {
                long until = System.nanoTime() + 300_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
        }, 1, 3);
        // One warm-up and three timed runs; more only if the spin got under a tenth of a second of CPU.
        assertTrue(call[0] >= 4, "runs " + call[0]);
        assertTrue(r.wallMillis() < 100, "median " + r);
    }
}

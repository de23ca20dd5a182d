package dev.jgan.core.conformance;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * im2col and col2im on every backend, against {@link Oracle#im2col} and {@link Oracle#col2im},
 * on window geometries that break index arithmetic: a 1x1 everything, primes, strides larger
 * than the kernel (pixels no window reads, which col2im must set to 0), padding wider than the
 * kernel reaches (windows entirely in the padding), dilation, each per dim; inputs and outputs
 * transposed or with gaps.
 *
 * <p>col2im gathers each pixel's entries in kernel-row, kernel-column order, which is also the
 * order in which the oracle's scatter reaches each pixel: float64 results must agree bit for bit
 * (with the CPU reference too), float32 to the rounding of a sum of kh*kw terms (the CUDA kernel
 * sums in float, the CPU reference in double).
 */
public abstract class ConvolutionConformance extends ConformanceSuite {
    private static final List<Windows> CASES = List.of(
            new Windows("1x1 image, 1x1 kernel", 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1),
            new Windows("7x5, kernel 3x2, stride 2x1, padding 1x0, dilation 1x2", 2, 3, 7, 5, 3, 2, 2, 1, 1, 0, 1, 2),
            new Windows("primes 11x13, kernel 5x3, stride 3x2, padding 2x1, dilation 2x1", 1, 2, 11, 13, 5, 3, 3, 2, 2, 1, 2, 1),
            new Windows("stride 3 beyond a kernel of 2: unread pixels", 1, 2, 9, 7, 2, 2, 3, 3, 0, 0, 1, 1),
            new Windows("padding 2 beyond a kernel of 2: windows in the padding only", 1, 1, 3, 4, 2, 2, 3, 2, 2, 2, 1, 1),
            new Windows("DCGAN's 4x4, stride 2, padding 1 on 8x8", 3, 2, 8, 8, 4, 4, 2, 2, 1, 1, 1, 1));

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void im2colCopiesEveryWindowFromEveryLayout(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Random random = new Random(41);
        for (Windows g : CASES) {
            for (Layout layout : imageLayouts(g)) {
                Layout.Pair x = layout.random(backend, dtype, random, -2, 2);
                Tensor out = Tensor.empty(backend, dtype, g.columnsShape());
                im2col(backend, g, x.device(), out);
                Expect.equal("im2col of " + layout + ", " + g, Oracle.im2col(x.cpu().toDoubleArray(), g), out.toDoubleArray());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void col2imSumsWhatIm2colCopiedFromEveryLayout(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Random random = new Random(42);
        for (Windows g : CASES) {
            int[] shape = g.columnsShape();
            for (Layout layout : List.of(Layout.contiguous(shape), Layout.transposed(shape), Layout.gapped(shape))) {
                Layout.Pair cols = layout.random(backend, dtype, random, -1, 1);
                Tensor out = Tensor.empty(backend, dtype, g.imageShape());
                col2im(backend, g, cols.device(), out);
                checkCol2im("col2im of " + layout + ", " + g, target, dtype, g,
                        Oracle.col2im(cols.cpu().toDoubleArray(), g), out.toDoubleArray());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void resultsGoIntoStridedOutputsAndNowhereElse(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Windows g = CASES.get(2);
        Layout.Pair x = Layout.contiguous(g.imageShape()).random(backend, dtype, new Random(43), -2, 2);
        Layout colsLayout = Layout.gapped(g.columnsShape());
        Layout.Pair cols = colsLayout.over(backend, dtype, sentinels(colsLayout));
        im2col(backend, g, x.device(), cols.device());
        Expect.equal("im2col into " + colsLayout, Oracle.im2col(x.cpu().toDoubleArray(), g), cols.device().toDoubleArray());
        Expect.untouchedOutside("im2col into " + colsLayout, colsLayout, cols.deviceBase().toDoubleArray());

        Layout imageLayout = Layout.gapped(g.imageShape());
        Layout.Pair image = imageLayout.over(backend, dtype, sentinels(imageLayout));
        col2im(backend, g, cols.device(), image.device());
        checkCol2im("col2im into " + imageLayout, target, dtype, g,
                Oracle.col2im(cols.device().toDoubleArray(), g), image.device().toDoubleArray());
        Expect.untouchedOutside("col2im into " + imageLayout, imageLayout, image.deviceBase().toDoubleArray());
    }

    /** Float64 and the CPU reference exactly; float32 CUDA to the rounding of kh*kw float additions of terms below 1. */
    private static void checkCol2im(String what, ConformanceTarget target, DType dtype, Windows g, double[] expected, double[] actual) {
        if (dtype == DType.FLOAT64) {
            Expect.equal(what, expected, actual);
        } else if (target.onHost()) {
            Expect.sameFloats(what, expected, actual);
        } else {
            Expect.close(what, expected, actual, 0, g.kh() * g.kw() * 2 * 0x1p-24);
        }
    }

    private static List<Layout> imageLayouts(Windows g) {
        int[] shape = g.imageShape();
        return List.of(Layout.contiguous(shape), Layout.transposed(shape), Layout.gapped(shape));
    }

    private static double[] sentinels(Layout layout) {
        double[] buffer = new double[layout.storageSize()];
        Arrays.fill(buffer, Expect.SENTINEL);
        return buffer;
    }

    public static void im2col(Backend backend, Windows g, Tensor x, Tensor out) {
        backend.im2col(x.operand(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.dh(), g.dw(), out.operand());
    }

    public static void col2im(Backend backend, Windows g, Tensor cols, Tensor out) {
        backend.col2im(cols.operand(), g.c(), g.h(), g.w(), g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(), g.dh(),
                g.dw(), out.operand());
    }
}

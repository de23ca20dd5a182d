package dev.jgan.core.conv;

import dev.jgan.core.ops.ConvGeometry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.jgan.core.conv.Conv2dTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ConvGeometryTest {

    @ParameterizedTest(name = "in {0}, kernel {1}, stride {2}, padding {3}, dilation {4} -> {5}")
    @CsvSource({
            "28, 5, 1, 0, 1, 24",   // LeNet
            "64, 4, 2, 1, 1, 32",   // DCGAN discriminator: halves the size
            "7, 3, 2, 1, 1, 4",     // floor((7 + 2 - 2 - 1) / 2) + 1
            "8, 3, 2, 1, 1, 4",     // 7 and 8 share an output size: why transposed conv needs outputPadding
            "5, 3, 1, 0, 2, 1",     // dilated kernel spans 5
            "1, 1, 3, 0, 1, 1",
            "1, 3, 1, 1, 1, 1"})
    void outputSizeFollowsTheFloorFormula(int in, int kernel, int stride, int padding, int dilation, int expected) {
        assertEquals(expected, ConvGeometry.outputSize("test", in, kernel, stride, padding, dilation));
    }

    @ParameterizedTest(name = "in {0}, kernel {1}, stride {2}, padding {3}, outputPadding {4}, dilation {5} -> {6}")
    @CsvSource({
            "32, 4, 2, 1, 0, 1, 64",  // DCGAN generator: doubles the size
            "1, 4, 1, 0, 0, 1, 4",    // DCGAN's first layer from a 1x1 latent
            "4, 3, 2, 1, 0, 1, 7",
            "4, 3, 2, 1, 1, 1, 8",
            "3, 3, 1, 0, 1, 2, 8"})
    void transposedOutputSizeInvertsIt(int in, int kernel, int stride, int padding, int outputPadding, int dilation,
                                       int expected) {
        int out = ConvGeometry.transposedOutputSize(in, kernel, stride, padding, outputPadding, dilation);
        assertEquals(expected, out);
        if (outputPadding < stride) {
            assertEquals(in, ConvGeometry.outputSize("test", out, kernel, stride, padding, dilation));
        }
    }

    @Test
    void impossibleSizesAndParametersAreRejected() {
        assertMessage("pool: input size 2 with padding 0 is smaller than the kernel of size 3 (dilation 1, spanning 3)",
                () -> ConvGeometry.outputSize("pool", 2, 3, 1, 0, 1));
        assertMessage("conv2d: input size 3 with padding 1 is smaller than the kernel of size 3 (dilation 3, spanning 7)",
                () -> ConvGeometry.outputSize("conv2d", 3, 3, 1, 1, 3));
        assertMessage("conv2d: kernel 3, stride 0 and dilation 1 must be >= 1 and padding 0 >= 0",
                () -> ConvGeometry.outputSize("conv2d", 5, 3, 0, 0, 1));
        assertMessage("conv2d: kernel 3, stride 1 and dilation 1 must be >= 1 and padding -1 >= 0",
                () -> ConvGeometry.outputSize("conv2d", 5, 3, 1, -1, 1));
        assertMessage("conv_transpose2d: input size 1 with kernel 1, stride 1, padding 1",
                () -> ConvGeometry.transposedOutputSize(1, 1, 1, 1, 0, 1));
        assertMessage("conv_transpose2d: outputPadding must be >= 0, got -1",
                () -> ConvGeometry.transposedOutputSize(3, 3, 2, 0, -1, 1));
    }

    @Test
    void pairTakesOneValueForBothDimsOrTwo() {
        assertArrayEquals(new int[]{3, 3}, ConvGeometry.pair("op", "kernel", new int[]{3}));
        assertArrayEquals(new int[]{3, 2}, ConvGeometry.pair("op", "kernel", new int[]{3, 2}));
        assertMessage("op: kernel needs 1 or 2 values (height, width), got []",
                () -> ConvGeometry.pair("op", "kernel", new int[0]));
        assertMessage("op: padding needs 1 or 2 values (height, width), got null",
                () -> ConvGeometry.pair("op", "padding", null));
    }
}

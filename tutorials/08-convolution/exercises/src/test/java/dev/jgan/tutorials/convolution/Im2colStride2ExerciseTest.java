package dev.jgan.tutorials.convolution;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Convolution;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Exercise 8: im2col with stride 2 equals core's, and im2col + matmul equals core's conv2d with stride 2. */
class Im2colStride2ExerciseTest {
    private static final int[] NO_PADDING = {0};
    private static final int[] ONE = {1};
    private static final int[] TWO = {2};

    @ParameterizedTest(name = "[{0}, {1}, {2}], kernel {3}")
    @CsvSource({"1, 4, 4, 2", "3, 7, 6, 3", "2, 9, 9, 3", "1, 5, 8, 1", "2, 6, 5, 5"})
    void equalsCoresIm2col(int channels, int height, int width, int k) {
        Tensor x = Tensor.randn(new Generator(8), 1, channels, height, width);
        Tensor expected = Convolution.im2col(x, new int[]{k}, TWO, NO_PADDING, ONE);
        float[] cols = Im2colStride2.im2col(x.toFloatArray(), channels, height, width, k);
        assertArrayEquals(expected.contiguous().toFloatArray(), cols,
                () -> "[" + channels + ", " + height + ", " + width + "], kernel " + k + ": im2col has shape "
                        + java.util.Arrays.toString(expected.shape()));
    }

    @ParameterizedTest(name = "[{0}, {1}, {2}], kernel {3}")
    @CsvSource({"3, 7, 6, 3", "2, 9, 9, 3"})
    void timesTheWeightsIsAStridedConvolution(int channels, int height, int width, int k) {
        int outChannels = 4;
        Tensor x = Tensor.randn(new Generator(80), 1, channels, height, width);
        Tensor w = Tensor.randn(new Generator(81), outChannels, channels, k, k);
        int oh = (height - k) / 2 + 1;
        int ow = (width - k) / 2 + 1;
        Tensor cols = Tensor.fromArray(Im2colStride2.im2col(x.toFloatArray(), channels, height, width, k),
                channels * k * k, oh * ow);
        Tensor mine = w.reshape(outChannels, channels * k * k).matmul(cols);
        Tensor expected = Convolution.conv2d(x, w, null, TWO, NO_PADDING, ONE, 1);
        assertArrayEquals(expected.contiguous().toFloatArray(), mine.toFloatArray(), 1e-5f);
        System.out.printf("exercise 8: [%d, %d, %d] with %d kernels %dx%d, stride 2: im2col [%d, %d], output [%d, %d, %d],"
                + " as conv2d's%n", channels, height, width, outChannels, k, k, channels * k * k, oh * ow, outChannels, oh, ow);
    }
}

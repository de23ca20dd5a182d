package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.ConvGeometry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

/**
 * The im2col and col2im fast paths ({@link FastWindows}) against the reference loops, bit for
 * bit: im2col only copies, and col2im sums the same entries in the same order in double. Every
 * geometry runs on a contiguous input, a transposed and a sliced one (strided reads), into a
 * contiguous output and into a batch-inner one ([rows, N, positions] storage, as the
 * convolutions use), with NaN, infinities and signed zeros among the values.
 */
class WindowsFastPathTest {
    private final CpuBackend fast = new CpuBackend();
    private final CpuBackend reference = CpuBackend.reference();

    @ParameterizedTest(name = "N {0}, C {1}, {2}x{3} image, {4}x{5} kernel, stride {6}x{7}, padding {8}x{9}, dilation {10}x{11}")
    @CsvSource({
            "1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1",
            "2, 3, 8, 8, 4, 4, 2, 2, 1, 1, 1, 1",
            "3, 2, 7, 5, 3, 2, 1, 2, 1, 0, 1, 1",
            "2, 1, 5, 7, 2, 3, 3, 2, 0, 2, 2, 1",
            "1, 2, 13, 2, 2, 1, 4, 1, 1, 0, 3, 1",
            "2, 2, 3, 3, 3, 3, 1, 1, 2, 2, 1, 1",
            "5, 3, 11, 13, 5, 3, 2, 3, 3, 1, 2, 2",
            "64, 3, 4, 4, 4, 4, 1, 1, 0, 0, 1, 1",
            "7, 17, 31, 29, 4, 4, 2, 2, 1, 1, 1, 1"})
    void matchReferenceBitForBit(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh,
                                 int dw) {
        int oh = ConvGeometry.outputSize("test", h, kh, sh, ph, dh);
        int ow = ConvGeometry.outputSize("test", w, kw, sw, pw, dw);
        int rows = c * kh * kw;
        Random rnd = new Random(n * 1009L + c * 101L + h * 13L + w);
        for (Input input : Input.values()) {
            Tensor x = input.make(rnd, n, c, h, w);
            for (boolean batchInner : new boolean[]{false, true}) {
                String what = input + " input, " + (batchInner ? "batch-inner" : "contiguous") + " columns";
                Tensor fastCols = columns(batchInner, n, rows, oh * ow);
                Tensor referenceCols = columns(batchInner, n, rows, oh * ow);
                fast.im2col(x, kh, kw, sh, sw, ph, pw, dh, dw, fastCols);
                reference.im2col(x, kh, kw, sh, sw, ph, pw, dh, dw, referenceCols);
                Layouts.assertMatches(referenceCols, fastCols, 0, "im2col, " + what);

                Tensor cols = Layouts.twin(referenceCols);
                fill(cols, rnd);
                Tensor fastImage = Input.SLICED.garbage(n, c, h, w);
                Tensor referenceImage = Input.SLICED.garbage(n, c, h, w);
                fast.col2im(cols, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, fastImage);
                reference.col2im(cols, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, referenceImage);
                Layouts.assertMatches(referenceImage, fastImage, 0, "col2im, " + what);
            }
        }
    }

    /** The layouts of the image: read in place, through transposed strides, or from a slice of a wider one. */
    private enum Input {
        CONTIGUOUS, TRANSPOSED, SLICED;

        Tensor make(Random rnd, int n, int c, int h, int w) {
            return switch (this) {
                case CONTIGUOUS -> Tensor.fromArray(Layouts.values(rnd, n * c * h * w, 16), n, c, h, w);
                case TRANSPOSED -> Tensor.fromArray(Layouts.values(rnd, n * c * h * w, 16), n, c, w, h).transpose(2, 3);
                case SLICED -> Tensor.fromArray(Layouts.values(rnd, n * c * h * (w + 3), 16), n, c, h, w + 3)
                        .narrow(3, 2, w);
            };
        }

        /** An output of this layout holding a value the kernel must overwrite. */
        Tensor garbage(int n, int c, int h, int w) {
            float[] junk = new float[n * c * h * (w + 3)];
            java.util.Arrays.fill(junk, 12345f);
            return Tensor.fromArray(junk, n, c, h, w + 3).narrow(3, 2, w);
        }
    }

    private static Tensor columns(boolean batchInner, int n, int rows, int positions) {
        float[] junk = new float[n * rows * positions];
        java.util.Arrays.fill(junk, 12345f);
        if (!batchInner) {
            return Tensor.fromArray(junk, n, rows, positions);
        }
        Tensor storage = Tensor.fromArray(junk, rows, n, positions);
        return Tensor.view(storage, new int[]{n, rows, positions}, new int[]{positions, n * positions, 1}, 0);
    }

    private static void fill(Tensor cols, Random rnd) {
        float[] data = ((CpuStorage.Floats) cols.storage()).data;
        System.arraycopy(Layouts.values(rnd, data.length, 16), 0, data, 0, data.length);
    }
}

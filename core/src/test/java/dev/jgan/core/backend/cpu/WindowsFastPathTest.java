package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.ConvGeometry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
            "7, 17, 31, 29, 4, 4, 2, 2, 1, 1, 1, 1",
            // 1x1 image, 3x3 kernel, padding 1: the corner taps read only padding (no window of theirs counts)
            "2, 2, 1, 1, 3, 3, 2, 2, 1, 1, 1, 1"})
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
                fast.im2col(x.operand(), kh, kw, sh, sw, ph, pw, dh, dw, fastCols.operand());
                reference.im2col(x.operand(), kh, kw, sh, sw, ph, pw, dh, dw, referenceCols.operand());
                Layouts.assertMatches(referenceCols, fastCols, 0, "im2col, " + what);

                Tensor cols = Layouts.twin(referenceCols);
                fill(cols, rnd);
                Tensor fastImage = Input.SLICED.garbage(n, c, h, w);
                Tensor referenceImage = Input.SLICED.garbage(n, c, h, w);
                fast.col2im(cols.operand(), c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, fastImage.operand());
                reference.col2im(cols.operand(), c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, referenceImage.operand());
                Layouts.assertMatches(referenceImage, fastImage, 0, "col2im, " + what);
            }
        }
    }

    /**
     * The layers of the DCGAN at batch 64: kernel 4, stride 2, padding 1 onto 1x32x32, 64x16x16
     * and 128x8x8, and kernel 4, stride 1, padding 0 between 256x4x4 and one window, in both
     * directions (col2im is also the transposed convolutions' fold), into and from columns stored
     * batch-inner, as the convolutions store them, and contiguous.
     */
    @ParameterizedTest(name = "N 64, C {0}, {1}x{1} image, kernel 4, stride {2}, padding {3}")
    @CsvSource({"1, 32, 2, 1", "64, 16, 2, 1", "128, 8, 2, 1", "256, 4, 1, 0"})
    void matchReferenceBitForBitOnDcganLayers(int c, int size, int stride, int padding) {
        int n = 64;
        int windows = ConvGeometry.outputSize("test", size, 4, stride, padding, 1);
        Random rnd = new Random(c * 31L + size);
        Tensor x = Input.CONTIGUOUS.make(rnd, n, c, size, size);
        for (ColumnLayout layout : new ColumnLayout[]{ColumnLayout.BATCH_INNER, ColumnLayout.CONTIGUOUS}) {
            String what = layout + " columns";
            checkIm2col(x, 4, 4, stride, stride, padding, padding, 1, 1, layout, n, c * 16, windows * windows, what);
            Tensor cols = layout.make(n, c * 16, windows * windows, Layouts.values(rnd, n * c * 16 * windows * windows,
                    16));
            checkCol2im(cols, n, c, size, size, 4, 4, stride, stride, padding, padding, 1, 1, Input.CONTIGUOUS, what);
        }
    }

    /**
     * Geometries the DCGAN does not use, each from and into every layout of the columns: the
     * rows of one image end to end or not, the images of one row end to end (batch-inner) or not,
     * and N = 13 so that the images of a row split into blocks of unequal size.
     */
    @ParameterizedTest(name = "N {0}, C {1}, {2}x{3} image, {4}x{5} kernel, stride {6}x{7}, padding {8}x{9}, dilation {10}x{11}")
    @CsvSource({
            "13, 2, 9, 10, 3, 3, 3, 3, 1, 2, 1, 1",
            "13, 1, 11, 9, 3, 2, 1, 2, 2, 0, 2, 1",
            "9, 3, 3, 2, 5, 4, 1, 1, 2, 2, 1, 1",
            "10, 2, 7, 6, 2, 3, 3, 1, 0, 1, 2, 3",
            "17, 1, 6, 7, 4, 4, 2, 2, 1, 1, 1, 1"})
    void matchReferenceBitForBitFromAndIntoEveryColumnLayout(int n, int c, int h, int w, int kh, int kw, int sh,
                                                            int sw, int ph, int pw, int dh, int dw) {
        int positions = ConvGeometry.outputSize("test", h, kh, sh, ph, dh)
                * ConvGeometry.outputSize("test", w, kw, sw, pw, dw);
        int rows = c * kh * kw;
        Random rnd = new Random(n * 1009L + c * 101L + h * 13L + w);
        for (Input input : Input.values()) {
            Tensor x = input.make(rnd, n, c, h, w);
            for (ColumnLayout layout : ColumnLayout.values()) {
                String what = input + " image, " + layout + " columns";
                checkIm2col(x, kh, kw, sh, sw, ph, pw, dh, dw, layout, n, rows, positions, what);
                Tensor cols = layout.make(n, rows, positions, Layouts.values(rnd, n * rows * positions, 16));
                checkCol2im(cols, n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, input, what);
            }
        }
    }

    /**
     * col2im sums each pixel's entries from +0.0, so a pixel whose entries are all -0.0, or that
     * has none, is +0.0; and sums of subnormals are exact in double. The fast path must give
     * these bits too, signs of zeros included, on the borders (fewer entries) as inside; a sum
     * started from -0.0, or a zero kept from the columns, fails here.
     */
    @ParameterizedTest(name = "{4}x{4} image, kernel {0}, stride {1}, padding {2}, C {3}")
    @CsvSource({"4, 2, 1, 3, 8", "4, 1, 0, 2, 4", "1, 2, 0, 2, 7", "3, 3, 2, 1, 9"})
    void col2imKeepsSignedZerosAndSubnormals(int k, int stride, int padding, int c, int size) {
        int n = 11;
        int windows = ConvGeometry.outputSize("test", size, k, stride, padding, 1);
        int rows = c * k * k, count = n * rows * windows * windows;
        float[] tiny = {-0f, 0f, Float.MIN_VALUE, -Float.MIN_VALUE, 3e-39f, -3e-39f, -Float.MIN_NORMAL};
        Random rnd = new Random(k * 7L + stride);
        float[] mixed = new float[count];
        for (int i = 0; i < count; i++) {
            mixed[i] = tiny[rnd.nextInt(tiny.length)];
        }
        float[] negativeZeros = new float[count];
        java.util.Arrays.fill(negativeZeros, -0f);
        for (ColumnLayout layout : new ColumnLayout[]{ColumnLayout.BATCH_INNER, ColumnLayout.CONTIGUOUS}) {
            checkCol2im(layout.make(n, rows, windows * windows, mixed), n, c, size, size, k, k, stride, stride,
                    padding, padding, 1, 1, Input.CONTIGUOUS, layout + " columns of signed zeros and subnormals");
            Tensor image = Input.SLICED.garbage(n, c, size, size);
            fast.col2im(layout.make(n, rows, windows * windows, negativeZeros).operand(), c, size, size, k, k, stride,
                    stride, padding, padding, 1, 1, image.operand());
            for (float v : image.toFloatArray()) {
                assertEquals(0, Float.floatToRawIntBits(v), layout + " columns of -0.0: every pixel is +0.0");
            }
        }
    }

    private void checkIm2col(Tensor x, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                             ColumnLayout layout, int n, int rows, int positions, String what) {
        float[] junk = new float[n * rows * positions];
        java.util.Arrays.fill(junk, 12345f);
        Tensor fastCols = layout.make(n, rows, positions, junk);
        Tensor referenceCols = layout.make(n, rows, positions, junk);
        fast.im2col(x.operand(), kh, kw, sh, sw, ph, pw, dh, dw, fastCols.operand());
        reference.im2col(x.operand(), kh, kw, sh, sw, ph, pw, dh, dw, referenceCols.operand());
        assertSameBits(referenceCols, fastCols, "im2col, " + what);
    }

    private void checkCol2im(Tensor cols, int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw,
                             int dh, int dw, Input imageLayout, String what) {
        Tensor fastImage = imageLayout.garbage(n, c, h, w);
        Tensor referenceImage = imageLayout.garbage(n, c, h, w);
        fast.col2im(cols.operand(), c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, fastImage.operand());
        reference.col2im(cols.operand(), c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, referenceImage.operand());
        assertSameBits(referenceImage, fastImage, "col2im, " + what);
    }

    /**
     * Equal bits, element by element: zeros of opposite signs differ. A NaN only has to be a NaN:
     * when both operands of an add are NaN, x86 returns the first one, and the JIT may swap the
     * operands of a commutative add, so the sign of a NaN sum changed from one run of the same
     * code to the next (seen in CI: the reference's +NaN against the fast path's -NaN).
     */
    private static void assertSameBits(Tensor expected, Tensor actual, String what) {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        assertEquals(e.length, a.length, what + ": element count");
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(a[i])) {
                assertEquals(Float.floatToIntBits(e[i]), Float.floatToIntBits(a[i]),
                        what + ": element " + i + " reference " + e[i] + ", fast " + a[i]);
            }
        }
    }

    /** The layouts of [N, rows, positions] columns: views of storage that starts with the given values. */
    private enum ColumnLayout {
        /** Row-major [N, rows, positions]. */
        CONTIGUOUS,
        /** Storage [rows, N, positions], as the convolutions store columns. */
        BATCH_INNER,
        /** Batch-inner, starting 5 elements into the storage. */
        BATCH_INNER_OFFSET,
        /** Storage [rows, N, positions + 2], positions 1..: the images of a row are not end to end. */
        BATCH_INNER_GAPS,
        /** Storage [N, positions, rows]: entries of a row are rows apart. */
        TRANSPOSED;

        Tensor make(int n, int rows, int positions, float[] values) {
            return switch (this) {
                case CONTIGUOUS -> Tensor.fromArray(values, n, rows, positions);
                case BATCH_INNER -> Tensor.asStrided(Tensor.fromArray(values, rows, n, positions),
                        new int[]{n, rows, positions}, new int[]{positions, n * positions, 1}, 0);
                case BATCH_INNER_OFFSET -> Tensor.asStrided(Tensor.fromArray(padded(values, 5, 0), values.length + 5),
                        new int[]{n, rows, positions}, new int[]{positions, n * positions, 1}, 5);
                case BATCH_INNER_GAPS -> Tensor.asStrided(
                        Tensor.fromArray(padded(values, 0, 2 * n * rows), rows * n * (positions + 2)),
                        new int[]{n, rows, positions}, new int[]{positions + 2, n * (positions + 2), 1}, 1);
                case TRANSPOSED -> Tensor.fromArray(values, n, positions, rows).transpose(1, 2);
            };
        }

        /** values with {@code before} and {@code after} copies of 777 around them. */
        private static float[] padded(float[] values, int before, int after) {
            float[] out = new float[before + values.length + after];
            java.util.Arrays.fill(out, 777f);
            System.arraycopy(values, 0, out, before, values.length);
            return out;
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
        return Tensor.asStrided(storage, new int[]{n, rows, positions}, new int[]{positions, n * positions, 1}, 0);
    }

    private static void fill(Tensor cols, Random rnd) {
        float[] data = ((CpuStorage.Floats) cols.storage()).data();
        System.arraycopy(Layouts.values(rnd, data.length, 16), 0, data, 0, data.length);
    }
}

package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.cpu.Layouts.Layout;
import org.junit.jupiter.api.Test;

import java.util.Random;

/** The strided copy and fill fast paths against the reference loops; copies must be exact. */
class CopyFastPathTest {
    private final CpuBackend fast = new CpuBackend();
    private final CpuBackend reference = CpuBackend.reference();

    @Test
    void copyMatchesReferenceForEveryLayoutPair() {
        for (int[] shape : Layouts.SHAPES) {
            for (Layout from : Layout.values()) {
                for (Layout to : Layout.values()) {
                    if (!to.writable()) {
                        continue;
                    }
                    Tensor src = Layouts.make(from, new Random(from.ordinal() * 10L + to.ordinal()), 16, shape[0], shape[1]);
                    check(src, Layouts.output(to, shape[0], shape[1]), Layouts.output(to, shape[0], shape[1]),
                            java.util.Arrays.toString(shape) + " " + from + " into " + to);
                }
            }
        }
    }

    /** Permuted views of rank 3 and 4: dims merge only where both sides are back to back. */
    @Test
    void copyMatchesReferenceForPermutedViews() {
        Random rnd = new Random(5);
        int[][] permutations = {{0, 1, 2, 3}, {3, 2, 1, 0}, {0, 2, 1, 3}, {1, 0, 2, 3}, {0, 1, 3, 2}, {2, 0, 3, 1}};
        for (int[] p : permutations) {
            Tensor src = Tensor.fromArray(Layouts.values(rnd, 2 * 3 * 37 * 41, 0), 2, 3, 37, 41).permute(p);
            int[] shape = src.shape();
            Tensor intoContiguous = Tensor.zeros(shape);
            Tensor referenceContiguous = Tensor.zeros(shape);
            check(src, intoContiguous, referenceContiguous, "permute " + java.util.Arrays.toString(p) + " into contiguous");
            // And back: a contiguous source into the permuted layout.
            Tensor permuted = Tensor.zeros(2, 3, 37, 41).permute(p);
            Tensor referencePermuted = Tensor.zeros(2, 3, 37, 41).permute(p);
            check(intoContiguous, permuted, referencePermuted, "contiguous into permute " + java.util.Arrays.toString(p));
        }
        Tensor vector = Tensor.fromArray(Layouts.values(rnd, 100, 0), 100).narrow(0, 3, 97);
        check(vector, Tensor.zeros(97), Tensor.zeros(97), "1-D slice");
        check(Tensor.scalar(2.5), Tensor.zeros(), Tensor.zeros(), "0-D");
    }

    @Test
    void fillMatchesReference() {
        for (int[] shape : Layouts.SHAPES) {
            for (Layout layout : Layout.values()) {
                if (!layout.writable()) {
                    continue;
                }
                for (double value : new double[]{0, -0.0, 0.1, Double.NaN, Double.NEGATIVE_INFINITY, 1e300}) {
                    Tensor fastOut = Layouts.output(layout, shape[0], shape[1]);
                    Tensor referenceOut = Layouts.output(layout, shape[0], shape[1]);
                    fast.fill(fastOut.operand(), value);
                    reference.fill(referenceOut.operand(), value);
                    String what = "fill " + value + " " + java.util.Arrays.toString(shape) + " " + layout;
                    Layouts.assertMatches(referenceOut, fastOut, 0, what);
                    // The elements outside the view keep their values.
                    Layouts.assertMatches(storage(referenceOut), storage(fastOut), 0, what + ", whole storage");
                }
            }
        }
    }

    private void check(Tensor src, Tensor fastDst, Tensor referenceDst, String what) {
        fast.copy(src.operand(), fastDst.operand());
        reference.copy(src.operand(), referenceDst.operand());
        Layouts.assertMatches(referenceDst, fastDst, 0, what);
        Layouts.assertMatches(storage(referenceDst), storage(fastDst), 0, what + ", whole storage");
    }

    private static Tensor storage(Tensor t) {
        int size = t.storage().size();
        return Tensor.asStrided(t, new int[]{size}, new int[]{1}, 0);
    }
}

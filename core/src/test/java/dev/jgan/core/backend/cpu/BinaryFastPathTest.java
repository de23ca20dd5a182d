package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.cpu.Layouts.Layout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Random;

/**
 * Every binary fast path against the reference loop: each pair of operand layouts (so every
 * segment kind: vector-vector, vector-scalar, scalar-vector, scalar-scalar, each run in place or
 * staged, and packing), each output layout, in place, and broadcast patterns of higher rank. Float arithmetic on two
 * floats rounds to the reference's double result, so the match must be exact.
 */
class BinaryFastPathTest {
    private final CpuBackend fast = new CpuBackend();
    private final CpuBackend reference = CpuBackend.reference();

    @ParameterizedTest(name = "{0}")
    @EnumSource(BinaryOp.class)
    void matchesReference(BinaryOp op) {
        for (int[] shape : Layouts.SHAPES) {
            boolean large = shape[0] * shape[1] >= Layouts.LARGE;
            for (Layout left : Layout.values()) {
                for (Layout right : Layout.values()) {
                    if (large && !(left == Layout.CONTIGUOUS || right == Layout.CONTIGUOUS && left == Layout.TRANSPOSED)) {
                        continue;
                    }
                    Random rnd = new Random(shape[0] * 131L + shape[1] + left.ordinal() * 7L + right.ordinal());
                    Tensor a = Layouts.make(left, rnd, 16, shape[0], shape[1]);
                    Tensor b = Layouts.make(right, rnd, 16, shape[0], shape[1]);
                    for (Layout out : large ? new Layout[]{Layout.CONTIGUOUS} : new Layout[]{Layout.CONTIGUOUS, Layout.OFFSET, Layout.SLICED}) {
                        check(op, a, b, Layouts.output(out, shape[0], shape[1]), Layouts.output(out, shape[0], shape[1]),
                                op + " " + java.util.Arrays.toString(shape) + " " + left + " with " + right + " into " + out);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = BinaryOp.class, names = {"ADD", "SUB", "MUL", "DIV"})
    void inPlaceMatchesReference(BinaryOp op) {
        for (Layout layout : new Layout[]{Layout.CONTIGUOUS, Layout.TRANSPOSED, Layout.SLICED}) {
            for (Layout other : new Layout[]{Layout.CONTIGUOUS, Layout.ROW, Layout.COLUMN, Layout.SCALAR}) {
                Random rnd = new Random(layout.ordinal() * 10L + other.ordinal());
                Tensor a = Layouts.make(layout, rnd, 0, 37, 41);
                Tensor b = Layouts.make(other, rnd, 0, 37, 41);
                Tensor twin = Layouts.twin(a);
                fast.binary(op, a.operand(), b.operand(), a.operand());
                reference.binary(op, twin.operand(), b.operand(), twin.operand());
                Layouts.assertMatches(twin, a, 0, op + " in place into " + layout + " with " + other);
            }
        }
    }

    /** Broadcasts of rank 3 and 4: blocks that span several dims, and patterns the fast path must pack. */
    @Test
    void higherRankBroadcastsMatchReference() {
        int[] shape = {2, 3, 4, 5};
        int[][] operandShapes = {{2, 3, 4, 5}, {4, 5}, {1, 1, 4, 5}, {2, 3, 1, 1}, {3, 1, 1}, {5}, {1, 3, 4, 1}, {1}};
        Random rnd = new Random(11);
        for (BinaryOp op : BinaryOp.values()) {
            for (int[] left : operandShapes) {
                for (int[] right : operandShapes) {
                    Tensor a = Tensor.fromArray(Layouts.values(rnd, numel(left), 16), left).expand(shape);
                    Tensor b = Tensor.fromArray(Layouts.values(rnd, numel(right), 16), right).expand(shape);
                    check(op, a, b, Tensor.zeros(shape), Tensor.zeros(shape), op + " " + java.util.Arrays.toString(left)
                            + " with " + java.util.Arrays.toString(right));
                }
            }
        }
    }

    /**
     * Batch norm's per-channel operands on planes short enough to be widened into a row (3x3, and
     * 11x11 = 121, just under the limit) and on one that is not (12x12), on either side, on
     * several threads' worth of elements, and into a view at an offset.
     */
    @Test
    void perChannelOperandsOnShortAndLongPlanesMatchReference() {
        Random rnd = new Random(23);
        for (int[] shape : new int[][]{{9, 70, 3, 3}, {5, 6, 11, 11}, {5, 6, 12, 12}}) {
            int[] channels = {1, shape[1], 1, 1};
            for (BinaryOp op : BinaryOp.values()) {
                Tensor x = Tensor.fromArray(Layouts.values(rnd, numel(shape), 16), shape);
                Tensor c = Tensor.fromArray(Layouts.values(rnd, shape[1], 16), channels).expand(shape);
                String what = op + " " + java.util.Arrays.toString(shape);
                check(op, x, c, Tensor.zeros(shape), Tensor.zeros(shape), what + " with a channel on the right");
                check(op, c, x, Tensor.zeros(shape), Tensor.zeros(shape), what + " with a channel on the left");
                check(op, c, c, Tensor.zeros(shape), Tensor.zeros(shape), what + " with channels on both sides");
                Tensor fastOut = Tensor.zeros(numel(shape) + 3).narrow(0, 3, numel(shape)).view(shape);
                Tensor referenceOut = Tensor.zeros(numel(shape) + 3).narrow(0, 3, numel(shape)).view(shape);
                check(op, x, c, fastOut, referenceOut, what + " into a view at an offset");
            }
        }
    }

    private void check(BinaryOp op, Tensor a, Tensor b, Tensor fastOut, Tensor referenceOut, String what) {
        fast.binary(op, a.operand(), b.operand(), fastOut.operand());
        reference.binary(op, a.operand(), b.operand(), referenceOut.operand());
        Layouts.assertMatches(referenceOut, fastOut, 0, what);
    }

    private static int numel(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}

package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.backend.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reduction fast path against the reference for every subset of reduced dims, on
 * contiguous and reversed-dim inputs. max and min must match exactly (NaN included); sums in
 * another order may differ by a small multiple of float rounding on the sum of |x|.
 */
class ReduceFastPathTest {
    /** Shapes with long rows, long columns, one long vector (split across cores), and rank 3 to 5. */
    private static final int[][] SHAPES = {{1}, {7}, {70_001}, {1, 1}, {3, 5}, {257, 263}, {1, 70_001}, {30_011, 3},
            {300, 2, 151}, {2, 3, 4, 5}, {3, 1, 5, 1, 7}};

    private final CpuBackend fast = new CpuBackend();
    private final CpuBackend reference = CpuBackend.reference();

    @ParameterizedTest(name = "{0}")
    @EnumSource(ReduceOp.class)
    void matchesReference(ReduceOp op) {
        for (int[] shape : SHAPES) {
            Random rnd = new Random(Arrays.hashCode(shape));
            // NaN and infinities now and then for max and min; sums get plain numbers so the rounding is tested.
            int specialEvery = op == ReduceOp.SUM ? 0 : 3000;
            Tensor contiguous = Tensor.fromArray(Layouts.values(rnd, Shape.numel(shape), specialEvery), shape);
            Tensor reversed = Tensor.fromArray(Layouts.values(rnd, Shape.numel(shape), specialEvery), reverse(shape))
                    .permute(reverseDims(shape.length));
            for (int mask = 0; mask < 1 << shape.length; mask++) {
                boolean[] reduced = new boolean[shape.length];
                for (int d = 0; d < shape.length; d++) {
                    reduced[d] = (mask >> d & 1) != 0;
                }
                check(op, contiguous, reduced, Arrays.toString(shape) + " reduce " + Arrays.toString(reduced));
                check(op, reversed, reduced, Arrays.toString(shape) + " (dims reversed) reduce " + Arrays.toString(reduced));
            }
        }
    }

    /**
     * A sum over the last dim has the bits of its definition: rows cut into blocks of 4096, each
     * block summed in float with eight partial sums, the block sums added in double. Rows too short
     * for the SIMD registers, shorter than a block, exactly one, longer (several blocks and a
     * partial one), and one long row, which is split across the cores.
     */
    @Test
    void lastDimSumsHaveTheBitsOfTheirDefinition() {
        for (int[] shape : new int[][]{{64, 1024}, {100, 16}, {9, 4096}, {13, 37}, {3, 9000}, {1, 70_001}, {1, 8192}}) {
            Random rnd = new Random(Arrays.hashCode(shape));
            float[] values = new float[Shape.numel(shape)];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
            }
            Tensor x = Tensor.fromArray(values, shape);
            Tensor out = Tensor.empty(fast, DType.FLOAT32, shape[0], 1);
            fast.reduce(ReduceOp.SUM, x.operand(), new boolean[]{false, true}, out.operand());
            float[] sums = out.toFloatArray();
            int len = shape[1];
            for (int r = 0; r < shape[0]; r++) {
                double total = 0;
                for (int from = 0; from < len; from += 4096) {
                    total += VectorArithmeticTest.scalarRowSum(values, r * len + from, Math.min(4096, len - from));
                }
                assertEquals(Float.floatToIntBits((float) total), Float.floatToIntBits(sums[r]),
                        Arrays.toString(shape) + " row " + r + ": expected " + (float) total + ", got " + sums[r]);
            }
        }
    }

    private void check(ReduceOp op, Tensor x, boolean[] reduced, String what) {
        int[] outShape = Shape.reduced(x.shape(), reduced, true);
        Tensor fastOut = Tensor.empty(fast, DType.FLOAT32, outShape);
        Tensor referenceOut = Tensor.empty(reference, DType.FLOAT32, outShape);
        fast.reduce(op, x.operand(), reduced, fastOut.operand());
        reference.reduce(op, x.operand(), reduced, referenceOut.operand());
        if (op != ReduceOp.SUM) {
            Layouts.assertMatches(referenceOut, fastOut, 0, op + " " + what);
            return;
        }
        Tensor abs = Tensor.empty(reference, DType.FLOAT32, x.shape());
        reference.unary(UnaryOp.ABS, x.operand(), abs.operand(), 0, 0);
        Tensor absSum = Tensor.empty(reference, DType.FLOAT32, outShape);
        reference.reduce(ReduceOp.SUM, abs.operand(), reduced, absSum.operand());
        float[] e = referenceOut.toFloatArray();
        float[] a = fastOut.toFloatArray();
        float[] bound = absSum.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            // Float sums of blocks: a few hundred roundings of 2^-24 relative to sum |x| at the very worst.
            double tolerance = 1e-5 * bound[i] + Math.ulp(e[i]);
            assertTrue(Math.abs(e[i] - a[i]) <= tolerance,
                    "sum " + what + ": element " + i + " reference " + e[i] + ", fast " + a[i]);
        }
    }

    private static int[] reverse(int[] shape) {
        int[] r = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            r[d] = shape[shape.length - 1 - d];
        }
        return r;
    }

    private static int[] reverseDims(int rank) {
        int[] p = new int[rank];
        for (int d = 0; d < rank; d++) {
            p[d] = rank - 1 - d;
        }
        return p;
    }
}

package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.backend.UnaryOp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reference kernels called directly, on the layouts that break naive loops: views with
 * odd strides and offsets, stride-0 (broadcast) inputs, strided outputs, empty tensors, dims
 * of size 1, and NaN. Expected values come from the storage formula
 * {@code offset + sum(index * stride)}, written out per case.
 */
class CpuBackendAwkwardInputsTest {
    private final CpuBackend cpu = new CpuBackend();

    /** Storage 0, 1, 2, ..., n-1 (float64), so every value says where it was read from. */
    private static Tensor counting(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return Tensor.fromArray(v, n);
    }

    private static Tensor view(Tensor storage, int[] shape, int[] strides, int offset) {
        return Tensor.asStrided(storage, shape, strides, offset);
    }

    /** A fresh output filled with NaN, so an element the kernel forgets to write shows up. */
    private Tensor poisoned(int... shape) {
        Tensor out = Tensor.empty(cpu, DType.FLOAT64, shape);
        cpu.fill(out.operand(), Double.NaN);
        return out;
    }

    // ---------- strided and stride-0 inputs ----------

    @Test
    void binaryReadsOddStridesOffsetsAndStrideZero() {
        Tensor s = counting(20);
        Tensor a = view(s, new int[]{2, 3}, new int[]{1, 4}, 1);   // a[i][j] = 1 + i + 4j
        Tensor b = view(s, new int[]{2, 3}, new int[]{0, 0}, 17); // every element is storage[17]
        Tensor out = poisoned(2, 3);
        cpu.binary(BinaryOp.SUB, a.operand(), b.operand(), out.operand());
        double[] expected = new double[6];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                expected[i * 3 + j] = (1 + i + 4 * j) - 17;
            }
        }
        assertArrayEquals(expected, out.toDoubleArray());
    }

    @Test
    void unaryWritesIntoAStridedOutputAndLeavesTheGapsAlone() {
        Tensor x = view(counting(6), new int[]{3, 2}, new int[]{1, 3}, 0); // the transpose of [[0,1,2],[3,4,5]]
        Tensor buffer = Tensor.zeros(DType.FLOAT64, 12);
        cpu.fill(buffer.operand(), 99);
        Tensor out = view(buffer, new int[]{3, 2}, new int[]{4, 2}, 1); // every other slot, from 1
        cpu.unary(UnaryOp.NEG, x.operand(), out.operand(), 0, 0);
        double[] expected = {99, -0.0, 99, -3, 99, -1, 99, -4, 99, -2, 99, -5};
        // out[i][j] lives at 1 + 4i + 2j and holds -x[i][j] = -(i + 3j)
        assertArrayEquals(expected, buffer.toDoubleArray());
    }

    @Test
    void copyBroadcastsAStrideZeroSourceIntoATransposedDestination() {
        Tensor src = view(counting(5), new int[]{2, 3}, new int[]{0, 1}, 2); // rows [2, 3, 4] twice
        Tensor buffer = Tensor.zeros(DType.FLOAT64, 6);
        Tensor dst = view(buffer, new int[]{2, 3}, new int[]{1, 2}, 0);
        cpu.copy(src.operand(), dst.operand());
        // dst[i][j] at i + 2j gets 2 + j
        assertArrayEquals(new double[]{2, 2, 3, 3, 4, 4}, buffer.toDoubleArray());
    }

    @Test
    void reduceHandlesOffsetsStridesAndBroadcastDims() {
        Tensor s = counting(30);
        Tensor x = view(s, new int[]{2, 3, 2}, new int[]{1, 6, 3}, 4); // x[i][j][k] = 4 + i + 6j + 3k
        Tensor out = poisoned(2, 1, 1);
        cpu.reduce(ReduceOp.SUM, x.operand(), new boolean[]{false, true, true}, out.operand());
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 2; k++) {
                    expected[i] += 4 + i + 6 * j + 3 * k;
                }
            }
        }
        assertArrayEquals(expected, out.toDoubleArray());

        Tensor broadcast = view(s, new int[]{4, 3}, new int[]{0, 1}, 7); // rows [7, 8, 9] four times
        Tensor colSums = poisoned(1, 3);
        cpu.reduce(ReduceOp.SUM, broadcast.operand(), new boolean[]{true, false}, colSums.operand());
        assertArrayEquals(new double[]{28, 32, 36}, colSums.toDoubleArray());
        Tensor rowMax = poisoned(4, 1);
        cpu.reduce(ReduceOp.MAX, broadcast.operand(), new boolean[]{false, true}, rowMax.operand());
        assertArrayEquals(new double[]{9, 9, 9, 9}, rowMax.toDoubleArray());
    }

    @Test
    void matmulReadsTransposedOperandsAndBroadcastBatches() {
        Tensor s = counting(40);
        // a: batch of 2, each the transpose of a 3x2 block: a[b][i][k] = 10b + i + 3k, shape [2, 2, 3]
        Tensor a = view(s, new int[]{2, 2, 3}, new int[]{10, 1, 3}, 0);
        // b: one [3, 2] matrix shared by both batches (stride 0), offset 30: b[k][j] = 30 + 2k + j
        Tensor b = view(s, new int[]{2, 3, 2}, new int[]{0, 2, 1}, 30);
        Tensor buffer = Tensor.zeros(DType.FLOAT64, 8);
        Tensor out = view(buffer, new int[]{2, 2, 2}, new int[]{1, 2, 4}, 0); // a scrambled output layout
        cpu.matmul(a.operand(), b.operand(), out.operand());
        double[] expected = new double[8];
        for (int bb = 0; bb < 2; bb++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    double sum = 0;
                    for (int k = 0; k < 3; k++) {
                        sum += (10 * bb + i + 3 * k) * (30 + 2 * k + j);
                    }
                    expected[bb + 2 * i + 4 * j] = sum;
                }
            }
        }
        assertArrayEquals(expected, buffer.toDoubleArray());
    }

    @Test
    void softmaxAlongAStridedDim() {
        Tensor x = view(counting(6), new int[]{2, 3}, new int[]{1, 2}, 0); // x[i][j] = i + 2j
        Tensor out = poisoned(2, 3);
        cpu.softmax(x.operand(), 1, false, out.operand());
        double[] got = out.toDoubleArray();
        for (int i = 0; i < 2; i++) {
            double z = Math.exp(i) + Math.exp(i + 2) + Math.exp(i + 4);
            for (int j = 0; j < 3; j++) {
                assertEquals(Math.exp(i + 2 * j) / z, got[i * 3 + j], 1e-15);
            }
        }
    }

    @Test
    void whereWithAStrideZeroCondition() {
        Tensor cond = view(Tensor.fromArray(new double[]{0, 1}, 2), new int[]{2, 2}, new int[]{0, 1}, 0);
        Tensor a = view(counting(4), new int[]{2, 2}, new int[]{1, 2}, 0);
        Tensor b = view(Tensor.fromArray(new double[]{-1}, 1), new int[]{2, 2}, new int[]{0, 0}, 0);
        Tensor out = poisoned(2, 2);
        cpu.where(cond.operand(), a.operand(), b.operand(), out.operand());
        assertArrayEquals(new double[]{-1, 2, -1, 3}, out.toDoubleArray());
    }

    // ---------- empty tensors ----------

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void everyUnaryOpAcceptsAnEmptyTensor(UnaryOp op) {
        Tensor x = Tensor.zeros(DType.FLOAT64, 0, 3);
        Tensor out = Tensor.empty(cpu, DType.FLOAT64, 0, 3);
        cpu.unary(op, x.t().operand(), view(out, new int[]{3, 0}, new int[]{1, 3}, 0).operand(), 1, 2);
        assertEquals(0, out.toDoubleArray().length);
    }

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void everyBinaryOpAcceptsAnEmptyTensor(BinaryOp op) {
        Tensor a = Tensor.zeros(DType.FLOAT64, 2, 0);
        Tensor b = view(Tensor.ones(DType.FLOAT64, 1), new int[]{2, 0}, new int[]{0, 0}, 0);
        Tensor out = Tensor.empty(cpu, DType.FLOAT64, 2, 0);
        cpu.binary(op, a.operand(), b.operand(), out.operand());
        assertEquals(0, out.toDoubleArray().length);
    }

    @Test
    void fillCopyWhereAndSoftmaxAcceptEmptyTensors() {
        Tensor e = Tensor.empty(cpu, DType.FLOAT32, 4, 0);
        cpu.fill(e.operand(), 3);
        cpu.copy(Tensor.zeros(DType.FLOAT64, 4, 0).operand(), e.operand());
        cpu.where(e.operand(), e.operand(), e.operand(), Tensor.empty(cpu, DType.FLOAT32, 4, 0).operand());
        cpu.softmax(e.operand(), 1, false, Tensor.empty(cpu, DType.FLOAT32, 4, 0).operand());
        cpu.softmax(e.operand(), 0, true, Tensor.empty(cpu, DType.FLOAT32, 4, 0).operand());
        assertEquals(0, e.toFloatArray().length);
    }

    @Test
    void sumOverAnEmptyDimIsZero() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 0, 3);
        Tensor out = poisoned(1, 3);
        cpu.reduce(ReduceOp.SUM, x.operand(), new boolean[]{true, false}, out.operand());
        assertArrayEquals(new double[]{0, 0, 0}, out.toDoubleArray());
        Tensor none = Tensor.empty(cpu, DType.FLOAT64, 0, 1);
        cpu.reduce(ReduceOp.SUM, x.operand(), new boolean[]{false, true}, none.operand());
        assertEquals(0, none.numel());

        assertEquals(0, Tensor.zeros(0).sum().item());
        assertArrayEquals(new double[]{0, 0, 0}, Tensor.zeros(0, 3).sum(0).toDoubleArray());
        assertTrue(Double.isNaN(Tensor.zeros(0).mean().item()), "the mean of nothing is 0/0, as in PyTorch");
        assertArrayEquals(new int[]{0}, Tensor.zeros(0, 3).max(new int[]{1}, false).shape());
    }

    @Test
    void matmulWithAnEmptyInnerDimIsZeros() {
        Tensor a = Tensor.zeros(DType.FLOAT64, 2, 0);
        Tensor b = Tensor.zeros(DType.FLOAT64, 0, 3);
        Tensor out = poisoned(2, 3);
        cpu.matmul(a.operand(), b.operand(), out.operand());
        assertArrayEquals(new double[6], out.toDoubleArray());

        Tensor batched = Tensor.zeros(4, 0).matmul(Tensor.zeros(2, 0, 5));
        assertArrayEquals(new int[]{2, 4, 5}, batched.shape());
        assertArrayEquals(new double[40], batched.toDoubleArray());
        assertArrayEquals(new int[]{0, 3}, Tensor.zeros(0, 2).matmul(Tensor.zeros(2, 3)).shape());
        assertArrayEquals(new int[]{2, 0}, Tensor.zeros(2, 2).matmul(Tensor.zeros(2, 0)).shape());
        assertArrayEquals(new int[]{0, 2, 2}, Tensor.zeros(0, 2, 3).matmul(Tensor.zeros(3, 2)).shape());
        assertEquals(0, Tensor.zeros(0).matmul(Tensor.zeros(0)).item());
    }

    @Test
    void elementwiseOpsOnEmptyTensorsKeepTheShape() {
        Tensor e = Tensor.zeros(3, 0);
        for (Tensor r : new Tensor[]{e.exp(), e.relu(), e.sigmoid(), e.add(Tensor.ones(3, 1)), e.mul(2.0),
                e.softmax(1), e.logSoftmax(0), Tensor.where(e, e, e), e.maximum(Tensor.zeros(1))}) {
            assertArrayEquals(new int[]{3, 0}, r.shape());
        }
    }

    // ---------- dims of size 1 ----------

    @Test
    void sizeOneDimsBroadcastAndReduce() {
        Tensor a = Tensor.fromArray(new double[]{2}, 1, 1);
        Tensor b = Tensor.fromArray(new double[]{1, 2, 3}, 1, 3);
        assertArrayEquals(new double[]{2, 4, 6}, a.mul(b).toDoubleArray());
        assertArrayEquals(new int[]{1, 3}, a.mul(b).shape());
        assertArrayEquals(new double[]{1, 2, 3}, b.sum(new int[]{0}, false).toDoubleArray());
        assertArrayEquals(new int[]{1, 1}, b.max(new int[]{1}, true).shape());
        assertArrayEquals(new double[]{6}, a.matmul(Tensor.fromArray(new double[]{3}, 1, 1)).toDoubleArray());
        assertArrayEquals(new double[]{1, 1, 1}, b.softmax(0).toDoubleArray());

        // A size-1 dim with a stride that points outside the storage must never be followed.
        Tensor odd = view(counting(3), new int[]{1, 3}, new int[]{1000, 1}, 0);
        Tensor out = poisoned(1, 3);
        cpu.unary(UnaryOp.ABS, odd.operand(), out.operand(), 0, 0);
        assertArrayEquals(new double[]{0, 1, 2}, out.toDoubleArray());
    }

    // ---------- NaN ----------

    @Test
    void maximumAndMinimumPropagateNaNFromEitherSide() {
        double nan = Double.NaN;
        Tensor a = Tensor.fromArray(new double[]{nan, 1, nan, -0.5}, 4);
        Tensor b = Tensor.fromArray(new double[]{2, nan, nan, Double.NEGATIVE_INFINITY}, 4);
        for (BinaryOp op : new BinaryOp[]{BinaryOp.MAXIMUM, BinaryOp.MINIMUM}) {
            Tensor out = Tensor.empty(cpu, DType.FLOAT64, 4);
            cpu.binary(op, a.operand(), b.operand(), out.operand());
            double[] got = out.toDoubleArray();
            assertTrue(Double.isNaN(got[0]) && Double.isNaN(got[1]) && Double.isNaN(got[2]), op + " " + Arrays.toString(got));
            assertEquals(op == BinaryOp.MAXIMUM ? -0.5 : Double.NEGATIVE_INFINITY, got[3], op.toString());
        }
        assertTrue(Double.isNaN(a.maximum(b).toDoubleArray()[1]));
        assertTrue(Double.isNaN(b.minimum(a).toDoubleArray()[0]));
    }

    @Test
    void maxAndMinReductionsPropagateNaNWhereverItSits() {
        for (int at = 0; at < 4; at++) {
            double[] v = {3, -1, 7, 0};
            v[at] = Double.NaN;
            Tensor x = Tensor.fromArray(v, 4);
            for (ReduceOp op : new ReduceOp[]{ReduceOp.MAX, ReduceOp.MIN}) {
                Tensor out = poisoned(1);
                cpu.reduce(op, x.operand(), new boolean[]{true}, out.operand());
                assertTrue(Double.isNaN(out.item()), op + " with NaN at " + at);
            }
            assertTrue(Double.isNaN(x.max().item()) && Double.isNaN(x.min().item()), "NaN at " + at);
        }
        // Only the row holding the NaN is poisoned.
        Tensor rows = Tensor.fromArray(new double[]{1, Double.NaN, 5, 4}, 2, 2);
        double[] rowMax = rows.max(new int[]{1}, false).toDoubleArray();
        assertTrue(Double.isNaN(rowMax[0]));
        assertEquals(5, rowMax[1]);
        // Infinities are ordinary values.
        Tensor inf = Tensor.fromArray(new double[]{Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY}, 2);
        assertEquals(Double.NEGATIVE_INFINITY, inf.max().item());
    }
}

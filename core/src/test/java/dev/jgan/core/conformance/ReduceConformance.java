package dev.jgan.core.conformance;

import dev.jgan.core.DType;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.ReduceOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** sum, max and min over any dims, on every backend, against {@link Oracle#reduce}. */
public abstract class ReduceConformance extends ConformanceSuite {
    private static final List<Layout> INPUTS = List.of(Layout.contiguous(5, 7, 3), Layout.transposed(5, 7, 3),
            Layout.gapped(5, 7, 3), Layout.broadcast(new int[]{5, 7, 3}, 1));

    private static final List<boolean[]> MASKS = List.of(new boolean[]{true, false, false},
            new boolean[]{false, true, false}, new boolean[]{false, false, true}, new boolean[]{true, false, true},
            new boolean[]{false, true, true}, new boolean[]{false, false, false}, new boolean[]{true, true, true});

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void everyOpOverEverySetOfDimsOfEveryLayout(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Random random = new Random(31);
        for (ReduceOp op : ReduceOp.values()) {
            for (Layout layout : INPUTS) {
                Layout.Pair x = layout.random(backend, dtype, random, -2, 2);
                for (boolean[] mask : MASKS) {
                    check(backend, dtype, op, x, mask, op + " over " + Arrays.toString(mask) + " of " + layout);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void longRowsNeedSeveralPassesOfTheBlock(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Random random = new Random(32);
        // 301 and 1000 are more than one block of threads holds on any target; 1 is a lone element.
        for (Layout layout : List.of(Layout.contiguous(3, 301), Layout.transposed(1000, 2), Layout.contiguous(1, 1))) {
            Layout.Pair x = layout.random(backend, dtype, random, -2, 2);
            for (ReduceOp op : ReduceOp.values()) {
                for (boolean[] mask : List.of(new boolean[]{false, true}, new boolean[]{true, false}, new boolean[]{true, true})) {
                    check(backend, dtype, op, x, mask, op + " over " + Arrays.toString(mask) + " of " + layout);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void nanWinsMaxAndMinAndPoisonsSum(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        double[] data = new double[3 * 40];
        Arrays.fill(data, 1.0);
        data[2 * 40 + 33] = Double.NaN;
        Layout.Pair x = Layout.contiguous(3, 40).over(backend, dtype, data);
        for (ReduceOp op : ReduceOp.values()) {
            check(backend, dtype, op, x, new boolean[]{false, true}, op + " of rows, one with a NaN");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void reducingNoElementsGivesTheIdentity(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Layout.Pair x = Layout.contiguous(0, 4).over(backend, dtype, new double[0]);
        for (ReduceOp op : ReduceOp.values()) {
            check(backend, dtype, op, x, new boolean[]{true, false}, op + " of an empty dim");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void resultsGoIntoAStridedKeepdimOutput(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Layout.Pair x = Layout.transposed(6, 5).random(backend, dtype, new Random(33), -2, 2);
        Layout outLayout = Layout.gapped(6, 1);
        double[] sentinels = new double[outLayout.storageSize()];
        Arrays.fill(sentinels, Expect.SENTINEL);
        Layout.Pair out = outLayout.over(backend, dtype, sentinels);
        backend.reduce(ReduceOp.SUM, x.device().operand(), new boolean[]{false, true}, out.device().operand());
        double[] expected = Oracle.reduce(ReduceOp.SUM, x.cpu().toDoubleArray(), new int[]{6, 5}, new boolean[]{false, true});
        compareSums("sum into " + outLayout, dtype, expected, out.device().toDoubleArray(), x.cpu().toDoubleArray().length);
        Expect.untouchedOutside("sum into " + outLayout, outLayout, out.deviceBase().toDoubleArray());
    }

    private static void check(Backend backend, DType dtype, ReduceOp op, Layout.Pair x, boolean[] mask, String what) {
        int[] shape = x.cpu().shape();
        int[] outShape = Shape.reduced(shape, mask, true);
        Tensor out = Tensor.empty(backend, dtype, outShape);
        backend.reduce(op, x.device().operand(), mask, out.operand());
        double[] expected = Oracle.reduce(op, x.cpu().toDoubleArray(), shape, mask);
        if (op == ReduceOp.SUM) {
            compareSums(what, dtype, expected, out.toDoubleArray(), x.cpu().numel());
        } else {
            Expect.equal(what, expected, out.toDoubleArray());
        }
    }

    /** A sum of n terms of magnitude <= 2, in any order: rounding error below n * 2 * eps. */
    private static void compareSums(String what, DType dtype, double[] expected, double[] actual, int n) {
        double eps = dtype == DType.FLOAT32 ? 0x1p-24 : 0x1p-53;
        Expect.close(what, expected, actual, 0, Math.max(1, n) * 2 * eps * 4);
    }
}

package dev.jgan.core.conformance;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.UnaryOp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** unary, binary and where on every backend, against {@link Oracle}, on awkward sizes and layouts. */
public abstract class ElementwiseConformance extends ConformanceSuite {
    private static final double[] SPECIAL = {Double.NaN, Double.NEGATIVE_INFINITY, -2.0, -0.5, -0.0, 0.0, 0.5, 1.0,
            3.0, Double.POSITIVE_INFINITY};

    /** 1 element, a prime, a transpose, gaps with an offset, a scalar, more than the emulator's grid covers. */
    private static final List<Layout> LAYOUTS = List.of(Layout.contiguous(), Layout.contiguous(1), Layout.contiguous(37),
            Layout.transposed(5, 7), Layout.gapped(3, 4, 5), Layout.contiguous(1000));

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void unaryOpsMatchTheirDefinitionOnEveryLayout(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Random random = new Random(11);
        for (UnaryOp op : UnaryOp.values()) {
            for (Layout layout : LAYOUTS) {
                Layout.Pair x = layout.random(backend, dtype, random, -3, 3);
                checkUnary(backend, dtype, op, x, op + " on " + layout);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void unaryOpsTreatNanInfinityAndZeroAsJavaDoes(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        for (UnaryOp op : UnaryOp.values()) {
            Layout.Pair x = Layout.contiguous(SPECIAL.length).over(backend, dtype, SPECIAL);
            checkUnary(backend, dtype, op, x, op + " on special values");
        }
    }

    private static void checkUnary(Backend backend, DType dtype, UnaryOp op, Layout.Pair x, String what) {
        double p1 = op == UnaryOp.CLAMP ? -0.5 : op == UnaryOp.POW ? 2.5 : 0.01;
        double p2 = 0.75;
        Tensor out = Tensor.empty(backend, dtype, x.cpu().shape());
        backend.unary(op, x.device().operand(), out.operand(), p1, p2);
        double[] in = x.cpu().toDoubleArray();
        double[] expected = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            // The kernels compute in the tensor's dtype, parameters included.
            double q1 = dtype == DType.FLOAT32 && Oracle.exact(op) ? (float) p1 : p1;
            double q2 = dtype == DType.FLOAT32 && Oracle.exact(op) ? (float) p2 : p2;
            expected[i] = Oracle.unary(op, in[i], q1, q2);
        }
        compare(what, dtype, Oracle.exact(op), expected, out.toDoubleArray());
    }

    /** Output shape [4, 3, 5] from operands with every kind of layout, broadcasts included. */
    private static final List<Layout[]> BINARY_LAYOUTS = List.of(
            new Layout[]{Layout.contiguous(4, 3, 5), Layout.contiguous(4, 3, 5)},
            new Layout[]{Layout.broadcast(new int[]{4, 3, 5}, 0), Layout.broadcast(new int[]{4, 3, 5}, 1, 2)},
            new Layout[]{Layout.transposed(4, 3, 5), Layout.gapped(4, 3, 5)},
            new Layout[]{Layout.contiguous(), Layout.contiguous()},
            new Layout[]{Layout.contiguous(37), Layout.broadcast(new int[]{37}, 0)},
            new Layout[]{Layout.gapped(1000), Layout.contiguous(1000)});

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void binaryOpsMatchTheirDefinitionWithBroadcasting(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Random random = new Random(12);
        for (BinaryOp op : BinaryOp.values()) {
            for (Layout[] layouts : BINARY_LAYOUTS) {
                // Small integers make ties common, so that EQ, GE and LE see both answers.
                Layout.Pair a = layouts[0].over(backend, dtype, smallIntegers(random, layouts[0].storageSize()));
                Layout.Pair b = layouts[1].random(backend, dtype, random, -3, 3);
                checkBinary(backend, dtype, op, a, b, op + " of " + layouts[0] + " and " + layouts[1]);
                Layout.Pair c = layouts[1].over(backend, dtype, smallIntegers(random, layouts[1].storageSize()));
                checkBinary(backend, dtype, op, a, c, op + " of integers on " + layouts[0] + " and " + layouts[1]);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void binaryOpsTreatNanInfinityAndZeroAsJavaDoes(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        int n = SPECIAL.length;
        // Every pair of special values: a walks the rows, b the columns.
        Layout.Pair a = Layout.broadcast(new int[]{n, n}, 1).over(backend, dtype, SPECIAL);
        Layout.Pair b = Layout.broadcast(new int[]{n, n}, 0).over(backend, dtype, SPECIAL);
        for (BinaryOp op : BinaryOp.values()) {
            checkBinary(backend, dtype, op, a, b, op + " of special values");
        }
    }

    private static void checkBinary(Backend backend, DType dtype, BinaryOp op, Layout.Pair a, Layout.Pair b, String what) {
        Tensor out = Tensor.empty(backend, dtype, a.cpu().shape());
        backend.binary(op, a.device().operand(), b.device().operand(), out.operand());
        double[] x = a.cpu().toDoubleArray();
        double[] y = b.cpu().toDoubleArray();
        double[] expected = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            expected[i] = Oracle.binary(op, x[i], y[i]);
        }
        compare(what, dtype, Oracle.exact(op), expected, out.toDoubleArray());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void whereSelectsByMaskWithBroadcasting(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Random random = new Random(13);
        int[] shape = {4, 3, 5};
        double[] mask = new double[Layout.gapped(shape).storageSize()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = random.nextInt(2);
        }
        Layout.Pair cond = Layout.gapped(shape).over(backend, dtype, mask);
        Layout.Pair a = Layout.broadcast(shape, 1).random(backend, dtype, random, -3, 3);
        Layout.Pair b = Layout.transposed(shape).random(backend, dtype, random, -3, 3);
        Tensor out = Tensor.empty(backend, dtype, shape);
        backend.where(cond.device().operand(), a.device().operand(), b.device().operand(), out.operand());
        double[] c = cond.cpu().toDoubleArray();
        double[] x = a.cpu().toDoubleArray();
        double[] y = b.cpu().toDoubleArray();
        double[] expected = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            expected[i] = c[i] != 0 ? x[i] : y[i];
        }
        Expect.equal("where", expected, out.toDoubleArray());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void kernelsWriteOnlyTheElementsOfAStridedOutput(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Random random = new Random(14);
        Layout outLayout = Layout.gapped(3, 7);
        double[] sentinels = new double[outLayout.storageSize()];
        Arrays.fill(sentinels, Expect.SENTINEL);
        Layout.Pair x = Layout.transposed(3, 7).random(backend, dtype, random, -3, 3);
        Layout.Pair y = Layout.broadcast(new int[]{3, 7}, 0).random(backend, dtype, random, -3, 3);

        Layout.Pair negated = outLayout.over(backend, dtype, sentinels);
        backend.unary(UnaryOp.NEG, x.device().operand(), negated.device().operand(), 0, 0);
        double[] in = x.cpu().toDoubleArray();
        double[] expected = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            expected[i] = -in[i];
        }
        Expect.equal("neg into " + outLayout, expected, negated.device().toDoubleArray());
        Expect.untouchedOutside("neg into " + outLayout, outLayout, negated.deviceBase().toDoubleArray());

        Layout.Pair sum = outLayout.over(backend, dtype, sentinels);
        backend.binary(BinaryOp.ADD, x.device().operand(), y.device().operand(), sum.device().operand());
        double[] other = y.cpu().toDoubleArray();
        for (int i = 0; i < in.length; i++) {
            expected[i] = in[i] + other[i];
        }
        compare("add into " + outLayout, dtype, true, expected, sum.device().toDoubleArray());
        Expect.untouchedOutside("add into " + outLayout, outLayout, sum.deviceBase().toDoubleArray());
    }

    private static double[] smallIntegers(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextInt(7) - 3;
        }
        return values;
    }

    /** Exact ops must agree bit for bit (after rounding to float32); the others to a few ulps. */
    static void compare(String what, DType dtype, boolean exact, double[] expected, double[] actual) {
        if (exact && dtype == DType.FLOAT32) {
            Expect.sameFloats(what, expected, actual);
        } else if (exact) {
            Expect.equal(what, expected, actual);
        } else if (dtype == DType.FLOAT32) {
            Expect.close(what, expected, actual, 1e-6, 1e-7);
        } else {
            Expect.close(what, expected, actual, 1e-13, 1e-300);
        }
    }
}

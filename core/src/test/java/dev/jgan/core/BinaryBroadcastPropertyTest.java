package dev.jgan.core;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.DoubleBinaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every binary op, on random broadcast-compatible shapes and random layouts, against a loop
 * over the output's indices that maps each index back into both operands by hand.
 */
class BinaryBroadcastPropertyTest {

    record BinaryCase(String name, BinaryOperator<Tensor> op, DoubleBinaryOperator expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<BinaryCase> OPS = List.of(
            new BinaryCase("add", Tensor::add, (x, y) -> x + y),
            new BinaryCase("sub", Tensor::sub, (x, y) -> x - y),
            new BinaryCase("mul", Tensor::mul, (x, y) -> x * y),
            new BinaryCase("div", Tensor::div, (x, y) -> x / y),
            new BinaryCase("pow", Tensor::pow, Math::pow),
            new BinaryCase("maximum", Tensor::maximum, Math::max),
            new BinaryCase("minimum", Tensor::minimum, Math::min),
            new BinaryCase("gt", Tensor::gt, (x, y) -> x > y ? 1 : 0),
            new BinaryCase("ge", Tensor::ge, (x, y) -> x >= y ? 1 : 0),
            new BinaryCase("lt", Tensor::lt, (x, y) -> x < y ? 1 : 0),
            new BinaryCase("le", Tensor::le, (x, y) -> x <= y ? 1 : 0),
            new BinaryCase("eq", Tensor::eq, (x, y) -> x == y ? 1 : 0));

    static Stream<Arguments> cases() {
        return IntStream.range(0, 200).boxed().flatMap(seed -> Stream.of(DType.values())
                .map(dtype -> Arguments.of(seed, dtype)));
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("cases")
    void everyBinaryOpEqualsAnIndexLoop(int seed, DType dtype) {
        Random rnd = new Random(seed);
        int[][] pair = BroadcastShapes.pair(rnd);
        int[] out = ShapeBroadcastPropertyTest.numpyBroadcast(pair[0], pair[1]);
        if (out == null) {
            // Incompatible pairs are the broadcast test's business; pair the first shape with
            // itself instead, so that every seed checks values.
            pair = new int[][]{pair[0], pair[0]};
            out = pair[0];
        }
        double[] av = values(pair[0], dtype, rnd);
        double[] bv = values(pair[1], dtype, rnd);
        Tensor a = AwkwardLayout.of(av, pair[0], dtype, rnd);
        Tensor b = AwkwardLayout.of(bv, pair[1], dtype, rnd);
        for (BinaryCase c : OPS) {
            Tensor result = c.op().apply(a, b);
            assertArrayEquals(out, result.shape(), c.name());
            assertEquals(dtype, result.dtype(), c.name());
            double[] expected = new double[IndexSpace.count(out)];
            for (int[] o : IndexSpace.all(out)) {
                double x = av[IndexSpace.linear(pair[0], operandIndex(o, pair[0]))];
                double y = bv[IndexSpace.linear(pair[1], operandIndex(o, pair[1]))];
                double v = c.expected().applyAsDouble(x, y);
                expected[IndexSpace.linear(out, o)] = dtype == DType.FLOAT32 ? (float) v : v;
            }
            assertArrayEquals(expected, result.toDoubleArray(), c.name() + " of " + Shape.format(pair[0]) + " and "
                    + Shape.format(pair[1]));
        }
    }

    @ParameterizedTest(name = "seed {0} {1}")
    @MethodSource("cases")
    void whereEqualsAnIndexLoop(int seed, DType dtype) {
        Random rnd = new Random(seed);
        int[][] pair = BroadcastShapes.pair(rnd);
        int[] out = ShapeBroadcastPropertyTest.numpyBroadcast(pair[0], pair[1]);
        if (out == null) {
            // as above: every seed checks values
            pair = new int[][]{pair[1], pair[1]};
            out = pair[1];
        }
        // The condition takes the full broadcast shape with some dims squashed to 1.
        int[] condShape = out.clone();
        for (int d = 0; d < condShape.length; d++) {
            if (rnd.nextBoolean()) {
                condShape[d] = 1;
            }
        }
        double[] cv = new double[IndexSpace.count(condShape)];
        for (int i = 0; i < cv.length; i++) {
            cv[i] = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(3) - 1.5;
        }
        double[] av = values(pair[0], dtype, rnd);
        double[] bv = values(pair[1], dtype, rnd);
        Tensor result = Tensor.where(AwkwardLayout.of(cv, condShape, dtype, rnd), AwkwardLayout.of(av, pair[0], dtype, rnd),
                AwkwardLayout.of(bv, pair[1], dtype, rnd));
        assertArrayEquals(out, result.shape());
        double[] expected = new double[IndexSpace.count(out)];
        for (int[] o : IndexSpace.all(out)) {
            boolean take = cv[IndexSpace.linear(condShape, operandIndex(o, condShape))] != 0;
            expected[IndexSpace.linear(out, o)] = take ? av[IndexSpace.linear(pair[0], operandIndex(o, pair[0]))]
                    : bv[IndexSpace.linear(pair[1], operandIndex(o, pair[1]))];
        }
        assertArrayEquals(expected, result.toDoubleArray());
    }

    /** The operand element that broadcasting pairs with output index {@code o}. */
    static int[] operandIndex(int[] o, int[] shape) {
        int lead = o.length - shape.length;
        int[] index = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            index[d] = shape[d] == 1 ? 0 : o[d + lead];
        }
        return index;
    }

    /**
     * Values drawn from a small set, so that ties (for eq, ge, maximum) happen often, with
     * negative numbers and non-integers for pow and div; zero is left out so div stays finite.
     */
    private static double[] values(int[] shape, DType dtype, Random rnd) {
        double[] v = new double[IndexSpace.count(shape)];
        for (int i = 0; i < v.length; i++) {
            double x = (rnd.nextInt(9) - 4) * 0.75 + (rnd.nextInt(5) == 0 ? rnd.nextDouble() : 0);
            x = x == 0 ? 0.5 : x;
            v[i] = dtype == DType.FLOAT32 ? (float) x : x;
        }
        return v;
    }
}

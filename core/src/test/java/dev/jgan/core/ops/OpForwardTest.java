package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every op's forward result on tiny inputs, against values worked out by hand in the registry. */
class OpForwardTest {
    /** Relative tolerance: the expected values are exact up to the rounding of their own literals. */
    private static final double TOLERANCE = 1e-12;

    static Stream<Arguments> examples() {
        return OpInfos.all().stream().flatMap(info -> info.examples().stream().map(e -> Arguments.of(info, e)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("examples")
    void forwardValue(OpInfo info, ForwardExample example) {
        Tensor out = example.fn().apply(example.inputs());
        String where = info.name() + ": " + example.description();
        assertArrayEquals(example.expectedShape(), out.shape(), where + ": shape " + Shape.format(out.shape()));
        double[] actual = out.toDoubleArray();
        for (int i = 0; i < actual.length; i++) {
            double expected = example.expected()[i];
            assertEquals(expected, actual[i], TOLERANCE * Math.max(1, Math.abs(expected)), where + ": element " + i);
        }
    }
}

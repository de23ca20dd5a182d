package dev.jgan.core.conformance;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** copy (with dtype conversion), fill, and reading back strided views, on every backend. */
public abstract class CopyConformance extends ConformanceSuite {
    private static final List<Layout> SOURCES = List.of(Layout.contiguous(6, 7), Layout.transposed(6, 7),
            Layout.gapped(6, 7), Layout.broadcast(new int[]{6, 7}, 0), Layout.contiguous(1, 1));

        @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void copyConvertsEveryDtypePairBetweenAnyLayouts(ConformanceTarget target) {
        Backend backend = target.backend();
        Random random = new Random(21);
        for (DType from : DType.values()) {
            for (DType to : DType.values()) {
                for (Layout source : SOURCES) {
                    for (Layout destination : List.of(Layout.contiguous(source.shape()), Layout.gapped(source.shape()))) {
                        Layout.Pair src = source.random(backend, from, random, -1e3, 1e3);
                        Layout.Pair dst = destination.over(backend, to, sentinels(destination.storageSize()));
                        backend.copy(src.device().operand(), dst.device().operand());
                        String what = "copy " + from + " " + source + " -> " + to + " " + destination;
                        // float64 -> float32 rounds to nearest, exactly as Java's (float) cast.
                        double[] expected = src.cpu().toDoubleArray();
                        for (int i = 0; i < expected.length && to == DType.FLOAT32; i++) {
                            expected[i] = (float) expected[i];
                        }
                        Expect.equal(what, expected, dst.device().toDoubleArray());
                        Expect.untouchedOutside(what, destination, dst.deviceBase().toDoubleArray());
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void fillWritesExactlyTheView(ConformanceTarget target) {
        Backend backend = target.backend();
        for (DType dtype : DType.values()) {
            for (Layout layout : List.of(Layout.gapped(5, 3), Layout.transposed(5, 3), Layout.contiguous(1000),
                    Layout.contiguous())) {
                Layout.Pair out = layout.over(backend, dtype, sentinels(layout.storageSize()));
                backend.fill(out.device().operand(), 0.1);
                double[] expected = new double[out.cpu().numel()];
                Arrays.fill(expected, dtype == DType.FLOAT32 ? (float) 0.1 : 0.1);
                String what = "fill " + dtype + " " + layout;
                Expect.equal(what, expected, out.device().toDoubleArray());
                Expect.untouchedOutside(what, layout, out.deviceBase().toDoubleArray());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void stridedViewsReadBackInRowMajorOrderAsEitherDtype(ConformanceTarget target) {
        Backend backend = target.backend();
        Random random = new Random(22);
        for (DType dtype : DType.values()) {
            for (Layout layout : SOURCES) {
                Layout.Pair x = layout.random(backend, dtype, random, -1, 1);
                String what = "reading " + dtype + " " + layout;
                Expect.equal(what, x.cpu().toDoubleArray(), x.device().toDoubleArray());
                float[] floats = x.device().toFloatArray();
                double[] widened = new double[floats.length];
                for (int i = 0; i < floats.length; i++) {
                    widened[i] = floats[i];
                }
                Expect.sameFloats(what + " as floats", x.cpu().toDoubleArray(), widened);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void emptyTensorsLaunchNothingAndReadBackEmpty(ConformanceTarget target) {
        Backend backend = target.backend();
        Tensor empty = Tensor.empty(backend, DType.FLOAT32, 0, 3);
        backend.fill(empty.operand(), 1.0);
        backend.copy(empty.operand(), Tensor.empty(backend, DType.FLOAT64, 0, 3).operand());
        assertEquals(0, empty.toDoubleArray().length);
        assertArrayEquals(new float[0], empty.toFloatArray());
    }

    private static double[] sentinels(int n) {
        double[] values = new double[n];
        Arrays.fill(values, Expect.SENTINEL);
        return values;
    }
}

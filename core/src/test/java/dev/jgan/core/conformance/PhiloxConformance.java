package dev.jgan.core.conformance;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.random.Generator;
import dev.jgan.core.random.Philox;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random numbers on every backend against {@link Philox} itself: the same seed and offset give
 * the same bits on the CPU and on the GPU, so a model initialized on either is the same model.
 */
public abstract class PhiloxConformance extends ConformanceSuite {
    private static final long[] SEEDS = {0, 42, -1, Long.MIN_VALUE + 7};
    /** The middle one crosses from counter word 0 into word 1 within 1000 elements. */
    private static final long[] OFFSETS = {0, (1L << 32) - 500, 123_456_789_012L};
    private static final List<Layout> LAYOUTS = List.of(Layout.contiguous(1), Layout.contiguous(37),
            Layout.contiguous(1000), Layout.gapped(6, 7));

        @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void uniformIsBitIdenticalToPhiloxInBothDtypes(ConformanceTarget target) {
        Backend backend = target.backend();
        for (DType dtype : DType.values()) {
            forEachCase(backend, dtype, (out, seed, offset) -> {
                backend.philoxUniform(out.device().operand(), seed, offset, -2, 3);
                int[] block = new int[4];
                double[] expected = new double[out.cpu().numel()];
                for (int i = 0; i < expected.length; i++) {
                    Philox.block(seed, offset + i, block);
                    double u = dtype == DType.FLOAT32 ? Philox.uniformFloat(block[0]) : Philox.uniformDouble(block[0], block[1]);
                    expected[i] = dtype == DType.FLOAT32 ? (float) (-2 + 5 * u) : -2 + 5 * u;
                }
                assertArrayEquals(expected, out.device().toDoubleArray(),
                        "uniform " + dtype + " seed " + seed + " offset " + offset + " " + out.cpu().numel());
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void normalIsBitIdenticalInFloat32AndOffByTheLastBitsOfLogAndCosInFloat64(ConformanceTarget target) {
        Backend backend = target.backend();
        for (DType dtype : DType.values()) {
            forEachCase(backend, dtype, (out, seed, offset) -> {
                backend.philoxNormal(out.device().operand(), seed, offset, 0.5, 2);
                int[] block = new int[4];
                double[] actual = out.device().toDoubleArray();
                for (int i = 0; i < actual.length; i++) {
                    Philox.block(seed, offset + i, block);
                    double z = Philox.boxMuller(block);
                    double expected = 0.5 + 2 * z;
                    String what = "normal " + dtype + " seed " + seed + " offset " + offset + " element " + i;
                    if (dtype == DType.FLOAT32) {
                        assertTrue((float) expected == actual[i], what + ": " + actual[i] + ", expected " + (float) expected);
                    } else {
                        // log and cos are not correctly rounded, in Java or in CUDA: z may differ in its
                        // last bits, and mean + std * z carries that error even when it cancels to near 0.
                        double bound = 2 * Math.ulp(2 * z) + Math.ulp(expected);
                        assertTrue(Math.abs(expected - actual[i]) <= bound,
                                what + ": " + actual[i] + ", expected " + expected);
                    }
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theSameGeneratorGivesTheSameTensorAsOnTheCpu(ConformanceTarget target) {
        Backend backend = target.backend();
        Tensor here = Tensor.uniform(backend, new Generator(2024), DType.FLOAT32, 0, 1, 13, 17);
        Tensor there = Tensor.uniform(Backends.cpu(), new Generator(2024), DType.FLOAT32, 0, 1, 13, 17);
        assertArrayEquals(there.toFloatArray(), here.toFloatArray());
        Tensor normalHere = Tensor.normal(backend, new Generator(7, 99), DType.FLOAT32, 0, 1, 300);
        Tensor normalThere = Tensor.normal(Backends.cpu(), new Generator(7, 99), DType.FLOAT32, 0, 1, 300);
        assertArrayEquals(normalThere.toFloatArray(), normalHere.toFloatArray());
    }

    private interface Check {
        void run(Layout.Pair out, long seed, long offset);
    }

    private static void forEachCase(Backend backend, DType dtype, Check check) {
        for (Layout layout : LAYOUTS) {
            for (long seed : SEEDS) {
                for (long offset : OFFSETS) {
                    check.run(layout.over(backend, dtype, new double[layout.storageSize()]), seed, offset);
                }
            }
        }
    }
}

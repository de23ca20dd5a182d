package dev.jgan.core.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tolerance {@link OpInfoConformance} derives from the CPU's own float32 error: a backend
 * that rounds differently passes, one that computes something else fails, and the message says
 * where and by how much.
 */
class OpInfoConformanceToleranceTest {
    private static final double[] EXACT = {1.0 / 3, -2.0 / 3, 10.0 / 7};
    private static final double[] CPU_FLOAT32 = {(float) (1.0 / 3), (float) (-2.0 / 3), (float) (10.0 / 7)};

    @Test
    void aBackendWithinAFewTimesTheCpusFloat32ErrorPasses() {
        double[] device = CPU_FLOAT32.clone();
        device[2] = Math.nextUp((float) device[2]);
        assertDoesNotThrow(() -> OpInfoConformance.compare("test", EXACT, CPU_FLOAT32, device));
    }

    @Test
    void aWrongElementFailsAndIsNamed() {
        double[] device = CPU_FLOAT32.clone();
        device[1] = -0.6666;
        AssertionError error = assertThrows(AssertionError.class,
                () -> OpInfoConformance.compare("op [sample]: output", EXACT, CPU_FLOAT32, device));
        assertTrue(error.getMessage().startsWith("op [sample]: output: element 1 is -0.6666"), error.getMessage());
    }

    @Test
    void anErrorJustOutsideTheDerivedToleranceFails() {
        double cpuError = 0;
        double scale = 0;
        for (int i = 0; i < EXACT.length; i++) {
            cpuError = Math.max(cpuError, Math.abs(CPU_FLOAT32[i] - EXACT[i]));
            scale = Math.max(scale, Math.abs(EXACT[i]));
        }
        double tolerance = OpInfoConformance.ERROR_FACTOR * cpuError
                + OpInfoConformance.ULPS_OF_SCALE * Math.ulp((float) scale);
        double[] inside = EXACT.clone();
        inside[0] += 0.99 * tolerance;
        double[] outside = EXACT.clone();
        outside[0] += 1.01 * tolerance;
        assertDoesNotThrow(() -> OpInfoConformance.compare("inside", EXACT, CPU_FLOAT32, inside));
        assertThrows(AssertionError.class, () -> OpInfoConformance.compare("outside", EXACT, CPU_FLOAT32, outside));
    }

    @Test
    void nanAndInfinityMustBeMatchedExactly() {
        double[] exact = {Double.NaN, Double.POSITIVE_INFINITY, 1};
        double[] cpu = {Double.NaN, Double.POSITIVE_INFINITY, 1};
        assertDoesNotThrow(() -> OpInfoConformance.compare("same", exact, cpu, cpu.clone()));
        assertThrows(AssertionError.class, () -> OpInfoConformance.compare("nan", exact, cpu, new double[]{0, Double.POSITIVE_INFINITY, 1}));
        assertThrows(AssertionError.class, () -> OpInfoConformance.compare("inf", exact, cpu, new double[]{Double.NaN, 3e38, 1}));
    }
}

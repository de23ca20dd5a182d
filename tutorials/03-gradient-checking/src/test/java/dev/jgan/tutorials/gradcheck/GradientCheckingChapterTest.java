package dev.jgan.tutorials.gradcheck;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.gradcheck.GradCheck.GradCheckError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The claims chapter 3's text makes, checked on what its program computes. */
class GradientCheckingChapterTest {
    private static final double GRADCHECK_EPS = 1e-6;
    private static final double GRADCHECK_ATOL = 1e-5;

    @Test
    void centralDifferenceErrorShrinksAHundredfoldPerDecadeOfEpsInTheSmoothRegion() {
        for (double eps : List.of(1e-1, 1e-2, 1e-3)) {
            FiniteDifferences.Row coarse = FiniteDifferences.row(eps);
            FiniteDifferences.Row fine = FiniteDifferences.row(eps / 10);
            double central = coarse.central64() / fine.central64();
            double forward = coarse.forward64() / fine.forward64();
            assertEquals(100, central, 5, "central difference, eps " + eps + " -> " + eps / 10);
            assertEquals(10, forward, 1, "forward difference, eps " + eps + " -> " + eps / 10);
        }
    }

    @Test
    void roundingTakesOverForTinyStepsAndMuchSoonerInFloat32() {
        FiniteDifferences.Row atGradcheckEps = FiniteDifferences.row(GRADCHECK_EPS);
        // float64 at gradcheck's step: far inside the tolerance. float32: far outside it.
        assertTrue(atGradcheckEps.central64() < 1e-9, "float64 error " + atGradcheckEps.central64());
        assertTrue(atGradcheckEps.central32() > 10 * GRADCHECK_ATOL, "float32 error " + atGradcheckEps.central32());
        // Below the best step the float64 error grows again, like 1/eps.
        assertTrue(FiniteDifferences.row(1e-10).central64() > 100 * FiniteDifferences.row(1e-5).central64());
        // No float32 step beats about atol.
        double best32 = FiniteDifferences.STEPS.stream().mapToDouble(e -> FiniteDifferences.row(e).central32())
                .min().orElseThrow();
        assertTrue(best32 > 0.5 * GRADCHECK_ATOL, "best float32 central difference " + best32);
        // A step below float32's spacing at x = 0.5 vanishes: the quotient is 0.
        assertEquals(0.0, FiniteDifferences.central(DType.FLOAT32, 1e-8));
    }

    @Test
    void theWrongBackwardFailsGradcheckNamingTheInputAndTheElement() {
        GradCheckError e = assertThrows(GradCheckError.class, () -> GradCheck.gradcheck(
                in -> HandWrittenTanh.tanh(in.get(0), HandWrittenTanh.SQUARE_FORGOTTEN), tanhInputs()));
        assertTrue(e.getMessage().contains("input 0 (shape [3]) element 0, output element 0"), e.getMessage());
        double y = Math.tanh(GradientCheckingChapter.TANH_INPUTS[0]);
        assertTrue(e.getMessage().contains("analytical " + (1 - y)), e.getMessage());
    }

    @Test
    void theFixedBackwardPassesGradcheckAndGradgradcheck() {
        GradCheck.gradcheck(in -> HandWrittenTanh.tanh(in.get(0), HandWrittenTanh.RIGHT), tanhInputs());
        GradCheck.gradgradcheck(in -> HandWrittenTanh.tanh(in.get(0), HandWrittenTanh.RIGHT), tanhInputs());
    }

    @Test
    void theDetachedBackwardPassesGradcheckButFailsGradgradcheck() {
        Function<List<Tensor>, Tensor> f = in -> HandWrittenTanh.tanh(in.get(0), HandWrittenTanh.DETACHED);
        GradCheck.gradcheck(f, tanhInputs());
        GradCheckError e = assertThrows(GradCheckError.class, () -> GradCheck.gradgradcheck(f, tanhInputs()));
        assertTrue(e.getMessage().contains("input 0 (shape [3]) element 0"), e.getMessage());
    }

    @Test
    void onlyTheDetachedBackwardChangesTheGradientPenaltysGradient() {
        double[] x = GradientCheckingChapter.PENALTY_X;
        double[] w = GradientCheckingChapter.PENALTY_W;
        double[] core = GradientPenalty.gradientForW(x, w, Tensor::tanh);
        double[] right = GradientPenalty.gradientForW(x, w, t -> HandWrittenTanh.tanh(t, HandWrittenTanh.RIGHT));
        double[] detached = GradientPenalty.gradientForW(x, w, t -> HandWrittenTanh.tanh(t, HandWrittenTanh.DETACHED));
        assertArrayEquals(core, right, 1e-12);
        for (int i = 1; i < core.length; i++) {
            assertTrue(Math.signum(core[i]) != Math.signum(detached[i]), "component " + i + ": " + core[i] + " vs "
                    + detached[i]);
        }
    }

    @Test
    void theBroadcastMulJacobiansAgreeEntryByEntry() {
        Tensor a = Tensor.fromArray(new double[]{1, 2}, 2, 1).requiresGrad(true);
        Tensor b = Tensor.fromArray(new double[]{3, 4, 5}, 3).requiresGrad(true);
        Function<List<Tensor>, Tensor> f = in -> in.get(0).mul(in.get(1));
        double[][] analytical = Jacobians.analytical(f, List.of(a, b));
        double[][] numerical = Jacobians.numerical(f, List.of(a, b), GRADCHECK_EPS);
        assertEquals(6, analytical.length);
        assertEquals(5, analytical[0].length);
        // out[1, 2] = a1 * b2: d/da1 = b2 = 5, d/db2 = a1 = 2, nothing else.
        assertArrayEquals(new double[]{0, 5, 0, 0, 2}, analytical[5]);
        assertTrue(Jacobians.largestDifference(analytical, numerical) < 1e-8);
    }

    @Test
    void everyMulSamplePassesBothChecksAtTheCostTheTextStates() {
        for (MulSamples.Result r : MulSamples.checkAll()) {
            assertEquals("passed", r.gradcheck(), r.sample().name());
            assertEquals("passed", r.gradgradcheck(), r.sample().name());
            assertEquals(1 + 2 * r.columns(), r.evaluations(), r.sample().name());
        }
    }

    @Test
    void gradcheckFailsExactlyOnTheKinksAndTiesItCannotResolve() {
        Map<String, Boolean> passes = Kinks.CASES.stream()
                .collect(Collectors.toMap(Kinks.Case::description, c -> Kinks.check(c).equals("passed")));
        assertEquals(Map.of(
                "relu at 0", false,
                "relu at 0.05 (the registry's margin)", true,
                "abs at 3e-7, within eps of its kink", false,
                "abs at 0.05", true,
                "max of [1, 1, 1], a three-way tie", false,
                "max of [1, 1], a two-way tie", true,
                "max of [1, 1.2, 1.4] (a shuffled grid)", true), passes);
    }

    private static Tensor tanhInputs() {
        double[] x = GradientCheckingChapter.TANH_INPUTS;
        return Tensor.fromArray(x, x.length).requiresGrad(true);
    }
}

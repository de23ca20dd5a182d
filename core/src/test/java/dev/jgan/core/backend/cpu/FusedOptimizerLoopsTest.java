package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.FusedOptimizerKernels;
import dev.jgan.core.backend.FusedOptimizerKernels.AdamSettings;
import dev.jgan.core.backend.FusedOptimizerKernels.SgdSettings;
import dev.jgan.core.backend.Operand;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused SGD and Adam reference loops give bit for bit what the same update written with
 * tensor ops gives (the way dev.jgan.nn.optim writes it), over several steps, in both dtypes,
 * with a transposed gradient and a parameter that is a strided view.
 */
class FusedOptimizerLoopsTest {
    private final FusedOptimizerKernels cpu = (FusedOptimizerKernels) Backends.cpu();

    private static final List<SgdSettings> SGD = List.of(
            new SgdSettings(0.1, 0, 0, false, 0),
            new SgdSettings(0.05, 0.9, 0, false, 0),
            new SgdSettings(0.05, 0.9, 0.25, false, 1e-2),
            new SgdSettings(0.03, 0.8, 0, true, 5e-3));

    private static final List<AdamSettings> ADAM = List.of(
            new AdamSettings(1e-3, 0.9, 0.999, 1e-8, 0, false),
            new AdamSettings(2e-4, 0.5, 0.999, 1e-8, 1e-2, false),
            new AdamSettings(1e-2, 0.8, 0.99, 1e-6, 0, true));

    @ParameterizedTest
    @EnumSource(DType.class)
    void sgdMatchesTheUpdateWrittenWithTensorOps(DType dtype) {
        for (SgdSettings s : SGD) {
            Tensor fusedParam = start(dtype);
            Tensor opsParam = fusedParam.contiguousCopy();
            Tensor fusedBuffer = s.momentum() != 0 ? Tensor.zeros(dtype, 5, 7) : null;
            Tensor[] opsBuffer = {null};
            for (int step = 1; step <= 4; step++) {
                Tensor grad = gradient(dtype, step);
                cpu.sgdStep(strided(fusedParam).operand(), grad.operand(), operandOrNull(fusedBuffer), step == 1, s);
                sgdWithOps(strided(opsParam), grad, opsBuffer, s);
                assertArrayEquals(opsParam.toDoubleArray(), fusedParam.toDoubleArray(), s + " step " + step);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void adamMatchesTheUpdateWrittenWithTensorOps(DType dtype) {
        for (AdamSettings s : ADAM) {
            Tensor fusedParam = start(dtype);
            Tensor opsParam = fusedParam.contiguousCopy();
            Tensor[] fusedState = {Tensor.zeros(dtype, 5, 7), Tensor.zeros(dtype, 5, 7),
                    s.amsgrad() ? Tensor.zeros(dtype, 5, 7) : null};
            Tensor[] opsState = {Tensor.zeros(dtype, 5, 7), Tensor.zeros(dtype, 5, 7), Tensor.zeros(dtype, 5, 7)};
            for (int step = 1; step <= 4; step++) {
                Tensor grad = gradient(dtype, step);
                cpu.adamStep(strided(fusedParam).operand(), grad.operand(), fusedState[0].operand(),
                        fusedState[1].operand(), operandOrNull(fusedState[2]), step, s);
                adamWithOps(strided(opsParam), grad, opsState, step, s);
                assertArrayEquals(opsParam.toDoubleArray(), fusedParam.toDoubleArray(), s + " step " + step);
                assertArrayEquals(opsState[1].toDoubleArray(), fusedState[1].toDoubleArray(), s + " v, step " + step);
            }
        }
    }

    /**
     * The float32 fast path (contiguous tensors, large enough to be split across threads) against
     * the reference loop, including the -0, subnormal and huge gradients where a reordered or
     * fused expression would show.
     */
    @Test
    void theContiguousFloat32FastPathGivesTheReferenceLoopsBits() {
        int n = 200_003;
        for (AdamSettings s : ADAM) {
            Tensor fastParam = Tensor.normal(new Generator(5), DType.FLOAT32, 0, 1, n);
            Tensor refParam = fastParam.contiguousCopy();
            Tensor[] fast = {Tensor.zeros(n), Tensor.zeros(n), s.amsgrad() ? Tensor.zeros(n) : null};
            Tensor[] ref = {Tensor.zeros(n), Tensor.zeros(n), s.amsgrad() ? Tensor.zeros(n) : null};
            for (int step = 1; step <= 3; step++) {
                Tensor grad = awkwardGradient(n, step);
                assertTrue(FastOptimizerLoops.applies(fastParam.operand(), grad.operand(), fast[0].operand(),
                        fast[1].operand(), operandOrNull(fast[2])));
                cpu.adamStep(fastParam.operand(), grad.operand(), fast[0].operand(), fast[1].operand(),
                        operandOrNull(fast[2]), step, s);
                FusedOptimizerLoops.adam(refParam.operand(), grad.operand(), ref[0].operand(), ref[1].operand(),
                        operandOrNull(ref[2]), step, s);
                assertBitsEqual(refParam, fastParam, s + " step " + step);
                assertBitsEqual(ref[1], fast[1], s + " v, step " + step);
            }
        }
        for (SgdSettings s : SGD) {
            Tensor fastParam = Tensor.normal(new Generator(6), DType.FLOAT32, 0, 1, n);
            Tensor refParam = fastParam.contiguousCopy();
            Tensor fastBuffer = s.momentum() != 0 ? Tensor.zeros(n) : null;
            Tensor refBuffer = s.momentum() != 0 ? Tensor.zeros(n) : null;
            for (int step = 1; step <= 3; step++) {
                Tensor grad = awkwardGradient(n, step);
                cpu.sgdStep(fastParam.operand(), grad.operand(), operandOrNull(fastBuffer), step == 1, s);
                FusedOptimizerLoops.sgd(refParam.operand(), grad.operand(), operandOrNull(refBuffer), step == 1, s);
                assertBitsEqual(refParam, fastParam, s + " step " + step);
            }
        }
    }

    /** A contiguous view that starts inside its storage takes the reference loops, with their bits. */
    @Test
    void aParameterAtAnOffsetTakesTheReferenceLoops() {
        int n = 1000;
        AdamSettings s = ADAM.get(0);
        Tensor param = Tensor.normal(new Generator(7), DType.FLOAT32, 0, 1, n + 3).narrow(0, 3, n);
        Tensor refParam = param.contiguousCopy();
        Tensor grad = awkwardGradient(n, 1);
        Tensor[] state = {Tensor.zeros(n), Tensor.zeros(n)};
        Tensor[] ref = {Tensor.zeros(n), Tensor.zeros(n)};
        assertTrue(param.isContiguous());
        assertFalse(FastOptimizerLoops.applies(param.operand(), grad.operand(), state[0].operand(),
                state[1].operand()));
        cpu.adamStep(param.operand(), grad.operand(), state[0].operand(), state[1].operand(), null, 1, s);
        FusedOptimizerLoops.adam(refParam.operand(), grad.operand(), ref[0].operand(), ref[1].operand(), null, 1, s);
        assertBitsEqual(refParam, param, "Adam on a view at offset 3");
    }

    @Test
    void missingOrSurplusStateAndMismatchedShapesAreRefused() {
        Tensor p = Tensor.zeros(3);
        IllegalArgumentException noBuffer = assertThrows(IllegalArgumentException.class,
                () -> cpu.sgdStep(p.operand(), p.operand(), null, true, new SgdSettings(0.1, 0.9, 0, false, 0)));
        assertTrue(noBuffer.getMessage().contains("momentum 0.9 needs a momentum buffer"), noBuffer.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> cpu.adamStep(p.operand(), Tensor.zeros(4).operand(), p.operand(), p.operand(), null, 1,
                        ADAM.get(0)));
        assertTrue(shape.getMessage().startsWith("adam step: every tensor must match the parameter [3] float32 on cpu, got [4]"),
                shape.getMessage());
        IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
                () -> cpu.adamStep(p.operand(), p.operand(), p.operand(), p.operand(), null, 0, ADAM.get(0)));
        assertTrue(step.getMessage().contains("step numbers start at 1"), step.getMessage());
    }

    private static Tensor awkwardGradient(int n, int step) {
        float[] g = Tensor.normal(new Generator(200 + step), DType.FLOAT32, 0, 1, n).toFloatArray();
        g[0] = -0f;
        g[1] = Float.MIN_VALUE;
        g[2] = 3e38f;
        g[3] = -1e-30f;
        return Tensor.fromArray(g, n);
    }

    private static void assertBitsEqual(Tensor expected, Tensor actual, String what) {
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                throw new AssertionError(what + ", element " + i + ": " + e[i] + " vs " + a[i]);
            }
        }
    }

    /** A [5, 7] parameter stored with a gap of one element after every row, at offset 2. */
    private static Tensor start(DType dtype) {
        return Tensor.normal(new Generator(11), dtype, 0, 1, 5 * 8 + 2);
    }

    /** The kernels take null for absent optimizer state. */
    private static Operand operandOrNull(Tensor t) {
        return t == null ? null : t.operand();
    }

    private static Tensor strided(Tensor storage) {
        return Tensor.asStrided(storage, new int[]{5, 7}, new int[]{8, 1}, 2);
    }

    /** A transposed [5, 7] view, different at every step. */
    private static Tensor gradient(DType dtype, int step) {
        return Tensor.normal(new Generator(100 + step), dtype, 0, 1, 7, 5).t();
    }

    /** torch 1.13's single-tensor SGD, as dev.jgan.nn.optim.SGD writes it. */
    private static void sgdWithOps(Tensor param, Tensor grad, Tensor[] buffer, SgdSettings s) {
        try (GradMode.Scope scope = GradMode.noGrad()) {
            Tensor g = s.weightDecay() != 0 ? grad.add(param.mul(s.weightDecay())) : grad;
            if (s.momentum() != 0) {
                if (buffer[0] == null) {
                    buffer[0] = g.contiguousCopy();
                } else {
                    buffer[0].mul_(s.momentum()).add_(g, 1 - s.dampening());
                }
                g = s.nesterov() ? g.add(buffer[0].mul(s.momentum())) : buffer[0];
            }
            param.add_(g, -s.lr());
        }
    }

    /** torch 1.13's single-tensor Adam, as dev.jgan.nn.optim.Adam writes it. */
    private static void adamWithOps(Tensor param, Tensor grad, Tensor[] state, long step, AdamSettings s) {
        try (GradMode.Scope scope = GradMode.noGrad()) {
            Tensor g = s.weightDecay() != 0 ? grad.add(param.mul(s.weightDecay())) : grad;
            state[0].mul_(s.beta1()).add_(g, 1 - s.beta1());
            state[1].mul_(s.beta2()).add_(g.mul(g), 1 - s.beta2());
            double biasCorrection1 = 1 - Math.pow(s.beta1(), step);
            double biasCorrection2 = 1 - Math.pow(s.beta2(), step);
            Tensor second = state[1];
            if (s.amsgrad()) {
                state[2].copy_(state[2].maximum(state[1]));
                second = state[2];
            }
            Tensor denom = second.sqrt().div(Math.sqrt(biasCorrection2)).add(s.eps());
            param.add_(state[0].div(denom), -s.lr() / biasCorrection1);
        }
    }
}

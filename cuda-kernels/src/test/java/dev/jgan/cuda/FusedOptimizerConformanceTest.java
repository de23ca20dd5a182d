package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.FusedOptimizerKernels;
import dev.jgan.core.backend.FusedOptimizerKernels.AdamSettings;
import dev.jgan.core.backend.FusedOptimizerKernels.SgdSettings;
import dev.jgan.core.random.Generator;
import dev.jgan.cuda.Targets.Target;
import dev.jgan.nn.optim.Adam;
import dev.jgan.nn.optim.Optimizer;
import dev.jgan.nn.optim.SGD;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

/**
 * The fused SGD and Adam kernels (sgd.cu, adam.cu) against the CPU reference loops, bit for bit
 * in both dtypes: each operation of the update is correctly rounded on its own everywhere (no
 * fused multiply-add), so there is nothing to tolerate. Sizes 1, a prime and more elements than
 * one launch has threads; parameters with gaps, transposed gradients. Then the fused kernel
 * against nn's Adam and SGD, which write the same update as a dozen tensor ops on the CPU.
 */
class FusedOptimizerConformanceTest {
    static Stream<Arguments> targetsAndDtypes() {
        return Targets.cuda().flatMap(t -> Stream.of(Arguments.of(t, DType.FLOAT32), Arguments.of(t, DType.FLOAT64)));
    }

    static Stream<Target> targets() {
        return Targets.cuda();
    }

    private static final FusedOptimizerKernels CPU = (FusedOptimizerKernels) Backends.cpu();

    private static final List<SgdSettings> SGD_SETTINGS = List.of(
            new SgdSettings(0.1, 0, 0, false, 0),
            new SgdSettings(0.05, 0.9, 0.25, false, 1e-2),
            new SgdSettings(0.03, 0.8, 0, true, 5e-3));

    private static final List<AdamSettings> ADAM_SETTINGS = List.of(
            new AdamSettings(1e-3, 0.9, 0.999, 1e-8, 0, false),
            new AdamSettings(2e-4, 0.5, 0.999, 1e-8, 1e-2, false),
            new AdamSettings(1e-2, 0.8, 0.99, 1e-6, 0, true));

    /** (rows, columns) of the parameter: one element, a prime, and more than one launch of the emulator has threads. */
    private static final int[][] SIZES = {{1, 1}, {1, 37}, {9, 61}};

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void sgdStepsGiveTheCpuReferenceBitForBit(Target target, DType dtype) {
        Backend backend = target.backend();
        FusedOptimizerKernels fused = (FusedOptimizerKernels) backend;
        for (SgdSettings s : SGD_SETTINGS) {
            for (int[] size : SIZES) {
                State cpu = State.start(Backends.cpu(), dtype, size, 1);
                State dev = cpu.to(backend);
                for (int step = 1; step <= 3; step++) {
                    Tensor grad = gradient(dtype, size, step);
                    CPU.sgdStep(cpu.param(), grad, s.momentum() != 0 ? cpu.first() : null, step == 1, s);
                    fused.sgdStep(dev.param(), grad.to(backend), s.momentum() != 0 ? dev.first() : null, step == 1, s);
                    String what = s + " " + size[0] + "x" + size[1] + ", step " + step;
                    Expect.equal(what + ": param", cpu.param().toDoubleArray(), dev.param().toDoubleArray());
                    Expect.equal(what + ": buffer", cpu.first().toDoubleArray(), dev.first().toDoubleArray());
                }
                Expect.untouchedOutside(s + ": the gaps of the parameter", dev.layout(), dev.base().toDoubleArray());
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void adamStepsGiveTheCpuReferenceBitForBit(Target target, DType dtype) {
        Backend backend = target.backend();
        FusedOptimizerKernels fused = (FusedOptimizerKernels) backend;
        for (AdamSettings s : ADAM_SETTINGS) {
            for (int[] size : SIZES) {
                State cpu = State.start(Backends.cpu(), dtype, size, 3);
                State dev = cpu.to(backend);
                for (int step = 1; step <= 3; step++) {
                    Tensor grad = gradient(dtype, size, step);
                    CPU.adamStep(cpu.param(), grad, cpu.state()[0], cpu.state()[1], s.amsgrad() ? cpu.state()[2] : null,
                            step, s);
                    fused.adamStep(dev.param(), grad.to(backend), dev.state()[0], dev.state()[1],
                            s.amsgrad() ? dev.state()[2] : null, step, s);
                    String what = s + " " + size[0] + "x" + size[1] + ", step " + step;
                    Expect.equal(what + ": param", cpu.param().toDoubleArray(), dev.param().toDoubleArray());
                    for (int k = 0; k < 3; k++) {
                        Expect.equal(what + ": state " + k, cpu.state()[k].toDoubleArray(), dev.state()[k].toDoubleArray());
                    }
                }
                Expect.untouchedOutside(s + ": the gaps of the parameter", dev.layout(), dev.base().toDoubleArray());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theFusedKernelsGiveNnsOptimizersBitForBit(Target target) {
        Backend backend = target.backend();
        FusedOptimizerKernels fused = (FusedOptimizerKernels) backend;
        AdamSettings adam = new AdamSettings(1e-2, 0.8, 0.99, 1e-6, 1e-2, true);
        SgdSettings sgd = new SgdSettings(0.05, 0.9, 0, true, 1e-3);
        Tensor start = Tensor.randn(new Generator(5), 6, 11);

        Tensor nnAdamParam = start.contiguousCopy().requiresGrad(true);
        Tensor nnSgdParam = start.contiguousCopy().requiresGrad(true);
        Optimizer nnAdam = new Adam(List.of(nnAdamParam), adam.lr(), adam.beta1(), adam.beta2(), adam.eps(),
                adam.weightDecay(), adam.amsgrad());
        Optimizer nnSgd = new SGD(List.of(nnSgdParam), sgd.lr(), sgd.momentum(), sgd.dampening(), sgd.nesterov(),
                sgd.weightDecay());
        Tensor adamParam = start.to(backend);
        Tensor[] adamState = {Tensor.zeros(backend, DType.FLOAT32, 6, 11), Tensor.zeros(backend, DType.FLOAT32, 6, 11),
                Tensor.zeros(backend, DType.FLOAT32, 6, 11)};
        Tensor sgdParam = start.to(backend);
        Tensor sgdBuffer = Tensor.zeros(backend, DType.FLOAT32, 6, 11);
        for (int step = 1; step <= 5; step++) {
            Tensor grad = gradient(DType.FLOAT32, new int[]{6, 11}, step);
            for (Tensor p : List.of(nnAdamParam, nnSgdParam)) {
                // d/dp sum(p * grad) = grad: nn's optimizers read the gradient from backward.
                p.mul(grad).sum().backward();
            }
            nnAdam.step();
            nnSgd.step();
            nnAdam.zeroGrad();
            nnSgd.zeroGrad();
            fused.adamStep(adamParam, grad.to(backend), adamState[0], adamState[1], adamState[2], step, adam);
            fused.sgdStep(sgdParam, grad.to(backend), sgdBuffer, step == 1, sgd);
            Expect.equal("Adam, step " + step, nnAdamParam.toDoubleArray(), adamParam.toDoubleArray());
            Expect.equal("SGD, step " + step, nnSgdParam.toDoubleArray(), sgdParam.toDoubleArray());
        }
    }

    /** A transposed gradient of the parameter's shape, different at every step. */
    private static Tensor gradient(DType dtype, int[] size, int step) {
        return Tensor.normal(new Generator(100 + step), dtype, 0, 1, size[1], size[0]).t();
    }

    /**
     * A parameter laid out with gaps (stored in a bigger buffer) and its optimizer state, made
     * on one backend and copied, bit for bit, to another.
     */
    private record State(Layout layout, Tensor base, Tensor param, Tensor[] state) {

        /** The gaps of the parameter's buffer hold {@link Expect#SENTINEL}, to see that no kernel writes them. */
        static State start(Backend backend, DType dtype, int[] size, int stateTensors) {
            Layout layout = Layout.gapped(size);
            double[] buffer = Tensor.normal(new Generator(11), DType.FLOAT64, 0, 1, layout.storageSize()).toDoubleArray();
            for (int i = 0; i < buffer.length; i++) {
                boolean inside = i >= layout.offset() && (i - layout.offset()) % 2 == 0;
                buffer[i] = inside ? buffer[i] : Expect.SENTINEL;
            }
            Tensor base = Tensor.fromArray(buffer, buffer.length).to(dtype).to(backend);
            Tensor[] state = new Tensor[stateTensors];
            for (int k = 0; k < stateTensors; k++) {
                state[k] = Tensor.zeros(backend, dtype, size);
            }
            return new State(layout, base, Tensor.asStrided(base, layout.shape(), layout.strides(), layout.offset()), state);
        }

        State to(Backend backend) {
            Tensor copy = base.to(backend);
            Tensor[] moved = new Tensor[state.length];
            for (int k = 0; k < state.length; k++) {
                moved[k] = state[k].to(backend);
            }
            return new State(layout, copy, Tensor.asStrided(copy, layout.shape(), layout.strides(), layout.offset()), moved);
        }

        Tensor first() {
            return state[0];
        }
    }
}

package dev.jgan.core.conformance;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.FusedOptimizerKernels.AdamSettings;
import dev.jgan.core.backend.FusedOptimizerKernels.SgdSettings;
import dev.jgan.core.backend.FusedOptimizerKernels;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

/**
 * The fused SGD and Adam kernels (sgd.cu, adam.cu) against the CPU reference loops, bit for bit
 * in both dtypes: each operation of the update is correctly rounded on its own everywhere (no
 * fused multiply-add), so there is nothing to tolerate. Sizes 1, a prime and more elements than
 * one launch has threads; parameters with gaps, transposed gradients. The CPU's own fused loops
 * are the reference here (FusedOptimizerLoopsTest holds them to nn's unfused update), so the
 * CPU runs this suite on no target of its own.
 */
public abstract class FusedOptimizerConformance extends ConformanceSuite {
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
    void sgdStepsGiveTheCpuReferenceBitForBit(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        FusedOptimizerKernels fused = (FusedOptimizerKernels) backend;
        for (SgdSettings s : SGD_SETTINGS) {
            for (int[] size : SIZES) {
                State cpu = State.start(Backends.cpu(), dtype, size, 1);
                State dev = cpu.to(backend);
                for (int step = 1; step <= 3; step++) {
                    Tensor grad = gradient(dtype, size, step);
                    CPU.sgdStep(cpu.param().operand(), grad.operand(),
                            s.momentum() != 0 ? cpu.first().operand() : null, step == 1, s);
                    fused.sgdStep(dev.param().operand(), grad.to(backend).operand(),
                            s.momentum() != 0 ? dev.first().operand() : null, step == 1, s);
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
    void adamStepsGiveTheCpuReferenceBitForBit(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        FusedOptimizerKernels fused = (FusedOptimizerKernels) backend;
        for (AdamSettings s : ADAM_SETTINGS) {
            for (int[] size : SIZES) {
                State cpu = State.start(Backends.cpu(), dtype, size, 3);
                State dev = cpu.to(backend);
                for (int step = 1; step <= 3; step++) {
                    Tensor grad = gradient(dtype, size, step);
                    CPU.adamStep(cpu.param().operand(), grad.operand(), cpu.state()[0].operand(),
                            cpu.state()[1].operand(), s.amsgrad() ? cpu.state()[2].operand() : null, step, s);
                    fused.adamStep(dev.param().operand(), grad.to(backend).operand(), dev.state()[0].operand(),
                            dev.state()[1].operand(), s.amsgrad() ? dev.state()[2].operand() : null, step, s);
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

    /** A transposed gradient of the parameter's shape, different at every step. */
    public static Tensor gradient(DType dtype, int[] size, int step) {
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

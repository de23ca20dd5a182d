package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.FusedOptimizerKernels.AdamSettings;
import dev.jgan.core.backend.FusedOptimizerKernels.SgdSettings;
import dev.jgan.core.backend.FusedOptimizerKernels;
import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.conformance.Expect;
import dev.jgan.core.conformance.FusedOptimizerConformance;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.optim.Adam;
import dev.jgan.nn.optim.Optimizer;
import dev.jgan.nn.optim.SGD;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

/**
 * Core's fused-optimizer conformance suite on the CUDA backends (sgd.cu, adam.cu against the CPU
 * reference loops), then the fused kernels against nn's Adam and SGD, which write the same
 * update as a dozen tensor ops on the CPU.
 */
class FusedOptimizerConformanceTest extends FusedOptimizerConformance {
    @Override
    protected Stream<ConformanceTarget> targets() {
        return Targets.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theFusedKernelsGiveNnsOptimizersBitForBit(ConformanceTarget target) {
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
            Tensor grad = FusedOptimizerConformance.gradient(DType.FLOAT32, new int[]{6, 11}, step);
            for (Tensor p : List.of(nnAdamParam, nnSgdParam)) {
                // d/dp sum(p * grad) = grad: nn's optimizers read the gradient from backward.
                p.mul(grad).sum().backward();
            }
            nnAdam.step();
            nnSgd.step();
            nnAdam.zeroGrad();
            nnSgd.zeroGrad();
            fused.adamStep(adamParam.operand(), grad.to(backend).operand(), adamState[0].operand(),
                    adamState[1].operand(), adamState[2].operand(), step, adam);
            fused.sgdStep(sgdParam.operand(), grad.to(backend).operand(), sgdBuffer.operand(), step == 1, sgd);
            Expect.equal("Adam, step " + step, nnAdamParam.toDoubleArray(), adamParam.toDoubleArray());
            Expect.equal("SGD, step " + step, nnSgdParam.toDoubleArray(), sgdParam.toDoubleArray());
        }
    }
}

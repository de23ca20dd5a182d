package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.conformance.Expect;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * A small network's loss and gradients through the public Tensor API on a CUDA backend, against
 * the same computation on the CPU: every op, its backward formula, broadcasting and the
 * reductions of autograd meet here, as they do in training.
 */
class EndToEndTest {
    static Stream<ConformanceTarget> targets() {
        return Targets.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void mlpLossAndGradientsMatchTheCpu(ConformanceTarget target) {
        Backend backend = target.backend();
        Generator gen = new Generator(3);
        Tensor x = Tensor.randn(gen, 9, 7);
        Tensor w1 = Tensor.randn(gen, 7, 13);
        Tensor b1 = Tensor.randn(gen, 13);
        Tensor w2 = Tensor.randn(gen, 13, 4);
        Tensor labels = Tensor.rand(gen, 9, 4).gt(Tensor.scalar(0.5));

        Tensor[] cpu = step(x, w1, b1, w2, labels);
        Tensor[] gpu = step(x.to(backend), w1.to(backend), b1.to(backend), w2.to(backend), labels.to(backend));
        String[] names = {"loss", "grad w1", "grad b1", "grad w2"};
        for (int i = 0; i < cpu.length; i++) {
            Expect.close(names[i] + " on " + target, cpu[i].toDoubleArray(), gpu[i].toDoubleArray(), 1e-5, 1e-6);
        }
    }

    /** Loss and gradients of a two-layer network with a leaky ReLU, a softmax and a cross-entropy. */
    private static Tensor[] step(Tensor x, Tensor w1, Tensor b1, Tensor w2, Tensor labels) {
        w1 = w1.requiresGrad(true);
        b1 = b1.requiresGrad(true);
        w2 = w2.requiresGrad(true);
        Tensor hidden = x.matmul(w1).add(b1).leakyRelu(0.2);
        Tensor logits = hidden.matmul(w2);
        Tensor loss = logits.binaryCrossEntropyWithLogits(labels).add(logits.logSoftmax(1).mul(-0.1).mean());
        loss.backward();
        return new Tensor[]{loss, w1.grad(), b1.grad(), w2.grad()};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void float64ViewsAndReductionsThroughTheTensorApi(ConformanceTarget target) {
        Backend backend = target.backend();
        Tensor cpu = Tensor.normal(new Generator(5), DType.FLOAT64, 0, 1, 4, 6, 5);
        Tensor dev = cpu.to(backend);
        Tensor expected = cpu.permute(2, 0, 1).narrow(1, 1, 2).contiguous().var(new int[]{0, 2}, 1, true);
        Tensor actual = dev.permute(2, 0, 1).narrow(1, 1, 2).contiguous().var(new int[]{0, 2}, 1, true);
        Expect.close("var of a permuted narrow view on " + target, expected.toDoubleArray(), actual.toDoubleArray(), 1e-12, 1e-14);
    }
}

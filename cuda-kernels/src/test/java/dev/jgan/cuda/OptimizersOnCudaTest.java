package dev.jgan.cuda;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.conformance.Expect;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.optim.Adam;
import dev.jgan.nn.optim.Optimizer;
import dev.jgan.nn.optim.SGD;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * nn's {@link Adam} and {@link SGD} with their parameters on the CUDA backend, which makes them
 * call the fused kernels (adam.cu, sgd.cu), against the same optimizers on the CPU, which write
 * the update with tensor ops: five steps, bit for bit (every operation of both is correctly
 * rounded on its own). That the fused kernel ran, and not a dozen tensor ops, shows in the
 * allocator: a fused step allocates nothing, while the tensor-op update on the same device
 * ({@code useFusedKernels(false)}, also held to the same bits) allocates its temporaries.
 */
class OptimizersOnCudaTest {
    private static final int STEPS = 5;

    static Stream<ConformanceTarget> targets() {
        return Targets.all();
    }

    /** Settings that exercise every branch: weight decay, AMSGrad, momentum with dampening, Nesterov. */
    private static final List<Function<List<Tensor>, Optimizer>> OPTIMIZERS = List.of(
            p -> new Adam(p, 2e-3, 0.5, 0.999),
            p -> new Adam(p, 1e-2, 0.8, 0.99, 1e-6, 1e-2, true),
            p -> new SGD(p, 0.1),
            p -> new SGD(p, 0.05, 0.9, 0.25, false, 1e-2),
            p -> new SGD(p, 0.03, 0.8, 0, true, 5e-3));

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void fiveStepsOnTheDeviceGiveTheCpuOptimizersBitForBit(ConformanceTarget target) {
        CudaBackend backend = (CudaBackend) target.backend();
        for (int o = 0; o < OPTIMIZERS.size(); o++) {
            // A matrix with an awkward number of elements and a vector, as a layer's weight and bias.
            List<Tensor> cpuParams = List.of(Tensor.randn(new Generator(3), 7, 13).requiresGrad(true),
                    Tensor.randn(new Generator(4), 1).requiresGrad(true));
            List<Tensor> devParams = cpuParams.stream()
                    .map(p -> p.detach().to(backend).requiresGrad(true)).toList();
            List<Tensor> opsParams = cpuParams.stream()
                    .map(p -> p.detach().to(backend).requiresGrad(true)).toList();
            Optimizer cpu = OPTIMIZERS.get(o).apply(cpuParams);
            Optimizer dev = OPTIMIZERS.get(o).apply(devParams);
            Optimizer ops = OPTIMIZERS.get(o).apply(opsParams).useFusedKernels(false);
            for (int step = 1; step <= STEPS; step++) {
                backward(cpuParams, step, Backends.cpu());
                backward(devParams, step, backend);
                backward(opsParams, step, backend);
                cpu.step();
                long beforeFused = backend.memoryStats().requests();
                dev.step();
                long fusedRequests = backend.memoryStats().requests() - beforeFused;
                long beforeOps = backend.memoryStats().requests();
                ops.step();
                long opsRequests = backend.memoryStats().requests() - beforeOps;
                String what = cpu.getClass().getSimpleName() + " #" + o + ", step " + step;
                if (step > 1) {
                    // From the second step on, the state exists: a fused step needs no memory at all.
                    assertEquals(0, fusedRequests, what + ": the device step allocated, so it did not run the fused kernel");
                    assertTrue(opsRequests > 0, what + ": the tensor-op update allocated nothing");
                }
                for (int i = 0; i < cpuParams.size(); i++) {
                    Expect.equal(what + ", parameter " + i, cpuParams.get(i).toDoubleArray(),
                            devParams.get(i).toDoubleArray());
                    Expect.equal(what + ", parameter " + i + " by tensor ops on the device",
                            cpuParams.get(i).toDoubleArray(), opsParams.get(i).toDoubleArray());
                }
                cpu.zeroGrad();
                dev.zeroGrad();
                ops.zeroGrad();
            }
            // The state saved from the device is the CPU's too (checkpoints do not depend on the path).
            cpu.stateDict().tensors().forEach((name, t) -> Expect.equal(name,
                    t.toDoubleArray(), dev.stateDict().tensors().get(name).toDoubleArray()));
        }
    }

    /** Gradients that differ per step and per element: d/dp sum(p * w) = w. */
    private static void backward(List<Tensor> params, int step, Backend backend) {
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            Tensor w = Tensor.randn(new Generator(100 * step + i), p.shape()).to(backend);
            p.mul(w).sum().backward();
        }
    }
}

package dev.jgan.cuda;

import dev.jgan.core.Device;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.conformance.Expect;
import dev.jgan.core.random.Generator;
import dev.jgan.cuda.memory.MemoryScope;
import dev.jgan.cuda.memory.MemoryStats;
import dev.jgan.nn.BatchNorm1d;
import dev.jgan.nn.LeakyReLU;
import dev.jgan.nn.Linear;
import dev.jgan.nn.Module;
import dev.jgan.nn.Sequential;
import dev.jgan.nn.loss.BCEWithLogitsLoss;
import dev.jgan.nn.optim.Adam;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A GAN trained the way user code trains one: nn's layers, BCE-with-logits losses and Adam,
 * models built on the CPU and moved with {@code Module.to(Device.cuda(0))}, data made on the CPU
 * and moved with {@code Tensor.to}. Alternating discriminator and generator steps on the CUDA
 * backend (the emulator here; the GPU where there is one) follow the same steps on the CPU
 * within float32 rounding: losses at every step and every parameter at the end.
 *
 * <p>After the first step, which creates Adam's state, each CUDA step runs in a
 * {@link MemoryScope}: from the third step on, every allocation is served from the cache and the
 * bytes in use after a step never grow, over {@value #STEPS} steps. (They may shrink: the
 * first step's intermediates, which no scope owned, return whenever the garbage collector finds
 * them; what stays is the parameters, Adam's state and the batch-norm statistics.)
 */
class GanTrainingOnCudaTest {
    private static final int BATCH = 32;
    private static final int LATENT = 4;
    private static final int STEPS = 16;

    @AfterEach
    void clearProperty() {
        System.clearProperty(CudaBackendProvider.DRIVER_PROPERTY);
    }

    @ParameterizedTest(name = "cuda:0 on the {0}")
    @ValueSource(strings = {"emulator", "gpu"})
    void alternatingStepsFollowTheCpu(String driver) {
        System.setProperty(CudaBackendProvider.DRIVER_PROPERTY, driver);
        Device cuda = Device.cuda(0);
        CudaBackend backend = null;
        String unavailable = "";
        try {
            backend = (CudaBackend) Backends.forDevice(cuda);
        } catch (IllegalStateException e) {
            unavailable = e.getMessage();
        }
        assumeTrue(backend != null, "cuda:0 on the " + driver + " is not available: " + unavailable);

        Gan cpu = new Gan();
        Gan dev = new Gan();
        dev.generator.to(cuda);
        dev.discriminator.to(cuda);
        Generator data = new Generator(99);
        long deviceAllocations = 0;
        long bytesInUse = 0;
        for (int step = 1; step <= STEPS; step++) {
            // The target: a Gaussian blob away from the origin.
            Tensor real = Tensor.randn(data, BATCH, 2).mul(0.3).add(1.5);
            Tensor noise = Tensor.randn(data, BATCH, LATENT);
            double[] cpuLosses = cpu.step(real, noise);
            double[] devLosses;
            if (step == 1) {
                devLosses = dev.step(real.to(cuda), noise.to(cuda));
            } else {
                try (MemoryScope scope = backend.memoryScope()) {
                    devLosses = dev.step(real.to(cuda), noise.to(cuda));
                }
            }
            Expect.close("discriminator and generator losses at step " + step, cpuLosses, devLosses, 1e-5, 1e-6);
            MemoryStats stats = backend.memoryStats();
            if (step > 2) {
                assertEquals(deviceAllocations, stats.deviceAllocations(), "device allocations, step " + step + ": " + stats);
                assertTrue(stats.bytesInUse() <= bytesInUse, "bytes in use grew at step " + step + " from "
                        + bytesInUse + ": " + stats);
            }
            deviceAllocations = stats.deviceAllocations();
            bytesInUse = stats.bytesInUse();
        }
        List<Tensor> cpuParams = cpu.parameters();
        List<Tensor> devParams = dev.parameters();
        for (int i = 0; i < cpuParams.size(); i++) {
            // Looser than the losses: Adam divides by sqrt(v), so where a gradient is near zero a
            // rounding difference can move a parameter by up to lr (2e-3) in one step.
            Expect.close("parameter " + i + " after " + STEPS + " steps", cpuParams.get(i).toDoubleArray(),
                    devParams.get(i).toDoubleArray(), 1e-3, 1e-3);
        }
    }

    /** An MLP generator and discriminator with their Adam optimizers, the same on every backend (seeded). */
    private static final class Gan {
        final Module generator;
        final Module discriminator;
        private Adam generatorOptimizer;
        private Adam discriminatorOptimizer;
        private final BCEWithLogitsLoss bce = new BCEWithLogitsLoss();

        Gan() {
            Generator init = new Generator(7);
            // Batch norm as in gan.py's generator: its running statistics are updated in place every step.
            generator = new Sequential(new Linear(LATENT, 16, init), new BatchNorm1d(16, 0.8, 0.1, true),
                    new LeakyReLU(0.2), new Linear(16, 2, init));
            discriminator = new Sequential(new Linear(2, 16, init), new LeakyReLU(0.2), new Linear(16, 1, init));
        }

        /** One discriminator step, then one generator step (non-saturating loss); returns both losses. */
        double[] step(Tensor real, Tensor noise) {
            if (generatorOptimizer == null) {
                // Made on first use, after the models were moved: optimizers hold the tensors themselves.
                generatorOptimizer = new Adam(generator.parameters(), 2e-3, 0.5, 0.999);
                discriminatorOptimizer = new Adam(discriminator.parameters(), 2e-3, 0.5, 0.999);
            }
            Tensor ones = Tensor.full(real.backend(), real.dtype(), 1.0, BATCH, 1);
            Tensor zeros = Tensor.zerosLike(ones);

            Tensor fake = generator.forward(noise);
            Tensor dLoss = bce.forward(discriminator.forward(real), ones)
                    .add(bce.forward(discriminator.forward(fake.detach()), zeros));
            discriminatorOptimizer.zeroGrad();
            dLoss.backward();
            discriminatorOptimizer.step();

            Tensor gLoss = bce.forward(discriminator.forward(fake), ones);
            generatorOptimizer.zeroGrad();
            gLoss.backward();
            generatorOptimizer.step();
            return new double[]{dLoss.item(), gLoss.item()};
        }

        List<Tensor> parameters() {
            List<Tensor> all = new ArrayList<>(generator.parameters());
            all.addAll(discriminator.parameters());
            return all;
        }
    }
}

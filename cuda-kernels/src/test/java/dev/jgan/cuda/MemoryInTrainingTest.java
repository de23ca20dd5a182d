package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.FusedOptimizerKernels.AdamSettings;
import dev.jgan.core.random.Generator;
import dev.jgan.cuda.driver.EmulatorLibrary;
import dev.jgan.cuda.memory.MemoryScope;
import dev.jgan.cuda.memory.MemoryStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The caching allocator and memory scopes under a real training loop, on the emulator: with one
 * scope per step, memory in use returns to the parameters and optimizer state after every step
 * and, after the first step, every allocation is served from the cache.
 */
class MemoryInTrainingTest {
    private CudaBackend backend;

    /** A backend of its own, so that no other test's tensors share the allocator being counted. */
    @BeforeEach
    void emulator() {
        assumeTrue(EmulatorLibrary.isAvailable(), EmulatorLibrary::unavailableReason);
        backend = CudaBackend.emulated(GemmKernel.BLOCKTILE_2D);
    }

    @Test
    void memoryStaysFlatOverTwentyStepsOfAnMlp() {
        Generator gen = new Generator(1);
        Tensor x = Tensor.randn(gen, 16, 8).to(backend);
        Tensor y = Tensor.randn(gen, 16, 2).to(backend);
        List<Tensor> params = List.of(Tensor.randn(gen, 8, 12).mul(0.3), Tensor.zeros(12), Tensor.randn(gen, 12, 2).mul(0.3),
                Tensor.zeros(2));
        params = params.stream().map(p -> p.to(backend).requiresGrad(true)).toList();
        Tensor[][] state = new Tensor[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            state[i] = new Tensor[]{Tensor.zeros(backend, DType.FLOAT32, params.get(i).shape()),
                    Tensor.zeros(backend, DType.FLOAT32, params.get(i).shape())};
        }
        AdamSettings adam = new AdamSettings(1e-2, 0.9, 0.999, 1e-8, 0, false);
        long setup = backend.memoryStats().bytesInUse();

        MemoryStats afterFirst = null;
        double firstLoss = 0;
        double lastLoss = 0;
        for (int step = 1; step <= 20; step++) {
            try (MemoryScope scope = backend.memoryScope()) {
                Tensor hidden = x.matmul(params.get(0)).add(params.get(1)).tanh();
                Tensor loss = hidden.matmul(params.get(2)).add(params.get(3)).mseLoss(y);
                loss.backward();
                for (int i = 0; i < params.size(); i++) {
                    Tensor p = params.get(i);
                    backend.adamStep(p.operand(), p.grad().operand(), state[i][0].operand(), state[i][1].operand(),
                            null, step, adam);
                    p.zeroGrad();
                }
                lastLoss = loss.item();
                firstLoss = step == 1 ? lastLoss : firstLoss;
                assertTrue(scope.size() > 20, "the step's intermediates belong to the scope, got " + scope.size());
            }
            MemoryStats stats = backend.memoryStats();
            assertEquals(setup, stats.bytesInUse(), "bytes in use after step " + step + ": " + stats);
            if (step == 1) {
                afterFirst = stats;
            } else {
                assertEquals(afterFirst.deviceAllocations(), stats.deviceAllocations(), "device allocations, step " + step);
                assertEquals(afterFirst.peakBytesInUse(), stats.peakBytesInUse(), "peak, step " + step);
                assertEquals(afterFirst.bytesCached(), stats.bytesCached(), "cached, step " + step);
                assertEquals(stats.requests() - afterFirst.requests(), stats.cacheHits() - afterFirst.cacheHits(),
                        "every request after the first step is a cache hit: " + stats);
            }
        }
        assertTrue(lastLoss < 0.8 * firstLoss, "the network should learn: loss " + firstLoss + " -> " + lastLoss);
    }

    @Test
    void aTensorUsedAfterItsScopeClosedFailsLoudlyUnlessKept() {
        Tensor a = Tensor.fromArray(new float[]{1, 2, 3}, 3).to(backend);
        Tensor b = Tensor.fromArray(new float[]{4, 5, 6}, 3).to(backend);
        Tensor dropped;
        Tensor kept;
        try (MemoryScope scope = backend.memoryScope()) {
            dropped = a.add(b);
            kept = a.mul(b);
            scope.keep(kept.storage());
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, dropped::toFloatArray);
        assertTrue(e.getMessage().contains("keep(tensor.storage()) in the scope to let a tensor outlive it"),
                e.getMessage());
        Tensor reused = a.sub(b);
        assertArrayEquals(new float[]{-3, -3, -3}, reused.toFloatArray(), "the returned block holds a new tensor");
        assertArrayEquals(new float[]{4, 10, 18}, kept.toFloatArray());
        assertArrayEquals(new float[]{1, 2, 3}, a.toFloatArray(), "memory from before the scope is untouched");
    }
}

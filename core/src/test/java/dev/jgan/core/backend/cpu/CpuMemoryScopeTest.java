package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Memory scopes on the CPU backend and the pool behind them: arrays really are reused, a tensor
 * whose scope closed fails loudly (and so do its views), what was made before a scope survives
 * in-place updates in it, and a computation gives the same bits pooled, unpooled and with every
 * new array filled with NaN. Each test has a backend, and so a pool, of its own.
 */
class CpuMemoryScopeTest {
    private final CpuBackend cpu = new CpuBackend();
    private final CpuMemoryPool pool = cpu.memoryPool();

    @Test
    void aClosedScopesArraysServeTheNextScope() {
        float[] first;
        assertFalse(cpu.hasOpenScope());
        try (CpuMemoryScope step = cpu.openScope()) {
            Tensor x = Tensor.full(cpu, DType.FLOAT32, 2.0, 64, 1024);
            first = floats(x);
            assertEquals(1, step.size());
            assertTrue(cpu.hasOpenScope());
        }
        assertFalse(cpu.hasOpenScope());
        CpuMemoryStats before = pool.stats();
        assertEquals(1, before.givenBack());
        assertEquals(64 * 1024 * 4, before.bytesCached());
        try (CpuMemoryScope step = cpu.openScope()) {
            Tensor y = Tensor.full(cpu, DType.FLOAT32, 3.0, 64, 1024);
            assertSame(first, floats(y), "the same length takes the array the last scope gave back");
            Tensor other = Tensor.full(cpu, DType.FLOAT32, 3.0, 64, 1023);
            assertNotSame(first, floats(other));
        }
        CpuMemoryStats during = pool.stats().since(before);
        assertEquals(2, during.requests());
        assertEquals(1, during.reused());
        assertEquals(1, during.fresh());
    }

    @Test
    void aTensorUsedAfterItsScopeClosedFailsWithAClearMessage() {
        Tensor x;
        try (CpuMemoryScope step = cpu.openScope()) {
            x = Tensor.full(cpu, DType.FLOAT32, 1.0, 3, 4);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.add(x));
        assertTrue(e.getMessage().contains("float32 tensor's storage (12 elements) was used after the memory scope"),
                e.getMessage());
        assertThrows(IllegalStateException.class, x::item);
        assertThrows(IllegalStateException.class, x::toFloatArray);
        assertThrows(IllegalStateException.class, () -> x.t().contiguous());
        assertThrows(IllegalStateException.class, () -> x.exp(), "the fast path checks too");
        Tensor plainLoops = Tensor.full(CpuBackend.reference(), DType.FLOAT64, 1.0, 2);
        assertEquals(2.0, plainLoops.sum().item(), "the reference loops run as before");
    }

    @Test
    void aViewOfAReleasedTensorNeverSeesTheArraysNextOwner() {
        Tensor view;
        try (CpuMemoryScope step = cpu.openScope()) {
            view = Tensor.full(cpu, DType.FLOAT32, 1.0, 8, 8).narrow(0, 2, 3);
        }
        try (CpuMemoryScope step = cpu.openScope()) {
            Tensor next = Tensor.full(cpu, DType.FLOAT32, 7.0, 8, 8);
            assertEquals(1, pool.stats().reused(), "the view's array went to a new tensor");
            assertThrows(IllegalStateException.class, () -> view.mul(view));
            assertThrows(IllegalStateException.class, () -> view.fill_(0.0));
            assertArrayEquals(Tensor.full(7.0, 8, 8).toFloatArray(), next.toFloatArray());
        }
    }

    @Test
    void aViewMadeInAScopeOfATensorMadeBeforeItReleasesNothing() {
        Tensor weight = Tensor.full(cpu, DType.FLOAT32, 0.5, 4, 3);
        Tensor transposed;
        try (CpuMemoryScope step = cpu.openScope()) {
            transposed = weight.t();
            assertEquals(0, step.size());
        }
        assertEquals(2.0f, transposed.sum(1).toFloatArray()[0]);
    }

    @Test
    void nestedScopesReleaseOnlyTheirOwnTensors() {
        try (CpuMemoryScope outer = cpu.openScope()) {
            Tensor a = Tensor.full(cpu, DType.FLOAT32, 1.0, 5);
            Tensor b;
            try (CpuMemoryScope inner = cpu.openScope()) {
                b = a.add(a);
                assertEquals(1, inner.size());
            }
            assertThrows(IllegalStateException.class, b::toFloatArray);
            Tensor c = a.add(a);
            assertEquals(2, outer.size());
            assertArrayEquals(new float[] {2, 2, 2, 2, 2}, c.toFloatArray());
        }
        assertEquals(3, pool.stats().givenBack());
    }

    @Test
    void scopesCloseInnermostFirstOnTheirOwnThread() throws Exception {
        CpuMemoryScope outer = cpu.openScope();
        CpuMemoryScope inner = cpu.openScope();
        assertThrows(IllegalStateException.class, outer::close);
        CompletableFuture<Throwable> elsewhere = CompletableFuture.supplyAsync(() -> {
            try {
                inner.close();
                return null;
            } catch (IllegalStateException e) {
                return e;
            }
        });
        assertTrue(elsewhere.get().getMessage().contains("belongs to thread"));
        inner.close();
        outer.close();
        assertThrows(IllegalStateException.class, outer::close);
    }

    @Test
    void tensorsAllocatedOnAnotherThreadBelongToNoScopeOfThisOne() throws Exception {
        CpuMemoryScope step = cpu.openScope();
        Tensor other = CompletableFuture.supplyAsync(() -> Tensor.full(cpu, DType.FLOAT32, 4.0, 3)).get();
        assertEquals(0, step.size());
        step.close();
        assertEquals(12.0, other.sum().item());
    }

    @Test
    void parametersUpdatedInPlaceInAScopeKeepWorking() {
        Tensor param = Tensor.full(cpu, DType.FLOAT32, 1.0, 4).requiresGrad(true);
        for (int step = 0; step < 3; step++) {
            try (CpuMemoryScope scope = cpu.openScope()) {
                param.zeroGrad();
                param.mul(param).sum().backward();
                try (var noGrad = GradMode.noGrad()) {
                    param.add_(param.grad(), -0.25);
                }
            }
        }
        // p <- p - 0.25 * 2p = p / 2, three times.
        assertArrayEquals(new float[] {0.125f, 0.125f, 0.125f, 0.125f}, param.toFloatArray());
        assertThrows(IllegalStateException.class, () -> param.grad().toFloatArray(),
                "the gradient was made in the last scope");
    }

    @Test
    void aComputationGivesTheSameBitsPooledUnpooledAndPoisoned() {
        float[] unpooled = trainThreeSteps(0, false);
        float[] pooled = trainThreeSteps(1L << 30, false);
        float[] poisoned = trainThreeSteps(1L << 30, true);
        assertArrayEquals(unpooled, pooled);
        assertArrayEquals(unpooled, poisoned);
    }

    /** Three steps of a small layer with a sigmoid, a softmax and a reduction, each step in a scope. */
    private float[] trainThreeSteps(long capBytes, boolean poison) {
        CpuBackend backend = new CpuBackend();
        backend.memoryPool().setCapBytes(capBytes);
        backend.memoryPool().setPoison(poison);
        Generator gen = new Generator(7);
        Tensor weight = Tensor.normal(backend, gen, DType.FLOAT32, 0, 0.1, 33, 17).requiresGrad(true);
        Tensor x = Tensor.normal(backend, gen, DType.FLOAT32, 0, 1, 64, 33);
        List<Float> losses = new ArrayList<>();
        for (int step = 0; step < 3; step++) {
            try (CpuMemoryScope scope = backend.openScope()) {
                weight.zeroGrad();
                Tensor h = x.matmul(weight).sigmoid();
                Tensor loss = h.softmax(1).mul(h).sum(0).mean();
                loss.backward();
                losses.add((float) loss.item());
                try (var noGrad = GradMode.noGrad()) {
                    weight.add_(weight.grad(), -0.5);
                }
            }
        }
        CpuMemoryStats stats = backend.memoryPool().stats();
        assertTrue(capBytes == 0 ? stats.reused() == 0 : stats.reused() > stats.fresh() / 2, stats.toString());
        float[] result = weight.toFloatArray();
        float[] withLosses = java.util.Arrays.copyOf(result, result.length + losses.size());
        for (int i = 0; i < losses.size(); i++) {
            withLosses[result.length + i] = losses.get(i);
        }
        return withLosses;
    }

    @Test
    void poisoningFillsEveryNewArrayWithNaN() {
        pool.setPoison(true);
        Tensor empty = Tensor.empty(cpu, DType.FLOAT64, 3);
        assertTrue(Double.isNaN(empty.toDoubleArray()[2]));
        assertArrayEquals(new double[3], Tensor.zeros(cpu, DType.FLOAT64, 3).toDoubleArray(), "zeros fills");
    }

    @Test
    void theCapBoundsTheCacheEvictingTheClassesUsedLongestAgo() {
        pool.setCapBytes(3 * 400);
        try (CpuMemoryScope step = cpu.openScope()) {
            Tensor.full(cpu, DType.FLOAT32, 1.0, 100);
            Tensor.full(cpu, DType.FLOAT32, 1.0, 100);
            Tensor.full(cpu, DType.FLOAT64, 1.0, 50);
            Tensor.full(cpu, DType.FLOAT32, 1.0, 1000);
        }
        CpuMemoryStats full = pool.stats();
        assertEquals(1200, full.bytesCached());
        assertEquals(1, full.evicted(), "the array larger than the cap");
        // Taking a float64 array makes its class the most recently used; giving one more float32
        // array of another length back then evicts the oldest float32 [100] first.
        try (CpuMemoryScope step = cpu.openScope()) {
            Tensor.full(cpu, DType.FLOAT64, 1.0, 50);
            Tensor.full(cpu, DType.FLOAT32, 1.0, 99);
        }
        CpuMemoryStats after = pool.stats();
        assertEquals(2, after.evicted());
        try (CpuMemoryScope step = cpu.openScope()) {
            Tensor.full(cpu, DType.FLOAT64, 1.0, 50);
            Tensor.full(cpu, DType.FLOAT32, 1.0, 100);
            assertEquals(2, pool.stats().since(after).reused(), "the float64 class and one float32 [100] stayed");
        }
        pool.emptyCache();
        assertEquals(0, pool.stats().bytesCached());
        pool.setCapBytes(0);
        try (CpuMemoryScope step = cpu.openScope()) {
            Tensor.full(cpu, DType.FLOAT32, 1.0, 100);
        }
        assertEquals(0, pool.stats().bytesCached(), "a cap of 0 turns pooling off");
    }

    private static float[] floats(Tensor t) {
        return ((CpuStorage.Floats) t.storage()).data();
    }
}

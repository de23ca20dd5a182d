package dev.jgan.cuda.memory;

import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a scope returns, what keep() spares, and the misuses a scope refuses. */
class MemoryScopeTest {
    private final CachingAllocator allocator = new CachingAllocator(new FakeDriver(1 << 20), false);
    private final Object holder = new Object();

    @Test
    void closingReturnsWhatWasAllocatedInTheScopeAndOnlyThat() {
        Allocation outside = allocator.allocate(512, holder);
        Allocation inside;
        try (MemoryScope scope = allocator.openScope()) {
            inside = allocator.allocate(512, holder);
            allocator.allocate(4096, holder);
        }
        assertEquals(512, allocator.stats().bytesInUse());
        outside.memory();
        IllegalStateException released = assertThrows(IllegalStateException.class, inside::memory);
        assertTrue(released.getMessage().contains("was used after its MemoryScope closed and released it"),
                released.getMessage());
    }

    @Test
    void keptMemoryMovesToTheEnclosingScopeAndOutlivesTheOutermost() {
        Allocation keptTwice;
        Allocation keptOnce;
        try (MemoryScope outer = allocator.openScope()) {
            try (MemoryScope inner = allocator.openScope()) {
                keptTwice = allocator.allocate(512, holder);
                keptOnce = allocator.allocate(1024, holder);
                allocator.allocate(2048, holder);
                assertEquals(3, inner.size());
                assertEquals(0, outer.size());
                inner.keep(keptTwice);
                inner.keep(keptOnce);
            }
            assertEquals(2, outer.size());
            assertEquals(512 + 1024, allocator.stats().bytesInUse());
            outer.keep(keptTwice);
        }
        assertEquals(512, allocator.stats().bytesInUse());
        keptTwice.memory();
        assertThrows(IllegalStateException.class, keptOnce::memory);
    }

    @Test
    void scopesCloseInnermostFirstOnTheirOwnThread() throws InterruptedException, ExecutionException {
        MemoryScope outer = allocator.openScope();
        MemoryScope inner = allocator.openScope();
        IllegalStateException order = assertThrows(IllegalStateException.class, outer::close);
        assertTrue(order.getMessage().contains("innermost first"), order.getMessage());
        String otherThread = CompletableFuture.supplyAsync(() -> {
            try {
                inner.close();
                return "closed";
            } catch (IllegalStateException e) {
                return e.getMessage();
            }
        }).get();
        assertTrue(otherThread.contains("but the scope belongs to thread " + Thread.currentThread().getName()), otherThread);
        inner.close();
        outer.close();
        assertThrows(IllegalStateException.class, outer::close);
    }

    @Test
    void keepingAHostTensorIsRefused() {
        try (MemoryScope scope = allocator.openScope()) {
            IllegalArgumentException cpu = assertThrows(IllegalArgumentException.class,
                    () -> scope.keep(Tensor.zeros(2).storage()));
            assertTrue(cpu.getMessage().contains("holds no device memory"), cpu.getMessage());
        }
    }
}

package dev.jgan.cuda.memory;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Size classes, reuse, statistics and the out-of-memory retry, on a device that only counts. */
class CachingAllocatorTest {
    private final FakeDriver device = new FakeDriver(1 << 20);

    @Test
    void sizeClassesRoundUpByLessThanAQuarter() {
        assertEquals(512, CachingAllocator.sizeClass(0));
        assertEquals(512, CachingAllocator.sizeClass(4));
        assertEquals(512, CachingAllocator.sizeClass(512));
        assertEquals(640, CachingAllocator.sizeClass(513));
        assertEquals(1024, CachingAllocator.sizeClass(1000));
        assertEquals(1280, CachingAllocator.sizeClass(1025));
        assertEquals(2048, CachingAllocator.sizeClass(2048));
        assertEquals(3072, CachingAllocator.sizeClass(3000));
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            long bytes = 513 + (random.nextLong() & ((1L << 40) - 1));
            long size = CachingAllocator.sizeClass(bytes);
            assertTrue(size >= bytes && size < bytes * 1.25, bytes + " -> " + size);
            assertEquals(size, CachingAllocator.sizeClass(size), "a class is its own class");
        }
    }

    @Test
    void aReturnedBlockServesTheNextRequestOfItsClassWithoutTheDevice() {
        CachingAllocator allocator = new CachingAllocator(device, false);
        Object holder = new Object();
        Allocation first;
        assertFalse(allocator.hasOpenScope());
        try (MemoryScope scope = allocator.openScope()) {
            first = allocator.allocate(1000, holder);
            assertEquals(1, scope.size());
            assertTrue(allocator.hasOpenScope());
        }
        assertFalse(allocator.hasOpenScope());
        assertEquals(new MemoryStats(0, 1024, 1024, 1, 0, 1, 0), allocator.stats());
        Allocation again = allocator.allocate(900, holder);
        Allocation other = allocator.allocate(1100, holder);
        assertSame(first.block(), again.block(), "900 bytes are in the class of 1000, 1024");
        assertEquals(List.of("allocate 1024", "allocate 1280"), device.calls);
        assertEquals(new MemoryStats(2304, 0, 2304, 3, 1, 2, 0), allocator.stats());
    }

    @Test
    void reusedBlocksAreFilledWithNanWhenAskedTo() {
        CachingAllocator allocator = new CachingAllocator(device, true);
        Object holder = new Object();
        try (MemoryScope scope = allocator.openScope()) {
            allocator.allocate(64, holder);
        }
        allocator.allocate(64, holder);
        assertEquals(List.of("allocate 512", "fill 512 with 255"), device.calls);
    }

    @Test
    void emptyCacheHandsCachedBlocksBackToTheDevice() {
        CachingAllocator allocator = new CachingAllocator(device, false);
        Object holder = new Object();
        try (MemoryScope scope = allocator.openScope()) {
            allocator.allocate(5000, holder);
            allocator.allocate(100, holder);
        }
        Allocation kept = allocator.allocate(100, holder);
        allocator.emptyCache();
        assertEquals(512, device.allocatedBytes(), "only the block in use stays on the device");
        assertEquals(new MemoryStats(512, 0, 5632, 3, 1, 2, 1), allocator.stats());
        assertEquals(512, kept.bytes());
    }

    @Test
    void outOfMemoryEmptiesTheCacheAndTriesOnceMore() {
        FakeDriver small = new FakeDriver(3000);
        CachingAllocator allocator = new CachingAllocator(small, false);
        Object holder = new Object();
        try (MemoryScope scope = allocator.openScope()) {
            allocator.allocate(2000, holder);
        }
        allocator.allocate(2500, holder);
        assertEquals(List.of("allocate 2048", "free 2048", "allocate 2560"), small.calls);
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> allocator.allocate(1000, holder));
        assertTrue(full.getMessage().contains("OUT_OF_MEMORY"), full.getMessage());
    }
}

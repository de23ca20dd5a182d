package dev.jgan.cuda.memory;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The safety net for memory no scope owns: when its holder becomes unreachable, the Cleaner's
 * thread queues the block and nothing else; the cache and the device are touched only by the
 * thread that next calls the allocator.
 */
class CleanerReturnTest {

    @Test
    void anUnreachableHolderIsQueuedByTheCleanerAndTakenInByTheUsingThread() throws InterruptedException {
        FakeDriver device = new FakeDriver(1 << 20);
        CachingAllocator allocator = new CachingAllocator(device, true);
        allocateAndDrop(allocator);
        assertEquals(2048, allocator.stats().bytesInUse());

        // Bounded wait for the garbage collector, which no program can force: it is the event under test.
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (allocator.queuedByCleaner() < 2 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(10);
        }
        assertEquals(2, allocator.queuedByCleaner(), "the Cleaner should have queued both blocks within 10 s");

        assertEquals(new MemoryStats(0, 2048, 2048, 2, 0, 2, 0), allocator.stats(), "taken in by stats()");
        Object holder = new Object();
        allocator.allocate(1024, holder);
        assertEquals(1, allocator.stats().cacheHits(), "a block the Cleaner returned is lent again");
        assertEquals(Set.of(Thread.currentThread()), device.threads, "the device is reached from this thread only");
    }

    /** Two blocks whose holders are unreachable once this returns. */
    private static void allocateAndDrop(CachingAllocator allocator) {
        allocator.allocate(1024, new Object());
        allocator.allocate(1024, new Object());
    }
}

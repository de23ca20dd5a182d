package dev.jgan.core.backend.cpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Splitting a range across the cores runs every item exactly once, however it is split. */
class ParallelTest {

    @ParameterizedTest(name = "{0} items of cost {1}")
    @CsvSource({"0, 1", "1, 1", "1, 1000000", "2, 1000000", "3, 100000", "65535, 1", "65536, 1", "100003, 1",
            "1000, 1000", "7, 65536"})
    void runsEveryItemOnce(int n, long cost) {
        AtomicIntegerArray runs = new AtomicIntegerArray(n);
        Parallel.forRange(n, cost, (start, end) -> {
            for (int i = start; i < end; i++) {
                runs.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) {
            assertEquals(1, runs.get(i), "item " + i);
        }
    }

    @Test
    void oneCoreRunsTheWholeRangeInOneCallOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        List<String> calls = new ArrayList<>();
        Parallel.forRange(1000, 1_000_000, (start, end) -> {
            assertSame(caller, Thread.currentThread());
            calls.add(start + ".." + end);
        }, 1);
        assertEquals(List.of("0..1000"), calls);
    }

    /**
     * Two chunks of enough work run at the same time: the calling thread's chunk waits until
     * the other chunk has started. If forRange ran the chunks one after the other on one
     * thread, the wait would time out.
     */
    @Test
    void chunksRunConcurrently() throws InterruptedException {
        FirstChunkWaitsForTheSecond chunks = new FirstChunkWaitsForTheSecond();
        Parallel.forRange(2, Parallel.THRESHOLD, chunks);
        assertTrue(chunks.sawSecond, "the second chunk never ran while the first was running");
    }

    /**
     * The helpers park after {@code SpinningHelpers.SPIN_NANOS} of idling; a range started after
     * that must wake one (if the wake-up were lost, chunk 1 would never start while the calling
     * thread waits in chunk 0, and the wait would time out). Twice, to cover parking again.
     */
    @Test
    void parkedHelpersWakeForTheNextRange() throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            Thread.sleep(20);
            chunksRunConcurrently();
        }
    }

    /** A chunk's exception reaches the caller, and the helpers go on running later ranges. */
    @Test
    void aFailingChunkThrowsAtTheCallerAndLaterRangesStillRun() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> Parallel.forRange(8, Parallel.THRESHOLD, (start, end) -> {
                    if (start <= 5 && 5 < end) {
                        throw new IllegalStateException("chunk with item 5 failed");
                    }
                }));
        assertEquals("chunk with item 5 failed", thrown.getMessage());
        runsEveryItemOnce(1000, 1000);
    }

    /**
     * Ranges started inside a chunk, and ranges from two threads at once, find the helpers busy
     * and run on the fork-join pool; every item still runs once.
     */
    @Test
    void nestedAndConcurrentRangesRunEveryItemOnce() throws InterruptedException {
        int outer = 8;
        int inner = 5000;
        AtomicIntegerArray runs = new AtomicIntegerArray(outer * inner);
        Runnable nested = () -> Parallel.forRange(outer, Parallel.THRESHOLD, (start, end) -> {
            for (int o = start; o < end; o++) {
                int base = o * inner;
                Parallel.forRange(inner, 100, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        runs.incrementAndGet(base + i);
                    }
                });
            }
        });
        Thread other = new Thread(nested);
        other.start();
        nested.run();
        other.join(60_000);
        assertTrue(!other.isAlive(), "the second thread's ranges finished");
        for (int i = 0; i < outer * inner; i++) {
            assertEquals(2, runs.get(i), "item " + i + " (once per thread)");
        }
    }

    /**
     * With {@code -Djgan.cpu.spinMicros=0} a helper parks as soon as it is idle, so every range
     * must wake it: the calling thread's chunk waits for the other chunk to start, twenty times.
     */
    @Test
    void helpersThatParkAtOnceStillRunTheirShare() throws InterruptedException {
        SpinningHelpers parking = new SpinningHelpers(1, 0);
        for (int round = 0; round < 20; round++) {
            FirstChunkWaitsForTheSecond chunks = new FirstChunkWaitsForTheSecond();
            assertTrue(parking.tryRun(2, 2, chunks), "the helpers were free");
            assertTrue(chunks.sawSecond, "round " + round + ": the parked helper never took the second chunk");
            Thread.sleep(1);
        }
    }

    @Test
    void aNegativeSpinIsRefusedWithThePropertyName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpinningHelpers(1, -5));
        assertTrue(e.getMessage().contains("jgan.cpu.spinMicros"), e.getMessage());
    }

    /**
     * Two chunks where the first waits (up to 20 s) until the second has started: they finish in
     * time only if two threads run them at once.
     */
    private static final class FirstChunkWaitsForTheSecond implements Parallel.Body {
        private final CountDownLatch secondStarted = new CountDownLatch(1);
        private volatile boolean sawSecond;

        @Override
        public void run(int start, int end) {
            if (start == 0) {
                try {
                    sawSecond = secondStarted.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                secondStarted.countDown();
            }
        }
    }
}

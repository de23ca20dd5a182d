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
        CountDownLatch secondStarted = new CountDownLatch(1);
        boolean[] sawSecond = new boolean[1];
        Parallel.forRange(2, Parallel.THRESHOLD, (start, end) -> {
            if (start == 0) {
                try {
                    sawSecond[0] = secondStarted.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else {
                secondStarted.countDown();
            }
        });
        assertTrue(sawSecond[0], "the second chunk never ran while the first was running");
    }
}

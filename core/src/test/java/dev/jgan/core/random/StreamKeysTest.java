package dev.jgan.core.random;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamKeysTest {

    /**
     * Saved runs depend on these keys: a run of seed s draws its initialization, noise, shuffling
     * and grid noise from streams 1 to 4 of s (seed 0 is `gan train`'s default). Values computed
     * when the derivation moved here from gan.run.TrainingRun, where resumed runs had used them.
     */
    @Test
    void keysAreThoseSavedRunsWereTrainedWith() {
        assertEquals(0xb760672ed3af6909L, StreamKeys.derive(5, 1));
        assertEquals(0xb83e5bbbb8fa0f9bL, StreamKeys.derive(5, 2));
        assertEquals(0x4bb92605ba2225f6L, StreamKeys.derive(5, 3));
        assertEquals(0xcd56b8b8726d3927L, StreamKeys.derive(5, 4));
        assertEquals(0x48218226ff3cd4bfL, StreamKeys.derive(0, 1));
        assertEquals(0x39598f1a5f539b75L, StreamKeys.derive(0, 4));
        assertEquals(0xc8b44bea424cab16L, StreamKeys.derive(-1, 4));
        assertEquals(StreamKeys.derive(5, 2), StreamKeys.generator(5, 2).seed());
    }

    @Test
    void streamsOfNearbySeedsNeverShareAKeyWithEachOtherOrWithSmallPlainSeeds() {
        Set<Long> keys = new HashSet<>();
        for (long seed = 0; seed < 1000; seed++) {
            for (int stream = 1; stream <= 8; stream++) {
                assertTrue(keys.add(StreamKeys.derive(seed, stream)), "seed " + seed + " stream " + stream);
            }
        }
        for (long plain = 0; plain < 100_000; plain++) {
            assertTrue(!keys.contains(plain), "a derived key equals the plain seed " + plain);
        }
    }

    @Test
    void streamNumbersStartAtOne() {
        assertEquals("StreamKeys.derive: streams are numbered from 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> StreamKeys.derive(5, 0)).getMessage());
    }
}

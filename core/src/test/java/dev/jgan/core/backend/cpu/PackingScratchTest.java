package dev.jgan.core.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackingScratchTest {

    @Test
    void aBorrowedBufferIsNeverHandedOutTwice() {
        float[] first = PackingScratch.borrow(100);
        float[] nested = PackingScratch.borrow(100);
        assertNotSame(first, nested, "a product nested in a join must not pack into its caller's panel");
        assertTrue(first.length >= 100 && nested.length >= 100);
        PackingScratch.giveBack(nested);
        PackingScratch.giveBack(first);
    }

    @Test
    void aBufferGivenBackIsReusedForASmallerOrEqualRequest() {
        float[] buffer = PackingScratch.borrow(4096);
        PackingScratch.giveBack(buffer);
        float[] again = PackingScratch.borrow(4000);
        assertSame(buffer, again);
        PackingScratch.giveBack(again);
    }

    @Test
    void aFullIdleListKeepsTheLargestBuffers() {
        List<float[]> small = new ArrayList<>();
        for (int i = 0; i < PackingScratch.KEPT + 4; i++) {
            small.add(PackingScratch.borrow(1 << 10));
        }
        float[] large = PackingScratch.borrow(1 << 22);
        small.forEach(PackingScratch::giveBack);
        PackingScratch.giveBack(large);
        float[] again = PackingScratch.borrow(1 << 22);
        assertSame(large, again, "the large buffer displaced a small one instead of being dropped");
        PackingScratch.giveBack(again);
    }

    @Test
    void aBufferGivenBackOnOneThreadServesAnother() throws Exception {
        float[] buffer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            float[] b = PackingScratch.borrow(5 << 20);
            PackingScratch.giveBack(b);
            return b;
        }).get();
        float[] again = PackingScratch.borrow(5 << 20);
        assertSame(buffer, again, "the common pool's workers clear their thread-locals, so the list is shared");
        PackingScratch.giveBack(again);
    }

    @Test
    void aSmallRequestTakesTheSmallestBufferThatFitsLeavingTheLargeOneForALargeRequest() {
        float[] large = PackingScratch.borrow(3 << 20);
        float[] small = PackingScratch.borrow(3000);
        PackingScratch.giveBack(large);
        PackingScratch.giveBack(small);
        float[] forSmall = PackingScratch.borrow(2900);
        float[] forLarge = PackingScratch.borrow(3 << 20);
        assertSame(small, forSmall);
        assertSame(large, forLarge, "the panel's buffer is still there for the next panel");
        PackingScratch.giveBack(forSmall);
        PackingScratch.giveBack(forLarge);
    }
}

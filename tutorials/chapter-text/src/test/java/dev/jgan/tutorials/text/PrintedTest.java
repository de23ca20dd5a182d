package dev.jgan.tutorials.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PrintedTest {

    @Test
    void captureReturnsTheTextWithNewlineLineEndsAndTheValue() {
        Printed.Captured<Integer> run = Printed.capture(out -> {
            out.println("one");
            out.print("two");
            return 42;
        });
        assertEquals("one\ntwo", run.printed());
        assertEquals(42, run.value());
    }

    @Test
    void onceRunsTheProgramOnlyOnFirstUse() {
        AtomicInteger runs = new AtomicInteger();
        Supplier<Printed.Captured<Integer>> shared = Printed.once(out -> {
            out.println("slow chapter");
            return runs.incrementAndGet();
        });
        assertEquals(0, runs.get(), "nothing runs before the first get");
        Printed.Captured<Integer> first = shared.get();
        assertSame(first, shared.get());
        assertEquals(1, runs.get());
        assertEquals("slow chapter\n", first.printed());
    }

    @Test
    void aFailingProgramIsReportedAsTheChapterProgramFailing() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Printed.by(out -> {
            throw new java.io.IOException("no data");
        }));
        assertTrue(e.getMessage().startsWith("the chapter program failed: java.io.IOException: no data"), e.getMessage());
    }
}

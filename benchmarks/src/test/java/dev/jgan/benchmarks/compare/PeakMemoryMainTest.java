package dev.jgan.benchmarks.compare;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The memory workload's reading of /proc/self/status and the lines compare_pytorch.py parses. */
class PeakMemoryMainTest {
    private static final List<String> STATUS = List.of(
            "Name:\tjava",
            "VmPeak:\t 9254360 kB",
            "VmHWM:\t  412748 kB",
            "VmRSS:\t  398112 kB",
            "Threads:\t21");

    @Test
    void readsTheFieldAskedForInKib() {
        assertEquals(412748, PeakMemoryMain.kib(STATUS, "VmHWM"));
        assertEquals(398112, PeakMemoryMain.kib(STATUS, "VmRSS"));
    }

    @Test
    void aMissingOrMalformedFieldIsAnErrorNamingIt() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> PeakMemoryMain.kib(STATUS, "VmSwap"));
        assertTrue(missing.getMessage().contains("no VmSwap line"), missing.getMessage());
        IllegalStateException malformed = assertThrows(IllegalStateException.class,
                () -> PeakMemoryMain.kib(List.of("VmHWM:\t 412 MB"), "VmHWM"));
        assertTrue(malformed.getMessage().contains("'VmHWM:\t 412 MB'"), malformed.getMessage());
    }

    @Test
    void aFewStepsPrintTheJavaLineStartUpAPeakNoSmallerThanItAndTheHeapLimit() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/status")), "no /proc/self/status (not Linux)");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PeakMemoryMain.run(2, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("JAVA\t"), lines.toString());
        String[] startup = lines.get(1).split("\t");
        String[] peak = lines.get(2).split("\t");
        assertEquals(List.of("MEMORY", "startup"), List.of(startup[0], startup[1]));
        assertEquals(List.of("MEMORY", "peak"), List.of(peak[0], peak[1]));
        assertTrue(Long.parseLong(peak[2]) >= Long.parseLong(startup[2]) && Long.parseLong(startup[2]) > 0,
                lines.toString());
        assertEquals("MEMORY\tmaxHeap\t" + Runtime.getRuntime().maxMemory() / 1024, lines.get(3));
    }

    @Test
    void rejectsAStepCountBelowOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PeakMemoryMain.run(0, System.out));
        assertTrue(e.getMessage().contains("at least 1, got 0"), e.getMessage());
    }
}

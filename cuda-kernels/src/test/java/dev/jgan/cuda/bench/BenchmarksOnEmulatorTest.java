package dev.jgan.cuda.bench;

import dev.jgan.cuda.driver.EmulatorLibrary;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The GPU benchmarks of gpu-bench.sh, run on the emulator at tiny sizes: they cannot say anything
 * about speed here, but their products and updates must be right and their tables complete, so
 * that the first run on a GPU measures instead of debugging.
 */
class BenchmarksOnEmulatorTest {

    @Test
    void matmulBenchmarkMeasuresEveryRungAndChecksItsProducts() {
        assumeTrue(EmulatorLibrary.isAvailable(), EmulatorLibrary::unavailableReason);
        BenchTarget target = BenchTarget.open("emulator");
        int[] sizes = {33, 64};
        List<MatmulBenchmark.Cell> cells = MatmulBenchmark.run(target, sizes, 0.01);
        assertEquals(8, cells.size(), "4 rungs x 2 sizes; no cuBLAS on the emulator");
        for (MatmulBenchmark.Cell c : cells) {
            assertTrue(c.relativeError() <= 1e-5 && c.gflops() > 0, c.toString());
        }
        String table = print(out -> MatmulBenchmark.print(target, sizes, cells, out));
        assertTrue(table.contains("EMULATOR: timings are meaningless") && table.contains("blocktile_2d"), table);
        assertFalse(table.contains("MISMATCH"), table);
    }

    @Test
    void adamBenchmarkFindsTheFusedStepIdenticalToNnsAdam() {
        assumeTrue(EmulatorLibrary.isAvailable(), EmulatorLibrary::unavailableReason);
        BenchTarget target = BenchTarget.open("emulator");
        List<AdamBenchmark.Row> rows = AdamBenchmark.run(target.base(), new int[]{1000}, 3);
        assertTrue(rows.get(0).identical(), rows.toString());
        String table = print(out -> AdamBenchmark.print(target, rows, out));
        assertTrue(table.contains("| yes"), table);
    }

    @Test
    void convBenchmarkChecksEveryLayerAgainstTheCpu() {
        assumeTrue(EmulatorLibrary.isAvailable(), EmulatorLibrary::unavailableReason);
        BenchTarget target = BenchTarget.open("emulator");
        // DCGAN-64's layers with channels and sides divided by 16: the same shapes of launch, tiny.
        List<ConvBenchmark.Row> rows = ConvBenchmark.run(target.base(), 2, 1, 16);
        assertEquals(4, rows.size());
        for (ConvBenchmark.Row r : rows) {
            assertTrue(r.relativeError() <= 1e-5 && r.forwardMillis() > 0 && r.trainingMillis() > 0, r.toString());
        }
        String table = print(out -> ConvBenchmark.print(target, rows, out));
        assertTrue(table.contains("summary: conv2d"), table);
        assertFalse(table.contains("MISMATCH"), table);
    }

    private static String print(Consumer<PrintStream> printer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        printer.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

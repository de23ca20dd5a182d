package dev.jgan.benchmarks.gpu;

import dev.jgan.core.Device;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Backends;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * gpu-bench.sh's GAN-step benchmark on the CUDA emulator with DCGAN's widths and the batch
 * divided by 32: its times mean nothing there, but both models must train on the device (finite
 * losses) and the table and its summary lines must be complete, so that the first run on a GPU
 * measures instead of debugging.
 */
class GanStepBenchmarkOnEmulatorTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty("jgan.cuda.driver");
    }

    @Test
    void bothModelsTakeStepsOnTheDeviceAndTheTableSaysSo() {
        System.setProperty("jgan.cuda.driver", "emulator");
        Backend backend = null;
        String reason = "";
        try {
            backend = Backends.forDevice(Device.cuda(0));
        } catch (IllegalStateException e) {
            reason = e.getMessage();
        }
        assumeTrue(backend != null, "the CUDA emulator is not available: " + reason);

        List<GanStepBenchmark.Row> rows = GanStepBenchmark.run(Device.cuda(0), 1, 32);
        assertEquals(2, rows.size());
        for (GanStepBenchmark.Row r : rows) {
            assertTrue(Double.isFinite(r.dLoss()) && Double.isFinite(r.gLoss()) && r.medianMillis() > 0, r.toString());
            assertEquals(2, r.batch());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GanStepBenchmark.print(backend, rows, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("CUDA emulator") && table.contains("summary: MLP GAN 28x28 step")
                && table.contains("summary: DCGAN-64 (ngf=ndf=2) step"), table);
    }
}

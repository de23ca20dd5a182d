package dev.jgan.gan.run;

import dev.jgan.gan.train.StepResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsLogTest {
    /** Float losses as the engine computes them, a step without G's loss, and values no float holds. */
    private static final List<StepResult> STEPS = List.of(
            new StepResult(0, (float) Math.log(2), 0.6931472f * 2, 0.5f, 0.49999997f),
            new StepResult(1, 1.2345678e-7f, Double.NaN, 1f, 0f),
            new StepResult(2, 0.1, Math.PI, 3.0e-40, -0.0),
            new StepResult(3, Float.MAX_VALUE, Double.POSITIVE_INFINITY, Float.MIN_VALUE, 1e300));

    private static void write(Path file) throws IOException {
        try (MetricsLog log = MetricsLog.open(file, 0)) {
            for (StepResult s : STEPS) {
                log.append(s, 7);
            }
        }
    }

    /** A float reads back as the same float (the engine's precision), any other double as the same double. */
    @Test
    void everyValueReadsBackAsTheNumberWritten(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve(RunDirectory.METRICS);
        write(file);
        List<MetricsLog.Row> rows = MetricsLog.read(file);
        assertEquals(STEPS.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            StepResult s = STEPS.get(i);
            MetricsLog.Row r = rows.get(i);
            assertEquals(s.step(), r.step());
            assertEquals(7, r.epoch());
            assertSameNumber(s.discriminatorLoss(), r.dLoss(), "row " + i + ", d_loss");
            assertSameNumber(s.generatorLoss(), r.gLoss(), "row " + i + ", g_loss");
            assertSameNumber(s.dReal(), r.dReal(), "row " + i + ", d_real");
            assertSameNumber(s.dFake(), r.dFake(), "row " + i + ", d_fake");
        }
    }

    private static void assertSameNumber(double written, double read, String what) {
        boolean isFloat = (float) written == written || Double.isNaN(written);
        if (isFloat) {
            assertEquals(Float.floatToRawIntBits((float) written), Float.floatToRawIntBits((float) read), what);
        } else {
            assertEquals(Double.doubleToRawLongBits(written), Double.doubleToRawLongBits(read), what);
        }
    }

    @Test
    void aFloatIsWrittenAsAFloatAndADoubleAsADouble(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve(RunDirectory.METRICS);
        write(file);
        List<String> lines = Files.readAllLines(file);
        assertEquals(MetricsLog.HEADER, lines.get(0));
        assertEquals("0,7,0.6931472,1.3862944,0.5,0.49999997", lines.get(1));
        assertEquals("1,7,1.2345679E-7,NaN,1.0,0.0", lines.get(2));
        assertEquals("2,7,0.1,3.141592653589793,3.0E-40,-0.0", lines.get(3));
    }

    @Test
    void cuttingBackRewritesTheKeptRowsUnchanged(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve(RunDirectory.METRICS);
        write(file);
        List<String> before = Files.readAllLines(file);
        MetricsLog.cutBack(file, 3);
        assertEquals(before.subList(0, 4), Files.readAllLines(file));
    }
}

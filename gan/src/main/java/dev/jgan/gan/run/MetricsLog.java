package dev.jgan.gan.run;

import dev.jgan.gan.train.StepResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-step losses as CSV (step, epoch, d_loss, g_loss, d_real, d_fake), appended as
 * training goes. On resume the file is cut back to the checkpoint's step, so rows written after
 * the last checkpoint by a crashed run do not appear twice.
 */
public final class MetricsLog implements AutoCloseable {
    static final String HEADER = "step,epoch,d_loss,g_loss,d_real,d_fake";

    /** One row of the log. */
    public record Row(long step, int epoch, double dLoss, double gLoss, double dReal, double dFake) {
    }

    private final BufferedWriter out;

    private MetricsLog(BufferedWriter out) {
        this.out = out;
    }

    /** Opens the log, keeping only rows with step < {@code keepBelowStep}. */
    public static MetricsLog open(Path file, long keepBelowStep) throws IOException {
        List<Row> kept = Files.exists(file) ? read(file).stream().filter(r -> r.step() < keepBelowStep).toList() : List.of();
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        w.write(HEADER);
        w.newLine();
        MetricsLog log = new MetricsLog(w);
        for (Row r : kept) {
            log.write(r);
        }
        w.flush();
        return log;
    }

    public void append(StepResult s, int epoch) throws IOException {
        write(new Row(s.step(), epoch, s.discriminatorLoss(), s.generatorLoss(), s.dReal(), s.dFake()));
    }

    private void write(Row r) throws IOException {
        out.write(String.format(Locale.ROOT, "%d,%d,%.6g,%.6g,%.6g,%.6g", r.step(), r.epoch(), r.dLoss(), r.gLoss(),
                r.dReal(), r.dFake()));
        out.newLine();
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    public static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + ": not a metrics log (the first line must be '" + HEADER + "')");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (f.length != 6) {
                throw new IOException(file + ": line " + (i + 1) + " has " + f.length + " fields, expected 6");
            }
            rows.add(new Row(Long.parseLong(f[0]), Integer.parseInt(f[1]), Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5])));
        }
        return rows;
    }
}

package dev.jgan.gan.run;

import dev.jgan.gan.train.StepResult;
import dev.jgan.nn.io.AtomicFile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-step losses as CSV (step, epoch, d_loss, g_loss, d_real, d_fake), appended as
 * training goes through a buffer that is flushed at the end of every epoch, before the
 * checkpoint is written.
 *
 * <p>A process killed mid-epoch leaves the file ending wherever the buffer last spilled, often
 * in the middle of a row. Every row up to the checkpoint's step was flushed before the checkpoint
 * existed, so whatever a crash tears lies after it. On resume, {@link #open} drops an unfinished
 * last line (one without its newline), keeps the rows before the checkpoint's step, and puts them
 * back atomically, so a kill during that rewrite loses nothing either.
 */
public final class MetricsLog implements AutoCloseable {
    static final String HEADER = "step,epoch,d_loss,g_loss,d_real,d_fake";
    private static final String[] COLUMNS = HEADER.split(",");

    /** One row of the log. */
    public record Row(long step, int epoch, double dLoss, double gLoss, double dReal, double dFake) {
    }

    private final BufferedWriter out;

    private MetricsLog(BufferedWriter out) {
        this.out = out;
    }

    /** Opens the log for appending, keeping only rows with step < {@code keepBelowStep}. */
    public static MetricsLog open(Path file, long keepBelowStep) throws IOException {
        cutBack(file, keepBelowStep);
        return new MetricsLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    /**
     * Rewrites the log (atomically) with only its complete rows with step < {@code keepBelowStep};
     * creates it with just the header if there is none. A malformed row fails before anything is
     * written, naming the file, line and field.
     */
    public static void cutBack(Path file, long keepBelowStep) throws IOException {
        List<Row> kept = Files.exists(file)
                ? parse(file, completeLines(file)).stream().filter(r -> r.step() < keepBelowStep).toList()
                : List.of();
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (Row r : kept) {
            text.append(format(r)).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFile.write(file, o -> o.write(bytes));
    }

    public void append(StepResult s, int epoch) throws IOException {
        out.write(format(new Row(s.step(), epoch, s.discriminatorLoss(), s.generatorLoss(), s.dReal(), s.dFake())));
        out.write('\n');
    }

    /**
     * A row as text. A loss that is a float (the engine's float32 losses are) is written as
     * {@link Float#toString} writes it, which reads back as the same float; any other double as
     * {@link Double#toString} writes it. {@code String.format("%.6g")}, used before, kept 6 digits,
     * and java.util.Formatter (which parses its pattern with a regular expression every call) took
     * 1.2 % of the end-to-end epoch's main thread (11 of 924 samples; {@code bin/gan train --data
     * fashion-mnist --epochs 1 --recipe gan.py}, 2-core Xeon) and its share of the compiler threads.
     */
    private static String format(Row r) {
        return r.step() + "," + r.epoch() + "," + exactly(r.dLoss()) + "," + exactly(r.gLoss()) + ","
                + exactly(r.dReal()) + "," + exactly(r.dFake());
    }

    private static String exactly(double value) {
        float asFloat = (float) value;
        return asFloat == value || Double.isNaN(value) ? Float.toString(asFloat) : Double.toString(value);
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Every row; a log whose last line is unfinished (a crash mid-write) fails, naming the file and line. */
    public static List<Row> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IOException(file + ": line " + lines.size() + " is unfinished (no newline at the end of the"
                    + " file: the run was killed while writing it); 'gan train --resume' drops it");
        }
        return parse(file, lines);
    }

    /** The lines of {@code file} without an unfinished last one. */
    private static List<String> completeLines(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (!text.isEmpty() && !text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static List<Row> parse(Path file, List<String> lines) throws IOException {
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(file + ": not a metrics log (the first line must be '" + HEADER + "')");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            int line = i + 1;
            if (f.length != COLUMNS.length) {
                throw new IOException(file + ": line " + line + " has " + f.length + " fields, expected "
                        + COLUMNS.length + " (" + HEADER + ")");
            }
            rows.add(new Row((long) number(file, line, f, 0, true), (int) number(file, line, f, 1, true),
                    number(file, line, f, 2, false), number(file, line, f, 3, false), number(file, line, f, 4, false),
                    number(file, line, f, 5, false)));
        }
        return rows;
    }

    /** Field {@code column} of a row: a whole number >= 0 (step, epoch) or any number, NaN included (losses). */
    private static double number(Path file, int line, String[] fields, int column, boolean count) throws IOException {
        String text = fields[column].strip();
        try {
            if (count) {
                long v = Long.parseLong(text);
                if (v >= 0 && (column != 1 || v <= Integer.MAX_VALUE)) {
                    return v;
                }
            } else {
                return Double.parseDouble(text);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(file + ": line " + line + ", field " + COLUMNS[column] + ": '" + text + "' is not "
                + (count ? "a whole number >= 0" : "a number"));
    }
}

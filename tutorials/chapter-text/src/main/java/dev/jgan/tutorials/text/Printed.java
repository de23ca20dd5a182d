package dev.jgan.tutorials.text;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a chapter program prints, captured as text with "\n" line ends on every platform. */
public final class Printed {
    private Printed() {
    }

    /** A chapter program's body that prints to the stream it is given. */
    @FunctionalInterface
    public interface Program {
        void run(PrintStream out) throws Exception;
    }

    public static String by(Program program) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            program.run(out);
        } catch (Exception e) {
            throw new IllegalStateException("the chapter program failed: " + e, e);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }
}

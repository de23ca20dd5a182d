package dev.jgan.tutorials.text;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** What a chapter program prints, captured as text with "\n" line ends on every platform. */
public final class Printed {
    private Printed() {
    }

    /** A chapter program's body that prints to the stream it is given. */
    @FunctionalInterface
    public interface Program {
        void run(PrintStream out) throws Exception;
    }

    /** A chapter program's body that prints and returns what a test checks besides the text. */
    @FunctionalInterface
    public interface Computation<T> {
        T run(PrintStream out) throws Exception;
    }

    /** What the program printed and what it returned. */
    public record Captured<T>(String printed, T value) {
    }

    public static String by(Program program) {
        return capture(out -> {
            program.run(out);
            return null;
        }).printed();
    }

    public static <T> Captured<T> capture(Computation<T> program) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        T value;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            value = program.run(out);
        } catch (Exception e) {
            throw new IllegalStateException("the chapter program failed: " + e, e);
        }
        return new Captured<>(bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"), value);
    }

    /**
     * {@link #capture}, run at most once, on first use: for a slow chapter program that several
     * test classes check (Surefire runs them in one JVM, so they share the one run).
     */
    public static <T> Supplier<Captured<T>> once(Computation<T> program) {
        return new Supplier<>() {
            private Captured<T> captured;

            @Override
            public synchronized Captured<T> get() {
                if (captured == null) {
                    captured = capture(program);
                }
                return captured;
            }
        };
    }
}

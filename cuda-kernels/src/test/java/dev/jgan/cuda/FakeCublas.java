package dev.jgan.cuda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stand-in for cuBLAS of src/test/native/fake_cublas.cpp, built with g++ once per JVM into a
 * temporary folder as {@code libcublas.so.13}. It computes on the host, which under the emulator
 * (device pointers are host pointers) is where the data is, and logs every call to
 * {@code libcublas.so.13.calls} beside itself.
 */
final class FakeCublas {
    private static Path library;
    private static String failure;

    private FakeCublas() {
    }

    /** The built library; throws IllegalStateException with the reason when g++ is missing or fails. */
    static synchronized Path library() {
        if (library == null && failure == null) {
            try {
                library = build();
            } catch (IOException | InterruptedException | IllegalStateException e) {
                failure = "the fake cuBLAS could not be built: " + e.getMessage();
            }
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return library;
    }

    /** The calls logged since the last {@link #clearCalls()}, one line each, e.g. "cublasSgemm_v2 N T m=4 ...". */
    static List<String> calls() throws IOException {
        Path log = callLog();
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
    }

    static void clearCalls() throws IOException {
        Files.deleteIfExists(callLog());
    }

    private static Path callLog() {
        return Path.of(library() + ".calls");
    }

    private static Path build() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("jgan-fake-cublas");
        Path target = dir.resolve("libcublas.so.13");
        Path source = Path.of("src/test/native/fake_cublas.cpp").toAbsolutePath();
        Process process;
        try {
            process = new ProcessBuilder("g++", "-std=c++17", "-O1", "-fPIC", "-shared", "-Wall", "-Wextra",
                    "-o", target.toString(), source.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("g++.txt").toFile()).start();
        } catch (IOException noCompiler) {
            throw new IllegalStateException("g++ is not installed (" + noCompiler.getMessage() + ")");
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("g++ took over 120 s");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("g++ failed:\n" + Files.readString(dir.resolve("g++.txt")));
        }
        return target;
    }
}

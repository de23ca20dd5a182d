package dev.jgan.cuda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The emulator header's own checks (src/test/emulator/emulator_selftest.cpp): grid coverage,
 * __syncthreads, per-block shared memory, atomicAdd, early exit, launch limits. Built here with
 * g++ and run; skipped where g++ is missing, like every emulator test.
 */
class EmulatorSelfTest {

    @Test
    void theEmulatorHeaderPassesItsSelfTest(@TempDir Path dir) throws IOException, InterruptedException {
        assumeTrue(run(List.of("g++", "--version"), dir).exitCode == 0, "g++ is not installed");
        Path binary = dir.resolve("emulator_selftest");
        Result build = run(List.of("g++", "-std=c++20", "-O1", "-pthread", "-ffp-contract=off", "-Wall", "-Wextra",
                "-Wno-unknown-pragmas", "-o", binary.toString(), "src/test/emulator/emulator_selftest.cpp"), dir);
        assertEquals(0, build.exitCode, "g++ failed:\n" + build.output);
        Result selfTest = run(List.of(binary.toString()), dir);
        assertEquals(0, selfTest.exitCode, "emulator self-test failed:\n" + selfTest.output);
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs a command from the module folder; a command that cannot start counts as exit code 127. */
    private static Result run(List<String> command, Path dir) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile()).start();
        } catch (IOException cannotStart) {
            return new Result(127, cannotStart.getMessage());
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out after 120 s: " + command);
        }
        return new Result(process.exitValue(), Files.readString(dir.resolve("output.txt"), StandardCharsets.UTF_8));
    }
}

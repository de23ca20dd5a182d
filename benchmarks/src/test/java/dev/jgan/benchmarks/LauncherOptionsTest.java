package dev.jgan.benchmarks;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/gan, the JMH forks ({@link ForksLikeBinGan}) and compare_pytorch.py start the JVM with the
 * same collector and heap settings, so that what the benchmarks measure is what users run. The
 * options are written in three languages; this keeps them from drifting apart.
 */
class LauncherOptionsTest {
    /** Maven runs a module's tests in the module's directory. */
    private static final Path ROOT = Path.of("..");

    @Test
    void binGanStartsTheJvmWithTheForksOptions() throws IOException {
        String launcher = Files.readString(ROOT.resolve("bin/gan"));
        assertTrue(launcher.contains("collector=" + ForksLikeBinGan.COLLECTOR + "\n"), "bin/gan's collector");
        assertTrue(launcher.contains("heap=\"" + ForksLikeBinGan.FIRST_HEAP + " " + ForksLikeBinGan.YOUNG_GENERATION
                + "\"\n"), "bin/gan's heap settings");
        assertTrue(launcher.contains("jit=${JIT_OPTS-\"" + ForksLikeBinGan.QUIET_COMPILE_COMMANDS + " "
                + ForksLikeBinGan.KERNELS_COMPILED_EARLY + "\"}\n"), "bin/gan's compiler settings");
    }

    @Test
    void theComparisonScriptStartsItsJvmsWithTheForksOptions() throws IOException {
        String script = Files.readString(ROOT.resolve("benchmarks/compare/compare_pytorch.py"));
        assertTrue(script.contains("LAUNCHER_JVM_OPTIONS = (\"" + ForksLikeBinGan.COLLECTOR + "\", \""
                + ForksLikeBinGan.FIRST_HEAP + "\", \"" + ForksLikeBinGan.YOUNG_GENERATION + "\",\n"
                + "                        \"" + ForksLikeBinGan.QUIET_COMPILE_COMMANDS + "\", \""
                + ForksLikeBinGan.KERNELS_COMPILED_EARLY + "\")\n"),
                "compare_pytorch.py's LAUNCHER_JVM_OPTIONS");
    }
}

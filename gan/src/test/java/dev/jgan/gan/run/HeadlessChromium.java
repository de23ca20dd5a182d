package dev.jgan.gan.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium in its own headless mode, started per page: no driver, no download. The
 * flags keep it off the network (this machine has none; without them Chromium retries its
 * background connections) and give every start a fresh profile.
 */
final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;

    /** The page's DOM after its load handlers ran, and what the page wrote to the console. */
    record Rendered(String dom, List<String> consoleLines) {
    }

    private final Path workDir;
    private int starts;

    private HeadlessChromium(Path workDir) {
        this.workDir = workDir;
    }

    /** Skips the calling test, naming the package, where Chromium is not installed. */
    static HeadlessChromium orSkip(Path workDir) {
        assumeTrue(Files.isExecutable(BINARY), "skipped: needs Chromium at " + BINARY
                + " (Debian package 'chromium'; .ci/run installs it)");
        return new HeadlessChromium(workDir);
    }

    Rendered dumpDom(Path page) throws IOException, InterruptedException {
        Result r = run(page, "--dump-dom");
        // Chromium logs every console message, whatever its level, as INFO:CONSOLE on stderr.
        List<String> console = r.stderr.lines().filter(l -> l.contains(":CONSOLE")).toList();
        return new Rendered(r.stdout, console);
    }

    void screenshot(Path page, Path png, int width, int height) throws IOException, InterruptedException {
        run(page, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars");
        if (!Files.exists(png)) {
            fail("chromium wrote no screenshot " + png);
        }
    }

    private record Result(String stdout, String stderr) {
    }

    private Result run(Path page, String... action) throws IOException, InterruptedException {
        int n = starts++;
        Path stdout = workDir.resolve("chromium-" + n + ".out");
        Path stderr = workDir.resolve("chromium-" + n + ".err");
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + workDir.resolve("profile-" + n).toAbsolutePath(),
                "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(action));
        command.add(page.toAbsolutePath().toUri().toString());
        // Output goes to files, not pipes: a full pipe nobody reads would stall Chromium.
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            fail("chromium " + String.join(" ", action) + " did not finish in " + TIMEOUT_SECONDS + " s; stderr: "
                    + new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8));
        }
        String err = new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            fail("chromium " + String.join(" ", action) + " exited with " + p.exitValue() + "; stderr: " + err);
        }
        return new Result(new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8), err);
    }
}

package dev.jgan.benchmarks;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * bin/gan's class archive (class data sharing), run as a user runs it: the real script, copied
 * into a directory laid out like the repository, starting a jar that holds only
 * {@link LauncherProbeMain}. The first {@code train} lists the classes it loaded and then writes
 * them to gan/target/gan.jsa (a static archive), later runs map it, {@code train --help} or a
 * failed run writes none, an archive older than the jar is deleted, and {@code CDS_OPTS=} runs
 * without one.
 */
class LauncherClassArchiveTest {
    /** Maven runs a module's tests in the module's directory. */
    private static final Path ROOT = Path.of("..");

    @TempDir
    Path root;
    private Path jar;
    private Path archive;

    @BeforeEach
    void layOutARepository() throws IOException {
        Files.createDirectories(root.resolve("bin"));
        Path launcher = root.resolve("bin/gan");
        Files.copy(ROOT.resolve("bin/gan"), launcher);
        assertTrue(launcher.toFile().setExecutable(true));
        // The launcher rebuilds the jar when a source file is newer: these folders hold none.
        for (String module : List.of("core", "nn", "gan", "cuda-kernels")) {
            Files.createDirectories(root.resolve(module).resolve("src/main"));
        }
        Files.createDirectories(root.resolve("gan/target"));
        jar = root.resolve("gan/target/gan.jar");
        archive = root.resolve("gan/target/gan.jsa");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbeMain.class.getName());
        String entry = LauncherProbeMain.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            out.putNextEntry(new JarEntry(entry));
            try (var in = LauncherProbeMain.class.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(out);
            }
            out.closeEntry();
        }
    }

    @Test
    void theFirstTrainingRunWritesTheArchiveAndTheNextOneMapsIt() throws Exception {
        Run help = gan(Map.of(), "train", "--help");
        assertEquals(0, help.status(), help.output());
        assertFalse(Files.exists(archive), "train --help loads too few classes to be worth an archive");

        Run first = gan(Map.of(), "train", "--data", "digits");
        assertEquals(0, first.status(), first.output());
        assertTrue(first.output().contains("probe: train --data digits"), first.output());
        assertTrue(Files.size(archive) > 0, "the first train writes gan/target/gan.jsa");
        assertEquals(List.of(archive), archiveFiles(), "no class list or temporary archive is left behind");
        assertFalse(first.output().contains("cds"), "the JVM's cds log lines are off: " + first.output());

        Path log = root.resolve("classes.log");
        Run second = gan(Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + log), "sample");
        assertEquals(0, second.status(), second.output());
        String loaded = Files.readString(log);
        // "shared objects file": the static archive; a dynamic one on top of the JDK's would say "(top)".
        assertTrue(loaded.contains(LauncherProbeMain.class.getName() + " source: shared objects file\n"),
                "the next run maps the probe's class from the archive:\n" + loaded.lines()
                        .filter(line -> line.contains("LauncherProbeMain")).toList());
    }

    @Test
    void aFailedRunOrCdsOptsLeavesNoArchive() throws Exception {
        Run failed = gan(Map.of(), "train", "fail");
        assertEquals(3, failed.status(), "the launcher returns the run's own status: " + failed.output());
        assertEquals(List.of(), archiveFiles(), "a failed first run leaves no archive, not even a temporary one");

        Run without = gan(Map.of("CDS_OPTS", ""), "train");
        assertEquals(0, without.status(), without.output());
        assertEquals(List.of(), archiveFiles(), "CDS_OPTS= runs without class data sharing");
    }

    @Test
    void anArchiveOlderThanTheJarIsDeleted() throws Exception {
        Run first = gan(Map.of(), "train");
        assertEquals(0, first.status(), first.output());
        assertTrue(Files.exists(archive));
        // A jar rebuilt after the archive (by hand, or by bin/gan itself).
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 60_000));
        Run sample = gan(Map.of(), "sample");
        assertEquals(0, sample.status(), sample.output());
        assertFalse(Files.exists(archive), "a stale archive is deleted (and only a train writes a new one)");
        Run train = gan(Map.of(), "train");
        assertEquals(0, train.status(), train.output());
        assertTrue(Files.exists(archive), "the next train writes it again");
    }

    private List<Path> archiveFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("gan/target"))) {
            return files.filter(f -> f.getFileName().toString().startsWith("gan.jsa")).toList();
        }
    }

    private record Run(int status, String output) {
    }

    private Run gan(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("bin/gan").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeAll(List.of("JAVA_OPTS", "JIT_OPTS", "CDS_OPTS", "JDK_JAVA_OPTIONS"));
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }
}

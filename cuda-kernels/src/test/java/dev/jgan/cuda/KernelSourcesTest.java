package dev.jgan.cuda;

import dev.jgan.cuda.driver.EmulatedDriver;
import dev.jgan.cuda.driver.EmulatorLibrary;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The kernel sources, their documentation, the emulator's kernel table and the GPU modules agree. */
class KernelSourcesTest {
    private static final Path SOURCES = Path.of("src/main/cuda");
    private static final Pattern KERNEL = Pattern.compile("extern \"C\" __global__ void (\\w+)\\(");

    @Test
    void everyFileOpensWithACommentNamingEachOfItsKernels() throws IOException {
        for (Path file : cuFiles()) {
            String text = Files.readString(file);
            String header = text.substring(0, text.indexOf("#include"));
            assertTrue(header.startsWith("// " + file.getFileName()), file + " should open with a comment naming it");
            List<String> kernels = kernels(text);
            assertFalse(kernels.isEmpty(), file + " defines no kernel");
            for (String kernel : kernels) {
                assertTrue(header.contains(kernel), file + ": the opening comment does not mention " + kernel);
            }
        }
    }

    @Test
    void theEmulatorHasExactlyTheKernelsOfTheSources() throws IOException {
        assumeTrue(EmulatorLibrary.isAvailable(), EmulatorLibrary::unavailableReason);
        assertEquals(allKernels(), new TreeSet<>(new EmulatedDriver().kernelNames()));
    }

    @Test
    void theGpuModulesAreOneFatbinPerSourceWhenNvccBuiltThem() throws IOException {
        InputStream list = getClass().getResourceAsStream("/dev/jgan/cuda/kernels/modules.txt");
        assumeTrue(list != null, "no GPU kernel modules in this build: nvcc was not installed");
        Set<String> modules = new TreeSet<>(List.of(new String(list.readAllBytes(), StandardCharsets.UTF_8).trim().split("\\s+")));
        Set<String> expected = new TreeSet<>();
        for (Path file : cuFiles()) {
            expected.add(file.getFileName().toString().replace(".cu", ".fatbin"));
        }
        assertEquals(expected, modules);
        for (String module : modules) {
            assertNotNull(getClass().getResource("/dev/jgan/cuda/kernels/" + module), module);
        }
    }

    private static List<Path> cuFiles() throws IOException {
        try (Stream<Path> files = Files.list(SOURCES)) {
            return files.filter(p -> p.toString().endsWith(".cu")).sorted().toList();
        }
    }

    private static Set<String> allKernels() throws IOException {
        Set<String> names = new TreeSet<>();
        for (Path file : cuFiles()) {
            names.addAll(kernels(Files.readString(file)));
        }
        return names;
    }

    private static List<String> kernels(String source) {
        List<String> names = new ArrayList<>();
        Matcher m = KERNEL.matcher(source);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}

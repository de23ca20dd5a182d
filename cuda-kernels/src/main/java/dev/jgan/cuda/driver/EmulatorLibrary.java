package dev.jgan.cuda.driver;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Finds and loads the emulator's shared library, which the build puts on the class path at
 * {@code dev/jgan/cuda/native/<os>-<arch>/libjgan_cuda_emulator.so} when g++ is present. When it
 * is absent (no g++ at build time, another platform) the emulator is unavailable and
 * {@link #unavailableReason()} says why; tests then report themselves as skipped.
 */
public final class EmulatorLibrary {
    private static final String FILE_NAME = "libjgan_cuda_emulator.so";
    private static final String LOAD_FAILURE = load();

    private EmulatorLibrary() {
    }

    public static boolean isAvailable() {
        return LOAD_FAILURE == null;
    }

    /** Why the library could not be loaded; empty when it was. */
    public static String unavailableReason() {
        return LOAD_FAILURE == null ? "" : LOAD_FAILURE;
    }

    static void require() {
        if (LOAD_FAILURE != null) {
            throw new IllegalStateException(LOAD_FAILURE);
        }
    }

    /** The class-path location of the library for this platform, named as the build script names it. */
    static String resourcePath() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String platform = os.startsWith("linux") ? "linux" : os.replace(' ', '_');
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        return "/dev/jgan/cuda/native/" + platform + "-" + arch + "/" + FILE_NAME;
    }

    private static String load() {
        String resource = resourcePath();
        URL url = EmulatorLibrary.class.getResource(resource);
        if (url == null) {
            return "CUDA emulator library " + resource + " is not on the class path: it is built by"
                    + " src/main/build/build-native.sh only where g++ (C++20) is installed";
        }
        try {
            System.load(localFile(url).toString());
            return null;
        } catch (IOException | URISyntaxException | UnsatisfiedLinkError e) {
            return "CUDA emulator library " + url + " could not be loaded: " + e.getMessage();
        }
    }

    /** The library as a file: itself when the class path is a folder, else a temporary copy out of the jar. */
    private static Path localFile(URL url) throws IOException, URISyntaxException {
        if (url.getProtocol().equals("file")) {
            return Path.of(url.toURI());
        }
        Path copy = Files.createTempFile("jgan_cuda_emulator", ".so");
        copy.toFile().deleteOnExit();
        try (InputStream in = url.openStream()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }
}

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
 * Loads the JNI libraries that build-native.sh puts on the class path at
 * {@code dev/jgan/cuda/native/<os>-<arch>/<file>} (the emulator, the cuBLAS shim): from the
 * folder when the class path is one, else from a temporary copy out of the jar.
 */
public final class NativeLibraries {
    private NativeLibraries() {
    }

    /**
     * Loads {@code fileName} into this JVM; returns null when it loaded, else why not, naming the
     * library and, when it is missing, {@code whenMissing} (what builds it).
     */
    public static String load(String fileName, String description, String whenMissing) {
        String resource = resourcePath(fileName);
        URL url = NativeLibraries.class.getResource(resource);
        if (url == null) {
            return description + " " + resource + " is not on the class path: " + whenMissing;
        }
        try {
            System.load(localFile(url, fileName).toString());
            return null;
        } catch (IOException | URISyntaxException | UnsatisfiedLinkError e) {
            return description + " " + url + " could not be loaded: " + e.getMessage();
        }
    }

    /** The class-path location of a library for this platform, named as the build script names it. */
    static String resourcePath(String fileName) {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String platform = os.startsWith("linux") ? "linux" : os.replace(' ', '_');
        String arch = System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch");
        return "/dev/jgan/cuda/native/" + platform + "-" + arch + "/" + fileName;
    }

    private static Path localFile(URL url, String fileName) throws IOException, URISyntaxException {
        if (url.getProtocol().equals("file")) {
            return Path.of(url.toURI());
        }
        Path copy = Files.createTempFile(fileName.replace(".so", ""), ".so");
        copy.toFile().deleteOnExit();
        try (InputStream in = url.openStream()) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        }
        return copy;
    }
}

package dev.jgan.cuda.driver;

/**
 * Finds and loads the emulator's shared library, which the build puts on the class path at
 * {@code dev/jgan/cuda/native/<os>-<arch>/libjgan_cuda_emulator.so} when g++ is present. When it
 * is absent (no g++ at build time, another platform) the emulator is unavailable and
 * {@link #unavailableReason()} says why; tests then report themselves as skipped.
 */
public final class EmulatorLibrary {
    private static final String FILE_NAME = "libjgan_cuda_emulator.so";
    private static final String LOAD_FAILURE = NativeLibraries.load(FILE_NAME, "CUDA emulator library",
            "it is built by src/main/build/build-native.sh only where g++ (C++20) is installed");

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
}

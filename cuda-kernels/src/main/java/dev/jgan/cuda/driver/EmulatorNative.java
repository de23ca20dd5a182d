package dev.jgan.cuda.driver;

/**
 * The JNI entry points of the emulator library (src/main/emulator/emulator_jni.cpp). Addresses
 * are host addresses standing in for device pointers. Callers check ranges; these do not.
 */
final class EmulatorNative {
    private EmulatorNative() {
    }

    static native long allocate(long bytes);

    static native void release(long address);

    /** Sets {@code bytes} bytes from {@code address} to {@code value}. */
    static native void fillBytes(long address, long bytes, int value);

    /**
     * Whether the guard bytes on both sides of the block at {@code address} of {@code bytes}
     * bytes are unchanged; restores them either way, so that one stray write is reported once.
     */
    static native boolean checkGuards(long address, long bytes);

    /** Copies {@code bytes} bytes from the start of a primitive array to {@code address}. */
    static native void copyToDevice(Object array, long address, long bytes);

    /** Copies {@code bytes} bytes from {@code address} to the start of a primitive array. */
    static native void copyToHost(long address, Object array, long bytes);

    static native String[] kernelNames();

    /** Runs a kernel to completion; throws IllegalArgumentException for an unknown name or a signature mismatch. */
    static native void launch(String kernel, String signature, byte[] args,
                              int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ);
}

package dev.jgan.core;

/**
 * Element types. float32 is the working type; float64 exists so that gradient checks can use
 * finite differences small enough to be meaningful.
 */
public enum DType {
    FLOAT32("float32", 4),
    FLOAT64("float64", 8);

    private final String displayName;
    private final int bytes;

    DType(String displayName, int bytes) {
        this.displayName = displayName;
        this.bytes = bytes;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    @Override
    public String toString() {
        return displayName;
    }
}

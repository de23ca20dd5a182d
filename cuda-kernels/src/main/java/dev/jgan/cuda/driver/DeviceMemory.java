package dev.jgan.cuda.driver;

/** A block of device memory handed out by a {@link Driver}; only that driver can use it. */
public interface DeviceMemory {
    /** Size of the block in bytes. */
    long bytes();

    /** Fails, naming the operation, unless {@code [offset, offset + length)} lies inside this block. */
    default void checkRange(String operation, long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > bytes()) {
            throw new IndexOutOfBoundsException(operation + ": bytes [" + offset + ", " + (offset + length)
                    + ") are outside a device block of " + bytes() + " bytes");
        }
    }
}

package dev.jgan.core;

/**
 * Where a tensor's storage lives: {@code cpu}, or {@code cuda:N}. A device names a place; the
 * {@link dev.jgan.core.backend.Backend} registered for it does the work.
 */
public record Device(String type, int index) {

    public static final Device CPU = new Device("cpu", 0);

    public static Device cuda(int index) {
        return new Device("cuda", index);
    }

    /** Parses {@code "cpu"}, {@code "cuda"} or {@code "cuda:1"}. */
    public static Device parse(String text) {
        if (text.equals("cpu")) {
            return CPU;
        }
        if (text.equals("cuda")) {
            return cuda(0);
        }
        if (text.startsWith("cuda:")) {
            try {
                return cuda(Integer.parseInt(text.substring(5)));
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException("device: cannot parse '" + text + "'; expected cpu, cuda or cuda:N");
    }

    @Override
    public String toString() {
        return type.equals("cpu") ? "cpu" : type + ":" + index;
    }
}

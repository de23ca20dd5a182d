package dev.jgan.gan.train;

/** A loss became NaN or infinite; the message names the step and where it first appeared. */
public final class NonFiniteLossException extends RuntimeException {
    private final long step;

    public NonFiniteLossException(long step, String message) {
        super(message);
        this.step = step;
    }

    public long step() {
        return step;
    }
}

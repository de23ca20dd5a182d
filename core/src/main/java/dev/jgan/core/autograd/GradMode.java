package dev.jgan.core.autograd;

/**
 * Whether ops record graph nodes on this thread. Used as a scope:
 * <pre>{@code try (var scope = GradMode.noGrad()) { ... } }</pre>
 */
public final class GradMode {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> Boolean.TRUE);

    private GradMode() {
    }

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Turns recording off until the scope closes, then restores what was there before. */
    public static Scope noGrad() {
        return set(false);
    }

    /** Turns recording on until the scope closes (inside a noGrad scope, for example). */
    public static Scope enableGrad() {
        return set(true);
    }

    static Scope set(boolean enabled) {
        boolean previous = ENABLED.get();
        ENABLED.set(enabled);
        return () -> ENABLED.set(previous);
    }

    /** A scope whose close cannot throw, so try-with-resources needs no catch. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}

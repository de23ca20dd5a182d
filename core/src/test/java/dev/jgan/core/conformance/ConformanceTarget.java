package dev.jgan.core.conformance;

import dev.jgan.core.backend.Backend;

import java.util.function.Supplier;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A named backend that a conformance suite runs against, made once on first use. A target that
 * this machine cannot provide (no GPU, no emulator library) makes each test that asks for it an
 * assumption failure, which JUnit reports as skipped with the reason, never as passed.
 */
public final class ConformanceTarget {
    private final String name;
    private final boolean onHost;
    private final Supplier<Backend> factory;
    private Backend backend;
    private String unavailable;

    private ConformanceTarget(String name, boolean onHost, Supplier<Backend> factory) {
        this.name = name;
        this.onHost = onHost;
        this.factory = factory;
    }

    /** A backend that computes in Java on this machine's CPU, with the CPU's summation order. */
    public static ConformanceTarget host(String name, Supplier<Backend> factory) {
        return new ConformanceTarget(name, true, factory);
    }

    /** A backend on a device (or its emulator); the factory throws when it is not available here. */
    public static ConformanceTarget device(String name, Supplier<Backend> factory) {
        return new ConformanceTarget(name, false, factory);
    }

    /** The backend; skips the calling test when this machine has none. */
    public synchronized Backend backend() {
        if (backend == null && unavailable == null) {
            try {
                backend = factory.get();
            } catch (RuntimeException e) {
                unavailable = e.getMessage();
            }
        }
        assumeTrue(unavailable == null, () -> name + " is not available on this machine: " + unavailable);
        return backend;
    }

    /**
     * Whether the backend is one of the CPU's: its float32 sums are the CPU reference's (accumulated
     * in double where the reference does), where a device's kernel may sum in float.
     */
    public boolean onHost() {
        return onHost;
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }
}

package dev.jgan.core.backend;

import java.util.Optional;

/**
 * Service interface through which modules outside core (the CUDA backend) offer a backend.
 * Registered with {@link java.util.ServiceLoader}, so core never links against them.
 */
public interface BackendProvider {
    /** The device type this provider serves, e.g. {@code "cuda"}. */
    String deviceType();

    /**
     * The backend for a device index, or empty with the reason in {@link #unavailableReason()}
     * when the device cannot be used here (no driver, no GPU, missing library).
     */
    Optional<Backend> backend(int index);

    /** One line for a person: why {@link #backend(int)} is empty. */
    String unavailableReason();
}

package dev.jgan.core.backend;

/**
 * An optional capability of a {@link Backend} that can take a training step's memory back at a
 * point the caller names, instead of waiting for the garbage collector. On a GPU the collector
 * cannot be left to it: a step allocates activations, saved tensors and gradients whose Java
 * objects are tiny, so it sees no reason to run while device memory fills up. On the CPU, memory
 * taken back is reused by the next step without being zeroed or collected. A scope returns what
 * was allocated in it, on the thread that opened it, when it closes.
 *
 * <pre>{@code
 * try (ScopedMemory.Scope step = scoped.openScope()) {
 *     ... forward, backward, optimizer step; read losses with item() ...
 * }
 * }</pre>
 * Only tensors created in the scope are returned; parameters and optimizer state updated in
 * place are not. State an optimizer creates in its first step must be created outside any
 * scope (run the first step without one). A returned tensor fails loudly when used.
 */
public interface ScopedMemory {

    /** Opens a scope on the calling thread; scopes nest and close innermost first. */
    Scope openScope();

    /**
     * Whether the calling thread has a scope open. Code that a caller runs in a scope may open
     * scopes of its own inside it for parts whose results it copies out (a GAN step's D update,
     * then its G update): what those parts allocate was temporary anyway, and goes back sooner.
     * Without an open scope the caller has promised nothing, and such code must not open one.
     */
    boolean hasOpenScope();

    /** An open scope; closing it returns the memory of every tensor allocated in it. */
    interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}

package dev.jgan.cuda.memory;

import dev.jgan.core.backend.ScopedMemory;
import dev.jgan.core.backend.Storage;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Device memory allocated on one thread while the scope is open, returned to the allocator's
 * cache when it closes. A training step allocates activations, saved tensors and gradients
 * whose Java objects are tiny: the garbage collector sees no reason to run, and without a scope
 * the device would fill up long before the Cleaner returned anything. With one, memory in use is
 * the same after every step:
 * <pre>{@code
 * try (MemoryScope step = backend.memoryScope()) {
 *     Tensor loss = model.forward(x).mseLoss(y);
 *     loss.backward();
 *     optimizer.step();
 *     lossValue = loss.item();              // read what you need before the scope closes
 * }
 * }</pre>
 * What must outlive the step is kept: {@link #keep} hands a tensor's storage to the enclosing
 * scope, or, at the outermost scope, back to the garbage collector. Parameters updated in place
 * are not allocated in the step and need nothing; state an optimizer creates lazily in its first
 * step (Adam's moments) must be kept, or created by a first step outside any scope. A tensor
 * whose memory was returned fails loudly when used, never reading another tensor's data.
 *
 * <p>Scopes nest, belong to the thread that opened them and close innermost first.
 */
public final class MemoryScope implements ScopedMemory.Scope {
    private final CachingAllocator allocator;
    private final Thread owner = Thread.currentThread();
    private final Set<Allocation> allocations = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean closed;

    MemoryScope(CachingAllocator allocator) {
        this.allocator = allocator;
    }

    void adopt(Allocation allocation) {
        allocations.add(allocation);
    }

    /**
     * Lets {@code storage}'s memory outlive this scope (see the class comment): for a tensor,
     * {@code scope.keep(tensor.storage())}, which its views share.
     */
    public void keep(Storage storage) {
        checkOpen("keep");
        if (!(storage instanceof DeviceStorage device)) {
            throw new IllegalArgumentException("memory scope: keep: a storage of " + storage.size() + " "
                    + storage.dtype() + " on " + storage.backend().device()
                    + " holds no device memory of this allocator");
        }
        keep(device.allocation());
    }

    void keep(Allocation allocation) {
        checkOpen("keep");
        if (allocations.remove(allocation)) {
            MemoryScope enclosing = allocator.enclosing(this);
            if (enclosing != null) {
                enclosing.adopt(allocation);
            }
        }
    }

    /** Allocations this scope will return when it closes. */
    public int size() {
        return allocations.size();
    }

    /** Returns the memory of every tensor allocated in this scope and not kept. */
    @Override
    public void close() {
        checkOpen("close");
        allocator.closeScope(this);
        closed = true;
        for (Allocation allocation : allocations) {
            allocation.release();
        }
        allocations.clear();
    }

    private void checkOpen(String operation) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("memory scope: " + operation + " on thread "
                    + Thread.currentThread().getName() + ", but the scope belongs to thread " + owner.getName());
        }
        if (closed) {
            throw new IllegalStateException("memory scope: " + operation + " after the scope was closed");
        }
    }
}

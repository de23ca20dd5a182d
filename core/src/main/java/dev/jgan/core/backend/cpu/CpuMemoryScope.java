package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.ScopedMemory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The CPU backend's {@link ScopedMemory.Scope}: every storage allocated on the opening thread
 * while this is its innermost open scope is released when it closes, and its array goes back to
 * the {@link CpuMemoryPool} for the next step to reuse. Views share their base's storage, so a
 * view of a released tensor fails as the tensor does; a view made in the scope of a tensor made
 * before it (a parameter's transpose) releases nothing. Storage made before the scope and updated
 * in place in it (parameters, gradients accumulated into, optimizer state, running statistics)
 * is not touched.
 *
 * <p>Scopes belong to the thread that opened them (the CPU kernels' worker threads allocate no
 * tensors) and close innermost first.
 */
public final class CpuMemoryScope implements ScopedMemory.Scope {
    private final CpuMemoryPool pool;
    private final ArrayDeque<CpuMemoryScope> openOnThread;
    private final Thread owner = Thread.currentThread();
    private final List<CpuStorage> storages = new ArrayList<>();
    private boolean closed;

    CpuMemoryScope(CpuMemoryPool pool, ArrayDeque<CpuMemoryScope> openOnThread) {
        this.pool = pool;
        this.openOnThread = openOnThread;
        openOnThread.push(this);
    }

    void adopt(CpuStorage storage) {
        storages.add(storage);
    }

    /** Storages this scope will release when it closes. */
    public int size() {
        return storages.size();
    }

    /** Releases every storage allocated in this scope and gives the arrays to the pool. */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("cpu memory scope: closed on thread " + Thread.currentThread().getName()
                    + ", but the scope belongs to thread " + owner.getName());
        }
        if (closed) {
            throw new IllegalStateException("cpu memory scope: closed twice");
        }
        if (openOnThread.peek() != this) {
            throw new IllegalStateException("cpu memory scope: scopes must close innermost first");
        }
        openOnThread.pop();
        closed = true;
        for (CpuStorage storage : storages) {
            pool.giveBack(storage.release());
        }
        storages.clear();
    }
}

package dev.jgan.cuda.memory;

import dev.jgan.cuda.driver.DeviceMemory;
import dev.jgan.cuda.driver.Driver;

import java.lang.ref.Cleaner;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Device memory for tensors, kept for reuse instead of handed back to the device. cudaMalloc and
 * cudaFree are slow (cudaFree waits for the whole GPU), and a training step allocates and drops
 * the same sizes over and over; after the first step, a cache serves every request.
 *
 * <p><b>Size classes.</b> Requests are rounded up to a class (see {@link #sizeClass}) and a freed
 * block serves only its own class: blocks are never split or merged, which keeps the allocator
 * simple at the cost of under 25% rounding waste.
 *
 * <p><b>No synchronization on reuse.</b> Every kernel, copy and cuBLAS call of a backend goes to
 * one stream, in order. A block returned while a queued kernel still reads it can be lent again
 * at once: whatever the new owner launches is queued behind that kernel. Copies from the host
 * wait for the stream first ({@link Driver}). So reuse needs no wait, unlike cudaFree.
 *
 * <p><b>Returning blocks.</b> A {@link MemoryScope} returns the memory of a step's intermediates
 * when it closes. Memory no scope owns is returned when its storage becomes unreachable: the
 * Cleaner's thread only queues it, and the next call of a thread using the backend drains the
 * queue, so the Cleaner never touches the cache or the device.
 *
 * <p>On the emulator (and on a GPU in debug mode) reused blocks are filled with 0xFF bytes, NaN
 * in both dtypes, as fresh emulator memory is, so that an output a kernel forgot to write still
 * shows as NaN instead of a previous tensor's plausible values.
 */
public final class CachingAllocator {
    /** The smallest class; smaller requests (a scalar) share it. */
    static final long MIN_BLOCK = 512;
    private static final int POISON_BYTE = 0xFF;
    private static final Cleaner CLEANER = Cleaner.create();

    private final Driver driver;
    private final boolean poisonReused;
    private final Map<Long, ArrayDeque<DeviceMemory>> cache = new HashMap<>();
    private final Queue<Allocation> returnedByCleaner = new ConcurrentLinkedQueue<>();
    private final ThreadLocal<ArrayDeque<MemoryScope>> scopes = ThreadLocal.withInitial(ArrayDeque::new);

    private long bytesInUse;
    private long bytesCached;
    private long peakBytesInUse;
    private long requests;
    private long cacheHits;
    private long deviceAllocations;
    private long deviceFrees;

    /** @param poisonReused fill reused blocks with NaN bytes (for tests and debugging) */
    public CachingAllocator(Driver driver, boolean poisonReused) {
        this.driver = driver;
        this.poisonReused = poisonReused;
    }

    /**
     * The class a request of {@code bytes} is served from: {@link #MIN_BLOCK} for small requests,
     * else the next multiple of a quarter of the power of two below the request (for 1025..2048
     * bytes: 1280, 1536, 1792 or 2048), so no block is more than 25% larger than asked.
     */
    static long sizeClass(long bytes) {
        if (bytes <= MIN_BLOCK) {
            return MIN_BLOCK;
        }
        int log = 63 - Long.numberOfLeadingZeros(bytes - 1);
        long quarter = 1L << (log - 2);
        return (bytes + quarter - 1) / quarter * quarter;
    }

    /**
     * Lends a block of at least {@code bytes} bytes to {@code holder}, a tensor storage. The block
     * belongs to the innermost {@link MemoryScope} this thread opened on this allocator, if any,
     * and is returned when {@code holder} becomes unreachable, if not before.
     */
    public synchronized Allocation allocate(long bytes, Object holder) {
        drainReturned();
        long size = sizeClass(bytes);
        ArrayDeque<DeviceMemory> free = cache.get(size);
        // The most recently freed block first: it is the likeliest to be in the GPU's L2 cache.
        DeviceMemory block = free == null ? null : free.pollLast();
        if (block != null) {
            bytesCached -= size;
            cacheHits++;
            if (poisonReused) {
                driver.fillBytes(block, POISON_BYTE);
            }
        } else {
            block = allocateFromDevice(size);
            deviceAllocations++;
        }
        requests++;
        bytesInUse += size;
        peakBytesInUse = Math.max(peakBytesInUse, bytesInUse);
        Allocation allocation = new Allocation(this, block, size);
        CLEANER.register(holder, allocation::releaseFromCleaner);
        MemoryScope scope = scopes.get().peek();
        if (scope != null) {
            scope.adopt(allocation);
        }
        return allocation;
    }

    /** Out of device memory: hand the cache back to the device and try once more. */
    private DeviceMemory allocateFromDevice(long size) {
        try {
            return driver.allocate(size);
        } catch (RuntimeException | OutOfMemoryError e) {
            if (bytesCached == 0) {
                throw e;
            }
            emptyCache();
            return driver.allocate(size);
        }
    }

    /** Opens a scope on the calling thread; see {@link MemoryScope}. */
    public MemoryScope openScope() {
        MemoryScope scope = new MemoryScope(this);
        scopes.get().push(scope);
        return scope;
    }

    /** Whether the calling thread has a scope open. */
    public boolean hasOpenScope() {
        return !scopes.get().isEmpty();
    }

    /** The scope the calling thread opened before {@code scope}, or null. */
    MemoryScope enclosing(MemoryScope scope) {
        boolean found = false;
        for (MemoryScope s : scopes.get()) {
            if (found) {
                return s;
            }
            found = s == scope;
        }
        return null;
    }

    /** Removes {@code scope}, which must be the calling thread's innermost. */
    void closeScope(MemoryScope scope) {
        ArrayDeque<MemoryScope> open = scopes.get();
        if (open.peek() != scope) {
            throw new IllegalStateException("memory scope: scopes must close innermost first, on the thread that"
                    + " opened them");
        }
        open.pop();
    }

    synchronized void giveBack(Allocation allocation) {
        drainReturned();
        put(allocation);
    }

    void returnLater(Allocation allocation) {
        returnedByCleaner.add(allocation);
    }

    private void drainReturned() {
        for (Allocation a = returnedByCleaner.poll(); a != null; a = returnedByCleaner.poll()) {
            put(a);
        }
    }

    private void put(Allocation allocation) {
        long size = allocation.bytes();
        bytesInUse -= size;
        bytesCached += size;
        cache.computeIfAbsent(size, s -> new ArrayDeque<>()).addLast(allocation.block());
    }

    /** Hands every cached block back to the device (like torch.cuda.empty_cache()). */
    public synchronized void emptyCache() {
        drainReturned();
        Iterator<Map.Entry<Long, ArrayDeque<DeviceMemory>>> classes = cache.entrySet().iterator();
        while (classes.hasNext()) {
            Map.Entry<Long, ArrayDeque<DeviceMemory>> sizeClass = classes.next();
            ArrayDeque<DeviceMemory> blocks = sizeClass.getValue();
            // Each block leaves the cache before it is freed, so a free that fails (the emulator
            // reports stray writes there) leaves the counters right and nothing freed twice.
            for (DeviceMemory block = blocks.pollLast(); block != null; block = blocks.pollLast()) {
                bytesCached -= sizeClass.getKey();
                deviceFrees++;
                driver.free(block);
            }
            classes.remove();
        }
    }

    /** The counters now, after taking in what the Cleaner returned. */
    public synchronized MemoryStats stats() {
        drainReturned();
        return new MemoryStats(bytesInUse, bytesCached, peakBytesInUse, requests, cacheHits, deviceAllocations,
                deviceFrees);
    }

    /** Blocks the Cleaner queued and no thread has taken in yet; for tests of the Cleaner path. */
    int queuedByCleaner() {
        return returnedByCleaner.size();
    }
}

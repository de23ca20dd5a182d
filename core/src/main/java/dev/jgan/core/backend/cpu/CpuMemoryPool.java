package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Arrays kept for reuse, the CPU's counterpart of a caching allocator. A training step allocates
 * the same arrays step after step; a fresh Java array must be zeroed by the JVM and later
 * collected, which cost a DCGAN step a fifth of its time. A {@link CpuMemoryScope} gives a
 * step's arrays back here when it closes, and the next step's requests take them again, holding
 * whatever values they held: every op writes every element of its result before reading it, so
 * none of them needs zeros ({@code Tensor.zeros} fills explicitly).
 *
 * <p><b>Size classes.</b> A class is a dtype and an exact length. A Java array cannot be cut or
 * grown, and a step asks for the same lengths every time, so exact classes serve every request
 * after the first step and waste no memory; rounding lengths up (as the CUDA allocator rounds
 * bytes) would help only shapes that change from call to call, at up to a quarter more memory.
 *
 * <p><b>Bounded.</b> At most {@link #capBytes()} bytes are kept. An array given back beyond the
 * cap evicts the arrays of the classes used longest ago (an evaluation's batch sizes do not crowd
 * out the training step's); an array larger than the whole cap is left to the garbage collector.
 * {@link #emptyCache()} drops everything. A cap of 0 turns pooling off.
 *
 * <p>All methods are synchronized: tensors are allocated by the threads that call ops (kernels'
 * worker threads use scratch arrays of their own), so the lock is almost never contended.
 */
public final class CpuMemoryPool {
    /** System property: the cap in MiB; default a quarter of the maximum heap. 0 turns pooling off. */
    public static final String CAP_PROPERTY = "jgan.cpu.memory.cacheMiB";
    /**
     * System property: {@code true} fills every array this pool hands out with NaN, fresh or
     * reused, so an op that forgets to write an element of its result shows NaN instead of zeros
     * or another tensor's values. For testing kernels; it costs a pass over every result.
     */
    public static final String POISON_PROPERTY = "jgan.cpu.memory.poison";

    private record SizeClass(DType dtype, int length) {
        long bytes() {
            return (long) length * dtype.bytes();
        }
    }

    /** Least recently used class first (access order), each class's arrays oldest first. */
    private final Map<SizeClass, ArrayDeque<Object>> free = new LinkedHashMap<>(64, 0.75f, true);
    private long capBytes;
    private boolean poison;

    private long requests;
    private long reused;
    private long bytesCached;
    private long peakBytesCached;
    private long givenBack;
    private long evicted;

    public CpuMemoryPool(long capBytes, boolean poison) {
        setCapBytes(capBytes);
        this.poison = poison;
    }

    /** The pool {@link CpuBackend} starts with: the cap and poisoning from the system properties above. */
    static CpuMemoryPool fromSystemProperties() {
        String cap = System.getProperty(CAP_PROPERTY);
        long capBytes;
        if (cap == null) {
            capBytes = Runtime.getRuntime().maxMemory() / 4;
        } else {
            try {
                capBytes = Long.parseLong(cap.trim()) << 20;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("-D" + CAP_PROPERTY + "=" + cap + ": expected a whole number of"
                        + " MiB (0 turns the CPU memory pool off)", e);
            }
        }
        return new CpuMemoryPool(capBytes, Boolean.getBoolean(POISON_PROPERTY));
    }

    /** A float array of {@code length} elements with unspecified contents. */
    float[] floats(int length) {
        return (float[]) array(DType.FLOAT32, length);
    }

    /** A double array of {@code length} elements with unspecified contents. */
    double[] doubles(int length) {
        return (double[]) array(DType.FLOAT64, length);
    }

    private synchronized Object array(DType dtype, int length) {
        Object array = take(new SizeClass(dtype, length));
        if (array == null) {
            array = dtype == DType.FLOAT32 ? new float[length] : new double[length];
        }
        if (poison && array instanceof float[] floats) {
            Arrays.fill(floats, Float.NaN);
        } else if (poison) {
            Arrays.fill((double[]) array, Double.NaN);
        }
        return array;
    }

    private Object take(SizeClass sizeClass) {
        requests++;
        ArrayDeque<Object> arrays = free.get(sizeClass);
        // The most recently given back first: the likeliest to be in a cache still.
        Object array = arrays == null ? null : arrays.pollLast();
        if (array != null) {
            reused++;
            bytesCached -= sizeClass.bytes();
        }
        return array;
    }

    /** Takes back an array (a {@code float[]} or {@code double[]}) that no tensor uses any more. */
    synchronized void giveBack(Object array) {
        SizeClass sizeClass = array instanceof float[] f ? new SizeClass(DType.FLOAT32, f.length)
                : new SizeClass(DType.FLOAT64, ((double[]) array).length);
        givenBack++;
        long bytes = sizeClass.bytes();
        if (bytes > capBytes) {
            evicted++;
            return;
        }
        evictUntilFree(bytes);
        free.computeIfAbsent(sizeClass, c -> new ArrayDeque<>()).addLast(array);
        bytesCached += bytes;
        peakBytesCached = Math.max(peakBytesCached, bytesCached);
    }

    /** Drops the oldest arrays of the least recently used classes until {@code bytes} more fit under the cap. */
    private void evictUntilFree(long bytes) {
        Iterator<Map.Entry<SizeClass, ArrayDeque<Object>>> classes = free.entrySet().iterator();
        while (bytesCached + bytes > capBytes && classes.hasNext()) {
            Map.Entry<SizeClass, ArrayDeque<Object>> lru = classes.next();
            ArrayDeque<Object> arrays = lru.getValue();
            while (bytesCached + bytes > capBytes && arrays.pollFirst() != null) {
                bytesCached -= lru.getKey().bytes();
                evicted++;
            }
            if (arrays.isEmpty()) {
                classes.remove();
            }
        }
    }

    /** Leaves every cached array to the garbage collector. */
    public synchronized void emptyCache() {
        evicted += free.values().stream().mapToLong(ArrayDeque::size).sum();
        free.clear();
        bytesCached = 0;
    }

    public synchronized long capBytes() {
        return capBytes;
    }

    /** Sets the cap, evicting what no longer fits; 0 turns pooling off. */
    public synchronized void setCapBytes(long capBytes) {
        if (capBytes < 0) {
            throw new IllegalArgumentException("cpu memory pool: the cap must be at least 0 bytes, got " + capBytes);
        }
        this.capBytes = capBytes;
        evictUntilFree(0);
    }

    /** See {@link #POISON_PROPERTY}. */
    public synchronized void setPoison(boolean poison) {
        this.poison = poison;
    }

    /** The counters now. */
    public synchronized CpuMemoryStats stats() {
        return new CpuMemoryStats(requests, reused, requests - reused, givenBack, evicted, bytesCached,
                peakBytesCached, capBytes);
    }
}

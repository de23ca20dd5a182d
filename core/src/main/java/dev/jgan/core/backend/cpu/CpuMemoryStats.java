package dev.jgan.core.backend.cpu;

import java.util.Locale;

/**
 * A snapshot of a {@link CpuMemoryPool}'s counters, for tests and benchmarks.
 *
 * @param requests        arrays asked for (every CPU storage allocated)
 * @param reused          requests served from the pool, with no new array
 * @param fresh           requests that made a new array (zeroed by the JVM, later garbage); requests = reused + fresh
 * @param givenBack       arrays given back by closing memory scopes
 * @param evicted         arrays given back but left to the garbage collector: over the cap, or by emptyCache
 * @param bytesCached     bytes held for reuse now
 * @param peakBytesCached the most bytesCached has been
 * @param capBytes        the most the pool may hold
 */
public record CpuMemoryStats(long requests, long reused, long fresh, long givenBack, long evicted, long bytesCached,
                             long peakBytesCached, long capBytes) {

    /** The counters accumulated since {@code before}; the byte figures are those of now. */
    public CpuMemoryStats since(CpuMemoryStats before) {
        return new CpuMemoryStats(requests - before.requests, reused - before.reused, fresh - before.fresh,
                givenBack - before.givenBack, evicted - before.evicted, bytesCached, peakBytesCached, capBytes);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d requests: %d reused, %d fresh; %d given back, %d evicted;"
                        + " cached %s (peak %s, cap %s)", requests, reused, fresh, givenBack, evicted, mib(bytesCached),
                mib(peakBytesCached), mib(capBytes));
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024.0));
    }
}

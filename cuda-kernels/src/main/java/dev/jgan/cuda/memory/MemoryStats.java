package dev.jgan.cuda.memory;

import java.util.Locale;

/**
 * A snapshot of a {@link CachingAllocator}'s counters. Bytes are counted in whole size classes,
 * the unit in which the allocator holds device memory.
 *
 * @param bytesInUse        held by live tensors now
 * @param bytesCached       freed by tensors and kept for reuse, not returned to the device
 * @param peakBytesInUse    the most {@code bytesInUse} has been
 * @param requests          allocations asked of the allocator
 * @param cacheHits         requests served from the cache
 * @param deviceAllocations requests that went to the device (cudaMalloc); requests = cacheHits + deviceAllocations
 * @param deviceFrees       blocks handed back to the device (by {@link CachingAllocator#emptyCache()})
 */
public record MemoryStats(long bytesInUse, long bytesCached, long peakBytesInUse, long requests, long cacheHits,
                          long deviceAllocations, long deviceFrees) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "in use %s (peak %s), cached %s; %d requests: %d from the cache,"
                        + " %d device allocations, %d device frees", mib(bytesInUse), mib(peakBytesInUse),
                mib(bytesCached), requests, cacheHits, deviceAllocations, deviceFrees);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.2f MiB", bytes / (1024.0 * 1024.0));
    }
}

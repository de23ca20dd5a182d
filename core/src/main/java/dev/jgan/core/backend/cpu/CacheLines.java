package dev.jgan.core.backend.cpu;

import java.lang.reflect.Field;

/**
 * Where a 64-byte cache line starts inside a float array, so that {@link PackedMatmul}'s packed
 * panels and running sums can begin on one.
 *
 * <p>Why: an AVX-512 register is 64 bytes, so a vector load from an array whose elements do not
 * start on a line boundary touches two lines every time (a split load), and the JVM places an
 * array wherever its allocator and collector put it, 8-byte aligned. The register tile loads
 * two vectors of packed B per step; timed on one 32 KiB sliver held in L1 (2-core Xeon, AVX-512,
 * lscpu model 167, best of 80 rounds in each of three JVMs), the tile ran at 185-193 GFLOP/s with
 * B on a line boundary and at 172-181 GFLOP/s 8, 16 or 32 bytes off it. OpenBLAS on one core of
 * that Xeon the same hour (torch.mm, OPENBLAS_NUM_THREADS=1): sgemm 1024 in 12.0-13.1 ms, 164-179
 * GFLOP/s for the whole product. {@link PackingScratch} lends every buffer with a line to spare.
 *
 * <p>How: Java has no API for an object's address, so this reads the reference to the array as
 * the JVM stores it ({@code sun.misc.Unsafe}, which only reads here) and decodes it. A 32-bit
 * compressed reference is the address shifted right by a few bits: 3 with the default 8-byte
 * object alignment, 0 when the heap lies below 4 GiB. {@link #SHIFT} is measured at start-up from
 * two 64-byte arrays allocated one after the other, whose references then differ by 64 shifted
 * right. A heap based elsewhere than 0 starts on a boundary far coarser than a line, so the
 * remainder is the same. A 64-bit reference is taken as the address, which it is for every
 * collector but generational ZGC (JDK 21 to 23), whose stored pointers carry flags in their low bits.
 *
 * <p>The answer only places packed data inside a buffer borrowed with {@link #SLACK} floats to
 * spare: wherever it is wrong (such a collector, an array moved by the collector since), the
 * data is merely unaligned, never misplaced, and the products keep their bits. Off, answering 0:
 * where {@code sun.misc.Unsafe} cannot be reached or refuses (its start-up probes throw, the
 * shift cannot be measured), and from JDK 24 on, which prints a warning the first time one of its
 * memory-access methods is called (JEP 498). javac warns that {@code Unsafe} is internal API; no
 * annotation silences that warning.
 */
final class CacheLines {
    /** Bytes in a cache line (and in one AVX-512 vector). */
    static final int LINE_BYTES = 64;
    /** Floats a buffer needs beyond its contents so that they can start on a line: one line's worth. */
    static final int SLACK = LINE_BYTES / Float.BYTES;

    /** Reads references as stored, or null where that is off (see the class comment). */
    private static final sun.misc.Unsafe UNSAFE;
    /** Where a float[]'s first element lies, in bytes from the start of the array. */
    static final long FLOATS_BASE;
    /** Where the single slot of a one-element Object[] lies. */
    private static final long SLOT;
    /** Whether references are stored in 32 bits (compressed) rather than as 64-bit addresses. */
    private static final boolean COMPRESSED;
    /** How far a compressed reference is shifted from the address. */
    private static final int SHIFT;

    static {
        sun.misc.Unsafe unsafe = null;
        long floatsBase = 0;
        long slot = 0;
        boolean compressed = false;
        int shift = 0;
        try {
            if (Runtime.version().feature() < 24) {
                Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
                field.setAccessible(true);
                sun.misc.Unsafe probing = (sun.misc.Unsafe) field.get(null);
                floatsBase = probing.arrayBaseOffset(float[].class);
                slot = probing.arrayBaseOffset(Object[].class);
                compressed = probing.arrayIndexScale(Object[].class) == 4;
                shift = compressed ? compressedShift(probing, slot) : 0;
                if (shift >= 0) {
                    unsafe = probing;
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            unsafe = null;
        }
        UNSAFE = unsafe;
        FLOATS_BASE = floatsBase;
        SLOT = slot;
        COMPRESSED = compressed;
        SHIFT = Math.max(shift, 0);
    }

    private CacheLines() {
    }

    /**
     * The smallest index i in [0, {@link #SLACK}) at which {@code buffer[i]} starts a cache line, as
     * far as the JVM's layout can be read (0 where it cannot, see the class comment).
     */
    static int firstAligned(float[] buffer) {
        if (UNSAFE == null) {
            return 0;
        }
        long firstElement = addressOf(buffer) + FLOATS_BASE;
        return (int) (Math.floorMod(-firstElement, (long) LINE_BYTES) / Float.BYTES);
    }

    /** Whether the JVM's layout is read here, or {@link #firstAligned} answers 0 (see the class comment). */
    static boolean readsLayout() {
        return UNSAFE != null;
    }

    /** The array's address as the JVM's reference encodes it (see the class comment); needs {@link #readsLayout}. */
    static long addressOf(Object array) {
        Object[] holder = {array};
        if (COMPRESSED) {
            return (UNSAFE.getInt(holder, SLOT) & 0xffff_ffffL) << SHIFT;
        }
        return UNSAFE.getLong(holder, SLOT);
    }

    /**
     * The shift of compressed references, or -1 where it cannot be measured: a long[] of
     * (64 - header) / 8 elements takes exactly 64 bytes under any object alignment up to 64, so two
     * allocated one after the other (the usual case: the same thread-local allocation buffer)
     * have references 64 >> shift apart. A few tries, for a buffer refilled between the two.
     */
    private static int compressedShift(sun.misc.Unsafe unsafe, long slot) {
        long header = unsafe.arrayBaseOffset(long[].class);
        if (header >= LINE_BYTES || (LINE_BYTES - header) % Long.BYTES != 0) {
            return -1;
        }
        int length = (int) ((LINE_BYTES - header) / Long.BYTES);
        Object[] holder = new Object[1];
        for (int attempt = 0; attempt < 16; attempt++) {
            holder[0] = new long[length];
            long first = unsafe.getInt(holder, slot) & 0xffff_ffffL;
            holder[0] = new long[length];
            long apart = (unsafe.getInt(holder, slot) & 0xffff_ffffL) - first;
            if (apart > 0 && apart <= LINE_BYTES && Long.bitCount(apart) == 1) {
                return Long.numberOfTrailingZeros(LINE_BYTES / apart);
            }
        }
        return -1;
    }
}

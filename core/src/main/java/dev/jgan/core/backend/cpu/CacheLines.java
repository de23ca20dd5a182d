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
 * one JVM, best of 80 rounds), the tile ran at 185-193 GFLOP/s with B on a line boundary and at
 * 172-181 GFLOP/s 8, 16 or 32 bytes off it.
 *
 * <p>How: Java has no API for an object's address, so this reads the reference to the array as
 * the JVM stores it ({@code sun.misc.Unsafe}, which only reads here) and decodes it: a 32-bit
 * compressed reference is the address shifted right by 3 bits (the default 8-byte object
 * alignment), or the address itself when the heap lies below 4 GiB (the JVM then stores it
 * unshifted: {@link #SHIFT} tells the two apart at start-up); a 64-bit reference is the address.
 * A heap based elsewhere than 0 starts on a boundary far coarser than a line, so the remainder
 * is the same. The answer only places packed data inside a buffer borrowed with {@link #SLACK}
 * floats to spare: if it is wrong (another object alignment, a collector that moved the array
 * since), the data is merely unaligned, never misplaced, and the products keep their bits.
 *
 * <p>Off, answering 0, where {@code sun.misc.Unsafe} cannot be reached, and from JDK 24 on, which
 * prints a warning the first time one of its memory-access methods is called (JEP 498).
 */
final class CacheLines {
    /** Bytes in a cache line (and in one AVX-512 vector). */
    static final int LINE_BYTES = 64;
    /** Floats a buffer needs beyond its contents so that they can start on a line: one line's worth. */
    static final int SLACK = LINE_BYTES / Float.BYTES;

    /** Reads references as stored, or null where that is off (see the class comment). */
    private static final sun.misc.Unsafe UNSAFE = unsafeWhereQuiet();
    /** Where a float[]'s first element lies, in bytes from the start of the array. */
    static final long FLOATS_BASE = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(float[].class);
    /** Where the single slot of a one-element Object[] lies. */
    private static final long SLOT = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(Object[].class);
    /** Whether references are stored in 32 bits (compressed) rather than as 64-bit addresses. */
    private static final boolean COMPRESSED = UNSAFE != null && UNSAFE.arrayIndexScale(Object[].class) == 4;
    /** How far a compressed reference is shifted from the address: 3, or 0 for a heap below 4 GiB. */
    static final int SHIFT = COMPRESSED ? compressedShift() : 0;

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
     * Unshifted compressed references are addresses, so every one is a multiple of 8; shifted ones
     * of objects 24 bytes apart (a {@code long[1]}: 16 bytes of header, 8 of data) step by 3. A run
     * of fresh objects tells the two apart.
     */
    private static int compressedShift() {
        Object[] holder = new Object[1];
        for (int i = 0; i < 64; i++) {
            holder[0] = new long[1];
            if ((UNSAFE.getInt(holder, SLOT) & 7) != 0) {
                return 3;
            }
        }
        return 0;
    }

    private static sun.misc.Unsafe unsafeWhereQuiet() {
        if (Runtime.version().feature() >= 24) {
            return null;
        }
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            return (sun.misc.Unsafe) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}

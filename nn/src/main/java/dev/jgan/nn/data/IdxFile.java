package dev.jgan.nn.data;

import dev.jgan.core.Shape;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An IDX file of unsigned bytes, the format of MNIST and Fashion-MNIST: a magic number
 * {@code 0x000008NN} (two zero bytes, type {@code 0x08} = unsigned byte, {@code NN} = number of
 * dims), {@code NN} big-endian 32-bit sizes, then the values in row-major order. Image files are
 * rank 3 ({@code [count, rows, cols]}, magic {@code 0x00000803}); label files rank 1 ({@code 0x00000801}).
 *
 * @param dims       the sizes from the header
 * @param file       the whole file's bytes, header included: the values are not copied out of it
 *                   (for Fashion-MNIST's images that would be 47 MB more at the peak of loading)
 * @param dataOffset where the values start in {@code file}
 */
public record IdxFile(int[] dims, byte[] file, int dataOffset) {
    private static final int UNSIGNED_BYTE = 0x08;

    /** How many values follow the header. */
    public int size() {
        return file.length - dataOffset;
    }

    /** Value {@code i} in row-major order, as the unsigned byte 0..255. */
    public int value(int i) {
        return file[dataOffset + i] & 0xFF;
    }

    /** Reads {@code file} (plain or gzip) and checks it is an unsigned-byte IDX file of {@code rank} dims. */
    public static IdxFile read(Path file, int rank) throws IOException {
        byte[] bytes = FileBytes.read(file);
        int expectedMagic = (UNSIGNED_BYTE << 8) | rank;
        if (bytes.length < 4) {
            throw new DataFileException(file, "truncated IDX header: " + bytes.length + " bytes, the magic number alone"
                    + " takes 4");
        }
        int magic = readInt(bytes, 0);
        if (magic != expectedMagic) {
            throw new DataFileException(file, "wrong magic number " + hex(magic) + ", expected " + hex(expectedMagic)
                    + " (IDX, unsigned bytes, " + rank + " dims)");
        }
        int headerLength = 4 + 4 * rank;
        if (bytes.length < headerLength) {
            throw new DataFileException(file, "truncated IDX header: " + bytes.length + " bytes, " + rank
                    + " dims need " + headerLength);
        }
        int[] dims = new int[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = readInt(bytes, 4 + 4 * d);
            if (dims[d] < 0) {
                throw new DataFileException(file, "dim " + d + " of the header is negative (" + (dims[d] & 0xFFFFFFFFL)
                        + " as unsigned), not a valid size");
            }
        }
        long actual = bytes.length - headerLength;
        long expected = 1;
        for (int s : dims) {
            // A corrupt header can promise more than a long counts; any such file is truncated.
            expected = s != 0 && expected > Long.MAX_VALUE / s ? Long.MAX_VALUE : expected * s;
        }
        if (actual < expected) {
            throw new DataFileException(file, "truncated data: the header promises " + Shape.format(dims) + " = "
                    + expected + " bytes, but only " + actual + " follow it");
        }
        if (actual > expected) {
            throw new DataFileException(file, (actual - expected) + " unexpected bytes after the " + expected
                    + " bytes of data promised by the header " + Shape.format(dims));
        }
        return new IdxFile(dims, bytes, headerLength);
    }

    private static int readInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }

    private static String hex(int value) {
        return String.format("0x%08X", value);
    }
}

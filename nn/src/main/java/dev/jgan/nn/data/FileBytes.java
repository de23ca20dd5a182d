package dev.jgan.nn.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a whole data file, gunzipping it when it starts with the gzip magic bytes. The content
 * decides, not the name: but a name ending in {@code .gz} on a file that is not gzip is
 * reported, since it is a sign of a broken download.
 */
final class FileBytes {
    private FileBytes() {
    }

    static byte[] read(Path file) throws IOException {
        byte[] raw = Files.readAllBytes(file);
        boolean gzip = raw.length >= 2 && (raw[0] & 0xFF) == 0x1F && (raw[1] & 0xFF) == 0x8B;
        if (!gzip) {
            if (file.getFileName().toString().endsWith(".gz")) {
                throw new DataFileException(file, "the name ends in .gz but the file does not start with the gzip"
                        + " magic bytes 1f 8b");
            }
            return raw;
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return readAll(in, uncompressedSizeHint(raw));
        } catch (ZipException | EOFException e) {
            throw new DataFileException(file, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The size the gzip trailer states (ISIZE: the last member's size mod 2^32), or 0 where it
     * cannot be the size of this data: deflate expands at most 1032-fold.
     */
    private static int uncompressedSizeHint(byte[] gzip) {
        int n = gzip.length;
        if (n < 18) {
            return 0;
        }
        long size = (gzip[n - 4] & 0xFFL) | (gzip[n - 3] & 0xFFL) << 8 | (gzip[n - 2] & 0xFFL) << 16
                | (gzip[n - 1] & 0xFFL) << 24;
        return size <= Math.min(Integer.MAX_VALUE - 8, 1032L * n) ? (int) size : 0;
    }

    /**
     * Reads {@code in} to its end into one array of the expected size, with no growing copies
     * (readAllBytes holds the data twice at its end: Fashion-MNIST's images are 47 MB); anything
     * past the expected size (several gzip members) is appended.
     */
    private static byte[] readAll(InputStream in, int expected) throws IOException {
        byte[] data = new byte[expected];
        int read = in.readNBytes(data, 0, expected);
        if (read < expected) {
            return Arrays.copyOf(data, read);
        }
        byte[] rest = in.readAllBytes();
        if (rest.length == 0) {
            return data;
        }
        byte[] all = Arrays.copyOf(data, expected + rest.length);
        System.arraycopy(rest, 0, all, expected, rest.length);
        return all;
    }
}

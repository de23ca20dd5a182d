package dev.jgan.nn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Gunzipping into an array of the size the trailer states, and what that size cannot cover. */
class FileBytesTest {

    @Test
    void aGzipFileIsReadWhole(@TempDir Path dir) throws IOException {
        byte[] data = counting(100_000);
        Path file = Files.write(dir.resolve("one.gz"), gzip(data));
        assertArrayEquals(data, FileBytes.read(file));
    }

    @Test
    void severalGzipMembersAreReadToTheEndThoughTheTrailerCountsOnlyTheLast(@TempDir Path dir) throws IOException {
        byte[] first = counting(70_000);
        byte[] second = counting(1_000);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzip(first));
        both.write(gzip(second));
        Path file = Files.write(dir.resolve("two.gz"), both.toByteArray());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(first);
        expected.write(second);
        assertArrayEquals(expected.toByteArray(), FileBytes.read(file));
    }

    @Test
    void anEmptyGzipFileIsEmpty(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("empty.gz"), gzip(new byte[0]));
        assertArrayEquals(new byte[0], FileBytes.read(file));
    }

    private static byte[] counting(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i * 7 + i / 251);
        }
        return data;
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}

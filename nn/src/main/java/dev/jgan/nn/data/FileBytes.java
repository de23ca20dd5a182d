package dev.jgan.nn.data;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
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
            return in.readAllBytes();
        } catch (ZipException | EOFException e) {
            throw new DataFileException(file, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }
}

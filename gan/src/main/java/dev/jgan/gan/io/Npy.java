package dev.jgan.gan.io;

import dev.jgan.core.Tensor;
import dev.jgan.nn.io.AtomicFile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a float32 tensor as a NumPy .npy file (format version 1.0: magic, header length, a
 * Python dict literal padded so the data starts on a 64-byte boundary, then little-endian data),
 * so that {@code numpy.load} reads our samples.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private Npy() {
    }

    public static void write(Tensor t, Path file) throws IOException {
        StringBuilder shape = new StringBuilder("(");
        for (int d = 0; d < t.dim(); d++) {
            shape.append(t.size(d)).append(t.dim() == 1 ? "," : d < t.dim() - 1 ? ", " : "");
        }
        shape.append(')');
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        float[] values = t.toFloatArray();
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        AtomicFile.write(file, out -> {
            out.write(MAGIC);
            int len = header.length();
            out.write(len & 0xFF);
            out.write((len >>> 8) & 0xFF);
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.write(data.array());
        });
    }
}
